/**
 * The parent side of a fuzz run: starts test/fuzz/worker.js, watches every case with a time budget (a case that
 * takes longer is a hang: the worker is stopped) and collects crashes. Seeds are fixed so CI runs the same cases;
 * KD_FUZZ_SEED picks another seed, KD_FUZZ_CASE replays one case, KD_FUZZ_MS sets the time per target.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { CaseOutcome, TargetParams } from './targets';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface FuzzFailure {
  index: number;
  steps: string[];
  detail: string;
  /** the mutated input, written to a file for replay */
  inputFile: string;
}

export interface FuzzReport {
  target: string;
  seed: number;
  cases: number;
  counts: Record<CaseOutcome['kind'], number>;
  failures: FuzzFailure[];
  /** cases whose input loaded without an error (the first 1000) */
  okIndexes: number[];
  ms: number;
}

export interface FuzzRun {
  target: string;
  seed: number;
  /** how long to generate cases (default 2 s, or KD_FUZZ_MS) */
  budgetMs?: number;
  maxCases?: number;
}

export interface FuzzOptions {
  /** a case slower than this is a hang (default 3 s: the first case also warms up the loaders) */
  caseBudgetMs?: number;
  params?: Partial<TargetParams>;
}

export function fuzzSeed(fallback: number): number {
  return process.env.KD_FUZZ_SEED ? Number(process.env.KD_FUZZ_SEED) : fallback;
}

/** Run several targets, one after the other, in one worker (it starts once). Resolves with one report per target. */
export function runFuzz(runs: FuzzRun[], opts: FuzzOptions = {}): Promise<Map<string, FuzzReport>> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-fuzz-'));
  const only = process.env.KD_FUZZ_CASE !== undefined ? Number(process.env.KD_FUZZ_CASE) : undefined;
  const defaultBudget = Number(process.env.KD_FUZZ_MS ?? 2000);
  const caseBudgetMs = opts.caseBudgetMs ?? 3000;
  const worker = new Worker(path.join(__dirname, 'worker.js'), {
    workerData: {
      runs: runs.map((r) => ({ target: r.target, seed: r.seed, budgetMs: r.budgetMs ?? defaultBudget, maxCases: r.maxCases ?? 100_000 })),
      only,
      params: { root: ROOT, tmp, ...opts.params },
    },
    // a runaway case must not take the test process with it
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  const reports = new Map<string, FuzzReport>(
    runs.map((r) => [r.target, { target: r.target, seed: r.seed, cases: 0, counts: { ok: 0, user: 0, crash: 0 }, failures: [], okIndexes: [], ms: 0 }]),
  );
  const save = (target: string, seed: number, index: number, input: string) => {
    const file = path.join(os.tmpdir(), `kd-fuzz-${target}-seed${seed}-case${index}.txt`);
    fs.writeFileSync(file, input);
    return file;
  };
  type Message = { type: string; target: string; index: number; input?: string; steps: string[]; outcome?: CaseOutcome; counts?: FuzzReport['counts']; ms?: number };
  return new Promise((resolve, reject) => {
    let current: { target: string; index: number; input: string; steps: string[] } | undefined;
    let watchdog: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      if (watchdog) clearTimeout(watchdog);
      void worker.terminate();
      fs.rmSync(tmp, { recursive: true, force: true });
      f();
    };
    worker.on('message', (m: Message) => {
      const report = reports.get(m.target);
      if (m.type === 'start' && report) {
        current = { target: m.target, index: m.index, input: m.input ?? '', steps: m.steps };
        if (watchdog) clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          const c = current!;
          const r = reports.get(c.target)!;
          r.counts.crash++;
          r.failures.push({ index: c.index, steps: c.steps, detail: `hang: the case took more than ${caseBudgetMs} ms (stopped)`, inputFile: save(c.target, r.seed, c.index, c.input) });
          finish(() => resolve(reports));
        }, caseBudgetMs);
      } else if (m.type === 'end' && report) {
        if (watchdog) clearTimeout(watchdog);
        report.cases++;
        if (m.outcome?.kind === 'ok' && report.okIndexes.length < 1000) report.okIndexes.push(m.index);
        if (m.outcome?.kind === 'crash') report.failures.push({ index: m.index, steps: m.steps, detail: m.outcome.detail ?? '', inputFile: save(m.target, report.seed, m.index, m.input ?? '') });
      } else if (m.type === 'done' && report) {
        report.counts = m.counts!;
        report.ms = m.ms!;
      } else if (m.type === 'all-done') {
        finish(() => resolve(reports));
      }
    });
    worker.on('error', (e) => finish(() => reject(new Error(`fuzz worker failed (${current?.target} case ${current?.index}): ${e.stack ?? e.message}`))));
    worker.on('exit', (code) => finish(() => reject(new Error(`fuzz worker exited with code ${code} during ${current?.target} case ${current?.index}`))));
  });
}

/** A failure report that says how to replay each failing case; '' when there is none. */
export function describeFailures(r: FuzzReport): string {
  if (r.failures.length === 0) return '';
  return (
    r.failures
      .slice(0, 5)
      .map((f) => `${r.target}: seed ${r.seed} case ${f.index} (replay: KD_FUZZ_SEED=${r.seed} KD_FUZZ_CASE=${f.index} npx jest test/fuzz)\n  mutations: ${f.steps.join('; ')}\n  input: ${f.inputFile}\n  ${f.detail}`)
      .join('\n\n') + (r.failures.length > 5 ? `\n… and ${r.failures.length - 5} more` : '')
  );
}
