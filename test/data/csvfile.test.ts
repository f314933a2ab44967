/**
 * readCsv's fast path (parsePlainCsv) against csv-parse with readCsv's options: the same records and line numbers
 * wherever the fast path answers, and no answer wherever csv-parse finds an error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'csv-parse/sync';
import { parsePlainCsv, readCsv } from '../../src/data/csvfile';

function csvParse(body: string): { record: string[]; line: number }[] | Error {
  try {
    const rows = parse(body, { delimiter: ',', relax_column_count: true, skip_empty_lines: true, comment: '#', comment_no_infix: true, info: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return rows.map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (e) {
    return e as Error;
  }
}

function csvFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? csvFiles(path.join(dir, e.name)) : e.name.endsWith('.csv') ? [path.join(dir, e.name)] : []));
}

const ROOT = path.resolve(__dirname, '..', '..');

test('every CSV file in data/ takes the fast path and parses as csv-parse parses it', () => {
  const files = csvFiles(path.join(ROOT, 'data'));
  expect(files.length).toBeGreaterThan(10);
  for (const f of files) {
    // csv-parse takes seconds over the population file: its first 300 lines stand for it
    const whole = fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
    const text = whole.length > 500_000 ? whole.split('\n').slice(0, 300).join('\n') : whole;
    expect(parsePlainCsv(whole)).toBeDefined();
    const fast = parsePlainCsv(text);
    expect({ f, fast: fast !== undefined }).toEqual({ f, fast: true });
    expect(fast).toEqual(csvParse(text));
  }
});

test('random files: where the fast path answers, csv-parse gives the same records and lines', () => {
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const pieces = ['a', 'bc', '1', '2.5', ' ', '  ', ',', ',', '"', '""', '\n', '\n', '\n\n', '#', '# x', 'æø', '\t', '\r\n', '\r', '-'];
  let answered = 0;
  for (let i = 0; i < 40000; i++) {
    const len = Math.floor(rnd() * 24);
    let text = '';
    for (let k = 0; k < len; k++) text += pieces[Math.floor(rnd() * pieces.length)];
    const fast = parsePlainCsv(text);
    if (fast === undefined) continue;
    answered++;
    const slow = csvParse(text);
    if (slow instanceof Error) throw new Error(`fast path answered where csv-parse fails (${slow.message}): ${JSON.stringify(text)}`);
    if (JSON.stringify(fast) !== JSON.stringify(slow)) throw new Error(`differs for ${JSON.stringify(text)}: ${JSON.stringify(fast)} vs ${JSON.stringify(slow)}`);
  }
  expect(answered).toBeGreaterThan(5000);
});

test('files the fast path leaves to csv-parse still load, with its errors', () => {
  expect(readCsv('x.csv', 'a,b\r\n1,2\r\n').value?.rows).toEqual([{ cells: ['1', '2'], line: 2 }]);
  expect(readCsv('x.csv', 'a,b\n"1,2\n').problems[0]).toMatchObject({ file: 'x.csv', message: expect.stringMatching(/^ugyldig CSV: /) });
  expect(readCsv('x.csv', 'a,b\n# note\n\n"x ""y""", 2\n').value?.rows).toEqual([{ cells: ['x "y"', '2'], line: 4 }]);
});
