import * as fs from 'fs';
import * as path from 'path';
import { checkSubAreas, KompassArea } from '../../src/analysis/kompass';
import { Dataset } from '../../src/data/dataset';
import { KOMPASS_DOCUMENT, parseKompass } from '../../src/data/documents/kompass';
import { DEFAULT_DATA_DIR } from '../../src/data/load';
import { isMissing } from '../../src/metrics/types';
import { demografiLoad, run, scalar, series, table } from './demografi-fixture';

type Row = Record<string, string | number | null>;
const Y = { year: 2023 };
const FILE = path.join(DEFAULT_DATA_DIR, 'kompass', '1837-2023.yaml');
const TEXT = fs.readFileSync(FILE, 'utf8');

describe('000 Kommunekompass Meløy 2023', () => {
  test('total 430 of 800 (8 focus areas × 100)', () => {
    expect(scalar('kompass.total', Y)).toBe(430);
    expect(scalar('kompass.maks', Y)).toBe(800);
    expect(scalar('kompass.andel', Y)).toBeCloseTo(53.75, 10);
  });

  test('area scores 47, 72, 65, 39, 51, 49, 51, 56 in four perspectives', () => {
    const t = table('kompass.omrader', Y);
    expect(t.rows.map((r: Row) => r.poeng)).toEqual([47, 72, 65, 39, 51, 49, 51, 56, 430]);
    expect(t.rows.map((r: Row) => r.maks)).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 800]);
    expect(t.rows.map((r: Row) => String(r.perspektiv).slice(0, 1))).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'n']);
    expect(t.totalRows).toEqual([8]);
    // no comparison figures are printed for "Kommuner med mellom 5-10 000 innbyggere": no column, no invented numbers
    expect(t.columns.map((c) => c.key)).toEqual(['omrade', 'perspektiv', 'poeng', 'maks']);
    const p = table('kompass.perspektiver', Y);
    expect(p.rows.map((r: Row) => [r.perspektiv, r.poeng, r.maks])).toEqual([
      ['A. Demokrati og samfunnsutvikling', 119, 200],
      ['B. Styring og effektivitet', 104, 200],
      ['C. Tjenestekvalitet', 100, 200],
      ['D. Organisasjonskvalitet', 107, 200],
    ]);
    const s = series('kompass.omrader_serie', Y);
    expect(s.series).toHaveLength(1);
    expect(s.series[0].values).toEqual([47, 72, 65, 39, 51, 49, 51, 56]);
    for (let n = 1; n <= 8; n++) expect(scalar(`kompass.poeng_${n}`, Y)).toBe([47, 72, 65, 39, 51, 49, 51, 56][n - 1]);
  });

  // 000 "Poengfordeling område 1" … "Poengfordeling område 8": sub-area, score, max
  const SUBAREAS: Record<number, [string, number, number][]> = {
    1: [['1. Offentlighet og demokrati', 47, 100], ['1.1 Strategi for kommunikasjon og demokratiutvikling', 3.3, 20], ['1.2 Kommunens informasjon til innbyggerne', 3.3, 10], ['1.3 Innbyggernes mulighet til dialog med politikken', 16.8, 30], ['1.4 Transparens om resultater', 3.3, 10], ['1.5 Forutsetninger for gode politiske prosesser', 15.0, 30]],
    2: [['2. Samfunnsutvikling', 72, 100], ['2.1 Strategisk fokus', 11.0, 15], ['2.2 Sosial holdbarhet', 23.8, 30], ['2.3 Bærekraft og økologisk holdbarhet', 13.2, 30], ['2.4 Sivilsamfunn, næringsliv og kultur', 24.0, 25]],
    3: [['3. Styring og kontroll', 65, 100], ['3.1 Strategi for styring', 6.7, 10], ['3.2 Politisk styring', 24.7, 40], ['3.3 Analyse og rapportering', 20.0, 30], ['3.4 Samspill politikk og administrasjon', 13.3, 20]],
    4: [['4. Effektivitet', 39, 100], ['4.1 Strategi for effektivitet', 12.7, 20], ['4.2 Langsiktig planlegging for å øke effektiviteten', 6.7, 20], ['4.3 Sammenligninger for å øke effektiviteten', 4.3, 20], ['4.4 Nye arbeidsmåter og ny teknikk som øker effektiviteten', 10.7, 20], ['4.5 Samarbeid for å øke effektiviteten', 4.7, 20]],
    5: [['5. Brukernes fokus', 51, 100], ['5.1 Strategi for å ha brukerens fokus', 6.7, 20], ['5.2 Medarbeidernes fokus på service', 3.3, 20], ['5.3 Tilgjengelighet', 13.3, 20], ['5.4 Informasjon om tjenestetilbud', 17.3, 20], ['5.5 Muligheten til å påvirke utformingen av egne tjenester', 10.7, 20]],
    6: [['6. Kvalitetsutvikling', 49, 100], ['6.1 Strategi for kvalitetsutvikling', 6.7, 20], ['6.2 Sentral koordinering av kvalitetsarbeidet', 10.7, 20], ['6.3 Kontinuerlig forbedring', 13.0, 30], ['6.4 Samarbeid for kvalitetsutvikling', 18.3, 30]],
    7: [['7. Arbeidsliv', 51, 100], ['7.1 Strategi for et bærekraftig arbeidsliv', 5.0, 15], ['7.2 Strategisk kompetansemobilisering', 26.0, 40], ['7.3 Arbeidsmiljø og sykefravær', 13.8, 25], ['7.4 Likeverd og mangfold', 6.7, 20]],
    8: [['8. Lederskap og medarbeiderskap', 56, 100], ['8.1 Strategi for lederskap og medarbeiderskap', 6.7, 20], ['8.2 Lederskapets oppdrag og forutsetninger', 23.5, 30], ['8.3 Intern kommunikasjon og ledelsesinformasjon', 13.3, 20], ['8.4 Utvikling av lederskap og medarbeiderskap', 12.1, 30]],
  };

  test.each([1, 2, 3, 4, 5, 6, 7, 8])('Poengfordeling område %i: every sub-area with score and max, area total first', (n) => {
    const t = table(`kompass.omrade_${n}`, Y);
    expect(t.rows.map((r: Row) => [r.delomrade, r.poeng, r.maks])).toEqual(SUBAREAS[n]);
    expect(t.totalRows).toEqual([0]);
    // every area's sub-area maxes add up to 100
    expect(SUBAREAS[n].slice(1).reduce((s, r) => s + r[2], 0)).toBe(100);
  });

  test('findings per area in three columns, each a short bullet', () => {
    const counts: Record<number, [number, number, number]> = { 1: [2, 5, 10], 2: [9, 4, 2], 3: [1, 12, 2], 4: [1, 4, 7], 5: [6, 3, 5], 6: [2, 7, 4], 7: [3, 7, 4], 8: [5, 6, 2] };
    for (let n = 1; n <= 8; n++) {
      const t = table(`kompass.funn_${n}`, Y);
      expect(t.columns.map((c) => c.label)).toEqual(['Styrker', 'Utfordringer', 'Svakheter']);
      const c = (k: string) => t.rows.filter((r: Row) => r[k] !== null).length;
      expect([c('styrker'), c('utfordringer'), c('svakheter')]).toEqual(counts[n]);
      expect(t.rows).toHaveLength(Math.max(...counts[n]));
      for (const r of t.rows as Row[]) for (const v of Object.values(r)) if (v !== null) expect(String(v).split(/\s+/).length).toBeLessThanOrEqual(14);
    }
  });

  test('sub-scores vs area score: only area 1 is off (3,3 + 3,3 + 16,8 + 3,3 + 15,0 = 41,7, not 47)', () => {
    const w = demografiLoad().warnings.filter((x) => /Kommunekompass/.test(x.message));
    expect(w).toHaveLength(1);
    expect(w[0].message).toContain('område 1 (Offentlighet og demokrati)');
    expect(w[0].message).toContain('41,7');
    expect(w[0].message).toContain('47');
    expect(w[0].file).toMatch(/1837-2023\.yaml$/);
    expect(TEXT.split('\n')[(w[0].line as number) - 1]).toContain('number: 1');
  });

  test('rounding tolerance: area 7 (51,5 vs 51) and area 3 (64,7 vs 65) pass, 5,3 points do not', () => {
    const area = (score: number, subs: number[]): KompassArea => ({
      number: 9,
      name: 'x',
      perspective: 'A',
      score,
      max: 100,
      subareas: subs.map((s, i) => ({ id: `9.${i}`, name: 'y', score: s, max: 100 / subs.length })),
      findings: { styrker: [], utfordringer: [], svakheter: [] },
    });
    expect(checkSubAreas(area(51, [5.0, 26.0, 13.8, 6.7])).scoreOk).toBe(true);
    expect(checkSubAreas(area(65, [6.7, 24.7, 20.0, 13.3])).scoreOk).toBe(true);
    const bad = checkSubAreas(area(47, [3.3, 3.3, 16.8, 3.3, 15.0]));
    expect(bad.scoreOk).toBe(false);
    expect(bad.deviation).toBeCloseTo(-5.3, 10);
  });

  test('Kommunekompass belongs to 2023: missing for 2020, the 2023 evaluation still used for 2024', () => {
    const m = run('kompass.total', { year: 2020 });
    expect(isMissing(m) && m.missing).toMatch(/finnes for 2023/);
    expect(scalar('kompass.total', { year: 2024 })).toBe(430);
    const r = run('kompass.total', Y);
    expect(!isMissing(r) && r.source).toEqual(['000 Kommunekompass 2023']);
  });
});

