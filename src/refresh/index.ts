/**
 * refresh(edited deck, current data) -> the same deck with new figures where kommunedeck put figures, and a report.
 *
 *   deck.pptx ──► bindings (shape tags; else the deck record's copy, re-found by slide title and shape name)
 *             ──► deck record ──► recompute (parse + resolve the recorded deck file, current data)
 *             ──► per bound shape: new figures where the shape still shows what was built ──► written atomically
 *
 * Only bound content changes: table cell text (run properties kept), chart caches, formulas and workbook cells,
 * bound texts (statement figure, commentary and other template texts that read figures). A text or cell the
 * consultant changed since the build is left as it is and reported; so is a table whose rows or columns were
 * changed, a deleted shape or slide, and a slide whose figures can no longer be computed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Dataset } from '../data/dataset';
import { datasetFor } from '../data/load';
import { UserError } from '../errors';
import { num } from '../format/bokmal';
import { OoxmlPackage, relationshipsOf } from '../render/package/opc';
import {
  BuiltContent,
  DeckRecord,
  ShapeBinding,
  TagWriter,
  TaggedShape,
  readDeckRecord,
  readShapeBindings,
  shapesOf,
  writeDeckRecord,
} from '../render/package/bindings';
import { slidesInOrder } from '../render/package/fixes/charts';
import { ensureWritableDir, writeFileAtomic } from '../util/atomic';
import { updateChart, sameNumber } from './chart';
import { dataHashOf } from './model';
import { bindingKey, recompute } from './recompute';
import { elementAround, innerOf, paragraphs, paragraphText, replaceParagraphText, setParagraphText } from './text';
import { editWorkbook } from './workbook';

export type ReportStatus = 'endret' | 'ikke oppdatert';

/** One line of the report: a figure that changed, or a binding that could not be applied and why. */
export interface ReportEntry {
  status: ReportStatus;
  /** the slide's number in the deck as it is now; null for a deleted slide */
  slide: number | null;
  /** the deck file's slide id (with the part of a continued table) */
  slideId: string;
  what: string;
  old: string;
  new: string;
  reason: string;
}

export interface RefreshOutcome {
  bytes: Uint8Array;
  entries: ReportEntry[];
  /** 'tags': bindings read from shape tags; 'record': tags were lost (LibreOffice) and shapes were re-found by slide title and name */
  mode: 'tags' | 'record';
  /** bound shapes found in the deck */
  bound: number;
  warnings: string[];
  record: DeckRecord;
}

const CHART_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/package';

const slideLabel = (b: { slide: string; part?: number }) => (b.part && b.part > 1 ? `${b.slide} (del ${b.part})` : b.slide);

function roleLabel(role: string): string {
  if (role === 'value') return 'tall';
  if (role === 'caption') return 'bildetekst';
  if (role === 'commentary') return 'kommentar';
  if (role === 'bullets') return 'punktliste';
  if (role.startsWith('column:')) return `kolonne ${role.slice(7)}`;
  if (role.startsWith('kpi:')) return `nøkkeltall ${role.slice(4)}`;
  if (role === 'table') return 'tabell';
  if (role === 'chart') return 'diagram';
  return role;
}

/** A number as bokmål, with as many decimals as it has (at most four). */
export function formatNumber(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const frac = String(v).split('.')[1]?.length ?? 0;
  return num(v, Math.min(4, frac));
}

const sameContent = (a: BuiltContent, b: BuiltContent): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What applying one binding did: the content it now records as built, and report lines. */
interface Applied {
  built: BuiltContent;
  entries: Omit<ReportEntry, 'slide' | 'slideId'>[];
}

const notApplied = (what: string, old: string, nw: string, reason: string): Omit<ReportEntry, 'slide' | 'slideId'> => ({ status: 'ikke oppdatert', what, old, new: nw, reason });
const changed = (what: string, old: string, nw: string): Omit<ReportEntry, 'slide' | 'slideId'> => ({ status: 'endret', what, old, new: nw, reason: '' });

