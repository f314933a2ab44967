import { Dataset } from './data/dataset';
import { ComputeResult, isMissing, MetricDef, MetricValue, MissingValue } from './metrics/types';

export type Fact = MetricValue | MissingValue;

/**
 * Computes metrics on demand for (kommune, year) with a fixed set of references, memoised: a deck asks for the same
 * metric from many slides, and tables ask for one metric across several regions.
 */
export class FactStore {
  private readonly cache = new Map<string, Fact>();
  private readonly byId: Map<string, MetricDef>;

  constructor(
    readonly dataset: Dataset,
    readonly metrics: readonly MetricDef[],
    readonly refs: readonly string[],
    /** how the references were chosen (speaker notes and the referanser.* metrics) */
    readonly referenceNote?: string,
  ) {
    this.byId = new Map(metrics.map((m) => [m.id, m]));
  }

  def(id: string): MetricDef | undefined {
    return this.byId.get(id);
  }

  get(id: string, kommune: string, year: number): Fact {
    const key = `${id}|${kommune}|${year}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const def = this.byId.get(id);
    if (!def) throw new Error(`unknown metric ${id}`);
    const refs = this.refs.filter((r) => r !== kommune);
    const fact = toFact(def, def.compute({ dataset: this.dataset, kommune, year, refs, referenceNote: this.referenceNote }));
    this.cache.set(key, fact);
    return fact;
  }

  /** Every metric of the vocabulary for one kommune and year (the `facts` command, the template context). */
  all(kommune: string, year: number): Map<string, Fact> {
    return new Map(this.metrics.map((m) => [m.id, this.get(m.id, kommune, year)]));
  }
}

function toFact(def: MetricDef, r: ComputeResult): Fact {
  if (isMissing(r)) return r;
  const base = { id: def.id, label: def.label, unit: def.unit, formula: def.formula, source: r.source ?? [], inputs: r.inputs ?? def.inputs, published: r.published };
  if ('value' in r) {
    const v = typeof r.value === 'number' && !Number.isFinite(r.value) ? null : r.value;
    return { ...base, kind: 'scalar', value: v, decimals: r.decimals };
  }
  if ('series' in r) return { ...base, kind: 'series', series: r.series };
  return { ...base, kind: 'table', table: r.table };
}
