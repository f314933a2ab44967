import { Dataset } from '../data/dataset';
import {
  checkTargets,
  DEFAULT_TARGETS,
  dekningsgrad,
  growth,
  incomeBreakdown,
  IncomeBreakdown,
  incomePerInnbygger,
  interestRateCost,
  keyFigureTable,
  shareOfIncome,
  Target,
  TargetRule,
  TARGET_LABELS,
} from '../analysis/finans';
import { unitOf } from '../data/sources/lookup';
import { ComputeResult, MetricContext, MetricDef, TableColumn, TableData } from './types';

/* ------------------------------------------------------------------ helpers shared by the three families */

/** The number of an observation; null when missing or absent. */
export function val(ds: Dataset, region: string, year: number, variable: string): number | null {
  const v = ds.value(region, year, variable);
  return v === undefined || v === null ? null : v;
}

/** The kommune first, then the references (without duplicates). */
export function regionsOf(ctx: MetricContext): string[] {
  return [ctx.kommune, ...ctx.refs.filter((r, i) => r !== ctx.kommune && ctx.refs.indexOf(r) === i)];
}

/** The newest year ≤ `year` in which any of the regions has any of the variables. */
export function latestYearWith(ds: Dataset, regions: readonly string[], variables: readonly string[], year: number): number | undefined {
  let best: number | undefined;
  for (const r of regions)
    for (const v of variables)
      for (const o of ds.series(r, v)) if (o.year <= year && (best === undefined || o.year > best)) best = o.year;
  return best;
}

