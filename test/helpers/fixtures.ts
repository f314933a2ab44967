import { Dataset } from '../../src/data/dataset';
import { KommuneInfo } from '../../src/data/model';
import { parseDeck } from '../../src/deck/parse';
import { resolveDeck } from '../../src/deck/resolve';
import { DeckModel } from '../../src/deck/model';
import { FactStore } from '../../src/facts';
import { MetricDef } from '../../src/metrics/types';
import { TEST_METRICS, TEST_VOCAB } from './vocab';

export function testRegister(): Map<string, KommuneInfo> {
  const rows: [string, string][] = [['1837', 'Meløy'], ['1563', 'Sunndal'], ['1840', 'Saltdal'], ['5027', 'Midtre Gauldal'], ['5636', 'Unjárga - Nesseby']];
  return new Map(rows.map(([code, name]) => [code, { code, name, kind: 'kommune', current: true }]));
}

export function testDataset(): Dataset {
  return new Dataset([], new Map(), new Map(), testRegister());
}

/** Parse and resolve a deck text against the test vocabulary. */
export function resolveText(text: string, opts: { kommune?: string; year?: number; refs?: string[]; metrics?: MetricDef[] } = {}): DeckModel {
  const spec = parseDeck('deck.yaml', text, TEST_VOCAB);
  const dataset = testDataset();
  const kommune = opts.kommune ?? '1837';
  const refs = opts.refs ?? spec.references?.[kommune] ?? [];
  const store = new FactStore(dataset, opts.metrics ?? TEST_METRICS, [kommune, ...refs]);
  return resolveDeck(spec, dataset, store, { kommune, year: opts.year ?? spec.year ?? 2023, refs, theme: 'kommunedeck', date: '2023-01-01T00:00:00.000Z' });
}
