/**
 * pptxgenjs's parts without its zip (src/render/pptx-parts.ts): the parts handed over are exactly what pptxgenjs
 * zips itself, other JSZip output types are untouched, and a deck finished from the parts is byte for byte the
 * deck finished from pptxgenjs's zip. If a JSZip or pptxgenjs upgrade changes what the hook reads, these fail.
 */
import * as path from 'path';
import PptxGenJS from 'pptxgenjs';
import { buildMasterDeck, buildSampleDeck } from '../helpers/decks';
import { readDeckFile, prepareDeck } from '../../src/build';
import { loadDataset } from '../../src/data/load';
import { renderDeck, renderDeckParts } from '../../src/render';
import { finishPackage, OoxmlPackage, renumberCharts, unzipEntries } from '../../src/render/package';
import { writeParts, type RawParts } from '../../src/render/pptx-parts';

const ROOT = path.resolve(__dirname, '../..');
const DATE = new Date('2023-06-30T00:00:00Z');
const decoder = new TextDecoder();

/**
 * A workbook's entries by name, its clock-stamped core properties left out (pptxgenjs dates them when it
 * writes). During a parts write the workbook is zipped by pptx-parts.ts, in another entry order.
 */
function workbookEntries(bytes: Uint8Array): [string, string][] {
  return unzipEntries(bytes)
    .filter(([n]) => n !== 'docProps/core.xml')
    .map(([n, d]): [string, string] => [n, decoder.decode(d)])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/**
 * The same package either way. Both sides get renumberCharts (pptxgenjs numbers charts from a counter global to
 * the process, so two builds of one deck name their charts differently; the finishing stage renumbers them).
 */
function expectSameParts(parts: RawParts, zipped: Uint8Array): void {
  const a = OoxmlPackage.fromParts(parts);
  const b = OoxmlPackage.fromZip(zipped);
  renumberCharts(a);
  renumberCharts(b);
  expect(a.names().sort()).toEqual(b.names().sort());
  for (const name of b.names()) {
    if (/\.xlsx$/.test(name)) expect(workbookEntries(a.bytes(name))).toEqual(workbookEntries(b.bytes(name)));
    else if (parts.get(name) instanceof Uint8Array || /\.(png|jpe?g)$/.test(name)) expect(Buffer.from(a.bytes(name)).equals(Buffer.from(b.bytes(name)))).toBe(true);
    else expect(a.text(name)).toBe(b.text(name));
  }
}

describe('writeParts: pptxgenjs parts without its zip', () => {
  it('hands over every part pptxgenjs zips, text as strings and media and workbooks as bytes', async () => {
    // the master deck has an image (base64 media), the sample deck charts (embedded workbooks) and notes
    // two builds of each deck (pptxgenjs mis-writes merged table cells when one presentation is written twice)
    for (const build of [buildSampleDeck, buildMasterDeck]) {
      const zipped = await seeded(build);
      const parts = await seeded(() => captureParts(build));
      expectSameParts(parts, zipped);
      expect([...parts.values()].some((p) => p instanceof Uint8Array)).toBe(true);
      expect([...parts.values()].some((p) => typeof p === 'string')).toBe(true);
    }
  });

  it('zips chart workbooks itself during a parts write (no JSZip base64 round trip)', async () => {
    const parts = await seeded(() => captureParts(buildSampleDeck));
    const workbooks = [...parts].filter(([n]) => /\.xlsx$/.test(n));
    expect(workbooks.length).toBeGreaterThan(0);
    for (const [, bytes] of workbooks) {
      const zip = bytes as Uint8Array;
      // entryOrder (content types first) and 1980-01-01 entry dates: written by zipEntries, not by JSZip
      expect(unzipEntries(zip)[0][0]).toBe('[Content_Types].xml');
      expect(new DataView(zip.buffer, zip.byteOffset).getUint16(12, true)).toBe((0 << 9) | (1 << 5) | 1);
    }
  });

  it('leaves the other output types to JSZip', async () => {
    const pres = new PptxGenJS();
    pres.addSlide().addText('Hei', { x: 1, y: 1, w: 3, h: 1 });
    await writeParts(pres);
    const bytes = (await pres.write({ outputType: 'uint8array' })) as Uint8Array;
    expect(unzipEntries(bytes).map(([n]) => n)).toContain('ppt/slides/slide1.xml');
    const b64 = (await pres.write({ outputType: 'base64' })) as string;
    expect(Buffer.from(b64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('finishes to the same bytes as pptxgenjs\'s own zip does', async () => {
    const { dataset } = loadDataset(path.join(ROOT, 'data'));
    const spec = readDeckFile(path.join(ROOT, 'decks/kommuneokonomi.yaml'));
    const p = prepareDeck(spec, dataset, { kommune: '1837' });
    const fromZip = finishPackage(await renderDeck(p.model, p.theme), { theme: p.theme, date: DATE });
    const fromParts = finishPackage(await renderDeckParts(p.model, p.theme), { theme: p.theme, date: DATE });
    expect(Buffer.from(fromParts).equals(Buffer.from(fromZip))).toBe(true);
  });
});

/** Run `f` with Math.random from a fixed sequence and the clock at DATE (timers stay real: JSZip uses them). */
async function seeded<T>(f: () => Promise<T>): Promise<T> {
  let x = 1;
  const random = jest.spyOn(Math, 'random').mockImplementation(() => ((x = (x * 16807) % 2147483647) - 1) / 2147483646);
  jest.useFakeTimers({ now: DATE, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
  try {
    return await f();
  } finally {
    jest.useRealTimers();
    random.mockRestore();
  }
}

/** Run a deck builder with its presentation written as parts. */
async function captureParts(build: () => Promise<Uint8Array>): Promise<RawParts> {
  const original = PptxGenJS.prototype.write;
  let parts: RawParts | undefined;
  PptxGenJS.prototype.write = async function (this: PptxGenJS) {
    PptxGenJS.prototype.write = original;
    parts = await writeParts(this);
    return new Uint8Array();
  };
  try {
    await build();
  } finally {
    PptxGenJS.prototype.write = original;
  }
  if (!parts) throw new Error('the builder did not write');
  return parts;
}

describe('OoxmlPackage.fromParts', () => {
  it('keeps text parts as text and binary parts as bytes', () => {
    const pkg = OoxmlPackage.fromParts([['a.xml', '<a>ø</a>'], ['b.png', new Uint8Array([1, 2])], ['dir/', '']]);
    expect(pkg.names()).toEqual(['a.xml', 'b.png']);
    expect(pkg.text('a.xml')).toBe('<a>ø</a>');
    expect([...pkg.bytes('b.png')]).toEqual([1, 2]);
  });
});

describe('OoxmlPackage.setPieces', () => {
  it('writes the concatenation of the pieces, and joins them only when the part is read as text', () => {
    const pkg = OoxmlPackage.fromParts([['a.xml', '<a/>']]);
    const pieces = ['<a>', 'Bodø – Meløy ', '😀', '</a>'];
    pkg.setPieces('a.xml', pieces);
    expect(Buffer.from(pkg.bytes('a.xml')).toString('utf8')).toBe(pieces.join(''));
    expect(pkg.text('a.xml')).toBe(pieces.join(''));
    const zipped = OoxmlPackage.fromZip(pkg.toZip({ date: DATE }));
    expect(zipped.text('a.xml')).toBe('<a>Bodø – Meløy 😀</a>');
  });
});
