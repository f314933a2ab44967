/**
 * Point 7 of issue 16: slides and prose call a kommune by the name bokmål text uses ("Trondheim", not
 * "Trondheim - Tråante"); data/register/navn-bokmal.csv maps every multilingual official name to it, and every
 * official form still finds the kommune.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { outputFileName, prepareDeck, readDeckFile } from '../../src/build';
import { loadDataset } from '../../src/data/load';
import { formatProblem, ProblemsError } from '../../src/errors';
import {
  DEFAULT_BOKMAL_NAME_FILE,
  applyBokmalNames,
  buildRegisterFromKlass,
  findKommune,
  isMultilingualName,
  kommuneNameForms,
  nameParts,
  nearestKommuner,
  parseBokmalNames,
  parseRegisterCsv,
  readRegisterFile,
} from '../../src/data/register';

const register = readRegisterFile();
const all = [...register.values()];
const multilingual = all.filter((k) => isMultilingualName(k.officialName ?? k.name));

describe('bokmål names of multilingual kommuner', () => {
  test.each([
    ['0301', 'Oslo - Oslove', 'Oslo'],
    ['5001', 'Trondheim - Tråante', 'Trondheim'],
    ['5612', 'Guovdageaidnu - Kautokeino', 'Kautokeino'],
    ['5610', 'Kárášjohka - Karasjok', 'Karasjok'],
    ['5041', 'Snåase - Snåsa', 'Snåsa'],
    ['5536', 'Lyngen - Ivgu - Yykeä', 'Lyngen'],
    ['5540', 'Gáivuotna - Kåfjord - Kaivuono', 'Kåfjord'],
  ])('%s %s is %s in bokmål text and keeps its official name', (code, official, bokmal) => {
    expect(register.get(code)?.name).toBe(bokmal);
    expect(register.get(code)?.officialName).toBe(official);
  });

  test('every multilingual name in the register has a bokmål form without " - ", one of its own parts', () => {
    expect(multilingual.length).toBe(29);
    for (const k of multilingual) {
      expect(k.name).not.toContain(' - ');
      expect(nameParts(k.officialName!)).toContain(k.name);
    }
  });

  test('one-language names are unchanged; a fylke in brackets stays (it tells two kommuner apart)', () => {
    expect(register.get('1837')).toMatchObject({ name: 'Meløy', officialName: 'Meløy' });
    expect(register.get('1818')).toMatchObject({ name: 'Herøy (Nordland)', officialName: 'Herøy (Nordland)' });
    expect(register.get('EKG06')?.name).toBe(register.get('EKG06')?.officialName);
  });

  test('the dataset loader gives the same names as readRegisterFile', () => {
    const ds = loadDataset().dataset;
    for (const k of multilingual) expect(ds.register.get(k.code)).toMatchObject({ name: k.name, officialName: k.officialName });
    expect(ds.regionName('5001')).toBe('Trondheim');
  });

  test('kommuner.csv keeps the official names: build-register regenerates it unchanged from the bokmål-named register', () => {
    const klass = fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'ssb', 'klass-131-kommuner-2026-01-01.json'), 'utf8');
    const file = path.resolve(__dirname, '..', '..', 'data', 'register', 'kommuner.csv');
    expect(buildRegisterFromKlass(klass, register)).toBe(fs.readFileSync(file, 'utf8'));
  });
});

describe('every official form and every language part finds the kommune', () => {
  test.each([
    ['Oslove', '0301'],
    ['Oslo', '0301'],
    ['Oslo - Oslove', '0301'],
    ['Tråante', '5001'],
    ['traante', '5001'],
    ['Trondheim', '5001'],
    ['Guovdageaidnu', '5612'],
    ['Kautokeino', '5612'],
    ['Kárášjohka', '5610'],
    ['Snåase', '5041'],
    ['Yykeä', '5536'],
    ['5001 Tråante', '5001'],
    ['5001 Trondheim - Tråante', '5001'],
    ['0301 Oslo', '0301'],
  ])('%s', (q, code) => {
    expect(findKommune(register, q).code).toBe(code);
  });

  test('each form of every multilingual kommune, by name and with its number', () => {
    for (const k of multilingual) {
      for (const form of [k.name, k.officialName!, ...nameParts(k.officialName!)]) {
        expect(findKommune(register, form).code).toBe(k.code);
        expect(findKommune(register, `${k.code} ${form}`).code).toBe(k.code);
        expect(nearestKommuner(register, form, 1)[0].code).toBe(k.code);
      }
    }
  });

  test('kommuneNameForms holds the forms of both names', () => {
    expect(kommuneNameForms(register.get('0301')!)).toEqual(['oslo oslove', 'oslo', 'oslove']);
    expect(kommuneNameForms({ code: '9', name: 'Aure', kind: 'kommune', current: true })).toEqual(['aure']);
  });

  test('a typo lists the bokmål name', () => {
    expect(() => findKommune(register, 'Kautokeinoo')).toThrow(/mente du 5612 Kautokeino,/);
  });
});

describe('navn-bokmal.csv is validated (data check)', () => {
  const regText = 'code,name,kind,current,note\n0301,Oslo - Oslove,kommune,ja,\n5001,Trondheim - Tråante,kommune,ja,\n1837,Meløy,kommune,ja,\n';
  const header = 'code,official,bokmal,rule\n';

  test('the shipped file is clean', () => {
    const parsed = parseBokmalNames('navn-bokmal.csv', fs.readFileSync(DEFAULT_BOKMAL_NAME_FILE, 'utf8'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.names.length).toBe(29);
  });

  test('bad rows give file:line messages', () => {
    const text = `${header}0301,Oslo - Oslove,Oslo - Oslove,x\n5001,Trondheim - Tråante,Trondhjem,x\n5001,Trondheim - Tråante,Trondheim,x\n1837,Meløy,,x\n`;
    const { problems } = parseBokmalNames('n.csv', text);
    expect(problems.map(formatProblem)).toEqual([
      "n.csv:2: bokmålsnavnet 'Oslo - Oslove' har flere språkformer; skriv bare den norske, f.eks. Oslo",
      "n.csv:3: bokmålsnavnet 'Trondhjem' er ikke en av formene i 'Trondheim - Tråante' (Trondheim, Tråante)",
      'n.csv:4: kommunenummeret 5001 står to ganger',
      'n.csv:5: tomt felt; alle kolonnene (code,official,bokmal,rule) må fylles ut',
    ]);
  });

  test('a row that does not match the register, and a multilingual name without a row, are problems', () => {
    const reg = parseRegisterCsv('kommuner.csv', regText);
    const { names } = parseBokmalNames('n.csv', `${header}0301,Oslo - Oslove,Oslo,norsk\n9999,Nyby - Uusi,Nyby,norsk\n`);
    expect(applyBokmalNames(reg, 'n.csv', names, true).map(formatProblem)).toEqual([
      "n.csv:3: 'Nyby - Uusi': 9999 finnes ikke i kommuneregisteret; rett raden eller fjern den",
      'n.csv: 5001 Trondheim - Tråante har navn på flere språk, men ingen rad her; legg til f.eks. 5001,Trondheim - Tråante,Trondheim,norsk navn',
    ]);
    expect(reg.get('0301')?.name).toBe('Oslo');
  });

  test('data check reports a bad navn-bokmal.csv in a data folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-names-'));
    try {
      fs.cpSync(path.resolve(__dirname, '..', '..', 'data'), dir, { recursive: true });
      const file = path.join(dir, 'register', 'navn-bokmal.csv');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('5001,Trondheim - Tråante,Trondheim,', '5001,Trondheim - Tråante,Trondhjem,'));
      let err: unknown;
      try {
        loadDataset(dir);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ProblemsError);
      const messages = (err as ProblemsError).problems.map(formatProblem);
      expect(messages).toContainEqual(expect.stringMatching(/navn-bokmal\.csv:\d+: bokmålsnavnet 'Trondhjem' er ikke en av formene/));
      expect(messages).toContainEqual(expect.stringMatching(/navn-bokmal\.csv: 5001 Trondheim - Tråante har navn på flere språk, men ingen rad her/));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a data folder without its own navn-bokmal.csv uses the embedded one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-names-'));
    try {
      fs.mkdirSync(path.join(dir, 'register'));
      fs.copyFileSync(path.resolve(__dirname, '..', '..', 'data', 'register', 'kommuner.csv'), path.join(dir, 'register', 'kommuner.csv'));
      expect(readRegisterFile(path.join(dir, 'register', 'kommuner.csv')).get('5612')?.name).toBe('Kautokeino');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a built deck says "Trondheim"', () => {
  test('title, kommune and output file name of the council deck for 5001', () => {
    const dataset = loadDataset().dataset;
    const deck = path.join('decks', 'kommuneokonomi.yaml');
    const { model } = prepareDeck(readDeckFile(deck), dataset, { kommune: 'Tråante' });
    expect(model.kommune.name).toBe('Trondheim');
    expect(model.title).toBe('Kommuneøkonomien i Trondheim: status og fremtidsutsikter');
    expect(model.title).not.toContain('Tråante');
    const texts = JSON.stringify(model.slides);
    expect(texts).toContain('Trondheim');
    expect(texts).not.toContain('Tråante');
    expect(outputFileName(model.kommune, deck, model.year)).toBe('5001-trondheim-kommuneokonomi-2023.pptx');
  });
});
