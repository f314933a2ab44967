import { Dataset } from '../data/dataset';
import { TableRow } from '../data/model';
import { RankedFigureDef, RegionFigure, rankedMetrics, valuesForAll } from './ranked';
import { ComputeResult, MetricContext, MetricDef, TableData } from './types';
import { rankOf } from '../analysis/befolkning';

/*
 * kostnadsindeks.* and robek.*: the inntektssystem's kostnadsindeks (KDD, Grønt hefte, tabell A-k;
 * data/tables/kostnadsindeks.csv) and the ROBEK register (data/tables/robek.csv) for every kommune.
 * A kommune without a published index has a row with the reason; a kommune missing from a ROBEK list was not in
 * ROBEK on that date.
 */

const LANDET = 'EAK';

function indexRow(ds: Dataset, region: string, year: number): TableRow | undefined {
  return ds.table('kostnadsindeks', { year, region })[0];
}

/** The inntektssystem years the kostnadsindeks table has, ascending. */
export function kostnadsindeksYears(ds: Dataset): number[] {
  return [...new Set(ds.table('kostnadsindeks').map((x) => x.values.year as number))].sort((a, b) => a - b);
}

function readIndex(ds: Dataset, region: string, year: number): RegionFigure | { missing: string } {
  const r = indexRow(ds, region, year);
  // the years are listed only to explain a missing year (a rank reads every kommune's row: no scan per row)
  const years = r ? [] : kostnadsindeksYears(ds);
  if (!r) return { missing: years.length ? `kostnadsindeksen finnes for ${years.join(' og ')}, ikke ${year} (data/tables/kostnadsindeks.csv)` : 'kostnadsindeksen mangler (data/tables/kostnadsindeks.csv)' };
  if (typeof r.values.indeks !== 'number') return { missing: `kostnadsindeksen for ${ds.regionName(region)} ${year} ${r.values.merknad ?? 'mangler'}` };
  return { value: r.values.indeks, source: [String(r.values.source)], inputs: ['kostnadsindeks'] };
}

/** The year before `year` that the table has, for the change. */
function previousYear(ds: Dataset, year: number): number | undefined {
  const years = kostnadsindeksYears(ds).filter((y) => y < year);
  return years.length ? Math.max(...years) : undefined;
}

const INDEX_DEF: RankedFigureDef = {
  id: 'kostnadsindeks.indeks',
  label: 'Kostnadsindeks',
  unit: 'indeks',
  decimals: 4,
  inputs: ['kostnadsindeks'],
  formula: 'indeks for beregnet utgiftsbehov i inntektssystemet (1 = landsgjennomsnittet), som publisert i Grønt hefte tabell A-k',
  read: readIndex,
  landet: (ds, year) => {
    const any = ds.table('kostnadsindeks', { year })[0];
    return any ? { value: 1, source: [String(any.values.source)], inputs: ['kostnadsindeks'] } : { missing: `kostnadsindeksen mangler for ${year}` };
  },
};

function indexChange(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const prev = previousYear(ds, year);
  if (prev === undefined) return { missing: `ingen kostnadsindeks før ${year} å sammenligne med` };
  const a = readIndex(ds, kommune, prev);
  const b = readIndex(ds, kommune, year);
  if ('missing' in a) return a;
  if ('missing' in b) return b;
  return { value: b.value - a.value, decimals: 4, source: [...new Set([...a.source, ...b.source])], inputs: ['kostnadsindeks'] };
}

function indexTable(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, refs, year } = ctx;
  const own = readIndex(ds, kommune, year);
  if ('missing' in own) return own;
  const prev = previousYear(ds, year);
  const all = valuesForAll(ds, INDEX_DEF, year);
  const sources = new Set(own.source);
  const rows: TableData['rows'] = [kommune, ...refs.filter((r) => r !== LANDET && /^\d{4}$/.test(r))].map((region) => {
    const b = readIndex(ds, region, year);
    const a = prev === undefined ? undefined : readIndex(ds, region, prev);
    if (a && !('missing' in a)) a.source.forEach((s) => sources.add(s));
    const rank = rankOf(all, region);
    return {
      region: ds.regionName(region),
      forrige: a && !('missing' in a) ? a.value : null,
      indeks: 'missing' in b ? null : b.value,
      endring: a && !('missing' in a) && !('missing' in b) ? b.value - a.value : null,
      rang: rank ? `nr ${rank.position} av ${rank.of}` : '–',
    };
  });
  rows.push({ region: 'Landet', forrige: prev === undefined ? null : 1, indeks: 1, endring: prev === undefined ? null : 0, rang: '' });
  return {
    table: {
      columns: [
        { key: 'region', label: 'Region' },
        ...(prev === undefined ? [] : [{ key: 'forrige', label: `Kostnadsindeks ${prev}`, unit: 'indeks', decimals: 4 }]),
        { key: 'indeks', label: `Kostnadsindeks ${year}`, unit: 'indeks', decimals: 4 },
        ...(prev === undefined ? [] : [{ key: 'endring', label: 'Endring', unit: 'indeks', decimals: 4 }]),
        { key: 'rang', label: 'Plass (1 = dyrest)', unit: '' },
      ],
      rows,
    },
    source: [...sources],
    inputs: ['kostnadsindeks'],
  };
}

// ---------------------------------------------------------------- ROBEK

