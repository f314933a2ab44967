import * as fs from 'fs';
import * as path from 'path';
import { isMap, isScalar, LineCounter, Node, parseDocument, YAMLMap } from 'yaml';
import { DeckModel, SlideModel } from '../deck/model';
import { Problem, ProblemsError, UserError } from '../errors';
import { MISSING_TEXT } from '../format/bokmal';
import { didYouMean } from '../util/nearest';
import { Figure } from './figures';

/**
 * The consultant's own commentary, per kommune and deck, in `kommentarer/<kommunenummer>-<deck>.yaml`:
 *
 *   kommune: "1837"
 *   deck: kommuneokonomi
 *   year: 2023
 *   slides:
 *     utgiftsutjevning:                 # a slide id of the deck
 *       generated: "…"                  # what kommunedeck wrote (for reference; never shown)
 *       replace: "…"                    # shown instead of the generated commentary
 *       append: "…"                     # shown after it
 *       notes: "…"                      # added to the speaker notes
 *       basis:                          # the figures the slide showed when the remark was written
 *         inntektssystem.utgiftsutjevning: { value: 57745390.82, shown: "57,7 mill" }
 *         inntektssystem.kriterier: { "Innbyggere 0–1 år | Antall": "74", … }
 *
 * Applied as a pure step on the resolved DeckModel (the deck file is never edited); the build never writes this
 * file. A remark whose basis differs from what the slide shows now is stale: a warning, a note for the presenter,
 * and an error under --strict.
 */
export const REMARK_FIELDS = ['generated', 'replace', 'append', 'notes', 'basis'] as const;
const TOP_FIELDS = ['kommune', 'deck', 'year', 'slides'];

/** What a remark's basis records for one metric. */
export type BasisEntry =
  /** one figure: the number and/or the text it was shown as */
  | { kind: 'single'; value?: number; decimals?: number; shown?: string }
  /** several figures (a table, a chart): text as shown, by place key */
  | { kind: 'places'; places: Record<string, string> };

export interface SlideRemark {
  id: string;
  line: number;
  generated?: string;
  replace?: string;
  append?: string;
  notes?: string;
  /** 'auto': to be filled in by `kommunedeck comments stamp` */
  basis?: Map<string, BasisEntry> | 'auto';
}

export interface CommentsFile {
  file: string;
  kommune?: string;
  deck?: string;
  year?: number;
  slides: Map<string, SlideRemark>;
}

/** The default place of a kommune's comments for a deck, relative to the current directory. */
export function defaultCommentsPath(kommune: string, deckFile: string, cwd = process.cwd()): string {
  return path.join(cwd, 'kommentarer', `${kommune}-${deckName(deckFile)}.yaml`);
}

export function deckName(deckFile: string): string {
  return path.basename(deckFile).replace(/\.ya?ml$/i, '');
}

function decimalsOf(n: number): number {
  const s = String(n);
  const m = /\.(\d+)$/.exec(s);
  return m ? m[1].length : 0;
}

