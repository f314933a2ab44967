/**
 * Reliability: every mistake a user can make with a deck, a data folder, an SSB file, a kommune, a year or an
 * output path ends in exit code 1, a clear bokmål message (with file:line where there is a file) and nothing
 * written. The CLI runs in-process (test/helpers/cli.ts); everything is built into temp folders.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../helpers/cli';
import { loadDataset } from '../../src/data/load';
import { yearRanges, yearsWithData } from '../../src/deck/resolve';
import { MAX_CELLS } from '../../src/data/import/jsonstat';
import { COUNCIL_DECK, dataCopy, filesUnder, lineOf, OBS_FILE, shown, SMALL_DECK, tempDir, writeDeck } from './support';

const SSB = path.resolve(__dirname, '..', 'fixtures', 'ssb');
const JSONSTAT = path.join(SSB, 'pxwebapi-v2-table-12134-frie-inntekter-2024.jsonstat2.json');

let tmp: string;
let out: string;
beforeAll(() => {
  tmp = tempDir('bad');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => {
  out = fs.mkdtempSync(path.join(tmp, 'out-'));
});

/** Exit 1, the message on stderr, no stack trace, and not a single file in the output folder. */
async function expectRefused(args: string[], message: RegExp | string): Promise<string> {
  const r = await cli(...args);
  expect(r.err).not.toMatch(/Intern feil|\n\s+at /);
  if (typeof message === 'string') expect(r.err).toContain(message);
  else expect(r.err).toMatch(message);
  expect(r.code).toBe(1);
  expect(filesUnder(out)).toEqual([]);
  return r.err;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('deck files', () => {
  const build = (deck: string) => ['build', deck, '--kommune', '1837', '--out', out + '/', '--emit-model', path.join(out, 'model.json')];

  test('malformed YAML: file:line:col and the parser’s reason', async () => {
    const deck = writeDeck(out, 'title: "Kommuneøkonomi\nyear: 2023\nslides: []\n', '../malformed.yaml');
    await expectRefused(build(deck), new RegExp(`^Feil: ${esc(shown(deck))}:\\d+:\\d+: ugyldig YAML: Missing closing "quote`));
    const tabs = writeDeck(out, 'title: t\nslides:\n\t- kind: title\n', '../tabs.yaml');
    await expectRefused(build(tabs), new RegExp(`^Feil: ${esc(shown(tabs))}:3:1: ugyldig YAML: `));
  });

  test.each([
    ['a list', '- title: t\n- slides: []\n', 'filen er en liste, ikke en presentasjon; forventet nøklene title og slides (se README "Deck language")'],
    ['a string', 'Kommuneøkonomien i Meløy\n', 'filen er en enkelt verdi, ikke en presentasjon; forventet nøklene title og slides (se README "Deck language")'],
    ['a number', '2023\n', 'filen er en enkelt verdi, ikke en presentasjon'],
    ['empty', '', 'filen er tom, ikke en presentasjon'],
  ])('valid YAML that is not a deck (%s)', async (_what, text, message) => {
    const deck = writeDeck(out, text, '../notadeck.yaml');
    await expectRefused(build(deck), `Feil: ${shown(deck)}:1:1: ${message}`);
    await expectRefused(['validate', deck], message);
  });

  test('unknown metric, slide kind and field: all at once, in file order, with the nearest names', async () => {
    const deck = writeDeck(
      out,
      [
        'title: t', //                                   1
        'year: 2023', //                                 2
        'slides:', //                                    3
        '  - kind: statment', //                         4
        '    metric: finans.netto_driftsresultat_pct', // 5
        '  - kind: statement', //                        6
        '    metric: inntektssystem.behovsindex', //     7
        '    capton: "Behovsindeks"', //                 8
        '  - kind: bullets', //                          9
        '    bullets: ["{{finans.brutto_driftsinntekt}}"]', // 10
      ].join('\n') + '\n',
      '../mistakes.yaml',
    );
    const f = shown(deck);
    const err = await expectRefused(build(deck), `Feil: ${f}:4:11: ukjent lysbildetype 'statment'; mente du 'statement'?`);
    const lines = err.replace(/^Feil: /, '').split('\n');
    expect(lines).toEqual([
      `${f}:4:11: ukjent lysbildetype 'statment'; mente du 'statement'?; tillatt: title, section, statement, bullets, table, chart, columns, kpi`,
      expect.stringMatching(new RegExp(`^${esc(f)}:7:13: ukjent nøkkeltall 'inntektssystem\\.behovsindex'; mente du .*'inntektssystem\\.behovsindeks'`)),
      expect.stringMatching(new RegExp(`^${esc(f)}:8:5: ukjent felt 'capton' i et lysbilde av typen statement; mente du 'caption'\\?`)),
      `${f}:10:18: ukjent nøkkeltall 'finans.brutto_driftsinntekt' i bullets; mente du 'finans.brutto_driftsinntekter' eller 'finans.brutto_driftsresultat'?`,
    ]);
  });

  test.each([
    ['an unclosed block', '{{#if (gt finans.netto_driftsresultat_pct 2)}}godt', 51, 'en blokk ({{#if …}}, {{#each …}}, {{#with …}}, {{#unless …}}) er ikke lukket; avslutt den med {{/if}} osv.'],
    ['a block closed by another name', '{{#if year}}x{{/each}}', 4, '{{#if}} er lukket med {{/each}}; lukk den med {{/if}}'],
    ['an unclosed {{', 'I {{kommune.navn er det', 21, 'ugyldig tegn i et {{…}}-uttrykk; mangler }} eller et anførselstegn?'],
    ['{{else}} outside a block', 'a {{else}} b', 3, '{{else}} står utenfor en {{#if}}-, {{#unless}}- eller {{#each}}-blokk'],
    ['a stray }', '{{year}}} kr', 7, 'et {{…}}-uttrykk er ufullstendig eller har en ekstra } eller )'],
  ])('a Handlebars syntax error (%s): where and what, in bokmål', async (_what, template, col, message) => {
    const deck = writeDeck(out, `title: t\nyear: 2023\nslides:\n  - kind: bullets\n    bullets: [a]\n    commentary: "${template}"\n`, '../hbs.yaml');
    // the template's column `col` is the file's column 17 + col: the opening quote is at column 17
    await expectRefused(build(deck), `Feil: ${shown(deck)}:6:${17 + col}: feil i malen (Handlebars): ${message} i commentary`);
  });

  test('the column of a syntax error is where the parser stopped', async () => {
    const deck = writeDeck(out, 'title: t\nyear: 2023\nslides:\n  - kind: bullets\n    bullets: ["Sum {{kr (plus 1 2}} kr"]\n', '../col.yaml');
    // the template starts after the quote at column 15; the parser stopped at the `}}` that should have been `)`
    await expectRefused(['validate', deck], new RegExp(`${esc(shown(deck))}:5:34: feil i malen \\(Handlebars\\): et \\{\\{…\\}\\}-uttrykk er ufullstendig`));
  });

  test('a deck file that is a folder, and a theme that does not exist', async () => {
    await expectRefused(['build', out, '--kommune', '1837'], /^Feil: kan ikke lese .* \(EISDIR\)/);
    const deck = writeDeck(out, SMALL_DECK.replace('year: 2020', 'year: 2020\ntheme: finnes-ikke'), '../theme.yaml');
    await expectRefused(build(deck), "Feil: fant ikke temaet 'finnes-ikke'; forventet en mappe under templates/ med theme.yaml, eller en sti til en theme.yaml");
  });
});

describe('data files: data check --data and build --data on a broken copy of data/', () => {
  const file = (dir: string) => shown(path.join(dir, 'observations', OBS_FILE));
  const original = fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'observations', OBS_FILE), 'utf8');
  const header = lineOf(original, /^region,/);
  const firstRow = header + 1;
  const firstValue = original.split('\n')[firstRow - 1].split(',')[3];

  test.each([
    ['the wrong delimiter (;)', (t: string) => t.replace(/,/g, ';'), header, "feil skilletegn: fant ';', forventet ',' (komma)"],
    ['a short row', (t: string) => t.replace(/^(1837,2020,[^,\n]*,[^,\n]*,[^,\n]*),[^\n]*$/m, '$1'), firstRow, 'raden har 5 felt; forventet 6 (region,year,variable,value,unit,source)'],
    [
      'a thousands separator (space)',
      (t: string) => t.replace(`,${firstValue},`, `,${firstValue.slice(0, -3)} ${firstValue.slice(-3)},`),
      firstRow,
      `'${firstValue.slice(0, -3)} ${firstValue.slice(-3)}' er ikke et tall; forventet et tall med punktum som desimaltegn og uten tusenskille, eller et av symbolene .. . : -`,
    ],
    [
      'a thousands separator (comma)',
      (t: string) => t.replace(`,${firstValue},`, `,${firstValue.slice(0, -3)},${firstValue.slice(-3)},`),
      firstRow,
      `raden har 7 felt; forventet 6 (region,year,variable,value,unit,source); '${firstValue.slice(0, -3)},${firstValue.slice(-3)}' ser ut som et tall med komma i: skriv det uten tusenskille og med punktum som desimaltegn (${firstValue} eller ${firstValue.slice(0, -3)}.${firstValue.slice(-3)})`,
    ],
    ['an empty file', () => '', 1, 'filen er tom; forventet en overskriftsrad (region,year,variable,value,unit,source)'],
    ['Latin-1 instead of UTF-8', (t: string) => Buffer.from(t, 'latin1'), 1, 'filen er ikke UTF-8 (lagret som Latin-1/Windows-1252?); lagre den som UTF-8'],
  ])('%s: file:line, exit 1, nothing loaded or written', async (_what, edit, line, message) => {
    const dir = dataCopy(tmp, edit as (t: string) => string);
    const expected = `${file(dir)}:${line}: ${message}`;
    const check = await cli('data', 'check', '--data', dir);
    expect(check.err.split('\n')[0]).toBe(expected);
    expect(check.err).toContain(`feil i datamappen ${dir}; ingenting er lastet`);
    expect(check.code).toBe(1);
    const deck = writeDeck(tmp, SMALL_DECK, 'small.yaml');
    await expectRefused(['build', deck, '--kommune', '1837', '--data', dir, '--out', out + '/'], `Feil: ${expected}`);
  });

  test('a BOM and CRLF line ends are accepted, with the same figures', async () => {
    const plain = await cli('data', 'check', '--data', dataCopy(tmp));
    expect(plain.code).toBe(0);
    const dir = dataCopy(tmp, (t) => '\uFEFF' + t.replace(/\n/g, '\r\n'));
    const r = await cli('data', 'check', '--data', dir);
    expect(r.err.split('\n').filter((l) => l !== '' && !l.startsWith('Advarsel'))).toEqual([]);
    expect(r.out.split('\n')[0]).toBe(plain.out.split('\n')[0]); // OK: n observasjoner, ...
    expect(r.code).toBe(0);
    const deck = writeDeck(tmp, SMALL_DECK, 'small.yaml');
    const built = await cli('build', deck, '--kommune', '1837', '--data', dir, '--out', path.join(out, 'bom.pptx'), '--emit-model', path.join(out, 'model.json'));
    expect(built.code).toBe(0);
    const model = JSON.parse(fs.readFileSync(path.join(out, 'model.json'), 'utf8'));
    expect(model.slides[0].value.replace(/\s/g, ' ')).toBe('2,2 %'); // 003 Tabell 1.1: netto driftsresultat 2020, from the CRLF + BOM file
  });

  test('a data folder that does not exist', async () => {
    const deck = writeDeck(tmp, SMALL_DECK, 'small.yaml');
    const missing = path.join(tmp, 'finnes-ikke');
    await expectRefused(['build', deck, '--kommune', '1837', '--data', missing, '--out', out + '/'], `Feil: ${missing}: datamappen finnes ikke; forventet en mappe med variables.csv, register/, observations/ og tables/`);
  });
});

