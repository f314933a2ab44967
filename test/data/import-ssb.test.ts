import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProblemsError } from '../../src/errors';
import { importSsb, KNOWN_VARIABLES, readSsbBytes, readSsbFile, TidyRow, tidyToCsv } from '../../src/data/import';
import { importJsonStat, readJsonStat } from '../../src/data/import/jsonstat';
import { decodeText, detectDelimiter, parseSsbNumber, splitCodeLabel } from '../../src/data/import/statbank-csv';
import { ageOf, canonicalDim, normalizeUnit, regionCodeOf } from '../../src/data/import/kostra-dimensions';
import { compareVariableIds, formatValue } from '../../src/data/import/write';
import { loadDataset } from '../../src/data/load';
import { readRegisterFile } from '../../src/data/register';
import { runCli } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';

const FIX = path.resolve(__dirname, '..', 'fixtures', 'ssb');
const SAMPLE = path.join(FIX, 'pxwebapi-v2-table-12134-frie-inntekter-2024.jsonstat2.json');
const register = readRegisterFile();
const run = (name: string, opts: Record<string, unknown> = {}) => importSsb([readSsbFile(path.join(FIX, name))], { register, ...opts });
const row = (rows: TidyRow[], region: string, year: number, variable: string) => rows.find((r) => r.region === region && r.year === year && r.variable === variable);
const problemsOf = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof ProblemsError) return e.problems.map((p) => `${p.line ?? ''}: ${p.message}`);
    throw e;
  }
  throw new Error('no problems');
};

function capture(): CliIO & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l), isTTY: false };
}

