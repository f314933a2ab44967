import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { outputFileName } from '../../src/build';
import { InputRecorder, inputsHash, recordingDataset } from '../../src/batch/inputs';
import { selectKommuner } from '../../src/batch/select';
import { writeSyntheticDataset } from '../../src/batch/synthetic';
import { loadDataset } from '../../src/data/load';
import { UserError } from '../../src/errors';
import { slugify } from '../../src/util/slug';

const { dataset } = loadDataset();
const DECK = path.resolve(__dirname, '..', '..', 'decks', 'kommuneokonomi.yaml');

describe('--kommuner', () => {
  it('all: every current kommune, without 9999 Uoppgitt and without group codes', () => {
    const { kommuner } = selectKommuner(dataset, 'all', 2023);
    const expected = [...dataset.register.values()].filter((k) => k.kind === 'kommune' && k.current && k.code !== '9999');
    expect(kommuner.map((k) => k.code)).toEqual(expected.map((k) => k.code).sort());
    expect(kommuner.length).toBe(357);
    expect(kommuner.some((k) => k.code === '9999' || k.code.startsWith('E'))).toBe(false);
  });

  it('fylke:NN: the kommuner whose number starts with NN', () => {
    const { kommuner } = selectKommuner(dataset, 'fylke:18', 2023);
    const codes = kommuner.map((k) => k.code);
    expect(codes).toEqual(expect.arrayContaining(['1804', '1813', '1820', '1837', '1840', '1866']));
    expect(codes.every((c) => c.startsWith('18'))).toBe(true);
    expect(() => selectKommuner(dataset, 'fylke:99', 2023)).toThrow(/ingen kommuner har kommunenummer som begynner på 99/);
    expect(() => selectKommuner(dataset, 'fylke:1', 2023)).toThrow(UserError);
  });

  it('kostragruppe:EKGNN: the members in kostragruppe_medlemskap for the newest year not after the deck year', () => {
    const sel = selectKommuner(dataset, 'kostragruppe:EKG06', 2023);
    const members = dataset.table('kostragruppe_medlemskap', { gruppe: 'EKG06', year: 2020 }).map((r) => String(r.values.kommune));
    expect(sel.kommuner.map((k) => k.code).sort()).toEqual([...members].sort());
    // 003 Tabell 1.4 lists Meløy in KOSTRA-gruppe 6 (2020)
    expect(sel.kommuner.map((k) => k.code)).toContain('1837');
    expect(sel.notes.join('\n')).toMatch(/medlemskapet fra 2020/);
    expect(selectKommuner(dataset, 'kostragruppe:6', 2023).kommuner.length).toBe(sel.kommuner.length);
    expect(() => selectKommuner(dataset, 'kostragruppe:EKG06', 2019)).toThrow(/bare for 2020/);
    expect(() => selectKommuner(dataset, 'kostragruppe:EKG13', 2023)).toThrow(/ingen medlemmer av EKG13/);
  });

  it('lists, names and mixtures; duplicates once; a group code alone is refused with a hint', () => {
    const { kommuner } = selectKommuner(dataset, '1837, Alstahaug,1837,meloy,fylke:18', 2023);
    expect(kommuner.slice(0, 2).map((k) => k.code)).toEqual(['1837', '1820']);
    expect(new Set(kommuner.map((k) => k.code)).size).toBe(kommuner.length);
    expect(() => selectKommuner(dataset, 'EKG06', 2023)).toThrow(/kostragruppe:EKG06/);
    expect(() => selectKommuner(dataset, '', 2023)).toThrow(/--kommuner er tom/);
    expect(() => selectKommuner(dataset, 'Atlantis', 2023)).toThrow(UserError);
  });
});

describe('file names', () => {
  it('slugify folds Sami and Norwegian letters', () => {
    expect(slugify('Porsanger - Porsáŋgu - Porsanki')).toBe('porsanger-porsangu-porsanki');
    expect(slugify('Unjárga - Nesseby')).toBe('unjarga-nesseby');
    expect(slugify('Meløy')).toBe('meloy');
    expect(slugify('Bø i Vesterålen')).toBe('bo-i-vesteralen');
  });

  it('<kommunenummer>-<kommune-slug>-<deck>-<year>.pptx for 5622 and 5636 from the register', () => {
    const k5622 = dataset.register.get('5622')!;
    const k5636 = dataset.register.get('5636')!;
    expect(outputFileName(k5622, DECK, 2023)).toBe('5622-porsanger-kommuneokonomi-2023.pptx');
    expect(outputFileName(k5636, DECK, 2023)).toBe('5636-nesseby-kommuneokonomi-2023.pptx');
    expect(outputFileName({ code: '5622', name: 'Porsanger - Porsáŋgu - Porsanki' }, 'decks/x.yml', 2024)).toBe('5622-porsanger-porsangu-porsanki-x-2024.pptx');
  });
});

