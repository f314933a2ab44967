import * as fs from 'fs';
import * as path from 'path';
import { Dataset } from './data/dataset';
import { datasetFor } from './data/load';
import { findKommune } from './data/register';
import { chooseDeckReferences } from './deck/references';
import { parseDeck, Vocabulary } from './deck/parse';
import { parseDeckCached } from './deck/spec-cache';
import { resolveDeck } from './deck/resolve';
import { DeckModel } from './deck/model';
import { DeckSpec } from './deck/spec';
import { UserError } from './errors';
import { FactStore } from './facts';
import { METRICS } from './metrics/registry';
import { MetricDef } from './metrics/types';
import { renderDeckParts, RenderOptions } from './render';
import { layoutFor, tableCapacity } from './render/layout';
import { buildCheckLevel, documentDate, finishPackage } from './render/package';
import { loadTheme, resolveThemePath, Theme } from './render/theme';
import { ensureWritableDir, writeError, writeFileAtomic } from './util/atomic';
import { slugify } from './util/slug';
import { buildRecord, rememberDeckText } from './refresh/model';
import { checkAuditPath, writeAudit } from './workflow/audit';
import { runWorkflow, WorkflowResult } from './workflow/pipeline';

/**
 * The pipeline, one plain function per stage:
 *
 *   load(data dir) ─► Dataset          parse(deck.yaml) ─► DeckSpec
 *                        └────────► analyse: FactStore(kommune, refs, year) ◄──┘
 *   resolve(DeckSpec, facts) ─► DeckModel ─► render(DeckModel, Theme) ─► finish(bytes) ─► written atomically
 */
export const vocabulary: Vocabulary = vocabularyOf(METRICS);

export function vocabularyOf(metrics: readonly MetricDef[]): Vocabulary {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  return { kindOf: (id) => byId.get(id)?.kind, ids: () => [...byId.keys()] };
}

export function readDeckFile(file: string): DeckSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `fant ikke presentasjonsfilen ${file}` : `kan ikke lese ${file} (${code})`, 'NO_DECK');
  }
  const shown = path.relative(process.cwd(), file) || file;
  return rememberDeckText(
    parseDeckCached(shown, text, vocabulary, () => parseDeck(shown, text, vocabulary)),
    text,
  );
}

export interface BuildOptions {
  deckFile: string;
  /** kommunenummer or name */
  kommune: string;
  year?: number;
  /** comma-separated kommunenummer or names; replaces the deck's references */
  refs?: string;
  /** a .pptx file, or a folder (existing) to write `<nr>-<slug>-<deck>-<year>.pptx` into; default ./out/ */
  out?: string;
  dataDir?: string;
  /** an already loaded dataset (batch builds share one) */
  dataset?: Dataset;
  /** write the resolved DeckModel as JSON here */
  emitModel?: string;
  /** the consultant's comments file; default kommentarer/<nr>-<deck>.yaml when it exists (src/workflow/comments.ts) */
  comments?: string;
  /** stale or unknown comments are errors: nothing is written */
  strict?: boolean;
  /** write every figure of the deck to this .csv or .xlsx (src/workflow/audit.ts) */
  audit?: string;
  /** 'image': charts as PNG from the QuickChart server in QUICKCHART_URL; default 'native' */
  charts?: 'native' | 'image';
}

export interface BuildResult {
  file: string;
  model: DeckModel;
  warnings: string[];
  bytes: number;
  /** the comments file applied, if any */
  commentsFile?: string;
}

/** A resolved deck, ready to render: what `prepareDeck` returns. */
export interface PreparedDeck {
  model: DeckModel;
  theme: Theme;
  /** the theme file the deck uses (batch builds hash it) */
  themeFile: string;
  date: Date;
  /** the parsed deck and the facts it was resolved from (the bindings record both) */
  spec: DeckSpec;
  store: FactStore;
  /** the model as resolved, before a comments file changed its commentary (the bindings record what the data wrote) */
  generated?: DeckModel;
}

/** Analyse and resolve a deck for one kommune, without rendering (batch builds hash what it read first). */
export function prepareDeck(spec: DeckSpec, dataset: Dataset, opts: { kommune: string; year?: number; refs?: string; requireData?: boolean }): PreparedDeck {
  const kommune = findKommune(dataset.register, opts.kommune);
  const year = opts.year ?? spec.year;
  if (year === undefined) throw new UserError(`${spec.file}: presentasjonen sier ikke hvilket år den gjelder; legg til year: i filen eller bruk --year`, 'NO_YEAR');
  const choice = chooseDeckReferences(spec, dataset, kommune.code, year, opts.refs);
  const refs = choice.refs;
  const themeFile = resolveThemePath(spec.theme, path.dirname(path.resolve(spec.file)));
  const theme = loadTheme(themeFile);
  const date = documentDate(new Date(Date.UTC(year, 0, 1)));
  const store = new FactStore(dataset, METRICS, [kommune.code, ...refs], choice.note);
  const model = resolveDeck(spec, dataset, store, { kommune: kommune.code, year, refs, referenceNote: choice.note, theme: theme.name, date: date.toISOString(), tableCapacity: (c, cap) => tableCapacity(layoutFor(theme), c, cap), requireData: opts.requireData });
  return { model, theme, themeFile, date, spec, store };
}

