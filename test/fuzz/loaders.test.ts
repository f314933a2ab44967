/**
 * Fuzz tests of every loader a user feeds files to. Each target runs ~2 s of seeded random mutations of a valid
 * input in a worker thread (test/fuzz/worker.js): every case must end in a result or a UserError/ProblemsError
 * with a usable message, never another exception, never a hang (3 s per case), never a half-written file.
 *
 * - deck: parseDeck on decks/kommuneokonomi.yaml with the real vocabulary (src/build.ts); mutants that still parse
 *   are then resolved for Meløy (prepareDeck, in this process).
 * - csv: readCsv and loadDataset on a data folder with a mutated copy of one observations file.
 * - statbank / jsonstat: the SSB importers on mutated test/fixtures/ssb files, written with writeFileAtomic.
 *
 * A failure prints the seed and case; replay one with KD_FUZZ_SEED=<seed> KD_FUZZ_CASE=<case> npx jest test/fuzz.
 * KD_FUZZ_MS=20000 fuzzes longer.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { prepareDeck, vocabulary } from '../../src/build';
import { loadDataset } from '../../src/data/load';
import { parseDeck } from '../../src/deck/parse';
import { UserError } from '../../src/errors';
import { METRICS } from '../../src/metrics/registry';
import { caseSeed, Rng } from './mutate';
import { describeFailures, FuzzReport, fuzzSeed, ROOT, runFuzz } from './runner';
import { makeTargets } from './targets';

const SEED = fuzzSeed(0x6b640001);
const TARGETS = ['deck', 'csv', 'statbank', 'jsonstat'];
// ms of cases per target (KD_FUZZ_MS overrides all): the deck cases are the slowest, the importers the fastest
const scale = process.env.KD_FUZZ_MS ? Number(process.env.KD_FUZZ_MS) / 2000 : 1;
const BUDGET_MS: Record<string, number> = { deck: 3000 * scale, csv: 1500 * scale, statbank: 1500 * scale, jsonstat: 1500 * scale };
const vocabularyPairs = METRICS.map((m) => [m.id, m.kind] as [string, typeof m.kind]);

let reports: Map<string, FuzzReport>;
beforeAll(async () => {
  reports = await runFuzz(TARGETS.map((target) => ({ target, seed: SEED, budgetMs: BUDGET_MS[target] })), { params: { vocabulary: vocabularyPairs } });
  if (process.env.KD_FUZZ_VERBOSE) for (const r of reports.values()) console.log(`${r.target}: ${r.cases} cases in ${r.ms} ms`, r.counts);
});

test.each(TARGETS)('%s: every mutated input ends in a result or a UserError', (target) => {
  const r = reports.get(target)!;
  expect(describeFailures(r)).toBe('');
  if (process.env.KD_FUZZ_CASE !== undefined) return;
  expect(r.cases).toBeGreaterThan(20);
  // the mutations reach both outcomes, or the fuzzer tests little
  expect(r.counts.user).toBeGreaterThan(0);
  expect(r.counts.ok).toBeGreaterThan(0);
});

test('mutated decks that still parse resolve for Meløy, or fail with a UserError', () => {
  const r = reports.get('deck')!;
  const started = Date.now();
  const { dataset } = loadDataset();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-fuzz-resolve-'));
  const deck = makeTargets({ root: ROOT, tmp, vocabulary: vocabularyPairs }).deck;
  const failures: string[] = [];
  let resolved = 0;
  try {
    for (const index of r.okIndexes) {
      if (Date.now() - started > 1500 * scale) break;
      const c = deck(new Rng(caseSeed(r.seed, index)), index);
      const spec = parseDeck('decks/kommuneokonomi.yaml', c.input, vocabulary);
      try {
        prepareDeck(spec, dataset, { kommune: '1837', requireData: true });
      } catch (e) {
        if (!(e instanceof UserError)) failures.push(`seed ${r.seed} case ${index} (${c.steps.join('; ')}): ${(e as Error).stack}`);
      }
      resolved++;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  expect(failures).toEqual([]);
  if (process.env.KD_FUZZ_CASE === undefined) expect(resolved).toBeGreaterThan(0);
});
