import { Dataset } from '../data/dataset';
import {
  Area,
  MatrixRow,
  Num,
  RegionValues,
  SectorRowDef,
  areaMatrix,
  bestePraksis,
  effektiviseringMatrix,
  effektiviseringspotensial,
  groupAggregate,
  lgjDeviation,
  minus,
  sectorTable,
  shareDeviation,
  sumOrNull,
  utvikling,
} from '../analysis/kostra';
import { unitOf } from '../data/sources/lookup';
import { ComputeResult, MetricContext, MetricDef, MetricKind, TableColumn, TableData } from './types';

/**
 * KOSTRA metrics (DOMAIN.md §5): thin wrappers that read the Dataset and call the pure functions of
 * src/analysis/kostra.ts. Every kostra.* metric belongs to an accounting year (ctx.year). References come from
 * ctx.refs (kommuner and group codes); a reference without data shows as null, never 0.
 */

const LANDET = 'EAK';
const INNBYGGERE = 'kostra.innbyggere';

/** Tjenesteområder of 003 Tabell 6.1/6.2 (variables kostra.ndu.<key> and kostra.lonn.<key>). */
export const TJENESTEOMRADER = [
  'administrasjon',
  'barnehage',
  'barnevern',
  'brann_ulykkesvern',
  'eiendomsforvaltning',
  'fellesutgifter',
  'grunnskole',
  'helse_omsorg',
  'kirke',
  'kommunale_boliger',
  'kultur',
  'naeringsforvaltning',
  'plan_byggesak_miljo',
  'politisk_styring',
  'samferdsel',
  'sosial',
  'var',
] as const;

/**
 * Tjenesteområder of the utgiftskorrigerte comparisons in 000 (variables kostra.ndu_korr.<key>), with the name a
 * slide prints; in the row order of the source's tables, which the decks keep.
 */
const KORR_LABELS = {
  administrasjon_styring: 'administrasjon og styring',
  pleie_omsorg: 'pleie og omsorg',
  helse: 'helse',
  sosial: 'sosial',
  barnevern: 'barnevern',
  grunnskole: 'grunnskole',
  barnehage: 'barnehage',
  kultur: 'kultur',
  kirke: 'kirke',
  plan_miljo: 'plan og miljø',
  brann: 'brann',
  samferdsel: 'samferdsel',
} as const;

export const TJENESTEOMRADER_KORR = Object.keys(KORR_LABELS) as (keyof typeof KORR_LABELS)[];

// ------------------------------------------------------------------------------------------------ reading

/** Reads observations and records which variables were read and which sources the values came from. */
class Reader {
  private readonly vars = new Set<string>();
  private readonly sources = new Set<string>();
  constructor(readonly ds: Dataset) {}

  value(region: string, year: number, variable: string): Num {
    this.vars.add(variable);
    const o = this.ds.get(region, year, variable);
    if (!o) return null;
    this.sources.add(o.source);
    return o.value;
  }

  has(region: string, year: number, variable: string): boolean {
    return this.ds.get(region, year, variable)?.value != null;
  }

  useTable(name: string, source: string): void {
    this.vars.add(name);
    this.sources.add(source);
  }

  regionValues(region: string, year: number, prefix: string, keys: readonly string[]): RegionValues {
    const values: Record<string, Num> = {};
    for (const k of keys) values[k] = this.value(region, year, `${prefix}.${k}`);
    return { region, values };
  }

  label(variable: string): string {
    return this.ds.variables.get(variable)?.label ?? variable;
  }

  audit(): { source: string[]; inputs: string[] } {
    return { source: splitSources([...this.sources]), inputs: [...this.vars].sort() };
  }
}

/** "000 A; 000 B" → two sources; sorted and unique. */
function splitSources(list: string[]): string[] {
  return [...new Set(list.flatMap((s) => s.split(';').map((x) => x.trim())).filter((s) => s !== ''))].sort();
}

function unique(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}

/** The kommune first, then the references (without duplicates or the kommune itself). */
function regionsOf(ctx: MetricContext): string[] {
  return unique([ctx.kommune, ...ctx.refs]);
}

function refsOf(ctx: MetricContext): string[] {
  return unique(ctx.refs.filter((r) => r !== ctx.kommune));
}

function regionLabel(ds: Dataset, code: string): string {
  return code === LANDET ? 'Landsgjennomsnitt' : ds.regionName(code);
}

function missingKommune(ds: Dataset, ctx: MetricContext, what: string): ComputeResult {
  return { missing: `mangler ${what} for ${ds.regionName(ctx.kommune)} (${ctx.kommune}) i ${ctx.year}` };
}

function innbyggereOf(r: Reader, region: string, year: number): Num {
  return r.value(region, year, INNBYGGERE);
}

function anyValue(r: Reader, region: string, year: number, variables: readonly string[]): boolean {
  return variables.some((v) => r.has(region, year, v));
}

function tableResult(r: Reader, table: TableData): ComputeResult {
  return { table, ...r.audit() };
}

/** Area rows labelled from the variable catalogue (without the "(utgiftskorrigert)" suffix the catalogue adds). */
function areaLabels(r: Reader, prefix: string, keys: readonly string[]): Area[] {
  return keys.map((key) => ({ key, label: r.label(`${prefix}.${key}`).replace(/ \(utgiftskorrigert\)$/, '') }));
}

// ------------------------------------------------------------------------------------------------ per tjenesteområde

