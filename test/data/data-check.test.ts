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
  expect(io.outLines[0]).toMatch(/^OK: \d+ observasjoner, \d+ tabeller, \d+ variabler(, \d+ befolkningsrader)?$/);
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

// ---------------------------------------------------------------------------------------------- population files

const AGES = Array.from({ length: 106 }, (_, a) => `a${a}`).join(',');
/** A population row whose ages sum to the total (the first age takes the rest). */
function popRow(region: string, year: number, total: number): string {
  const ages = new Array<number>(106).fill(0);
  ages[0] = total;
  return `${region},${year},${total},${ages.join(',')}`;
}
function withPopulation(dir: string, rows: string[]): string {
  fs.mkdirSync(path.join(dir, 'befolkning'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'befolkning', 'ssb-07459.csv'), `# kilde: SSB, tabell 07459\n# hentet: 2026-08-22\nregion,year,total,${AGES}\n${rows.join('\n')}\n`);
  return path.relative(process.cwd(), path.join(dir, 'befolkning', 'ssb-07459.csv'));
}

test('population files: validated in full, their row count in the OK line', async () => {
  const dir = dataDir({ 'a.csv': `${HEADER}\n1837,2023,test.belop,5,kr,test\n` });
  withPopulation(dir, [popRow('1837', 2022, 6200), popRow('1837', 2023, 6190), popRow('0301', 2023, 700000)]);
  const r = await check(dir);
  expect(r.err).toEqual([]);
  expect(r.out[0]).toMatch(/^OK: 1 observasjoner, 0 tabeller, \d+ variabler, 3 befolkningsrader$/);
  expect(r.code).toBe(0);
});

test('a bad population row: file:line, exit 1', async () => {
  const dir = dataDir({ 'a.csv': `${HEADER}\n1837,2023,test.belop,5,kr,test\n` });
  const file = withPopulation(dir, [popRow('1837', 2022, 6200), '1837,2023,6190,1,2']);
  const r = await check(dir);
  expect(r.err[0]).toMatch(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}:5: `));
  expect(r.err[r.err.length - 1]).toBe(`1 feil i befolkningsfilene i ${dir}`);
  expect(r.out).toEqual([]);
  expect(r.code).toBe(1);
});

test('the embedded data folder: population rows counted', async () => {
  const io = capture();
  await runCli(['data', 'check'], io);
  expect(io.outLines[0]).toMatch(/^OK: \d+ observasjoner, \d+ tabeller, \d+ variabler, \d+ befolkningsrader$/);
});

// ---------------------------------------------------------------------------------------------- KDD's spreadsheets copied into the templates

const NOKKEL_HEADER = 'year,kriterium,navn,vekt,grunnlag,landet,rekkefolge,source';
const KRITERIE_HEADER = 'year,region,kriterium,antall,indeks,source';
/** A kostnadsnøkkel for 2024 whose weights sum to 1 (comment line first, so the rows are on lines 3-6). */
const NOKKEL = (weights = ['0.2615', '0.1053', '0.0772', '0.556']) =>
  `# KDD, Grønt hefte 2024 (test)\n${NOKKEL_HEADER}\n` +
  ['innb_6_15', 'innb_23_66', 'innb_80_89', 'basis'].map((k, i) => `2024,${k},${k},${weights[i]},${k === 'basis' ? 'basis' : 'personer'},,${i + 1},test`).join('\n') +
  '\n';

function kddFolder(nokkel: string, kriteriedata: string, population = true, extra: Record<string, string> = {}): string {
  const dir = dataDir({ 'a.csv': `${HEADER}\n1837,2023,test.belop,5,kr,test\n` });
  fs.mkdirSync(path.join(dir, 'tables'));
  fs.writeFileSync(path.join(dir, 'tables', 'kostnadsnokkel.csv'), nokkel);
  fs.writeFileSync(path.join(dir, 'tables', 'kriteriedata.csv'), `${KRITERIE_HEADER}\n${kriteriedata}`);
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, 'tables', name), text);
  if (population) withPopulation(dir, [popRow('1837', 2023, 6190), popRow('1837', 2024, 6150)]);
  return dir;
}
const tableFile = (dir: string, name: string) => path.relative(process.cwd(), path.join(dir, 'tables', name));
const GOOD_ROWS = '2024,1837,innb_6_15,762,,test\n2024,1837,innb_23_66,3330,,test\n2024,1837,innb_80_89,298,,test\n2024,1837,basis,0.9474,3.0309,test\n';

test('the template as it should be: OK', async () => {
  const r = await check(kddFolder(NOKKEL(), GOOD_ROWS));
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
});