/** Distinct sources of the observations read, in first-seen order. */
export function sourcesOf(ds: Dataset, reads: readonly [string, number, string][]): string[] {
  const out: string[] = [];
  for (const [r, y, v] of reads) {
    const s = ds.get(r, y, v)?.source;
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

export function uniq<T>(xs: readonly T[]): T[] {
  return xs.filter((x, i) => xs.indexOf(x) === i);
}

/* ------------------------------------------------------------------ nøkkeltall (003 Tabell 1.1) */

const BDI = 'finans.brutto_driftsinntekter';

/** The nøkkeltall of 003 Tabell 1.1, in the table's order (variable key -> bokmål label). */
export const NOKKELTALL: readonly { key: string; label: string }[] = [
  { key: 'arbeidskapital', label: 'Arbeidskapital ekskl. premieavvik' },
  { key: 'avdrag', label: 'Avdrag (netto) i driftsregnskapet' },
  { key: 'avsetning_bundne_fond', label: 'Avsetning til bundne fond (netto)' },
  { key: 'brutto_driftsresultat', label: 'Brutto driftsresultat' },
  { key: 'brutto_investeringsutgifter', label: 'Brutto investeringsutgifter' },
  { key: 'disposisjonsfond', label: 'Disposisjonsfond' },
  { key: 'fri_egenkapital_drift', label: 'Fri egenkapital drift' },
  { key: 'langsiktig_gjeld', label: 'Langsiktig gjeld' },
  { key: 'netto_driftsresultat', label: 'Netto driftsresultat' },
  { key: 'netto_lanegjeld', label: 'Netto lånegjeld' },
  { key: 'netto_renteeksponering', label: 'Netto renteeksponering' },
  { key: 'overskudd_for_lan_avsetninger', label: 'Overskudd før lån og avsetninger' },
  { key: 'pensjonsforpliktelse', label: 'Pensjonsforpliktelse' },
  { key: 'regnskapsmessig_merforbruk', label: 'Regnskapsmessig merforbruk' },
  { key: 'renteeksponert_gjeld', label: 'Renteeksponert gjeld' },
  { key: 'renter_netto', label: 'Renter (netto)' },
  { key: 'tap_gevinst_finansielle_instrumenter', label: 'Tap/gevinst på finansielle instrumenter (netto)' },
  { key: 'utlan_netto', label: 'Utlån (netto) i driftsregnskapet' },
  { key: 'arets_merforbruk_drift', label: 'Årets merforbruk i driftsregnskapet' },
  { key: 'arets_udekket_investering', label: 'Årets udekket i investeringsregnskapet' },
];

function noBdi(ctx: MetricContext) {
  return { missing: `brutto driftsinntekter mangler for ${ctx.dataset.regionName(ctx.kommune)} ${ctx.year}` };
}

/**
 * A scalar from one amount variable of the kommune and year: the amount-based key figures. The unit is the map's
 * (src/data/sources/) when the amount is shown as it is; `value` computes another figure from it (then `unit` says
 * its unit, and an amount not given counts as missing). `what` names the amount in the missing messages (default:
 * the label).
 */
function amountFigure(variable: string, d: { id?: string; label: string; formula: string; unit?: string; what?: string; value?: (amount: number) => number }): MetricDef {
  const what = d.what ?? d.label.toLowerCase();
  return {
    id: d.id ?? variable,
    label: d.label,
    unit: d.unit ?? unitOf(variable),
    kind: 'scalar',
    inputs: [variable],
    formula: d.formula,
    compute(ctx) {
      const o = ctx.dataset.get(ctx.kommune, ctx.year, variable);
      if (!o || (o.value === null && d.value)) return { missing: `${what} mangler for ${ctx.dataset.regionName(ctx.kommune)} ${ctx.year}` };
      if (o.value === null) return { missing: `${what} er ikke oppgitt (${o.symbol ?? '..'})` };
      return { value: d.value ? d.value(o.value) : o.value, decimals: 0, source: [o.source], inputs: [variable] };
    },
  };
}

const amountMetric = (key: string, label: string) => amountFigure(`finans.${key}`, { label, formula: `${label} i regnskapsåret (${unitOf(`finans.${key}`)})` });

function pctMetric(key: string, label: string): MetricDef {
  const variable = `finans.${key}`;
  return {
    id: `${variable}_pct`,
    label: `${label} i % av brutto driftsinntekter`,
    unit: '%',
    kind: 'scalar',
    inputs: [variable, BDI],
    formula: `${label} / brutto driftsinntekter × 100`,
    compute(ctx) {
      const ds = ctx.dataset;
      const bdi = val(ds, ctx.kommune, ctx.year, BDI);
      if (bdi === null) return noBdi(ctx);
      const a = val(ds, ctx.kommune, ctx.year, variable);
      if (a === null) return { missing: `${label.toLowerCase()} mangler for ${ds.regionName(ctx.kommune)} ${ctx.year}` };
      return { value: shareOfIncome(a, bdi), decimals: 1, source: sourcesOf(ds, [[ctx.kommune, ctx.year, variable], [ctx.kommune, ctx.year, BDI]]), inputs: [variable, BDI] };
    },
  };
}

const nokkeltallTable: MetricDef = {
  id: 'finans.nokkeltall',
  label: 'Nøkkeltall: beløp og andel av brutto driftsinntekter',
  unit: '1000 kr',
  kind: 'table',
  inputs: [...NOKKELTALL.map((n) => `finans.${n.key}`), BDI],
  formula: 'per nøkkeltall: beløp (1000 kr) og beløp / brutto driftsinntekter × 100',
  compute(ctx) {
    const ds = ctx.dataset;
    const bdi = val(ds, ctx.kommune, ctx.year, BDI);
    if (bdi === null) return noBdi(ctx);
    const present = NOKKELTALL.filter((n) => ds.get(ctx.kommune, ctx.year, `finans.${n.key}`) !== undefined);
    if (present.length === 0) return { missing: `ingen nøkkeltall for ${ds.regionName(ctx.kommune)} ${ctx.year}` };
    const rows = keyFigureTable(
      present.map((n) => ({ id: n.key, label: n.label, amount: val(ds, ctx.kommune, ctx.year, `finans.${n.key}`) })),
      bdi,
    );
    const inputs = [...present.map((n) => `finans.${n.key}`), BDI];
    return {
      table: {
        columns: [
          { key: 'nokkeltall', label: 'Nøkkeltall' },
          { key: 'belop', label: 'Beløp (1000 kr)', unit: '1000 kr', decimals: 0 },
          { key: 'andel', label: 'Andel av brutto driftsinntekter (%)', unit: '%', decimals: 1 },
        ],
        rows: rows.map((r) => ({ nokkeltall: r.label, belop: r.amount, andel: r.pct })),
      },
      source: sourcesOf(ds, inputs.map((v): [string, number, string] => [ctx.kommune, ctx.year, v])),
      inputs,
    };
  },
};

const bruttoDriftsinntekter = amountFigure(BDI, { label: 'Brutto driftsinntekter', unit: 'kr', formula: 'brutto driftsinntekter i regnskapsåret, i kroner', value: (v) => v * 1000 });

/* ------------------------------------------------------------------ KØB targets */

const RULES: readonly TargetRule[] = ['netto_driftsresultat', 'disposisjonsfond', 'netto_lanegjeld'];

/** The kommune's own targets from data/tables/kob_mal.csv; rules it has not set fall back to DEFAULT_TARGETS. */
export function targetsFor(ds: Dataset, kommune: string): { targets: Target[]; own: boolean; source: string[] } {
  const rows = ds.table('kob_mal', { region: kommune });
  const targets: Target[] = [];
  const source: string[] = [];
  for (const d of DEFAULT_TARGETS) {
    const row = rows.find((r) => r.values.regel === d.rule);
    const threshold = row?.values.terskel;
    if (row && typeof threshold === 'number') {
      const dir = String(row.values.retning);
      targets.push({ rule: d.rule, threshold, direction: dir === 'maks' || dir === 'max' ? 'max' : 'min' });
      const s = row.values.source;
      if (typeof s === 'string' && !source.includes(s)) source.push(s);
    } else targets.push(d);
  }
  return { targets, own: rows.length > 0, source };
}

function kobResults(ctx: MetricContext) {
  const ds = ctx.dataset;
  const bdi = val(ds, ctx.kommune, ctx.year, BDI);
  if (bdi === null) return null;
  const actual: Partial<Record<TargetRule, number | null>> = {};
  for (const r of RULES) {
    const a = val(ds, ctx.kommune, ctx.year, `finans.${r}`);
    actual[r] = a === null ? null : shareOfIncome(a, bdi);
  }
  const t = targetsFor(ds, ctx.kommune);
  const results = checkTargets(t.targets, actual);
  if (results.every((r) => r.actual === null)) return null;
  const inputs = [...RULES.map((r) => `finans.${r}`), BDI, 'kob_mal'];
  const source = uniq([...sourcesOf(ds, [...RULES.map((r): [string, number, string] => [ctx.kommune, ctx.year, `finans.${r}`])]), ...t.source]);
  if (!t.own) source.push('standardmål (NDR ≥ 2 %, disposisjonsfond ≥ 8 %, netto lånegjeld ≤ 75 %)');
  return { results, inputs, source };
}

const kobTable: MetricDef = {
  id: 'finans.kob',
  label: 'KØB-mål: mål, resultat og om målet er nådd',
  unit: '%',
  kind: 'table',
  inputs: [...RULES.map((r) => `finans.${r}`), BDI, 'kob_mal'],
  formula: 'per handlingsregel: beløp / brutto driftsinntekter × 100 mot kommunens terskel (vist med én desimal)',
  compute(ctx) {
    const k = kobResults(ctx);
    if (!k) return { missing: `nøkkeltall eller brutto driftsinntekter mangler for ${ctx.dataset.regionName(ctx.kommune)} ${ctx.year}` };
    return {
      table: {
        columns: [
          { key: 'regel', label: 'Handlingsregel' },
          { key: 'krav', label: 'Mål' },
          { key: 'terskel', label: 'Terskel (%)', unit: '%', decimals: 1 },
          { key: 'faktisk', label: 'Resultat (%)', unit: '%', decimals: 1 },
          { key: 'oppfylt', label: 'Nådd' },
        ],
        rows: k.results.map((r) => ({
          regel: r.label,
          krav: `${r.direction === 'min' ? 'minst' : 'høyst'} ${String(r.threshold).replace('.', ',')} %`,
          terskel: r.threshold,
          faktisk: r.actual,
          oppfylt: r.met === null ? null : r.met ? '✓' : '×',
        })),
      },
      source: k.source,
      inputs: k.inputs,
    };
  },
};

/** A count over the handlingsregler. */
function kobCountMetric(id: string, label: string, formula: string, count: (results: NonNullable<ReturnType<typeof kobResults>>['results']) => number): MetricDef {
  return {
    id,
    label,
    unit: 'antall',
    kind: 'scalar',
    inputs: kobTable.inputs,
    formula,
    compute(ctx) {
      const k = kobResults(ctx);
      if (!k) return { missing: `nøkkeltall eller brutto driftsinntekter mangler for ${ctx.dataset.regionName(ctx.kommune)} ${ctx.year}` };
      return { value: count(k.results), decimals: 0, source: k.source, inputs: k.inputs };
    },
  };
}

const kobMetCount = kobCountMetric('finans.kob_oppfylt_antall', 'Antall KØB-mål nådd', 'antall handlingsregler der resultatet når terskelen', (rs) => rs.filter((r) => r.met === true).length);
const kobCount = kobCountMetric('finans.kob_antall', 'Antall KØB-mål vurdert', 'antall handlingsregler med resultat', (rs) => rs.filter((r) => r.met !== null).length);

function kobRuleMetric(rule: TargetRule): MetricDef {
  return {
    id: `finans.kob_${rule}_oppfylt`,
    label: `KØB-mål nådd: ${TARGET_LABELS[rule].toLowerCase()}`,
    unit: 'tekst',
    kind: 'scalar',
    inputs: [`finans.${rule}`, BDI, 'kob_mal'],
    formula: 'ja når resultatet (én desimal) når kommunens terskel, ellers nei',
    compute(ctx) {
      const k = kobResults(ctx);
      const r = k?.results.find((x) => x.rule === rule);
      if (!k || !r || r.met === null) return { missing: `${TARGET_LABELS[rule].toLowerCase()} mangler for ${ctx.dataset.regionName(ctx.kommune)} ${ctx.year}` };
      return { value: r.met ? 'ja' : 'nei', source: k.source, inputs: [`finans.${rule}`, BDI, 'kob_mal'] };
    },
  };
}

/* ------------------------------------------------------------------ interest-rate exposure */

const renteeksponering = amountFigure('finans.netto_renteeksponering', {
  id: 'finans.renteeksponering_1pp',
  label: 'Merkostnad ved 1 prosentpoeng høyere rente',
  unit: 'kr',
  what: 'netto renteeksponering',
  formula: 'netto renteeksponering × 1 prosentpoeng',
  value: (v) => interestRateCost(v * 1000, 1),
});

/* ------------------------------------------------------------------ dekningsgrad (003 Tabell 1.2) */

const FRIE_PER_INNB = 'finans.frie_inntekter_per_innb';
const NDU_PER_INNB = 'finans.ndu_per_innb';

function dekning(ds: Dataset, region: string, year: number): { frie: number; ndu: number; d: number } | null {
  const frie = val(ds, region, year, FRIE_PER_INNB);
  const ndu = val(ds, region, year, NDU_PER_INNB);
  if (frie === null || ndu === null || !(ndu > 0)) return null;
  return { frie, ndu, d: dekningsgrad(frie, ndu) };
}

const dekningsgradMetric: MetricDef = {
  id: 'finans.dekningsgrad',
  label: 'Dekningsgrad: frie inntekter / netto driftsutgifter',
  unit: 'forholdstall',
  kind: 'scalar',
  inputs: [FRIE_PER_INNB, NDU_PER_INNB],
  formula: 'frie inntekter per innbygger / netto driftsutgifter per innbygger',
  compute(ctx) {
    const r = dekning(ctx.dataset, ctx.kommune, ctx.year);
    if (!r) return { missing: `frie inntekter eller netto driftsutgifter per innbygger mangler for ${ctx.dataset.regionName(ctx.kommune)} ${ctx.year}` };
    return { value: r.d, decimals: 2, source: sourcesOf(ctx.dataset, [[ctx.kommune, ctx.year, FRIE_PER_INNB], [ctx.kommune, ctx.year, NDU_PER_INNB]]), inputs: [FRIE_PER_INNB, NDU_PER_INNB] };
  },
};

const dekningsgradTable: MetricDef = {
  id: 'finans.dekningsgrad_sammenligning',
  label: 'Dekningsgrad for kommunen og sammenligningene',
  unit: 'forholdstall',
  kind: 'table',
  inputs: [FRIE_PER_INNB, NDU_PER_INNB],
  formula: 'per region: frie inntekter per innbygger / netto driftsutgifter per innbygger',
  compute(ctx) {
    const ds = ctx.dataset;
    const rows: TableData['rows'] = [];
    const reads: [string, number, string][] = [];
    for (const region of regionsOf(ctx)) {
      const r = dekning(ds, region, ctx.year);
      if (!r) continue;
      reads.push([region, ctx.year, FRIE_PER_INNB], [region, ctx.year, NDU_PER_INNB]);
      rows.push({ region: ds.regionName(region), frie: r.frie, ndu: r.ndu, dekningsgrad: r.d });
    }
    if (rows.length === 0 || !dekning(ds, ctx.kommune, ctx.year)) return { missing: `dekningsgraden kan ikke regnes for ${ds.regionName(ctx.kommune)} ${ctx.year}` };
    return {
      table: {
        columns: [
          { key: 'region', label: 'Kommune/gruppe' },
          { key: 'frie', label: 'Frie inntekter per innb (1000 kr)', unit: '1000 kr per innb', decimals: 1 },
          { key: 'ndu', label: 'NDU per innb (1000 kr)', unit: '1000 kr per innb', decimals: 1 },
          { key: 'dekningsgrad', label: 'Dekningsgrad', unit: 'forholdstall', decimals: 2 },
        ],
        rows,
      },
      source: sourcesOf(ds, reads),
      inputs: [FRIE_PER_INNB, NDU_PER_INNB],
    };
  },
};

/* ------------------------------------------------------------------ growth of frie inntekter vs NDU */

const GROWTH_SERIES: readonly { variable: string; label: string }[] = [
  { variable: 'kostra.frie_inntekter_total', label: 'Frie inntekter' },
  { variable: 'kostra.ndu_total', label: 'Netto driftsutgifter' },
];

function growthOf(ds: Dataset, region: string, variable: string, year: number) {
  const pts = ds
    .series(region, variable)
    .filter((o) => o.year <= year && o.value !== null)
    .map((o) => ({ year: o.year, value: o.value as number }));
  return { g: growth(pts), reads: pts.map((p): [string, number, string] => [region, p.year, variable]) };
}

const vekstTable: MetricDef = {
  id: 'finans.vekst_frie_inntekter_ndu',
  label: 'Vekst i frie inntekter og netto driftsutgifter',
  unit: '%',
  kind: 'table',
  inputs: GROWTH_SERIES.map((s) => s.variable),
  formula: 'samlet vekst = siste/første − 1; årlig vekst = (siste/første)^(1/år) − 1, for årene med data til og med valgt år',
  compute(ctx) {
    const ds = ctx.dataset;
    const rows: TableData['rows'] = [];
    const reads: [string, number, string][] = [];
    for (const s of GROWTH_SERIES) {
      const { g, reads: r } = growthOf(ds, ctx.kommune, s.variable, ctx.year);
      if (!g) return { missing: `${s.label.toLowerCase()} finnes ikke for minst to år til og med ${ctx.year} for ${ds.regionName(ctx.kommune)}` };
      reads.push(...r);
      rows.push({ storrelse: s.label, fra: g.fromYear, til: g.toYear, samlet: g.totalPct, arlig: g.annualPct });
    }
    return {
      table: {
        columns: [
          { key: 'storrelse', label: 'Størrelse' },
          { key: 'fra', label: 'Fra år', decimals: 0 },
          { key: 'til', label: 'Til år', decimals: 0 },
          { key: 'samlet', label: 'Samlet vekst (%)', unit: '%', decimals: 1 },
          { key: 'arlig', label: 'Gjennomsnittlig årlig vekst (%)', unit: '%', decimals: 1 },
        ],
        rows,
      },
      source: sourcesOf(ds, reads),
      inputs: GROWTH_SERIES.map((s) => s.variable),
    };
  },
};

function annualGrowthMetric(id: string, variable: string, label: string): MetricDef {
  return {
    id,
    label: `Gjennomsnittlig årlig vekst i ${label.toLowerCase()}`,
    unit: '%',
    kind: 'scalar',
    inputs: [variable],
    formula: '(siste/første)^(1/år) − 1, for årene med data til og med valgt år',
    compute(ctx) {
      const { g, reads } = growthOf(ctx.dataset, ctx.kommune, variable, ctx.year);
      if (!g) return { missing: `${label.toLowerCase()} finnes ikke for minst to år til og med ${ctx.year}` };
      return { value: g.annualPct, decimals: 1, source: sourcesOf(ctx.dataset, reads), inputs: [variable] };
    },
  };
}

/* ------------------------------------------------------------------ income 2020 (003 Tabell 3.2 and 3.3) */

const INCOME_VARS = {
  rammetilskudd: 'finans.rammetilskudd',
  skatteinntekter: 'finans.skatteinntekter',
  utbytte: 'finans.utbytte',
  eiendomsskatt: 'finans.eiendomsskatt',
  naturressursskatt: 'finans.naturressursskatt',
  konsesjonskraft: 'finans.konsesjonskraft',
} as const;
type IncomeKey = keyof typeof INCOME_VARS;
const INCOME_KEYS = Object.keys(INCOME_VARS) as IncomeKey[];

const INCOME_ROWS: readonly { key: keyof IncomeBreakdown; label: string; total?: boolean }[] = [
  { key: 'rammetilskudd', label: 'Rammetilskudd' },
  { key: 'skatteinntekter', label: 'Skatteinntekter' },
  { key: 'frieInntekter', label: 'Frie inntekter', total: true },
  { key: 'utbytte', label: 'Utbytte og eieruttak' },
  { key: 'eiendomsskatt', label: 'Eiendomsskatt' },
  { key: 'naturressursskatt', label: 'Naturressursskatt' },
  { key: 'konsesjonskraft', label: 'Konsesjonskraft' },
  { key: 'ekstrainntekter', label: 'Sum ekstrainntekter', total: true },
  { key: 'sum', label: 'Sum inntekter', total: true },
];

/** Innbyggere for per-innbygger figures: befolkning.innbyggere, else kostra.innbyggere. */
export const INNBYGGERE_VARS = ['befolkning.innbyggere', 'kostra.innbyggere'] as const;

export function innbyggereFor(ds: Dataset, region: string, year: number): { value: number; variable: string } | null {
  for (const v of INNBYGGERE_VARS) {
    const x = val(ds, region, year, v);
    if (x !== null && x > 0) return { value: x, variable: v };
  }
  return null;
}

/** The income breakdown of a region and year (1000 kr), or null when a line is missing. */
export function incomeOf(ds: Dataset, region: string, year: number): { b: IncomeBreakdown; reads: [string, number, string][] } | null {
  const input: Partial<Record<IncomeKey, number>> = {};
  const reads: [string, number, string][] = [];
  for (const k of INCOME_KEYS) {
    const v = val(ds, region, year, INCOME_VARS[k]);
    if (v === null) return null;
    input[k] = v;
    reads.push([region, year, INCOME_VARS[k]]);
  }
  return { b: incomeBreakdown(input as Record<IncomeKey, number>), reads };
}

function incomeTable(ctx: MetricContext, perInnb: boolean): ComputeResult {
  const ds = ctx.dataset;
  const cols: TableColumn[] = [{ key: 'post', label: perInnb ? 'Kr per innbygger' : 'Inntekter (1000 kr)' }];
  const data: { region: string; b: IncomeBreakdown }[] = [];
  const reads: [string, number, string][] = [];
  for (const region of regionsOf(ctx)) {
    const inc = incomeOf(ds, region, ctx.year);
    if (!inc) continue;
    let b = inc.b;
    if (perInnb) {
      const inh = innbyggereFor(ds, region, ctx.year);
      if (!inh) continue;
      b = incomePerInnbygger(b, inh.value);
      reads.push([region, ctx.year, inh.variable]);
    }
    reads.push(...inc.reads);
    data.push({ region, b });
    cols.push({ key: region, label: ds.regionName(region), unit: perInnb ? 'kr per innb' : '1000 kr', decimals: 0 });
  }
  if (data.length === 0 || data[0].region !== ctx.kommune)
    return { missing: `inntektene${perInnb ? ' eller innbyggertallet' : ''} mangler for ${ds.regionName(ctx.kommune)} ${ctx.year}` };
  const rows = INCOME_ROWS.map((r) => {
    const row: Record<string, string | number | null> = { post: r.label };
    for (const d of data) row[d.region] = d.b[r.key];
    return row;
  });
  const totalRows = INCOME_ROWS.map((r, i) => (r.total ? i : -1)).filter((i) => i >= 0);
  return {
    table: { columns: cols, rows, totalRows },
    source: sourcesOf(ds, reads),
    inputs: uniq(reads.map((r) => r[2])),
  };
}

function incomeTableMetric(id: string, label: string, perInnb: boolean, formula: string): MetricDef {
  return {
    id,
    label,
    unit: perInnb ? 'kr per innb' : unitOf(INCOME_VARS.rammetilskudd),
    kind: 'table',
    inputs: perInnb ? [...Object.values(INCOME_VARS), ...INNBYGGERE_VARS] : Object.values(INCOME_VARS),
    formula,
    compute: (ctx) => incomeTable(ctx, perInnb),
  };
}

const inntekterTable = incomeTableMetric(
  'finans.inntekter',
  'Frie inntekter og ekstrainntekter',
  false,
  'frie inntekter = rammetilskudd + skatt; ekstrainntekter = utbytte + eiendomsskatt + naturressursskatt + konsesjonskraft',
);
const inntekterPerInnbTable = incomeTableMetric('finans.inntekter_per_innb', 'Inntekter i kroner per innbygger', true, 'hver inntektspost (1000 kr) × 1000 / innbyggere');

function incomeScalar(id: string, label: string, key: keyof IncomeBreakdown, perInnb: boolean): MetricDef {
  return {
    id,
    label,
    unit: perInnb ? 'kr per innb' : '1000 kr',
    kind: 'scalar',
    inputs: perInnb ? [...Object.values(INCOME_VARS), ...INNBYGGERE_VARS] : Object.values(INCOME_VARS),
    formula: perInnb ? `${label.toLowerCase()} (1000 kr) × 1000 / innbyggere` : 'sum av inntektspostene',
    compute(ctx) {
      const ds = ctx.dataset;
      const inc = incomeOf(ds, ctx.kommune, ctx.year);
      if (!inc) return { missing: `inntektene mangler for ${ds.regionName(ctx.kommune)} ${ctx.year}` };
      if (!perInnb) return { value: inc.b[key], decimals: 0, source: sourcesOf(ds, inc.reads), inputs: uniq(inc.reads.map((r) => r[2])) };
      const inh = innbyggereFor(ds, ctx.kommune, ctx.year);
      if (!inh) return { missing: `innbyggertallet mangler for ${ds.regionName(ctx.kommune)} ${ctx.year}` };
      const reads: [string, number, string][] = [...inc.reads, [ctx.kommune, ctx.year, inh.variable]];
      return { value: incomePerInnbygger(inc.b, inh.value)[key], decimals: 0, source: sourcesOf(ds, reads), inputs: uniq(reads.map((r) => r[2])) };
    },
  };
}

export const FINANS_METRICS: MetricDef[] = [
  nokkeltallTable,
  bruttoDriftsinntekter,
  ...NOKKELTALL.map((n) => amountMetric(n.key, n.label)),
  ...NOKKELTALL.map((n) => pctMetric(n.key, n.label)),
  kobTable,
  kobMetCount,
  kobCount,
  ...RULES.map(kobRuleMetric),
  renteeksponering,
  dekningsgradMetric,
  dekningsgradTable,
  vekstTable,
  annualGrowthMetric('finans.vekst_frie_inntekter_arlig', 'kostra.frie_inntekter_total', 'Frie inntekter'),
  annualGrowthMetric('finans.vekst_ndu_arlig', 'kostra.ndu_total', 'Netto driftsutgifter'),
  inntekterTable,
  inntekterPerInnbTable,
  incomeScalar('finans.frie_inntekter', 'Frie inntekter', 'frieInntekter', false),
  incomeScalar('finans.ekstrainntekter_sum', 'Sum ekstrainntekter', 'ekstrainntekter', false),
  incomeScalar('finans.inntekter_sum', 'Sum inntekter', 'sum', false),
  incomeScalar('finans.frie_inntekter_per_innb_kr', 'Frie inntekter per innbygger', 'frieInntekter', true),
  incomeScalar('finans.inntekter_sum_per_innb', 'Sum inntekter per innbygger', 'sum', true),
];
