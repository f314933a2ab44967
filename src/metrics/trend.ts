import { Dataset } from '../data/dataset';
import { AgeRange, RANGE_16_66, RANGE_23_66, RANGE_67_PLUSS, YearPopulation, countInRange, totalPopulation } from '../analysis/demografi';
import { alderbaereevneOf, sumAges } from '../analysis/befolkning';
import { PERIOD_YEARS, populationRow } from './befolkning';
import { DEMOGRAFI_METRICS, readPopulation } from './demografi';
import { NASJONAL_METRICS } from './nasjonal';
import { ComputeResult, MetricContext, MetricDef, isMissing } from './types';

/*
 * trend.*: small scalar figures that say which way something moves, so a deck's commentary can be conditional on
 * them ({{#if (lt trend.befolkning_endring 0)}}…{{/if}}) and never tells a growing kommune that it shrinks.
 *
 * Three kinds of period, each named in the metric's formula:
 * - the population series a deck charts (demografi.befolkning: the source documents' registered years and SSB
 *   projection where they cover the kommune, else SSB 07459): from its first year to the newest year at or before
 *   the deck year ("hittil"), and from there to its last projected year ("prognose");
 * - registered population (SSB 07459, 1 January) over the same ten years as befolkning.endring_* ("siste ti år");
 * - the projection ten years ahead (demografi.*, source documents only), as demografi.endring_67_pluss_antall.
 * A year counts as projected when it is after the newest registered year in the national data.
 */

const DEMOGRAFI_INPUTS = ['befolkning.alder.*', 'befolkning.gruppe.*', 'befolkning.andel.*', 'befolkning.folkemengde', 'befolkning (SSB 07459, data/befolkning/)'];
const SSB_INPUT = 'befolkning (SSB 07459, data/befolkning/)';
const RANGE_0_15: AgeRange = { from: 0, to: 15 };

interface SeriesPoint {
  year: number;
  value: number;
}

/** The kommune's population series as demografi.befolkning charts it, and the newest registered year of the national data. */
function populationSeries(ds: Dataset, kommune: string): { points: SeriesPoint[]; pops: YearPopulation[]; sources: string[]; lastRegistered: number } {
  const data = readPopulation(ds, kommune);
  const points = data.pops.map((p) => ({ year: p.year, value: totalPopulation(p) })).filter((p): p is SeriesPoint => p.value !== undefined);
  const registered = ds.population.years(kommune);
  const lastRegistered = registered.length ? registered[registered.length - 1] : Number.NEGATIVE_INFINITY;
  return { points, pops: data.pops, sources: data.sources, lastRegistered };
}

/** The periods of the charted series at a deck year: first year, "now" (newest ≤ year), last projected year. */
export function seriesPeriods(points: readonly SeriesPoint[], year: number, lastRegistered: number): { first?: SeriesPoint; now?: SeriesPoint; last?: SeriesPoint } {
  const upTo = points.filter((p) => p.year <= year);
  const now = upTo[upTo.length - 1];
  const projected = points.filter((p) => p.year > year && p.year > lastRegistered);
  return { first: upTo[0], now, last: projected[projected.length - 1] };
}

function name(ds: Dataset, kommune: string): string {
  return ds.regionName(kommune);
}

function hittil(ctx: MetricContext, kind: 'fra' | 'til' | 'endring' | 'pct'): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const s = populationSeries(ds, kommune);
  const { first, now } = seriesPeriods(s.points, year, s.lastRegistered);
  if (!first || !now || first.year === now.year) return { missing: `folkemengden for ${name(ds, kommune)} har ikke to år til og med ${year}` };
  const base = { source: s.sources, inputs: DEMOGRAFI_INPUTS };
  if (kind === 'fra') return { value: String(first.year), ...base };
  if (kind === 'til') return { value: String(now.year), ...base };
  if (kind === 'endring') return { value: now.value - first.value, decimals: 0, ...base };
  return { value: ((now.value - first.value) / first.value) * 100, decimals: 1, ...base };
}

function prognose(ctx: MetricContext, kind: 'aar' | 'endring' | 'pct'): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const s = populationSeries(ds, kommune);
  const { now, last } = seriesPeriods(s.points, year, s.lastRegistered);
  if (!now || !last) return { missing: `ingen befolkningsfremskrivning for ${name(ds, kommune)} etter ${year} i dataene (bare registrert folkemengde)` };
  const base = { source: s.sources, inputs: DEMOGRAFI_INPUTS };
  if (kind === 'aar') return { value: String(last.year), ...base };
  if (kind === 'endring') return { value: last.value - now.value, decimals: 0, ...base };
  return { value: ((last.value - now.value) / now.value) * 100, decimals: 1, ...base };
}

