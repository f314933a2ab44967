/**
 * The Open Packaging Conventions (OPC) view of a .pptx: a map of part names to bytes, with the two things
 * every fix needs — relationships and content types — read by small regexes. No XML library: pptxgenjs writes
 * a narrow, regular dialect, and the fixes only ever touch what they name.
 */
import { unzipEntries, zipEntries, entryOrder, type ZipWriteOptions } from './zip';

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/**
 * A part as bytes, or as text once someone has read or written it as XML (encoded again on write), or as pieces of
 * text whose concatenation is the part: an edit of a large part that is written out next. Joining a 250 kB slide
 * costs about 2 ms (V8 allocates strings that size in large-object space, ~8 ns a character against 0,25 for
 * small ones); encoding the pieces straight into the zip entry costs a tenth of that.
 */
type PartData =
  | { bytes: Uint8Array; text?: undefined; pieces?: undefined }
  | { bytes?: undefined; text: string; pieces?: undefined }
  | { bytes?: undefined; text?: undefined; pieces: readonly string[] };

/** An unpacked OPC package. Part names have no leading slash: `ppt/slides/slide1.xml`. */
export class OoxmlPackage {
  private readonly parts = new Map<string, PartData>();

  /** Unzip pptx bytes. Folder entries (names ending in `/`) are dropped: they are not parts. */
  static fromZip(bytes: Uint8Array): OoxmlPackage {
    const pkg = new OoxmlPackage();
    for (const [name, data] of unzipEntries(bytes)) pkg.parts.set(name, { bytes: data });
    return pkg;
  }

  /** A package from parts already in memory (text parts as strings, others as bytes), e.g. pptxgenjs's. */
  static fromParts(parts: Iterable<readonly [string, string | Uint8Array]>): OoxmlPackage {
    const pkg = new OoxmlPackage();
    for (const [name, data] of parts) {
      if (name.endsWith('/')) continue;
      pkg.parts.set(name, typeof data === 'string' ? { text: data } : { bytes: data });
    }
    return pkg;
  }

  /** Zip the package: [Content_Types].xml, _rels/.rels, then the parts in natural name order; fixed dates. */
  toZip(opts: ZipWriteOptions): Uint8Array {
    return zipEntries(
      entryOrder(this.names()).map((n) => [n, this.bytes(n)] as const),
      opts,
    );
  }

  names(): string[] {
    return [...this.parts.keys()];
  }

  has(name: string): boolean {
    return this.parts.has(name);
  }

  /** The part decoded as UTF-8 (cached; later writes through setText). Throws for a missing part. */
  text(name: string): string {
    const p = this.parts.get(name);
    if (!p) throw new Error(`pakken mangler delen ${name}`);
    if (p.text !== undefined) return p.text;
    const t = p.pieces ? p.pieces.join('') : decoder.decode(p.bytes);
    this.parts.set(name, { text: t });
    return t;
  }

  setText(name: string, text: string): void {
    this.parts.set(name, { text });
  }

  /** Set a part to the concatenation of `pieces` (joined only if someone reads the part as text again). */
  setPieces(name: string, pieces: readonly string[]): void {
    this.parts.set(name, { pieces });
  }

  /** Apply `edit` to a part's text, if the part exists; returns whether the text changed. */
  edit(name: string, edit: (xml: string) => string): boolean {
    if (!this.parts.has(name)) return false;
    const before = this.text(name);
    const after = edit(before);
    if (after !== before) this.setText(name, after);
    return after !== before;
  }

  bytes(name: string): Uint8Array {
    const p = this.parts.get(name);
    if (!p) throw new Error(`pakken mangler delen ${name}`);
    if (p.bytes) return p.bytes;
    return p.pieces ? encodePieces(p.pieces) : encoder.encode(p.text);
  }

  setBytes(name: string, bytes: Uint8Array): void {
    this.parts.set(name, { bytes });
  }