/** The shape's element (p:sp, p:graphicFrame, p:pic) in the slide XML. */
function shapeElement(xml: string, shapeId: string): { start: number; end: number; tag: string } | undefined {
  const s = shapesOf(xml).find((x) => x.id === shapeId);
  if (!s) return undefined;
  // the innermost shape element that starts before the cNvPr: the nearest opening tag of any kind
  const before = xml.slice(0, s.at);
  const candidates = ['p:sp', 'p:graphicFrame', 'p:pic', 'p:cxnSp', 'p:grpSp']
    .map((tag) => ({ tag, at: Math.max(before.lastIndexOf(`<${tag}>`), before.lastIndexOf(`<${tag} `)) }))
    .filter((c) => c.at >= 0)
    .sort((a, b) => b.at - a.at);
  const tag = candidates[0]?.tag;
  if (!tag) return undefined;
  const el = elementAround(xml, s.at, tag);
  return el ? { ...el, tag } : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Text shapes (statement figure, caption, commentary, bullets, columns, KPI figures)

function applyText(spXml: string, built: Extract<BuiltContent, { kind: 'text' }>, next: Extract<BuiltContent, { kind: 'text' }>, role: string): { xml: string } & Applied {
  const label = roleLabel(role);
  const body = innerOf(spXml, 'p:txBody');
  const entries: Applied['entries'] = [];
  const B = built.paragraphs;
  const N = next.paragraphs;
  const bound = new Set([...built.bound, ...next.bound]);
  const differs = N.length !== B.length || [...bound].some((i) => N[i] !== B[i]);
  if (!differs) return { xml: spXml, built, entries };
  if (!body) return { xml: spXml, built, entries: [notApplied(label, '', N.join(' / '), 'figuren har ikke tekst lenger')] };
  const ps = paragraphs(body.inner);
  const C = ps.map((p) => p.text);
  const whatOf = (i: number) => (B.length > 1 || N.length > 1 ? `${label}, punkt ${i + 1}` : label);
  if (N.length !== B.length || C.length !== B.length) {
    // a list that grew or shrank in the data, or a text whose paragraphs the consultant changed
    const asBuilt = C.length === B.length && C.every((c, i) => c === B[i]);
    if (!asBuilt) return { xml: spXml, built, entries: [notApplied(label, C.join(' / '), N.join(' / '), 'teksten er endret etter byggingen og er latt stå')] };
    const parts = N.map((t, i) => setParagraphText(ps[Math.min(i, ps.length - 1)].xml, t));
    const first = ps[0];
    const last = ps[ps.length - 1];
    const inner = body.inner.slice(0, first.start) + parts.join('') + body.inner.slice(last.end);
    entries.push(changed(label, B.join(' / '), N.join(' / ')));
    return { xml: spXml.slice(0, body.start) + inner + spXml.slice(body.end), built: next, entries };
  }
  let inner = body.inner;
  const mergedParagraphs = [...B];
  const mergedBound = [...new Set([...built.bound, ...next.bound])].sort((a, b) => a - b);
  for (let i = ps.length - 1; i >= 0; i--) {
    if (!bound.has(i) || N[i] === B[i]) continue;
    if (C[i] !== B[i]) {
      entries.unshift(notApplied(whatOf(i), C[i], N[i], 'teksten er endret etter byggingen og er latt stå'));
      continue;
    }
    const p = replaceParagraphText(ps[i].xml, B[i], N[i]);
    if (p === undefined) {
      entries.unshift(notApplied(whatOf(i), C[i], N[i], 'teksten kunne ikke skrives om'));
      continue;
    }
    inner = inner.slice(0, ps[i].start) + p + inner.slice(ps[i].end);
    mergedParagraphs[i] = N[i];
    entries.unshift(changed(whatOf(i), B[i], N[i]));
  }
  return { xml: spXml.slice(0, body.start) + inner + spXml.slice(body.end), built: { kind: 'text', paragraphs: mergedParagraphs, bound: mergedBound }, entries };
}

// ---------------------------------------------------------------------------------------------------------
// Tables

const CELL_RE = /<a:tc\b[^>]*?(?:\/>|>[\s\S]*?<\/a:tc>)/g;

function cellTextOf(tc: string): string {
  const body = innerOf(tc, 'a:txBody');
  if (!body) return ' ';
  const t = paragraphs(body.inner)
    .map((p) => p.text)
    .join('\n');
  return t === '' ? ' ' : t;
}

function applyTable(frame: string, built: Extract<BuiltContent, { kind: 'table' }>, next: Extract<BuiltContent, { kind: 'table' }>): { xml: string } & Applied {
  const B = built.cells;
  const N = next.cells;
  const entries: Applied['entries'] = [];
  const shapeOf = (t: string[][]) => `${t.length} rader × ${t[0]?.length ?? 0} kolonner`;
  if (N.length !== B.length || N.some((r, i) => r.length !== B[i]?.length)) {
    return { xml: frame, built, entries: [notApplied('tabell', shapeOf(B), shapeOf(N), `tallene har nå ${shapeOf(N)} (tabellen ble bygget med ${shapeOf(B)}); bygg lysbildet på nytt`)] };
  }
  if (N.every((r, i) => r.every((c, j) => c === B[i][j]))) return { xml: frame, built, entries };
  const tbl = innerOf(frame, 'a:tbl');
  if (!tbl) return { xml: frame, built, entries: [notApplied('tabell', '', '', 'figuren er ikke en tabell lenger')] };
  const rows = [...tbl.inner.matchAll(/<a:tr\b[^>]*>[\s\S]*?<\/a:tr>/g)].map((m) => ({ start: m.index ?? 0, xml: m[0], cells: [...m[0].matchAll(CELL_RE)].map((c) => ({ start: c.index ?? 0, xml: c[0] })) }));
  const grid = (tbl.inner.match(/<a:gridCol\b/g) ?? []).length;
  if (rows.length !== B.length || rows.some((r, i) => r.cells.length !== B[i].length) || grid !== B[0].length) {
    const cur = `${rows.length} rader × ${grid} kolonner`;
    return { xml: frame, built, entries: [notApplied('tabell', cur, shapeOf(N), `tabellens rader eller kolonner er endret etter byggingen (${cur}, bygget med ${shapeOf(B)}); tallene er ikke oppdatert`)] };
  }
  const merged = B.map((r) => [...r]);
  const label = (i: number, j: number) => (i === 0 ? `tabell, overskrift i kolonne ${j + 1}` : `tabell, rad «${N[i][0].trim() || B[i][0].trim() || i}», kolonne «${N[0][j].trim() || j + 1}»`);
  let inner = tbl.inner;
  for (let i = rows.length - 1; i >= 0; i--) {
    let row = rows[i].xml;
    for (let j = rows[i].cells.length - 1; j >= 0; j--) {
      if (N[i][j] === B[i][j]) continue;
      const cell = rows[i].cells[j];
      const cur = cellTextOf(cell.xml);
      if (cur !== B[i][j]) {
        entries.unshift(notApplied(label(i, j), cur, N[i][j], 'cellen er endret etter byggingen og er latt stå'));
        continue;
      }
      const body = innerOf(cell.xml, 'a:txBody');
      const p = body ? paragraphs(body.inner)[0] : undefined;
      const oldText = p ? p.text : '';
      const newP = p ? replaceParagraphText(p.xml, oldText, N[i][j] === ' ' && oldText === '' ? '' : N[i][j]) : undefined;
      if (!body || !p || newP === undefined) {
        entries.unshift(notApplied(label(i, j), cur, N[i][j], 'cellen kunne ikke skrives om'));
        continue;
      }
      const newBody = body.inner.slice(0, p.start) + newP + body.inner.slice(p.end);
      const newCell = cell.xml.slice(0, body.start) + newBody + cell.xml.slice(body.end);
      row = row.slice(0, cell.start) + newCell + row.slice(cell.start + cell.xml.length);
      merged[i][j] = N[i][j];
      const signFlip = /^[-−]/.test(B[i][j].trim()) !== /^[-−]/.test(N[i][j].trim()) && /\d/.test(B[i][j]) && /\d/.test(N[i][j]);
      entries.unshift({ ...changed(label(i, j), B[i][j], N[i][j]), reason: signFlip ? 'fortegnet er endret: sjekk fargen på tallet' : '' });
    }
    inner = inner.slice(0, rows[i].start) + row + inner.slice(rows[i].start + rows[i].xml.length);
  }
  return { xml: frame.slice(0, tbl.start) + inner + frame.slice(tbl.end), built: { kind: 'table', cells: merged }, entries };
}

// ---------------------------------------------------------------------------------------------------------

interface Context {
  pkg: OoxmlPackage;
  date: Date;
}

function applyChart(ctx: Context, slidePart: string, frame: string, built: Extract<BuiltContent, { kind: 'chart' }>, next: Extract<BuiltContent, { kind: 'chart' }>): Applied {
  if (sameContent(built, next)) return { built, entries: [] };
  const rid = /<c:chart\b[^>]*\br:id="([^"]*)"/.exec(frame)?.[1];
  const rel = rid ? relationshipsOf(ctx.pkg, slidePart).find((r) => r.id === rid && r.type === CHART_REL) : undefined;
  if (!rel || !ctx.pkg.has(rel.part)) return { built, entries: [notApplied('diagram', '', '', 'figuren er ikke et redigerbart diagram (et bilde, eller diagrammet mangler); bygg lysbildet på nytt')] };
  const up = updateChart(ctx.pkg.text(rel.part), built, next, formatNumber);
  if ('error' in up) return { built, entries: [notApplied('diagram', '', '', up.error)] };
  ctx.pkg.setText(rel.part, up.xml);
  const entries: Applied['entries'] = [...up.changes.map((c) => changed(c.what, c.old, c.new)), ...up.kept.map((k) => notApplied(k.what, k.old, k.new, k.reason))];
  if (up.writes.length || up.clears.length) {
    const book = relationshipsOf(ctx.pkg, rel.part).find((r) => r.type === PACKAGE_REL && !r.external && ctx.pkg.has(r.part));
    if (book) {
      const bytes = editWorkbook(ctx.pkg.bytes(book.part), { writes: up.writes, clears: up.clears, renames: up.renames, lastRow: up.lastRow }, ctx.date);
      if (bytes) ctx.pkg.setBytes(book.part, bytes);
      else entries.push(notApplied('diagram, innebygd arbeidsbok', '', '', 'arbeidsboken bak diagrammet kunne ikke leses; «Rediger data» viser de gamle tallene'));
    }
  }
  return { built: up.built, entries };
}

