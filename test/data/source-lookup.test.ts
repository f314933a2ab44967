import { describeInput, describeSource, inputSource, mappedUnit, publicSources, sourceKeyOf, sourceOf, unitOf } from '../../src/data/sources/lookup';
import { SOURCE_MAP } from '../../src/data/sources/source-map';
import { variableLabels } from '../../src/data/sources/readme';
import { VariableSource } from '../../src/data/sources/types';
import { METRICS } from '../../src/metrics/registry';

/** The one lookup of the source map (issue 17 point 1): by input id, patterns included, and in one line for people. */

/** A source document's internal id ("003 Tabell 6.2", "000 Effekten …") where a citation belongs. */
const INTERNAL_ID = /(?<!\d[\s\u00a0])\b00[03]\b/;

describe('sourceOf', () => {
  test('a variable id finds its own entry', () => {
    expect(sourceOf('kostra.ndu.plan_byggesak_miljo')).toBe(SOURCE_MAP['kostra.ndu.plan_byggesak_miljo']);
    expect(sourceKeyOf('finans.netto_lanegjeld')).toBe('finans.netto_lanegjeld');
  });

  test('an id a family pattern covers finds the pattern; the pattern itself is a key', () => {
    expect(sourceKeyOf('befolkning.alder.67')).toBe('befolkning.alder.*');
    expect(sourceKeyOf('befolkning.alder.*')).toBe('befolkning.alder.*');
    expect(sourceOf('befolkning.gruppe.6_15')?.kind).toBe('derived');
    // the pattern's prefix alone is not covered
    expect(sourceKeyOf('befolkning.alder.')).toBeUndefined();
  });

  test('a file a placeholder key covers finds it, with or without the folder and extension', () => {
    expect(sourceKeyOf('kompass/1837-2023')).toBe('data/kompass/<kommune>-<år>.yaml');
    expect(sourceKeyOf('data/kompass/1837-2023.yaml')).toBe('data/kompass/<kommune>-<år>.yaml');
  });

  test('an id the map does not cover is undefined, and said so in one line', () => {
    expect(sourceOf('ssb.99999.x')).toBeUndefined();
    expect(describeInput('ssb.99999.x')).toBe('ikke i kildekartet');
    expect(inputSource('ssb.99999.x')).toEqual({ id: 'ssb.99999.x', key: null, kind: null, source: 'ikke i kildekartet', confirmed: null });
  });

  test('a map given as argument is read instead of SOURCE_MAP', () => {
    const map: Record<string, VariableSource> = { 'a.*': { kind: 'derived', from: [], note: 'kort' }, 'a.b.*': { kind: 'derived', from: [], note: 'lang' } };
    expect(sourceKeyOf('a.b.c', map)).toBe('a.b.*');
    expect(sourceKeyOf('a.c', map)).toBe('a.*');
    expect(sourceOf('kostra.innbyggere', map)).toBeUndefined();
  });
});

describe('describeSource: one line for people', () => {
  test('SSB: table, ContentsCode, fixed codes, and konsern where the table is the kommunekonsern', () => {
    expect(describeInput('kostra.ndu.plan_byggesak_miljo')).toBe('SSB, tabell 12362 (KOSbelopinnbygge0000, KOKfunksjon0000=FGK3, KOKart0000=AGD2, konsern)');
    expect(describeInput('kostra.netto_driftsresultat_pct')).toBe('SSB, tabell 12134 (KOSAGD230000, konsern)');
    expect(describeInput('finans.netto_lanegjeld')).toBe('SSB, tabell 12364 (KOSbelop0000, KOKartkap0000=KG31)');
  });

  test('SSB population: what is summed, the date, and the projection table', () => {
    expect(describeInput('befolkning.alder.67')).toBe(
      'SSB, tabell 07459 (Personer1, Alder=*, summert over Kjonn, 1.1.); tabell 14288 (Personer, Alder=*, summert over Kjonn, framskrevet)',
    );
    expect(describeInput('kostra.innbyggere')).toBe('SSB, tabell 07459 (Personer1, summert over Kjonn og Alder, 31.12.)');
  });

  test('KDD, Klass, derived', () => {
    expect(describeInput('kriteriedata')).toMatch(/^KDD, Grønt hefte .*tabell A-k/);
    expect(describeInput('kostragruppe_medlemskap')).toBe('SSB, Klass 112');
    expect(describeInput('kostra.ndu_korr.barnehage')).toMatch(/^beregnet: Netto driftsutgifter per innbygger \(12362\) delt på sektorens behovsindeks/);
  });

  test('a document-only figure names the document by its citation, not by its id', () => {
    expect(describeInput('kostra.lonn.barnehage')).toBe('bare i kildedokumentet: Meløy kommune, Økonomisk analyse 2020, tabell 6.2');
    expect(describeInput('inntektssystem.lokal_havbruksfond')).toBe('bare i kildedokumentet: KS-Konsulent, presentasjon for Meløy kommunestyre mai 2023 (effekten av lokale inntekter)');
  });

  test('no entry of the map prints an internal document id', () => {
    for (const [key, src] of Object.entries(SOURCE_MAP)) {
      const line = describeSource(src);
      expect({ key, line, id: INTERNAL_ID.test(line) }).toEqual({ key, line, id: false });
    }
  });
});