/** Tjenesteområder × regions as a table: a row per område, a column per region (headed by `column`), a Sum row. */
function matrixTable(r: Reader, m: { rows: MatrixRow[]; total: Num[] }, regions: readonly string[], column: (region: string) => Omit<TableColumn, 'key'>): ComputeResult {
  const cells = (values: readonly Num[]) => Object.fromEntries(regions.map((reg, i) => [reg, values[i]]));
  const columns: TableColumn[] = [{ key: 'omrade', label: 'Tjenesteområde' }, ...regions.map((reg) => ({ key: reg, ...column(reg) }))];
  const rows = [...m.rows.map((row) => ({ omrade: row.label, ...cells(row.values) })), { omrade: 'Sum', ...cells(m.total) }];
  return tableResult(r, { columns, rows, totalRows: [rows.length - 1] });
}

function areaTable(prefix: string, what: string) {
  return (ctx: MetricContext): ComputeResult => {
    const r = new Reader(ctx.dataset);
    const vars = TJENESTEOMRADER.map((k) => `${prefix}.${k}`);
    if (!anyValue(r, ctx.kommune, ctx.year, vars)) return missingKommune(ctx.dataset, ctx, what);
    const regions = regionsOf(ctx);
    const m = areaMatrix(
      areaLabels(r, prefix, TJENESTEOMRADER),
      regions.map((reg) => r.regionValues(reg, ctx.year, prefix, TJENESTEOMRADER)),
    );
    return matrixTable(r, m, regions, (reg) => ({ label: regionLabel(ctx.dataset, reg), unit: 'kr per innb', decimals: 0 }));
  };
}

// ------------------------------------------------------------------------------------------------ landsgjennomsnitt

/** The KPI against landet; `what` (for the missing messages) is the variable's label in the catalogue. */
function lgjTable(variable: string) {
  return (ctx: MetricContext): ComputeResult => {
    const r = new Reader(ctx.dataset);
    const what = r.label(variable).toLowerCase();
    const kommuneKpi = r.value(ctx.kommune, ctx.year, variable);
    if (kommuneKpi === null) return missingKommune(ctx.dataset, ctx, what);
    const lgjKpi = r.value(LANDET, ctx.year, variable);
    if (lgjKpi === null) return { missing: `mangler landsgjennomsnittet for ${what} i ${ctx.year}` };
    const innb = innbyggereOf(r, ctx.kommune, ctx.year);
    if (innb === null) return missingKommune(ctx.dataset, ctx, 'innbyggertall');
    const regions = unique([LANDET, ...regionsOf(ctx)]);
    const rows = lgjDeviation(
      regions.map((reg) => ({ region: reg, kpi: r.value(reg, ctx.year, variable) })),
      lgjKpi,
      kommuneKpi,
      innb,
    );
    const name = ctx.dataset.regionName(ctx.kommune);
    const columns: TableColumn[] = [
      { key: 'region', label: 'Region' },
      { key: 'kpi', label: 'Kroner per innbygger', unit: 'kr per innb', decimals: 0 },
      { key: 'avvik_lgj', label: 'Avvik fra landsgjennomsnittet', unit: 'kr per innb', decimals: 0 },
      { key: 'sum', label: `Sum for ${name}`, unit: 'kr', decimals: 0 },
      { key: 'avvik', label: `Avvik fra ${name}`, unit: 'kr', decimals: 0 },
    ];
    return tableResult(r, {
      columns,
      rows: rows.map((row) => ({
        region: regionLabel(ctx.dataset, row.region),
        kode: row.region,
        kpi: row.kpi,
        avvik_lgj: row.avvikLgj,
        sum: row.sum,
        avvik: row.avvik,
      })),
    });
  };
}

function lonnAndel(ctx: MetricContext): ComputeResult {
  const r = new Reader(ctx.dataset);
  const get = (reg: string) => ({ region: reg, numerator: r.value(reg, ctx.year, 'kostra.lonn_kpi'), denominator: r.value(reg, ctx.year, 'kostra.ndu_kpi') });
  const kommune = get(ctx.kommune);
  if (kommune.numerator === null || kommune.denominator === null) return missingKommune(ctx.dataset, ctx, 'lønn eller netto driftsutgifter per innbygger');
  const lgj = get(LANDET);
  if (lgj.numerator === null || lgj.denominator === null) return { missing: `mangler landsgjennomsnittet for lønn og netto driftsutgifter i ${ctx.year}` };
  const rows = shareDeviation(unique([LANDET, ...regionsOf(ctx)]).map(get), lgj);
  return tableResult(r, {
    columns: [
      { key: 'region', label: 'Region' },
      { key: 'andel', label: 'Lønn i prosent av NDU', unit: '%', decimals: 0 },
      { key: 'avvik_lgj', label: 'Avvik fra landsgjennomsnittet', unit: 'prosentpoeng', decimals: 0 },
    ],
    rows: rows.map((row) => ({ region: regionLabel(ctx.dataset, row.region), kode: row.region, andel: row.andel, avvik_lgj: row.avvikLgj })),
  });
}

// ------------------------------------------------------------------------------------------------ effektivisering

function potentialPerArea(prefix: string, keys: readonly string[], what: string) {
  return (ctx: MetricContext): ComputeResult => {
    const r = new Reader(ctx.dataset);
    if (!anyValue(r, ctx.kommune, ctx.year, keys.map((k) => `${prefix}.${k}`))) return missingKommune(ctx.dataset, ctx, what);
    const innb = innbyggereOf(r, ctx.kommune, ctx.year);
    if (innb === null) return missingKommune(ctx.dataset, ctx, 'innbyggertall');
    const refs = refsOf(ctx);
    const m = effektiviseringMatrix(
      areaLabels(r, prefix, keys),
      r.regionValues(ctx.kommune, ctx.year, prefix, keys),
      refs.map((reg) => r.regionValues(reg, ctx.year, prefix, keys)),
      innb,
    );
    return matrixTable(r, m, refs, (reg) => ({ label: `Mot ${regionLabel(ctx.dataset, reg)}`, unit: 'kr', decimals: 0 }));
  };
}

