/**
 * The workbook embedded behind a native chart (ppt/embeddings/*.xlsx): PowerPoint's "Edit data" opens it, and a
 * chart whose caches and workbook disagree shows the workbook's numbers as soon as someone does. Refresh writes
 * the cells the chart's series refer to (`c:f`, e.g. `Sheet1!$B$2:$B$5`), and nothing else.
 */
import { attr, escapeXmlAttr, escapeXmlText, relationshipsOf, OoxmlPackage } from '../render/package/opc';
import { decodeXml } from '../render/package/bindings';
import { entryOrder, unzipEntries, zipEntries } from '../render/package/zip';

export interface CellWrite {
  sheet: string;
  /** A1 reference without $ */
  ref: string;
  /** a number, a text, or null for an empty cell */
  value: string | number | null;
}

/** A parsed formula `Sheet1!$B$2:$B$5`: sheet name and a rectangle (1-based rows and columns). */
export interface Range {
  sheet: string;
  c1: number;
  r1: number;
  c2: number;
  r2: number;
}

export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function colLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function parseRange(formula: string | undefined): Range | undefined {
  if (!formula) return undefined;
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(formula.trim());
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const c1 = colNumber(m[3]);
  const r1 = Number(m[4]);
  return { sheet, c1, r1, c2: m[5] ? colNumber(m[5]) : c1, r2: m[6] ? Number(m[6]) : r1 };
}

export function formatRange(r: Range): string {
  const sheet = /^[A-Za-z0-9_]+$/.test(r.sheet) ? r.sheet : `'${r.sheet.replace(/'/g, "''")}'`;
  const a = `$${colLetters(r.c1)}$${r.r1}`;
  const b = `$${colLetters(r.c2)}$${r.r2}`;
  return r.c1 === r.c2 && r.r1 === r.r2 ? `${sheet}!${a}` : `${sheet}!${a}:${b}`;
}

/** The cells of a range, in order (down a column, or along a row). */
export function cellsOf(r: Range): string[] {
  const out: string[] = [];
  for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) out.push(`${colLetters(col)}${row}`);
  return out;
}