describe('JSON-stat2 (PxWebApi v2)', () => {
  test('the recorded 12134 answer: frie inntekter per innbygger 2024 for Oslo, Bergen, Trondheim', () => {
    const r = run(path.basename(SAMPLE));
    // SSB 12134, KOSAG110000, 2024 (recorded response)
    expect(tidyToCsv(r.rows)).toBe(
      'region,year,variable,value,unit,source\n' +
        '0301,2024,kostra.frie_inntekter_kpi,81240,kr per innb,SSB 12134\n' +
        '4601,2024,kostra.frie_inntekter_kpi,66605,kr per innb,SSB 12134\n' +
        '5001,2024,kostra.frie_inntekter_kpi,62853,kr per innb,SSB 12134\n',
    );
    expect(r.warnings).toEqual([]);
  });

  test('reads ids, sizes, roles, labels and units', () => {
    const cube = readJsonStat('x', fs.readFileSync(SAMPLE, 'utf8'));
    expect(cube.tableId).toBe('12134');
    expect(cube.dimensions.map((d) => [d.id, d.codes.length])).toEqual([['KOKkommuneregion0000', 3], ['ContentsCode', 1], ['Tid', 1]]);
    expect(cube.dimensions[0].labels).toEqual(['Oslo - Oslove', 'Bergen', 'Trondheim - Tråante']);
    expect(cube.dimensions[1].units).toEqual(['kr']);
    expect(cube.role).toEqual({ time: ['Tid'], geo: ['KOKkommuneregion0000'], metric: ['ContentsCode'] });
  });

  test('an unknown ContentsCode becomes ssb.<table>.<code> with the unit from the metadata', () => {
    const doc = JSON.parse(fs.readFileSync(SAMPLE, 'utf8'));
    const d = doc.dimension.ContentsCode.category;
    d.index = { KOSAB999900: 0 };
    d.label = { KOSAB999900: 'Noe i prosent av brutto driftsinntekter (prosent)' };
    d.unit = { KOSAB999900: { base: 'prosent', decimals: 1 } };
    doc.value = [1.5, null, 0];
    doc.status = { '1': '..', '2': '-' };
    const r = importSsb([importJsonStat('x.json', JSON.stringify(doc))], { register });
    expect(r.rows.map((x) => [x.region, x.variable, x.value, x.symbol, x.unit])).toEqual([
      ['0301', 'ssb.12134.kosab999900', 1.5, undefined, '%'],
      ['4601', 'ssb.12134.kosab999900', null, '..', '%'],
      ['5001', 'ssb.12134.kosab999900', 0, '-', '%'],
    ]);
  });

  test('sparse values and status objects; K- codes stripped; population by one-year age', () => {
    const r = run('07459-sparse-status.jsonstat2.json');
    expect(r.rows).toHaveLength(16);
    expect(row(r.rows, '1837', 2023, 'befolkning.alder.0.menn')?.value).toBe(22);
    expect(row(r.rows, '1820', 2023, 'befolkning.alder.0.menn')?.value).toBe(31); // "K-1820" in the file
    const missing = row(r.rows, '1837', 2024, 'befolkning.alder.105.menn');
    expect([missing?.value, missing?.symbol]).toEqual([null, '..']);
    const confidential = row(r.rows, '1820', 2024, 'befolkning.alder.105.kvinner');
    expect([confidential?.value, confidential?.symbol]).toEqual([null, ':']);
    expect(row(r.rows, '1837', 2024, 'befolkning.alder.0.kvinner')?.unit).toBe('antall');
    expect(row(r.rows, '1837', 2024, 'befolkning.alder.105.kvinner')?.label).toBe('Folkemengde 1. januar, 105 år og eldre, Kvinner');
  });

  test('--sum-kjonn adds men and women; a missing part makes the sum missing', () => {
    const r = run('07459-sparse-status.jsonstat2.json', { sumSex: true });
    expect(r.rows).toHaveLength(8);
    expect(row(r.rows, '1837', 2023, 'befolkning.alder.0')?.value).toBe(22 + 27);
    expect(row(r.rows, '1820', 2024, 'befolkning.alder.0')?.value).toBe(29 + 30);
    const m = row(r.rows, '1837', 2024, 'befolkning.alder.105');
    expect([m?.value, m?.symbol]).toEqual([null, '..']);
    const c = row(r.rows, '1820', 2024, 'befolkning.alder.105');
    expect([c?.value, c?.symbol]).toEqual([null, ':']);
    expect(r.warnings).toEqual([]);
  });

  test('JSON-stat 1.x bundle (PxWebApi v0/v1 "json-stat")', () => {
    const r = run('12134-v1-bundle.jsonstat.json');
    expect(row(r.rows, '1837', 2023, 'kostra.frie_inntekter_kpi')?.value).toBe(80655);
    expect(row(r.rows, 'EKG06', 2023, 'kostra.frie_inntekter_kpi')?.value).toBe(84120);
    const dot = row(r.rows, 'EKG06', 2023, 'ssb.12134.kosxx990000');
    expect([dot?.value, dot?.symbol, dot?.unit]).toEqual([null, '.', '%']);
  });

  test('a truncated download is a clear error with the line', () => {
    const text = fs.readFileSync(SAMPLE, 'utf8');
    const cut = text.slice(0, 2000);
    const lines = cut.split('\n').length;
    const p = problemsOf(() => importJsonStat('f.json', cut));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(new RegExp(`^(${lines}|${lines - 1}): ugyldig JSON .*filen ser avkuttet ut, last den ned på nytt$`));
  });

  test('sizes that do not match the values, ids or categories are clear errors', () => {
    const doc = JSON.parse(fs.readFileSync(SAMPLE, 'utf8'));
    expect(problemsOf(() => importJsonStat('f', JSON.stringify({ ...doc, value: [1, 2] })))).toEqual([
      ': "value" har 2 tall, men "size" gir 3 celler (produktet av størrelsene); filen er ufullstendig eller feil satt sammen',
    ]);
    expect(problemsOf(() => importJsonStat('f', JSON.stringify({ ...doc, size: [3, 1] })))).toEqual([': "id" har 3 dimensjoner, men "size" har 2 tall; de må være like lange']);
    expect(problemsOf(() => importJsonStat('f', JSON.stringify({ ...doc, size: [4, 1, 1] })))).toEqual([': dimensjonen KOKkommuneregion0000: "size" sier 4 kategorier, men "category" har 3']);
    expect(problemsOf(() => importJsonStat('f', JSON.stringify({ ...doc, value: [1, 'x', 3] })))).toEqual([': verdi nr. 1 ("x") er ikke et tall']);
    expect(problemsOf(() => importJsonStat('f', JSON.stringify({ type: 'Parameter error', title: 'Non-existent value', status: 400 })))).toEqual([
      ': filen er en feilmelding fra SSB (HTTP 400: Non-existent value), ikke et datasett',
    ]);
  });
});

