/**
 * The pieces of refresh on their own: rewriting a paragraph's text inside its runs, a chart whose categories grow
 * (caches, formulas, workbook), a chart point edited in PowerPoint, and a deck whose slides have no ids.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { buildDeck } from '../../src/build';
import { loadDataset } from '../../src/data/load';
import { refreshPackage } from '../../src/refresh';
import { readSeries, updateChart } from '../../src/refresh/chart';
import { paragraphText, replaceParagraphText } from '../../src/refresh/text';
import { editWorkbook, formatRange, parseRange, resize } from '../../src/refresh/workbook';
import { OoxmlPackage, finishPackage, relationshipsOf } from '../../src/render/package';
import { readDeckRecord, readShapeBindings, writeDeckRecord } from '../../src/render/package/bindings';
import { loadTheme, DEFAULT_THEME_DIR } from '../../src/render/theme';
import { buildSampleDeck } from '../helpers/decks';
import { formatNumber } from '../../src/refresh';

const run = (rPr: string, t: string) => `<a:r><a:rPr lang="nb-NO" ${rPr}/><a:t>${t}</a:t></a:r>`;

describe('replaceParagraphText', () => {
  const p = `<a:p><a:pPr algn="l"/>${run('b="0"', 'Samlet økte utgiftene med ')}${run('b="1"', '20,4 mill')}${run('b="0"', ' kroner.')}<a:endParaRPr lang="nb-NO"/></a:p>`;
  const old = 'Samlet økte utgiftene med 20,4 mill kroner.';

  it('changes only the run that holds the changed figure (a bold number stays bold)', () => {
    const out = replaceParagraphText(p, old, 'Samlet økte utgiftene med 27,2 mill kroner.')!;
    expect(out).toBe(p.replace('20,4 mill', '27,2 mill'));
  });

  it('puts a change that spans runs into the first run it touches and drops runs left empty', () => {
    const out = replaceParagraphText(p, old, 'Samlet falt utgiftene.')!;
    expect(paragraphText(out)).toBe('Samlet falt utgiftene.');
    // the bold run held only changed text and is gone; the last run keeps the full stop
    expect(out.match(/<a:r>/g)!.length).toBe(2);
    expect(out).not.toContain('b="1"');
    expect(out).toContain(`${run('b="0"', 'Samlet falt utgiftene')}${run('b="0"', '.')}`);
    expect(out).toContain('<a:pPr algn="l"/>');
  });

  it('escapes XML, refuses a paragraph whose text is not the old text, and adds a run to an empty paragraph', () => {
    expect(paragraphText(replaceParagraphText(p, old, 'A & B <C>')!)).toBe('A & B <C>');
    expect(replaceParagraphText(p, 'noe annet', 'x')).toBeUndefined();
    const empty = '<a:p><a:endParaRPr lang="nb-NO" sz="1500"/></a:p>';
    expect(replaceParagraphText(empty, '', '12')).toBe('<a:p><a:r><a:rPr lang="nb-NO" sz="1500"/><a:t>12</a:t></a:r><a:endParaRPr lang="nb-NO" sz="1500"/></a:p>');
  });
});

describe('workbook ranges', () => {
  it('parse, resize and format A1 ranges', () => {
    const r = parseRange('Sheet1!$A$2:$A$5')!;
    expect(r).toEqual({ sheet: 'Sheet1', c1: 1, r1: 2, c2: 1, r2: 5 });
    expect(formatRange(resize(r, 6))).toBe('Sheet1!$A$2:$A$7');
    expect(formatRange(resize(parseRange("'Ark 1'!$B$1:$E$1")!, 2))).toBe("'Ark 1'!$B$1:$C$1");
    expect(parseRange('label 0')).toBeUndefined();
  });
});

describe('updateChart', () => {
  let pkg: OoxmlPackage;
  const REGIONS = ['Meløy', 'Alstahaug', 'Brønnøy', 'Hadsel', 'Landet uten Oslo'];
  const built = { kind: 'chart' as const, categories: REGIONS, series: [{ name: 'Netto driftsresultat', values: [2.2, -1.5, 0.3, 4.1, 2.9] }] };
  beforeAll(async () => {
    pkg = OoxmlPackage.fromZip(finishPackage(await buildSampleDeck(), { theme: loadTheme(path.join(DEFAULT_THEME_DIR, 'theme.yaml')), date: new Date('2023-06-30T00:00:00Z') }));
  });

  it('rewrites caches, formulas and workbook cells when the number of categories grows', () => {
    const chart = pkg.text('ppt/charts/chart1.xml');
    const next = { kind: 'chart' as const, categories: [...REGIONS, 'Saltdal'], series: [{ name: 'Netto driftsresultat', values: [2.2, -1.5, 0.3, 4.1, 2.9, 1.1] }] };
    const up = updateChart(chart, built, next, formatNumber);
    if ('error' in up) throw new Error(up.error);
    const [s] = readSeries(up.xml);
    expect(s.cats).toEqual(next.categories);
    expect(s.values).toEqual(next.series[0].values);
    expect([s.catF, s.valF]).toEqual(['Sheet1!$A$2:$A$7', 'Sheet1!$B$2:$B$7']);
    expect(up.lastRow).toBe(7);
    const bookPart = relationshipsOf(pkg, 'ppt/charts/chart1.xml')[0].part;
    const book = editWorkbook(pkg.bytes(bookPart), { writes: up.writes, clears: up.clears, lastRow: up.lastRow }, new Date('2023-06-30T00:00:00Z'))!;
    const files = unzipSync(book);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    const strings = [...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
    const a7 = /<c r="A7"[^>]*t="s"[^>]*><v>(\d+)<\/v><\/c>/.exec(sheet)![1];
    expect(strings[Number(a7)]).toBe('Saltdal');
    expect(sheet).toContain('<c r="B7"><v>1.1</v></c>');
    expect(sheet).toContain('<dimension ref="A1:B7"/>');
    expect(strFromU8(files['xl/tables/table1.xml'])).toMatch(/ref="A1:B7"/);
  });

  it('keeps a point edited in the chart (Edit data) and reports it; updates the others', () => {
    const chart = pkg.text('ppt/charts/chart1.xml').replace('<c:v>-1.5</c:v>', '<c:v>-1.6</c:v>');
    const next = { kind: 'chart' as const, categories: REGIONS, series: [{ name: 'Netto driftsresultat', values: [2.2, -1.7, 0.4, 4.1, 2.9] }] };
    const up = updateChart(chart, built, next, formatNumber);
    if ('error' in up) throw new Error(up.error);
    expect(readSeries(up.xml)[0].values).toEqual([2.2, -1.6, 0.4, 4.1, 2.9]);
    expect(up.changes.map((c) => [c.what, c.old, c.new])).toEqual([['diagram, serie «Netto driftsresultat», Brønnøy', '0,3', '0,4']]);
    expect(up.kept.map((c) => [c.what, c.old, c.new])).toEqual([['diagram, serie «Netto driftsresultat», Alstahaug', '-1,6', '-1,7']]);
    // what is recorded as built: the new figure where applied, the old built one where the consultant's stands
    expect(up.built.series[0].values).toEqual([2.2, -1.5, 0.4, 4.1, 2.9]);
  });

  it('refuses when a series was deleted from the chart', () => {
    const two = { ...built, series: [...built.series, { name: 'Mål', values: [2, 2, 2, 2, 2] }] };
    expect(updateChart(pkg.text('ppt/charts/chart1.xml'), two, two, formatNumber)).toEqual({ error: expect.stringMatching(/en serie er slettet/) });
  });
});

describe('a deck whose slides have no ids', () => {
  let tmp: string;
  let built: Uint8Array;
  const DATA = path.resolve(__dirname, '../../data');
  /** a copy of the data with one observation file edited */
  const dataWith = (name: string, file: string, from: RegExp, to: string) => {
    const dir = path.join(tmp, name);
    fs.cpSync(DATA, dir, { recursive: true });
    const p = path.join(dir, 'observations', file);
    const before = fs.readFileSync(p, 'utf8');
    expect(before).toMatch(from);
    fs.writeFileSync(p, before.replace(from, to));
    return loadDataset(dir).dataset;
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-refresh-noid-'));
    const deck = path.join(tmp, 'uten-id.yaml');
    fs.writeFileSync(
      deck,
      [
        'title: "Uten id"',
        'year: 2023',
        'references: { 1837: [1563, 1840, 5027] }',
        'slides:',
        '  - kind: statement',
        '    when: inntektssystem.inntektsniva_gap',
        '    metric: inntektssystem.inntektsniva_gap',
        '  - kind: statement',
        '    year: -1',
        '    metric: finans.brutto_driftsinntekter',
        '    caption: "Brutto driftsinntekter {{year}}"',
        '  - kind: table',
        '    year: -1',
        '    metric: kostra.utvikling',
        '',
      ].join('\n'),
    );
    const b = await buildDeck({ deckFile: deck, kommune: '1837', out: path.join(tmp, 'uten-id.pptx') });
    expect(b.model.slides.length).toBe(2); // the first slide is left out: Meløy has no inntektsniva_gap
    built = fs.readFileSync(b.file);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is bound by position in the deck file, also past a slide left out by when:', () => {
    const tagged = readShapeBindings(OoxmlPackage.fromZip(built));
    expect(tagged.map((t) => [t.binding.slide, t.binding.role])).toEqual([
      ['#2', 'value'],
      ['#3', 'table'],
    ]);
    // 000 Brutto driftsinntekter 2022: 790 118 000 kr (stored in 1000 kr); the data now says 800 000 000
    const dataset = dataWith('data-bdi', '000-brutto-driftsinntekter-2022.csv', /,790118,/, ',800000,');
    const r = refreshPackage(built, dataset);
    expect(r.entries.map((e) => [e.status, e.slide, e.slideId, e.what, e.old, e.new])).toEqual([['endret', 1, '#2', 'tall', '790\u00a0118\u00a0000\u00a0kr', '800\u00a0000\u00a0000\u00a0kr']]);
  });

  it('reports a table whose rows the consultant changed, and a metric that no longer exists', () => {
    const edited = OoxmlPackage.fromZip(built);
    // a row deleted from the table (slide 2)
    edited.edit('ppt/slides/slide2.xml', (x) => x.replace(/<a:tr\b[^>]*>[\s\S]*?<\/a:tr>/g, (tr, off: number) => (off === x.search(/<a:tr\b/) ? tr : tr.includes('Kultur') ? '' : tr)));
    // the metric of the statement is gone from the vocabulary: the recorded deck file names one that does not exist
    const record = readDeckRecord(edited)!;
    writeDeckRecord(edited, { ...record, deck: { ...record.deck, text: record.deck.text!.replace('metric: finans.brutto_driftsinntekter', 'metric: finans.brutto_driftsinntekter_gammel') } });
    const bytes = edited.toZip({ date: new Date('2023-01-01T00:00:00Z') });
    const dataset = dataWith('data-utv', '000-utvikling-2021-2022.csv', /^1837,2022,kostra\.ndu_korr\.kultur,(\d+),/m, '1837,2022,kostra.ndu_korr.kultur,9999,');
    const r = refreshPackage(bytes, dataset);
    expect(r.entries.map((e) => [e.status, e.slideId, e.what])).toEqual([
      ['ikke oppdatert', '#2', 'tall'],
      ['ikke oppdatert', '#3', 'tabell'],
    ]);
    expect(r.entries[0].reason).toMatch(/kan ikke regnes ut lenger: ukjent nøkkeltall 'finans\.brutto_driftsinntekter_gammel'/);
    expect(r.entries[1].reason).toMatch(/rader eller kolonner er endret/);
  });
});