describe('SSB import', () => {
  const doc = () => JSON.parse(fs.readFileSync(JSONSTAT, 'utf8'));
  const importTo = (file: string) => ['import', 'ssb', file, '--out', path.join(out, 'ssb.csv')];
  const write = (name: string, content: string) => {
    const f = path.join(tmp, name);
    fs.writeFileSync(f, content);
    return f;
  };

  test('a truncated JSON-stat2 download', async () => {
    const text = fs.readFileSync(JSONSTAT, 'utf8');
    const f = write('avkuttet.json', text.slice(0, Math.floor(text.length * 0.6)));
    await expectRefused(importTo(f), new RegExp(`^Feil: ${esc(f)}:\\d+: ugyldig JSON \\(.*\\); filen ser avkuttet ut, last den ned på nytt$`));
  });

  test('sizes that do not match the values', async () => {
    const d = doc();
    d.value = d.value.slice(0, 2);
    await expectRefused(importTo(write('verdier.json', JSON.stringify(d))), `"value" har 2 tall, men "size" gir 3 celler (produktet av størrelsene); filen er ufullstendig eller feil satt sammen`);
    const e = doc();
    e.size[0] = 4;
    await expectRefused(importTo(write('size.json', JSON.stringify(e))), 'dimensjonen KOKkommuneregion0000: "size" sier 4 kategorier, men "category" har 3');
  });

  test('category codes that are not codes, and a size product too large to read', async () => {
    const d = doc();
    d.dimension.Tid.category.index = [{ kode: 2024 }];
    await expectRefused(importTo(write('index.json', JSON.stringify(d))), 'dimensjonen Tid: "category.index" skal være en liste med koder, men har {"kode":2024}');
    // 5 dimensions of 30 categories are 24 300 000 cells: refused before any memory is taken
    const ids = ['Region', 'A', 'B', 'C', 'Tid'];
    const dim = (id: string) => ({ label: id, category: { index: Array.from({ length: 30 }, (_, i) => `${id}${i}`) } });
    const big = { version: '2.0', class: 'dataset', id: ids, size: ids.map(() => 30), dimension: Object.fromEntries(ids.map((id) => [id, dim(id)])), value: {} };
    await expectRefused(importTo(write('stor.json', JSON.stringify(big))), `"size" gir 24300000 celler (produktet av størrelsene); kommunedeck leser høyst ${MAX_CELLS}`);
  });

  test('regions the register does not know: a warning per region, and no file when nothing is left', async () => {
    const d = doc();
    d.dimension.KOKkommuneregion0000.category.index = { '9901': 0, '9902': 1, '9903': 2 };
    d.dimension.KOKkommuneregion0000.category.label = { '9901': 'Nyby', '9902': 'Gamleby', '9903': 'Midtby' };
    const f = write('ukjent-region.json', JSON.stringify(d));
    const err = await expectRefused(importTo(f), 'Feil: ingen observasjoner å skrive (se advarslene over)');
    expect(err).toContain(`Advarsel: ${f}: regionen '9901 Nyby' finnes ikke i kommuneregisteret; 1 rad er IKKE tatt med (legg koden til i register/kommuner.csv, eller bruk --keep-unknown-regions)`);
  });

  test('an output path below a file is refused, and leaves nothing behind', async () => {
    const blocker = path.join(out, 'fil');
    fs.writeFileSync(blocker, 'x');
    const r = await cli('import', 'ssb', JSONSTAT, '--out', path.join(blocker, 'ssb.csv'));
    expect(r.err).toMatch(new RegExp(`^Feil: kan ikke skrive ${esc(path.join(blocker, 'ssb.csv'))}: .*\\((EEXIST|ENOTDIR)\\)`));
    expect(r.code).toBe(1);
    expect(filesUnder(out)).toEqual(['fil']);
  });
});

