import * as fs from 'fs';
import { Dataset } from '../data/dataset';
import { DeckModel } from '../deck/model';
import { DeckSpec } from '../deck/spec';
import { UserError } from '../errors';
import { layoutFor } from '../render/layout';
import { chartJsConfig, quickChartUrl, renderChartPng } from '../render/quickchart';
import { CHART_IMAGE_PPI, chartBox } from '../render/slides/chart-image';
import { Theme } from '../render/theme';
import { applyComments, CommentsFile, defaultCommentsPath, readComments, StaleFigure } from './comments';
import { collectFigures, Figure, storeFor } from './figures';

/**
 * The consultant's workflow between resolve and render (src/build.ts calls it):
 *
 *   DeckModel ─► figures ─► apply kommentarer/<nr>-<deck>.yaml (replace/append/notes, stale check) ─► DeckModel'
 *             ─► audit figures of DeckModel' (--audit)  ─► chart images (--charts image)
 *
 * Every step is a function of the model; nothing is written here.
 */
export interface WorkflowOptions {
  deckFile: string;
  /** a comments file; undefined: kommentarer/<nr>-<deck>.yaml in the current directory when it exists */
  comments?: string;
  /** stale remarks and remarks for unknown slides are errors */
  strict?: boolean;
  /** collect the audit figures of the finished model */
  audit?: boolean;
  charts?: 'native' | 'image';
}

export interface WorkflowResult {
  model: DeckModel;
  warnings: string[];
  /** figures of the finished deck (when audit was asked for) */
  figures?: Figure[];
  chartImages?: Map<number, Uint8Array>;
  commentsFile?: string;
  stale: StaleFigure[];
}

/** The comments file a build uses: the one named, else the default one when it exists. */
export function commentsFileFor(kommune: string, deckFile: string, named?: string): string | undefined {
  if (named !== undefined) return named;
  const def = defaultCommentsPath(kommune, deckFile);
  return fs.existsSync(def) ? def : undefined;
}

export async function runWorkflow(spec: DeckSpec, dataset: Dataset, prepared: { model: DeckModel; theme: Theme }, opts: WorkflowOptions): Promise<WorkflowResult> {
  let model = prepared.model;
  const warnings: string[] = [];
  let stale: StaleFigure[] = [];
  const regionName = (code: string) => dataset.regionName(code);
  const store = storeFor(dataset, model);
  const file = commentsFileFor(model.kommune.code, opts.deckFile, opts.comments);
  if (file) {
    const comments: CommentsFile = readComments(file);
    if (comments.kommune !== undefined && comments.kommune !== model.kommune.code) {
      throw new UserError(`${comments.file}: kommentarfilen gjelder kommune ${comments.kommune}, men presentasjonen bygges for ${model.kommune.code} ${model.kommune.name}`, 'COMMENTS_KOMMUNE');
    }
    if (comments.year !== undefined && comments.year !== model.year) {
      warnings.push(`${comments.file}: kommentarfilen ble laget for ${comments.year}, presentasjonen bygges for ${model.year}; les kommentarene på nytt`);
    }
    const generated = collectFigures(spec, model, store, regionName);
    const ids = new Set(spec.slides.map((s) => s.id).filter((id): id is string => Boolean(id)));
    const applied = applyComments(model, comments, generated, ids);
    if (opts.strict && (applied.stale.length || applied.unknown.length || applied.unstamped.length)) {
      const lines = applied.warnings.map((w) => `  ${w}`);
      throw new UserError(
        `--strict: kommentarfilen ${comments.file} stemmer ikke med presentasjonen, og ingen presentasjon er skrevet:\n${lines.join('\n')}\n` +
          'Les kommentarene på nytt, og lagre de nye tallene med kommunedeck comments stamp … --slide <id>',
        'STALE_COMMENTS',
      );
    }
    model = applied.model;
    warnings.push(...applied.warnings);
    stale = applied.stale;
  }
  const figures = opts.audit ? collectFigures(spec, model, store, regionName) : undefined;
  const chartImages = opts.charts === 'image' ? await renderChartImages(model, prepared.theme) : undefined;
  return { model, warnings, figures, chartImages, commentsFile: file, stale };
}

/** Every chart of the deck as a PNG from the QuickChart server, keyed by slide index; 4 requests at a time. */
export async function renderChartImages(model: DeckModel, theme: Theme, url = quickChartUrl()): Promise<Map<number, Uint8Array>> {
  const layout = layoutFor(theme);
  const jobs = model.slides.flatMap((m, i) => (m.kind === 'chart' ? [{ i, m }] : []));
  const out = new Map<number, Uint8Array>();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { i, m } = jobs[next++];
      const box = chartBox(m, layout);
      out.set(i, await renderChartPng({ config: chartJsConfig(m, theme.colors), width: Math.round(box.w * CHART_IMAGE_PPI), height: Math.round(box.h * CHART_IMAGE_PPI) }, url));
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, jobs.length) }, worker));
  return out;
}

