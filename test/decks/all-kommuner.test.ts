import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../helpers/cli';
import { openDeck } from '../helpers/pptx';

/** 000 "MELØY Bruk av folketall 1.7.2022": the 1000 kr column of all 24 criteria and the total, as published. */
const UTGIFTSUTJEVNING_1000_KR = [-604, -5135, 4205, -36, -2784, 5181, 9851, 8557, 12607, 11045, 6552, 642, 886, -1865, -132, 1557, -1175, 692, -2629, -819, 9155, 5869, -876, -2998, 57745];

const nb = (n: number) => (n < 0 ? '-' : '') + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

test('the council deck shows all 24 criterion rows of the utgiftsutjevning 2023 with their published 1000 kr', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-rows-'));
  const r = await cli('build', 'decks/kommuneokonomi.yaml', '--kommune', '1837', '--out', path.join(dir, 'd.pptx'));
  expect(r.code).toBe(0);
  const deck = openDeck(path.join(dir, 'd.pptx'));
  const slide = deck.slideText[deck.titles.indexOf('Utgiftsutjevningen 2023: Meløy mot landet')];
  for (const v of UTGIFTSUTJEVNING_1000_KR) expect(slide).toContain(nb(v));
  expect(slide).toContain('1,1479'); // kostnadsindeks 1,14791, shown with the table's four decimals
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('every deck for Alstahaug, Brønnøy and Hadsel: built, or a clear answer — never an internal error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-kommuner-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const deck of ['kommuneokonomi.yaml', 'okonomisk-analyse.yaml', 'kommunekompass.yaml']) {
    for (const kommune of ['1820', '1813', '1866']) {
      test(`${deck} for ${kommune}`, async () => {
        const r = await cli('build', path.join('decks', deck), '--kommune', kommune, '--out', dir + '/');
        expect(r.err).not.toMatch(/Intern feil/);
        if (r.code === 0) expect(r.out).toMatch(/^Skrev /m);
        else expect(r.err).toMatch(/ingen av tallene i presentasjonen finnes for/);
      });
    }
  }
});