describe('statbank CSV', () => {
  test('long layout: title line, Latin-1, CRLF, ";", decimal comma, symbols, a note under the table', () => {
    const imp = readSsbFile(path.join(FIX, '12134-lang-latin1-crlf.csv'));
    expect(imp.tableId).toBe('12134');
    expect(imp.cells[0].line).toBe(4);
    const r = importSsb([imp], { register });
    // 003 Tabell 3.3: rammetilskudd 39 867 + skatteinntekt 29 275 = 69 142 kr per innbygger for Meløy 2020
    expect(row(r.rows, '1837', 2020, 'kostra.frie_inntekter_kpi')?.value).toBe(69142);
    // 003 Tabell 1.1: netto driftsresultat 2,2 %
    expect(row(r.rows, '1837', 2020, 'kostra.netto_driftsresultat_pct')?.value).toBe(2.2);
    expect(row(r.rows, 'EKG06', 2020, 'kostra.netto_driftsresultat_pct')?.value).toBe(-1.4);
    expect(row(r.rows, '1820', 2020, 'kostra.netto_driftsresultat_pct')?.symbol).toBe('..');
    expect(row(r.rows, '1813', 2020, 'kostra.netto_driftsresultat_pct')?.symbol).toBe(':');
    expect(r.rows.every((x) => x.source === 'SSB 12134')).toBe(true);
    expect(r.rows).toHaveLength(8);
  });

  test('wide layout with years in the header, K- codes, UTF-8 with BOM', () => {
    const r = run('12134-bred-aar-utf8bom.csv');
    expect(row(r.rows, '1837', 2023, 'kostra.frie_inntekter_kpi')?.value).toBe(80655);
    expect(row(r.rows, '1837', 2022, 'kostra.brutto_investeringer_pct')?.value).toBe(12.7);
    const dash = row(r.rows, '1837', 2023, 'kostra.brutto_investeringer_pct');
    expect([dash?.value, dash?.symbol]).toEqual([0, '-']);
    expect(row(r.rows, '1866', 2023, 'kostra.frie_inntekter_kpi')?.symbol).toBe('.');
    expect(row(r.rows, 'EAK', 2022, 'kostra.frie_inntekter_kpi')?.value).toBe(67488);
    // no table number in the file: the known variable tells the source
    expect(row(r.rows, 'EAK', 2022, 'kostra.frie_inntekter_kpi')?.source).toBe('SSB 12134');
  });

  test('statistics variable and year in the header next to an "år" column; spaces as thousands separators', () => {
    const r = run('12134-innhold-i-overskrift.csv');
    expect(r.rows.map((x) => [x.region, x.year, x.variable, x.value, x.unit])).toEqual([
      ['1837', 2024, 'kostra.frie_inntekter_kpi', 88302, 'kr per innb'],
      ['1563', 2024, 'kostra.frie_inntekter_kpi', 79418, 'kr per innb'],
      ['5027', 2024, 'kostra.frie_inntekter_kpi', 72001, 'kr per innb'],
    ]);
  });

  test('an "år" column that disagrees with the header year is an error on that line', () => {
    const text = '"region";"år";"Frie inntekter (kr per innbygger) 2024"\n"1837 Meløy";"2023";"88302"\n';
    expect(problemsOf(() => readSsbBytes('f.csv', Buffer.from(text)))).toEqual([
      "2: året i kolonnen 'år' (2023) er ikke året i kolonneoverskriften 'Frie inntekter (kr per innbygger) 2024' (2024)",
    ]);
  });

  test('comma-delimited export with quoted decimal commas', () => {
    const r = run('12134-komma-bred.csv');
    expect(row(r.rows, '1840', 2023, 'kostra.netto_driftsresultat_pct')?.value).toBe(-0.6);
    expect(row(r.rows, '1837', 2022, 'kostra.netto_driftsresultat_pct')?.value).toBe(4.1);
    expect(row(r.rows, 'EKG05', 2022, 'kostra.netto_driftsresultat_pct')?.symbol).toBe('..');
  });

  test('population export: sex and one-year age stubs, Latin-1, an unknown region reported, not silently dropped', () => {
    const r = run('07459-befolkning-bred.csv');
    expect(row(r.rows, '1837', 2024, 'befolkning.alder.1.kvinner')?.value).toBe(28);
    expect(row(r.rows, '1837', 2023, 'befolkning.alder.105.kvinner')?.value).toBe(1);
    expect(r.rows.some((x) => x.region === '1850')).toBe(false);
    expect(r.warnings).toEqual([
      `${path.join(FIX, '07459-befolkning-bred.csv')}: regionen '1850 Tysfjord' finnes ikke i kommuneregisteret; 2 rader er IKKE tatt med (legg koden til i register/kommuner.csv, eller bruk --keep-unknown-regions)`,
    ]);
    const kept = run('07459-befolkning-bred.csv', { keepUnknownRegions: true, sumSex: true });
    expect(row(kept.rows, '1850', 2024, 'befolkning.alder.0')?.value).toBe(2);
    expect(row(kept.rows, '1837', 2023, 'befolkning.alder.0')?.value).toBe(22 + 27);
    expect(row(kept.rows, '1837', 2024, 'befolkning.alder.105')?.value).toBe(0);
  });

  test('KOSTRA funksjon, art and regnskapsomfang become suffixes of the variable id', () => {
    const r = run('12362-funksjon-art.csv');
    expect([...new Set(r.rows.map((x) => x.variable))].sort()).toEqual([
      'ssb.12362.belop_per_innbygger.f202.agd2.konsern',
      'ssb.12362.belop_per_innbygger.fg2.agd2.konsern',
    ]);
    expect(row(r.rows, '1837', 2023, 'ssb.12362.belop_per_innbygger.fg2.agd2.konsern')?.value).toBe(43906);
    expect(row(r.rows, '1837', 2023, 'ssb.12362.belop_per_innbygger.fg2.agd2.konsern')?.unit).toBe('kr per innb');
    expect(row(r.rows, 'EKG06', 2023, 'ssb.12362.belop_per_innbygger.f202.agd2.konsern')?.symbol).toBe(':');
  });

  test('a non-number and a short row are reported with file:line', () => {
    expect(problemsOf(() => readSsbFile(path.join(FIX, 'broken-ikke-tall.csv')))).toEqual([
      "3: '7O115' i kolonnen '2022' er ikke et tall; forventet et tall (desimalkomma går bra) eller et av symbolene .. . : -",
    ]);
    expect(problemsOf(() => readSsbFile(path.join(FIX, 'broken-kort-rad.csv')))).toEqual(['3: raden har 3 felt; overskriftsraden (linje 1) har 4']);
  });

  test('no table number and no known variable asks for --table', () => {
    const text = '"region";"statistikkvariabel";"2023"\n"1837 Meløy";"Noe annet (kr)";"5"\n';
    expect(() => importSsb([readSsbBytes('f.csv', Buffer.from(text))], { register })).toThrow(/bruk --table <nummer>/);
    const r = importSsb([readSsbBytes('f.csv', Buffer.from(text))], { register, tableId: '12345' });
    expect(r.rows[0]).toMatchObject({ variable: 'ssb.12345.noe_annet', unit: 'kr', source: 'SSB 12345' });
  });

  test('a region given by name only is looked up in the register', () => {
    const text = '"region";"statistikkvariabel";"2023"\n"Meløy";"Frie inntekter per innbygger (kr)";"5"\n';
    expect(importSsb([readSsbBytes('f.csv', Buffer.from(text))], { register }).rows[0].region).toBe('1837');
  });

  test('helpers: decoding, delimiter, numbers, code/label, regions, ages, units, dimension names', () => {
    expect(decodeText(Buffer.from([0x4d, 0x65, 0x6c, 0xf8, 0x79])).text).toBe('Meløy');
    expect(decodeText(Buffer.from([0x4d, 0x65, 0x6c, 0xf8, 0x79])).encoding).toBe('windows-1252');
    expect(decodeText(Buffer.from('\ufeffMeløy', 'utf8'))).toEqual({ text: 'Meløy', encoding: 'utf-8-bom' });
    expect(detectDelimiter('"a";"b"\n"1,5";"2"\n')).toBe(';');
    expect(detectDelimiter('"a","b"\n"1,5","2"\n')).toBe(',');
    expect(parseSsbNumber('1 234,5')).toBe(1234.5);
    expect(parseSsbNumber('−3')).toBe(-3);
    expect(parseSsbNumber('1.2.3')).toBeUndefined();
    expect(splitCodeLabel('KOSAG110000 Frie inntekter')).toEqual({ code: 'KOSAG110000', label: 'Frie inntekter' });
    expect(splitCodeLabel('Frie inntekter (kr)')).toEqual({ code: '', label: 'Frie inntekter (kr)' });
    expect(splitCodeLabel('17 år')).toEqual({ code: '', label: '17 år' });
    expect(regionCodeOf('K-1837 Meløy')).toBe('1837');
    expect(regionCodeOf('EKG06 Kostragruppe 06')).toBe('EKG06');
    expect(regionCodeOf('301 Oslo')).toBe('0301');
    expect(regionCodeOf('Eidskog')).toBeUndefined();
    expect(ageOf('105+', '')).toEqual({ age: 105, plus: true });
    expect(ageOf('', '17 år')).toEqual({ age: 17, plus: false });
    expect(normalizeUnit('kr', 'Frie inntekter per innbygger (kr)')).toBe('kr per innb');
    expect(normalizeUnit(undefined, 'Netto driftsutgifter (1 000 kr)')).toBe('1000 kr');
    expect(normalizeUnit('personer', 'Personer')).toBe('antall');
    expect(normalizeUnit(undefined, 'Noe uten enhet')).toBeUndefined();
    expect(canonicalDim('KOKregnskapsomfa0000')).toBe('regnskapsomfang');
    expect(canonicalDim('kjønn')).toBe('kjonn');
    expect(canonicalDim('år')).toBe('tid');
    expect(compareVariableIds('befolkning.alder.2', 'befolkning.alder.10')).toBeLessThan(0);
    expect(formatValue(0.000001)).toBe('0.000001');
    expect(formatValue(null, ':')).toBe(':');
  });
});

