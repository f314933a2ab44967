import * as fs from 'fs';
import * as path from 'path';
import { Dataset } from './data/dataset';
import { DEFAULT_DATA_DIR, loadDataset } from './data/load';
import { findKommune, findKommuner } from './data/register';
import { parseDeck, Vocabulary } from './deck/parse';
import { resolveDeck } from './deck/resolve';
import { DeckModel } from './deck/model';
import { DeckSpec } from './deck/spec';
import { UserError } from './errors';
import { FactStore } from './facts';
import { METRICS } from './metrics/registry';
import { MetricDef } from './metrics/types';
import { renderDeck } from './render';
import { layoutFor, tableCapacity } from './render/layout';
import { documentDate, finishPackage } from './render/package';
import { loadTheme, resolveThemePath, Theme } from './render/theme';
import { writeFileAtomic } from './util/atomic';
import { slugify } from './util/slug';

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
  return parseDeck(path.relative(process.cwd(), file) || file, text, vocabulary);
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
}

export interface BuildResult {
  file: string;
  model: DeckModel;
  warnings: string[];
  bytes: number;
}

/** Resolve and render a deck in memory: everything but writing. */
export async function buildDeckBytes(spec: DeckSpec, dataset: Dataset, opts: { kommune: string; year?: number; refs?: string }): Promise<{ model: DeckModel; bytes: Uint8Array; theme: Theme }> {
  const kommune = findKommune(dataset.register, opts.kommune);
  const year = opts.year ?? spec.year;
  if (year === undefined) throw new UserError(`${spec.file}: presentasjonen sier ikke hvilket år den gjelder; legg til year: i filen eller bruk --year`, 'NO_YEAR');
  const refs = opts.refs !== undefined ? findKommuner(dataset.register, opts.refs).map((k) => k.code) : (spec.references ?? []).map((r) => findKommune(dataset.register, r).code);
  const theme = loadTheme(resolveThemePath(spec.theme, path.dirname(path.resolve(spec.file))));
  const date = documentDate(new Date(Date.UTC(year, 0, 1)));
  const store = new FactStore(dataset, METRICS, [kommune.code, ...refs.filter((r) => r !== kommune.code)]);
  const model = resolveDeck(spec, dataset, store, { kommune: kommune.code, year, refs: refs.filter((r) => r !== kommune.code), theme: theme.name, date: date.toISOString(), tableCapacity: (c, cap) => tableCapacity(layoutFor(theme), c, cap) });
  const raw = await renderDeck(model, theme);
  const bytes = finishPackage(raw, { theme, date, title: model.title, subject: `${model.kommune.name} ${model.year}`, author: model.author ?? 'kommunedeck', lang: 'nb-NO' });
  return { model, bytes, theme };
}

export function outputFileName(kommune: { code: string; name: string }, deckFile: string, year: number): string {
  return `${kommune.code}-${slugify(kommune.name)}-${slugify(path.basename(deckFile).replace(/\.ya?ml$/i, ''))}-${year}.pptx`;
}

/** Build one deck and write it atomically. */
export async function buildDeck(opts: BuildOptions): Promise<BuildResult> {
  const spec = readDeckFile(opts.deckFile);
  const { dataset, warnings: dataWarnings } = opts.dataset ? { dataset: opts.dataset, warnings: [] } : loadDataset(opts.dataDir ?? DEFAULT_DATA_DIR);
  const { model, bytes } = await buildDeckBytes(spec, dataset, opts);
  let file: string;
  if (opts.out === undefined) {
    fs.mkdirSync('out', { recursive: true });
    file = path.join('out', outputFileName(model.kommune, opts.deckFile, model.year));
  } else if (opts.out.endsWith('/') || (fs.existsSync(opts.out) && fs.statSync(opts.out).isDirectory())) {
    file = path.join(opts.out, outputFileName(model.kommune, opts.deckFile, model.year));
  } else {
    if (!/\.pptx$/i.test(opts.out)) throw new UserError(`--out ${opts.out}: forventet en .pptx-fil eller en mappe som slutter med /`, 'BAD_OUT');
    file = opts.out;
  }
  if (opts.emitModel) writeFileAtomic(opts.emitModel, JSON.stringify(model, null, 2) + '\n');
  writeFileAtomic(file, bytes);
  // data consistency warnings belong to `data check`; a build only says that there are some
  const dataNote = dataWarnings.length ? [`dataene har ${dataWarnings.length} konsistensadvarsler; se kommunedeck data check`] : [];
  return { file, model, warnings: [...model.warnings, ...dataNote], bytes: bytes.length };
}
