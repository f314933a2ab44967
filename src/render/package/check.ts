/**
 * The structural check: what the Open XML SDK validator does not look at but PowerPoint does. Package-level
 * (content types, relationships), XML well-formedness (a small scanner, namespace prefixes included), ids,
 * text bodies, runs, chart data. Each problem is one line: `part: what is wrong`.
 */
import { OoxmlPackage, CONTENT_TYPES, contentTypeOf, isRelsPart, parseContentTypes, relationshipsOf, sourceOfRels } from './opc';

const ENTITY_RE = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/;
const ENTITY_AT_RE = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/y;
const END_TAG_RE = /<\/([^\s>/<]+)\s*>/y;

function lineCol(xml: string, index: number): string {
  const before = xml.slice(0, index);
  const line = before.split('\n').length;
  return `${line}:${index - before.lastIndexOf('\n')}`;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46 || c >= 0x80;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Scan the start tag at `i` (xml[i] is '<'): name, attribute names, where it ends. Hand-written because a
 * regex over 70 000 tags costs 20-80 ms and this about a fifth of that. Returns a problem as a string.
 */
function scanStartTag(xml: string, i: number): { name: string; attrs: string[]; selfClosing: boolean; end: number } | string {
  let p = i + 1;
  const c0 = xml.charCodeAt(p);
  if (!isNameChar(c0) || (c0 >= 48 && c0 <= 58) || c0 === 45 || c0 === 46) return `ugyldig elementnavn: ${xml.slice(i, i + 40)}`;
  while (p < xml.length && isNameChar(xml.charCodeAt(p))) p++;
  const name = xml.slice(i + 1, p);
  const attrs: string[] = [];
  for (;;) {
    const before = p;
    while (p < xml.length && isSpace(xml.charCodeAt(p))) p++;
    const c = xml.charCodeAt(p);
    if (c === 62 /* > */) return { name, attrs, selfClosing: false, end: p + 1 };
    if (c === 47 /* / */) {
      if (xml.charCodeAt(p + 1) !== 62) return `'/' uten '>' i <${name}>`;
      return { name, attrs, selfClosing: true, end: p + 2 };
    }
    if (p >= xml.length) return `<${name}> slutter ikke`;
    if (p === before) return `mangler mellomrom før attributt i <${name}>`;
    const a0 = p;
    while (p < xml.length && isNameChar(xml.charCodeAt(p))) p++;
    if (p === a0) return `ugyldig tegn '${xml[p]}' i <${name}>`;
    const attr = xml.slice(a0, p);
    while (isSpace(xml.charCodeAt(p))) p++;
    if (xml.charCodeAt(p) !== 61 /* = */) return `attributtet ${attr} i <${name}> har ingen verdi`;
    p++;
    while (isSpace(xml.charCodeAt(p))) p++;
    const q = xml.charCodeAt(p);
    if (q !== 34 && q !== 39) return `verdien av ${attr} i <${name}> står ikke i anførselstegn`;
    const close = xml.indexOf(q === 34 ? '"' : "'", p + 1);
    if (close < 0) return `verdien av ${attr} i <${name}> slutter ikke`;
    const value = xml.slice(p + 1, close);
    if (value.includes('<')) return `'<' i verdien av ${attr} i <${name}>`;
    if (value.includes('&') && ENTITY_RE.test(value)) return `'&' som ikke innleder en entitet i ${attr} på <${name}>`;
    if (attrs.includes(attr)) return `attributtet ${attr} står to ganger i <${name}>`;
    attrs.push(attr);
    p = close + 1;
  }
}

/** A character XML 1.0 does not allow anywhere in a document (C0 controls but tab, CR, LF; U+FFFE, U+FFFF). */
const XML_FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Is `xml` a well-formed, namespace-well-formed XML document? Returns the first problem with line:col, or
 * undefined. Covers: one root, balanced and matching tags, quoted attributes without `<`, no duplicate
 * attribute, `&` only as an entity, no text outside the root, no DTD, every prefix declared.
 */
export function wellFormednessProblem(xml: string): string | undefined {
  const bad = XML_FORBIDDEN_CHAR.exec(xml);
  if (bad) return `${lineCol(xml, bad.index)}: tegnet U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} er ikke tillatt i XML`;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: string[] = [];
  const scopes: Set<string>[] = [new Set(['xml', 'xmlns'])];
  let rootSeen = false;
  const at = (k: number, msg: string) => `${lineCol(xml, k)}: ${msg}`;
  // next '&' and ']]>' at or after the scan position, found once and reused (no rescans per text node)
  let nextAmp = -2;
  let nextCdEnd = -2;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const end = lt < 0 ? xml.length : lt;
    if (end > i) {
      if (stack.length === 0 && xml.slice(i, end).trim() !== '') return at(i, 'tekst utenfor rotelementet');
      if (nextAmp !== -1 && nextAmp < i) nextAmp = xml.indexOf('&', i);
      while (nextAmp >= 0 && nextAmp < end) {
        ENTITY_AT_RE.lastIndex = nextAmp;
        if (!ENTITY_AT_RE.test(xml)) return at(nextAmp, "'&' som ikke innleder en entitet (skal være &amp;)");
        nextAmp = xml.indexOf('&', nextAmp + 1);
      }
      if (nextCdEnd !== -1 && nextCdEnd < i) nextCdEnd = xml.indexOf(']]>', i);
      if (nextCdEnd >= 0 && nextCdEnd < end) return at(nextCdEnd, "']]>' i tekst");
    }
    if (lt < 0) break;
    i = lt;
    const c1 = xml.charCodeAt(i + 1);
    if (c1 === 33 /* ! */ && xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) return at(i, 'kommentar uten slutt');
      i = end + 3;
    } else if (c1 === 33 && xml.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) return at(i, 'CDATA utenfor rotelementet');
      const end = xml.indexOf(']]>', i);
      if (end < 0) return at(i, 'CDATA uten slutt');
      i = end + 3;
    } else if (c1 === 63 /* ? */) {
      const end = xml.indexOf('?>', i);
      if (end < 0) return at(i, 'prosesseringsinstruksjon uten slutt');
      if (xml.startsWith('<?xml ', i) && i > (xml.charCodeAt(0) === 0xfeff ? 1 : 0)) return at(i, 'XML-deklarasjonen står ikke først');
      i = end + 2;
    } else if (c1 === 33) {
      return at(i, 'DTD/DOCTYPE er ikke tillatt i OOXML');
    } else if (c1 === 47 /* / */) {
      END_TAG_RE.lastIndex = i;
      const m = END_TAG_RE.exec(xml);
      if (!m) return at(i, 'ugyldig slutt-tagg');
      const open = stack.pop();
      if (open !== m[1]) return at(i, open ? `</${m[1]}> lukker <${open}>` : `</${m[1]}> uten start-tagg`);
      scopes.pop();
      i += m[0].length;
    } else {
      const tag = scanStartTag(xml, i);
      if (typeof tag === 'string') return at(i, tag);
      if (stack.length === 0 && rootSeen) return at(i, 'mer enn ett rotelement');
      rootSeen = true;
      let scope = scopes[scopes.length - 1];
      const { name, attrs } = tag;
      for (let k = 0; k < attrs.length; k++) {
        if (attrs[k].startsWith('xmlns:')) {
          if (scope === scopes[scopes.length - 1]) scope = new Set(scope);
          scope.add(attrs[k].slice(6));
        }
      }
      const colon = name.indexOf(':');
      if (colon > 0 && !scope.has(name.slice(0, colon))) return at(i, `prefikset '${name.slice(0, colon)}' i <${name}> er ikke deklarert`);
      for (const n of attrs) {
        const c = n.indexOf(':');
        if (c > 0 && !n.startsWith('xmlns:') && !scope.has(n.slice(0, c))) return at(i, `prefikset '${n.slice(0, c)}' i attributtet ${n} er ikke deklarert`);
      }
      if (!tag.selfClosing) {
        stack.push(name);
        scopes.push(scope);
      }
      i = tag.end;
    }
  }
  if (stack.length) return `<${stack[stack.length - 1]}> er ikke lukket`;
  if (!rootSeen) return 'ingen rotelement';
  return undefined;
}