describe('kommune and year', () => {
  const deck = () => writeDeck(tmp, SMALL_DECK, 'small.yaml');

  test.each([
    ['a misspelt name', 'Meloya', /^Feil: fant ingen kommune som heter 'Meloya'; mente du .*1837 Meløy/],
    ['an unknown number', '1899', /^Feil: ukjent kommunenummer 1899 i '1899'; registeret har de \d+ kommunene fra 2026/],
    ['a number and a name that do not agree', '1837 Bodø', "Feil: '1837 Bodø': 1837 er Meløy, ikke Bodø; sjekk nummeret eller skriv bare navnet"],
    ['an ambiguous name', 'Våler', "Feil: 'Våler' passer med flere: 3114 Våler (Østfold), 3419 Våler (Innlandet); skriv kommunenummeret"],
    ['an empty name', ' ', 'Feil: tom kommune; skriv et kommunenummer (f.eks. 1837) eller et navn (f.eks. Meløy)'],
  ])('%s', async (_what, kommune, message) => {
    await expectRefused(['build', deck(), '--kommune', kommune, '--out', out + '/'], message);
  });

  test('a year the data has no figure of the deck for: an error that lists the years with data, not a deck of "–"', async () => {
    const { dataset } = loadDataset();
    expect(yearsWithData(dataset, '1837')).toEqual(expect.arrayContaining([2020, 2022, 2023])); // 003 (2020) and 000 (2022 accounts, 2023 inntektssystem)
    // KOSTRA slides use the year before the deck year: 1989 and 1990; the deck has most figures for 2023 (source 000)
    const err = await expectRefused(
      ['build', COUNCIL_DECK, '--kommune', '1837', '--year', '1990', '--out', out + '/'],
      new RegExp(`^Feil: ${esc(shown(COUNCIL_DECK))}: ingen av tallene i presentasjonen finnes for Meløy \\(1837\\) i 1989–1990; presentasjonen har tall for Meløy for årene [\\d–, ]+, flest for 2023; velg et av dem med --year$`, 'm'),
    );
    expect(err).not.toMatch(/Skrev/);
  });

  test('a kommune the data has no figure for at all (a data folder without the national files)', async () => {
    const data = dataCopy(tmp);
    fs.rmSync(path.join(data, 'befolkning'), { recursive: true });
    for (const t of ['kostnadsindeks', 'robek']) fs.rmSync(path.join(data, 'tables', `${t}.csv`));
    await expectRefused(
      ['build', deck(), '--kommune', 'Oslo', '--data', data, '--out', out + '/'],
      `ingen av tallene i presentasjonen finnes for Oslo (0301) i 2020; datamappen har ingen tall for Oslo; hent tall fra SSB (kommunedeck fetch eller kommunedeck import ssb) eller velg en annen kommune`,
    );
  });

  test('a kommune with figures, but none of those this deck shows for the year: the years it has', async () => {
    await expectRefused(
      ['build', deck(), '--kommune', 'Oslo', '--out', out + '/'],
      `ingen av tallene i presentasjonen finnes for Oslo (0301) i 2020; dataene har tall for Oslo for årene 2005–2026, men ingen av årene har tall som denne presentasjonen viser; velg en annen presentasjon eller hent flere tall`,
    );
  });

  test('a deck of text only needs no data', async () => {
    const text = writeDeck(tmp, 'title: "Om {{kommune.navn}}"\nyear: 1990\nslides:\n  - kind: bullets\n    bullets: [Ett, To]\n', 'text.yaml');
    const r = await cli('build', text, '--kommune', 'Oslo', '--out', path.join(out, 'tekst.pptx'));
    expect(r.code).toBe(0);
    expect(filesUnder(out)).toEqual(['tekst.pptx']);
  });

  test('year ranges are short', () => {
    expect(yearRanges([2023, 2016, 2017, 2018, 2020, 2022])).toBe('2016–2018, 2020, 2022–2023');
    expect(yearRanges([2020])).toBe('2020');
  });
});

