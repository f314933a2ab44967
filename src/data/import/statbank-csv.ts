import { parse } from 'csv-parse/sync';
import { Problem, ProblemsError } from '../../errors';
import { MISSING_SYMBOLS, MissingSymbol } from '../model';
import { canonicalDim, regionCodeOf } from './kostra-dimensions';
import { SsbCell, SsbImport } from './types';

/**
 * Statbank CSV exports as SSB writes them (statbank "Lagre som" / PxWeb / PxWebApi `format=csv`):
 * `;` or `,` (or tab) between fields, quoted headers, an optional title line ("12134: Utvalgte nøkkeltall ...")
 * and notes around the table, decimal comma, the symbols `..` `.` `:` `-`, Latin-1 (Windows-1252) or UTF-8
 * with or without BOM, CRLF line ends.
 *
 * Layouts: the stub columns (region, statistikkvariabel, år, funksjon, art, kjønn, alder, ...) come first;
 * the remaining columns hold numbers. A number column's header may be a year ("2023"), a statistics
 * variable with a year ("Frie inntekter per innbygger (kr) 2024"), a variable alone, or the table title
 * ("12134: Utvalgte nøkkeltall ...") when both variable and year are stub columns.
 */

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1252';

/** Decode bytes: BOM first, then strict UTF-8, else Windows-1252 (a superset of Latin-1 that SSB's Excel exports use). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

interface Rec {
  fields: string[];
  line: number;
}

function parseWith(text: string, delimiter: string): Rec[] {
  const recs = parse(text, {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    trim: true,
    bom: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return recs.map((r) => ({ fields: r.record, line: r.info.lines }));
}

/** Pick the delimiter under which most records share one field count (> 1), judged on the first 200 lines. */
export function detectDelimiter(text: string): string {
  const head = text.split('\n', 200).join('\n');
  let best = { delim: ';', score: -1 };
  for (const delim of [';', ',', '\t']) {
    let recs: Rec[];
    try {
      recs = parseWith(head, delim);
    } catch {
      continue;
    }
    const counts = new Map<number, number>();
    for (const r of recs) if (r.fields.length > 1) counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
    const score = Math.max(0, ...counts.values());
    if (score > best.score) best = { delim, score };
  }
  return best.delim;
}

