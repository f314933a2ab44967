/**
 * Point 6 of issue 16: slides cite their sources as a consultant would ("Meløy kommune, Økonomisk analyse 2020,
 * tabell 1.1"), never by the data files' internal ids ("003 Tabell 1.1").
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildDeckBytes, readDeckFile } from '../../src/build';
import { readCsv } from '../../src/data/csvfile';
import { loadDataset } from '../../src/data/load';
import { citeMentions, citeSource, citeSources, SOURCE_DOCUMENTS } from '../../src/format/sources';
import { openDeck } from '../helpers/pptx';

const ROOT = path.resolve(__dirname, '..', '..');
const KS = 'KS-Konsulent, presentasjon for Meløy kommunestyre mai 2023';
const ANALYSE = 'Meløy kommune, Økonomisk analyse 2020';
/** An internal document id standing alone: "003 Tabell", "[000", "000;" — not the "000" of "1 000". */
const INTERNAL_ID = /(?<!\d[\s\u00a0])\b00[03]\b/;

/** Every distinct `source` of the embedded observations and tables. */
function embeddedSources(): string[] {
  const out = new Set<string>();
  for (const folder of ['observations', 'tables']) {
    const dir = path.join(ROOT, 'data', folder);
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
      const csv = readCsv(f, fs.readFileSync(path.join(dir, f), 'utf8')).value;
      const col = csv?.header.indexOf('source') ?? -1;
      if (!csv || col < 0) continue;
      for (const row of csv.rows) if (row.cells[col]) out.add(row.cells[col]);
    }
  }
  return [...out].sort();
}

describe('citeSource', () => {
  test.each([
    ['003 Tabell 1.1', `${ANALYSE}, tabell 1.1`],
    ['003 avsnitt 6.3.1', `${ANALYSE}, avsnitt 6.3.1`],
    ['003 Figur 6.7 / §6.1 eksempel', `${ANALYSE}, figur 6.7 og avsnitt 6.1 eksempel`],
    ['000 Utgiftsutjevning 2023', `${KS} (utgiftsutjevning 2023)`],
    ['000 Utvikling 2021 - 2022', `${KS} (utvikling 2021–2022)`],
    ['000 Nord-Norgetilskudd 2022', `${KS} (Nord-Norgetilskudd 2022)`],
    ['000 Kommunekompass 2023', `${KS} (Kommunekompass 2023)`],
    ['000', KS],
    ['utledet av 000 Utgiftsutjevning 2023', `beregnet fra ${KS} (utgiftsutjevning 2023)`],
    ['utledet av 003 Tabell 1.1', `beregnet fra ${ANALYSE}, tabell 1.1`],
    ['tilpasset til 000 Kostnadsnøkkel 2023', `avstemt mot ${KS} (kostnadsnøkkel 2023)`],
    ['000 Utvikling 2021 - 2022; 000 Beste praksis vs referansekommunene', `${KS} (utvikling 2021–2022; beste praksis vs referansekommunene)`],
    ['SSB 12134', 'SSB, tabell 12134'],
    ['SSB tabell 07459', 'SSB, tabell 07459'],
  ])('%s', (raw, cited) => {
    expect(citeSource(raw)).toBe(cited);
  });

  test.each(['SSB, tabell 07459', 'KDD, Grønt hefte 2026, tabell A-k', 'KDD, ROBEK-registeret 20.04.2026', 'standardmål (NDR ≥ 2 %, disposisjonsfond ≥ 8 %, netto lånegjeld ≤ 75 %)'])(
    'a citation passes through unchanged: %s',
    (raw) => {
      expect(citeSource(raw)).toBe(raw);
    },
  );

  test('every source of the embedded observations and tables becomes a citation without an internal id', () => {
    const sources = embeddedSources();
    expect(sources.length).toBeGreaterThan(40);
    for (const raw of sources) {
      const cited = citeSource(raw);
      expect({ raw, cited, id: INTERNAL_ID.test(cited) }).toEqual({ raw, cited, id: false });
      if (/\b000\b/.test(raw)) expect(cited).toContain(KS);
      if (/\b003\b/.test(raw)) expect(cited).toContain(ANALYSE);
    }
  });
});

describe('citeSources: one source line', () => {
  test('each document is named once, with every part it gives', () => {
    expect(citeSources(['003 Tabell 1.1', '003 Tabell 3.4', '000 Utgiftsutjevning 2023', '003 Tabell 3.5', 'SSB 12134'])).toBe(
      `${ANALYSE}, tabell 1.1, 3.4 og 3.5; ${KS} (utgiftsutjevning 2023); SSB, tabell 12134`,
    );
  });
  test('a figure derived from a part also cited as it is adds nothing; other derived parts say so', () => {
    expect(citeSources(['000 Utgiftsutjevning 2023', 'utledet av 000 Utgiftsutjevning 2023'])).toBe(`${KS} (utgiftsutjevning 2023)`);
    expect(citeSources(['000 Utgiftsutjevning 2023', 'tilpasset til 000 Kostnadsnøkkel 2023'])).toBe(`${KS} (utgiftsutjevning 2023; avstemt mot kostnadsnøkkel 2023)`);
    expect(citeSources(['003 Tabell 1.2', 'utledet av 003 Tabell 1.1'])).toBe(`${ANALYSE}, tabell 1.2 og beregnet fra tabell 1.1`);
  });
  test('duplicates and empty strings are dropped; nothing gives an empty line', () => {
    expect(citeSources(['SSB 12134', 'SSB, tabell 12134', '', 'SSB 12134'])).toBe('SSB, tabell 12134');
    expect(citeSources([])).toBe('');
  });
  test('citeMentions drops the id of a numbered part named in free text', () => {
    expect(citeMentions('indikatorene i 003 Tabell 6.3 per region')).toBe('indikatorene i tabell 6.3 per region');
    expect(citeMentions('se 003 Figur 6.7 / §6.1 og 999 Tabell 1')).toBe('se figur 6.7 og avsnitt 6.1 og 999 Tabell 1');
    expect(citeMentions('lønn (1000 kr) × 1000 / innbyggere')).toBe('lønn (1000 kr) × 1000 / innbyggere');
  });
  test('the README documents each source document by its citation', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const d of SOURCE_DOCUMENTS) expect(readme).toContain(d.citation);
  });
});

describe('shipped decks for Meløy cite their sources, never an internal id', () => {
  const dataset = loadDataset().dataset;
  const decks = fs.readdirSync(path.join(ROOT, 'decks')).filter((f) => /\.ya?ml$/.test(f));
  test.each(decks)('%s', async (deck) => {
    const { bytes } = await buildDeckBytes(readDeckFile(path.join('decks', deck)), dataset, { kommune: '1837' });
    const opened = openDeck(bytes);
    let lines = 0;
    opened.slideXml.forEach((xml, i) => {
      for (const m of xml.matchAll(/Kilde:[^<]*/g)) {
        lines++;
        expect({ slide: i + 1, line: m[0], id: /Kilde:[^<]*\b00[03]\b/.test(m[0]) }).toEqual({ slide: i + 1, line: m[0], id: false });
      }
      expect({ slide: i + 1, notes: opened.notesText[i], id: INTERNAL_ID.test(opened.notesText[i]) }).toMatchObject({ id: false });
    });
    expect(lines).toBeGreaterThan(0);
  }, 60_000);
});