function applyKpi(spXml: string, built: Extract<BuiltContent, { kind: 'kpi' }>, next: Extract<BuiltContent, { kind: 'kpi' }>, role: string): { xml: string } & Applied {
  if (built.actual === next.actual && built.met === next.met) return { xml: spXml, built, entries: [] };
  const label = roleLabel(role);
  if (built.met !== next.met) {
    const state = (m: boolean | null) => (m === null ? 'mangler data' : m ? 'nådd' : 'ikke nådd');
    return { xml: spXml, built, entries: [notApplied(label, built.actual, next.actual, `målet er nå ${state(next.met)} (var ${state(built.met)}); kortets farge og merke følger ikke med – bygg lysbildet på nytt`)] };
  }
  const r = applyText(spXml, { kind: 'text', paragraphs: [built.actual], bound: [0] }, { kind: 'text', paragraphs: [next.actual], bound: [0] }, role);
  const applied = r.built.kind === 'text' && r.built.paragraphs[0] === next.actual;
  return { xml: r.xml, built: applied ? next : built, entries: r.entries };
}

/** Apply one binding to its shape; returns the content to record and the report lines. */
function applyBinding(ctx: Context, t: TaggedShape, next: ShapeBinding): Applied {
  const xml = ctx.pkg.text(t.slidePart);
  const el = shapeElement(xml, t.shapeId);
  const built = t.binding.built;
  if (!el) return { built, entries: [notApplied(roleLabel(t.binding.role), '', '', 'fant ikke figuren')] };
  const shape = xml.slice(el.start, el.end);
  const put = (s: string) => ctx.pkg.setText(t.slidePart, xml.slice(0, el.start) + s + xml.slice(el.end));
  const nb = next.built;
  if (built.kind !== nb.kind) return { built, entries: [notApplied(roleLabel(t.binding.role), '', '', 'figuren viser nå en annen type innhold; bygg lysbildet på nytt')] };
  switch (built.kind) {
    case 'text': {
      if (el.tag !== 'p:sp') return { built, entries: [notApplied(roleLabel(t.binding.role), '', '', 'figuren er ikke en tekstboks lenger')] };
      const r = applyText(shape, built, nb as typeof built, t.binding.role);
      if (r.xml !== shape) put(r.xml);
      return r;
    }
    case 'kpi': {
      if (el.tag !== 'p:sp') return { built, entries: [notApplied(roleLabel(t.binding.role), '', '', 'figuren er ikke en tekstboks lenger')] };
      const r = applyKpi(shape, built, nb as typeof built, t.binding.role);
      if (r.xml !== shape) put(r.xml);
      return r;
    }
    case 'table': {
      if (el.tag !== 'p:graphicFrame') return { built, entries: [notApplied('tabell', '', '', 'figuren er ikke en tabell lenger')] };
      const r = applyTable(shape, built, nb as typeof built);
      if (r.xml !== shape) put(r.xml);
      return r;
    }
    case 'chart':
      if (el.tag !== 'p:graphicFrame') return sameContent(built, nb) ? { built, entries: [] } : { built, entries: [notApplied('diagram', '', '', 'diagrammet er et bilde, ikke et redigerbart diagram; bygg lysbildet på nytt')] };
      return applyChart(ctx, t.slidePart, shape, built, nb as typeof built);
  }
}

