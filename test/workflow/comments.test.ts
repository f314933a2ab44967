import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { prepareDeck, readDeckFile } from '../../src/build';
import { loadDataset } from '../../src/data/load';
import { DeckModel } from '../../src/deck/model';
import { ProblemsError } from '../../src/errors';
import { applyComments, parseComments, staleFigures } from '../../src/workflow/comments';
import { collectFigures, Figure, storeFor } from '../../src/workflow/figures';
import { cli } from '../helpers/cli';
import { openDeck } from '../helpers/pptx';
import { COUNCIL_DECK, shapeText, tempDir } from './helpers';

const DATA = path.resolve(__dirname, '../../data');

describe('the comments file: parsing', () => {
  test('problems are reported with file:line, all at once, with the nearest valid key', () => {
    const text = ['kommune: "1837"', 'slides:', '  utgiftsutjevning:', '    replce: "x"', '  befolkning:', '    replace: "a"', '    append: "b"', '  nokkeltall:', '    basis: [1, 2]', ''].join('\n');
    let err: ProblemsError | undefined;
    try {
      parseComments('k.yaml', text);
    } catch (e) {
      err = e as ProblemsError;
    }
    expect(err).toBeInstanceOf(ProblemsError);
    expect(err!.message.split('\n')).toEqual([
      "k.yaml:4: lysbildet 'utgiftsutjevning': ukjent nøkkel 'replce'; mente du 'replace'?; forventet generated, replace, append, notes, basis",
      "k.yaml:5: lysbildet 'befolkning': bruk enten replace (erstatter kommentaren) eller append (legger til), ikke begge",
      "k.yaml:9: lysbildet 'nokkeltall': basis må være auto eller nøkkeltall med tallene lysbildet viste",
    ]);
  });

  test('basis takes a number, a shown text, { value, shown } or shown texts by place; empty remarks are no remarks', () => {
    const c = parseComments('k.yaml', [
      'slides:',
      '  a:',
      '    replace:',
      '    notes: ""',
      '    basis:',
      '      m.one: 2.2',
      '      m.two: "57,7 mill"',
      '      m.three: { value: 790118000, shown: "790 118 000" }',
      '      m.four: { "Meløy | Innbyggere": "6 212" }',
      '  b:',
      '    basis: auto',
      '',
    ].join('\n'));
    const a = c.slides.get('a')!;
    expect(a.replace).toBeUndefined();
    expect(a.notes).toBeUndefined();
    expect(a.basis).toEqual(new Map<string, unknown>([
      ['m.one', { kind: 'single', value: 2.2, decimals: 1 }],
      ['m.two', { kind: 'single', shown: '57,7 mill' }],
      ['m.three', { kind: 'single', value: 790118000, shown: '790 118 000' }],
      ['m.four', { kind: 'places', places: { 'Meløy | Innbyggere': '6 212' } }],
    ]));
    expect(c.slides.get('b')!.basis).toBe('auto');
  });
});