const SUSPECT_ATTR_RE = /\s([\w:]+)="([^"]*(?:NaN|undefined|Infinity)[^"]*)"/g;
const FREE_TEXT_ATTRS = new Set(['name', 'descr', 'title', 'tooltip', 'typeface']);
const SUSPECT_WORDS = ['NaN', 'undefined', 'Infinity'];

/**
 * NaN, undefined and Infinity where a number belongs: in attribute values (but names and descriptions, which are
 * free text) and, in charts, as a cached value. Looks only where one of the three words occurs (indexOf), so it
 * costs a fraction of a millisecond a deck and runs in every build: a figure the analysis could not compute is
 * data-dependent, not something the tests can rule out.
 */
function checkValues(part: string, xml: string, out: string[]): void {
  const seenTags = new Set<number>();
  const chart = /^ppt\/charts\//.test(part);
  const values: string[] = [];
  const hits: number[] = [];
  for (const word of SUSPECT_WORDS) for (let i = xml.indexOf(word); i >= 0; i = xml.indexOf(word, i + word.length)) hits.push(i);
  hits.sort((a, b) => a - b);
  for (const i of hits) {
    const lt = xml.lastIndexOf('<', i);
    const gt = xml.lastIndexOf('>', i);
    if (lt > gt) {
      // inside a tag: an attribute value
      if (seenTags.has(lt)) continue;
      seenTags.add(lt);
      const end = xml.indexOf('>', i);
      const tag = xml.slice(lt, end < 0 ? xml.length : end + 1);
      for (const m of tag.matchAll(SUSPECT_ATTR_RE)) {
        if (!FREE_TEXT_ATTRS.has(m[1].replace(/^\w+:/, ''))) out.push(`${part}: attributtet ${m[1]}="${m[2]}" (NaN/undefined/Infinity fra ugyldig tall)`);
      }
    } else if (chart && gt >= 0 && xml.startsWith('<c:v>', gt - 4)) {
      // text: a chart's cached value <c:v>…</c:v>
      if (seenTags.has(gt)) continue;
      seenTags.add(gt);
      const next = xml.indexOf('<', gt + 1);
      const value = xml.slice(gt + 1, next < 0 ? xml.length : next);
      if (xml.startsWith('</c:v>', next) && /^-?(NaN|Infinity|undefined)$/.test(value.trim())) values.push(`${part}: diagramverdien ${value}`);
    }
  }
  out.push(...values);
}

function checkTextBodies(part: string, xml: string, out: string[]): void {
  let n = 0;
  for (const m of xml.matchAll(/<(a|p):txBody(?:\s[^>]*)?>([\s\S]*?)<\/\1:txBody>/g)) {
    n++;
    if (!/<a:p[\s>/]/.test(m[2])) out.push(`${part}: ${m[1]}:txBody nr. ${n} har ingen a:p (PowerPoint reparerer)`);
  }
  let r = 0;
  for (const m of xml.matchAll(/<a:r>([\s\S]*?)<\/a:r>/g)) {
    r++;
    if (!/<a:t[\s>/]/.test(m[1])) out.push(`${part}: tekstløp a:r nr. ${r} uten a:t`);
  }
  for (const m of xml.matchAll(/<p:sp(?:\s[^>]*)?>([\s\S]*?)<\/p:sp>/g)) {
    if (!m[1].includes('<p:txBody') && !/<p:ph\b[^>]*\stype="sldImg"/.test(m[1])) {
      const name = /<p:cNvPr\b[^>]*\sname="([^"]*)"/.exec(m[1])?.[1];
      out.push(`${part}: figuren '${name ?? '?'}' har ikke p:txBody (#1441)`);
    }
  }
}