describe('output paths', () => {
  const deck = () => writeDeck(tmp, SMALL_DECK, 'small.yaml');
  const model = () => path.join(out, 'model.json');

  test('an output folder that does not exist: neither the deck nor the model is written', async () => {
    const missing = path.join(out, 'finnes-ikke');
    await expectRefused(['build', deck(), '--kommune', '1837', '--out', missing + '/', '--emit-model', model()], `Feil: utmappen ${missing} finnes ikke; lag den først (mkdir -p ${missing}) eller velg en annen med --out`);
    await expectRefused(['build', deck(), '--kommune', '1837', '--out', path.join(missing, 'x.pptx'), '--emit-model', model()], `Feil: utmappen ${missing} finnes ikke`);
  });

  test('a model path in a folder that does not exist: the deck is not written either', async () => {
    const missing = path.join(out, 'nei');
    await expectRefused(['build', deck(), '--kommune', '1837', '--out', path.join(out, 'x.pptx'), '--emit-model', path.join(missing, 'model.json')], `Feil: utmappen ${missing} finnes ikke`);
  });

  test('an output path whose parent is a file', async () => {
    const blocker = path.join(out, 'fil.txt');
    fs.writeFileSync(blocker, 'x');
    const r = await cli('build', deck(), '--kommune', '1837', '--out', path.join(blocker, 'x.pptx'));
    expect(r.err).toBe(`Feil: ${blocker} er ikke en mappe, men en fil; velg en annen plassering`);
    expect(r.code).toBe(1);
    expect(filesUnder(out)).toEqual(['fil.txt']);
  });

  test('a folder the file system will not write into (/proc)', async () => {
    const r = await cli('build', deck(), '--kommune', '1837', '--out', '/proc/kommunedeck.pptx');
    expect(r.err).toMatch(/^Feil: kan ikke skrive \/proc\/kommunedeck\.pptx: .* \((ENOENT|EACCES|EPERM|EROFS)\)/);
    expect(r.code).toBe(1);
    expect(fs.existsSync('/proc/kommunedeck.pptx')).toBe(false);
  });

  test('--out that is neither a .pptx nor a folder', async () => {
    await expectRefused(['build', deck(), '--kommune', '1837', '--out', path.join(out, 'deck.pdf')], `Feil: --out ${path.join(out, 'deck.pdf')}: forventet en .pptx-fil eller en mappe som slutter med /`);
  });
});