describe('merging several files', () => {
  test('the same region/year/variable in two files is an error', () => {
    const a = readSsbFile(path.join(FIX, '12134-lang-latin1-crlf.csv'));
    expect(() => importSsb([a, a], { register })).toThrow(/1813 2020 kostra.frie_inntekter_kpi står også i/);
  });
});

describe('kommunedeck import ssb', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-import-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('writes sorted tidy CSV to --out and suggests variables.csv lines', async () => {
    const io = capture();
    const out = path.join(tmp, 'ssb.csv');
    const code = await runCli(['import', 'ssb', path.join(FIX, '12134-lang-latin1-crlf.csv'), path.join(FIX, '12134-bred-aar-utf8bom.csv'), '--out', out], io);
    expect(code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('# importert med kommunedeck fra 12134-lang-latin1-crlf.csv, 12134-bred-aar-utf8bom.csv');
    expect(lines[1]).toBe('region,year,variable,value,unit,source');
    expect(lines.slice(2, 5)).toEqual([
      '1813,2020,kostra.frie_inntekter_kpi,67545,kr per innb,SSB 12134',
      '1813,2020,kostra.netto_driftsresultat_pct,:,%,SSB 12134',
      '1820,2020,kostra.frie_inntekter_kpi,61293,kr per innb,SSB 12134',
    ]);
    expect(lines[lines.length - 1]).toBe('EKG06,2020,kostra.netto_driftsresultat_pct,-1.4,%,SSB 12134');
    expect(io.outLines).toEqual([]);
    expect(io.errLines[io.errLines.length - 1]).toBe(`Skrev ${out}: 16 observasjoner, 6 regioner, år 2020–2023, 3 variabler`);
  });

  test('the output loads with loadDataset and passes data check once the suggested variables are added', async () => {
    const data = path.join(tmp, 'data');
    fs.mkdirSync(path.join(data, 'register'), { recursive: true });
    fs.mkdirSync(path.join(data, 'observations'));
    fs.copyFileSync(path.resolve(__dirname, '..', '..', 'data', 'register', 'kommuner.csv'), path.join(data, 'register', 'kommuner.csv'));
    fs.writeFileSync(path.join(data, 'variables.csv'), 'id,label,unit,description\n');
    const io = capture();
    const out = path.join(data, 'observations', 'ssb-07459.csv');
    expect(await runCli(['import', 'ssb', path.join(FIX, '07459-befolkning-bred.csv'), '--sum-kjonn', '--data', data, '--out', out], io)).toBe(0);
    const start = io.errLines.findIndex((l) => /variabel\(er\) finnes ikke/.test(l));
    expect(io.errLines[start]).toBe(`3 variabel(er) finnes ikke i ${path.join(data, 'variables.csv')}; legg til disse linjene (og skriv gjerne en bedre beskrivelse):`);
    const suggested = io.errLines.slice(start + 1, start + 4).map((l) => l.trim());
    expect(suggested).toEqual([
      '"Folkemengde 1. januar, 0 år",antall,SSB 07459',
      '"Folkemengde 1. januar, 1 år",antall,SSB 07459',
      '"Folkemengde 1. januar, 105 år og eldre",antall,SSB 07459',
    ].map((s, i) => `befolkning.alder.${[0, 1, 105][i]},${s}`));
    expect(io.errLines.some((l) => l.startsWith("Advarsel: ") && l.includes("'1850 Tysfjord'"))).toBe(true);
    fs.appendFileSync(path.join(data, 'variables.csv'), suggested.join('\n') + '\n');
    const { dataset } = loadDataset(data);
    expect(dataset.value('1837', 2023, 'befolkning.alder.0')).toBe(49);
    const check = capture();
    expect(await runCli(['data', 'check', '--data', data], check)).toBe(0);
    expect(check.outLines).toEqual(['OK: 6 observasjoner, 0 tabeller, 3 variabler']);
  });

  test('writes to stdout without --out', async () => {
    const io = capture();
    expect(await runCli(['import', 'ssb', SAMPLE], io)).toBe(0);
    expect(io.outLines.join('\n').split('\n').slice(1)).toEqual([
      'region,year,variable,value,unit,source',
      '0301,2024,kostra.frie_inntekter_kpi,81240,kr per innb,SSB 12134',
      '4601,2024,kostra.frie_inntekter_kpi,66605,kr per innb,SSB 12134',
      '5001,2024,kostra.frie_inntekter_kpi,62853,kr per innb,SSB 12134',
    ]);
  });

  test('bad input is exit 1 with file:line, never a stack trace', async () => {
    for (const [args, expected] of [
      [[path.join(FIX, 'broken-ikke-tall.csv')], `Feil: ${path.join(FIX, 'broken-ikke-tall.csv')}:3: '7O115' i kolonnen '2022' er ikke et tall`],
      [[path.join(tmp, 'finnes-ikke.csv')], `Feil: fant ikke filen ${path.join(tmp, 'finnes-ikke.csv')}`],
      [[SAMPLE, '--table', '12'], "Feil: ugyldig tabellnummer '12'; forventet fem siffer, f.eks. 12134"],
      [[SAMPLE, '--variable', 'Frie inntekter'], "Feil: ugyldig variabel-id 'Frie inntekter'"],
    ] as [string[], string][]) {
      const io = capture();
      expect(await runCli(['import', 'ssb', ...args], io)).toBe(1);
      expect(io.errLines.join('\n')).toContain(expected);
      expect(io.errLines.join('\n')).not.toMatch(/\s+at .*\.ts:\d+/);
    }
  });

  test('a file whose regions are all unknown writes nothing and says why', async () => {
    const f = path.join(tmp, 'x.csv');
    fs.writeFileSync(f, '"region";"statistikkvariabel";"2023"\n"1850 Tysfjord";"Frie inntekter per innbygger (kr)";"5"\n');
    const io = capture();
    expect(await runCli(['import', 'ssb', f], io)).toBe(1);
    expect(io.errLines).toEqual([
      `Advarsel: ${f}: regionen '1850 Tysfjord' finnes ikke i kommuneregisteret; 1 rad er IKKE tatt med (legg koden til i register/kommuner.csv, eller bruk --keep-unknown-regions)`,
      'Feil: ingen observasjoner å skrive (se advarslene over)',
    ]);
  });

  test('--strict turns warnings into exit 1', async () => {
    const io = capture();
    expect(await runCli(['import', 'ssb', path.join(FIX, '07459-befolkning-bred.csv'), '--strict', '--out', path.join(tmp, 'o.csv')], io)).toBe(1);
  });
});