function checkShapeIds(part: string, xml: string, out: string[]): void {
  const ids = new Map<string, number>();
  for (const m of xml.matchAll(/<p:cNvPr\b[^>]*\sid="([^"]*)"/g)) ids.set(m[1], (ids.get(m[1]) ?? 0) + 1);
  for (const [id, count] of ids) {
    if (count > 1) out.push(`${part}: p:cNvPr id="${id}" brukes ${count} ganger`);
    if (!/^\d+$/.test(id)) out.push(`${part}: p:cNvPr id="${id}" er ikke et tall`);
  }
}

function checkChart(part: string, xml: string, out: string[]): void {
  const series = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)];
  if (series.length === 0) out.push(`${part}: diagrammet har ingen dataserier`);
  series.forEach((s, k) => {
    const val = /<c:(?:val|yVal)>([\s\S]*?)<\/c:(?:val|yVal)>/.exec(s[1])?.[1] ?? '';
    const count = Number(/<c:ptCount val="(\d+)"/.exec(val)?.[1] ?? '0');
    const points = (val.match(/<c:pt\b/g) ?? []).length;
    if (count === 0 || points === 0) out.push(`${part}: dataserie ${k + 1} har ingen datapunkter`);
  });
}

function presentationProblems(pkg: OoxmlPackage): string[] {
  const out: string[] = [];
  const part = 'ppt/presentation.xml';
  if (!pkg.has(part)) return [`${part}: mangler`];
  const xml = pkg.text(part);
  const rels = new Map(relationshipsOf(pkg, part).map((r) => [r.id, r] as const));
  const rids = new Map<string, number>();
  for (const m of xml.matchAll(/\sr:id="([^"]*)"/g)) {
    rids.set(m[1], (rids.get(m[1]) ?? 0) + 1);
    if (!rels.has(m[1])) out.push(`${part}: r:id="${m[1]}" finnes ikke i presentation.xml.rels`);
  }
  for (const [rid, n] of rids) if (n > 1) out.push(`${part}: r:id="${rid}" brukes ${n} ganger`);
  const sldIds = [...xml.matchAll(/<p:sldId\b[^>]*\sid="([^"]*)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  for (const id of sldIds) {
    if (seen.has(id)) out.push(`${part}: p:sldId id="${id}" brukes flere ganger`);
    seen.add(id);
    const n = Number(id);
    if (!Number.isInteger(n) || n < 256 || n >= 2147483648) out.push(`${part}: p:sldId id="${id}" er utenfor 256..2147483647`);
  }
  const masterIds = [...xml.matchAll(/<p:sldMasterId\b[^>]*\sid="([^"]*)"/g)].map((m) => Number(m[1]));
  for (const id of masterIds) if (!(id >= 2147483648)) out.push(`${part}: p:sldMasterId id="${id}" er under 2147483648`);
  return out;
}

