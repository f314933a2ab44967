import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { outputFileName, readDeckFile } from '../build';
import { DEFAULT_DATA_DIR, loadDataset } from '../data/load';
import { findKommuner } from '../data/register';
import { UserError } from '../errors';
import { writeFileAtomic } from '../util/atomic';
import { toolVersion } from './inputs';
import { BatchJob, errorReason, JobContext, JobResult } from './job';
import { ManifestEntry, ManifestWriter, readManifest } from './manifest';
import { Executor, InlineExecutor, ThreadExecutor, workerEntry } from './pool';
import { datasetParts } from './protocol';
import { selectKommuner } from './select';

/**
 * `kommunedeck batch`: one deck per kommune and deck file, built in parallel.
 *
 *   load + validate data, parse decks, select kommuner   (main thread; any problem here stops the batch: exit 1)
 *     └─► jobs (deck × kommune) ─► workers: prepare (analyse, resolve) ─► inputs hash ─► render ─► finish
 *                                    └─► main thread: write deck atomically ─► manifest.json ─► progress
 *
 * One deck's failure (bad or missing data, a deck that does not resolve for that kommune, an internal error) is
 * that deck's entry in the summary and the manifest; the batch goes on.
 */
export interface BatchOptions {
  deckFiles: string[];
  /** see selectKommuner: "1837,1820", "all", "fylke:18", "kostragruppe:EKG06" */
  kommuner: string;
  /** 'auto' (default: each deck's own `references:`) or a comma-separated list used for every deck */
  refs?: string;
  /** parallel builds; default the number of cores */
  jobs?: number;
  /** output folder, created if missing; default ./out */
  out?: string;
  dataDir?: string;
  year?: number;
  /** skip decks whose inputs hash equals the manifest's and whose file still exists */
  changedOnly?: boolean;
  /** threads: worker threads; inline: the main thread; auto (default): threads when jobs > 1 and a worker can start */
  mode?: 'auto' | 'threads' | 'inline';
  /** abort to stop the batch (the CLI aborts on SIGINT/SIGTERM with the signal name as reason) */
  signal?: AbortSignal;
  reporter?: BatchReporter;
}

export interface BatchStart {
  total: number;
  jobs: number;
  mode: 'threads' | 'inline';
  kommuner: number;
  decks: number;
  notes: string[];
}

/** Progress and messages while the batch runs (src/batch/progress.ts draws a bar or prints lines). */
export interface BatchReporter {
  start(info: BatchStart): void;
  done(entry: ManifestEntry, done: number, total: number): void;
  stop(): void;
}

export interface BatchSummary {
  total: number;
  built: number;
  skipped: number;
  failed: number;
  /** warnings over all decks, and how many decks had any */
  warnings: number;
  decksWithWarnings: number;
  /** consistency warnings of the data folder (see `data check`) */
  dataWarnings: number;
  ms: number;
  /** peak resident memory of the process (main thread and workers share it), MB */
  peakRssMb: number;
  jobs: number;
  mode: 'threads' | 'inline';
  interrupted?: string;
  manifestFile: string;
  outDir: string;
  /** this run's entries, in job order */
  entries: ManifestEntry[];
  notes: string[];
}

export async function runBatch(opts: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);
  sampler.unref();
  try {
    return await runBatchInner(opts, started, () => peakRss);
  } finally {
    clearInterval(sampler);
  }
}

interface Planned {
  job: BatchJob;
  kommuneName: string;
  file: string;
}

interface Plan {
  planned: Planned[];
  kommuner: number;
  decks: number;
  dataWarnings: number;
  outDir: string;
  manifest: ManifestWriter;
  executor: Executor;
  modeName: 'threads' | 'inline';
  notes: string[];
}

/**
 * Everything before the first deck: load and check the data, decks and selection, plan the jobs, pick the
 * executor. Any problem here stops the batch before anything is written. The dataset is local to this function:
 * in threads mode the main thread keeps no copy once the workers have theirs.
 */