describe('inputSource: the entry as facts --json prints it', () => {
  test('SSB: kind, table, codes, unit, year, confirmed', () => {
    expect(inputSource('kostra.ndu.barnehage')).toEqual({
      id: 'kostra.ndu.barnehage',
      key: 'kostra.ndu.barnehage',
      kind: 'ssb',
      source: 'SSB, tabell 12362 (KOSbelopinnbygge0000, KOKfunksjon0000=FGK7, KOKart0000=AGD2, konsern)',
      table: '12362',
      codes: { ContentsCode: 'KOSbelopinnbygge0000', KOKfunksjon0000: 'FGK7', KOKart0000: 'AGD2' },
      year: 'regnskapsaar',
      unit: 'kr per innb',
      confirmed: expect.stringContaining('mimir'),
    });
    expect(inputSource('finans.frie_inntekter_per_innb')).toMatchObject({ table: '12134', scale: 0.001, unit: '1000 kr per innb' });
    const age = inputSource('befolkning.alder.80');
    expect(age).toMatchObject({ key: 'befolkning.alder.*', table: '07459', codes: { ContentsCode: 'Personer1', Alder: '*' }, sum: ['Kjonn'] });
    expect(age.also).toEqual([expect.objectContaining({ table: '14288', codes: { ContentsCode: 'Personer', Alder: '*' } })]);
  });

  test('document, kdd, klass and derived entries', () => {
    expect(inputSource('finans.avdrag')).toEqual({
      id: 'finans.avdrag',
      key: 'finans.avdrag',
      kind: 'document',
      source: 'bare i kildedokumentet: Meløy kommune, Økonomisk analyse 2020, tabell 1.1',
      documents: ['003 Tabell 1.1'],
      unit: '1000 kr',
      candidate: expect.stringContaining('12364'),
      confirmed: null,
    });
    expect(inputSource('kriteriedata')).toMatchObject({ kind: 'kdd', unit: 'antall', confirmed: expect.stringContaining('A-k') });
    expect(inputSource('kostragruppe_medlemskap')).toMatchObject({ kind: 'klass', table: 'Klass 112' });
    expect(inputSource('kostra.ndu_korr.kultur')).toMatchObject({ kind: 'derived', from: ['kostra.ndu.*', 'kostnadsnokkel', 'kriteriedata'], confirmed: null });
  });
});

describe('units and the audit line', () => {
  test('the units the map declares are the units of data/variables.csv', () => {
    const variables = variableLabels();
    const wrong: string[] = [];
    for (const [id, v] of variables) {
      const u = mappedUnit(id);
      if (u !== undefined && u !== v.unit) wrong.push(`${id}: ${u} ≠ ${v.unit}`);
    }
    expect(wrong).toEqual([]);
  });

  test('unitOf refuses an input without a unit in the map, so a definition cannot get none', () => {
    expect(unitOf('kostra.lonn.kultur')).toBe('kr per innb');
    expect(() => unitOf('befolkning.fodte')).toThrow(/ingen enhet for befolkning\.fodte/);
  });

  test('every input a metric declares is covered by the map (so the audit and facts --json name a source for it)', () => {
    const uncovered = [...new Set(METRICS.flatMap((m) => m.inputs))].filter((i) => sourceOf(i) === undefined);
    expect(uncovered).toEqual([]);
  });

  test('publicSources: one line per map key, patterns once, in the order met', () => {
    expect(publicSources(['kostra.ndu.kultur', 'kostra.innbyggere', 'kostra.ndu.kultur'])).toBe(
      'kostra.ndu.kultur: SSB, tabell 12362 (KOSbelopinnbygge0000, KOKfunksjon0000=FGK2, KOKart0000=AGD2, konsern) | kostra.innbyggere: SSB, tabell 07459 (Personer1, summert over Kjonn og Alder, 31.12.)',
    );
    const ages = publicSources(['befolkning.alder.0', 'befolkning.alder.1', 'befolkning.alder.105']);
    expect(ages.split(' | ')).toHaveLength(1);
    expect(ages).toMatch(/^befolkning\.alder\.\*: SSB, tabell 07459/);
    expect(publicSources([])).toBe('');
  });
});