/** Render and finish a prepared deck: the .pptx bytes. */
export async function renderPreparedDeck({ model, theme, date, spec, store, generated }: PreparedDeck, render: RenderOptions = {}): Promise<Uint8Array> {
  const raw = await renderDeckParts(model, theme, render);
  return finishPackage(raw, { verify: render.verify ?? buildCheckLevel(), theme, date, title: model.title, subject: `${model.kommune.name} ${model.year}`, author: model.author ?? 'kommunedeck', lang: 'nb-NO', bindings: buildRecord(model, spec, (m, y) => store.get(m, model.kommune.code, y), generated) });
}

/** Resolve and render a deck in memory: everything but writing. */
export async function buildDeckBytes(spec: DeckSpec, dataset: Dataset, opts: { kommune: string; year?: number; refs?: string; requireData?: boolean }): Promise<{ model: DeckModel; bytes: Uint8Array; theme: Theme }> {
  const prepared = prepareDeck(spec, dataset, opts);
  const bytes = await renderPreparedDeck(prepared);
  return { model: prepared.model, bytes, theme: prepared.theme };
}

export function outputFileName(kommune: { code: string; name: string }, deckFile: string, year: number): string {
  return `${kommune.code}-${slugify(kommune.name)}-${slugify(path.basename(deckFile).replace(/\.ya?ml$/i, ''))}-${year}.pptx`;
}

/**
 * Prepare a deck as `build` does (a deck without a single figure is an error) and apply the consultant's workflow
 * (comments, audit figures, image charts): all that is left is `renderPreparedDeck(prepared, { chartImages })`.
 * `batch` calls it too, so a batch deck is the single build's deck byte for byte.
 */
export async function composeDeck(
  spec: DeckSpec,
  dataset: Dataset,
  opts: { deckFile: string; kommune: string; year?: number; refs?: string; comments?: string; strict?: boolean; audit?: boolean; charts?: 'native' | 'image' },
): Promise<{ prepared: PreparedDeck; wf: WorkflowResult }> {
  const prepared = prepareDeck(spec, dataset, { ...opts, requireData: true });
  // the consultant's comments, audit figures and image charts (src/workflow/pipeline.ts)
  const wf = await runWorkflow(spec, dataset, prepared, { deckFile: opts.deckFile, comments: opts.comments, strict: opts.strict, audit: opts.audit, charts: opts.charts });
  return { prepared: { ...prepared, model: wf.model, generated: prepared.model }, wf };
}

/** Build one deck and write it atomically. */
export async function buildDeck(opts: BuildOptions): Promise<BuildResult> {
  if (opts.audit) checkAuditPath(opts.audit);
  const spec = readDeckFile(opts.deckFile);
  // data consistency warnings belong to `data check` (they read every table and document): a build does not run them
  const dataset = datasetFor(opts);
  // a build that would show no figure at all is the user's mistake (wrong --year or kommune), not a deck of "–"
  const { prepared, wf } = await composeDeck(spec, dataset, { ...opts, audit: Boolean(opts.audit) });
  const model = prepared.model;
  const bytes = await renderPreparedDeck(prepared, { chartImages: wf.chartImages });
  let file: string;
  if (opts.out === undefined) {
    file = path.join('out', outputFileName(model.kommune, opts.deckFile, model.year));
    try {
      fs.mkdirSync('out', { recursive: true });
    } catch (e) {
      throw writeError(file, e);
    }
  } else if (opts.out.endsWith('/') || (fs.existsSync(opts.out) && fs.statSync(opts.out).isDirectory())) {
    file = path.join(opts.out, outputFileName(model.kommune, opts.deckFile, model.year));
  } else {
    if (!/\.pptx$/i.test(opts.out)) throw new UserError(`--out ${opts.out}: forventet en .pptx-fil eller en mappe som slutter med /`, 'BAD_OUT');
    file = opts.out;
  }
  // both targets are checked before either is written: a bad --out leaves no model.json behind
  ensureWritableDir(path.dirname(file));
  if (opts.emitModel) ensureWritableDir(path.dirname(opts.emitModel));
  if (opts.audit) ensureWritableDir(path.dirname(opts.audit));
  if (opts.emitModel) writeFileAtomic(opts.emitModel, JSON.stringify(model, null, 2) + '\n');
  writeFileAtomic(file, bytes);
  if (opts.audit && wf.figures) writeAudit(opts.audit, wf.figures, prepared.date);
  return { file, model, warnings: [...model.warnings, ...wf.warnings], bytes: bytes.length, commentsFile: wf.commentsFile };
}
