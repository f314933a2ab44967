import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';

const ROOT = path.resolve(__dirname, '..', '..');
const HEADER = 'region,year,variable,value,unit,source';
let tmp: string;

function capture(): CliIO & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l), isTTY: false };
}

/** A data folder with the real register and variable catalogue (plus one test variable) and the given observation files. */
function dataDir(observations: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'data-'));
  fs.mkdirSync(path.join(dir, 'register'));
  fs.mkdirSync(path.join(dir, 'observations'));
  fs.copyFileSync(path.join(ROOT, 'data', 'register', 'kommuner.csv'), path.join(dir, 'register', 'kommuner.csv'));
  const vars = fs.readFileSync(path.join(ROOT, 'data', 'variables.csv'), 'utf8');
  fs.writeFileSync(path.join(dir, 'variables.csv'), vars.replace(/\n?$/, '\n') + 'test.belop,Testbeløp,kr,bare for tester\n');
  for (const [name, text] of Object.entries(observations)) fs.writeFileSync(path.join(dir, 'observations', name), text);
  return dir;
}

const rel = (dir: string, name: string) => path.relative(process.cwd(), path.join(dir, 'observations', name));

async function check(dir: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const io = capture();
  const code = await runCli(['data', 'check', '--data', dir], io);
  return { code, out: io.outLines, err: io.errLines };
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-check-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('a good folder: OK with counts, exit 0', async () => {
  const dir = dataDir({ 'a.csv': `# en kommentar\n${HEADER}\n1837,2023,test.belop,12.5,kr,test\n1820,2023,test.belop,..,kr,test\n` });
  const nVars = fs.readFileSync(path.join(dir, 'variables.csv'), 'utf8').trim().split('\n').length - 1;
  const r = await check(dir);
  expect(r.err).toEqual([]);
  expect(r.out).toEqual([`OK: 2 observasjoner, 0 tabeller, ${nVars} variabler`]);
  expect(r.code).toBe(0);
});

test('the embedded data folder passes', async () => {
  const io = capture();
  const code = await runCli(['data', 'check'], io);
  expect(io.errLines.filter((l) => !l.startsWith('Advarsel'))).toEqual([]);
  expect(io.outLines[0]).toMatch(/^OK: \d+ observasjoner, \d+ tabeller, \d+ variabler$/);
  expect(code).toBe(0);
});

test.each([
  ['bad delimiter', 'semikolon.csv', `region;year;variable;value;unit;source\n1837;2023;test.belop;5;kr;test\n`, 1, "feil skilletegn: fant ';', forventet ',' (komma)"],
  ['a short row', 'kort.csv', `${HEADER}\n1837,2023,test.belop,5,kr,test\n1820,2023,test.belop,5,kr\n`, 3, 'raden har 5 felt; forventet 6 (region,year,variable,value,unit,source)'],
  ['a non-number', 'tall.csv', `# kommentar\n${HEADER}\n1837,2023,test.belop,"12,5",kr,test\n`, 3, "'12,5' er ikke et tall; forventet et tall med punktum som desimaltegn og uten tusenskille, eller et av symbolene .. . : -"],
  ['an unknown region', 'region.csv', `${HEADER}\n1837,2023,test.belop,5,kr,test\n\n1850,2023,test.belop,5,kr,test\n`, 4, "ukjent region '1850'; forventet et kommunenummer eller en gruppekode fra register/kommuner.csv"],
  ['a duplicate row', 'dobbel.csv', `${HEADER}\n1837,2023,test.belop,5,kr,test\n1837,2023,test.belop,6,kr,test\n`, 3, 'dobbel rad: 1837 2023 test.belop står allerede i {file}:2'],
  ['a row with ";" in a comma file', 'blandet.csv', `${HEADER}\n1837;2023;test.belop;5;kr;test\n`, 2, "raden har 1 felt; forventet 6 (region,year,variable,value,unit,source); skilletegnet ser ut til å være ';', forventet ','"],
  ['a unit that does not fit the variable', 'enhet.csv', `${HEADER}\n1837,2023,test.belop,5,1000 kr,test\n`, 2, "enheten '1000 kr' passer ikke med variabelen test.belop; forventet 'kr'"],
  ['an unknown variable', 'variabel.csv', `${HEADER}\n1837,2023,test.ukjent,5,kr,test\n`, 2, "ukjent variabel 'test.ukjent'; forventet en id fra variables.csv"],
])('%s: file:line message and exit 1', async (_what, name, text, line, message) => {
  const dir = dataDir({ [name]: text });
  const r = await check(dir);
  const file = rel(dir, name);
  expect(r.err[0]).toBe(`${file}:${line}: ${message.replace('{file}', file)}`);
  expect(r.err).toHaveLength(2);
  expect(r.err[1]).toBe(`1 feil i datamappen ${dir}; ingenting er lastet`);
  expect(r.out).toEqual([]);
  expect(r.code).toBe(1);
});

test('a Latin-1 file is reported at its first non-UTF-8 line', async () => {
  const dir = dataDir({ 'latin1.csv': Buffer.from(`${HEADER}\n1837,2023,test.belop,5,kr,test\n1820,2023,test.belop,6,kr,SSB Meløy\n`, 'latin1') });
  const r = await check(dir);
  expect(r.err[0]).toBe(`${rel(dir, 'latin1.csv')}:3: filen er ikke UTF-8 (lagret som Latin-1/Windows-1252?); lagre den som UTF-8`);
  expect(r.code).toBe(1);
});

test('several problems in several files are all listed, in file order', async () => {
  const dir = dataDir({
    'a.csv': `${HEADER}\n1837,2023,test.belop,x,kr,test\n`,
    'b.csv': `${HEADER}\n1837,2023,test.belop,5,kr,test\n9998,2023,test.belop,5,kr,test\n`,
  });
  const r = await check(dir);
  expect(r.err.slice(0, 2)).toEqual([
    `${rel(dir, 'a.csv')}:2: 'x' er ikke et tall; forventet et tall med punktum som desimaltegn og uten tusenskille, eller et av symbolene .. . : -`,
    `${rel(dir, 'b.csv')}:3: ukjent region '9998'; forventet et kommunenummer eller en gruppekode fra register/kommuner.csv`,
  ]);
  expect(r.err[2]).toBe(`2 feil i datamappen ${dir}; ingenting er lastet`);
  expect(r.code).toBe(1);
});

test('a missing folder is exit 1 with a message, not a stack trace', async () => {
  const r = await check(path.join(tmp, 'finnes-ikke'));
  expect(r.err[0]).toBe(`${path.join(tmp, 'finnes-ikke')}: datamappen finnes ikke; forventet en mappe med variables.csv, register/, observations/ og tables/`);
  expect(r.code).toBe(1);
});
