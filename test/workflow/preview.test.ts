import * as fs from 'fs';
import * as path from 'path';
import { findTool } from '../../src/workflow/preview';
import { cli } from '../helpers/cli';
import { tempDir } from './helpers';

/** A three-slide deck: the preview test renders it with LibreOffice (a few seconds). */
const DECK = `title: "Forhåndsvisning for {{kommune.navn}}"
year: 2023
references: { 1837: [1563, 1840, 5027] }
slides:
  - kind: title
    id: tittel
  - kind: statement
    id: bdi
    year: -1
    title: "Brutto driftsinntekter"
    metric: finans.brutto_driftsinntekter
    format: num
  - kind: chart
    id: innbyggere
    year: -1
    title: Innbyggere
    chart: bar
    series:
      - { name: "Innbyggere", metric: kostra.innbyggere, regions: all }
`;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const hasLibreOffice = Boolean(findTool('soffice') && findTool('pdftoppm'));

let dir: string;
beforeAll(() => {
  dir = tempDir('preview');
  fs.writeFileSync(path.join(dir, 'deck.yaml'), DECK);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

(hasLibreOffice ? test : test.skip)('preview of a deck file: one PNG per slide and a PDF, through LibreOffice', async () => {
  const png = path.join(dir, 'bilder');
  const pdf = path.join(dir, 'deck.pdf');
  const r = await cli('preview', path.join(dir, 'deck.yaml'), '--kommune', '1837', '--png', png, '--pdf', pdf, '--dpi', '30');
  expect(r.err).not.toMatch(/Feil/);
  expect(r.code).toBe(0);
  expect(fs.readdirSync(png).sort()).toEqual(['lysbilde-01.png', 'lysbilde-02.png', 'lysbilde-03.png']);
  for (const f of fs.readdirSync(png)) expect(fs.readFileSync(path.join(png, f)).subarray(0, 4).equals(PNG)).toBe(true);
  expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  // the deck built for the preview is not left behind
  expect(fs.readdirSync(dir).sort()).toEqual(['bilder', 'deck.pdf', 'deck.yaml']);
});

test('without LibreOffice the preview says how to install it, and writes nothing', async () => {
  const saved = process.env.KOMMUNEDECK_SOFFICE;
  process.env.KOMMUNEDECK_SOFFICE = path.join(dir, 'finnes-ikke', 'soffice');
  try {
    fs.writeFileSync(path.join(dir, 'x.pptx'), 'not used');
    const r = await cli('preview', path.join(dir, 'x.pptx'), '--png', path.join(dir, 'ingen'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/forhåndsvisning trenger LibreOffice \(soffice\), som ikke er installert; installer .*sudo apt-get install libreoffice-impress poppler-utils/);
    expect(fs.existsSync(path.join(dir, 'ingen'))).toBe(false);
  } finally {
    if (saved === undefined) delete process.env.KOMMUNEDECK_SOFFICE;
    else process.env.KOMMUNEDECK_SOFFICE = saved;
    fs.rmSync(path.join(dir, 'x.pptx'), { force: true });
  }
});

test('a deck file needs --kommune; other files are refused', async () => {
  const r = await cli('preview', path.join(dir, 'deck.yaml'));
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/trenger --kommune/);
  const t = await cli('preview', path.join(dir, 'deck.txt'));
  expect(t.code).toBe(1);
  expect(t.err).toMatch(/forventet en \.pptx-fil eller en presentasjonsfil/);
});
