/**
 * What the fuzz worker runs: one function per target that mutates a valid input and feeds it to a loader.
 * A case ends in `ok` (a result), `user` (a UserError/ProblemsError with a usable message) or `crash` (anything
 * else: another exception, a message with "undefined", a half-written or left-over file). No jest in here: the
 * worker loads this file through test/helpers/ts-register.js.
 */
import * as fs from 'fs';
import * as path from 'path';
import { UserError, ProblemsError } from '../../src/errors';
import { parseDeck, Vocabulary } from '../../src/deck/parse';
import { MetricKind } from '../../src/metrics/types';
import { readCsv } from '../../src/data/csvfile';
import { loadDataset, OBSERVATION_HEADER } from '../../src/data/load';
import { importSsb, readSsbBytes, tidyToCsv, writeFileAtomic } from '../../src/data/import';
import { readRegisterFile } from '../../src/data/register';
import YAML from 'yaml';
import { Json, Mutated, mutateBytes, mutateJson, mutateTree, ODD_VALUES, Rng } from './mutate';

export interface CaseOutcome {
  kind: 'ok' | 'user' | 'crash';
  /** the error message, or the stack of a crash */
  detail?: string;
}

export interface FuzzCase {
  /** the mutated input (text), reported with a failure */
  input: string;
  steps: string[];
  run(): CaseOutcome;
}

export type Target = (rng: Rng, index: number) => FuzzCase;

export interface TargetParams {
  root: string;
  /** a scratch folder the worker may write into */
  tmp: string;
  /** the real metric vocabulary as [id, kind] (computed in the test from src/build.ts, passed in) */
  vocabulary?: [string, MetricKind][];
}

