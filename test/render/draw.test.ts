/**
 * Two pptxgenjs defects fixed at the source (src/render/draw.ts and the table cells): the renderer's own slides
 * carry the deck's language and give every rectangle a text body, so the finishing fixes for them
 * (setTextLanguage, addMissingShapeTxBody; their tests on raw pptxgenjs output are in package/fixes.test.ts)
 * leave our slides as they are. Rewriting every slide costs about 5 ms a deck (see bench/README.md).
 */
import * as path from 'path';
import { prepareDeck, readDeckFile } from '../../src/build';
import { loadDataset } from '../../src/data/load';
import { renderDeckParts } from '../../src/render';
import { addMissingShapeTxBody, fillEmptyTxBody, setTextLanguage, shapeParts } from '../../src/render/package';

const ROOT = path.resolve(__dirname, '../..');

describe('the renderer writes what the finishing fixes would otherwise repair', () => {
  const { dataset } = loadDataset(path.join(ROOT, 'data'));
  it.each(['kommuneokonomi', 'okonomisk-analyse', 'kommunekompass'])('%s: text in nb-NO and text bodies on every shape of every slide', async (deck) => {
    const p = prepareDeck(readDeckFile(path.join(ROOT, `decks/${deck}.yaml`)), dataset, { kommune: '1837' });
    const pkg = await renderDeckParts(p.model, p.theme);
    const slides = shapeParts(pkg).filter((n) => n.startsWith('ppt/slides/'));
    const before = new Map(slides.map((n) => [n, pkg.text(n)]));
    expect(slides.length).toBe(p.model.slides.length);
    for (const [n, xml] of before) {
      expect({ n, en: /\slang="en-US"/.test(xml) }).toEqual({ n, en: false });
      expect({ n, nb: xml.includes(' lang="nb-NO"') }).toEqual({ n, nb: true });
    }
    addMissingShapeTxBody(pkg);
    fillEmptyTxBody(pkg);
    setTextLanguage(pkg, 'nb-NO');
    for (const [n, xml] of before) expect({ n, same: pkg.text(n) === xml }).toEqual({ n, same: true });
  });
});

describe('lineAxisMin: where a line chart\'s value axis starts', () => {
  const { lineAxisMin } = jest.requireActual('../../src/render/slides/chart') as typeof import('../../src/render/slides/chart');
  test('an index between 88 and 110 starts at 80, not at 0', () => expect(lineAxisMin([100, 88, 110, 95])).toBe(80));
  test('a population between 62 000 and 80 000 starts at 60 000', () => expect(lineAxisMin([62000, 71000, 79943])).toBe(60000));
  test('shares that span more than their lowest value start at 0 (axis left to the chart)', () => expect(lineAxisMin([2.6, 17.1])).toBeUndefined());
  test('negative or zero values leave the axis alone', () => expect(lineAxisMin([-1, 5])).toBeUndefined());
  test('a flat line gets room below it', () => expect(lineAxisMin([50, 50])).toBe(49));
});
