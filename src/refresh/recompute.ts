/**
 * Recompute a built deck's figures from the current data: the deck file recorded in the package is parsed and
 * resolved again for the recorded kommune, year and references. A slide the current vocabulary or data can no
 * longer build (a metric that was removed or renamed, a column that is gone) is left out with its reason, so the
 * rest of the deck can still be refreshed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, YAMLSeq } from 'yaml';
import { vocabulary } from '../build';
import { Dataset } from '../data/dataset';
import { findKommune } from '../data/register';
import { DeckModel } from '../deck/model';
import { parseDeck } from '../deck/parse';
import { resolveDeck } from '../deck/resolve';
import { DeckSpec } from '../deck/spec';
import { ProblemsError, UserError, formatProblem } from '../errors';
import { FactStore } from '../facts';
import { METRICS } from '../metrics/registry';
import { layoutFor, tableCapacity } from '../render/layout';
import { DeckRecord, RecordSlide, ShapeBinding, sha256 } from '../render/package/bindings';
import { loadTheme, resolveThemePath, DEFAULT_THEME_DIR, Theme } from '../render/theme';
import { recordSlides } from './model';

export interface Recomputed {
  model: DeckModel;
  slides: RecordSlide[];
  /** new bindings by `bindingKey` */
  byKey: Map<string, ShapeBinding>;
  /** slides of the deck file that can no longer be built, by slide key: why */
  dropped: Map<string, string>;
  warnings: string[];
}

export const bindingKey = (b: { slide: string; part?: number; role: string }): string => `${b.slide}|${b.part ?? 1}|${b.role}`;

/** The deck file's text: from the record, else from the recorded path (warning when it changed since the build). */
function deckText(record: DeckRecord, warnings: string[]): string {
  if (record.deck.text !== undefined) return record.deck.text;
  const file = path.resolve(record.deck.file);
  if (!fs.existsSync(file)) {
    throw new UserError(`presentasjonen lagrer ikke presentasjonsfilen, og ${record.deck.file} finnes ikke her; kjør refresh fra mappen presentasjonen ble bygget i`, 'NO_DECK');
  }
  const text = fs.readFileSync(file, 'utf8');
  if (record.deck.sha256 && sha256(text) !== record.deck.sha256) warnings.push(`${record.deck.file} er endret siden presentasjonen ble bygget; tallene regnes ut fra filen slik den er nå`);
  return text;
}

/** Each slide item's lines in the deck text, with its id (or undefined). */
function slideItems(text: string): { first: number; last: number; id?: string }[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const root = doc.contents;
  if (!isMap(root)) return [];
  const slides = root.get('slides', true);
  if (!isSeq(slides)) return [];
  return (slides as YAMLSeq).items.map((item) => {
    const range = (item as { range?: [number, number, number] }).range ?? [0, 0, 0];
    const id = isMap(item) ? item.get('id', true) : undefined;
    return { first: lc.linePos(range[0]).line, last: lc.linePos(Math.max(range[0], range[1] - 1)).line, id: isScalar(id) ? String(id.value) : undefined };
  });
}

function withoutSlides(text: string, drop: number[]): string {
  const doc = parseDocument(text, { prettyErrors: false });
  const slides = (doc.contents as unknown as { get(k: string, keep: boolean): unknown }).get('slides', true) as YAMLSeq;
  for (const i of [...drop].sort((a, b) => b - a)) slides.items.splice(i, 1);
  return doc.toString();
}

export interface RecomputeOptions {
  /** read the metric vocabulary from here (tests) */
  metrics?: typeof METRICS;
}

/** Re-resolve the recorded deck against `dataset`. */
export function recompute(record: DeckRecord, dataset: Dataset, opts: RecomputeOptions = {}): Recomputed {
  const warnings: string[] = [];
  const file = record.deck.file;
  let text = deckText(record, warnings);
  const dropped = new Map<string, string>();
  // position of each remaining slide in the deck file as built (keys of slides without id are '#<position>')
  let original = slideItems(text).map((s, i) => ({ index: i, id: s.id }));
  const kommune = findKommune(dataset.register, record.kommune).code;
  const refs = record.refs.filter((r) => r !== kommune);
  let model: DeckModel | undefined;
  for (let attempt = 0; attempt <= original.length + 1 && !model; attempt++) {
    try {
      const spec: DeckSpec = parseDeck(file, text, vocabulary);
      spec.slides.forEach((s, i) => {
        if (s.id === undefined) s.id = `#${(original[i]?.index ?? i) + 1}`;
      });
      const theme = themeFor(spec, file, warnings);
      const store = new FactStore(dataset, opts.metrics ?? METRICS, [kommune, ...refs]);
      model = resolveDeck(spec, dataset, store, {
        kommune,
        year: record.year,
        refs,
        theme: theme.name,
        date: record.date,
        tableCapacity: (c, cap) => tableCapacity(layoutFor(theme), c, cap),
      });
      const facts = (m: string, y: number) => store.get(m, kommune, y);
      const slides = recordSlides(model, model.slides.map((s) => s.id as string), facts);
      const byKey = new Map<string, ShapeBinding>();
      for (const s of slides) for (const b of s.bindings) byKey.set(bindingKey(b), b);
      return { model, slides, byKey, dropped, warnings };
    } catch (e) {
      if (!(e instanceof ProblemsError)) throw e;
      const items = slideItems(text);
      const hits = new Map<number, string[]>();
      const outside: string[] = [];
      for (const p of e.problems) {
        const i = p.line === undefined ? -1 : items.findIndex((it) => p.line! >= it.first && p.line! <= it.last);
        if (i < 0) outside.push(formatProblem(p));
        else hits.set(i, [...(hits.get(i) ?? []), p.message]);
      }
      if (outside.length || hits.size === 0) {
        throw new UserError(`presentasjonsfilen som er lagret i presentasjonen, kan ikke leses med dagens versjon av kommunedeck:\n${(outside.length ? outside : e.problems.map(formatProblem)).join('\n')}`, 'INVALID_DECK');
      }
      for (const [i, messages] of hits) {
        const o = original[i];
        dropped.set(o?.id ?? `#${(o?.index ?? i) + 1}`, messages.join('; '));
      }
      text = withoutSlides(text, [...hits.keys()]);
      original = original.filter((_, i) => !hits.has(i));
    }
  }
  throw new UserError('presentasjonsfilen som er lagret i presentasjonen, kan ikke leses', 'INVALID_DECK');
}

function themeFor(spec: DeckSpec, file: string, warnings: string[]): Theme {
  try {
    return loadTheme(resolveThemePath(spec.theme, path.dirname(path.resolve(file))));
  } catch {
    warnings.push(`fant ikke temaet '${spec.theme}'; tabellenes plass regnes ut med standardtemaet`);
    return loadTheme(path.join(DEFAULT_THEME_DIR, 'theme.yaml'));
  }
}
