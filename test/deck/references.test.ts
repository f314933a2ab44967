import * as path from 'path';
import { chooseReferences, referenceDistance, ReferenceCandidate } from '../../src/analysis/befolkning';
import { prepareDeck, readDeckFile, vocabulary } from '../../src/build';
import { loadDataset } from '../../src/data/load';
import { parseDeck } from '../../src/deck/parse';
import { chooseDeckReferences, ruleReferences } from '../../src/deck/references';

const DECKS = path.resolve(__dirname, '..', '..', 'decks');
const { dataset } = loadDataset();

describe('the reference rule (nearest in size and kostnadsindeks, share 80+ breaks ties)', () => {
  const k = (code: string, innbyggere: number, kostnadsindeks: number | undefined, andel80: number): ReferenceCandidate => ({ code, innbyggere, kostnadsindeks, andel80 });
  const target = k('0001', 10000, 1.1, 5);

  test('twice the size counts as far as 0,1 in kostnadsindeks', () => {
    expect(referenceDistance(target, k('a', 20000, 1.1, 5))).toBeCloseTo(1, 12);
    expect(referenceDistance(target, k('b', 5000, 1.1, 5))).toBeCloseTo(1, 12);
    expect(referenceDistance(target, k('c', 10000, 1.2, 5))).toBeCloseTo(1, 12);
    expect(referenceDistance(target, k('d', 20000, 1.0, 5))).toBeCloseTo(2, 12);
  });

  test('nearest first; equal distances go to the nearest share 80+, then the lower number; never the kommune itself', () => {
    const chosen = chooseReferences(
      target,
      [k('0001', 10000, 1.1, 5), k('0009', 20000, 1.1, 9), k('0008', 5000, 1.1, 6), k('0007', 10000, 1.2, 5), k('0002', 11000, 1.1, 1), k('0003', 40000, 1.1, 5)],
      3,
    );
    // 0002 is nearest (ln 1,1 / ln 2 = 0,14); 0007, 0008 and 0009 are all at distance 1: 0007 (80+ equal), then 0008 (1 point off)
    expect(chosen.map((c) => c.code)).toEqual(['0002', '0007', '0008']);
  });

  test('without a kostnadsindeks for the kommune, size alone counts', () => {
    const chosen = chooseReferences(k('0001', 200, undefined, 10), [k('a', 210, 1.9, 10), k('b', 400, 1.0, 10), k('c', 190, 1.5, 10)], 2);
    expect(chosen.map((c) => c.code)).toEqual(['a', 'c']);
  });
});

describe('which references a deck gets', () => {
  const council = readDeckFile(path.join(DECKS, 'kommuneokonomi.yaml'));

  test('Meløy gets the references the council deck names for Meløy (000: Sunndal, Saltdal, Midtre Gauldal)', () => {
    const c = chooseDeckReferences(council, dataset, '1837', 2023);
    expect(c).toMatchObject({ refs: ['1563', '1840', '5027'], how: 'deck' });
    expect(c.note).toBe('Referansekommunene er de presentasjonsfilen oppgir for Meløy.');
  });

  test('Tromsø never gets Meløy\'s references: the rule chooses, and says how', () => {
    const c = chooseDeckReferences(council, dataset, '5501', 2023);
    expect(c.how).toBe('rule');
    expect(c.refs).toHaveLength(3);
    expect(c.refs.some((r) => ['1563', '1840', '5027', '5501'].includes(r))).toBe(false);
    expect(c.refs).toEqual(ruleReferences(dataset, '5501', 2023)?.refs);
    expect(c.note).toMatch(/^Referansekommunene er valgt etter kommunedecks regel: de 3 kommunene som ligger nærmest Tromsø i folketall \(1\.1\.2023\) og kostnadsindeks \(2025\)/);
    // the chosen ones really are near: within a factor 1,5 in size and 0,06 in kostnadsindeks of Tromsø's
    const own = dataset.population.row('5501', 2023)!.total;
    for (const r of c.refs) expect(Math.abs(Math.log(dataset.population.row(r, 2023)!.total / own))).toBeLessThan(Math.log(1.5));
  });

  test('--ref overrides the deck and the rule; --ref auto asks for the rule even where the deck names references', () => {
    expect(chooseDeckReferences(council, dataset, '5501', 2023, 'Bodø, 4601')).toMatchObject({ refs: ['1804', '4601'], how: 'cli' });
    const auto = chooseDeckReferences(council, dataset, '1837', 2023, 'auto');
    expect(auto.how).toBe('rule');
    expect(auto.refs).not.toContain('1837');
  });

  test('Utsira has no kostnadsindeks: the rule uses size alone and says so', () => {
    const c = ruleReferences(dataset, '1151', 2026);
    expect(c?.note).toMatch(/Utsira har ingen kostnadsindeks i dataene, så bare folketallet teller/);
    expect(c?.refs).toHaveLength(3);
  });

  test('the deck for Tromsø compares with its own references and says in the notes how they were chosen', () => {
    const p = prepareDeck(council, dataset, { kommune: '5501' });
    const names = p.model.refs.map((r) => r.name);
    expect(names).not.toContain('Sunndal');
    const opening = p.model.slides[0];
    expect(opening.notes).toMatch(/Referansekommunene er valgt etter kommunedecks regel/);
  });

  test('a bare list under references: names no kommune and is an error with file:line:col', () => {
    expect(() => parseDeck('d.yaml', 'title: t\nyear: 2023\nreferences: [1563, 1840]\nslides: []\n', vocabulary)).toThrow(/d\.yaml:3:\d+: references må si hvilken kommune listen gjelder/);
  });
});