/** Read and validate a comments file; every problem at once, as `file:line: message`. */
export function parseComments(file: string, text: string): CommentsFile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = [];
  const lineOf = (n: Node | null | undefined) => lc.linePos(n?.range?.[0] ?? 0).line;
  const report = (n: Node | null | undefined, message: string) => problems.push({ file, line: lineOf(n), message });
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push({ file, line: lc.linePos(e.pos[0]).line, message: `ugyldig YAML: ${e.message.split('\n')[0]}` });
    throw new ProblemsError(problems, 'INVALID_COMMENTS');
  }
  const out: CommentsFile = { file, slides: new Map() };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return out;
  if (!isMap(root)) {
    report(root, 'forventet nøklene kommune, deck, year og slides (se kommunedeck comments init)');
    throw new ProblemsError(problems, 'INVALID_COMMENTS');
  }
  const str = (n: unknown): string | undefined => (isScalar(n) && n.value !== null && n.value !== undefined ? String(n.value) : undefined);
  let slidesNode: unknown;
  for (const pair of root.items) {
    const key = str(pair.key) ?? '';
    if (key === 'kommune') out.kommune = str(pair.value);
    else if (key === 'deck') out.deck = str(pair.value);
    else if (key === 'year') {
      const y = Number(str(pair.value));
      if (!Number.isInteger(y)) report(pair.value as Node, `year må være et årstall, ikke '${str(pair.value)}'`);
      else out.year = y;
    } else if (key === 'slides') slidesNode = pair.value;
    else report(pair.key as Node, `ukjent nøkkel '${key}'${didYouMean(key, TOP_FIELDS)}; forventet ${TOP_FIELDS.join(', ')}`);
  }
  if (slidesNode !== undefined && slidesNode !== null && !(isScalar(slidesNode) && slidesNode.value === null)) {
    if (!isMap(slidesNode)) report(slidesNode as Node, 'slides må være en liste av lysbilde-id-er med replace, append, notes og basis under hver');
    else
      for (const pair of (slidesNode as YAMLMap).items) {
        const id = str(pair.key) ?? '';
        const remark: SlideRemark = { id, line: lineOf(pair.key as Node) };
        out.slides.set(id, remark);
        const v = pair.value;
        if (v === null || (isScalar(v) && v.value === null)) continue;
        if (!isMap(v)) {
          report(v as Node, `lysbildet '${id}': forventet replace, append, notes eller basis under id-en`);
          continue;
        }
        for (const f of v.items) {
          const field = str(f.key) ?? '';
          const val = f.value as Node | null;
          const text = () => {
            if (val === null || (isScalar(val) && (val.value === null || val.value === ''))) return undefined;
            if (!isScalar(val) || typeof val.value === 'object') {
              report(val, `lysbildet '${id}': ${field} må være tekst`);
              return undefined;
            }
            return String(val.value).trim() || undefined;
          };
          switch (field) {
            case 'generated':
              remark.generated = text();
              break;
            case 'replace':
              remark.replace = text();
              break;
            case 'append':
              remark.append = text();
              break;
            case 'notes':
              remark.notes = text();
              break;
            case 'basis':
              remark.basis = parseBasis(id, val, report);
              break;
            default:
              report(f.key as Node, `lysbildet '${id}': ukjent nøkkel '${field}'${didYouMean(field, REMARK_FIELDS)}; forventet ${REMARK_FIELDS.join(', ')}`);
          }
        }
        if (remark.replace !== undefined && remark.append !== undefined) {
          report(pair.key as Node, `lysbildet '${id}': bruk enten replace (erstatter kommentaren) eller append (legger til), ikke begge`);
        }
      }
  }
  if (problems.length) throw new ProblemsError(problems, 'INVALID_COMMENTS');
  return out;
}

function parseBasis(id: string, node: Node | null, report: (n: Node | null | undefined, m: string) => void): Map<string, BasisEntry> | 'auto' | undefined {
  if (node === null || (isScalar(node) && node.value === null)) return undefined;
  if (isScalar(node) && node.value === 'auto') return 'auto';
  if (!isMap(node)) {
    report(node, `lysbildet '${id}': basis må være auto eller nøkkeltall med tallene lysbildet viste`);
    return undefined;
  }
  const out = new Map<string, BasisEntry>();
  for (const pair of node.items) {
    const metric = isScalar(pair.key) ? String(pair.key.value) : '';
    const v = pair.value as Node | null;
    if (isScalar(v) && typeof v.value === 'number') out.set(metric, { kind: 'single', value: v.value, decimals: decimalsOf(v.value) });
    else if (isScalar(v) && typeof v.value === 'string') out.set(metric, { kind: 'single', shown: v.value });
    else if (isMap(v)) {
      const keys = v.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
      if (keys.length > 0 && keys.every((k) => k === 'value' || k === 'shown')) {
        const e: { kind: 'single'; value?: number; decimals?: number; shown?: string } = { kind: 'single' };
        for (const p of v.items) {
          const k = isScalar(p.key) ? String(p.key.value) : '';
          const pv = isScalar(p.value) ? p.value.value : undefined;
          if (k === 'value' && typeof pv === 'number') e.value = pv;
          else if (k === 'shown' && pv !== undefined && pv !== null) e.shown = String(pv);
          else report(p.value as Node, `lysbildet '${id}', ${metric}: value må være et tall og shown tekst`);
        }
        out.set(metric, e);
      } else {
        const places: Record<string, string> = {};
        for (const p of v.items) {
          const k = isScalar(p.key) ? String(p.key.value) : '';
          const pv = isScalar(p.value) ? p.value.value : undefined;
          if (pv === undefined || pv === null || typeof pv === 'object') report(p.value as Node, `lysbildet '${id}', ${metric}, '${k}': forventet tallet slik det ble vist`);
          else places[k] = String(pv);
        }
        out.set(metric, { kind: 'places', places });
      }
    } else report(v, `lysbildet '${id}', ${metric}: forventet et tall, teksten slik den ble vist, eller { value, shown }`);
  }
  return out;
}

