/**
 * Bindings: what each data-bearing shape shows, stored inside the package so that a deck edited in PowerPoint
 * can be refreshed in place (`kommunedeck refresh`). Two stores, measured against what editors keep:
 *
 * - a **shape tag** on every bound shape: `p:nvPr/p:custDataLst/p:tags r:id` → `ppt/tags/tagN.xml` holding one
 *   `<p:tag name="KOMMUNEDECK_BINDING" val="{json}"/>` (ECMA-376 Part 1: the PresentationML User Defined Tags
 *   part and `p:custDataLst`; the mechanism PowerPoint add-ins use: `Shape.Tags` in VBA, `shape.tags` in
 *   Office.js). The tag belongs to the shape, so it moves, resizes, restyles, is copied and changes slide order
 *   with it. Not alt text, never shown on a slide. LibreOffice 7.4 drops every tag (measured: `soffice --convert-to pptx`).
 * - one **deck record** in a custom XML data storage part (`customXml/itemN.xml`, ECMA-376 Part 1, related from
 *   the presentation part): what refresh needs to recompute (deck YAML text and hash, theme, kommune, year,
 *   references, data hash) and a copy of every binding as built, slide by slide. LibreOffice keeps this part
 *   (measured; it moves the relationship to the package root, which `normaliseRecordRelationship` puts back),
 *   so a deck that lost its tags can still be re-bound by slide title and shape name (`kd-table`, …).
 *
 * Both are plain strings edited the same way the finishing fixes edit XML: no XML library.
 */
import { createHash } from 'crypto';
import {
  OoxmlPackage,
  CONTENT_TYPES,
  attr,
  escapeRegExp,
  escapeXmlAttr,
  escapeXmlText,
  parseContentTypes,
  relationshipsOf,
  relsPathFor,
  relativeTarget,
  setOverride,
} from './opc';
import { slidesInOrder } from './fixes/charts';
import { PRESENTATION } from './fixes/structure';
import { deterministicGuid } from './xml';

export const BINDING_TAG = 'KOMMUNEDECK_BINDING';
export const DECK_RECORD_NS = 'urn:kommunedeck:deck:1';
export const TAGS_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.tags+xml';
export const TAGS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/tags';
export const CUSTOM_XML_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml';
export const CUSTOM_XML_PROPS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps';
export const CUSTOM_XML_PROPS_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';

const PML_NS =
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** What a shape showed when it was built (or last refreshed). Texts are as rendered. */
export type BuiltContent =
  /** a text shape: its paragraphs; `bound` lists the paragraphs that show figures (the others are left alone) */
  | { kind: 'text'; paragraphs: string[]; bound: number[] }
  /** a table: header row first, one text per cell */
  | { kind: 'table'; cells: string[][] }
  /** a native chart: categories and the bound series (a target line is not bound) */
  | { kind: 'chart'; categories: string[]; series: { name: string; values: (number | null)[] }[] }
  /** a KPI card's figure and whether the target was met */
  | { kind: 'kpi'; actual: string; met: boolean | null };

/** One bound shape: the JSON in its tag. */
export interface ShapeBinding {
  v: 1;
  /** the deck file's slide id; `#n` for the n-th slide of the deck file when it has none */
  slide: string;
  /** part of a table continued over several slides (1-based); absent for one-part slides */
  part?: number;
  /** value, caption, commentary, bullets, table, chart, column:N, kpi:N */
  role: string;
  /** the shape's name as built (kd-value, kd-table, …): how a deck that lost its tags is re-bound */
  shape: string;
  metrics: string[];
  kommune: string;
  year: number;
  /** sha256 of the data the figures were computed from (the facts of `metrics` for the kommune and year) */
  hash: string;
  built: BuiltContent;
  /**
   * text a comments file appended after the generated commentary (`append:`): kept as written, after the
   * refreshed generated text
   */
  suffix?: string;
}

/** A built slide in the deck record: enough to find it again by its title when tags are lost. */
export interface RecordSlide {
  /** position in the deck as built (1-based) */
  index: number;
  slide: string;
  part?: number;
  /** the title shape's text as built */
  title: string;
  bindings: ShapeBinding[];
}