/** A one-column (or one-row) range resized to `n` cells, keeping its start. */
export function resize(r: Range, n: number): Range {
  if (r.c1 === r.c2) return { ...r, r2: r.r1 + Math.max(1, n) - 1 };
  return { ...r, c2: r.c1 + Math.max(1, n) - 1 };
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function refParts(ref: string): { col: number; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  return m ? { col: colNumber(m[1]), row: Number(m[2]) } : { col: 0, row: 0 };
}

/** Shared strings: the list, and a function giving the index of a text (appended when new). */
function sharedStrings(xml: string | undefined): { list: string[]; index: (s: string) => number; xml: () => string | undefined } {
  if (xml === undefined) return { list: [], index: () => -1, xml: () => undefined };
  const items = [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => m[0]);
  const list = items.map((si) => [...si.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((t) => decodeXml(t[1])).join(''));
  const added: string[] = [];
  return {
    list,
    index: (s: string) => {
      const i = list.indexOf(s);
      if (i >= 0) return i;
      list.push(s);
      added.push(s);
      return list.length - 1;
    },
    xml: () => {
      if (added.length === 0) return xml;
      const more = added.map((s) => `<si><t xml:space="preserve">${escapeXmlText(s)}</t></si>`).join('');
      const withItems = xml.includes('</sst>') ? xml.replace('</sst>', `${more}</sst>`) : xml.replace(/<sst\b([^>]*)\/>/, `<sst$1>${more}</sst>`);
      return withItems.replace(/(<sst\b[^>]*\suniqueCount=")\d+"/, `$1${list.length}"`);
    },
  };
}

function setCellInRow(rowXml: string, ref: string, cell: string): string {
  const re = new RegExp(`<c\\b[^>]*\\sr="${ref}"[^>]*?(?:\\/>|>[\\s\\S]*?<\\/c>)`);
  if (re.test(rowXml)) return rowXml.replace(re, cell);
  // insert in column order
  const col = refParts(ref).col;
  const cells = [...rowXml.matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)];
  const after = cells.find((m) => refParts(attr(m[0], 'r') ?? '').col > col);
  if (after) return rowXml.slice(0, after.index) + cell + rowXml.slice(after.index);
  if (/\/>$/.test(rowXml) && !rowXml.includes('</row>')) return rowXml.replace(/\/>$/, `>${cell}</row>`);
  return rowXml.replace(/<\/row>$/, `${cell}</row>`);
}

/** Write cells into a worksheet's XML. */
function writeCells(sheet: string, writes: CellWrite[], ss: ReturnType<typeof sharedStrings>): string {
  let xml = sheet;
  for (const w of writes) {
    const { row } = refParts(w.ref);
    const existing = new RegExp(`<c\\b[^>]*\\sr="${w.ref}"[^>]*?(?:\\/>|>[\\s\\S]*?<\\/c>)`).exec(xml)?.[0];
    const style = existing ? attr(existing, 's') : undefined;
    const s = style !== undefined ? ` s="${style}"` : '';
    let cell: string;
    if (w.value === null) cell = `<c r="${w.ref}"${s}/>`;
    else if (typeof w.value === 'number') cell = `<c r="${w.ref}"${s}><v>${Number.isFinite(w.value) ? String(w.value) : 0}</v></c>`;
    else {
      const i = ss.index(w.value);
      cell = i >= 0 ? `<c r="${w.ref}"${s} t="s"><v>${i}</v></c>` : `<c r="${w.ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXmlText(w.value)}</t></is></c>`;
    }
    const rowRe = new RegExp(`<row\\b[^>]*\\sr="${row}"[^>]*?(?:\\/>|>[\\s\\S]*?<\\/row>)`);
    const rowMatch = rowRe.exec(xml);
    if (rowMatch) {
      // spans is an optional hint; a row that grows would contradict it
      const rowXml = setCellInRow(rowMatch[0].replace(/\sspans="[^"]*"/, ''), w.ref, cell);
      xml = xml.slice(0, rowMatch.index) + rowXml + xml.slice((rowMatch.index ?? 0) + rowMatch[0].length);
    } else {
      const newRow = `<row r="${row}">${cell}</row>`;
      const rows = [...xml.matchAll(/<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g)];
      const after = rows.find((m) => Number(attr(m[0], 'r')) > row);
      if (after) xml = xml.slice(0, after.index) + newRow + xml.slice(after.index);
      else if (xml.includes('</sheetData>')) xml = xml.replace('</sheetData>', `${newRow}</sheetData>`);
      else xml = xml.replace(/<sheetData\s*\/>/, `<sheetData>${newRow}</sheetData>`);
    }
  }
  // the used range
  let maxCol = 1;
  let maxRow = 1;
  for (const m of xml.matchAll(/<c\b[^>]*\sr="([A-Z]+)(\d+)"/g)) {
    maxCol = Math.max(maxCol, colNumber(m[1]));
    maxRow = Math.max(maxRow, Number(m[2]));
  }
  return xml.replace(/(<dimension\b[^>]*\sref=")[^"]*"/, `$1A1:${colLetters(maxCol)}${maxRow}"`);
}

export interface WorkbookEdit {
  writes: CellWrite[];
  /** cells to clear (a range that shrank) */
  clears?: CellWrite[];
  /** series renamed: table column names follow the header cells */
  renames?: { from: string; to: string }[];
  /** the last row of the data when the number of categories changed: the sheet's table is resized to it */
  lastRow?: number;
}

/**
 * Apply cell writes to an embedded workbook; returns the new workbook bytes (entries stored, as the finishing
 * stage writes them), or undefined when the bytes are not a workbook this code understands.
 */
export function editWorkbook(bytes: Uint8Array, edit: WorkbookEdit, date: Date): Uint8Array | undefined {
  let files: Map<string, Uint8Array>;
  try {
    files = new Map(unzipEntries(bytes));
  } catch {
    return undefined;
  }
  const text = (n: string) => (files.has(n) ? decoder.decode(files.get(n)) : undefined);
  const pkg = new OoxmlPackage();
  for (const [n, b] of files) pkg.setBytes(n, b);
  const workbook = 'xl/workbook.xml';
  const wbXml = text(workbook);
  if (!wbXml) return undefined;
  const rels = relationshipsOf(pkg, workbook);
  const sheetPart = (name: string): string | undefined => {
    const sheet = [...wbXml.matchAll(/<sheet\b[^>]*\/>/g)].map((m) => m[0]).find((t) => decodeXml(attr(t, 'name') ?? '') === name);
    const rid = sheet ? /\sr:id="([^"]*)"/.exec(sheet)?.[1] : undefined;
    return rels.find((r) => r.id === rid)?.part;
  };
  const ssPart = rels.find((r) => /\/sharedStrings$/.test(r.type))?.part;
  const ss = sharedStrings(ssPart ? text(ssPart) : undefined);
  const bySheet = new Map<string, CellWrite[]>();
  for (const w of [...(edit.clears ?? []).map((c) => ({ ...c, value: null })), ...edit.writes]) {
    const list = bySheet.get(w.sheet) ?? [];
    list.push(w);
    bySheet.set(w.sheet, list);
  }
  for (const [sheet, writes] of bySheet) {
    const part = sheetPart(sheet);
    const xml = part ? text(part) : undefined;
    if (!part || xml === undefined) return undefined;
    const out = writeCells(xml, writes, ss);
    files.set(part, encoder.encode(out));
    // table parts of the sheet: their range follows the data when it grew or shrank, their column names the header cells
    for (const r of relationshipsOf(pkg, part).filter((x) => /\/table$/.test(x.type))) {
      const t = text(r.part);
      if (t === undefined) continue;
      let nt = t;
      if (edit.lastRow !== undefined) {
        nt = nt.replace(/(<table\b[^>]*\sref=")([A-Z]+\d+):([A-Z]+)\d+[^"]*"/, (_all, head: string, from: string, col: string) => `${head}${from}:${col}${edit.lastRow}"`);
      }
      for (const rn of edit.renames ?? []) {
        nt = nt.replace(/<tableColumn\b[^>]*\/>/g, (tag) => (decodeXml(attr(tag, 'name') ?? '') === rn.from ? tag.replace(/\sname="[^"]*"/, ` name="${escapeXmlAttr(rn.to)}"`) : tag));
      }
      if (nt !== t) files.set(r.part, encoder.encode(nt));
    }
  }
  if (ssPart) {
    const x = ss.xml();
    if (x !== undefined) {
      const refs = [...files.entries()]
        .filter(([n]) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))
        .reduce((a, [, b]) => a + (decoder.decode(b).match(/\st="s"/g) ?? []).length, 0);
      files.set(ssPart, encoder.encode(x.replace(/(<sst\b[^>]*\scount=")\d+"/, `$1${refs}"`)));
    }
  }
  const names = entryOrder([...files.keys()]);
  return zipEntries(
    names.map((n) => [n, files.get(n) as Uint8Array] as const),
    { date, level: 0 },
  );
}