/** Effektiviseringspotensial on one KPI against each reference: one row per reference; `what` defaults to the variable's label. */
function potentialPerRef(variable: string, whatOrLabel?: string) {
  return (ctx: MetricContext): ComputeResult => {
    const r = new Reader(ctx.dataset);
    const what = whatOrLabel ?? r.label(variable).toLowerCase();
    const k = r.value(ctx.kommune, ctx.year, variable);
    if (k === null) return missingKommune(ctx.dataset, ctx, what);
    const innb = innbyggereOf(r, ctx.kommune, ctx.year);
    if (innb === null) return missingKommune(ctx.dataset, ctx, 'innbyggertall');
    const name = ctx.dataset.regionName(ctx.kommune);
    const rows = refsOf(ctx).map((reg) => {
      const ref = r.value(reg, ctx.year, variable);
      return {
        region: regionLabel(ctx.dataset, reg),
        kode: reg,
        kpi_kommune: k,
        kpi_ref: ref,
        differanse: minus(k, ref),
        potensial: effektiviseringspotensial(k, ref, innb),
      };
    });
    return tableResult(r, {
      columns: [
        { key: 'region', label: 'Sammenlignet med' },
        { key: 'kpi_kommune', label: `${name}, kr per innb`, unit: 'kr per innb', decimals: 0 },
        { key: 'kpi_ref', label: 'Referansen, kr per innb', unit: 'kr per innb', decimals: 0 },
        { key: 'differanse', label: 'Differanse per innb', unit: 'kr per innb', decimals: 0 },
        { key: 'potensial', label: 'Effektiviseringspotensial', unit: 'kr', decimals: 0 },
      ],
      rows,
    });
  };
}

// ------------------------------------------------------------------------------------------------ beste praksis, utvikling

const KORR = 'kostra.ndu_korr';

function bestePraksisOf(ctx: MetricContext): { r: Reader; result?: ReturnType<typeof bestePraksis>; missing?: ComputeResult } {
  const r = new Reader(ctx.dataset);
  const keys = TJENESTEOMRADER_KORR;
  if (!anyValue(r, ctx.kommune, ctx.year, keys.map((k) => `${KORR}.${k}`))) return { r, missing: missingKommune(ctx.dataset, ctx, 'utgiftskorrigerte netto driftsutgifter') };
  const innb = innbyggereOf(r, ctx.kommune, ctx.year);
  if (innb === null) return { r, missing: missingKommune(ctx.dataset, ctx, 'innbyggertall') };
  const result = bestePraksis(
    areaLabels(r, KORR, keys),
    r.regionValues(ctx.kommune, ctx.year, KORR, keys),
    refsOf(ctx).map((reg) => r.regionValues(reg, ctx.year, KORR, keys)),
    innb,
  );
  return { r, result };
}

function bestePraksisTable(ctx: MetricContext): ComputeResult {
  const { r, result, missing } = bestePraksisOf(ctx);
  if (!result) return missing as ComputeResult;
  const name = ctx.dataset.regionName(ctx.kommune);
  const rows: Record<string, string | number | null>[] = result.rows.map((row) => ({
    omrade: row.label,
    beste: row.bestRegion === null ? null : ctx.dataset.regionName(row.bestRegion),
    beste_kode: row.bestRegion,
    beste_verdi: row.bestValue,
    kommune: row.kommuneValue,
    diff: row.diff,
    diff_total: row.diffTotal,
  }));
  rows.push({ omrade: 'Sum', beste: null, beste_kode: null, beste_verdi: null, kommune: null, diff: null, diff_total: result.total });
  return tableResult(r, {
    columns: [
      { key: 'omrade', label: 'Tjenesteområde' },
      { key: 'beste', label: 'Beste praksis' },
      { key: 'beste_verdi', label: `Beste praksis ${ctx.year}`, unit: 'kr per innb', decimals: 0 },
      { key: 'kommune', label: `${name} ${ctx.year}`, unit: 'kr per innb', decimals: 0 },
      { key: 'diff', label: 'Differanse per innb', unit: 'kr per innb', decimals: 0 },
      { key: 'diff_total', label: 'Differanse i kroner', unit: 'kr', decimals: 0 },
    ],
    rows,
    totalRows: [rows.length - 1],
  });
}

function bestePraksisSum(ctx: MetricContext): ComputeResult {
  const { r, result, missing } = bestePraksisOf(ctx);
  if (!result) return missing as ComputeResult;
  if (result.total === null) return { missing: `beste praksis mangler verdier for ett eller flere tjenesteområder i ${ctx.year}` };
  return { value: result.total, decimals: 0, ...r.audit() };
}

/** (kommune − beste praksis) × innbyggere for one area: what the kommune spends above the best reference. */
function merforbruk(key: string) {
  return (ctx: MetricContext): ComputeResult => {
    const { r, result, missing } = bestePraksisOf(ctx);
    if (!result) return missing as ComputeResult;
    const row = result.rows.find((x) => x.key === key);
    if (!row || row.diffTotal === null) return missingKommune(ctx.dataset, ctx, `utgiftskorrigert NDU for ${key}`);
    return { value: -row.diffTotal, decimals: 0, ...r.audit() };
  };
}

