import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { BatchJob, JobContext, JobResult, runJob } from './job';
import { ToMain, ToWorker, WorkerInit } from './protocol';

/**
 * Where the batch's decks are built: N worker threads, or the main thread (inline).
 *
 * A worker runs compiled JavaScript. From dist/ (the installed CLI, `npm ci` runs `prepare`) that is
 * dist/batch/worker.js next to this file. When this file is TypeScript (ts-jest, or `node -r
 * test/helpers/ts-register.js`), there is no compiled worker next to it; then each worker starts from a few lines of
 * JavaScript (eval) that install a transpile-on-require hook (typescript's transpileModule, no type check, the
 * same transform ts-jest uses) and require src/batch/worker.ts through it. Without typescript installed the
 * batch builds inline. A stale dist/ is never used for a TypeScript caller: the worker runs the caller's code.
 */
export type WorkerEntry = { kind: 'js'; file: string } | { kind: 'ts'; file: string; typescript: string };

const TS_CACHE_DIR = path.join(os.tmpdir(), 'kommunedeck-ts-cache');

function tsCacheKey(typescript: string): string {
  let version = '?';
  try {
    version = (JSON.parse(fs.readFileSync(path.join(path.dirname(typescript), '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    /* an unknown version still gives a stable key */
  }
  return `typescript ${version} commonjs es2022 esModuleInterop resolveJsonModule`;
}

export function workerEntry(): WorkerEntry | undefined {
  if (__filename.endsWith('.js')) {
    const file = path.join(__dirname, 'worker.js');
    return fs.existsSync(file) ? { kind: 'js', file } : undefined;
  }
  const file = path.join(__dirname, 'worker.ts');
  try {
    return { kind: 'ts', file, typescript: require.resolve('typescript') };
  } catch {
    return undefined;
  }
}

/**
 * A worker started from TypeScript sources: a require hook that transpiles each .ts file (typescript's
 * transpileModule, as ts-jest does) and keeps the result in a cache under the OS temp folder, keyed by the file's
 * path and text, the typescript version and the options, so only the first worker after a change pays for it
 * (about 70 files; typescript itself is loaded only on a cache miss).
 */
const TS_BOOTSTRAP = `
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { workerData, threadId } = require('worker_threads');
let ts;
const options = { module: 1 /* CommonJS */, target: 9 /* ES2022 */, esModuleInterop: true, resolveJsonModule: true };
require.extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(workerData.__cacheKey + '\\0' + filename + '\\0' + source).digest('hex');
  const cached = path.join(workerData.__cacheDir, key + '.js');
  let js;
  try {
    js = fs.readFileSync(cached, 'utf8');
  } catch {
    ts = ts || require(workerData.__typescript);
    js = ts.transpileModule(source, { fileName: filename, compilerOptions: options }).outputText;
    try {
      fs.mkdirSync(workerData.__cacheDir, { recursive: true });
      const tmp = cached + '.' + process.pid + '.' + threadId + '.tmp';
      fs.writeFileSync(tmp, js);
      fs.renameSync(tmp, cached);
    } catch {
      /* a cache that cannot be written only costs time */
    }
  }
  module._compile(js, filename);
};
require(workerData.__entry);
`;

function startWorker(entry: WorkerEntry, init: WorkerInit): Worker {
  try {
    return startWorkerWith(entry, init);
  } catch (e) {
    // DataCloneError: something in the dataset is not plain data; the worker loads the data folder itself
    if (init.dataset && e instanceof Error && e.name === 'DataCloneError') return startWorkerWith(entry, { ...init, dataset: undefined });
    throw e;
  }
}

/**
 * An explicit old-generation limit makes V8 collect a worker's garbage (each deck allocates ~100 MB of short-lived
 * XML strings and zip buffers) before its heap balloons: measured on the council deck, a worker's resident memory
 * stays near 190 MB instead of 320 MB, at no measurable cost in time. A deck needs well under 100 MB live; a worker
 * that still runs out fails only the deck it was building (see ThreadExecutor).
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 384 };

function startWorkerWith(entry: WorkerEntry, init: WorkerInit): Worker {
  if (entry.kind === 'js') return new Worker(entry.file, { workerData: init, resourceLimits: WORKER_LIMITS });
  return new Worker(TS_BOOTSTRAP, {
    eval: true,
    workerData: { ...init, __typescript: entry.typescript, __entry: entry.file, __cacheDir: TS_CACHE_DIR, __cacheKey: tsCacheKey(entry.typescript) },
    resourceLimits: WORKER_LIMITS,
  });
}

export interface Executor {
  /** Run the jobs, calling onResult as each finishes; resolves when all are done or stop() was called. */
  run(jobs: readonly BatchJob[], onResult: (r: JobResult) => void): Promise<void>;
  /** Stop now: jobs in flight are abandoned (their results never arrive). */
  stop(): Promise<void>;
  readonly size: number;
}

/** The main thread, one deck at a time, sharing the already loaded dataset (jobs = 1, or no compiled worker). */
export class InlineExecutor implements Executor {
  readonly size = 1;
  private stopped = false;
  constructor(private readonly ctx: JobContext) {}

  async run(jobs: readonly BatchJob[], onResult: (r: JobResult) => void): Promise<void> {
    for (const job of jobs) {
      if (this.stopped) return;
      const r = await runJob(this.ctx, job);
      if (this.stopped) return;
      onResult(r);
      // a deck awaits only promises: let signals, timers and the progress bar in between decks
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }
}

/** Worker threads: each loads the data once and takes the next job when it is free. */
export class ThreadExecutor implements Executor {
  private workers = new Set<Worker>();
  private stopped = false;
  private finish: (() => void) | undefined;

  constructor(
    readonly size: number,
    private readonly entry: WorkerEntry,
    private init: WorkerInit,
  ) {}

  run(jobs: readonly BatchJob[], onResult: (r: JobResult) => void): Promise<void> {
    let next = 0;
    let outstanding = jobs.length;
    return new Promise<void>((resolve, reject) => {
      this.finish = resolve;
      if (outstanding === 0) return resolve();
      const fail = (e: Error) => {
        this.finish = undefined;
        reject(e);
        void this.stop();
      };
      const spawn = () => {
        const w = startWorker(this.entry, this.init);
        this.workers.add(w);
        let current: BatchJob | undefined;
        const dispatch = () => {
          if (this.stopped) return;
          if (next >= jobs.length) {
            current = undefined;
            this.workers.delete(w);
            void w.terminate();
            return;
          }
          current = jobs[next++];
          w.postMessage({ type: 'job', job: current } satisfies ToWorker);
        };
        const settle = (r: JobResult) => {
          if (this.stopped) return;
          onResult(r);
          if (--outstanding === 0) resolve();
        };
        w.on('message', (m: ToMain) => {
          if (m.type === 'ready') dispatch();
          else if (m.type === 'init-error') fail(new Error(`en arbeidstråd kunne ikke starte: ${m.message}`));
          else if (m.type === 'result') {
            current = undefined;
            settle(m.result);
            dispatch();
          }
        });
        let crash: string | undefined;
        w.on('error', (e) => {
          crash = e.message;
        });
        w.on('exit', (code) => {
          // a crash (uncaught exception, out of memory) fails the deck it was building; a fresh worker takes over
          this.workers.delete(w);
          if (this.stopped) return;
          if (current === undefined) {
            if (crash !== undefined) fail(new Error(`en arbeidstråd stoppet: ${crash}`));
            return;
          }
          const job = current;
          current = undefined;
          settle({ id: job.id, status: 'failed', reason: `intern feil: arbeidstråden stoppet (${crash ?? `avslutningskode ${code}`})`, internal: true, warnings: [], ms: 0 });
          if (next < jobs.length) spawn();
        });
      };
      for (let i = 0; i < Math.min(this.size, jobs.length); i++) spawn();
      // the workers have their copies; a replacement worker loads the data folder itself
      this.init = { ...this.init, dataset: undefined };
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.workers];
    this.workers.clear();
    await Promise.all(all.map((w) => w.terminate()));
    this.finish?.();
  }
}