describe('Kommunekompass YAML: validation with file:line', () => {
  const parse = (text: string, file = 'data/kompass/1837-2023.yaml') => parseKompass(file, text);
  const replaceLine = (find: string, repl: string) => {
    expect(TEXT).toContain(find);
    return TEXT.replace(find, repl);
  };
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  test('the shipped file is valid and registered as a document kind', () => {
    const r = parse(TEXT);
    expect(r.problems).toEqual([]);
    expect(r.name).toBe('kompass/1837-2023');
    expect(r.value?.areas).toHaveLength(8);
    expect(KOMPASS_DOCUMENT.folder).toBe('kompass');
  });

  test('a score that is not a number', () => {
    const text = replaceLine('score: 72', 'score: 72,0');
    const r = parse(text);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'data/kompass/1837-2023.yaml', line: lineOf(text, 'score: 72,0') });
    expect(r.problems[0].message).toMatch(/poeng for område 2 må være et tall/);
  });

  test('an unknown field, an unknown perspective and a score above max', () => {
    let text = replaceLine('    perspective: B\n    score: 39', '    perspektiv: B\n    score: 39');
    let r = parse(text);
    expect(r.problems.map((p) => p.line)).toEqual([lineOf(text, 'perspektiv: B'), lineOf(text, 'number: 4')]);
    expect(r.problems[0].message).toMatch(/ukjent felt 'perspektiv'/);
    expect(r.problems[1].message).toMatch(/feltet 'perspective' mangler i område 4/);
    text = replaceLine('    perspective: C\n    score: 51', '    perspective: E\n    score: 51');
    r = parse(text);
    expect(r.problems[0]).toMatchObject({ line: lineOf(text, 'perspective: E') });
    expect(r.problems[0].message).toMatch(/ukjent perspektiv 'E' i område 5; kjente perspektiver: A, B, C, D/);
    text = replaceLine('score: 24.0, max: 25', 'score: 26.0, max: 25');
    r = parse(text);
    expect(r.problems[0].message).toMatch(/poeng \(26\) er større enn maks \(25\) i delområde 2.4/);
  });

  test('malformed YAML and a file name that does not match kommune and year', () => {
    const r = parse('kommune: "1837"\nyear: 2023\nareas: [\n');
    expect(r.problems[0].message).toMatch(/^ugyldig YAML/);
    expect(r.problems[0].line).toBeGreaterThanOrEqual(3);
    const r2 = parse(TEXT, 'data/kompass/1837-2022.yaml');
    expect(r2.problems).toHaveLength(1);
    expect(r2.problems[0].message).toMatch(/forventet 1837-2023\.yaml/);
  });

  test('an optional comparison score per area goes into the table and the chart series', () => {
    let text = TEXT;
    [47, 72, 65, 39, 51, 49, 51, 56].forEach((s, i) => (text = text.replace(`    score: ${s}\n    max: 100\n    subareas`, `    score: ${s}\n    max: 100\n    comparison: ${50 + i}\n    subareas`)));
    const r = parse(text);
    expect(r.problems).toEqual([]);
    const base = demografiLoad().dataset;
    const ds = new Dataset(base.observations, base.variables, base.tables, base.register, new Map([['kompass/1837-2023', r.value]]));
    const t = table('kompass.omrader', Y, ds);
    expect(t.columns.map((c) => c.label)).toContain('Kommuner med 5–10 000 innbyggere');
    expect(t.rows.map((x: Row) => x.sammenligning)).toEqual([50, 51, 52, 53, 54, 55, 56, 57, 428]);
    const s = series('kompass.omrader_serie', Y, ds);
    expect(s.series.map((x) => x.name)).toEqual(['Meløy', 'Kommuner med 5–10 000 innbyggere']);
  });
});
