import { parse } from 'csv-parse/sync';
import { Problem } from '../errors';

/** A parsed CSV file: header and records, each with its 1-based line number in the file. */
export interface CsvRecords {
  header: string[];
  rows: { cells: string[]; line: number }[];
}

/**
 * Parse the project's own CSV data files (comma-separated, UTF-8, optional BOM, header row, `#` comment lines).
 * Problems (wrong delimiter, short rows, broken quoting) are returned, not thrown, with file:line.
 */
export function readCsv(file: string, text: string, expectedHeader?: string[]): { value?: CsvRecords; problems: Problem[] } {
  const problems: Problem[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { problems: [{ file, line: 1, message: 'filen er tom; forventet en overskriftsrad' + (expectedHeader ? ` (${expectedHeader.join(',')})` : '') }] };
  let records = parsePlainCsv(body);
  if (!records) {
    try {
      records = (
        parse(body, {
          delimiter: ',',
          relax_column_count: true,
          skip_empty_lines: true,
          comment: '#',
          comment_no_infix: true,
          info: true,
          trim: true,
        }) as unknown as { record: string[]; info: { lines: number } }[]
      ).map((r) => ({ record: r.record, line: r.info.lines }));
    } catch (e) {
      const err = e as { message: string; lines?: number };
      return { problems: [{ file, line: err.lines ?? 1, message: `ugyldig CSV: ${err.message}` }] };
    }
  }
  if (records.length === 0) return { problems: [{ file, line: 1, message: 'filen har ingen overskriftsrad' }] };
  const header = records[0].record;
  const headerLine = records[0].line;
  if (header.length === 1 && /[;\t]/.test(header[0])) {
    const found = header[0].includes(';') ? ';' : 'tabulator';
    problems.push({ file, line: headerLine, message: `feil skilletegn: fant '${found}', forventet ',' (komma)` });
    return { problems };
  }
  if (expectedHeader && header.join(',') !== expectedHeader.join(',')) {
    problems.push({ file, line: headerLine, message: `uventet overskriftsrad '${header.join(',')}'; forventet '${expectedHeader.join(',')}'` });
    return { problems };
  }
  const rows: CsvRecords['rows'] = [];
  for (const r of records.slice(1)) {
    const line = r.line;
    if (r.record.length !== header.length) {
      const other = r.record.length === 1 ? /[;\t]/.exec(r.record[0])?.[0] : undefined;
      const hint = other ? `; skilletegnet ser ut til å være '${other === ';' ? ';' : 'tabulator'}', forventet ','` : extraCommaHint(r.record, header.length);
      problems.push({ file, line, message: `raden har ${r.record.length} felt; forventet ${header.length} (${header.join(',')})${hint}` });
      continue;
    }
    rows.push({ cells: r.record, line });
  }
  return { value: { header, rows }, problems };
}

/**
 * The CSV files as the project writes them, parsed the way csv-parse parses them with readCsv's options, about ten
 * times faster (a build reads every data file; csv-parse was a quarter of a single deck's whole-process time):
 * `\n` line ends, `#` comment lines, empty lines skipped, fields split on `,` with spaces around them trimmed,
 * `"quoted"` fields with `""` for a quote, on one line. Anything else (`\r`, tabs, form feeds, a quote inside an
 * unquoted field or left open, a quoted field over several lines, a line of only spaces, an indented `#`) returns
 * undefined and readCsv lets csv-parse parse the whole file, with its own errors. test/data/csvfile.test.ts checks
 * the two agree on the data files and on random files of these characters.
 */
export function parsePlainCsv(body: string): { record: string[]; line: number }[] | undefined {
  if (/[\r\t\f]/.test(body)) return undefined;
  const out: { record: string[]; line: number }[] = [];
  const n = body.length;
  let line = 0;
  let pos = 0;
  while (pos < n) {
    let end = body.indexOf('\n', pos);
    if (end < 0) end = n;
    line++;
    const text = body.slice(pos, end);
    pos = end + 1;
    if (text === '' || text.charCodeAt(0) === 0x23 /* # */) continue;
    const record = text.indexOf('"') < 0 ? splitPlain(text) : splitQuoted(text);
    if (!record) return undefined;
    // a line of spaces, or `#` after spaces: csv-parse's rules for those are its own
    if (text.charCodeAt(0) === 0x20 && (/^ *$/.test(text) || text.trimStart().startsWith('#'))) return undefined;
    out.push({ record, line });
  }
  return out;
}

function trimSpaces(s: string): string {
  return s.charCodeAt(0) === 0x20 || s.charCodeAt(s.length - 1) === 0x20 ? s.replace(/^ +| +$/g, '') : s;
}

function splitPlain(text: string): string[] {
  const cells = text.split(',');
  for (let i = 0; i < cells.length; i++) cells[i] = trimSpaces(cells[i]);
  return cells;
}

function splitQuoted(text: string): string[] | undefined {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 0x22 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return undefined; // open quote, or a field over several lines
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 0x22) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      while (text.charCodeAt(i) === 0x20) i++;
      cells.push(value);
      if (i === text.length) return cells;
      if (text.charCodeAt(i) !== 0x2c /* , */) return undefined;
      i++;
    } else {
      let c = text.indexOf(',', i);
      if (c < 0) c = text.length;
      const raw = text.slice(i, c);
      if (raw.includes('"')) return undefined;
      cells.push(trimSpaces(raw));
      if (c === text.length) return cells;
      i = c + 1;
    }
  }
}

/**
 * Why a row has too many fields: a number written with a comma as thousands separator ("1,234") or decimal mark
 * ("12,5"), or text with a comma that is not quoted.
 */
function extraCommaHint(cells: string[], expected: number): string {
  const extra = cells.length - expected;
  if (extra <= 0) return '';
  for (let i = 0; i + extra < cells.length; i++) {
    const run = cells.slice(i, i + extra + 1);
    if (/^-?\d{1,3}$/.test(run[0]) && run.slice(1).every((c) => /^\d{3}(\.\d+)?$/.test(c))) {
      const meant = run.length === 2 && !run[1].includes('.') ? `${run.join('')} eller ${run.join('.')}` : run.join('');
      return `; '${run.join(',')}' ser ut som et tall med komma i: skriv det uten tusenskille og med punktum som desimaltegn (${meant})`;
    }
  }
  return '; står det et komma i en verdi? Tall skrives uten tusenskille og med punktum som desimaltegn, og tekst med komma settes i anførselstegn';
}

/**
 * Decode a data file as UTF-8 (a BOM is fine). A file saved as Latin-1/Windows-1252 (Excel's habit) is a
 * problem at its first line that is not valid UTF-8; the text is still returned (with replacement characters)
 * so the rest of the file can be checked too.
 */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string; problem?: Problem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const strict = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          strict.decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    return {
      text: new TextDecoder('utf-8').decode(bytes),
      problem: { file, line, message: 'filen er ikke UTF-8 (lagret som Latin-1/Windows-1252?); lagre den som UTF-8' },
    };
  }
}

/** Parse a number written in the data files: `.` as decimal point, optional leading minus, no thousands separators. */
export function parseDataNumber(s: string): number | undefined {
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}
