/**
 * DOM-free helpers for the narrow XML pptxgenjs writes: split an element's direct children, reorder them by a
 * schema sequence, and derive GUIDs from content.
 */
import { createHash } from 'crypto';

/** A direct child of an element: its qualified name and its full text (start tag to end tag). */
export interface Child {
  name: string;
  xml: string;
}

const TAG_RE = /<[^>]+>/g;

/**
 * Split the inner XML of an element into its direct children. Text and whitespace between children are
 * dropped (the elements we reorder have element-only content). Comments and processing instructions are kept
 * as children named '#other'.
 */
export function splitChildren(inner: string): Child[] {
  const out: Child[] = [];
  let depth = 0;
  let start = -1;
  let name = '';
  TAG_RE.lastIndex = 0;
  for (let m = TAG_RE.exec(inner); m; m = TAG_RE.exec(inner)) {
    const tag = m[0];
    if (tag.startsWith('<?') || tag.startsWith('<!')) {
      if (depth === 0) out.push({ name: '#other', xml: tag });
      continue;
    }
    if (tag.startsWith('</')) {
      depth--;
      if (depth === 0) out.push({ name, xml: inner.slice(start, m.index + tag.length) });
      continue;
    }
    const selfClosing = tag.endsWith('/>');
    if (depth === 0) {
      start = m.index;
      name = /^<([^\s/>]+)/.exec(tag)?.[1] ?? '';
      if (selfClosing) {
        out.push({ name, xml: tag });
        continue;
      }
    }
    if (!selfClosing) depth++;
  }
  return out;
}

/**
 * Put children in schema order (a stable sort by position in `order`) and drop the ones the schema does not
 * allow. Children not named in `order` and not in `drop` keep their place relative to each other at the end.
 */
export function orderChildren(children: Child[], order: readonly string[], drop: readonly string[] = []): Child[] {
  const rank = (c: Child) => {
    const i = order.indexOf(c.name);
    return i < 0 ? order.length : i;
  };
  return children
    .filter((c) => !drop.includes(c.name))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c);
}

/**
 * Replace each `<tag>…</tag>` element (not nested in itself) by `fn(inner)`: the element keeps its start tag,
 * `fn` rewrites what is between. The start tag may carry attributes.
 */
export function mapElements(xml: string, tag: string, fn: (inner: string, startTag: string) => string): string {
  const re = new RegExp(`(<${tag}(?:\\s[^>]*)?>)([\\s\\S]*?)(</${tag}>)`, 'g');
  return replaceMatches(xml, re, ([, open, inner, close]) => `${open}${fn(inner, open)}${close}`);
}

/**
 * `xml.replace(re, fn)` for edits that leave most matches as they are: `fn` returns the replacement, or
 * undefined to keep the match. A new string is built only when something changes. (A replace with a callback
 * copies every match and the whole result: measured 6-7 ms against 0,3 ms over the 1 MB of slide XML of the
 * council deck, where almost every match stays.) `re` must be global; its lastIndex is reset.
 */
export function replaceMatches(xml: string, re: RegExp, fn: (m: RegExpExecArray) => string | undefined): string {
  if (!re.global) throw new Error('replaceMatches: the regex must have the g flag');
  re.lastIndex = 0;
  // pieces joined once: `out +=` builds a rope that the next regex over the part pays to flatten (5-7 ms a deck)
  const pieces: string[] = [];
  let last = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[0].length === 0) re.lastIndex++;
    const r = fn(m);
    if (r === undefined || r === m[0]) continue;
    pieces.push(xml.slice(last, m.index), r);
    last = m.index + m[0].length;
  }
  re.lastIndex = 0;
  if (pieces.length === 0) return xml;
  pieces.push(xml.slice(last));
  return pieces.join('');
}

/** A GUID in Office's form ({8-4-4-4-12}, upper case), name-based (SHA-1, version 5 layout) on `seed`. */
export function deterministicGuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex').slice(0, 32).toUpperCase().split('');
  h[12] = '5';
  h[16] = '89AB'[parseInt(h[16], 16) & 3];
  const s = h.join('');
  return `{${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}}`;
}

/** W3CDTF as Office writes it in docProps/core.xml: seconds, UTC, no milliseconds. */
export function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
