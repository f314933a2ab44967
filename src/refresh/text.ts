/**
 * Text in DrawingML, read and rewritten as strings: paragraphs (`a:p`) of runs (`a:r`, `a:fld`) and line breaks.
 * A refreshed text keeps every run's properties (`a:rPr`): only the text inside `a:t` changes, and where the old
 * and new texts share a beginning and an end, only the runs that held the changed middle are touched, so a number
 * the consultant made bold stays bold.
 */
import { escapeXmlText } from '../render/package/opc';
import { decodeXml } from '../render/package/bindings';

/** A run-like piece of a paragraph: its text and where its `a:t` content stands in the paragraph XML. */
interface Piece {
  kind: 'run' | 'field' | 'break';
  text: string;
  /** [start, end) of the whole element */
  start: number;
  end: number;
  /** [start, end) of the a:t content (runs and fields) */
  tStart?: number;
  tEnd?: number;
}

const PIECE_RE = /<a:r>[\s\S]*?<\/a:r>|<a:fld\b[\s\S]*?<\/a:fld>|<a:br\b[^>]*\/>|<a:br\b[^>]*>[\s\S]*?<\/a:br>/g;
const T_RE = /<a:t(?:\s[^>]*)?>([^<]*)<\/a:t>|<a:t(?:\s[^>]*)?\/>/;

function pieces(p: string): Piece[] {
  const out: Piece[] = [];
  for (const m of p.matchAll(PIECE_RE)) {
    const start = m.index ?? 0;
    const el = m[0];
    if (el.startsWith('<a:br')) {
      out.push({ kind: 'break', text: '\n', start, end: start + el.length });
      continue;
    }
    const t = T_RE.exec(el);
    if (!t) {
      out.push({ kind: el.startsWith('<a:r') ? 'run' : 'field', text: '', start, end: start + el.length });
      continue;
    }
    const open = t[0].startsWith('<a:t') && !t[0].endsWith('/>') ? t[0].indexOf('>') + 1 : t[0].length;
    const tStart = start + (t.index ?? 0) + open;
    const tEnd = tStart + (t[1]?.length ?? 0);
    out.push({ kind: el.startsWith('<a:r') ? 'run' : 'field', text: decodeXml(t[1] ?? ''), start, end: start + el.length, tStart, tEnd });
  }
  return out;
}

/** The text of a paragraph (`<a:p>…</a:p>`): runs and fields in order, a line break as "\n". */
export function paragraphText(p: string): string {
  return pieces(p)
    .map((x) => x.text)
    .join('');
}

const P_RE = /<a:p\s*\/>|<a:p(?:\s[^>]*)?>[\s\S]*?<\/a:p>/g;

/** The paragraphs of a text body (inner XML of p:txBody or a:txBody), as [start, end) spans and texts. */
export function paragraphs(body: string): { start: number; end: number; xml: string; text: string }[] {
  return [...body.matchAll(P_RE)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, xml: m[0], text: paragraphText(m[0]) }));
}

/**
 * Rewrite a paragraph whose text is `oldText` to show `newText`. The common beginning and end stay where they
 * are; the changed middle goes into the run where it starts, and runs emptied by the change are dropped (one run
 * is always kept). A paragraph with a field or a line break in the changed part, or with no run, is rewritten in
 * its first run. Returns undefined when the paragraph's text is not `oldText`.
 */