describe('the mapping table agrees with data/variables.csv', () => {
  test('every known SSB variable and every one-year age is in the catalogue with the same unit', () => {
    const { dataset } = loadDataset();
    for (const k of KNOWN_VARIABLES) expect([k.variable, dataset.variables.get(k.variable)?.unit]).toEqual([k.variable, k.unit]);
    for (let age = 0; age <= 105; age++) expect(dataset.variables.get(`befolkning.alder.${age}`)?.unit).toBe('antall');
  });

  test('--sum-kjonn also sums a non-population table that has a sex dimension', () => {
    const text = '"12345: Noe etter kjønn"\n"region";"kjønn";"statistikkvariabel";"2023"\n"1837 Meløy";"Menn";"Sysselsatte (personer)";"100"\n"1837 Meløy";"Kvinner";"Sysselsatte (personer)";"120"\n';
    const split = importSsb([readSsbBytes('f.csv', Buffer.from(text))], { register });
    expect(split.rows.map((r) => [r.variable, r.value])).toEqual([['ssb.12345.sysselsatte.menn', 100], ['ssb.12345.sysselsatte.kvinner', 120]]);
    const summed = importSsb([readSsbBytes('f.csv', Buffer.from(text))], { register, sumSex: true });
    expect(summed.rows.map((r) => [r.variable, r.value, r.unit])).toEqual([['ssb.12345.sysselsatte', 220, 'antall']]);
  });
});