function utviklingOf(ctx: MetricContext): { r: Reader; result?: ReturnType<typeof utvikling>; missing?: ComputeResult } {
  const r = new Reader(ctx.dataset);
  const keys = TJENESTEOMRADER_KORR;
  const vars = keys.map((k) => `${KORR}.${k}`);
  if (!anyValue(r, ctx.kommune, ctx.year, vars)) return { r, missing: missingKommune(ctx.dataset, ctx, 'utgiftskorrigerte netto driftsutgifter') };
  if (!anyValue(r, ctx.kommune, ctx.year - 1, vars)) return { r, missing: { missing: `mangler utgiftskorrigerte netto driftsutgifter for ${ctx.dataset.regionName(ctx.kommune)} i ${ctx.year - 1}` } };
  const innb = innbyggereOf(r, ctx.kommune, ctx.year);
  if (innb === null) return { r, missing: missingKommune(ctx.dataset, ctx, 'innbyggertall') };
  const result = utvikling(
    areaLabels(r, KORR, keys),
    r.regionValues(ctx.kommune, ctx.year - 1, KORR, keys).values,
    r.regionValues(ctx.kommune, ctx.year, KORR, keys).values,
    innb,
  );
  return { r, result };
}

function utviklingTable(ctx: MetricContext): ComputeResult {
  const { r, result, missing } = utviklingOf(ctx);
  if (!result) return missing as ComputeResult;
  const y0 = ctx.year - 1;
  const rows: Record<string, string | number | null>[] = result.rows.map((row) => ({
    omrade: row.label,
    fra: row.from,
    til: row.to,
    diff: row.diff,
    endring: row.endring,
  }));
  rows.push({ omrade: `Endring ${y0}-${ctx.year}`, fra: null, til: null, diff: null, endring: result.total });
  return tableResult(r, {
    columns: [
      { key: 'omrade', label: 'Tjenesteområde' },
      { key: 'fra', label: String(y0), unit: 'kr per innb', decimals: 0 },
      { key: 'til', label: String(ctx.year), unit: 'kr per innb', decimals: 0 },
      { key: 'diff', label: 'Endring per innb', unit: 'kr per innb', decimals: 0 },
      { key: 'endring', label: 'Endring i kroner', unit: 'kr', decimals: 0 },
    ],
    rows,
    totalRows: [rows.length - 1],
  });
}

function utviklingSum(ctx: MetricContext): ComputeResult {
  const { r, result, missing } = utviklingOf(ctx);
  if (!result) return missing as ComputeResult;
  if (result.total === null) return { missing: `utviklingen mangler verdier for ett eller flere tjenesteområder i ${ctx.year - 1}-${ctx.year}` };
  return { value: result.total, decimals: 0, ...r.audit() };
}

// ------------------------------------------------------------------------------------------------ sector tables

const G = 'kostra.grunnskole';
const trinn = Array.from({ length: 10 }, (_, i) => `${G}.elever_trinn_${i + 1}`);
const laerere = ['laerere_laererutdanning', 'laerere_annen_pedagogisk', 'laerere_uten_pedagogisk', 'laerere_vgs_eller_lavere'].map((s) => `${G}.${s}`);

function rowsOf(group: string, prefix: string, suffixes: string[]): SectorRowDef[] {
  return suffixes.map((s) => ({ group, variable: s.includes('.') ? s : `${prefix}.${s}` }));
}