/** Stored once per deck: what refresh needs to recompute the figures. */
export interface DeckRecord {
  v: 1;
  tool: string;
  deck: {
    /** the deck file as given to build (relative to where build ran) */
    file: string;
    sha256: string;
    /** the deck file's text, when build read it from a file */
    text?: string;
  };
  /** the theme's name (table capacity depends on its layout) */
  theme: string;
  kommune: string;
  year: number;
  refs: string[];
  /** the document date of the build (ISO) */
  date: string;
  /** sha256 over the bindings' data hashes, in deck order */
  dataHash: string;
  slides: RecordSlide[];
}

export function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** XML text and attribute values decoded: the five named entities and numeric references. */
export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9A-Fa-f]+|#\d+|amp|lt|gt|quot|apos);/g, (all, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? all;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Shapes in a slide

/** A shape's non-visual properties: where its `p:cNvPr` and `p:nvPr` stand in the slide XML. */
export interface ShapeLocation {
  id: string;
  name: string;
  /** offset of `<p:cNvPr` */
  at: number;
  /** the `p:nvPr` element: [start, end) offsets and its text */
  nvPr: { start: number; end: number; xml: string };
}

const CNVPR_RE = /<p:cNvPr\b[^>]*>/g;

/** Every shape (p:sp, p:graphicFrame, p:pic, p:grpSp, p:cxnSp) of a slide with its id, name and p:nvPr. */
export function shapesOf(xml: string): ShapeLocation[] {
  const out: ShapeLocation[] = [];
  for (const m of xml.matchAll(CNVPR_RE)) {
    const at = m.index ?? 0;
    const id = attr(m[0], 'id') ?? '';
    const name = decodeXml(attr(m[0], 'name') ?? '');
    const re = /<p:nvPr\s*\/>|<p:nvPr(?:\s[^>]*)?>[\s\S]*?<\/p:nvPr>/y;
    // p:nvPr follows p:cNvPr and its sibling p:cNv*Pr within the same p:nv*Pr element
    const from = xml.indexOf('<p:nvPr', at);
    if (from < 0) continue;
    re.lastIndex = from;
    const nv = re.exec(xml);
    if (!nv) continue;
    out.push({ id, name, at, nvPr: { start: from, end: from + nv[0].length, xml: nv[0] } });
  }
  return out.filter((s) => s.id !== '1' || s.name !== ''); // the spTree's own group properties
}

/** The tags part a shape refers to (`p:custDataLst/p:tags r:id`), if any. */
function tagsRelId(nvPr: string): string | undefined {
  const m = /<p:custDataLst>[\s\S]*?<p:tags\b[^>]*\br:id="([^"]*)"[^>]*\/>/.exec(nvPr);
  return m?.[1];
}

/** The tag values of a tags part: name → value. */
export function parseTags(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<p:tag\b[^>]*\/>|<p:tag\b[^>]*>[\s\S]*?<\/p:tag>/g)) {
    const name = attr(m[0], 'name');
    const val = attr(m[0], 'val');
    if (name !== undefined) out.set(decodeXml(name).toUpperCase(), decodeXml(val ?? ''));
  }
  return out;
}