/** Read a comments file (UserError when it cannot be read). */
export function readComments(file: string): CommentsFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `fant ikke kommentarfilen ${file}; lag den med kommunedeck comments init` : `kan ikke lese kommentarfilen ${file} (${code})`, 'NO_COMMENTS');
  }
  return parseComments(path.relative(process.cwd(), file) || file, text);
}

/* ---------------------------------------------------------------------------------------------- basis */

/** The basis a remark records: the slide's figures by metric (one figure: value and text; several: text by place). */
export function basisOf(figures: Figure[]): Map<string, BasisEntry> {
  const byMetric = new Map<string, Figure[]>();
  for (const f of figures) {
    if (!f.metric) continue; // constants of the deck file (target lines) do not change with the data
    const list = byMetric.get(f.metric) ?? [];
    list.push(f);
    byMetric.set(f.metric, list);
  }
  const out = new Map<string, BasisEntry>();
  for (const [metric, list] of byMetric) {
    if (list.length === 1) out.set(metric, { kind: 'single', value: list[0].value, shown: plainSpaces(list[0].shown) });
    else out.set(metric, { kind: 'places', places: Object.fromEntries(list.map((f) => [f.key, plainSpaces(f.shown)])) });
  }
  return out;
}

/** Plain data for YAML: single figures as `{ value, shown }`, others as place → shown. */
export function basisToPlain(basis: Map<string, BasisEntry>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [metric, e] of basis) {
    out[metric] = e.kind === 'single' ? { ...(e.value !== undefined ? { value: e.value } : {}), ...(e.shown !== undefined ? { shown: e.shown } : {}) } : e.places;
  }
  return out;
}

/** One figure a remark was written for that the slide now shows differently. */
export interface StaleFigure {
  slideId: string;
  metric: string;
  /** the place key (row | column, series | category, text role), when the metric shows several figures */
  place?: string;
  old: string;
  new: string;
}

/** Shown texts are compared with non-breaking spaces as plain ones (a consultant types plain spaces). */
export function plainSpaces(s: string): string {
  return s.replace(/\u00a0/g, ' ');
}

function roundTo(v: number, d: number): number {
  const f = 10 ** d;
  return Math.round(v * f) / f;
}

/** What changed between a remark's basis and the slide's figures now. */
export function staleFigures(slideId: string, basis: Map<string, BasisEntry>, current: Figure[]): StaleFigure[] {
  const out: StaleFigure[] = [];
  const byMetric = new Map<string, Figure[]>();
  for (const f of current) {
    if (!f.metric) continue;
    const list = byMetric.get(f.metric) ?? [];
    list.push(f);
    byMetric.set(f.metric, list);
  }
  for (const [metric, e] of basis) {
    const now = byMetric.get(metric) ?? [];
    if (e.kind === 'single') {
      const cur = now[0];
      const old = e.shown ?? (e.value !== undefined ? String(e.value) : MISSING_TEXT);
      if (!cur) {
        out.push({ slideId, metric, old, new: MISSING_TEXT });
        continue;
      }
      if (e.shown !== undefined) {
        if (plainSpaces(cur.shown) !== plainSpaces(e.shown)) out.push({ slideId, metric, old: e.shown, new: plainSpaces(cur.shown) });
      } else if (e.value !== undefined) {
        const d = e.decimals ?? decimalsOf(e.value);
        if (roundTo(cur.value, d) !== roundTo(e.value, d)) out.push({ slideId, metric, old, new: plainSpaces(cur.shown) });
      }
      continue;
    }
    const nowByKey = new Map(now.map((f) => [f.key, f]));
    for (const [key, shown] of Object.entries(e.places)) {
      const cur = nowByKey.get(key);
      if (!cur) out.push({ slideId, metric, place: key, old: shown, new: MISSING_TEXT });
      else if (plainSpaces(cur.shown) !== plainSpaces(shown)) out.push({ slideId, metric, place: key, old: shown, new: plainSpaces(cur.shown) });
    }
    for (const f of now) if (!(f.key in e.places)) out.push({ slideId, metric, place: f.key, old: MISSING_TEXT, new: plainSpaces(f.shown) });
  }
  return out;
}