/** Row layouts of the sector tables of 003 §6 (groups as in the source; sums computed). */
export const SECTOR_LAYOUTS: Record<string, { title: string; source: string; rows: SectorRowDef[] }> = {
  grunnskole: {
    title: 'Grunnskole: elever, lærere og resultater',
    source: '003 Tabell 6.3',
    rows: [
      ...trinn.map((v) => ({ group: 'Elever', variable: v })),
      { group: 'Elever', label: 'Antall elever', sumOf: trinn },
      ...laerere.map((v) => ({ group: 'Lærere', variable: v })),
      { group: 'Lærere', label: 'Antall lærere', sumOf: laerere },
      ...rowsOf('Annet', G, [
        'barn_sfo',
        'saerskilt_norsk_pct',
        'spesialundervisning_pct',
        'grunnskolepoeng',
        'np_regning_8_niva_3_5_pct',
        'np_lesing_8_niva_3_5_pct',
        'gruppestorrelse',
        'gruppestorrelse_2',
      ]),
    ],
  },
  grunnskole_okonomi: {
    title: 'Grunnskole: økonomi',
    source: '003 Tabell 6.4',
    rows: rowsOf('Økonomi', G, ['ndu', 'ndu_andel_pct', 'ndu_per_innb', 'ndu_per_innb_6_15', 'ndu_per_innb_6_9', 'lonn']),
  },
  barnehage: {
    title: 'Barnehage',
    source: '003 Tabell 6.6',
    rows: [
      ...rowsOf('Økonomi', 'kostra.barnehage', ['ndu_per_innb_1_5', 'ndu_andel_pct', 'korr_bdu_barnehager_per_time', 'korr_bdu_per_time']),
      ...rowsOf('Dekningsgrader', 'kostra.barnehage', [
        'andel_1_2_pct',
        'andel_1_5_pct',
        'andel_3_5_pct',
        'andel_kommunale_pct',
        'barn_per_arsverk',
        'andel_barnehagelaerere_pct',
        'andel_spesped_pct',
        'andel_minoritetsspraklige_pct',
      ]),
      ...rowsOf('Antall', 'kostra.barnehage', ['barn_korrigert', 'ansatte', 'ansatte_ekstra_ressurs', 'arsverk_grunnbemanning', 'barnehager']),
    ],
  },
  barnevern: {
    title: 'Barnevern',
    source: '003 Tabell 6.8',
    rows: [
      ...rowsOf('Økonomi', 'kostra.barnevern', ['ndu_per_innb_0_22', 'bdu_per_barn_undersokelse_tiltak', 'bdu_per_barn_ikke_plassert', 'bdu_per_barn_plassert']),
      ...rowsOf('Annet', 'kostra.barnevern', ['barn_per_arsverk', 'undersokelser_3_mnd_pct', 'barn_melding_pct', 'barn_undersokelse_pct', 'barn_tiltak_pct']),
    ],
  },
  omsorg: {
    title: 'Omsorgstjenester',
    source: '003 Tabell 6.9',
    rows: [
      ...rowsOf('Økonomi', 'kostra.omsorg', ['utgifter_per_innb']),
      { group: 'Økonomi', variable: 'kostra.lonn.helse_omsorg', label: 'Lønn helse og omsorg per innbygger' },
      ...rowsOf('Økonomi', 'kostra.omsorg', ['bdu_per_innb']),
      { group: 'Økonomi', variable: 'kostra.ndu.helse_omsorg', label: 'NDU helse og omsorg per innbygger' },
      ...rowsOf('Økonomi', 'kostra.omsorg', ['korr_bdu_per_innb', 'brutto_investering_per_innb', 'ndu_andel_pct', 'utgifter_per_oppholdsdogn']),
      ...rowsOf('Dekningsgrader', 'kostra.omsorg', [
        'andel_arsverk_helseutdanning_pct',
        'andel_80_hjemmetjenester_pct',
        'andel_brukere_0_66_pct',
        'andel_80_sykehjem_pct',
        'andel_enerom_pct',
        'andel_private_plasser_pct',
        'andel_67_79_dagaktivitet_pct',
        'kostra.kommunehelse.hjemmebesok_nyfodte_pct',
      ]),
      ...rowsOf('Annet', 'kostra.omsorg', ['institusjonsplasser', 'brukere_helsetjenester_hjemmet', 'arsverk_per_10000']),
    ],
  },
  kommunehelse: {
    title: 'Kommunehelsetjenesten',
    source: '003 Tabell 6.11',
    rows: [
      ...rowsOf('Økonomi', 'kostra.kommunehelse', ['lonn_per_innb', 'ndu_per_innb']),
      ...rowsOf('Annet', 'kostra.kommunehelse', [
        'legearsverk_per_10000',
        'fysioterapeutarsverk_per_10000',
        'helsestasjon_per_10000_0_20',
        'helsestasjon_per_10000_0_5',
        'legetimer_per_beboer',
        'hjemmebesok_nyfodte_pct',
      ]),
    ],
  },
  kultur: {
    title: 'Kultur',
    source: '003 Tabell 6.12',
    rows: [
      ...rowsOf('Økonomi', 'kostra.kultur', ['ndu_andel_pct', 'idrett_andel_pct', 'barn_unge_andel_pct']),
      { group: 'Økonomi', variable: 'kostra.ndu.kultur', label: 'NDU kultursektoren per innbygger' },
      ...rowsOf('Økonomi', 'kostra.kultur', ['allmenn_kultur_per_innb', 'brutto_investering_per_innb', 'bibliotek_per_innb']),
      ...rowsOf('Annet', 'kostra.kultur', ['bibliotekbesok_per_innb', 'utlan_per_innb', 'kulturskole_6_15_pct', 'besok_per_kinoforestilling']),
    ],
  },
  plan: {
    title: 'Plan, byggesak og miljø',
    source: '003 Tabell 6.13',
    rows: [
      ...rowsOf('Andeler', 'kostra.plan', ['fredet_innvilget_pct', 'dispensasjon_pct', 'kommuneplaner_innsigelse_pct', 'reguleringsplaner_innsigelse_pct', 'lnf_innvilget_pct']),
      ...rowsOf('Annet', 'kostra.plan', [
        'saksbehandlingstid_12_uker',
        'saksbehandlingstid_3_uker',
        'byggesoknader',
        'reguleringsplaner_vedtatt',
        'byggesoknader_3_uker',
        'selvkostgrad_pct',
        'tilsyn_unntatt_soknadsplikt',
      ]),
    ],
  },
  samferdsel: {
    title: 'Samferdsel',
    source: '003 Tabell 6.14',
    rows: [
      ...rowsOf('Økonomi', 'kostra.samferdsel', ['bdu_per_innb', 'gatebelysning_per_km', 'brutto_investering_veier_per_innb', 'ndu_veier_per_innb']),
      ...rowsOf('Annet', 'kostra.samferdsel', ['km_sykkel', 'andel_sykkel_pct', 'andel_belysning_pct', 'vedlikehold_andel_pct', 'andel_uten_fast_dekke_pct']),
    ],
  },
};

function decimalsOf(values: readonly Num[]): number {
  let d = 0;
  for (const v of values) {
    if (v === null) continue;
    const s = String(v);
    const i = s.indexOf('.');
    if (i >= 0) d = Math.max(d, Math.min(2, s.length - i - 1));
  }
  return d;
}

function sectorMetric(key: string) {
  const layout = SECTOR_LAYOUTS[key];
  const variables = unique(layout.rows.flatMap((d) => ('sumOf' in d ? [...d.sumOf] : [d.variable])));
  return (ctx: MetricContext): ComputeResult => {
    const r = new Reader(ctx.dataset);
    if (!anyValue(r, ctx.kommune, ctx.year, variables)) return missingKommune(ctx.dataset, ctx, `sektortall (${layout.source})`);
    const regions = regionsOf(ctx);
    const values = new Map<string, Map<string, Num>>();
    const labels = new Map<string, string>();
    for (const v of variables) {
      values.set(v, new Map(regions.map((reg) => [reg, r.value(reg, ctx.year, v)])));
      labels.set(v, r.label(v));
    }
    const rows = sectorTable(layout.rows, regions, values, labels);
    const unitOf = (row: (typeof rows)[number]): string => {
      const v = row.variable ?? row.sumOf?.[0];
      return v ? ctx.dataset.variables.get(v)?.unit ?? '' : '';
    };
    const columns: TableColumn[] = [
      { key: 'gruppe', label: 'Del' },
      { key: 'indikator', label: 'Indikator' },
      { key: 'enhet', label: 'Enhet' },
      ...regions.map((reg) => ({ key: reg, label: regionLabel(ctx.dataset, reg) })),
    ];
    const out = rows.map((row) => ({
      gruppe: row.group,
      indikator: row.label,
      enhet: unitOf(row),
      variabel: row.variable ?? null,
      desimaler: decimalsOf(row.values),
      ...Object.fromEntries(regions.map((reg, i) => [reg, row.values[i]])),
    }));
    const totalRows = rows.flatMap((row, i) => (row.isSum ? [i] : []));
    return tableResult(r, { columns, rows: out, totalRows });
  };
}

