import * as fs from 'fs';
import * as path from 'path';
import { composeDeck, readDeckFile, renderPreparedDeck } from '../build';
import { Dataset } from '../data/dataset';
import { DeckSpec } from '../deck/spec';
import { UserError } from '../errors';
import { Theme } from '../render/theme';
import { InputRecorder, inputsHash, recordingDataset, toolVersion } from './inputs';

/**
 * One deck of a batch: build it for one kommune in memory. The same function runs in a worker thread and in the
 * main thread (inline mode), so a batch deck is the single build's deck, byte for byte. Writing the file is the
 * main thread's job (one writer: an interrupted batch never leaves a file half-written or a manifest behind).
 */
export interface BatchJob {
  id: number;
  deckFile: string;
  /** kommunenummer */
  kommune: string;
  year?: number;
  /** comma-separated references; undefined = the deck's own (`--refs auto`) */
  refs?: string;
  /** the inputs hash of the existing file (`--changed-only`): equal means skip */
  skipIfHash?: string;
}

export type JobStatus = 'built' | 'skipped' | 'failed';

export interface JobResult {
  id: number;
  status: JobStatus;
  /** why it failed or was skipped (bokmål) */
  reason?: string;
  /** true when the failure is a bug in kommunedeck rather than in the data or the deck */
  internal?: boolean;
  warnings: string[];
  inputsHash?: string;
  bytes?: Uint8Array;
  slides?: number;
  ms: number;
}

/** What one thread keeps between jobs: the dataset, parsed decks and theme files, loaded once. */
export class JobContext {
  private readonly decks = new Map<string, { spec: DeckSpec; text: string }>();
  private readonly themes = new Map<string, { text: string; assets: Uint8Array[] }>();
  private regionsWithData: Set<string> | undefined;
  readonly tool = toolVersion();

  constructor(readonly dataset: Dataset) {}

  deck(file: string): { spec: DeckSpec; text: string } {
    let d = this.decks.get(file);
    if (!d) {
      const spec = readDeckFile(file);
      d = { spec, text: fs.readFileSync(file, 'utf8') };
      this.decks.set(file, d);
    }
    return d;
  }

  themeInputs(file: string, theme: Theme): { text: string; assets: Uint8Array[] } {
    let t = this.themes.get(file);
    if (!t) {
      const assets: Uint8Array[] = [];
      if (theme.logo.image) {
        const logo = path.resolve(theme.dir, theme.logo.image);
        if (fs.existsSync(logo)) assets.push(fs.readFileSync(logo));
      }
      t = { text: fs.readFileSync(file, 'utf8'), assets };
      this.themes.set(file, t);
    }
    return t;
  }

  /** Does the data folder have any observation or table row for this region? */
  hasData(region: string): boolean {
    if (!this.regionsWithData) this.regionsWithData = regionsWithData(this.dataset);
    return this.regionsWithData.has(region);
  }
}

/** Every region code that occurs in an observation or in a region column of a dedicated table. */
export function regionsWithData(ds: Dataset): Set<string> {
  const out = new Set<string>();
  for (const o of ds.observations) out.add(o.region);
  for (const { schema, rows } of ds.tables.values()) {
    const cols = schema.columns.filter((c) => c.type === 'region').map((c) => c.name);
    for (const r of rows) for (const c of cols) if (typeof r.values[c] === 'string') out.add(r.values[c] as string);
  }
  return out;
}

export function errorReason(e: unknown): { reason: string; internal: boolean } {
  if (e instanceof UserError) return { reason: e.message, internal: false };
  const err = e instanceof Error ? e : new Error(String(e));
  return { reason: `intern feil (${err.name}): ${err.message}`, internal: true };
}

/** Build one deck; never throws: a failure is a result with its reason. */
export async function runJob(ctx: JobContext, job: BatchJob): Promise<JobResult> {
  const started = performance.now();
  const done = (r: Omit<JobResult, 'id' | 'ms'>): JobResult => ({ id: job.id, ms: Math.round(performance.now() - started), ...r });
  try {
    const { spec, text } = ctx.deck(job.deckFile);
    if (!ctx.hasData(job.kommune)) {
      return done({ status: 'failed', reason: `ingen data for ${job.kommune} ${ctx.dataset.regionName(job.kommune)} i datamappen; ingenting å bygge presentasjonen av`, warnings: [] });
    }
    const rec = new InputRecorder();
    // as `build` does it: prepare (no figure at all is an error), the consultant's comments file if there is one
    const { prepared, wf } = await composeDeck(spec, recordingDataset(ctx.dataset, rec), { deckFile: job.deckFile, kommune: job.kommune, year: job.year, refs: job.refs });
    const theme = ctx.themeInputs(prepared.themeFile, prepared.theme);
    const model = prepared.model;
    const hash = inputsHash({
      reads: rec.lines(),
      deckText: text,
      themeText: theme.text,
      themeAssets: theme.assets,
      extraFiles: wf.commentsFile ? [`${wf.commentsFile}\n${fs.readFileSync(wf.commentsFile, 'utf8')}`] : [],
      tool: ctx.tool,
      options: `kommune=${job.kommune} year=${model.year} refs=${model.refs.map((r) => r.code).join(',')} date=${prepared.date.toISOString()}`,
    });
    const warnings = [...model.warnings, ...wf.warnings];
    if (job.skipIfHash === hash) return done({ status: 'skipped', reason: 'uendret siden forrige kjøring', warnings, inputsHash: hash, slides: model.slides.length });
    const bytes = await renderPreparedDeck(prepared, { chartImages: wf.chartImages });
    return done({ status: 'built', warnings, inputsHash: hash, bytes, slides: model.slides.length });
  } catch (e) {
    return done({ status: 'failed', ...errorReason(e), warnings: [] });
  }
}