  delete(name: string): void {
    this.parts.delete(name);
  }

  /** Move a part to a new name (does not touch references to it: see renameParts). */
  move(from: string, to: string): void {
    const p = this.parts.get(from);
    if (!p) throw new Error(`pakken mangler delen ${from}`);
    this.parts.delete(from);
    this.parts.set(to, p);
  }
}

/** UTF-8 of the concatenation of `pieces`, without building the concatenated string. */
function encodePieces(pieces: readonly string[]): Uint8Array {
  let size = 0;
  for (const p of pieces) size += Buffer.byteLength(p, 'utf8');
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const p of pieces) at += out.write(p, at, 'utf8');
  return new Uint8Array(out.buffer, out.byteOffset, at);
}

// ---------------------------------------------------------------------------------------------------------
// Relationships

export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** `ppt/slides/slide1.xml` -> `ppt/slides/_rels/slide1.xml.rels`; the package itself ('') -> `_rels/.rels`. */
export function relsPathFor(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? `_rels/${part}.rels` : `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

/** Inverse of relsPathFor: the part a .rels file belongs to ('' for the package relationships). */
export function sourceOfRels(relsPath: string): string {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(relsPath);
  if (!m) throw new Error(`ikke en relasjonsdel: ${relsPath}`);
  return m[1] + m[2];
}

export function isRelsPart(name: string): boolean {
  return /(^|\/)_rels\/[^/]*\.rels$/.test(name);
}

/** Resolve a relationship target against the part that owns the relationship. */
export function resolveTarget(source: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : `${source.slice(0, source.lastIndexOf('/') + 1)}${target}`;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** A relative target from `source`'s folder to `part` (both package part names). */
export function relativeTarget(source: string, part: string): string {
  const from = source.split('/').slice(0, -1);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

const REL_RE = /<Relationship\b[^>]*?\/>/g;

const ATTR_RES = new Map<string, RegExp>();

/** The value of attribute `name` in a start tag (as written: entities not decoded). */
export function attr(tag: string, name: string): string | undefined {
  let re = ATTR_RES.get(name);
  if (!re) {
    re = new RegExp(`\\s${escapeRegExp(name)}="([^"]*)"`);
    ATTR_RES.set(name, re);
  }
  const m = re.exec(tag);
  return m ? m[1] : undefined;
}

export function parseRels(xml: string): Relationship[] {
  const rels: Relationship[] = [];
  for (const m of xml.matchAll(REL_RE)) {
    const tag = m[0];
    rels.push({
      id: attr(tag, 'Id') ?? '',
      type: attr(tag, 'Type') ?? '',
      target: decodeXmlAttr(attr(tag, 'Target') ?? ''),
      external: attr(tag, 'TargetMode') === 'External',
    });
  }
  return rels;
}

/** The relationships of a part, with targets resolved to part names (external ones left as written). */
export function relationshipsOf(pkg: OoxmlPackage, part: string): (Relationship & { part: string })[] {
  const relsPath = relsPathFor(part);
  if (!pkg.has(relsPath)) return [];
  return parseRels(pkg.text(relsPath)).map((r) => ({ ...r, part: r.external ? r.target : resolveTarget(part, r.target) }));
}

/**
 * Rename parts and rewrite every reference to them: relationship targets in every .rels part (keeping their
 * absolute or relative style) and Override entries in [Content_Types].xml. Renames are applied at once, so
 * a cycle (chart3 -> chart1, chart1 -> chart3) is safe.
 */