function planBatch(opts: BatchOptions): Plan {
  if (opts.deckFiles.length === 0) throw new UserError('ingen presentasjonsfiler; skriv f.eks. kommunedeck batch decks/kommuneokonomi.yaml --kommuner all', 'NO_DECK');
  const dataDir = path.resolve(opts.dataDir ?? DEFAULT_DATA_DIR);
  const { dataset, warnings: dataWarnings } = loadDataset(dataDir);

  const decks = opts.deckFiles.map((file) => {
    const spec = readDeckFile(file);
    const year = opts.year ?? spec.year;
    if (year === undefined) throw new UserError(`${file}: presentasjonen sier ikke hvilket år den gjelder; legg til year: i filen eller bruk --year`, 'NO_YEAR');
    return { file, year };
  });
  const names = new Map<string, string>();
  for (const d of decks) {
    const key = outputFileName({ code: '0000', name: 'x' }, d.file, d.year);
    const other = names.get(key);
    if (other !== undefined && other !== d.file) throw new UserError(`${other} og ${d.file} gir samme filnavn; gi en av dem et annet navn`, 'DUPLICATE_DECK');
    names.set(key, d.file);
  }
  const uniqueDecks = decks.filter((d, i) => decks.findIndex((e) => e.file === d.file) === i);

  const selection = selectKommuner(dataset, opts.kommuner, Math.max(...uniqueDecks.map((d) => d.year)));
  const refs = opts.refs === undefined || opts.refs.trim().toLowerCase() === 'auto' ? undefined : findKommuner(dataset.register, opts.refs).map((k) => k.code).join(',');

  const outDir = path.resolve(opts.out ?? 'out');
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw new UserError(`kan ikke lage utmappen ${opts.out ?? 'out'}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'NO_OUT_DIR');
  }
  const manifest = new ManifestWriter(outDir, { manifestVersion: 1, tool: toolVersion(), dataDir: path.relative(process.cwd(), dataDir) || '.' }, readManifest(outDir));

  const planned: Planned[] = [];
  for (const d of uniqueDecks) {
    for (const k of selection.kommuner) {
      const file = outputFileName(k, d.file, d.year);
      const prev = opts.changedOnly ? manifest.previous(file) : undefined;
      const reusable = prev && (prev.status === 'built' || prev.status === 'skipped') && prev.inputsHash && fs.existsSync(path.join(outDir, file));
      planned.push({
        job: { id: planned.length, deckFile: d.file, kommune: k.code, year: opts.year, refs, skipIfHash: reusable ? prev.inputsHash : undefined },
        kommuneName: k.name,
        file,
      });
    }
  }

  const jobs = Math.max(1, Math.min(opts.jobs ?? os.availableParallelism(), planned.length));
  const notes = [...selection.notes];
  const mode = opts.mode ?? 'auto';
  const entry = mode === 'inline' || (mode === 'auto' && jobs === 1) ? undefined : workerEntry();
  if (mode === 'threads' && !entry) throw new Error('fant ingen kompilert arbeidstråd (dist/batch/worker.js); kjør npm run build');
  let executor: Executor;
  if (entry) executor = new ThreadExecutor(jobs, entry, { dataDir, deckFiles: uniqueDecks.map((d) => d.file), dataset: datasetParts(dataset) });
  else {
    if (jobs > 1) notes.push('bygger i hovedtråden: fant ingen kompilert arbeidstråd (kjør npm run build)');
    executor = new InlineExecutor(new JobContext(dataset));
  }
  return { planned, kommuner: selection.kommuner.length, decks: uniqueDecks.length, dataWarnings: dataWarnings.length, outDir, manifest, executor, modeName: entry ? 'threads' : 'inline', notes };
}

async function runBatchInner(opts: BatchOptions, started: number, sampledRss: () => number): Promise<BatchSummary> {
  const { planned, outDir, manifest, executor, modeName, notes, dataWarnings, ...counts } = planBatch(opts);
  const entries: ManifestEntry[] = [];
  let done = 0;
  opts.reporter?.start({ total: planned.length, jobs: executor.size, mode: modeName, kommuner: counts.kommuner, decks: counts.decks, notes });

  let fatal: unknown;
  const onResult = (r: JobResult) => {
    const p = planned[r.id];
    const target = path.join(outDir, p.file);
    let status = r.status;
    let reason = r.reason;
    let bytes: number | undefined;
    if (r.status === 'built' && r.bytes) {
      try {
        writeFileAtomic(target, r.bytes);
        bytes = r.bytes.length;
      } catch (e) {
        status = 'failed';
        reason = errorReason(e).reason;
      }
    } else if (r.status === 'skipped') {
      bytes = fs.existsSync(target) ? fs.statSync(target).size : undefined;
    }
    const e: ManifestEntry = {
      kommune: p.job.kommune,
      kommuneName: p.kommuneName,
      deck: p.job.deckFile,
      file: p.file,
      status,
      ...(reason !== undefined ? { reason } : {}),
      warnings: r.warnings,
      ...(r.inputsHash !== undefined && status !== 'failed' ? { inputsHash: r.inputsHash } : {}),
      ...(bytes !== undefined ? { bytes } : {}),
      ms: r.ms,
    };
    entries.push(e);
    try {
      manifest.add(e);
    } catch (err) {
      // the manifest cannot be written (disk full, folder gone): stop rather than build decks nobody can track
      fatal ??= err;
      void executor.stop();
    }
    opts.reporter?.done(e, ++done, planned.length);
  };

  let interrupted: string | undefined;
  const onAbort = () => {
    interrupted = String(opts.signal?.reason ?? 'avbrutt');
    void executor.stop();
  };
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (!interrupted) {
      const running = executor.run(planned.map((p) => p.job), onResult);
      // the workers have their copies of the dataset: let the main thread's go (collected at once when the
      // process runs with --expose-gc, as a restarted batch does; see src/cli/restart.ts)
      if (modeName === 'threads') setImmediate(() => (globalThis as { gc?: () => void }).gc?.());
      await running;
    }
  } catch (e) {
    manifest.finish('feil');
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    opts.reporter?.stop();
  }
  await executor.stop();
  if (fatal !== undefined) throw fatal;
  manifest.finish(interrupted);

  const count = (s: string) => entries.filter((e) => e.status === s).length;
  const peakRssMb = Math.max(sampledRss(), process.resourceUsage().maxRSS * 1024) / (1024 * 1024);
  return {
    total: planned.length,
    built: count('built'),
    skipped: count('skipped'),
    failed: count('failed'),
    warnings: entries.reduce((a, e) => a + e.warnings.length, 0),
    decksWithWarnings: entries.filter((e) => e.warnings.length > 0).length,
    dataWarnings,
    ms: Math.round(performance.now() - started),
    peakRssMb: Math.round(peakRssMb),
    jobs: executor.size,
    mode: modeName,
    interrupted,
    manifestFile: manifest.file,
    outDir,
    entries,
    notes,
  };
}
