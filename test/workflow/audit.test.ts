import * as fs from 'fs';
import * as path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { readDeckFile } from '../../src/build';
import { DeckModel } from '../../src/deck/model';
import { cli } from '../helpers/cli';
import { validateOoxml } from '../helpers/ooxml';
import { openDeck } from '../helpers/pptx';
import { chartSeries, COUNCIL_DECK, parseShown, readCsv, shapeText, tableCells, tempDir, writeSmallDeck } from './helpers';

/**
 * The audit trail of the council deck for Meløy: every figure the built deck shows is in the audit, at the place
 * the audit names, and each audit value is the number behind the slide's text.
 */
let dir: string;
let deck: ReturnType<typeof openDeck>;
let file: string;
let audit: Record<string, string>[];
let model: DeckModel;

beforeAll(async () => {
  dir = tempDir('audit');
  file = path.join(dir, 'deck.pptx');
  const r = await cli('build', COUNCIL_DECK, '--kommune', '1837', '--out', file, '--audit', path.join(dir, 'audit.csv'), '--emit-model', path.join(dir, 'model.json'));
  expect(r.err).not.toMatch(/Intern feil|Feil:/);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/Revisjonsspor: .*audit\.csv/);
  deck = openDeck(file);
  audit = readCsv(fs.readFileSync(path.join(dir, 'audit.csv'), 'utf8'));
  model = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const rowsOf = (slide: number) => audit.filter((a) => Number(a.slide) === slide);
const norm = (s: string) => s.replace(/\u00a0/g, ' ');

test('the audit has the documented columns and the golden figures with their sources', () => {
  expect(Object.keys(audit[0])).toEqual(['slide', 'slide_id', 'place', 'row', 'column', 'series', 'category', 'text_role', 'metric', 'region', 'year', 'value', 'shown', 'display', 'unit', 'inputs', 'formula', 'source', 'citation', 'public_source']);
  // 000: brutto driftsinntekter 2022
  const bdi = audit.find((a) => a.slide_id === 'brutto-driftsinntekter' && a.place === 'verdi')!;
  expect(bdi).toMatchObject({ metric: 'finans.brutto_driftsinntekter', value: '790118000', shown: '790 118 000', unit: 'kr', year: '2022', region: '1837', source: '000 Brutto driftsinntekter 2022', citation: 'KS-Konsulent, presentasjon for Meløy kommunestyre mai 2023 (brutto driftsinntekter 2022)' });
  expect(bdi.formula).not.toBe('');
  // 000 Utgiftsutjevning 2023: the commentary's index and amount are traced to their metrics
  const text = audit.filter((a) => a.slide_id === 'utgiftsutjevning' && a.text_role === 'commentary');
  expect(text.map((a) => [a.metric, a.shown])).toEqual([
    ['inntektssystem.behovsindeks', '1,14791'],
    ['inntektssystem.utgiftsutjevning', '57,7 mill'],
  ]);
  // 000: beste praksis, sum, printed as an absolute value: the audit says how it was derived
  const bp = audit.find((a) => a.slide_id === 'beste-praksis' && a.text_role === 'commentary')!;
  expect(bp).toMatchObject({ metric: 'kostra.beste_praksis_sum', value: '170923180', shown: '170,9 mill' });
  expect(bp.formula).toMatch(/^\|kostra\.beste_praksis_sum\|/);
  expect(audit.some((a) => a.shown === '-170 923 180')).toBe(true);
});

test('each figure names the public source of each input from the source map; citations name documents, never their ids', () => {
  const INTERNAL_ID = /(?<!\d[\s\u00a0])\b00[03]\b/;
  // a figure read from the source documents' data: the slide cites the document, the map says where it is published
  const rente = audit.find((a) => a.metric === 'finans.renteeksponering_1pp')!;
  expect(rente.citation).toMatch(/^Meløy kommune|^KS-Konsulent/);
  expect(rente.public_source).toBe('finans.netto_renteeksponering: SSB, tabell 12364 (KOSbelop0000, KOKartkap0000=KG40)');
  // a table: every input once; a figure only the source document has says so, by the document's citation
  const nokkeltall = audit.find((a) => a.metric === 'finans.nokkeltall')!;
  expect(nokkeltall.public_source.split(' | ')).toHaveLength(21);
  expect(nokkeltall.public_source).toContain('finans.arbeidskapital: bare i kildedokumentet: Meløy kommune, Økonomisk analyse 2020, tabell 1.1 | ');
  expect(nokkeltall.public_source).toContain('finans.netto_lanegjeld: SSB, tabell 12364 (KOSbelop0000, KOKartkap0000=KG31)');
  // computed from other entries of the map
  const bp = audit.find((a) => a.metric === 'kostra.beste_praksis')!;
  expect(bp.public_source).toMatch(/^kostra\.innbyggere: SSB, tabell 07459 \(Personer1, summert over Kjonn og Alder, 31\.12\.\) \| kostra\.ndu_korr\.administrasjon_styring: beregnet: /);
  const docOnly = audit.filter((a) => /bare i kildedokumentet/.test(a.public_source));
  expect(docOnly.length).toBeGreaterThan(0);
  for (const a of audit) {
    // a constant written in the deck file (a target line) has no inputs
    if (a.metric !== '') expect({ metric: a.metric, public_source: a.public_source }).not.toMatchObject({ public_source: '' });
    expect(a.public_source).not.toMatch(/ikke i kildekartet/);
    expect({ metric: a.metric, public_source: a.public_source, id: INTERNAL_ID.test(a.public_source) }).toMatchObject({ id: false });
    expect({ metric: a.metric, citation: a.citation, id: INTERNAL_ID.test(a.citation) }).toMatchObject({ id: false });
  }
});

test('every number in every table is in the audit, at its cell, with the same text', () => {
  let checked = 0;
  deck.slideXml.forEach((xml, i) => {
    const cells = tableCells(xml);
    cells.slice(1).forEach((row, r) =>
      row.forEach((text, c) => {
        // the first column holds the row labels (areas, years, rules), not figures
        if (c === 0 || !parseShown(text)) return;
        const hit = rowsOf(i + 1).find((a) => a.place === `celle r${r + 1}/k${c + 1}`);
        expect({ slide: i + 1, r: r + 1, c: c + 1, shown: hit?.shown }).toEqual({ slide: i + 1, r: r + 1, c: c + 1, shown: text });
        checked++;
      }),
    );
  });
  expect(checked).toBeGreaterThan(400);
  // and every cell the audit names holds the audit's text
  for (const a of audit.filter((x) => x.place.startsWith('celle'))) {
    const [, r, c] = /celle r(\d+)\/k(\d+)/.exec(a.place)!.map(Number);
    expect(tableCells(deck.slideXml[Number(a.slide) - 1])[r][c - 1]).toBe(a.shown);
  }
});

test('every chart point is in the audit with the chart’s own number', () => {
  const charts = chartSeries(file);
  expect(charts.size).toBeGreaterThanOrEqual(5);
  let checked = 0;
  for (const [i, series] of charts) {
    const m = model.slides[i];
    if (m.kind !== 'chart') throw new Error(`slide ${i + 1} is not a chart in the model`);
    series.forEach((s, si) => {
      const isTarget = m.target !== undefined && si === m.series.length;
      s.values.forEach((v, pi) => {
        if (isTarget) {
          expect(rowsOf(i + 1).find((a) => a.place === 'mållinje')?.value).toBe(String(v));
          return;
        }
        const hit = rowsOf(i + 1).find((a) => a.place === `diagram s${si + 1}/p${pi + 1}`);
        // a missing value is drawn as 0 by the native chart: it is not a figure, and not in the audit
        if (m.series[si].values[pi] === null) expect(hit).toBeUndefined();
        else {
          expect({ slide: i + 1, si, pi, value: hit && Number(hit.value) }).toEqual({ slide: i + 1, si, pi, value: v });
          expect(hit!.series).toBe(s.name);
          checked++;
        }
      });
    });
  }
  expect(checked).toBeGreaterThan(80);
});

test('statement values and KPI cards are in the audit as shown', () => {
  deck.slideXml.forEach((xml, i) => {
    const value = shapeText(xml, 'kd-value');
    if (value && parseShown(value)) expect(rowsOf(i + 1).find((a) => a.place === 'verdi')?.shown).toBe(value);
    for (let k = 1; shapeText(xml, `kd-kpi-${k}`); k++) {
      expect(rowsOf(i + 1).find((a) => a.place === `kpi ${k}: resultat`)?.shown).toBe(shapeText(xml, `kd-kpi-${k}`));
      const target = rowsOf(i + 1).find((a) => a.place === `kpi ${k}: mål`)!;
      expect(norm(deck.slideText[i])).toMatch(new RegExp(`mål [≥≤] ${target.shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
  });
  expect(audit.filter((a) => a.place.startsWith('kpi')).length).toBe(6);
});

test('every number in a commentary is either traced to a metric in the audit or written in the deck file', () => {
  const spec = readDeckFile(COUNCIL_DECK);
  let traced = 0;
  deck.slideXml.forEach((xml, i) => {
    let text = shapeText(xml, 'kd-commentary');
    if (!text) return;
    for (const a of rowsOf(i + 1).filter((x) => x.text_role === 'commentary')) {
      expect(text).toContain(a.shown);
      text = text.replace(a.shown, ' ');
      traced++;
    }
    const id = model.slides[i].id;
    const literal = (spec.slides.find((s) => s.id === id)?.commentary?.text ?? '').replace(/\{\{[^}]*\}\}/g, ' ');
    // dates (the ROBEK list's "20.04.2026") are when a register was read, not figures
    const left = (text.replace(/\b\d{2}\.\d{2}\.\d{4}\b/g, ' ').match(/\d[\d ]*(?:,\d+)?/g) ?? []).map((t) => t.trim()).filter((t) => !/^(19|20)\d\d$/.test(t));
    for (const t of left) expect({ slide: i + 1, number: t, inTemplate: literal.includes(t) }).toEqual({ slide: i + 1, number: t, inTemplate: true });
  });
  expect(traced).toBeGreaterThanOrEqual(8);
});

test('each audit value is the number behind its text (at the text’s precision and scale)', () => {
  for (const a of audit) {
    const p = parseShown(a.shown);
    expect({ place: `${a.slide} ${a.place}`, shown: a.shown, parses: Boolean(p) }).toEqual({ place: `${a.slide} ${a.place}`, shown: a.shown, parses: true });
    const scale = p!.scale !== 1 ? p!.scale : a.display === 'tusen' ? 1000 : /,,/.test(a.display) ? 1e6 : /0,("|$)/.test(a.display) ? 1000 : 1;
    const expected = Number(a.value);
    expect({ place: `${a.slide} ${a.place}`, diff: Math.abs(p!.value * scale - expected) <= (0.5 * 10 ** -p!.decimals + 1e-9) * scale }).toEqual({ place: `${a.slide} ${a.place}`, diff: true });
  }
});

test('--audit x.xlsx writes the rows as a workbook that passes the Open XML validator', async () => {
  const deckFile = writeSmallDeck(dir);
  const xlsx = path.join(dir, 'audit.xlsx');
  const csv = path.join(dir, 'small.csv');
  expect((await cli('build', deckFile, '--kommune', '1837', '--out', path.join(dir, 'b.pptx'), '--audit', xlsx)).code).toBe(0);
  expect((await cli('build', deckFile, '--kommune', '1837', '--out', path.join(dir, 'c.pptx'), '--audit', csv)).code).toBe(0);
  const rows = readCsv(fs.readFileSync(csv, 'utf8'));
  const parts = unzipSync(fs.readFileSync(xlsx));
  const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']);
  expect((sheet.match(/<row /g) ?? []).length).toBe(rows.length + 1);
  const k = rows.findIndex((r) => r.place === 'verdi');
  expect(rows[k]).toMatchObject({ value: '790118000', metric: 'finans.brutto_driftsinntekter' });
  expect(sheet).toContain(`<c r="L${k + 2}"><v>790118000</v></c>`);
  expect(sheet).toContain('<t xml:space="preserve">finans.brutto_driftsinntekter</t>');
  const { errors } = await validateOoxml(xlsx);
  expect(errors).toEqual([]);
});

test('--audit with another extension is refused before anything is written', async () => {
  const d = tempDir('audit-bad');
  const r = await cli('build', COUNCIL_DECK, '--kommune', '1837', '--out', path.join(d, 'x.pptx'), '--audit', path.join(d, 'audit.txt'));
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/--audit .*audit\.txt: forventet en fil som slutter på \.csv eller \.xlsx/);
  expect(fs.readdirSync(d)).toEqual([]);
  fs.rmSync(d, { recursive: true, force: true });
});