describe('the comments file: applied to a resolved deck', () => {
  let model: DeckModel;
  let figures: Figure[];
  let ids: Set<string>;
  beforeAll(() => {
    const spec = readDeckFile(COUNCIL_DECK);
    const { dataset } = loadDataset(DATA);
    model = prepareDeck(spec, dataset, { kommune: '1837' }).model;
    figures = collectFigures(spec, model, storeFor(dataset, model), (c) => dataset.regionName(c));
    ids = new Set(spec.slides.map((s) => s.id!).filter(Boolean));
  });
  const slide = (m: DeckModel, id: string) => m.slides.find((s) => s.id === id)!;

  test('replace, append and notes change only the slides named, and the input model stays as it was', () => {
    const before = JSON.stringify(model);
    const c = parseComments('k.yaml', [
      'slides:',
      '  utgiftsutjevning:',
      '    replace: "Meløy er dyr å drive, og får derfor utgiftsutjevning."',
      '  befolkning:',
      '    append: "Nedgangen er størst blant de unge."',
      '    notes: "Spør om skolestrukturen."',
      '',
    ].join('\n'));
    const r = applyComments(model, c, figures, ids);
    expect(JSON.stringify(model)).toBe(before);
    expect(slide(r.model, 'utgiftsutjevning').commentary).toBe('Meløy er dyr å drive, og får derfor utgiftsutjevning.');
    expect(slide(r.model, 'befolkning').commentary).toBe(`${slide(model, 'befolkning').commentary} Nedgangen er størst blant de unge.`);
    expect(slide(r.model, 'befolkning').notes).toBe(`Spør om skolestrukturen.\n\n${slide(model, 'befolkning').notes}`);
    expect(slide(r.model, 'nokkeltall')).toBe(slide(model, 'nokkeltall'));
    expect(r.warnings).toEqual([]);
  });

  test('a remark written for other figures is reported (slide, metric, old → new) and marked in the notes only', () => {
    const c = parseComments('k.yaml', [
      'slides:',
      '  brutto-driftsinntekter:',
      '    append: "Det meste er bundet opp i lovpålagte tjenester."',
      '    basis:',
      '      finans.brutto_driftsinntekter: { value: 765896000, shown: "765 896 000" }',
      '  utgiftsutjevning:',
      '    replace: "Egen tekst."',
      '    basis:',
      '      inntektssystem.utgiftsutjevning: "57,7 mill"',
      '      inntektssystem.behovsindeks: 1.14791',
      '  referansekommuner:',
      '    notes: "Sunndal er nærmest i størrelse."',
      '    basis:',
      '      kostra.innbyggere: { "Innbyggere | Meløy": "6 212", "Innbyggere | Sunndal": "7 000", "Innbyggere | Saltdal": "4 650", "Innbyggere | Midtre Gauldal": "6 133" }',
      '',
    ].join('\n'));
    const r = applyComments(model, c, figures, ids);
    expect(r.stale).toEqual([
      { slideId: 'brutto-driftsinntekter', metric: 'finans.brutto_driftsinntekter', old: '765 896 000', new: '790 118 000' },
      { slideId: 'referansekommuner', metric: 'kostra.innbyggere', place: 'Innbyggere | Sunndal', old: '7 000', new: '7 110' },
    ]);
    expect(r.warnings).toEqual([
      "k.yaml:2: kommentaren til lysbildet 'brutto-driftsinntekter' ble skrevet for andre tall enn lysbildet viser nå: finans.brutto_driftsinntekter: 765 896 000 → 790 118 000",
      "k.yaml:11: kommentaren til lysbildet 'referansekommuner' ble skrevet for andre tall enn lysbildet viser nå: kostra.innbyggere (Innbyggere | Sunndal): 7 000 → 7 110",
    ]);
    const bdi = slide(r.model, 'brutto-driftsinntekter');
    expect(bdi.notes).toMatch(/^OBS: Konsulentens kommentar til dette lysbildet ble skrevet for andre tall\. Endret siden: finans\.brutto_driftsinntekter: 765 896 000 → 790 118 000/);
    expect(bdi.commentary).not.toMatch(/OBS/);
    // a number written by hand is compared at the precision it was written with (1,14791 → 1,148 → 1,15)
    expect(staleFigures('u', new Map([['inntektssystem.behovsindeks', { kind: 'single', value: 1.14791, decimals: 5 }]]), figures.filter((f) => f.slideId === 'utgiftsutjevning'))).toEqual([]);
    expect(staleFigures('u', new Map([['inntektssystem.behovsindeks', { kind: 'single', value: 1.1479, decimals: 4 }]]), figures.filter((f) => f.slideId === 'utgiftsutjevning'))).toEqual([]);
    expect(staleFigures('u', new Map([['inntektssystem.behovsindeks', { kind: 'single', value: 1.148, decimals: 3 }]]), figures.filter((f) => f.slideId === 'utgiftsutjevning'))).toEqual([]);
    expect(staleFigures('u', new Map([['inntektssystem.behovsindeks', { kind: 'single', value: 1.15, decimals: 2 }]]), figures.filter((f) => f.slideId === 'utgiftsutjevning'))).toHaveLength(0);
    expect(staleFigures('u', new Map([['inntektssystem.behovsindeks', { kind: 'single', value: 1.14, decimals: 2 }]]), figures.filter((f) => f.slideId === 'utgiftsutjevning'))).toEqual([
      { slideId: 'u', metric: 'inntektssystem.behovsindeks', old: '1.14', new: '1,14791' },
    ]);
  });

  test('remarks for slides the deck does not have, and remarks waiting for basis: auto, are warnings', () => {
    const c = parseComments('k.yaml', ['slides:', '  utgiftsutjevnig:', '    replace: "x"', '  nokkeltall:', '    append: "y"', '    basis: auto', ''].join('\n'));
    const r = applyComments(model, c, figures, ids);
    expect(r.unknown).toEqual(['utgiftsutjevnig']);
    expect(r.unstamped).toEqual(['nokkeltall']);
    expect(r.warnings[0]).toBe("k.yaml:2: presentasjonen har ikke noe lysbilde med id 'utgiftsutjevnig'; mente du 'utgiftsutjevning'?; kommentaren er ikke brukt");
    expect(r.warnings[1]).toMatch(/k\.yaml:4: lysbildet 'nokkeltall' har basis: auto; kjør kommunedeck comments stamp/);
  });
});