// ------------------------------------------------------------------------------------------------ other

function helsetjenesterHjemmet(ctx: MetricContext): ComputeResult {
  const r = new Reader(ctx.dataset);
  const L = 'kostra.omsorg.helsetjenester_hjemmet_lonn';
  const B = 'kostra.omsorg.helsetjenester_hjemmet_brukere';
  const years = [...new Set([...ctx.dataset.series(ctx.kommune, L), ...ctx.dataset.series(ctx.kommune, B)].map((o) => o.year))]
    .filter((y) => y <= ctx.year)
    .sort((a, b) => a - b);
  if (years.length === 0) return missingKommune(ctx.dataset, ctx, 'tall for helsetjenester i hjemmet');
  const rows = years.map((y) => {
    const lonn = r.value(ctx.kommune, y, L);
    const brukere = r.value(ctx.kommune, y, B);
    return { ar: y, lonn, brukere, lonn_per_bruker: lonn !== null && brukere ? (lonn * 1000) / brukere : null };
  });
  return tableResult(r, {
    columns: [
      { key: 'ar', label: 'År' },
      { key: 'lonn', label: 'Lønn (1000 kr)', unit: '1000 kr', decimals: 0 },
      { key: 'brukere', label: 'Brukere', unit: 'antall', decimals: 0 },
      { key: 'lonn_per_bruker', label: 'Lønn per bruker', unit: 'kr', decimals: 0 },
    ],
    rows,
  });
}

const MEDLEMSKAP = 'kostragruppe_medlemskap';

function groupOf(ds: Dataset, kommune: string, year: number): string | null {
  const row = ds.table(MEDLEMSKAP, { year, kommune })[0];
  return row ? String(row.values.gruppe) : null;
}

function kostragruppe(ctx: MetricContext): ComputeResult {
  const g = groupOf(ctx.dataset, ctx.kommune, ctx.year);
  if (g === null) return missingKommune(ctx.dataset, ctx, 'KOSTRA-gruppe');
  const row = ctx.dataset.table(MEDLEMSKAP, { year: ctx.year, kommune: ctx.kommune })[0];
  return { value: ctx.dataset.regionName(g), source: [String(row.values.source)], inputs: [MEDLEMSKAP] };
}

function membersOf(r: Reader, group: string, year: number) {
  const rows = r.ds.table(MEDLEMSKAP, { year, gruppe: group });
  for (const row of rows) r.useTable(MEDLEMSKAP, String(row.values.source));
  return rows.map((row) => {
    const k = String(row.values.kommune);
    return {
      region: k,
      innbyggere: r.value(k, year, INNBYGGERE),
      frieInntekter: r.value(k, year, 'kostra.frie_inntekter_total'),
      ndu: r.value(k, year, 'kostra.ndu_total'),
    };
  });
}

function kostragruppeMedlemmer(ctx: MetricContext): ComputeResult {
  const g = groupOf(ctx.dataset, ctx.kommune, ctx.year);
  if (g === null) return missingKommune(ctx.dataset, ctx, 'KOSTRA-gruppe');
  const r = new Reader(ctx.dataset);
  const members = membersOf(r, g, ctx.year);
  const rows: Record<string, string | number | null>[] = members.map((m) => ({
    kommune: ctx.dataset.regionName(m.region),
    kode: m.region,
    innbyggere: m.innbyggere,
    frie_inntekter: m.frieInntekter,
    ndu: m.ndu,
    dekningsgrad: m.frieInntekter !== null && m.ndu ? m.frieInntekter / m.ndu : null,
  }));
  const agg = groupAggregate(members);
  rows.push({
    kommune: `${ctx.dataset.regionName(g)} (${agg.antall} kommuner)`,
    kode: g,
    innbyggere: agg.innbyggere,
    frie_inntekter: sumOrNull(members.map((m) => m.frieInntekter)),
    ndu: sumOrNull(members.map((m) => m.ndu)),
    dekningsgrad: agg.dekningsgrad,
  });
  return tableResult(r, {
    columns: [
      { key: 'kommune', label: 'Kommune' },
      { key: 'innbyggere', label: 'Innbyggere', unit: 'antall', decimals: 0 },
      { key: 'frie_inntekter', label: 'Frie inntekter (1000 kr)', unit: '1000 kr', decimals: 0 },
      { key: 'ndu', label: 'Netto driftsutgifter (1000 kr)', unit: '1000 kr', decimals: 0 },
      { key: 'dekningsgrad', label: 'Dekningsgrad', unit: 'forhold', decimals: 2 },
    ],
    rows,
    totalRows: [rows.length - 1],
  });
}

