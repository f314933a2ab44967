/**
 * Every deck kommunedeck ships, and a deck with every slide and chart kind, passes PowerPoint's three stand-ins:
 * the Open XML SDK validator, the structural package check, and LibreOffice (one PDF page per slide).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildDeck } from '../../src/build';
import { renderDeck } from '../../src/render';
import { finishPackage } from '../../src/render/package';
import { loadTheme, resolveThemePath } from '../../src/render/theme';
import { resolveText } from '../helpers/fixtures';
import { checkPackage, formatFindings, validateOoxml } from '../helpers/ooxml';
import { openDeck } from '../helpers/pptx';

const DECKS = fs.readdirSync('decks').filter((f) => f.endsWith('.yaml')).sort();
/**
 * Meløy, and another kommune where the data has figures for the deck (Alstahaug has 003's KOSTRA and population
 * figures; no other kommune has a Kommunekompass evaluation in the embedded data).
 */
const KOMMUNER: Record<string, string[]> = { 'kommunekompass.yaml': ['1837'] };
const kommunerFor = (deck: string) => KOMMUNER[deck] ?? ['1837', '1820'];

let dir: string;
const built: { file: string; slides: number }[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-decks-'));
  for (const deck of DECKS) {
    for (const kommune of kommunerFor(deck)) {
      const r = await buildDeck({ deckFile: path.join('decks', deck), kommune, out: dir + '/' });
      built.push({ file: r.file, slides: r.model.slides.length });
    }
  }
  const model = resolveText(fs.readFileSync('test/fixtures/decks/every-kind.yaml', 'utf8'));
  const theme = loadTheme(resolveThemePath(undefined));
  const bytes = finishPackage(await renderDeck(model, theme), { theme, date: new Date(Date.UTC(2023, 0, 1)) });
  const file = path.join(dir, 'every-kind.pptx');
  fs.writeFileSync(file, bytes);
  built.push({ file, slides: model.slides.length });
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the every-kind deck has continued tables and speaker notes', () => {
  const d = openDeck(path.join(dir, 'every-kind.pptx'));
  const parts = d.titles.filter((t) => t.startsWith('En lang tabell'));
  expect(parts.length).toBeGreaterThan(1);
  expect(parts[1]).toMatch(/\(forts\.\)$/);
  expect(d.notesText.some((n) => n.includes('Egne notater'))).toBe(true);
});

test('every deck passes the structural package check', () => {
  for (const b of built) expect({ file: path.basename(b.file), problems: checkPackage(fs.readFileSync(b.file)) }).toEqual({ file: path.basename(b.file), problems: [] });
});

test('every deck passes the Open XML SDK validator with 0 errors', async () => {
  for (const b of built) {
    const { errors } = await validateOoxml(b.file);
    expect({ file: path.basename(b.file), errors: formatFindings(errors) }).toEqual({ file: path.basename(b.file), errors: [] });
  }
}, 180_000);

const hasLibreOffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

(hasLibreOffice ? test : test.skip)('LibreOffice renders every deck with one page per slide', () => {
  const pdfDir = path.join(dir, 'pdf');
  fs.mkdirSync(pdfDir);
  const profile = `file://${path.join(dir, 'lo-profile')}`;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, ...built.map((b) => b.file)], { stdio: 'ignore', timeout: 300_000 });
  for (const b of built) {
    const pdf = path.join(pdfDir, path.basename(b.file).replace(/\.pptx$/, '.pdf'));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect({ file: path.basename(b.file), pages }).toEqual({ file: path.basename(b.file), pages: b.slides });
  }
}, 300_000);