describe('kommunedeck comments init / build / stamp', () => {
  let dir: string;
  let comments: string;
  beforeAll(() => {
    dir = tempDir('comments');
    comments = path.join(dir, 'kommentarer', '1837-kommuneokonomi.yaml');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('init writes every slide id with its generated text and the figures it shows; a second init refuses', async () => {
    const r = await cli('comments', 'init', COUNCIL_DECK, '--kommune', 'Meløy', '--comments', comments);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(comments, 'utf8');
    const doc = parseYaml(text);
    const specIds = readDeckFile(COUNCIL_DECK).slides.map((s) => s.id).filter(Boolean);
    expect(Object.keys(doc.slides)).toEqual(specIds);
    expect(doc).toMatchObject({ kommune: '1837', deck: 'kommuneokonomi', year: 2023 });
    // 000 Utgiftsutjevning 2023 (commentary) and 000 Brutto driftsinntekter 2022 (the slide's value)
    expect(doc.slides.utgiftsutjevning.generated).toBe('Med kostnadsindeks 1,14791 regnes Meløy som dyrere å drive enn snittet (1,0) og får 57,7 mill kroner i utgiftsutjevning.');
    expect(doc.slides.utgiftsutjevning.basis['inntektssystem.utgiftsutjevning']).toEqual({ value: expect.closeTo(57745390.8, 0), shown: '57,7 mill' });
    expect(text).toContain('finans.brutto_driftsinntekter: { value: 790118000, shown: "790 118 000" }');
    expect(doc.slides['beste-praksis'].basis['kostra.beste_praksis']['Sum | Differanse i kroner']).toBe('-170 923 180');
    expect(doc.slides.utgiftsutjevning.replace).toBeNull();
    // the slide left out for Meløy 2022 is listed all the same, and said to be left out
    expect(text).toMatch(/# statement: Inntektsnivå sammenlignet med referansene \(utelatt for Meløy 2023: data mangler\)\n {2}inntektsniva:/);

    const again = await cli('comments', 'init', COUNCIL_DECK, '--kommune', '1837', '--comments', comments);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/finnes allerede; kommunedeck overskriver aldri konsulentens kommentarer/);
    expect(fs.readFileSync(comments, 'utf8')).toBe(text);
  });

  test('a build applies the remarks, warns about remarks written for other figures, and never writes the file', async () => {
    let text = fs.readFileSync(comments, 'utf8');
    text = text
      .replace(/( {2}utgiftsutjevning:\n(?: {4}generated: .*\n)?) {4}replace:\n/, '$1    replace: "Meløy regnes som dyr å drive og får derfor penger gjennom utgiftsutjevningen."\n')
      .replace(/( {2}brutto-driftsinntekter:\n(?: {4}.*\n){3}) {4}notes:\n/, '$1    notes: "Husk at dette er kommunens tall, ikke konsernets."\n')
      .replace('finans.brutto_driftsinntekter: { value: 790118000, shown: "790 118 000" }', 'finans.brutto_driftsinntekter: { value: 765896000, shown: "765 896 000" }');
    fs.writeFileSync(comments, text);
    const out = path.join(dir, 'deck.pptx');
    const r = await cli('build', COUNCIL_DECK, '--kommune', '1837', '--comments', comments, '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Advarsel: .*1837-kommuneokonomi\.yaml:\d+: kommentaren til lysbildet 'brutto-driftsinntekter' ble skrevet for andre tall enn lysbildet viser nå: finans\.brutto_driftsinntekter: 765 896 000 → 790 118 000/);
    expect(fs.readFileSync(comments, 'utf8')).toBe(text);
    const deck = openDeck(out);
    const i = deck.titles.indexOf('Utgiftsutjevningen 2023: Meløy mot landet');
    expect(shapeText(deck.slideXml[i], 'kd-commentary')).toBe('Meløy regnes som dyr å drive og får derfor penger gjennom utgiftsutjevningen.');
    const j = deck.titles.indexOf('Økonomisk situasjon i Meløy');
    expect(deck.notesText[j]).toMatch(/^OBS: Konsulentens kommentar .* 765 896 000 → 790 118 000\. Les teksten på nytt før møtet\. Husk at dette er kommunens tall, ikke konsernets\. Slik er tallene beregnet/);
    expect(deck.slideText[j]).not.toMatch(/OBS|765 896 000/);
  });

  test('--strict makes a stale remark an error, and no deck is written', async () => {
    const out = path.join(dir, 'strict.pptx');
    const r = await cli('build', COUNCIL_DECK, '--kommune', '1837', '--comments', comments, '--out', out, '--strict');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Feil: --strict: kommentarfilen .* stemmer ikke med presentasjonen, og ingen presentasjon er skrevet:\n.*'brutto-driftsinntekter'.*765 896 000 → 790 118 000/);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('comments stamp records the figures shown now for the slides named and for basis: auto, keeping the rest of the file', async () => {
    let text = fs.readFileSync(comments, 'utf8');
    // a remark the consultant added by hand, asking for its basis to be recorded
    text = text.replace(/( {2}nokkeltall:\n(?: {4}generated: .*\n)?) {4}replace:\n {4}append:\n {4}notes:\n {4}basis:\n(?: {6}.*\n)+/, '$1    append: "Lånegjelden er høy."\n    basis: auto\n');
    fs.writeFileSync(comments, text);
    const warn = await cli('build', COUNCIL_DECK, '--kommune', '1837', '--comments', comments, '--out', path.join(dir, 'w.pptx'));
    expect(warn.err).toMatch(/lysbildet 'nokkeltall' har basis: auto; kjør kommunedeck comments stamp/);

    const r = await cli('comments', 'stamp', COUNCIL_DECK, '--kommune', '1837', '--comments', comments, '--slide', 'brutto-driftsinntekter');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Lagret tallene for brutto-driftsinntekter, nokkeltall/);
    const stamped = fs.readFileSync(comments, 'utf8');
    expect(stamped).toContain('finans.brutto_driftsinntekter: { value: 790118000, shown: "790 118 000" }');
    expect(stamped).toContain('Husk at dette er kommunens tall, ikke konsernets.');
    expect(stamped).toContain('# Konsulentens kommentarer, lysbilde for lysbilde');
    expect(parseYaml(stamped).slides.nokkeltall.basis['finans.renteeksponering_1pp']).toEqual({ value: 3764830, shown: '3,76 mill' });

    const ok = await cli('build', COUNCIL_DECK, '--kommune', '1837', '--comments', comments, '--out', path.join(dir, 'ok.pptx'), '--strict');
    expect(ok.err).not.toMatch(/kommentar/);
    expect(ok.code).toBe(0);
  });

  test('the default file kommentarer/<nr>-<deck>.yaml is found from the current directory; another kommune’s file is refused', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await cli('build', COUNCIL_DECK, '--kommune', '1837', '--out', 'default.pptx');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Kommentarer fra kommentarer\/1837-kommuneokonomi\.yaml/);
      fs.writeFileSync('other.yaml', fs.readFileSync(comments, 'utf8').replace('kommune: "1837"', 'kommune: "1820"'));
      const wrong = await cli('build', COUNCIL_DECK, '--kommune', '1837', '--comments', 'other.yaml', '--out', 'wrong.pptx');
      expect(wrong.code).toBe(1);
      expect(wrong.err).toMatch(/other\.yaml: kommentarfilen gjelder kommune 1820, men presentasjonen bygges for 1837 Meløy/);
      expect(fs.existsSync('wrong.pptx')).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });
});
