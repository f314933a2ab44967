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
