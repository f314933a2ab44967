import { loadDataset } from '../../src/data/load';

describe('embedded data for finans, inntektssystem and ekstrainntekter', () => {
  it('loads without problems and holds the tables of 003 and 000', () => {
    const { dataset, warnings } = loadDataset();
    // no consistency warning about this family's files (kostnadsnøkkel weights sum to 1, every region-year complete ...)
    const mine = /kostnadsnokkel|kriteriedata|kriterieindeks_fremskrevet|kob_mal|nord_norge|003-tabell-(1-1|1-2|3-1|3-2|3-4|4-1)|000-(utgiftsutjevning|kostnadsnokkel|regionalpolitiske|effekten|brutto)/;
    expect(warnings.filter((w) => mine.test(w.file ?? '') || /kostnadsnøkkel|kriteri|KØB|regel/.test(w.message))).toEqual([]);
    expect(dataset.value('1837', 2020, 'finans.netto_driftsresultat')).toBe(16754); // 003 Tabell 1.1
    expect(dataset.value('1837', 2022, 'finans.brutto_driftsinntekter')).toBe(790118); // 000 Brutto driftsinntekter 2022
    expect(dataset.table('kostnadsnokkel', { year: 2023 })).toHaveLength(24); // 000 Utgiftsutjevning 2023
    expect(dataset.table('kostnadsnokkel', { year: 2020 })).toHaveLength(24); // 003 Tabell 3.4
    expect(dataset.table('kriteriedata', { year: 2023, region: '1837' })).toHaveLength(24);
    for (const r of ['1837', '1820', '1813', '1866', 'EKG06', 'EKG05']) expect(dataset.table('kriteriedata', { year: 2020, region: r })).toHaveLength(24);
    expect(dataset.table('kriterieindeks_fremskrevet', { region: '1837' })).toHaveLength(31 * 8); // 003 Tabell 3.7
    expect(dataset.table('kob_mal', { region: '1837' })).toHaveLength(3);
  });
});

import { checkInntektssystem } from '../../src/data/tables/inntektssystem';
import { checkFinans } from '../../src/data/tables/finans';
import { TableRow } from '../../src/data/model';

describe('consistency checks of the family tables', () => {
  const fake = (tables: Record<string, Record<string, string | number | null>[]>) => ({
    table: (name: string): TableRow[] => (tables[name] ?? []).map((values, i) => ({ values, file: `${name}.csv`, line: i + 2 })),
  });
  it('flags weights that do not sum to 1, unknown criteria and incomplete region-years', () => {
    const w = checkInntektssystem(
      fake({
        kostnadsnokkel: [
          { year: 2023, kriterium: 'a', vekt: 0.5, grunnlag: 'personer' },
          { year: 2023, kriterium: 'b', vekt: 0.4, grunnlag: 'personer' },
        ],
        kriteriedata: [
          { year: 2023, region: '1837', kriterium: 'a', antall: 1, indeks: null },
          { year: 2023, region: '1837', kriterium: 'x', antall: 1, indeks: null },
        ],
      }),
    );
    expect(w.map((x) => x.message).join('\n')).toMatch(/vektsum 0,9000/);
    expect(w.some((x) => /kriteriet x finnes ikke/.test(x.message))).toBe(true);
    expect(w.some((x) => /mangler 1 av 2/.test(x.message))).toBe(true);
  });
  it('flags unknown KØB rules and directions', () => {
    const w = checkFinans(fake({ kob_mal: [{ region: '1837', regel: 'gjeld', terskel: 1, retning: 'opp', source: 's' }] }));
    expect(w).toHaveLength(2);
  });
});