/** A message a user can act on: not empty, no leaked JavaScript values, positive line numbers. */
function judgeError(e: unknown): CaseOutcome {
  if (!(e instanceof UserError)) return { kind: 'crash', detail: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  const bad = /\bundefined\b|\[object Object\]|\bNaN\b/.exec(e.message);
  if (e.message.trim() === '' || bad) return { kind: 'crash', detail: `unclear message (${bad?.[0] ?? 'empty'}): ${e.message}` };
  if (e instanceof ProblemsError) {
    const p = e.problems.find((x) => (x.line !== undefined && !(Number.isInteger(x.line) && x.line >= 1)) || (x.col !== undefined && !(Number.isInteger(x.col) && x.col >= 1)));
    if (p) return { kind: 'crash', detail: `bad position ${p.line}:${p.col} in: ${p.message}` };
  }
  return { kind: 'user', detail: e.message.split('\n')[0] };
}

function guarded(f: () => CaseOutcome): CaseOutcome {
  try {
    return f();
  } catch (e) {
    return judgeError(e);
  }
}

const text = (m: Mutated) => new TextDecoder().decode(m.bytes);

export function makeTargets(params: TargetParams): Record<string, Target> {
  const { root, tmp } = params;
  const targets: Record<string, Target> = {};

  // --- the deck loader: parseDeck on the council deck with the real vocabulary ---------------------------
  const deckText = fs.readFileSync(path.join(root, 'decks', 'kommuneokonomi.yaml'));
  const kinds = new Map(params.vocabulary ?? []);
  const vocab: Vocabulary = { kindOf: (id) => kinds.get(id), ids: () => [...kinds.keys()] };
  // tree mutations put other metric ids, slide kinds, years and templates where the deck has values
  const ids = [...kinds.keys()];
  const deckPool: Json[] = [
    ...ODD_VALUES, ...ids.filter((_, i) => i % 7 === 0), 'kommune.navn', 'latest', -1, 1, 1990, 2300, 'all', 'refs', 'line', 'stacked-bar', 'chart', 'table', 'kpi', 'columns',
    '{{num finans.brutto_driftsinntekter 2}}', '{{#each refs}}{{navn}} {{/each}}', '{{#if (gt inntektssystem.behovsindeks 1)}}over{{else}}under{{/if}}', '{{kr inntektssystem.utgiftsutjevning}}',
    '{{constructor}}', '{{navn "1837"}}', '{{pct (minus 1 2) 40}}', '{{#with kommune}}{{navn}}{{/with}}', '{{#each inntektssystem.kriterier}}{{@key}}{{/each}}',
    { metric: ids[0] }, [{ metric: ids[1], column: 'x' }], { value: 'x' },
  ];
  const deckTree = YAML.parse(deckText.toString('utf8')) as Json;
  targets.deck = (rng) => {
    const m = rng.chance(0.5) ? mutateBytes(deckText, rng) : (({ bytes, steps }) => ({ bytes: new TextEncoder().encode(YAML.stringify(JSON.parse(new TextDecoder().decode(bytes)))), steps }))(mutateTree(JSON.parse(JSON.stringify(deckTree)) as Json, rng, deckPool));
    const t = text(m);
    return { input: t, steps: m.steps, run: () => guarded(() => (parseDeck('kommuneokonomi.yaml', t, vocab), { kind: 'ok' })) };
  };

  // --- the data CSV loader: readCsv, and loadDataset on a folder with one mutated observations file --------
  const obsName = '003-tabell-1-1-nokkeltall.csv';
  const obsBytes = fs.readFileSync(path.join(root, 'data', 'observations', obsName));
  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(path.join(dataDir, 'register'), { recursive: true });
  fs.mkdirSync(path.join(dataDir, 'observations'), { recursive: true });
  fs.copyFileSync(path.join(root, 'data', 'register', 'kommuner.csv'), path.join(dataDir, 'register', 'kommuner.csv'));
  fs.copyFileSync(path.join(root, 'data', 'variables.csv'), path.join(dataDir, 'variables.csv'));
  targets.csv = (rng) => {
    const m = mutateBytes(obsBytes, rng);
    return {
      input: text(m),
      steps: m.steps,
      run: () =>
        guarded(() => {
          const r = readCsv(obsName, text(m), OBSERVATION_HEADER);
          if (!r.value && r.problems.length === 0) return { kind: 'crash', detail: 'readCsv returned neither records nor problems' };
          fs.writeFileSync(path.join(dataDir, 'observations', obsName), m.bytes);
          const { dataset } = loadDataset(dataDir);
          // a folder that loads has no problems; readCsv must have agreed that the file is well-formed
          if (r.problems.length > 0) return { kind: 'crash', detail: `readCsv found problems but loadDataset accepted the folder (${dataset.observations.length} obs): ${r.problems[0].message}` };
          return { kind: 'ok' };
        }),
    };
  };

  // --- the SSB importers: mutated fixture -> cells -> tidy rows -> written atomically (or nothing) ----------
  const register = readRegisterFile(path.join(root, 'data', 'register', 'kommuner.csv'));
  const fixtures = path.join(root, 'test', 'fixtures', 'ssb');
  const csvFixtures = fs.readdirSync(fixtures).filter((f) => f.endsWith('.csv')).sort();
  const jsonFixtures = fs.readdirSync(fixtures).filter((f) => /jsonstat.*\.json$/.test(f)).sort();
  const outDir = path.join(tmp, 'import-out');
  fs.mkdirSync(outDir, { recursive: true });
  const importCase = (name: string, m: Mutated): FuzzCase => ({
    input: text(m),
    steps: [name, ...m.steps],
    run: () => {
      const out = path.join(outDir, 'tidy.csv');
      fs.rmSync(out, { force: true });
      const outcome = guarded(() => {
        const imp = readSsbBytes(name, m.bytes);
        const result = importSsb([imp], { register, sumSex: name.startsWith('07459') });
        const csv = tidyToCsv(result.rows, 'fuzz');
        writeFileAtomic(out, csv);
        if (fs.readFileSync(out, 'utf8') !== csv) return { kind: 'crash', detail: 'the written file differs from the CSV' };
        // what the importer writes must load back as data: a header and well-formed rows
        const back = readCsv(out, csv, OBSERVATION_HEADER);
        if (back.problems.length > 0) return { kind: 'crash', detail: `the importer wrote a CSV the loader rejects: ${back.problems[0].message}` };
        return { kind: 'ok' };
      });
      const left = fs.readdirSync(outDir).filter((f) => f !== 'tidy.csv');
      if (left.length > 0) return { kind: 'crash', detail: `left-over files after the import: ${left.join(', ')}` };
      if (outcome.kind === 'user' && fs.existsSync(out)) return { kind: 'crash', detail: `an error, but ${out} was written: ${outcome.detail}` };
      return outcome;
    },
  });
  targets.statbank = (rng) => {
    const name = rng.pick(csvFixtures);
    return importCase(name, mutateBytes(fs.readFileSync(path.join(fixtures, name)), rng));
  };
  targets.jsonstat = (rng) => {
    const name = rng.pick(jsonFixtures);
    const bytes = fs.readFileSync(path.join(fixtures, name));
    return importCase(name, rng.chance(0.6) ? mutateJson(new TextDecoder().decode(bytes), rng) : mutateBytes(bytes, rng));
  };
  return targets;
}
