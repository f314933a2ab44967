/**
 * Reproducibility and compression: same slides and date, same bytes — in one process after other builds, and in
 * separate processes in other time zones; DEFLATE; fixed entry dates and order.
 */
import { execFile } from 'child_process';
import * as path from 'path';
import PptxGenJS from 'pptxgenjs';
import { buildSampleDeck, buildTableChartDeck } from '../../helpers/decks';
import { partNames, partText, zipEntryInfo } from '../../helpers/ooxml';
import * as zlib from 'zlib';
import { OoxmlPackage, PackageCheckError, deflateWindowBits, documentDate, finishPackage, unzipEntries } from '../../../src/render/package';
import { loadTheme, DEFAULT_THEME_DIR } from '../../../src/render/theme';

const theme = loadTheme(path.join(DEFAULT_THEME_DIR, 'theme.yaml'));
const DATE = new Date('2023-06-30T00:00:00Z');
const CHILD = path.resolve(__dirname, '../../helpers/finish-in-child.js');

function finishInChild(tz: string, warmUp: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CHILD, DATE.toISOString(), String(warmUp)], { env: { ...process.env, TZ: tz }, maxBuffer: 32 * 1024 * 1024, timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(Buffer.from(stdout, 'base64')),
    );
  });
}

let rawA: Uint8Array;
let rawB: Uint8Array;
let finishedA: Uint8Array;

beforeAll(async () => {
  rawA = await buildSampleDeck();
  await buildTableChartDeck(3, 3); // moves pptxgenjs's process-wide chart counter
  rawB = await new Promise<Uint8Array>((resolve) => setTimeout(() => resolve(buildSampleDeck()), 2100)); // another zip time stamp
  finishedA = finishPackage(rawA, { theme, date: DATE });
});

describe('raw pptxgenjs output is not reproducible', () => {
  it('differs between two builds of the same slides in one process', () => {
    expect(Buffer.compare(Buffer.from(rawA), Buffer.from(rawB))).not.toBe(0);
    const charts = (b: Uint8Array) => partNames(b).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(charts(rawA)).not.toEqual(charts(rawB)); // chart1.. then chart10..
    expect(zipEntryInfo(rawA).every((e) => e.method === 0)).toBe(true); // stored, not deflated
  });
});

