import { MetricDef } from './types';

/**
 * The metric vocabulary: every family's metrics, in a stable order. Families live in src/metrics/<family>.ts
 * and wrap the pure functions of src/analysis/<family>.ts.
 */
export const METRICS: MetricDef[] = [];

const byId = new Map<string, MetricDef>();
export function metricById(id: string): MetricDef | undefined {
  if (byId.size !== METRICS.length) {
    byId.clear();
    for (const m of METRICS) byId.set(m.id, m);
  }
  return byId.get(id);
}
