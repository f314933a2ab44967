import * as path from 'path';
import type { Zippable } from 'fflate';
import { UserError } from '../errors';
import { publicSources } from '../data/sources/lookup';
import { citeSources } from '../format/sources';
import { writeFileAtomic } from '../util/atomic';
import { Figure } from './figures';

/**
 * The audit trail: every number a built deck shows, one row each, with where it stands and how it was computed.
 * `source` keeps the data files' own source ids ("003 Tabell 1.1") so a row can be found in data/; `citation` is the
 * same as the slide cites it ("Meløy kommune, Økonomisk analyse 2020, tabell 1.1"); `public_source` says, per input, where
 * the figure is published (the source map, src/data/sources/: "kostra.ndu.barnehage: SSB, tabell 12362 (…)").
 * CSV (comma-separated, `.` decimal point, UTF-8, like the data files) or XLSX (one sheet, written here with fflate:
 * no spreadsheet dependency).
 */
export const AUDIT_COLUMNS = [
  'slide', 'slide_id', 'place', 'row', 'column', 'series', 'category', 'text_role', 'metric', 'region', 'year',
  'value', 'shown', 'display', 'unit', 'inputs', 'formula', 'source', 'citation', 'public_source',
] as const;
export type AuditColumn = (typeof AUDIT_COLUMNS)[number];

export function auditRows(figures: Figure[]): Record<AuditColumn, string | number>[] {
  return figures.map((f) => ({
    slide: f.slide,
    slide_id: f.slideId ?? '',
    place: f.place,
    row: f.row ?? '',
    column: f.column ?? '',
    series: f.series ?? '',
    category: f.category ?? '',
    text_role: f.role ?? '',
    metric: f.metric,
    region: f.region,
    year: f.year,
    value: f.value,
    shown: f.shown.replace(/\u00a0/g, ' '),
    display: f.display ?? '',
    unit: f.unit,
    inputs: f.inputs.join(' '),
    formula: f.formula,
    source: f.source.join('; '),
    citation: citeSources(f.source),
    public_source: publicSources(f.inputs),
  }));
}

function csvField(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\n\r]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsv(figures: Figure[]): string {
  const lines = [AUDIT_COLUMNS.join(',')];
  for (const r of auditRows(figures)) lines.push(AUDIT_COLUMNS.map((c) => csvField(r[c])).join(','));
  return lines.join('\n') + '\n';
}

function xmlEscape(s: string): string {
  // characters XML 1.0 cannot carry are dropped
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A one-sheet workbook (SpreadsheetML), header row bold and frozen, numbers as numbers. */
export function auditXlsx(figures: Figure[], date = new Date(Date.UTC(2000, 0, 1))): Uint8Array {
  // fflate only here: loaded when an .xlsx is written, not by every build (its tables cost a cold start ~10 ms)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { strToU8, zipSync } = require('fflate') as typeof import('fflate');
  const rows = auditRows(figures);
  const cell = (ref: string, v: string | number, style = 0) =>
    typeof v === 'number' && Number.isFinite(v)
      ? `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`
      : `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${xmlEscape(String(v))}</t></is></c>`;
  const sheetRows: string[] = [];
  sheetRows.push(`<row r="1">${AUDIT_COLUMNS.map((c, i) => cell(`${columnName(i)}1`, c, 1)).join('')}</row>`);
  rows.forEach((r, k) => {
    const n = k + 2;
    sheetRows.push(`<row r="${n}">${AUDIT_COLUMNS.map((c, i) => (r[c] === '' ? '' : cell(`${columnName(i)}${n}`, r[c]))).join('')}</row>`);
  });
  const last = `${columnName(AUDIT_COLUMNS.length - 1)}${rows.length + 1}`;
  const widths = [7, 22, 16, 28, 24, 20, 16, 14, 34, 8, 6, 14, 16, 10, 10, 40, 60, 30, 60, 80];
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheet =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${ns}" xmlns:r="${rel}">` +
    `<dimension ref="A1:${last}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${sheetRows.join('')}</sheetData>` +
    `<autoFilter ref="A1:${last}"/>` +
    `</worksheet>`;
  const workbook =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns}" xmlns:r="${rel}">` +
    `<sheets><sheet name="Revisjonsspor" sheetId="1" r:id="rId1"/></sheets>` +
    `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Revisjonsspor!$A$1:$${columnName(AUDIT_COLUMNS.length - 1)}$${rows.length + 1}</definedName></definedNames>` +
    `</workbook>`;
  const styles =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${ns}">` +
    `<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
    `</styleSheet>`;
  const files: Zippable = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
        `</Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(workbook),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    'xl/styles.xml': strToU8(styles),
  };
  return zipSync(files, { level: 6, mtime: date });
}

/** Write the audit trail; the format follows the extension (.csv or .xlsx). */
export function writeAudit(file: string, figures: Figure[], date?: Date): void {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') writeFileAtomic(file, auditCsv(figures));
  else if (ext === '.xlsx') writeFileAtomic(file, auditXlsx(figures, date));
  else throw new UserError(`--audit ${file}: forventet en fil som slutter på .csv eller .xlsx`, 'BAD_AUDIT');
}

/** Checked before a build starts, so a wrong name fails before anything is written. */
export function checkAuditPath(file: string): void {
  if (!/\.(csv|xlsx)$/i.test(file)) throw new UserError(`--audit ${file}: forventet en fil som slutter på .csv eller .xlsx`, 'BAD_AUDIT');
}