/**
 * How much the structural check looks at:
 * - 'structure': the package (every part has a content type, no Override or relationship names a missing part,
 *   relationship ids unique, presentation ids in range: what the finishing stage itself rearranges) and no
 *   NaN/undefined/Infinity for a number (what data can cause). About 1 ms a deck; every build runs it.
 * - 'full': also every XML part (well-formed with declared prefixes, text bodies with a paragraph, runs with
 *   text, unique shape ids, no NaN/undefined values, chart series with points). About 25-40 ms for the council
 *   deck, so it runs in the tests (on every deck they build: KOMMUNEDECK_VERIFY=full) and in `build --validate`,
 *   not in every build.
 */
export type CheckLevel = 'structure' | 'full';

/** The structural check on an unpacked package. */
export function checkPackageParts(pkg: OoxmlPackage, level: CheckLevel = 'full'): string[] {
  return packageProblems(pkg, () => partProblems(pkg, level));
}

/**
 * The package-level checks alone (content types, relationships, presentation ids): what the finishing stage
 * runs after the last part it adds (bindings), having checked the parts' XML before (see finishPackage).
 */
export function checkPackageLevel(pkg: OoxmlPackage): string[] {
  return packageProblems(pkg, () => []);
}

/** Content types, relationships, `parts()`, presentation ids; nothing more when the content types are unreadable. */
function packageProblems(pkg: OoxmlPackage, parts: () => string[]): string[] {
  const ct = contentTypeProblems(pkg);
  return ct.fatal ? ct.problems : [...ct.problems, ...relationshipProblems(pkg), ...parts(), ...presentationProblems(pkg)];
}

