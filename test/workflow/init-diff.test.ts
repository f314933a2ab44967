import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { loadDataset } from '../../src/data/load';
import { changesCsv, diffFigures } from '../../src/workflow/diff';
import { Figure } from '../../src/workflow/figures';
import { groupSuggestions, withReferences } from '../../src/workflow/scaffold';
import { ruleReferences } from '../../src/deck/references';
import { cli } from '../helpers/cli';
import { COUNCIL_DECK, readCsv, tempDir } from './helpers';

const DATA = path.resolve(__dirname, '../../data');
let dir: string;
beforeAll(() => {
  dir = tempDir('init-diff');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kommunedeck init: a client folder', () => {
  test('has the deck, the references, the KØB targets, the comments file and a README; a second init overwrites nothing', async () => {
    const folder = path.join(dir, 'meloy');
    const r = await cli('init', folder, '--kommune', 'Meløy');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const files = ['kommuneokonomi.yaml', 'kob_mal.csv', path.join('kommentarer', '1837-kommuneokonomi.yaml'), 'README.md'];
    for (const f of files) expect(fs.existsSync(path.join(folder, f))).toBe(true);

    // the deck copy: the deck's own references (000: Sunndal, Saltdal, Midtre Gauldal), the rest of the file as it was
    const deck = fs.readFileSync(path.join(folder, 'kommuneokonomi.yaml'), 'utf8');
    expect(deck).toMatch(/^references: \{ 1837: \[1563, 1840, 5027\] \}$/m);
    expect(deck.replace(/^# referansekommuner for .*\n/m, '')).toBe(fs.readFileSync(COUNCIL_DECK, 'utf8'));
    expect((await cli('validate', path.join(folder, 'kommuneokonomi.yaml'))).code).toBe(0);

    // KØB targets in the data/tables/kob_mal.csv format, Meløy's own rules (003 avsnitt 1.1)
    const kob = fs.readFileSync(path.join(folder, 'kob_mal.csv'), 'utf8');
    expect(kob.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([
      'region,regel,terskel,retning,source',
      '1837,netto_driftsresultat,2,min,003 avsnitt 1.1',
      '1837,disposisjonsfond,8,min,003 avsnitt 1.1',
      '1837,netto_lanegjeld,75,maks,003 avsnitt 1.1',
    ]);

    // the comments file is the one `comments init` writes, for the copy
    const comments = parseYaml(fs.readFileSync(path.join(folder, 'kommentarer', '1837-kommuneokonomi.yaml'), 'utf8'));
    expect(comments).toMatchObject({ kommune: '1837', deck: 'kommuneokonomi', year: 2023 });
    expect(comments.slides.utgiftsutjevning.basis['inntektssystem.behovsindeks']).toEqual({ value: expect.closeTo(1.14791, 5), shown: '1,14791' });

    const readme = fs.readFileSync(path.join(folder, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# Meløy \(1837\): presentasjon for kommunestyret/);
    expect(readme).toContain('kommunedeck build kommuneokonomi.yaml --kommune 1837 --audit revisjon.xlsx');
    expect(readme).toContain('- 1563 Sunndal');

    const before = Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(folder, f), 'utf8')]));
    fs.writeFileSync(path.join(folder, 'kob_mal.csv'), kob.replace('1837,netto_driftsresultat,2,', '1837,netto_driftsresultat,1.5,'));
    const again = await cli('init', folder, '--kommune', '1837');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/Finnes fra før, ikke endret: .*kob_mal\.csv/);
    expect(fs.readFileSync(path.join(folder, 'kob_mal.csv'), 'utf8')).toContain('1837,netto_driftsresultat,1.5,');
    expect(fs.readFileSync(path.join(folder, 'README.md'), 'utf8')).toBe(before['README.md']);
  });

  test('the KØB file loads as data/tables/kob_mal.csv; a kommune without own targets gets the defaults, marked as such', async () => {
    const folder = path.join(dir, 'hemnes');
    const deck = path.join(dir, 'uten-ref.yaml');
    fs.writeFileSync(deck, 'title: "Kort"\nyear: 2020\nslides:\n  - kind: title\n    id: tittel\n');
    expect((await cli('init', folder, '--kommune', 'Hemnes', '--deck', deck)).code).toBe(0);
    const kob = fs.readFileSync(path.join(folder, 'kob_mal.csv'), 'utf8');
    expect(kob).toContain('1832,netto_lanegjeld,75,maks,standardmål – erstatt med kommunens vedtak');
    // the file is valid data: a copy of the data folder with these rows loads and gives Hemnes the targets
    const data = path.join(dir, 'data-kob');
    fs.cpSync(DATA, data, { recursive: true });
    fs.writeFileSync(path.join(data, 'tables', 'kob_mal.csv'), kob);
    const { dataset } = loadDataset(data);
    expect(dataset.table('kob_mal', { region: '1832' }).map((r) => [r.values.regel, r.values.terskel])).toEqual([['netto_driftsresultat', 2], ['disposisjonsfond', 8], ['netto_lanegjeld', 75]]);
    // a deck without references for Hemnes: the rule's choice (nearest in size and kostnadsindeks), with the KOSTRA
    // group's nearest members (003 Tabell 1.4) as a suggestion in the comment
    const copy = fs.readFileSync(path.join(folder, 'uten-ref.yaml'), 'utf8');
    expect(copy).toMatch(/^# referansekommuner for 1832 Hemnes \(kommunedeck init\); forslag fra KOSTRA-gruppen til Hemnes \(EKG06, 2020\)/m);
    const rule = ruleReferences(dataset, '1832', 2020);
    expect(rule?.refs).toHaveLength(3);
    expect(copy).toContain(`references: { 1832: [${rule?.refs.join(', ')}] }`);
  });

  test('reference suggestions come from the kommune’s KOSTRA group, nearest in population (003 Tabell 1.4)', () => {
    const { dataset } = loadDataset(DATA);
    const s = groupSuggestions(dataset, '1837');
    expect(s.group).toBe('EKG06');
    expect(s.year).toBe(2020);
    // Meløy (6 212 innbyggere in 2022): 4026 (5 604), 1135 (4 561) and 1832 (4 428) are the closest members of group 6
    expect(s.members).toEqual(['4026', '1135', '1832']);
    expect(withReferences('title: x\nyear: 2020\nreferences:\n  1837:\n    - 1\n    - 2\nslides: []\n', '1832', ['3'], '')).toBe('title: x\nyear: 2020\nreferences: { 1832: [3] }\nslides: []\n');
  });
});

describe('kommunedeck diff: figures that change between two data vintages', () => {
  test('lists each changed figure (slide, metric, place, old → new) from a copied data folder with changed observations', async () => {
    const newer = path.join(dir, 'data-ny');
    fs.cpSync(DATA, newer, { recursive: true });
    const bdi = path.join(newer, 'observations', '000-brutto-driftsinntekter-2022.csv');
    fs.writeFileSync(bdi, fs.readFileSync(bdi, 'utf8').replace('1837,2022,finans.brutto_driftsinntekter,790118,', '1837,2022,finans.brutto_driftsinntekter,801250,'));
    const refs = path.join(newer, 'observations', '000-referansekommuner.csv');
    fs.writeFileSync(refs, fs.readFileSync(refs, 'utf8').replace('1563,2022,kostra.innbyggere,7110,', '1563,2022,kostra.innbyggere,7050,'));
    const csv = path.join(dir, 'endringer.csv');
    const r = await cli('diff', '--data', DATA, '--data-new', newer, '--kommune', '1837', '--deck', COUNCIL_DECK, '--csv', csv);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^Lysbilde\s+Nøkkeltall\s+Sted\s+Før → nå$/);
    expect(lines).toContainEqual(expect.stringMatching(/^2 brutto-driftsinntekter\s+finans\.brutto_driftsinntekter\s+verdi\s+790 118 000 → 801 250 000$/));
    expect(lines).toContainEqual(expect.stringMatching(/^3 referansekommuner\s+kostra\.innbyggere\s+diagram s1\/p2 \(Innbyggere \| Sunndal\)\s+7 110 → 7 050$/));
    const changes = readCsv(fs.readFileSync(csv, 'utf8'));
    // 2022 brutto driftsinntekter are shown on one slide only (the KØB slides show 2020): only these two change
    expect(changes.map((c) => c.slide_id)).toEqual(['brutto-driftsinntekter', 'referansekommuner']);
    expect(changes.find((c) => c.slide_id === 'brutto-driftsinntekter')).toMatchObject({ old: '790 118 000', new: '801 250 000', old_value: '790118000', new_value: '801250000' });
    expect(lines[lines.length - 1]).toBe(`${changes.length} tall endres på 2 lysbilder (1837 Meløy, ${DATA} → ${newer}).`);
  });

  test('identical data: nothing changes', async () => {
    const r = await cli('diff', '--data', DATA, '--data-new', DATA, '--kommune', '1837');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Ingen tall i presentasjonen for 1837 Meløy endres/);
  });

  test('diffFigures matches figures by slide, metric and place, and reports figures that appear or disappear', () => {
    const f = (slideId: string, key: string, shown: string, value: number): Figure => ({ slide: 1, slideId, place: 'verdi', key, metric: 'm', region: '1837', year: 2022, value, shown, unit: 'kr', inputs: [], formula: '', source: [] });
    const changes = diffFigures([f('a', 'x', '1', 1), f('a', 'gone', '2', 2)], [f('a', 'x', '1', 1.2), f('a', 'new', '3', 3)]);
    expect(changes.map((c) => [c.place, c.old, c.new])).toEqual([['verdi', '–', '3'], ['verdi', '2', '–']]);
    expect(changesCsv(changes).split('\n')[0]).toBe('slide,slide_id,metric,place,old,new,old_value,new_value');
  });
});