/** Registered change over the last PERIOD_YEARS years (SSB 07459), like befolkning.endring_*. */
function registered(ctx: MetricContext, f: (ages: ArrayLike<number>) => number | undefined, decimals: number): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const a = populationRow(ds, kommune, year - PERIOD_YEARS);
  if ('missing' in a) return a;
  const b = populationRow(ds, kommune, year);
  if ('missing' in b) return b;
  const va = f(a.ages);
  const vb = f(b.ages);
  if (va === undefined || vb === undefined) return { missing: `tallet kan ikke regnes for ${name(ds, kommune)} ${year - PERIOD_YEARS}–${year} (ingen i gruppen)` };
  return { value: vb - va, decimals, source: [b.provenance.source], inputs: [SSB_INPUT] };
}

/** Projected change from the deck year to ten years later (source documents' projection only). */
function projected(ctx: MetricContext, range: AgeRange): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const s = populationSeries(ds, kommune);
  const a = s.pops.find((p) => p.year === year);
  const b = s.pops.find((p) => p.year === year + 10);
  const va = a && countInRange(a, range);
  const vb = b && countInRange(b, range);
  if (year + 10 <= s.lastRegistered || va === undefined || vb === undefined) return { missing: `ingen befolkningsfremskrivning etter alder for ${name(ds, kommune)} ${year}–${year + 10} i dataene` };
  return { value: vb - va, decimals: 0, source: s.sources, inputs: DEMOGRAFI_INPUTS };
}

const ALDERBAEREEVNE = DEMOGRAFI_METRICS.find((m) => m.id === 'demografi.alderbaereevne');

/** Change in the charted alderbæreevne (demografi.alderbaereevne) from the deck year to its last projected year. */
function alderbaereevnePrognose(ctx: MetricContext): ComputeResult {
  const { dataset: ds, kommune, year } = ctx;
  const r = ALDERBAEREEVNE ? ALDERBAEREEVNE.compute(ctx) : { missing: 'demografi.alderbaereevne finnes ikke i vokabularet' };
  if (isMissing(r)) return r;
  if (!('series' in r)) return { missing: 'demografi.alderbaereevne er ikke en serie' };
  const registered = ds.population.years(kommune);
  const lastRegistered = registered.length ? registered[registered.length - 1] : Number.NEGATIVE_INFINITY;
  const values = r.series.series[0]?.values ?? [];
  const points = r.series.categories.map((c, i) => ({ year: Number(c), value: values[i] })).filter((p): p is SeriesPoint => typeof p.value === 'number' && p.year >= year);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || last.year <= lastRegistered || first.year === last.year) return { missing: `ingen framskrevet alderbæreevne for ${name(ds, kommune)} etter ${year} i dataene` };
  return { value: last.value - first.value, decimals: 2, source: r.source, inputs: r.inputs };
}

const KOSTNADSINDEKS = NASJONAL_METRICS.find((m) => m.id === 'kostnadsindeks.indeks');
const KOSTNADSINDEKS_LANDET = NASJONAL_METRICS.find((m) => m.id === 'kostnadsindeks.indeks_landet');

/** Why the kommune has no kostnadsindeks in a year the index is published for landet; missing when it has one. */
function kostnadsindeksMangler(ctx: MetricContext): ComputeResult {
  if (!KOSTNADSINDEKS || !KOSTNADSINDEKS_LANDET) return { missing: 'kostnadsindeks.indeks finnes ikke i vokabularet' };
  const landet = KOSTNADSINDEKS_LANDET.compute(ctx);
  if (isMissing(landet)) return landet;
  const own = KOSTNADSINDEKS.compute(ctx);
  if (!isMissing(own)) return { missing: `kostnadsindeksen for ${name(ctx.dataset, ctx.kommune)} ${ctx.year} finnes` };
  return { value: own.missing, source: 'source' in landet ? landet.source : [], inputs: ['kostnadsindeks'] };
}

function scalar(id: string, label: string, unit: string, inputs: string[], formula: string, compute: (ctx: MetricContext) => ComputeResult): MetricDef {
  return { id, label, unit, kind: 'scalar', inputs, formula, compute };
}

