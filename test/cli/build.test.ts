import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../helpers/cli';
import { openDeck } from '../helpers/pptx';

const DECK = 'decks/kommuneokonomi.yaml';
let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-build-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const pptxIn = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.pptx'));

describe('kommunedeck build: the council deck for Meløy', () => {
  let file: string;
  let deck: ReturnType<typeof openDeck>;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-build-all-'));
    const r = await cli('build', DECK, '--kommune', 'Meløy', '--out', dir + '/');
    expect(r.err).not.toMatch(/Intern feil/);
    expect(r.code).toBe(0);
    file = path.join(dir, pptxIn(dir)[0]);
    deck = openDeck(file);
  });

  test('is written under the documented name and reported', () => {
    expect(path.basename(file)).toBe('1837-meloy-kommuneokonomi-2023.pptx');
  });

  test('has the slides of the deck file, with their titles', () => {
    expect(deck.slideXml.length).toBeGreaterThanOrEqual(25);
    expect(deck.titles[0]).toBe('Status og fremtidsutsikter for kommuneøkonomien i Meløy');
    expect(deck.titles).toContain('Utgiftsutjevningen 2023: Meløy mot landet');
    expect(deck.titles).toContain('Beste praksis blant referansekommunene 2022');
  });

  test('shows the sources’ figures, computed from data', () => {
    const all = deck.slideText.join('\n');
    expect(all).toContain('790 118 000'); // 000: brutto driftsinntekter 2022
    expect(all).toContain('57 745'); // 000: utgiftsutjevning 2023, 1000 kr
    expect(all).toContain('1,14791'); // 000: kostnadsindeks 2023 (commentary)
    expect(all).toContain('-170 923 180'); // 000: beste praksis, sum
    expect(all).toContain('20 406 420'); // 000: utvikling 2021–2022
    expect(all).toContain('141 037'); // 000: kostnadsnøkkel 2023, enhetsbeløp 6–15 år
  });

  test('every number slide has a source line and speaker notes that say how figures were computed', () => {
    const idx = deck.titles.indexOf('Utgiftsutjevningen 2023: Meløy mot landet');
    expect(deck.slideText[idx]).toMatch(/Kilde: KS-Konsulent, presentasjon for Meløy kommunestyre mai 2023 \(utgiftsutjevning 2023/);
    expect(deck.notesText[idx]).toMatch(/Slik er tallene beregnet/);
  });
});

describe('kommunedeck build: determinism and atomic output', () => {
  test('two builds from the same inputs are byte-identical', async () => {
    const a = path.join(tmp, 'a.pptx');
    const b = path.join(tmp, 'b.pptx');
    expect((await cli('build', DECK, '--kommune', '1837', '--out', a)).code).toBe(0);
    expect((await cli('build', DECK, '--kommune', '1837', '--out', b)).code).toBe(0);
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
    expect(fs.readdirSync(tmp).sort()).toEqual(['a.pptx', 'b.pptx']); // no temp files left behind
  });

  test('--emit-model writes the resolved DeckModel', async () => {
    const model = path.join(tmp, 'model.json');
    expect((await cli('build', DECK, '--kommune', '1837', '--out', path.join(tmp, 'x.pptx'), '--emit-model', model)).code).toBe(0);
    const m = JSON.parse(fs.readFileSync(model, 'utf8'));
    expect(m.kommune).toEqual({ code: '1837', name: 'Meløy' });
    expect(m.refs.map((r: { code: string }) => r.code)).toEqual(['1563', '1840', '5027']);
  });

  test('--ref replaces the references', async () => {
    const model = path.join(tmp, 'model.json');
    expect((await cli('build', DECK, '--kommune', '1837', '--ref', 'Alstahaug,1813', '--out', path.join(tmp, 'x.pptx'), '--emit-model', model)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(model, 'utf8')).refs).toEqual([{ code: '1820', name: 'Alstahaug' }, { code: '1813', name: 'Brønnøy' }]);
  });
});

describe('kommunedeck build: the user’s mistakes exit 1 with a clear message and write nothing', () => {
  const expectNothingWritten = () => expect(pptxIn(tmp)).toEqual([]);

  test('a deck with an unknown metric', async () => {
    const deck = path.join(tmp, 'deck.yaml');
    fs.writeFileSync(deck, 'title: t\nyear: 2023\nslides:\n  - kind: statement\n    metric: finans.driftsresultat_pct\n');
    const r = await cli('build', deck, '--kommune', '1837', '--out', tmp + '/');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/deck\.yaml:5:13: ukjent nøkkeltall 'finans\.driftsresultat_pct'; mente du .*'finans\.netto_driftsresultat_pct'/);
    expectNothingWritten();
  });

  test('an unknown kommune lists candidates', async () => {
    const r = await cli('build', DECK, '--kommune', 'Meloya', '--out', tmp + '/');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/fant ingen kommune som heter 'Meloya'; mente du .*1837 Meløy/);
    expectNothingWritten();
  });

  test('an output folder that does not exist', async () => {
    const r = await cli('build', DECK, '--kommune', '1837', '--out', path.join(tmp, 'finnes-ikke') + '/');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/utmappen .*finnes-ikke finnes ikke/);
  });

  test('a deck file that does not exist', async () => {
    const r = await cli('build', path.join(tmp, 'nei.yaml'), '--kommune', '1837');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/fant ikke presentasjonsfilen/);
  });

  test('a malformed year', async () => {
    const r = await cli('build', DECK, '--kommune', '1837', '--year', '23');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ugyldig år '23'/);
  });

  test('a missing required option prints usage, exit 1', async () => {
    const r = await cli('build', DECK);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--kommune/);
  });
});

describe('kommunedeck --help, validate and facts', () => {
  test.each([[], ['build'], ['validate'], ['facts'], ['import'], ['fetch'], ['data']])('--help on %p exits 0 and prints usage', async (...cmd) => {
    const r = await cli(...(cmd as string[]), '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: kommunedeck/);
  });

  test('validate accepts the shipped decks', async () => {
    for (const f of fs.readdirSync('decks').filter((x) => x.endsWith('.yaml'))) {
      const r = await cli('validate', path.join('decks', f));
      expect({ f, code: r.code, err: r.err }).toEqual({ f, code: 0, err: '' });
    }
  });

  test('facts --json lists the required metrics with values (2020 and 2023)', async () => {
    const r2020 = JSON.parse((await cli('facts', '--kommune', '1837', '--year', '2020', '--json')).out);
    expect(r2020['finans.netto_driftsresultat_pct'].value).toBeCloseTo(2.2, 1);
    expect(r2020['finans.dekningsgrad'].value).toBeCloseTo(0.83, 2);
    expect(r2020['ekstrainntekter.andel'].value).toBeCloseTo(14.55, 2);
    expect(r2020['inntektssystem.behovsindeks'].unit).toBe('indeks');
    const r2023 = JSON.parse((await cli('facts', '--kommune', '1837', '--year', '2023', '--json')).out);
    expect(r2023['inntektssystem.utgiftsutjevning'].value).toBeCloseTo(57745000, -3);
    expect(r2023['kompass.total'].value).toBe(430);
    expect(r2023['kompass.maks'].value).toBe(800);
    // a metric without data for the year is reported as missing, not as an error
    const missing = Object.values(r2023).find((v) => (v as { missing?: string }).missing);
    expect(missing).toBeDefined();
  });
});