/** Kommuneloven § 28-1: the grounds for entering a kommune in ROBEK, in words. */
export const ROBEK_GROUNDS: Record<string, string> = {
  a: 'budsjettet er vedtatt med underskudd',
  b: 'økonomiplanen er vedtatt med underskudd',
  c: 'underskudd skal dekkes inn over mer enn to år',
  d: 'akkumulert underskudd er over 3 % av driftsinntektene',
  e: 'budsjett eller økonomiplan er ikke vedtatt i tide',
  f: 'regnskapet er ikke vedtatt i tide',
  g: 'vedtak etter inndelingslova § 16 a',
};

/** "c og d" → the grounds in words, joined as bokmål lists are. */
export function robekGroundsText(letters: string): string {
  const parts = letters.match(/\b[a-g]\b/g) ?? [];
  const words = parts.map((l) => ROBEK_GROUNDS[l]);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} og ${words[words.length - 1]}`;
}

function robekDate(ds: Dataset, year: number): string | undefined {
  const dates = [...new Set(ds.table('robek').map((r) => String(r.values.dato)))].filter((d) => Number(d.slice(0, 4)) <= year).sort();
  return dates[dates.length - 1];
}

function shortDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

interface RobekStatus {
  date: string;
  inRobek: boolean;
  letters?: string;
  source: string;
}

function robekStatus(ds: Dataset, region: string, year: number): RobekStatus | { missing: string } {
  const date = robekDate(ds, year);
  if (!date) return { missing: `ingen ROBEK-liste fra ${year} eller tidligere i dataene (data/tables/robek.csv)` };
  const list = ds.table('robek', { dato: date });
  const hit = list.find((r) => r.values.region === region);
  return { date, inRobek: Boolean(hit), letters: hit ? String(hit.values.hjemmel) : undefined, source: String(list[0].values.source) };
}

function robekScalar(id: string, label: string, unit: string, formula: string, f: (s: RobekStatus, ds: Dataset) => string | number): MetricDef {
  return {
    id,
    label,
    unit,
    kind: 'scalar',
    inputs: ['robek'],
    formula,
    compute(ctx) {
      const s = robekStatus(ctx.dataset, ctx.kommune, ctx.year);
      if ('missing' in s) return s;
      return { value: f(s, ctx.dataset), decimals: 0, source: [s.source], inputs: ['robek'] };
    },
  };
}

function robekTable(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, refs, year } = ctx;
  const own = robekStatus(ds, kommune, year);
  if ('missing' in own) return own;
  const rows = [kommune, ...refs.filter((r) => /^\d{4}$/.test(r))].map((region) => {
    const s = robekStatus(ds, region, year) as RobekStatus;
    return { region: ds.regionName(region), status: s.inRobek ? 'I ROBEK' : 'Ikke i ROBEK', grunnlag: s.inRobek && s.letters ? `§ 28-1 ${s.letters}: ${robekGroundsText(s.letters)}` : '' };
  });
  return {
    table: {
      columns: [
        { key: 'region', label: 'Kommune' },
        { key: 'status', label: `Status ${shortDate(own.date)}` },
        { key: 'grunnlag', label: 'Grunnlag for innmelding (kommuneloven)' },
      ],
      rows,
    },
    source: [own.source],
    inputs: ['robek'],
  };
}

export const NASJONAL_METRICS: MetricDef[] = [
  ...rankedMetrics(INDEX_DEF),
  {
    id: 'kostnadsindeks.endring',
    label: 'Endring i kostnadsindeksen fra året før',
    unit: 'indeks',
    kind: 'scalar',
    inputs: ['kostnadsindeks'],
    formula: 'kostnadsindeksen i året − kostnadsindeksen i forrige år i dataene',
    compute: indexChange,
  },
  {
    id: 'kostnadsindeks.sammenligning',
    label: 'Kostnadsindeksen for kommunen og referansene',
    unit: 'indeks',
    kind: 'table',
    inputs: ['kostnadsindeks'],
    formula: 'kostnadsindeks forrige år og i år, endring og plass blant kommunene (1 = høyest indeks, dvs. dyrest å drive)',
    compute: indexTable,
  },
  robekScalar('robek.i_robek', 'I ROBEK (1 = ja, 0 = nei)', 'antall', 'om kommunen står i den siste ROBEK-listen i dataene', (s) => (s.inRobek ? 1 : 0)),
  robekScalar('robek.status', 'ROBEK-status', 'tekst', 'om kommunen står i den siste ROBEK-listen i dataene', (s) => (s.inRobek ? 'I ROBEK' : 'Ikke i ROBEK')),
  robekScalar('robek.dato', 'Datoen ROBEK-listen gjelder', 'tekst', 'datoen for den siste ROBEK-listen i dataene', (s) => shortDate(s.date)),
  robekScalar('robek.grunnlag', 'Grunnlaget for ROBEK-innmeldingen', 'tekst', 'bokstavene i kommuneloven § 28-1 i ord', (s) => (s.inRobek && s.letters ? robekGroundsText(s.letters) : 'ikke i ROBEK')),
  robekScalar('robek.hjemmel', 'Bokstavene i kommuneloven § 28-1 innmeldingen bygger på', 'tekst', 'bokstavene a–g som ROBEK-listen oppgir', (s) => (s.inRobek && s.letters ? s.letters : 'ikke i ROBEK')),
  robekScalar('robek.antall_kommuner', 'Kommuner i ROBEK', 'antall', 'antall kommuner i den siste ROBEK-listen i dataene', (s, ds) => ds.table('robek', { dato: s.date }).length),
  { id: 'robek.oversikt', label: 'ROBEK-status for kommunen og referansene', unit: 'tekst', kind: 'table', inputs: ['robek'], formula: 'status i den siste ROBEK-listen og grunnlaget i ord', compute: robekTable },
];