export const TREND_METRICS: MetricDef[] = [
  scalar('trend.befolkning_fra_aar', 'Første år i befolkningsserien', 'tekst', DEMOGRAFI_INPUTS, 'det første året i serien demografi.befolkning', (c) => hittil(c, 'fra')),
  scalar('trend.befolkning_til_aar', 'Siste år til og med året i befolkningsserien', 'tekst', DEMOGRAFI_INPUTS, 'det nyeste året i serien demografi.befolkning som ikke er etter året', (c) => hittil(c, 'til')),
  scalar('trend.befolkning_endring', 'Endring i folkemengden fra seriens første år til året', 'antall', DEMOGRAFI_INPUTS, 'folkemengde i trend.befolkning_til_aar − folkemengde i trend.befolkning_fra_aar', (c) => hittil(c, 'endring')),
  scalar('trend.befolkning_endring_pct', 'Endring i folkemengden fra seriens første år til året, prosent', '%', DEMOGRAFI_INPUTS, '(folkemengde i trend.befolkning_til_aar / folkemengde i trend.befolkning_fra_aar − 1) × 100', (c) => hittil(c, 'pct')),
  scalar('trend.befolkning_prognose_aar', 'Siste år i befolkningsfremskrivningen', 'tekst', DEMOGRAFI_INPUTS, 'det siste framskrevne året i demografi.befolkning (etter det siste registrerte året i SSB 07459)', (c) => prognose(c, 'aar')),
  scalar('trend.befolkning_endring_prognose', 'Framskrevet endring i folkemengden', 'antall', DEMOGRAFI_INPUTS, 'folkemengde i trend.befolkning_prognose_aar − folkemengde i trend.befolkning_til_aar', (c) => prognose(c, 'endring')),
  scalar('trend.befolkning_endring_prognose_pct', 'Framskrevet endring i folkemengden, prosent', '%', DEMOGRAFI_INPUTS, '(folkemengde i trend.befolkning_prognose_aar / folkemengde i trend.befolkning_til_aar − 1) × 100', (c) => prognose(c, 'pct')),
  scalar('trend.endring_0_15', 'Endring i antall 0–15 år i perioden', 'antall', [SSB_INPUT], `innbyggere 0–15 år 1.1. året − ${PERIOD_YEARS} år før (SSB 07459)`, (c) => registered(c, (ages) => sumAges(ages, RANGE_0_15), 0)),
  scalar('trend.endring_16_66', 'Endring i antall 16–66 år i perioden', 'antall', [SSB_INPUT], `innbyggere 16–66 år 1.1. året − ${PERIOD_YEARS} år før (SSB 07459)`, (c) => registered(c, (ages) => sumAges(ages, RANGE_16_66), 0)),
  scalar('trend.alderbaereevne_endring', 'Endring i alderbæreevnen i perioden', 'forhold', [SSB_INPUT], `(16–66 år / 67 år og eldre) 1.1. året − det samme ${PERIOD_YEARS} år før (SSB 07459)`, (c) => registered(c, (ages) => alderbaereevneOf(ages), 2)),
  scalar('trend.alderbaereevne_prognose_endring', 'Framskrevet endring i alderbæreevnen', 'forhold', DEMOGRAFI_INPUTS, 'alderbæreevne i det siste framskrevne året − i året (eller det første året etter), serien demografi.alderbaereevne', alderbaereevnePrognose),
  scalar('trend.prognose_endring_0_15', 'Framskrevet endring i antall 0–15 år, ti år', 'antall', DEMOGRAFI_INPUTS, 'innbyggere 0–15 år om ti år − i året, etter fremskrivningen i kildedokumentene', (c) => projected(c, RANGE_0_15)),
  scalar('trend.prognose_endring_23_66', 'Framskrevet endring i antall 23–66 år, ti år', 'antall', DEMOGRAFI_INPUTS, 'innbyggere 23–66 år om ti år − i året, etter fremskrivningen i kildedokumentene', (c) => projected(c, RANGE_23_66)),
  scalar('trend.prognose_endring_67_pluss', 'Framskrevet endring i antall 67 år og eldre, ti år', 'antall', DEMOGRAFI_INPUTS, 'innbyggere 67 år og eldre om ti år − i året, etter fremskrivningen i kildedokumentene', (c) => projected(c, RANGE_67_PLUSS)),
  scalar('trend.kostnadsindeks_mangler', 'Hvorfor kostnadsindeksen mangler', 'tekst', ['kostnadsindeks'], 'grunnen til at kommunen ikke har kostnadsindeks i et år landet har det; mangler når kommunen har indeksen', kostnadsindeksMangler),
];