test.each([
  ['weights that do not sum to 1 (±0,001)', NOKKEL(['0.2615', '0.1053', '0.0772', '0.5']), GOOD_ROWS, 'kostnadsnokkel.csv', 3,
    'vektene i kostnadsnøkkelen for 2024 (linje 3–6) summerer til 0,9440; forventet 1 (±0,001). Mangler et kriterium, eller er en vekt skrevet av feil?'],
  ['a weight pasted as percent', NOKKEL(['26.15', '0.1053', '0.0772', '0.556']), GOOD_ROWS, 'kostnadsnokkel.csv', 3,
    'vekten 26,1500 for innb_6_15 er over 1; vektene er andeler (0,2615), ikke prosent (26,15)'],
  ['an age count above the population', NOKKEL(), GOOD_ROWS.replace('3330', '33300'), 'kriteriedata.csv', 3,
    'innb_23_66 for 1837 er 33300, mer enn hele folketallet (6190 per 1.1.2023); er tallet fra en annen kommune eller en annen kolonne?'],
  ['an age index pasted as percent', NOKKEL(), GOOD_ROWS.replace('2024,1837,innb_80_89,298,,test', '2024,1837,innb_80_89,,114.79,test'), 'kriteriedata.csv', 4,
    'indeksen 114,79 for innb_80_89 ser ut som prosent; forventet en indeks der landet er 1 (f.eks. 1,1479)'],
  ['a kriterium id not in the kostnadsnøkkel of that year', NOKKEL(), GOOD_ROWS.replace('innb_80_89', 'innb_80_90'), 'kriteriedata.csv', 4,
    "kriteriet 'innb_80_90' finnes ikke i kostnadsnøkkelen for 2024; forventet en av innb_6_15, innb_23_66, innb_80_89, basis"],
])('%s: file:line, exit 1', async (_what, nokkel, rows, file, line, message) => {
  const dir = kddFolder(nokkel, rows);
  const r = await check(dir);
  expect(r.err).toContain(`${tableFile(dir, file)}:${line}: ${message}`);
  expect(r.err[r.err.length - 1]).toMatch(new RegExp(`^\\d+ feil i datamappen ${dir.replace(/[.\\/]/g, '\\$&')} \\(tall som ikke kan stemme slik de står\\)$`));
  expect(r.out).toEqual([]);
  expect(r.code).toBe(1);
});

test('age groups that together exceed the population (a row copied twice from another kommune): file:line', async () => {
  const dir = kddFolder(NOKKEL(), GOOD_ROWS.replace('762', '3000').replace('298', '1000'));
  const r = await check(dir);
  expect(r.err).toContain(`${tableFile(dir, 'kriteriedata.csv')}:2: alderskriteriene for 1837 2024 summerer til 7330, mer enn folketallet (6190 per 1.1.2023); er en rad kopiert to ganger eller fra en annen kommune?`);
  expect(r.code).toBe(1);
});

test('a kostnadsindeks pasted as percent: file:line', async () => {
  const dir = kddFolder(NOKKEL(), GOOD_ROWS, false, { 'kostnadsindeks.csv': 'year,region,indeks,merknad,source\n2024,1837,1.1846,,test\n2024,1820,114.79,,test\n' });
  const r = await check(dir);
  expect(r.err).toContain(`${tableFile(dir, 'kostnadsindeks.csv')}:3: kostnadsindeksen 114,79 ser ut som prosent; forventet en indeks der landet er 1 (f.eks. 1,1479)`);
  expect(r.code).toBe(1);
});

test.each([
  ['a decimal comma (quoted)', '2024,1837,basis,"0,9474",3.0309,test', 6, "'0,9474' i kolonnen antall er ikke et tall; forventet punktum som desimaltegn og ingen tusenskille"],
  ['a decimal comma (unquoted: one field too many)', '2024,1837,basis,0,9474,3.0309,test', 6, 'raden har 7 felt; forventet 6'],
  ['a thousands separator', '2024,1837,basis,"3 330",,test', 6, "'3 330' i kolonnen antall er ikke et tall; forventet punktum som desimaltegn og ingen tusenskille"],
  ['a duplicated row', '2024,1837,innb_6_15,762,,test', 6, 'dobbel rad: year=2024, region=1837, kriterium=innb_6_15 står allerede på linje 2'],
])('%s: refused by the loader with file:line', async (_what, row, line, message) => {
  const dir = kddFolder(NOKKEL(), GOOD_ROWS + row + '\n', false);
  const r = await check(dir);
  expect(r.err[0].slice(0, `${tableFile(dir, 'kriteriedata.csv')}:${line}: ${message}`.length)).toBe(`${tableFile(dir, 'kriteriedata.csv')}:${line}: ${message}`);
  expect(r.code).toBe(1);
});