function nextRelId(relsXml: string): string {
  let max = 0;
  for (const m of relsXml.matchAll(/\sId="rId(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return `rId${max + 1}`;
}

function addRelationship(pkg: OoxmlPackage, source: string, type: string, target: string): string {
  const relsPath = relsPathFor(source);
  const xml = pkg.has(relsPath) ? pkg.text(relsPath) : `${XML_DECL}<Relationships xmlns="${REL_NS}"></Relationships>`;
  const id = nextRelId(xml);
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${escapeXmlAttr(relativeTarget(source, target))}"/>`;
  pkg.setText(relsPath, xml.includes('</Relationships>') ? xml.replace('</Relationships>', `${rel}</Relationships>`) : xml.replace(/<Relationships\b([^>]*)\/>/, `<Relationships$1>${rel}</Relationships>`));
  return id;
}

/** The highest N of the parts named `<prefix>N.<ext>` (0 when there is none). */
function lastPartNumber(pkg: OoxmlPackage, prefix: string, ext: string): number {
  let max = 0;
  const re = new RegExp(`^${escapeRegExp(prefix)}(\\d+)\\.${escapeRegExp(ext)}$`);
  for (const n of pkg.names()) {
    const m = re.exec(n);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/**
 * One tags part per bound shape. The slides' `p:nvPr` edits wait for flush(), which applies all of a slide's in
 * one pass (a slide is rewritten once, not once per bound shape), and adds the content types of the new parts.
 */
export class TagWriter {
  private readonly newParts: string[] = [];
  /** slide part -> shape id -> the relationship id of its new tags part */
  private readonly pending = new Map<string, Map<string, string>>();
  private readonly shapeCache = new Map<string, { xml: string; shapes: ShapeLocation[] }>();
  private lastTag: number | undefined;
  constructor(private readonly pkg: OoxmlPackage) {}

  /** The shapes of a slide as it is now (cached while its text is unchanged). */
  shapesOn(slidePart: string): ShapeLocation[] {
    const xml = this.pkg.text(slidePart);
    const cached = this.shapeCache.get(slidePart);
    if (cached && cached.xml === xml) return cached.shapes;
    const shapes = shapesOf(xml);
    this.shapeCache.set(slidePart, { xml, shapes });
    return shapes;
  }

  /** The next free `ppt/tags/tagN.xml` (the package is scanned once; the parts this writer adds are counted). */
  private newTagPart(): string {
    this.lastTag ??= lastPartNumber(this.pkg, 'ppt/tags/tag', 'xml');
    return `ppt/tags/tag${++this.lastTag}.xml`;
  }

  /**
   * Set (or replace) the binding tag of the shape with `p:cNvPr id="shapeId"` on `slidePart`, keeping any other
   * tags the shape has (an add-in's). Returns false when the shape is not there.
   */
  set(slidePart: string, shapeId: string, binding: ShapeBinding): boolean {
    const pkg = this.pkg;
    const shape = this.shapesOn(slidePart).find((s) => s.id === shapeId);
    if (!shape) return false;
    const value = JSON.stringify(binding);
    const queued = this.pending.get(slidePart)?.get(shapeId);
    const rid = queued ?? tagsRelId(shape.nvPr.xml);
    if (rid) {
      const rel = relationshipsOf(pkg, slidePart).find((r) => r.id === rid);
      if (rel && !rel.external && pkg.has(rel.part)) {
        pkg.setText(rel.part, withTag(pkg.text(rel.part), BINDING_TAG, value));
        return true;
      }
    }
    // no tags part yet, or a p:tags pointing nowhere (replaced at flush)
    const part = this.newTagPart();
    pkg.setText(part, `${XML_DECL}<p:tagLst ${PML_NS}><p:tag name="${BINDING_TAG}" val="${escapeXmlAttr(value)}"/></p:tagLst>`);
    this.newParts.push(part);
    let edits = this.pending.get(slidePart);
    if (!edits) this.pending.set(slidePart, (edits = new Map()));
    edits.set(shapeId, addRelationship(pkg, slidePart, TAGS_REL, part));
    return true;
  }

  /** Write the pending `p:tags` references into the slides and the content-type Overrides of the new parts. */
  flush(): void {
    const pkg = this.pkg;
    for (const [slidePart, edits] of this.pending) {
      const xml = pkg.text(slidePart);
      const pieces: string[] = [];
      let last = 0;
      const done = new Set<string>();
      for (const shape of this.shapesOn(slidePart)) {
        const rid = edits.get(shape.id);
        if (rid === undefined || done.has(shape.id)) continue;
        done.add(shape.id);
        pieces.push(xml.slice(last, shape.nvPr.start), withTagsReference(shape.nvPr.xml, rid));
        last = shape.nvPr.end;
      }
      pieces.push(xml.slice(last));
      pkg.setPieces(slidePart, pieces);
    }
    this.pending.clear();
    this.shapeCache.clear();
    if (this.newParts.length === 0) return;
    const known = parseContentTypes(pkg.text(CONTENT_TYPES)).overrides;
    const add = this.newParts.filter((p) => !known.has(p)).map((p) => `<Override PartName="/${p}" ContentType="${TAGS_CONTENT_TYPE}"/>`);
    if (add.length) pkg.edit(CONTENT_TYPES, (x) => x.replace('</Types>', `${add.join('')}</Types>`));
    this.newParts.length = 0;
  }
}

/** A shape's `p:nvPr` with `<p:tags r:id="rid"/>` in its custom data list (replacing a p:tags already there). */
function withTagsReference(nvPr: string, rid: string): string {
  const tags = `<p:tags r:id="${rid}"/>`;
  if (/<p:tags\b[^>]*\/>/.test(nvPr)) return nvPr.replace(/<p:tags\b[^>]*\/>/, tags);
  if (nvPr.includes('<p:custDataLst>')) return nvPr.replace('</p:custDataLst>', `${tags}</p:custDataLst>`);
  if (/^<p:nvPr\s*\/>$/.test(nvPr)) return `<p:nvPr><p:custDataLst>${tags}</p:custDataLst></p:nvPr>`;
  // CT_ApplicationNonVisualDrawingProps: ph?, media?, custDataLst?, extLst?
  const open = /^<p:nvPr(?:\s[^>]*)?>/.exec(nvPr)?.[0] ?? '<p:nvPr>';
  const inner = nvPr.slice(open.length).replace(/<\/p:nvPr>$/, '');
  const ext = inner.lastIndexOf('<p:extLst>');
  const list = `<p:custDataLst>${tags}</p:custDataLst>`;
  return `${open}${ext < 0 ? inner + list : inner.slice(0, ext) + list + inner.slice(ext)}</p:nvPr>`;
}

function withTag(tagLst: string, name: string, value: string): string {
  const tag = `<p:tag name="${name}" val="${escapeXmlAttr(value)}"/>`;
  let found = false;
  const out = tagLst.replace(/<p:tag\b[^>]*\/>|<p:tag\b[^>]*>[\s\S]*?<\/p:tag>/g, (t) => {
    if ((decodeXml(attr(t, 'name') ?? '')).toUpperCase() !== name) return t;
    found = true;
    return tag;
  });
  if (found) return out;
  return out.includes('</p:tagLst>') ? out.replace('</p:tagLst>', `${tag}</p:tagLst>`) : out.replace(/<p:tagLst\b([^>]*)\/>/, `<p:tagLst$1>${tag}</p:tagLst>`);
}

// ---------------------------------------------------------------------------------------------------------
// Reading shape bindings

/** A bound shape found in a deck. */
export interface TaggedShape {
  slidePart: string;
  /** the slide's number in the deck as it is now (1-based) */
  slideNumber: number;
  shapeId: string;
  name: string;
  binding: ShapeBinding;
}

function isBinding(x: unknown): x is ShapeBinding {
  const b = x as ShapeBinding;
  return typeof b === 'object' && b !== null && b.v === 1 && typeof b.slide === 'string' && typeof b.role === 'string' && typeof b.built === 'object' && b.built !== null;
}

/** Every shape with a binding tag, in slide order and document order within a slide. */
export function readShapeBindings(pkg: OoxmlPackage): TaggedShape[] {
  const out: TaggedShape[] = [];
  slidesInOrder(pkg).forEach((slidePart, i) => {
    if (!pkg.has(slidePart)) return;
    const xml = pkg.text(slidePart);
    if (!xml.includes('<p:custDataLst>')) return;
    const rels = new Map(relationshipsOf(pkg, slidePart).map((r) => [r.id, r] as const));
    for (const s of shapesOf(xml)) {
      const rid = tagsRelId(s.nvPr.xml);
      const rel = rid ? rels.get(rid) : undefined;
      if (!rel || rel.external || !pkg.has(rel.part)) continue;
      const value = parseTags(pkg.text(rel.part)).get(BINDING_TAG);
      if (value === undefined) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        continue;
      }
      if (isBinding(parsed)) out.push({ slidePart, slideNumber: i + 1, shapeId: s.id, name: s.name, binding: parsed });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The deck record (custom XML part)

function recordXml(record: DeckRecord): string {
  return `${XML_DECL}<kd:deck xmlns:kd="${DECK_RECORD_NS}" v="1"><kd:record>${escapeXmlText(JSON.stringify(record))}</kd:record></kd:deck>`;
}

/** The custom XML part holding the deck record, wherever it is related from. */
export function findRecordPart(pkg: OoxmlPackage): string | undefined {
  return pkg
    .names()
    .filter((n) => /^customXml\/[^/]+\.xml$/i.test(n) && !/itemProps/i.test(n))
    .find((n) => {
      const head = pkg.text(n).slice(0, 400);
      return head.includes(DECK_RECORD_NS);
    });
}

export function readDeckRecord(pkg: OoxmlPackage): DeckRecord | undefined {
  const part = findRecordPart(pkg);
  if (!part) return undefined;
  const m = /<kd:record>([\s\S]*?)<\/kd:record>/.exec(pkg.text(part));
  if (!m) return undefined;
  try {
    const r = JSON.parse(decodeXml(m[1])) as DeckRecord;
    return r && r.v === 1 && Array.isArray(r.slides) ? r : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Write the deck record: replace the existing record part's content, or add a new custom XML part (with its
 * properties part, related from the presentation) when there is none.
 */
export function writeDeckRecord(pkg: OoxmlPackage, record: DeckRecord): void {
  const existing = findRecordPart(pkg);
  if (existing) {
    pkg.setText(existing, recordXml(record));
    normaliseRecordRelationship(pkg, existing);
    return;
  }
  const item = `customXml/item${lastPartNumber(pkg, 'customXml/item', 'xml') + 1}.xml`;
  const props = item.replace(/item(\d+)\.xml$/, 'itemProps$1.xml');
  pkg.setText(item, recordXml(record));
  const guid = deterministicGuid(`kommunedeck:${record.deck.sha256}:${record.kommune}:${record.year}`);
  pkg.setText(
    props,
    `${XML_DECL.replace('standalone="yes"', 'standalone="no"')}<ds:datastoreItem ds:itemID="${guid}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${DECK_RECORD_NS}"/></ds:schemaRefs></ds:datastoreItem>`,
  );
  addRelationship(pkg, item, CUSTOM_XML_PROPS_REL, props);
  setOverride(pkg, props, CUSTOM_XML_PROPS_CONTENT_TYPE);
  addRelationship(pkg, PRESENTATION, CUSTOM_XML_REL, item);
}

/**
 * In PresentationML a custom XML part is related from the presentation part (the validator rejects it on the
 * package). LibreOffice writes the relationship into `_rels/.rels`, with a target above the package root: move it
 * back.
 */
export function normaliseRecordRelationship(pkg: OoxmlPackage, item: string): void {
  const fromPresentation = relationshipsOf(pkg, PRESENTATION).some((r) => r.type === CUSTOM_XML_REL && r.part === item);
  const rootRels = '_rels/.rels';
  if (pkg.has(rootRels)) {
    const root = relationshipsOf(pkg, '').filter((r) => r.type === CUSTOM_XML_REL && r.part === item);
    if (root.length) {
      const ids = new Set(root.map((r) => r.id));
      pkg.edit(rootRels, (xml) => xml.replace(/<Relationship\b[^>]*?\/>/g, (tag) => (ids.has(attr(tag, 'Id') ?? '') && attr(tag, 'Type') === CUSTOM_XML_REL ? '' : tag)));
    }
  }
  if (!fromPresentation && pkg.has(PRESENTATION)) addRelationship(pkg, PRESENTATION, CUSTOM_XML_REL, item);
  // an item's own rels listed as an Override (LibreOffice does) is harmless; a missing props content type is not
  for (const r of relationshipsOf(pkg, item)) {
    if (r.type === CUSTOM_XML_PROPS_REL && pkg.has(r.part)) {
      const ct = parseContentTypes(pkg.text(CONTENT_TYPES));
      if (ct.overrides.get(r.part) !== CUSTOM_XML_PROPS_CONTENT_TYPE) setOverride(pkg, r.part, CUSTOM_XML_PROPS_CONTENT_TYPE);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Build time

/**
 * Write the bindings of a freshly built deck: a tag on every bound shape, and the deck record. `record.slides[i]`
 * describes the i-th slide in presentation order (`index` = i + 1); shapes are found by their name. A binding
 * whose shape is not there (a renderer that draws it differently, e.g. a chart as a picture without the name) is
 * left out of the record too, so record and tags agree. Returns the bindings left out.
 */
export function writeBindings(pkg: OoxmlPackage, record: DeckRecord): ShapeBinding[] {
  const slides = slidesInOrder(pkg);
  const writer = new TagWriter(pkg);
  const missing: ShapeBinding[] = [];
  const kept: RecordSlide[] = record.slides.map((rs) => {
    const part = slides[rs.index - 1];
    if (!part || !pkg.has(part)) {
      missing.push(...rs.bindings);
      return { ...rs, bindings: [] };
    }
    const shapes = writer.shapesOn(part);
    const bindings = rs.bindings.filter((b) => {
      const shape = shapes.find((s) => s.name === b.shape);
      if (shape && writer.set(part, shape.id, b)) return true;
      missing.push(b);
      return false;
    });
    return { ...rs, bindings };
  });
  writer.flush();
  writeDeckRecord(pkg, missing.length ? { ...record, slides: kept } : record);
  return missing;
}