describe('finished output', () => {
  it('is byte-identical for two builds in one process', () => {
    const finishedB = finishPackage(rawB, { theme, date: DATE });
    expect(Buffer.compare(Buffer.from(finishedA), Buffer.from(finishedB))).toBe(0);
  });

  it('is byte-identical when built in separate processes, in other time zones, after other decks', async () => {
    const [auckland, newYork] = await Promise.all([finishInChild('Pacific/Auckland', 0), finishInChild('America/New_York', 2)]);
    expect(Buffer.compare(auckland, Buffer.from(finishedA))).toBe(0);
    expect(Buffer.compare(newYork, Buffer.from(finishedA))).toBe(0);
  });

  it('depends on the date: another date changes the dates and nothing else', () => {
    const other = finishPackage(rawA, { theme, date: new Date('2024-01-15T12:00:00Z') });
    expect(partText(other, 'docProps/core.xml')).toContain('2024-01-15T12:00:00Z');
    const strip = (b: Uint8Array) => partText(b, 'docProps/core.xml').replace(/\d{4}-\d\d-\d\dT[\d:]+Z/g, 'DATE');
    expect(strip(other)).toBe(strip(finishedA));
    expect(partNames(other)).toEqual(partNames(finishedA));
  });

  it('writes entries DEFLATE-compressed, dated from opts.date, [Content_Types].xml first, then _rels/.rels, then sorted', () => {
    const entries = zipEntryInfo(finishedA);
    expect(entries.slice(0, 2).map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels']);
    const rest = entries.slice(2).map((e) => e.name);
    expect(rest).toContain('ppt/slides/slide8.xml');
    expect(rest.indexOf('ppt/slides/slide2.xml')).toBeLessThan(rest.indexOf('ppt/slides/slide8.xml'));
    expect(rest.slice(0, 3)).toEqual(['docProps/app.xml', 'docProps/core.xml', 'ppt/_rels/presentation.xml.rels']);
    expect(entries.filter((e) => e.name.endsWith('/'))).toEqual([]);
    for (const e of entries) {
      expect({ name: e.name, method: e.method }).toEqual({ name: e.name, method: 8 });
      expect(e.date.toISOString()).toBe('2023-06-30T00:00:00.000Z');
    }
    // an embedded workbook: its entries stored (the deck's zip deflates it whole), same date
    const book = OoxmlPackage.fromZip(finishedA).bytes('ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx');
    for (const e of zipEntryInfo(book)) expect([e.method, e.date.toISOString()]).toEqual([0, '2023-06-30T00:00:00.000Z']);
  });

  it("deflates each entry with a window sized to it, the same bytes as zlib's default 32 KB window", () => {
    expect([0, 249, 250, 251, 1000, 1786, 1787, 32506, 32507, 1e6].map(deflateWindowBits)).toEqual([9, 9, 9, 10, 11, 11, 12, 15, 15, 15]);
    const entries = unzipEntries(finishedA);
    expect(entries.length).toBeGreaterThan(20);
    for (const [name, data] of entries) {
      if (name.endsWith('.xlsx') || data.length === 0) continue;
      const sized = zlib.deflateRawSync(data, { level: 6, windowBits: deflateWindowBits(data.length) });
      expect({ name, same: sized.equals(zlib.deflateRawSync(data, { level: 6 })) }).toEqual({ name, same: true });
    }
  });

  it('is much smaller than what write() returns', async () => {
    expect(finishedA.length).toBeLessThan(rawA.length / 3);
    const ten = await buildTableChartDeck(10, 10);
    const finished = finishPackage(ten, { theme, date: DATE });
    expect(finished.length).toBeLessThan(ten.length / 3);
  });

  it('does not change its input', () => {
    const copy = Uint8Array.from(rawA);
    finishPackage(rawA, { theme, date: DATE });
    expect(Buffer.compare(Buffer.from(copy), Buffer.from(rawA))).toBe(0);
  });
});

describe('finishPackage guards', () => {
  it('refuses a missing or invalid date', () => {
    expect(() => finishPackage(rawA, { theme, date: new Date('x') })).toThrow(/dato/);
  });

  it('throws PackageCheckError when the finished package still has a structural problem (NaN from the renderer, #1440)', async () => {
    const pres = new PptxGenJS();
    pres.addSlide().addTable([[{ text: 'a' }]], { x: 1, y: 1, w: 3, margin: 'x' as unknown as number }); // #1440
    const raw = (await pres.write({ outputType: 'uint8array' })) as Uint8Array;
    expect(() => finishPackage(raw, { theme, date: DATE })).toThrow(PackageCheckError);
    expect(() => finishPackage(raw, { theme, date: DATE })).toThrow(/marL="NaN"/);
    expect(finishPackage(raw, { theme, date: DATE, verify: false }).length).toBeGreaterThan(0);
  });
});

describe('documentDate', () => {
  it('takes SOURCE_DATE_EPOCH when set, else the date from the data; never the clock', () => {
    const fromData = new Date('2023-12-31T00:00:00Z');
    expect(documentDate(fromData, {}).toISOString()).toBe('2023-12-31T00:00:00.000Z');
    expect(documentDate(fromData, { SOURCE_DATE_EPOCH: '1688083200' }).toISOString()).toBe('2023-06-30T00:00:00.000Z');
    expect(documentDate(fromData, { SOURCE_DATE_EPOCH: '' }).toISOString()).toBe('2023-12-31T00:00:00.000Z');
    expect(() => documentDate(fromData, { SOURCE_DATE_EPOCH: 'i går' })).toThrow(/SOURCE_DATE_EPOCH/);
  });
});