describe('inputs hash', () => {
  it('records what a deck read, hits and misses, and changes when one of them changes', () => {
    const rec = new InputRecorder();
    const view = recordingDataset(dataset, rec);
    expect(view.value('1837', 2022, 'finans.brutto_driftsinntekter')).toBe(790118); // 000 Brutto driftsinntekter 2022
    expect(view.get('1837', 1999, 'finans.brutto_driftsinntekter')).toBeUndefined();
    expect(view.regionName('1837')).toBe('Meløy');
    expect(view.variables.get('finans.brutto_driftsinntekter')?.unit).toBe('1000 kr');
    const lines = rec.lines();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^obs\|1837\|2022\|finans\.brutto_driftsinntekter => 790118\|/),
        'obs|1837|1999|finans.brutto_driftsinntekter => -',
        'name|1837 => Meløy',
      ]),
    );
    const base = { reads: lines, deckText: 'd', themeText: 't', tool: 'kommunedeck 0.1.0', options: 'kommune=1837' };
    const h = inputsHash(base);
    expect(h).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(inputsHash({ ...base })).toBe(h);
    for (const change of [{ reads: [...lines, 'obs|x => 1'] }, { deckText: 'd2' }, { themeText: 't2' }, { tool: 'kommunedeck 0.1.1' }, { options: 'kommune=1820' }, { extraFiles: ['kommentarer'] }]) {
      expect(inputsHash({ ...base, ...change })).not.toBe(h);
    }
  });
});

describe('Dataset.table (indexed by the columns a question names)', () => {
  it('answers every question exactly as filtering every row does: same rows, same order, strict equality', () => {
    const naive = (name: string, where: Record<string, string | number | null>) => (dataset.tables.get(name)?.rows ?? []).filter((r) => Object.entries(where).every(([k, v]) => r.values[k] === v));
    const questions: [string, Record<string, string | number | null>][] = [
      ['kriteriedata', { region: '1837', year: 2023 }],
      ['kriteriedata', { year: 2023, region: '1837' }],
      ['kriteriedata', { region: '1837', year: '2023' }],
      ['kriteriedata', { region: '9999', year: 2023 }],
      ['kostnadsnokkel', { year: 2023 }],
      ['kostragruppe_medlemskap', { gruppe: 'EKG06', year: 2020 }],
      ['nord_norge_sone', { region: '1837' }],
      ['nord_norge_satser', {}],
      ['no_such_table', { year: 2023 }],
    ];
    for (const [name, where] of questions) {
      const a = dataset.table(name, where);
      expect(a).toEqual(naive(name, where));
      a.pop(); // callers may change the array they get
      expect(dataset.table(name, where)).toEqual(naive(name, where));
    }
    expect(dataset.table('kriteriedata', { region: '1837', year: 2023 }).length).toBeGreaterThan(0);
    expect(dataset.table('kriteriedata', { region: '1837', year: '2023' })).toEqual([]);
  });
});

describe('synthetic data (benchmark)', () => {
  it('never writes to data/, and fills a copy for the kommuner asked with SYNTETISK rows that load', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-syn-'));
    try {
      expect(() => writeSyntheticDataset({ to: path.resolve(__dirname, '..', '..', 'data'), deckFile: DECK })).toThrow(/aldri/);
      const r = writeSyntheticDataset({ to: path.join(tmp, 'data'), deckFile: DECK, kommuner: ['5622', '5636'] });
      expect(r.kommuner).toBe(2);
      expect(r.observations).toBeGreaterThan(100);
      const syn = loadDataset(path.join(tmp, 'data')).dataset;
      const meloy = syn.value('1837', 2022, 'finans.brutto_driftsinntekter');
      const porsanger = syn.get('5622', 2022, 'finans.brutto_driftsinntekter');
      expect(porsanger?.source).toMatch(/SYNTETISK/);
      expect(porsanger?.value).not.toBe(meloy);
      expect(syn.get('1820', 2022, 'finans.brutto_driftsinntekter')).toBeUndefined();
      // same seed, same numbers
      const again = writeSyntheticDataset({ to: path.join(tmp, 'data2'), deckFile: DECK, kommuner: ['5622', '5636'] });
      expect(again.observations).toBe(r.observations);
      expect(fs.readFileSync(path.join(tmp, 'data2', 'observations', 'zz-syntetisk.csv'), 'utf8')).toBe(fs.readFileSync(path.join(tmp, 'data', 'observations', 'zz-syntetisk.csv'), 'utf8'));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
