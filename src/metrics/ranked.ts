import { Dataset } from '../data/dataset';
import { rankOf } from '../analysis/befolkning';
import { ComputeResult, MetricContext, MetricDef } from './types';

/**
 * Headline figures that exist for every kommune come in fours: the figure (`id`), the kommune's place among all
 * kommuner (`id_rang`, 12; 1 = highest), how many kommuner have the figure (`id_rang_av`, 357) and the figure for
 * landet (`id_landet`). Decks print "nr {{id_rang}} av {{id_rang_av}}". One declaration of how
 * to read the figure for any region serves all three; the values of all kommuner for a year are computed once per
 * dataset and shared by every deck built from it.
 */

export interface RegionFigure {
  value: number;
  source: string[];
  inputs: string[];
}

export interface RankedFigureDef {
  id: string;
  label: string;
  unit: string;
  decimals: number;
  formula: string;
  inputs: string[];
  /** the figure for one region and year, or why it is missing */
  read(ds: Dataset, region: string, year: number): RegionFigure | { missing: string };
  /** the figure for landet; default: read(ds, 'EAK', year) */
  landet?(ds: Dataset, year: number): RegionFigure | { missing: string };
}

const LANDET = 'EAK';

/** The kommuner a rank counts among: the current kommuner of the register. */
export function rankedKommuner(ds: Dataset): string[] {
  const out: string[] = [];
  for (const k of ds.register.values()) if (k.kind === 'kommune' && k.current && k.code !== '9999') out.push(k.code);
  return out;
}

/** Every kommune's figure for a year (those that have one), memoised per dataset. */
export function valuesForAll(ds: Dataset, def: Pick<RankedFigureDef, 'id' | 'read'>, year: number): Map<string, number> {
  const key = `rank|${def.id}|${year}`;
  let m = ds.memo.get(key) as Map<string, number> | undefined;
  if (!m) {
    m = new Map();
    const root = ds.root;
    for (const code of rankedKommuner(root)) {
      const r = def.read(root, code, year);
      if (!('missing' in r) && Number.isFinite(r.value)) m.set(code, r.value);
    }
    ds.memo.set(key, m);
  }
  return m;
}

export function formatRank(r: { position: number; of: number }): string {
  return `${r.position} av ${r.of}`;
}

function asResult(r: RegionFigure | { missing: string }, decimals: number): ComputeResult {
  return 'missing' in r ? r : { value: r.value, decimals, source: r.source, inputs: r.inputs };
}

export function rankedMetrics(def: RankedFigureDef): MetricDef[] {
  const rankFact = (ctx: MetricContext, pick: (r: { position: number; of: number }) => number): ComputeResult => {
    const own = def.read(ctx.dataset, ctx.kommune, ctx.year);
    if ('missing' in own) return own;
    const r = rankOf(valuesForAll(ctx.dataset, def, ctx.year), ctx.kommune);
    if (!r) return { missing: `${ctx.dataset.regionName(ctx.kommune)} er ikke blant kommunene som rangeres` };
    return { value: pick(r), decimals: 0, source: own.source, inputs: own.inputs };
  };
  const landet = (ds: Dataset, year: number) => (def.landet ? def.landet(ds, year) : def.read(ds, LANDET, year));
  return [
    {
      id: def.id,
      label: def.label,
      unit: def.unit,
      kind: 'scalar',
      inputs: def.inputs,
      formula: def.formula,
      compute: (ctx: MetricContext) => asResult(def.read(ctx.dataset, ctx.kommune, ctx.year), def.decimals),
    },
    {
      id: `${def.id}_rang`,
      label: `${def.label}: plass blant kommunene`,
      unit: 'plass',
      kind: 'scalar',
      inputs: def.inputs,
      formula: `kommunens plass når alle kommuner med tall er ordnet etter ${def.label.toLowerCase()}, høyeste verdi først (1 = høyest); like verdier deler plass`,
      compute: (ctx) => rankFact(ctx, (r) => r.position),
    },
    {
      id: `${def.id}_rang_av`,
      label: `${def.label}: kommuner som rangeres`,
      unit: 'antall',
      kind: 'scalar',
      inputs: def.inputs,
      formula: `antall kommuner med tall for ${def.label.toLowerCase()} (de som rangeres)`,
      compute: (ctx) => rankFact(ctx, (r) => r.of),
    },
    {
      id: `${def.id}_landet`,
      label: `${def.label}, hele landet`,
      unit: def.unit,
      kind: 'scalar',
      inputs: def.inputs,
      formula: `${def.formula}, for hele landet`,
      compute: (ctx) => asResult(landet(ctx.dataset, ctx.year), def.decimals),
    },
  ];
}