describe('a deck built with a comments file', () => {
  let tmp: string;
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("leaves a replaced commentary alone and keeps an appended one's text after the refreshed figures", async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-refresh-comments-'));
    const deck = path.join(tmp, 'med-kommentarer.yaml');
    const statement = (id: string, commentary: string) => [`  - kind: statement`, `    id: ${id}`, '    year: -1', '    metric: finans.brutto_driftsinntekter', `    commentary: "${commentary}"`];
    fs.writeFileSync(deck, ['title: "Med kommentarer"', 'year: 2023', 'slides:', ...statement('a', 'Inntektene var {{kr finans.brutto_driftsinntekter}}.'), ...statement('b', 'Igjen {{kr finans.brutto_driftsinntekter}}.'), ''].join('\n'));
    const comments = path.join(tmp, 'kommentarer.yaml');
    fs.writeFileSync(comments, ['kommune: "1837"', 'slides:', '  a:', '    replace: "Vår egen tekst."', '  b:', '    append: "Det er mye."', ''].join('\n'));
    const b = await buildDeck({ deckFile: deck, kommune: '1837', out: path.join(tmp, 'k.pptx'), comments });
    const built = fs.readFileSync(b.file);
    const tagged = readShapeBindings(OoxmlPackage.fromZip(built));
    expect(tagged.map((t) => [t.binding.slide, t.binding.role, t.binding.suffix])).toEqual([
      ['a', 'value', undefined],
      ['b', 'commentary', 'Det er mye.'],
      ['b', 'value', undefined],
    ]);
    const data = path.join(tmp, 'data');
    fs.cpSync(path.resolve(__dirname, '../../data'), data, { recursive: true });
    const file = path.join(data, 'observations', '000-brutto-driftsinntekter-2022.csv');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/,790118,/, ',800000,'));
    const r = refreshPackage(built, loadDataset(data).dataset);
    const kr = (n: string) => `${n.replace(/ /g, '\u00a0')}\u00a0kr`;
    expect(r.entries.map((e) => [e.status, e.slideId, e.what, e.new])).toEqual([
      ['endret', 'a', 'tall', kr('800 000 000')],
      ['endret', 'b', 'kommentar', `Igjen ${kr('800 000 000')}. Det er mye.`],
      ['endret', 'b', 'tall', kr('800 000 000')],
    ]);
    const slide1 = OoxmlPackage.fromZip(r.bytes).text('ppt/slides/slide1.xml');
    expect(slide1).toContain('<a:t>Vår egen tekst.</a:t>');
  });
});