function kostragruppeSnitt(ctx: MetricContext): ComputeResult {
  const own = groupOf(ctx.dataset, ctx.kommune, ctx.year);
  const groups = unique([...(own ? [own] : []), ...ctx.refs.filter((g) => ctx.dataset.table(MEDLEMSKAP, { year: ctx.year, gruppe: g }).length > 0)]);
  if (groups.length === 0) return { missing: `ingen KOSTRA-gruppe med kjente medlemmer for ${ctx.dataset.regionName(ctx.kommune)} i ${ctx.year}` };
  const r = new Reader(ctx.dataset);
  const rows = groups.map((g) => {
    const a = groupAggregate(membersOf(r, g, ctx.year));
    return {
      gruppe: ctx.dataset.regionName(g),
      kode: g,
      antall: a.antall,
      innbyggere: a.innbyggere,
      frie_inntekter_per_innb: a.frieInntekterPerInnb,
      ndu_per_innb: a.nduPerInnb,
      dekningsgrad: a.dekningsgrad,
    };
  });
  return tableResult(r, {
    columns: [
      { key: 'gruppe', label: 'KOSTRA-gruppe' },
      { key: 'antall', label: 'Kommuner', unit: 'antall', decimals: 0 },
      { key: 'innbyggere', label: 'Innbyggere', unit: 'antall', decimals: 0 },
      { key: 'frie_inntekter_per_innb', label: 'Frie inntekter per innb', unit: 'kr per innb', decimals: 0 },
      { key: 'ndu_per_innb', label: 'NDU per innb', unit: 'kr per innb', decimals: 0 },
      { key: 'dekningsgrad', label: 'Dekningsgrad', unit: 'forhold', decimals: 2 },
    ],
    rows,
  });
}

function scalarVariable(variable: string, what: string, published = false) {
  return (ctx: MetricContext): ComputeResult => {
    const r = new Reader(ctx.dataset);
    const v = r.value(ctx.kommune, ctx.year, variable);
    if (v === null) return missingKommune(ctx.dataset, ctx, what);
    return { value: v, decimals: 0, ...r.audit(), ...(published ? { published: true } : {}) };
  };
}

// ------------------------------------------------------------------------------------------------ the metric families

/**
 * The families of kostra.* definitions: each takes its variables and its formula; the unit comes from the source map
 * (src/data/sources/), so a definition is its id, label, variables and formula.
 */

const AREA_VARS = (prefix: string, keys: readonly string[]) => keys.map((k) => `${prefix}.${k}`);
const NDU_AREAS = AREA_VARS('kostra.ndu', TJENESTEOMRADER);
const KORR_AREAS = AREA_VARS(KORR, TJENESTEOMRADER_KORR);

/** A per-innbygger unit times innbyggere: "kr per innb" → "kr". */
const kroner = (variable: string) => unitOf(variable).replace(/ per innb$/, '');

/** One variable of the kommune and year as it is. */
function variableMetric(variable: string, label: string, formula: string, what: string, published = false): MetricDef {
  return { id: variable, label, unit: unitOf(variable), kind: 'scalar', inputs: [variable], formula, compute: scalarVariable(variable, what, published) };
}

/** A per-innbygger variable per tjenesteområde (`<prefix>.<område>`), for the kommune and the references. */
function perAreaMetric(id: string, prefix: string, label: string, formula: string, what: string): MetricDef {
  const inputs = AREA_VARS(prefix, TJENESTEOMRADER);
  return { id, label, unit: unitOf(inputs[0]), kind: 'table', inputs, formula, compute: areaTable(prefix, what) };
}

/** Kroner from per-innbygger variables × the kommune's innbyggere. */
function kronerMetric(id: string, label: string, variables: readonly string[], formula: string, compute: MetricDef['compute'], kind: MetricKind = 'table'): MetricDef {
  return { id, label, unit: kroner(variables[0]), kind, inputs: [...variables, INNBYGGERE], formula, compute };
}

const LGJ_FORMULA = 'avvik = KPI − KPI landet; sum = KPI × innbyggere i kommunen; avvik i kroner = sum − kommunens sum';

/** `kostra.lgj.<key>`: a KPI against landet, in kroner for the kommune's innbyggere. */
function lgjMetric(key: string, variable: string, name: string): MetricDef {
  return kronerMetric(`kostra.lgj.${key}`, `${name} mot landsgjennomsnittet`, [variable], LGJ_FORMULA, lgjTable(variable));
}

const SECTOR_METRICS: MetricDef[] = Object.entries(SECTOR_LAYOUTS).map(([key, layout]) => ({
  id: `kostra.sektor.${key}`,
  label: `${layout.title} (KOSTRA)`,
  unit: 'blandet',
  kind: 'table',
  inputs: unique(layout.rows.flatMap((d) => ('sumOf' in d ? [...d.sumOf] : [d.variable]))),
  formula: `indikatorene i ${layout.source} per region; summerader regnes ut av delene`,
  compute: sectorMetric(key),
}));

const MERFORBRUK_METRICS: MetricDef[] = TJENESTEOMRADER_KORR.map((key) =>
  kronerMetric(
    `kostra.merforbruk.${key}`,
    `Merforbruk mot beste praksis: ${KORR_LABELS[key]}`,
    [`${KORR}.${key}`],
    '(utgiftskorrigert NDU per innb for kommunen − laveste blant kommunen og referansene) × innbyggere',
    merforbruk(key),
    'scalar',
  ),
);

const GRUPPE_TALL = [MEDLEMSKAP, INNBYGGERE, 'kostra.frie_inntekter_total', 'kostra.ndu_total'];