/** Text of the slide's title shape (kd-title), for finding slides again when tags are lost. */
function titleOf(xml: string): string | undefined {
  const s = shapesOf(xml).find((x) => x.name === 'kd-title');
  if (!s) return undefined;
  const el = elementAround(xml, s.at, 'p:sp');
  const body = el ? innerOf(xml.slice(el.start, el.end), 'p:txBody') : undefined;
  return body ? paragraphs(body.inner).map((p) => paragraphText(p.xml)).join('\n') : undefined;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The deck lost its tags (LibreOffice drops them): find each built slide again by its title (in order, so a
 * repeated title matches the next one) and its shapes by name.
 */
function rebindByTitle(pkg: OoxmlPackage, record: DeckRecord): TaggedShape[] {
  const out: TaggedShape[] = [];
  const used = new Set<number>();
  slidesInOrder(pkg).forEach((part, i) => {
    if (!pkg.has(part)) return;
    const xml = pkg.text(part);
    const title = titleOf(xml);
    if (title === undefined) return;
    const rs = record.slides.find((s, k) => !used.has(k) && s.bindings.length > 0 && norm(s.title) === norm(title));
    if (!rs) return;
    used.add(record.slides.indexOf(rs));
    const shapes = shapesOf(xml);
    for (const b of rs.bindings) {
      const s = shapes.find((x) => x.name === b.shape);
      if (s) out.push({ slidePart: part, slideNumber: i + 1, shapeId: s.id, name: s.name, binding: b });
    }
  });
  return out;
}

/** A commentary the comments file appended to: the refreshed generated text, then the appended text as written. */
function withSuffix(next: ShapeBinding | undefined, suffix: string | undefined): ShapeBinding | undefined {
  if (!next || suffix === undefined || next.built.kind !== 'text') return next;
  const ps = [...next.built.paragraphs];
  ps[ps.length - 1] = `${ps[ps.length - 1]} ${suffix}`;
  return { ...next, suffix, built: { ...next.built, paragraphs: ps } };
}

/** Refresh a deck's bytes against a dataset: the new bytes and the report. */
export function refreshPackage(bytes: Uint8Array, dataset: Dataset): RefreshOutcome {
  let pkg: OoxmlPackage;
  try {
    pkg = OoxmlPackage.fromZip(bytes);
  } catch (e) {
    throw new UserError(`filen er ikke en PowerPoint-presentasjon (.pptx): ${(e as Error).message}`, 'NOT_PPTX');
  }
  if (!pkg.has('ppt/presentation.xml')) throw new UserError('filen er ikke en PowerPoint-presentasjon (.pptx): ppt/presentation.xml mangler', 'NOT_PPTX');
  const record = readDeckRecord(pkg);
  let tagged = readShapeBindings(pkg);
  if (!record) {
    throw new UserError(
      tagged.length
        ? 'presentasjonen har bindinger på figurene, men mangler oppskriften (kommunedeck-delen customXml) som trengs for å regne tallene ut på nytt; bygg den på nytt med kommunedeck build'
        : 'presentasjonen har ingen kommunedeck-bindinger: den er ikke bygget med kommunedeck (eller med en eldre versjon uten refresh). Bygg den på nytt med kommunedeck build',
      'NO_BINDINGS',
    );
  }
  const mode: RefreshOutcome['mode'] = tagged.length ? 'tags' : 'record';
  if (mode === 'record') tagged = rebindByTitle(pkg, record);
  const warnings: string[] = [];
  if (mode === 'record') warnings.push('figurene i presentasjonen har mistet bindingene sine (LibreOffice fjerner dem ved lagring); lysbildene er funnet igjen på tittel og figurnavn, og bindingene er lagt inn på nytt');
  const re = recompute(record, dataset);
  warnings.push(...re.warnings);
  const ctx: Context = { pkg, date: new Date(record.date) };
  const entries: ReportEntry[] = [];
  const writer = new TagWriter(pkg);
  const appliedBuilt = new Map<string, ShapeBinding>();
  const seen = new Set<string>();
  for (const t of tagged) {
    const b = t.binding;
    const key = bindingKey(b);
    seen.add(key);
    const at = { slide: t.slideNumber, slideId: slideLabel(b) };
    const next = withSuffix(re.byKey.get(key), b.suffix);
    let result: Applied;
    if (b.kommune !== record.kommune) {
      result = { built: b.built, entries: [notApplied(roleLabel(b.role), '', '', `figuren er kopiert fra en presentasjon om kommune ${b.kommune}; denne gjelder ${record.kommune}`)] };
    } else if (!next) {
      const reason = re.dropped.get(b.slide);
      const leftOut = re.model.warnings.find((w) => w.includes(`(${b.slide}) er utelatt`));
      const why = reason
        ? `lysbildet kan ikke regnes ut lenger: ${reason}`
        : leftOut
          ? leftOut
          : re.model.slides.some((s) => s.id === b.slide)
            ? 'figuren viser ingen tall lenger i presentasjonsfilen'
            : 'lysbildet finnes ikke lenger i presentasjonsfilen';
      result = { built: b.built, entries: [notApplied(roleLabel(b.role), '', '', why)] };
    } else if (next.year !== b.year) {
      // year: latest moved to another year: the figures would no longer match the slide's title, source and notes
      const why = `lysbildet gjelder nå ${next.year} (bygget for ${b.year}, year: latest); tittel, kilde og notater ville ikke passe til de nye tallene – bygg lysbildet på nytt`;
      result = { built: b.built, entries: sameContent(next.built, b.built) ? [] : [notApplied(roleLabel(b.role), '', '', why)] };
    } else {
      result = applyBinding(ctx, t, next);
    }
    for (const e of result.entries) entries.push({ ...at, ...e });
    const updated: ShapeBinding = next && !sameContent(result.built, b.built) ? { ...b, year: next.year, metrics: next.metrics, hash: sameContent(result.built, next.built) ? next.hash : b.hash, built: result.built } : b;
    if (mode === 'record' || updated !== b) writer.set(t.slidePart, t.shapeId, updated);
    if (!appliedBuilt.has(key)) appliedBuilt.set(key, updated);
  }
  writer.flush();
  // bindings of the deck as built that no shape carries any more: deleted shapes and slides
  const slidesLeft = new Set(tagged.map((t) => `${t.binding.slide}|${t.binding.part ?? 1}`));
  for (const rs of record.slides) {
    for (const b of rs.bindings) {
      const key = bindingKey(b);
      if (seen.has(key)) continue;
      const next = withSuffix(re.byKey.get(key), b.suffix);
      if (!next || sameContent(next.built, b.built)) continue;
      const gone = slidesLeft.has(`${b.slide}|${b.part ?? 1}`)
        ? 'figuren er slettet'
        : mode === 'record'
          ? 'fant ikke lysbildet igjen (tittelen er endret, eller lysbildet er slettet)'
          : 'lysbildet er slettet';
      entries.push({ slide: null, slideId: slideLabel(b), ...notApplied(roleLabel(b.role), '', '', `${gone}; de nye tallene er ikke satt inn noe sted`) });
    }
  }
  // the record follows: new built contents where applied
  const slides = record.slides.map((rs) => ({ ...rs, bindings: rs.bindings.map((b) => appliedBuilt.get(bindingKey(b)) ?? b) }));
  const newRecord: DeckRecord = { ...record, slides, dataHash: dataHashOf(slides) };
  writeDeckRecord(pkg, newRecord);
  const out = pkg.toZip({ date: ctx.date, level: 6 });
  return { bytes: out, entries, mode, bound: tagged.length, warnings, record: newRecord };
}

// ---------------------------------------------------------------------------------------------------------
// Files

export interface RefreshOptions {
  file: string;
  dataDir?: string;
  dataset?: Dataset;
  /** output file; default `<name>-oppdatert.pptx` beside the input */
  out?: string;
  /** write over the input, keeping `<name>.bak.pptx` */
  inPlace?: boolean;
  /** write the report as CSV here */
  report?: string;
}

export interface RefreshResult extends RefreshOutcome {
  out: string;
  backup?: string;
}

export function defaultOutput(file: string): string {
  const dir = path.dirname(file);
  return path.join(dir, `${path.basename(file).replace(/\.pptx$/i, '')}-oppdatert.pptx`);
}

export function backupName(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file).replace(/\.pptx$/i, '')}.bak.pptx`);
}

/** Refresh a deck file: reads it, recomputes, writes the result (and the report) atomically. */
export function refreshDeck(opts: RefreshOptions): RefreshResult {
  if (opts.out !== undefined && opts.inPlace) throw new UserError('bruk enten --out eller --in-place, ikke begge', 'BAD_OPTIONS');
  if (!/\.pptx$/i.test(opts.file)) throw new UserError(`${opts.file}: forventet en .pptx-fil`, 'NOT_PPTX');
  if (opts.out !== undefined && !/\.pptx$/i.test(opts.out)) throw new UserError(`--out ${opts.out}: forventet en .pptx-fil`, 'BAD_OUT');
  let input: Uint8Array;
  try {
    input = fs.readFileSync(opts.file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `fant ikke ${opts.file}` : `kan ikke lese ${opts.file} (${code})`, 'NO_DECK');
  }
  const dataset = datasetFor(opts);
  const outcome = refreshPackage(input, dataset);
  const out = opts.inPlace ? opts.file : (opts.out ?? defaultOutput(opts.file));
  let backup: string | undefined;
  // every target is checked before anything is written
  ensureWritableDir(path.dirname(out));
  if (opts.report) ensureWritableDir(path.dirname(opts.report));
  if (opts.inPlace) {
    backup = backupName(opts.file);
    writeFileAtomic(backup, input);
  }
  writeFileAtomic(out, outcome.bytes);
  if (opts.report) writeFileAtomic(opts.report, reportCsv(outcome.entries));
  return { ...outcome, out, backup };
}

// ---------------------------------------------------------------------------------------------------------
// The report

function csvField(s: string | number | null): string {
  const t = s === null ? '' : String(s);
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export const REPORT_HEADER = ['status', 'lysbilde', 'lysbilde_id', 'hva', 'gammelt', 'nytt', 'merknad'];

/** The report as CSV (comma-separated, UTF-8): one row per changed figure or binding not applied. */
export function reportCsv(entries: ReportEntry[]): string {
  const rows = entries.map((e) => [e.status, e.slide, e.slideId, e.what, e.old, e.new, e.reason].map(csvField).join(','));
  return [REPORT_HEADER.join(','), ...rows].join('\n') + '\n';
}

/** The report as lines for the terminal. */
export function reportLines(entries: ReportEntry[]): string[] {
  const where = (e: ReportEntry) => (e.slide === null ? `(slettet) ${e.slideId}` : `lysbilde ${e.slide} (${e.slideId})`);
  const changes = entries.filter((e) => e.status === 'endret');
  const skipped = entries.filter((e) => e.status === 'ikke oppdatert');
  const lines: string[] = [];
  if (changes.length) {
    lines.push(`Endret (${changes.length}):`);
    for (const e of changes) lines.push(`  ${where(e)}, ${e.what}: ${e.old} → ${e.new}${e.reason ? ` (${e.reason})` : ''}`);
  } else lines.push('Ingen tall er endret.');
  if (skipped.length) {
    lines.push(`Ikke oppdatert (${skipped.length}):`);
    for (const e of skipped) lines.push(`  ${where(e)}, ${e.what}: ${e.reason}${e.old || e.new ? ` [i presentasjonen: ${e.old || '–'}; nytt tall: ${e.new || '–'}]` : ''}`);
  }
  return lines;
}

export { sameNumber };
