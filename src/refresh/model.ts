/**
 * From a DeckModel to the bindings its shapes carry: which shape shows which figures, and the text or values as
 * built. Used when a deck is built (written into the package by src/render/package/bindings.ts) and when it is
 * refreshed (the same function on the re-resolved model gives the new figures to compare with).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DeckModel, SlideModel } from '../deck/model';
import { DeckSpec } from '../deck/spec';
import { BuiltContent, DeckRecord, RecordSlide, ShapeBinding, sha256 } from '../render/package/bindings';

/** The facts a binding's figures come from (for its data hash); any JSON-serialisable value. */
export type FactsOf = (metric: string, year: number) => unknown;

/** Text for an empty table cell: the renderer writes a space (PowerPoint rejects empty runs in cells). */
export const cellText = (t: string): string => (t === '' ? ' ' : t);

/** Stable JSON: object keys sorted, so a hash does not depend on the order a metric built its object in. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) => {
    if (val && typeof val === 'object' && !Array.isArray(val)) {
      const o = val as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
    }
    return val;
  });
}

/**
 * The key of each model slide: the deck file's slide id, or `#n` (n = the slide's position in the deck file) for a
 * slide without one. A slide left out by `when` produces no model slide; resolve says so in a warning that names the
 * slide's position ("lysbilde 3 … er utelatt"), which is how model slides are matched to the deck file's slides.
 */
export function slideKeys(model: DeckModel, spec?: DeckSpec): string[] {
  const fallback = model.slides.map((s, i) => s.id ?? `#${i + 1}`);
  if (!spec) return fallback;
  const leftOut = new Set(
    model.warnings
      .map((w) => /^lysbilde (\d+)(?: \([^)]*\))? er utelatt/.exec(w)?.[1])
      .filter((n): n is string => n !== undefined)
      .map((n) => Number(n) - 1),
  );
  const keys: string[] = [];
  let j = 0;
  for (let i = 0; i < spec.slides.length && j < model.slides.length; i++) {
    if (leftOut.has(i)) continue;
    const s = spec.slides[i];
    const m = model.slides[j];
    if (m.id !== s.id || m.kind !== s.kind) {
      // a section divider with nothing left under it is dropped after the fact, without its position
      if (s.kind === 'section') continue;
      return fallback; // not the deck this model came from
    }
    const key = s.id ?? `#${i + 1}`;
    keys.push(key);
    j++;
    while (j < model.slides.length && (model.slides[j].part?.index ?? 1) > 1) {
      keys.push(key);
      j++;
    }
  }
  return keys.length === model.slides.length ? keys : fallback;
}

interface Draft {
  role: string;
  shape: string;
  metrics: string[];
  built: BuiltContent;
  suffix?: string;
}

const text = (t: string, bound?: number[]): BuiltContent => {
  const paragraphs = t.split(/\r?\n/);
  return { kind: 'text', paragraphs, bound: bound ?? paragraphs.map((_, i) => i) };
};

/**
 * The bound shapes of one model slide, before kommune, year and hash are added. `generated` is the same slide as
 * resolved, before a comments file replaced its commentary (not bound: the consultant's words) or appended to it
 * (bound, with the appended text kept as a suffix).
 */
function drafts(s: SlideModel, generated?: SlideModel): Draft[] {
  const out: Draft[] = [];
  const bullets: { metrics: Set<string>; bound: number[] } = { metrics: new Set(), bound: [] };
  for (const b of s.bindings) {
    const role = b.role;
    if (role === 'commentary' && s.commentary !== undefined) {
      const gen = generated?.commentary;
      if (gen === undefined || gen === s.commentary) out.push({ role, shape: 'kd-commentary', metrics: b.metrics, built: text(s.commentary) });
      else if (s.commentary.startsWith(`${gen} `)) out.push({ role, shape: 'kd-commentary', metrics: b.metrics, built: text(s.commentary), suffix: s.commentary.slice(gen.length + 1) });
    }
    else if (role === 'caption' && 'caption' in s && s.caption !== undefined) out.push({ role, shape: 'kd-caption', metrics: b.metrics, built: text(s.caption) });
    else if (role === 'value' && s.kind === 'statement') out.push({ role, shape: 'kd-value', metrics: b.metrics, built: text(s.value) });
    else if (role === 'table' && s.kind === 'table') {
      out.push({ role, shape: 'kd-table', metrics: b.metrics, built: { kind: 'table', cells: [s.header, ...s.rows].map((r) => r.map((c) => cellText(c.text))) } });
    } else if (role === 'chart' && s.kind === 'chart') {
      out.push({ role, shape: 'kd-chart', metrics: b.metrics, built: { kind: 'chart', categories: [...s.categories], series: s.series.map((x) => ({ name: x.name, values: [...x.values] })) } });
    } else if (role.startsWith('bullet:') && s.kind === 'bullets') {
      b.metrics.forEach((m) => bullets.metrics.add(m));
      bullets.bound.push(Number(role.slice(7)) - 1);
    } else if (role.startsWith('column:') && s.kind === 'columns') {
      const i = Number(role.slice(7));
      const col = s.columns[i - 1];
      if (col) {
        const prev = out.find((d) => d.role === role);
        if (prev) prev.metrics = [...new Set([...prev.metrics, ...b.metrics])];
        else out.push({ role, shape: `kd-column-${i}`, metrics: b.metrics, built: { kind: 'text', paragraphs: col.bullets.length ? [...col.bullets] : ['–'], bound: (col.bullets.length ? col.bullets : ['–']).map((_, k) => k) } });
      }
    } else if (role === 'kpi' && s.kind === 'kpi') {
      s.items.forEach((it, k) => {
        if (!out.some((d) => d.role === `kpi:${k + 1}`)) out.push({ role: `kpi:${k + 1}`, shape: `kd-kpi-${k + 1}`, metrics: b.metrics, built: { kind: 'kpi', actual: it.actual, met: it.met } });
      });
    } else if (role.startsWith('kpi:') && s.kind === 'kpi') {
      const k = Number(role.slice(4));
      const it = s.items[k - 1];
      if (it) out.push({ role, shape: `kd-kpi-${k}`, metrics: b.metrics, built: { kind: 'kpi', actual: it.actual, met: it.met } });
    }
  }
  if (s.kind === 'bullets' && bullets.bound.length) {
    const bound = [...new Set(bullets.bound)].filter((i) => i >= 0 && i < s.bullets.length).sort((a, b) => a - b);
    out.push({ role: 'bullets', shape: 'kd-bullets', metrics: [...bullets.metrics], built: { kind: 'text', paragraphs: [...s.bullets], bound } });
  }
  return out;
}

