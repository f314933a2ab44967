/**
 * The two shipped analysis decks, built in-process for Meløy: the key figures of the sources must appear on the
 * slides as the deck computes them, and both decks must build for the comparison kommuner too (with fewer slides,
 * since their data is thinner), never throwing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildDeck, buildDeckBytes, readDeckFile } from '../../src/build';
import { Dataset } from '../../src/data/dataset';
import { loadDataset } from '../../src/data/load';
import { openDeck, OpenedDeck } from '../helpers/pptx';

const ANALYSE = path.join('decks', 'okonomisk-analyse.yaml');
const KOMPASS = path.join('decks', 'kommunekompass.yaml');

let dir: string;
let dataset: Dataset;
let analyse: OpenedDeck;
let analyseWarnings: string[];
let kompass: OpenedDeck;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-analysis-decks-'));
  dataset = loadDataset().dataset;
  const a = await buildDeck({ deckFile: ANALYSE, kommune: '1837', out: dir + '/', dataset });
  analyse = openDeck(a.file);
  analyseWarnings = a.warnings;
  const k = await buildDeck({ deckFile: KOMPASS, kommune: '1837', out: dir + '/', dataset });
  kompass = openDeck(k.file);
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The text of the first slide whose title starts with `title`. */
function slideText(deck: OpenedDeck, title: string): string {
  const i = deck.titles.findIndex((t) => t.startsWith(title));
  if (i < 0) throw new Error(`no slide titled "${title}…"; titles: ${deck.titles.join(' | ')}`);
  return deck.slideText[i];
}

/** The text of one named shape (e.g. kd-kpi-3, kd-column-1) on a slide. */
function shapeText(deck: OpenedDeck, title: string, name: string): string {
  const i = deck.titles.findIndex((t) => t.startsWith(title));
  const sp = [...deck.slideXml[i].matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].map((m) => m[0]).find((s) => s.includes(`name="${name}"`));
  if (!sp) throw new Error(`no shape ${name} on "${title}"`);
  return [...sp.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1].replace(/\u00a0/g, ' ')).join(' ');
}