export function describeStale(s: StaleFigure): string {
  return `${s.metric}${s.place ? ` (${s.place})` : ''}: ${s.old} → ${s.new}`;
}

/* ---------------------------------------------------------------------------------------------- apply */

export interface AppliedComments {
  model: DeckModel;
  warnings: string[];
  stale: StaleFigure[];
  /** slide ids in the file that the deck does not have */
  unknown: string[];
  /** remarks whose basis is `auto` (not yet stamped) */
  unstamped: string[];
}

const MAX_LISTED = 5;

/**
 * Apply a comments file to a resolved deck: replace or extend the commentary, add speaker notes, and mark remarks
 * whose figures have changed since they were written (in the speaker notes only, never on the slide).
 * Pure: returns a new model, leaves the input as it was.
 */
export function applyComments(model: DeckModel, comments: CommentsFile, figures: Figure[], deckSlideIds: ReadonlySet<string>): AppliedComments {
  const warnings: string[] = [];
  const stale: StaleFigure[] = [];
  const unknown: string[] = [];
  const unstamped: string[] = [];
  const where = (r: SlideRemark) => `${comments.file}:${r.line}`;
  const modelIds = new Set(model.slides.map((s) => s.id).filter((id): id is string => Boolean(id)));
  const staleBySlide = new Map<string, StaleFigure[]>();

  for (const r of comments.slides.values()) {
    const hasRemark = r.replace !== undefined || r.append !== undefined || r.notes !== undefined;
    if (!modelIds.has(r.id)) {
      if (!deckSlideIds.has(r.id)) {
        unknown.push(r.id);
        warnings.push(`${where(r)}: presentasjonen har ikke noe lysbilde med id '${r.id}'${didYouMean(r.id, deckSlideIds)}; kommentaren er ikke brukt`);
      } else if (hasRemark) warnings.push(`${where(r)}: lysbildet '${r.id}' er utelatt i denne presentasjonen; kommentaren er ikke brukt`);
      continue;
    }
    if (!hasRemark) continue;
    if (r.basis === 'auto') {
      unstamped.push(r.id);
      warnings.push(`${where(r)}: lysbildet '${r.id}' har basis: auto; kjør kommunedeck comments stamp for å lagre tallene kommentaren bygger på`);
      continue;
    }
    if (!r.basis) continue;
    const s = staleFigures(r.id, r.basis, figures.filter((f) => f.slideId === r.id));
    if (s.length) {
      stale.push(...s);
      staleBySlide.set(r.id, s);
      const listed = s.slice(0, MAX_LISTED).map(describeStale).join('; ') + (s.length > MAX_LISTED ? `; og ${s.length - MAX_LISTED} til` : '');
      warnings.push(`${where(r)}: kommentaren til lysbildet '${r.id}' ble skrevet for andre tall enn lysbildet viser nå: ${listed}`);
    }
  }

  const slides = model.slides.map((m): SlideModel => {
    const r = m.id ? comments.slides.get(m.id) : undefined;
    if (!r) return m;
    const next: SlideModel = { ...m };
    const firstPart = !m.part || m.part.index === 1;
    if (firstPart && r.replace !== undefined) next.commentary = r.replace;
    else if (firstPart && r.append !== undefined) next.commentary = m.commentary ? `${m.commentary} ${r.append}` : r.append;
    const s = staleBySlide.get(r.id);
    const mark = s
      ? `OBS: Konsulentens kommentar til dette lysbildet ble skrevet for andre tall. Endret siden: ${s.slice(0, MAX_LISTED).map(describeStale).join('; ')}${s.length > MAX_LISTED ? `; og ${s.length - MAX_LISTED} til` : ''}. Les teksten på nytt før møtet.`
      : undefined;
    const notes = [mark, r.notes, m.notes].filter((x): x is string => Boolean(x)).join('\n\n');
    next.notes = notes || undefined;
    return next;
  });
  return { model: { ...model, slides }, warnings, stale, unknown, unstamped };
}