/** An SSB number: decimal comma or point, optional spaces as thousands separators, optional minus. */
export function parseSsbNumber(s: string): number | undefined {
  const t = s.replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-');
  if (!/^-?(\d+([.,]\d+)?|[.,]\d+)$/.test(t)) return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

function isSymbol(s: string): s is MissingSymbol {
  return (MISSING_SYMBOLS as readonly string[]).includes(s);
}

function numberLike(s: string): boolean {
  return s === '' || isSymbol(s) || parseSsbNumber(s) !== undefined;
}

/** Split "KOSAG110000 Frie inntekter ..." / "202 Grunnskole" / "AGD2 Netto driftsutgifter" into code and label. */
export function splitCodeLabel(s: string): { code: string; label: string } {
  const t = s.trim();
  const m = /^([A-Za-z]{0,12}\d[A-Za-z0-9]*\+?|[A-Z]{2,}\d*)\s+(\S.*)$/.exec(t);
  if (m && !/^\d+\s*år/.test(t)) return { code: m[1], label: m[2] };
  return { code: '', label: t };
}

/** A number column's header: table prefix, statistics variable and/or year. */
function parseValueHeader(h: string): { tableId?: string; contents?: string; year?: string } {
  let rest = h.trim();
  let tableId: string | undefined;
  const t = /^(\d{5})\s*:\s*(.*)$/.exec(rest);
  if (t) {
    tableId = t[1];
    rest = '';
  }
  if (/^\d{4}$/.test(rest)) return { tableId, year: rest };
  const trailing = /^(.*\S)\s+(\d{4})$/.exec(rest);
  if (trailing) return { tableId, contents: trailing[1], year: trailing[2] };
  const leading = /^(\d{4})\s+(\S.*)$/.exec(rest);
  if (leading) return { tableId, contents: leading[2], year: leading[1] };
  return { tableId, contents: rest || undefined };
}

const STUB_DIMS = new Set(['region', 'tid', 'contents', 'funksjon', 'art', 'regnskapsomfang', 'kjonn', 'alder']);

export interface CsvImportOptions {
  /** the encoding to assume instead of detecting it */
  encoding?: TextEncoding;
}

/** Read a statbank CSV export into cells. Problems (not a number, short rows, no region column) throw with file:line. */
export function importStatbankCsv(file: string, bytes: Uint8Array): SsbImport {
  const { text, encoding } = decodeText(bytes);
  const warnings: string[] = [];
  if (text.trim() === '') throw new ProblemsError([{ file, line: 1, message: 'filen er tom' }], 'BAD_CSV');
  if (/^\s*[{[]/.test(text)) throw new ProblemsError([{ file, line: 1, message: 'filen ser ut som JSON, ikke CSV' }], 'BAD_CSV');
  if (encoding === 'windows-1252' && /[\u0080-\u009f]/.test(text)) {
    warnings.push(`${file}: uvanlige tegn etter lesing som Latin-1; sjekk æ, ø og å i resultatet`);
  }
  const delimiter = detectDelimiter(text);
  let recs: Rec[];
  try {
    recs = parseWith(text, delimiter);
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new ProblemsError([{ file, line: err.lines ?? 1, message: `ugyldig CSV: ${err.message}` }], 'BAD_CSV');
  }
  const nonEmpty = (r: Rec) => r.fields.filter((f) => f !== '').length;

  // title and notes above the header: records with one non-empty field
  let h = 0;
  const titleLines: string[] = [];
  while (h < recs.length && nonEmpty(recs[h]) <= 1) {
    if (nonEmpty(recs[h]) === 1) titleLines.push(recs[h].fields.find((f) => f !== '') as string);
    h++;
  }
  if (h >= recs.length) {
    throw new ProblemsError([{ file, line: recs[0]?.line ?? 1, message: `fant ingen overskriftsrad med flere kolonner (skilletegn '${delimiter === '\t' ? 'tabulator' : delimiter}')` }], 'BAD_CSV');
  }
  const header = recs[h].fields;
  const headerLine = recs[h].line;
  const body: Rec[] = [];
  const problems: Problem[] = [];
  for (const r of recs.slice(h + 1)) {
    if (nonEmpty(r) <= 1 && r.fields.length !== header.length) continue; // a note or source line under the table
    if (r.fields.length !== header.length) {
      problems.push({ file, line: r.line, message: `raden har ${r.fields.length} felt; overskriftsraden (linje ${headerLine}) har ${header.length}` });
      continue;
    }
    body.push(r);
  }
  if (body.length === 0 && problems.length === 0) throw new ProblemsError([{ file, line: headerLine, message: 'fant ingen datarader under overskriftsraden' }], 'BAD_CSV');

  // the stub columns end at the last column that is a known dimension or holds text
  const dims = header.map((c) => canonicalDim(c));
  let stubEnd = 0;
  header.forEach((c, i) => {
    const isYearHeader = /^\d{4}$/.test(c.trim());
    const knownDim = STUB_DIMS.has(dims[i]) && !isYearHeader;
    const text = !isYearHeader && body.some((r) => !numberLike(r.fields[i]));
    if (knownDim || text) stubEnd = i + 1;
  });
  if (stubEnd === header.length) {
    throw new ProblemsError([{ file, line: headerLine, message: `fant ingen tallkolonner i '${header.join(delimiter)}'; forventet f.eks. "region";"statistikkvariabel";"2022";"2023"` }], 'BAD_CSV');
  }
  let regionCol = dims.slice(0, stubEnd).indexOf('region');
  if (regionCol < 0) {
    regionCol = header.slice(0, stubEnd).findIndex((_, i) => body.length > 0 && body.every((r) => regionCodeOf(r.fields[i]) !== undefined));
  }
  if (regionCol < 0) {
    throw new ProblemsError([{ file, line: headerLine, message: `fant ingen regionkolonne i '${header.join(delimiter)}'; forventet en kolonne "region" med verdier som "1837 Meløy" eller "K-1837 Meløy"` }], 'BAD_CSV');
  }
  const timeCol = dims.slice(0, stubEnd).indexOf('tid');
  const contentsCol = dims.slice(0, stubEnd).indexOf('contents');

  let tableId: string | undefined;
  for (const t of titleLines) tableId ??= /^(\d{5})\s*:/.exec(t)?.[1];
  const valueCols = header.slice(stubEnd).map((c, j) => ({ index: stubEnd + j, header: c, ...parseValueHeader(c) }));
  for (const v of valueCols) tableId ??= v.tableId;

  const cells: SsbCell[] = [];
  let empty = 0;
  for (const r of body) {
    if (problems.length >= 200) break;
    const regionText = r.fields[regionCol];
    const regionCode = regionCodeOf(regionText);
    const regionLabel = regionCode ? regionText.trim().replace(/^\S+\s*/, '') : regionText.trim();
    const others: SsbCell['others'] = [];
    for (let i = 0; i < stubEnd; i++) {
      if (i === regionCol || i === timeCol || i === contentsCol) continue;
      const { code, label } = splitCodeLabel(r.fields[i]);
      others.push({ dim: dims[i], code, label });
    }
    const rowYear = timeCol >= 0 ? r.fields[timeCol].trim() : undefined;
    const rowContents = contentsCol >= 0 ? splitCodeLabel(r.fields[contentsCol]) : undefined;
    for (const v of valueCols) {
      const text = r.fields[v.index];
      let year = rowYear;
      if (v.year !== undefined) {
        if (rowYear !== undefined && rowYear !== v.year) {
          problems.push({ file, line: r.line, message: `året i kolonnen '${header[timeCol]}' (${rowYear}) er ikke året i kolonneoverskriften '${v.header}' (${v.year})` });
          continue;
        }
        year = v.year;
      }
      if (year === undefined) {
        problems.push({ file, line: headerLine, message: `fant ikke året: ingen kolonne "år" og ingen årstall i kolonneoverskriften '${v.header}'` });
        break;
      }
      const contents = rowContents ?? (v.contents !== undefined ? splitCodeLabel(v.contents) : undefined);
      let value: number | null;
      let symbol: MissingSymbol | undefined;
      if (text === '') {
        value = null;
        symbol = '..';
        empty++;
      } else if (isSymbol(text)) {
        symbol = text;
        value = text === '-' ? 0 : null;
      } else {
        const n = parseSsbNumber(text);
        if (n === undefined) {
          problems.push({ file, line: r.line, message: `'${text}' i kolonnen '${v.header}' er ikke et tall; forventet et tall (desimalkomma går bra) eller et av symbolene .. . : -` });
          continue;
        }
        value = n;
      }
      cells.push({ region: { code: regionCode ?? '', label: regionLabel }, time: { code: year, label: year }, contents, others, value, symbol, line: r.line });
    }
  }
  if (problems.length > 0) {
    const unique = problems.filter((p, i) => problems.findIndex((q) => q.line === p.line && q.message === p.message) === i);
    throw new ProblemsError(unique.slice(0, 50), 'BAD_CSV');
  }
  if (empty > 0) warnings.push(`${file}: ${empty} tomme celler er lest som '..' (tall mangler)`);
  return { file, format: 'csv', tableId, title: titleLines[0], cells, warnings };
}