describe('Økonomisk analyse (003) for Meløy 2020', () => {
  test('the deck is about 2020 and names the comparison set', () => {
    expect(analyse.titles[0]).toBe('Økonomisk analyse for Meløy 2020');
    expect(analyse.slideText[0]).toContain('Alstahaug, Brønnøy, Hadsel, KOSTRA-gruppe 6, KOSTRA-gruppe 5');
  });

  test('KØB: netto driftsresultat 2,2 %, disposisjonsfond 8,2 % met; netto lånegjeld 81,0 % missed (003 Tabell 1.1, Figur 7.4)', () => {
    const title = 'Handlingsreglene for økonomisk bærekraft 2020';
    expect(shapeText(analyse, title, 'kd-kpi-1')).toBe('2,2 %');
    expect(shapeText(analyse, title, 'kd-kpi-2')).toBe('8,2 %');
    expect(shapeText(analyse, title, 'kd-kpi-3')).toBe('81,0 %');
    expect(slideText(analyse, title)).toContain('Meløy nådde 2 av 3 mål');
    expect(slideText(analyse, 'Handlingsreglene 2020')).toContain('2 av 3');
  });

  test('behovsindeks and utgiftsutjevning (003 Tabell 3.4: 1,1459 and 50 628 in 1000 kr)', () => {
    // 003 prints 1,1459; the data computes Σ vekt × kriterieindeks = 1,14578 because it uses 0,8462 for 0–1 år
    // (003 Tabell 3.6) where Tabell 3.4 prints 0,8642 (0,0056 × 0,018 = 0,0001). The deck shows what it computes.
    const s = slideText(analyse, 'Behovsindeksen 2020');
    expect(s).toContain('1,1458');
    expect(s).toContain('62 833 kr mot 54 839 kr');
    expect(s).toContain('50 628 tusen kr');
    const total = slideText(analyse, 'Behovsindeks og utgiftsutjevning per kriterium 2020 (forts.)');
    expect(total).toMatch(/Kostnadsindeks 1,0000 1,1458 14,58 % 7 994 50 628/);
    expect(slideText(analyse, 'Utgiftsutjevningen 2020')).toContain('50 628');
  });

  test('bruk av ekstrainntekter: 73 544 785 kr and 14,55 % (003 Tabell 4.1 prints 73 544 784 from rounded parts)', () => {
    const table = slideText(analyse, 'Driftsregnskapet 2020 og bruk av ekstrainntekter (forts.)');
    expect(table).toMatch(/Bruk av ekstrainntekter 73 544 785/);
    expect(table).toMatch(/Sum skatt og ramme 431 931 381/);
    const summary = slideText(analyse, 'Avhengigheten av ekstrainntekter');
    expect(summary).toContain('14,55 %');
    expect(summary).toContain('73 544 785 kr');
    expect(slideText(analyse, 'Driftsregnskapet 2020')).toContain('85,45 %');
  });

  test('dekningsgrad 0,83 and the comparison table (003 Tabell 1.2)', () => {
    const s = slideText(analyse, 'Frie inntekter, netto driftsutgifter og dekningsgrad 2020');
    expect(s).toMatch(/Meløy 69,1 83,6 0,83/);
    expect(s).toMatch(/Brønnøy 67,5 72,0 0,94/);
  });

  test('landsgjennomsnitt and effektiviseringspotensial against each comparison (003 Tabell 5.3, 6.1)', () => {
    expect(slideText(analyse, 'Netto driftsutgifter per innbygger mot landsgjennomsnittet')).toMatch(/Meløy 83 571 6 840/);
    const pot = slideText(analyse, 'Samlede netto driftsutgifter: effektiviseringspotensial');
    for (const name of ['Alstahaug', 'Brønnøy', 'Hadsel', 'KOSTRA-gruppe 6', 'KOSTRA-gruppe 5']) expect(pot).toContain(name);
    expect(pot).toMatch(/Alstahaug 83 571 69 035 14 536/);
  });

  test('every analytic slide has a commentary line and a source line; speaker notes say how figures were computed', () => {
    const analytic = analyse.slideXml.map((x, i) => ({ x, i })).filter(({ x }) => /name="kd-(table|chart|kpi-|column-|value|bullets)/.test(x));
    expect(analytic.length).toBeGreaterThan(40);
    for (const { x, i } of analytic) {
      const continued = analyse.titles[i].endsWith('(forts.)');
      if (!continued) expect({ slide: analyse.titles[i], commentary: /name="kd-commentary"/.test(x) }).toEqual({ slide: analyse.titles[i], commentary: true });
      expect({ slide: analyse.titles[i], source: analyse.slideText[i].includes('Kilde:') }).toEqual({ slide: analyse.titles[i], source: true });
    }
    expect(analyse.notesText[slideIndex(analyse, 'Behovsindeksen 2020')]).toMatch(/Slik er tallene beregnet/);
  });

  test('for Meløy no slide is left out', () => {
    expect(analyseWarnings.filter((w) => w.includes('utelatt'))).toEqual([]);
  });
});

describe('Kommunekompasset (000) for Meløy 2023', () => {
  test('430 of 800 points (000 Kommunekompass)', () => {
    expect(slideText(kompass, 'Samlet resultat for Meløy')).toContain('430 av 800');
  });

  test('the eight area scores 47, 72, 65, 39, 51, 49, 51, 56', () => {
    const s = slideText(kompass, 'Fokusområdene og perspektivene');
    const areas: [string, number][] = [
      ['1. Offentlighet og demokrati', 47], ['2. Samfunnsutvikling', 72], ['3. Styring og kontroll', 65], ['4. Effektivitet', 39],
      ['5. Brukernes fokus', 51], ['6. Kvalitetsutvikling', 49], ['7. Arbeidsliv', 51], ['8. Lederskap og medarbeiderskap', 56],
    ];
    for (const [name, score] of areas) expect(s).toMatch(new RegExp(`${name.replace('.', '\\.')} [A-D]\\. [^0-9]+ ${score} 100`));
    expect(s).toMatch(/Sum – 430 800/);
    // each area has its section, sub-area table and findings
    for (const [name, score] of areas) {
      const area = name.replace(/^\d\. /, '');
      expect(kompass.slideText[slideIndex(kompass, area)]).toContain(`${score} av 100 poeng`);
      expect(kompass.titles).toContain(`Poengfordeling: ${area}`);
      expect(kompass.titles).toContain(`${area}: styrker, utfordringer og svakheter`);
    }
  });

  test('the findings slide puts strengths, challenges and weaknesses in their own columns', () => {
    const title = 'Offentlighet og demokrati: styrker, utfordringer og svakheter';
    const s = slideText(kompass, title);
    expect(s).toMatch(/Styrker .*Utfordringer .*Svakheter/);
    expect(shapeText(kompass, title, 'kd-column-1')).toContain('KommuneTV');
    expect(shapeText(kompass, title, 'kd-column-3')).toContain('Mangler egen strategi for å utvikle lokaldemokratiet');
    expect(shapeText(kompass, title, 'kd-column-1')).not.toContain('lokaldemokratiet');
  });

  test('the sub-area table of area 4 shows the sub-area scores (000 Poengfordeling område 4)', () => {
    const s = slideText(kompass, 'Poengfordeling: Effektivitet');
    expect(s).toMatch(/4\.1 Strategi for effektivitet 12,7 20/);
    expect(s).toMatch(/4\.3 Sammenligninger for å øke effektiviteten 4,3 20/);
  });
});

function slideIndex(deck: OpenedDeck, title: string): number {
  const i = deck.titles.findIndex((t) => t.startsWith(title));
  if (i < 0) throw new Error(`no slide titled "${title}…"`);
  return i;
}

describe('both decks for the comparison kommuner', () => {
  const cases: { kommune: string; refs: string | undefined }[] = [
    { kommune: '1820', refs: undefined },
    { kommune: '1813', refs: '1837,1820,EKG06' },
    { kommune: '1866', refs: '1837' },
  ];
  test.each(cases)('økonomisk analyse builds for $kommune, refs $refs, leaving out what its data lacks', async ({ kommune, refs }) => {
    const r = await buildDeck({ deckFile: ANALYSE, kommune, refs, out: dir + '/', dataset });
    const model = r.model;
    expect(model.kommune.code).toBe(kommune);
    const deck = openDeck(r.file);
    expect(deck.slideXml.length).toBe(model.slides.length);
    expect(deck.titles[0]).toBe(`Økonomisk analyse for ${model.kommune.name} 2020`);
    expect(model.slides.length).toBeGreaterThan(30);
    // no accounts for the comparison kommuner: KØB and bruk av ekstrainntekter are left out, and the build says so
    const ids = model.slides.map((s) => s.id);
    expect(ids).not.toContain('handlingsregler');
    expect(ids).not.toContain('driftsregnskap');
    expect(r.warnings.some((w) => w.includes('(handlingsregler) er utelatt'))).toBe(true);
    // ... and no section divider is left standing without slides under it
    expect(ids).not.toContain('del-nokkeltall');
    expect(ids).not.toContain('del-ekstrainntekter');
    // what they have is shown: behovsindeks, the comparison tables, the sector tables
    expect(ids).toEqual(expect.arrayContaining(['behovsindeks', 'kriterier', 'dekningsgrad', 'lgj-ndu', 'effektiviseringspotensial', 'grunnskole', 'samferdsel']));
    expect(deck.slideText[ids.indexOf('behovsindeks')]).toMatch(/\d,\d{4}/);
  });

  test.each(cases)('kommunekompass for $kommune (no evaluation) fails with a clear message, or gives only title and method', async ({ kommune, refs }) => {
    await expect(buildDeck({ deckFile: KOMPASS, kommune, refs, out: dir + '/', dataset })).rejects.toMatchObject({ name: 'UserError', code: 'NO_DATA_FOR_YEAR' });
    const { model } = await buildDeckBytes(readDeckFile(KOMPASS), dataset, { kommune, refs });
    expect(model.slides.map((s) => s.id)).toEqual(['tittel', 'metode', 'avslutning']);
    expect(model.warnings.some((w) => w.includes('kompass.total'))).toBe(true);
  });
});