/** The bindings of every slide of a model, keyed like `slideKeys`. */
export function recordSlides(model: DeckModel, keys: string[], facts?: FactsOf, generated?: DeckModel): RecordSlide[] {
  // a comments file changes slides one for one (src/workflow/comments.ts)
  const before = generated && generated.slides.length === model.slides.length && generated.slides.every((g, i) => g.id === model.slides[i].id) ? generated : undefined;
  return model.slides.map((s, i) => {
    const year = s.bindings[0]?.year ?? model.year;
    const bindings: ShapeBinding[] = drafts(s, before?.slides[i]).map((d) => ({
      v: 1,
      slide: keys[i],
      ...(s.part ? { part: s.part.index } : {}),
      role: d.role,
      shape: d.shape,
      metrics: d.metrics,
      kommune: model.kommune.code,
      year,
      hash: sha256(facts ? canonicalJson(d.metrics.map((m) => [m, facts(m, year)])) : canonicalJson(d.built)),
      built: d.built,
      ...(d.suffix !== undefined ? { suffix: d.suffix } : {}),
    }));
    const title = s.part && s.part.index > 1 ? `${s.title} (forts.)` : s.title;
    return { index: i + 1, slide: keys[i], ...(s.part ? { part: s.part.index } : {}), title, bindings };
  });
}

export interface RecordOptions {
  deckFile: string;
  deckText?: string;
  tool: string;
  facts?: FactsOf;
  spec?: DeckSpec;
  /** the model before a comments file changed it */
  generated?: DeckModel;
}

/** The deck record a build writes: the recipe to recompute, and every binding as built. */
export function deckRecordOf(model: DeckModel, opts: RecordOptions): DeckRecord {
  const slides = recordSlides(model, slideKeys(model, opts.spec), opts.facts, opts.generated);
  return {
    v: 1,
    tool: opts.tool,
    deck: { file: opts.deckFile.split('\\').join('/'), sha256: sha256(opts.deckText ?? ''), ...(opts.deckText !== undefined ? { text: opts.deckText } : {}) },
    theme: model.theme,
    kommune: model.kommune.code,
    year: model.year,
    refs: model.refs.map((r) => r.code),
    date: model.date,
    dataHash: dataHashOf(slides),
    slides,
  };
}

export function dataHashOf(slides: RecordSlide[]): string {
  return sha256(slides.flatMap((s) => s.bindings.map((b) => `${b.slide}|${b.part ?? 1}|${b.role}|${b.hash}`)).join('\n'));
}

// ---------------------------------------------------------------------------------------------------------
// Build time: the deck file's text travels with its parsed spec

const deckTexts = new WeakMap<DeckSpec, string>();

/** Remember the text a spec was parsed from (the deck record stores it, so refresh can re-resolve the deck). */
export function rememberDeckText<T extends DeckSpec>(spec: T, text: string): T {
  deckTexts.set(spec, text);
  return spec;
}

export function deckTextOf(spec: DeckSpec): string | undefined {
  return deckTexts.get(spec);
}

let toolCache: string | undefined;
/** "kommunedeck <version>" from package.json. */
export function toolName(): string {
  if (toolCache) return toolCache;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { name?: string; version?: string };
    toolCache = `${pkg.name ?? 'kommunedeck'} ${pkg.version ?? '?'}`;
  } catch {
    toolCache = 'kommunedeck';
  }
  return toolCache;
}

/** The deck record for a build: `facts(metric, year)` gives the kommune's fact (the data hash is taken over it). */
export function buildRecord(model: DeckModel, spec: DeckSpec, facts: FactsOf, generated?: DeckModel): DeckRecord {
  return deckRecordOf(model, { deckFile: spec.file, deckText: deckTextOf(spec), tool: toolName(), facts, spec, generated });
}