export const KOSTRA_METRICS: MetricDef[] = [
  variableMetric(INNBYGGERE, 'Innbyggere (KOSTRA)', 'folketallet KOSTRA-tallene per innbygger bygger på, for regnskapsåret', 'innbyggertall'),
  { id: 'kostra.kostragruppe', label: 'KOSTRA-gruppe', unit: 'tekst', kind: 'scalar', inputs: [MEDLEMSKAP], formula: 'gruppen kommunen tilhører i regnskapsåret', compute: kostragruppe },
  {
    id: 'kostra.kostragruppe_medlemmer',
    label: 'Kommunene i KOSTRA-gruppen',
    unit: '1000 kr',
    kind: 'table',
    inputs: GRUPPE_TALL,
    formula: 'medlemmene av kommunens KOSTRA-gruppe med innbyggere, frie inntekter, NDU og dekningsgrad = frie inntekter / NDU; siste rad summerer gruppen',
    compute: kostragruppeMedlemmer,
  },
  {
    id: 'kostra.kostragruppe_snitt',
    label: 'KOSTRA-grupper: veid gjennomsnitt av medlemmene',
    unit: 'kr per innb',
    kind: 'table',
    inputs: GRUPPE_TALL,
    formula: 'Σ frie inntekter / Σ innbyggere og Σ NDU / Σ innbyggere over medlemmene, for kommunens gruppe og gruppene blant referansene',
    compute: kostragruppeSnitt,
  },
  perAreaMetric('kostra.ndu_per_innb', 'kostra.ndu', 'Netto driftsutgifter per innbygger per tjenesteområde', 'NDU per innbygger per tjenesteområde for kommunen og referansene; Sum = Σ tjenesteområdene', 'netto driftsutgifter per tjenesteområde'),
  perAreaMetric('kostra.lonn_per_innb', 'kostra.lonn', 'Lønn per innbygger per tjenesteområde', 'lønn fratrukket sykelønnsrefusjon per innbygger per tjenesteområde; Sum = Σ tjenesteområdene', 'lønn per tjenesteområde'),
  lgjMetric('frie_inntekter', 'kostra.frie_inntekter_kpi', 'Frie inntekter'),
  lgjMetric('ndu', 'kostra.ndu_kpi', 'Netto driftsutgifter'),
  lgjMetric('lonn', 'kostra.lonn_kpi', 'Lønnsutgifter'),
  {
    id: 'kostra.lgj.lonn_andel',
    label: 'Lønn i prosent av netto driftsutgifter',
    unit: '%',
    kind: 'table',
    inputs: ['kostra.lonn_kpi', 'kostra.ndu_kpi'],
    formula: 'andel = 100 × lønn per innb / NDU per innb; avvik = andel − andelen for landet (prosentpoeng)',
    compute: lonnAndel,
  },
  kronerMetric(
    'kostra.effektiviseringspotensial',
    'Effektiviseringspotensial per tjenesteområde',
    NDU_AREAS,
    '(NDU per innb kommunen − NDU per innb referansen) × innbyggere, per tjenesteområde og referanse; Sum = Σ områdene',
    potentialPerArea('kostra.ndu', TJENESTEOMRADER, 'netto driftsutgifter per tjenesteområde'),
  ),
  kronerMetric('kostra.effektiviseringspotensial_ndu', 'Effektiviseringspotensial, samlede netto driftsutgifter', ['kostra.ndu_kpi'], '(NDU per innb kommunen − NDU per innb referansen) × innbyggere, per referanse', potentialPerRef('kostra.ndu_kpi')),
  kronerMetric(
    'kostra.effektiviseringspotensial_administrasjon',
    'Effektiviseringspotensial i administrasjonen',
    ['kostra.adm_kpi_figur'],
    '(administrasjon per innb kommunen − referansen) × innbyggere, per referanse',
    potentialPerRef('kostra.adm_kpi_figur', 'administrasjonsutgift per innbygger'),
  ),
  kronerMetric(
    'kostra.effektiviseringspotensial_korr',
    'Effektiviseringspotensial per tjenesteområde (utgiftskorrigert)',
    KORR_AREAS,
    '(utgiftskorrigert NDU per innb kommunen − referansen) × innbyggere, per tjenesteområde og referanse',
    potentialPerArea(KORR, TJENESTEOMRADER_KORR, 'utgiftskorrigerte netto driftsutgifter'),
  ),
  kronerMetric(
    'kostra.beste_praksis',
    'Beste praksis mot referansekommunene',
    KORR_AREAS,
    'per tjenesteområde: laveste utgiftskorrigerte NDU per innb blant kommunen og referansene; diff = beste − kommunen; × innbyggere',
    bestePraksisTable,
  ),
  kronerMetric('kostra.beste_praksis_sum', 'Beste praksis: samlet differanse', KORR_AREAS, 'Σ over tjenesteområdene av (beste praksis − kommunen) × innbyggere', bestePraksisSum, 'scalar'),
  ...MERFORBRUK_METRICS,
  kronerMetric('kostra.utvikling', 'Utvikling i utgiftskorrigerte netto driftsutgifter fra året før', KORR_AREAS, 'per tjenesteområde: (NDU per innb i år − i fjor) × innbyggere i år', utviklingTable),
  kronerMetric(
    'kostra.utvikling_sum',
    'Samlet endring i utgiftskorrigerte netto driftsutgifter fra året før',
    KORR_AREAS,
    'Σ over tjenesteområdene av (NDU per innb i år − i fjor) × innbyggere i år',
    utviklingSum,
    'scalar',
  ),
  ...SECTOR_METRICS,
  {
    id: 'kostra.helsetjenester_hjemmet',
    label: 'Helsetjenester i hjemmet: lønn og brukere over tid',
    unit: '1000 kr',
    kind: 'table',
    inputs: ['kostra.omsorg.helsetjenester_hjemmet_lonn', 'kostra.omsorg.helsetjenester_hjemmet_brukere'],
    formula: 'lønn og brukere per år fram til regnskapsåret; lønn per bruker = lønn / brukere',
    compute: helsetjenesterHjemmet,
  },
  variableMetric('kostra.grunnskole_merforbruk_publisert', 'Merforbruk grunnskole (publisert)', 'beløpet slik kilden oppgir det; grunnlaget er ikke trykt', 'publisert merforbruk i grunnskolen', true),
];