export function replaceParagraphText(p: string, oldText: string, newText: string): string | undefined {
  if (oldText === newText) return paragraphText(p) === oldText ? p : undefined;
  const ps = pieces(p);
  if (ps.map((x) => x.text).join('') !== oldText) return undefined;
  const runs = ps.filter((x) => x.kind === 'run');
  if (runs.length === 0) return addRun(p, newText);
  // common prefix and suffix (not overlapping)
  let pre = 0;
  while (pre < oldText.length && pre < newText.length && oldText[pre] === newText[pre]) pre++;
  let suf = 0;
  while (suf < oldText.length - pre && suf < newText.length - pre && oldText[oldText.length - 1 - suf] === newText[newText.length - 1 - suf]) suf++;
  const cutEnd = oldText.length - suf;
  const insert = newText.slice(pre, newText.length - suf);
  // new text per piece
  let pos = 0;
  let inserted = false;
  const texts = ps.map((x) => {
    const a = pos;
    const b = pos + x.text.length;
    pos = b;
    if (x.kind !== 'run') return x.text;
    const keepBefore = x.text.slice(0, Math.max(0, Math.min(b, pre) - a));
    const keepAfter = x.text.slice(Math.max(0, Math.max(a, cutEnd) - a));
    const touches = b > pre || (b === pre && b === oldText.length);
    if (!inserted && touches) {
      inserted = true;
      return keepBefore + insert + keepAfter;
    }
    return keepBefore + keepAfter;
  });
  // a change reaching into a field or a line break cannot be made in runs alone: one run gets the whole text
  if (ps.some((x, i) => x.kind !== 'run' && spans(ps, i, pre, cutEnd))) return rewriteWhole(p, ps, newText);
  const pieceTexts = texts;
  // rebuild: runs left empty are dropped, unless none would remain
  const nonEmpty = ps.filter((x, i) => x.kind !== 'run' || pieceTexts[i] !== '').length;
  let out = '';
  let last = 0;
  ps.forEach((x, i) => {
    out += p.slice(last, x.start);
    last = x.end;
    if (x.kind === 'run' && pieceTexts[i] === '' && nonEmpty > 0) return;
    if (x.tStart === undefined || x.tEnd === undefined) {
      out += p.slice(x.start, x.end);
      return;
    }
    out += p.slice(x.start, x.tStart) + escapeXmlText(pieceTexts[i]) + p.slice(x.tEnd, x.end);
  });
  return out + p.slice(last);
}

/** Does piece i lie (partly) inside the changed range [from, to)? */
function spans(ps: Piece[], i: number, from: number, to: number): boolean {
  let a = 0;
  for (let k = 0; k < i; k++) a += ps[k].text.length;
  const b = a + ps[i].text.length;
  return a < to && b > from;
}

/** Put the whole text in the first run and drop the other runs, fields and breaks. */
function rewriteWhole(p: string, ps: Piece[], text: string): string {
  const first = ps.find((x) => x.kind === 'run');
  if (!first || first.tStart === undefined || first.tEnd === undefined) return addRun(p, text);
  let out = '';
  let last = 0;
  for (const x of ps) {
    out += p.slice(last, x.start);
    last = x.end;
    if (x === first) out += p.slice(x.start, x.tStart) + escapeXmlText(text) + p.slice(x.tEnd, x.end);
  }
  return out + p.slice(last);
}

/** A paragraph without runs gets one, with the properties its end-of-paragraph mark has. */
function addRun(p: string, text: string): string {
  if (text === '') return p;
  const end = /<a:endParaRPr\b([^>]*?)(\/>|>([\s\S]*?)<\/a:endParaRPr>)/.exec(p);
  const rPr = end ? (end[2] === '/>' ? `<a:rPr${end[1]}/>` : `<a:rPr${end[1]}>${end[3]}</a:rPr>`) : '';
  const run = `<a:r>${rPr}<a:t>${escapeXmlText(text)}</a:t></a:r>`;
  if (/^<a:p\s*\/>$/.test(p)) return `<a:p>${run}</a:p>`;
  if (end) return p.slice(0, end.index) + run + p.slice(end.index);
  return p.replace(/<\/a:p>$/, `${run}</a:p>`);
}

/**
 * Set a paragraph to `text` whatever it held (used for paragraphs added when a list grows): the first run keeps
 * its properties, other runs go.
 */
export function setParagraphText(p: string, text: string): string {
  const ps = pieces(p);
  return rewriteWhole(p, ps, text);
}

/** The inner XML of the first `<tag>…</tag>` in `xml`, with its span; undefined when absent. */
export function innerOf(xml: string, tag: string): { start: number; end: number; inner: string } | undefined {
  const re = new RegExp(`<${tag}(?:\\s[^>]*)?>`, 'g');
  const m = re.exec(xml);
  if (!m) return undefined;
  const start = (m.index ?? 0) + m[0].length;
  const end = xml.indexOf(`</${tag}>`, start);
  if (end < 0) return undefined;
  return { start, end, inner: xml.slice(start, end) };
}

/** The element `tag` that contains offset `at` (not nesting in itself: p:sp, p:graphicFrame, p:pic, a:tc). */
export function elementAround(xml: string, at: number, tag: string): { start: number; end: number } | undefined {
  const re = new RegExp(`<${tag}[\\s>/]`, 'g');
  let start = -1;
  for (let m = re.exec(xml); m && (m.index ?? 0) < at; m = re.exec(xml)) start = m.index ?? 0;
  if (start < 0) return undefined;
  const close = `</${tag}>`;
  const end = xml.indexOf(close, at);
  if (end < 0) return undefined;
  return { start, end: end + close.length };
}