function contentTypeProblems(pkg: OoxmlPackage): { problems: string[]; fatal: boolean } {
  const out: string[] = [];
  const names = pkg.names();
  const present = new Set(names);
  if (!present.has(CONTENT_TYPES)) return { problems: [`${CONTENT_TYPES}: mangler`], fatal: true };
  const ctProblem = wellFormednessProblem(pkg.text(CONTENT_TYPES));
  if (ctProblem) return { problems: [`${CONTENT_TYPES}: ikke velformet XML: ${ctProblem}`], fatal: true };
  const ct = parseContentTypes(pkg.text(CONTENT_TYPES));
  for (const o of ct.overrides.keys()) if (!present.has(o)) out.push(`${CONTENT_TYPES}: Override for /${o}, som ikke finnes (#1444)`);
  for (const n of names) {
    if (n === CONTENT_TYPES) continue;
    if (!contentTypeOf(ct, n)) out.push(`${n}: har ingen innholdstype (Default eller Override)`);
  }
  return { problems: out, fatal: false };
}

function relationshipProblems(pkg: OoxmlPackage): string[] {
  const out: string[] = [];
  const present = new Set(pkg.names());
  for (const n of pkg.names()) {
    if (!isRelsPart(n)) continue;
    const wf = wellFormednessProblem(pkg.text(n));
    if (wf) {
      out.push(`${n}: ikke velformet XML: ${wf}`);
      continue;
    }
    const source = sourceOfRels(n);
    if (source !== '' && !present.has(source)) out.push(`${n}: relasjoner for ${source}, som ikke finnes`);
    const ids = new Set<string>();
    for (const r of relationshipsOf(pkg, source)) {
      if (ids.has(r.id)) out.push(`${n}: relasjons-id ${r.id} brukes to ganger`);
      ids.add(r.id);
      if (!r.external && !present.has(r.part)) out.push(`${n}: ${r.id} peker på ${r.part}, som ikke finnes`);
    }
  }
  return out;
}

/** The XML parts but relationships: values at 'structure', everything at 'full'. */
export function partProblems(pkg: OoxmlPackage, level: CheckLevel): string[] {
  const out: string[] = [];
  for (const n of pkg.names()) {
    if (!/\.(xml|vml)$/i.test(n) || n === CONTENT_TYPES || isRelsPart(n)) continue;
    const xml = pkg.text(n);
    if (level === 'full') {
      const wf = wellFormednessProblem(xml);
      if (wf) {
        out.push(`${n}: ikke velformet XML: ${wf}`);
        continue;
      }
    }
    checkValues(n, xml, out);
    if (level !== 'full') continue;
    if (/^ppt\/(slides|slideLayouts|slideMasters|notesSlides|notesMasters)\/[^/]+\.xml$/.test(n)) {
      checkTextBodies(n, xml, out);
      checkShapeIds(n, xml, out);
    }
    if (/^ppt\/charts\/chart[^/]*\.xml$/.test(n)) checkChart(n, xml, out);
  }
  return out;
}

/** The structural check on .pptx bytes. An empty list means no problem found. */
export function checkPackage(bytes: Uint8Array, level: CheckLevel = 'full'): string[] {
  let pkg: OoxmlPackage;
  try {
    pkg = OoxmlPackage.fromZip(bytes);
  } catch (e) {
    return [`ikke en zip-fil: ${(e as Error).message}`];
  }
  return checkPackageParts(pkg, level);
}