export function renameParts(pkg: OoxmlPackage, renames: Map<string, string>): void {
  const moves = [...renames].filter(([from, to]) => from !== to && pkg.has(from));
  if (moves.length === 0) return;
  const leaving = new Set(moves.map(([from]) => from));
  for (const [, to] of moves) {
    if (pkg.has(to) && !leaving.has(to)) throw new Error(`kan ikke gi nytt navn: ${to} finnes allerede`);
  }
  const data = moves.map(([from, to]) => [to, pkg.bytes(from)] as const);
  for (const [from] of moves) pkg.delete(from);
  for (const [to, bytes] of data) pkg.setBytes(to, bytes);
  // the .rels of a renamed part moves with it
  const relsMoves = moves
    .map(([from, to]) => [relsPathFor(from), relsPathFor(to)] as const)
    .filter(([from]) => renames.get(from) === undefined && pkg.has(from));
  const relsData = relsMoves.map(([from, to]) => [to, pkg.bytes(from)] as const);
  for (const [from] of relsMoves) pkg.delete(from);
  for (const [to, bytes] of relsData) pkg.setBytes(to, bytes);

  const byName = new Map(moves);
  const reverse = new Map(moves.map(([from, to]) => [to, from]));
  for (const relsPath of pkg.names().filter(isRelsPart)) {
    const newSource = sourceOfRels(relsPath);
    // resolve relative targets against where the source part lived when they were written
    const oldSource = reverse.get(newSource) ?? newSource;
    pkg.edit(relsPath, (xml) =>
      xml.replace(REL_RE, (tag) => {
        if (attr(tag, 'TargetMode') === 'External') return tag;
        const target = decodeXmlAttr(attr(tag, 'Target') ?? '');
        const resolved = resolveTarget(oldSource, target);
        const renamed = byName.get(resolved);
        if (renamed === undefined && oldSource === newSource) return tag;
        const final = renamed ?? resolved;
        const written = target.startsWith('/') ? `/${final}` : relativeTarget(newSource, final);
        return tag.replace(/\sTarget="[^"]*"/, ` Target="${escapeXmlAttr(written)}"`);
      }),
    );
  }
  pkg.edit(CONTENT_TYPES, (xml) =>
    xml.replace(/(<Override\b[^>]*?\sPartName=")\/([^"]*)"/g, (all, head: string, name: string) => {
      const renamed = byName.get(name);
      return renamed === undefined ? all : `${head}/${renamed}"`;
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Content types

export const CONTENT_TYPES = '[Content_Types].xml';

export interface ContentTypes {
  defaults: Map<string, string>; // extension (lower case) -> content type
  overrides: Map<string, string>; // part name without leading slash -> content type
}

export function parseContentTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const m of xml.matchAll(/<Default\b[^>]*?\/>/g)) {
    defaults.set((attr(m[0], 'Extension') ?? '').toLowerCase(), attr(m[0], 'ContentType') ?? '');
  }
  for (const m of xml.matchAll(/<Override\b[^>]*?\/>/g)) {
    overrides.set((attr(m[0], 'PartName') ?? '').replace(/^\//, ''), attr(m[0], 'ContentType') ?? '');
  }
  return { defaults, overrides };
}

/** The content type a part gets: its Override, else the Default for its extension. */
export function contentTypeOf(ct: ContentTypes, part: string): string | undefined {
  const o = ct.overrides.get(part);
  if (o !== undefined) return o;
  const dot = part.lastIndexOf('.');
  return dot < 0 ? undefined : ct.defaults.get(part.slice(dot + 1).toLowerCase());
}

/** Add (or replace) an Override for `part`. */
export function setOverride(pkg: OoxmlPackage, part: string, contentType: string): void {
  pkg.edit(CONTENT_TYPES, (xml) => {
    const without = xml.replace(new RegExp(`\\s*<Override\\b[^>]*?\\sPartName="/${escapeRegExp(part)}"[^>]*?/>`, 'g'), '');
    return without.replace('</Types>', `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Small string helpers shared by the fixes

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Characters XML 1.0 does not allow even escaped (C0 controls but tab and line ends, U+FFFE/U+FFFF, lone surrogates). */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data: markup characters escaped, characters XML forbids dropped. */
export function escapeXmlText(s: string): string {
  return s.replace(XML_FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;');
}

export function decodeXmlAttr(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? _);
}
