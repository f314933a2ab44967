/**
 * A deck opened and saved by LibreOffice (`soffice --headless --convert-to pptx`), then refreshed. Measured with
 * LibreOffice 7.4: every shape tag (ppt/tags, p:custDataLst) and the embedded chart workbooks are dropped, shape
 * ids are renumbered; shape names, slide titles and the custom XML part with the deck record are kept (its
 * relationship moved to the package root). Refresh then finds each built slide again by its title and each bound
 * shape by its name, applies the same changes as to the deck PowerPoint kept, and writes the tags back.
 * Skipped when soffice is not installed.
 */
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildDeck } from '../../src/build';
import { loadDataset } from '../../src/data/load';
import { refreshPackage, RefreshOutcome } from '../../src/refresh';
import { OoxmlPackage } from '../../src/render/package';
import { readDeckRecord, readShapeBindings } from '../../src/render/package/bindings';
import { checkPackage, formatFindings, validateBytes } from '../helpers/ooxml';
import { DECK, changedData } from './helpers';

function soffice(): string | undefined {
  for (const name of ['soffice', 'libreoffice']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      /* not on PATH */
    }
  }
  return undefined;
}

const SOFFICE = soffice();
const maybe = SOFFICE ? describe : describe.skip;

maybe('a deck saved by LibreOffice', () => {
  let tmp: string;
  let built: Uint8Array;
  let saved: Uint8Array;
  let viaPowerPoint: RefreshOutcome;
  let viaLibreOffice: RefreshOutcome;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-refresh-lo-'));
    const dataset = loadDataset(changedData(path.join(tmp, 'data'))).dataset;
    const b = await buildDeck({ deckFile: path.relative(process.cwd(), DECK), kommune: '1837', out: path.join(tmp, 'meloy.pptx') });
    built = fs.readFileSync(b.file);
    fs.mkdirSync(path.join(tmp, 'lo'));
    // a profile of its own, so parallel test runs do not share LibreOffice's lock
    await new Promise<void>((resolve, reject) =>
      execFile(
        SOFFICE!,
        [`-env:UserInstallation=file://${path.join(tmp, 'profile')}`, '--headless', '--convert-to', 'pptx', '--outdir', path.join(tmp, 'lo'), b.file],
        { timeout: 120_000 },
        (err, _out, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve()),
      ),
    );
    saved = fs.readFileSync(path.join(tmp, 'lo', 'meloy.pptx'));
    viaPowerPoint = refreshPackage(built, dataset);
    viaLibreOffice = refreshPackage(saved, dataset);
  }, 150_000);

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('keeps the deck record and the shape names, drops the shape tags (measured)', () => {
    const pkg = OoxmlPackage.fromZip(saved);
    const record = readDeckRecord(pkg)!;
    expect(record).toBeDefined();
    expect(record.deck.text).toBe(fs.readFileSync(DECK, 'utf8'));
    expect(readShapeBindings(pkg)).toEqual([]);
    const names = (b: Uint8Array) => (new TextDecoder().decode(b).match(/name="kd-(table|chart|commentary|value)"/g) ?? []).length;
    const slideXml = (p: OoxmlPackage) => p.names().filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).map((n) => p.text(n)).join('');
    expect(names(new TextEncoder().encode(slideXml(pkg)))).toBe(names(new TextEncoder().encode(slideXml(OoxmlPackage.fromZip(built)))));
  });

  it('is refreshed by slide title and shape name: every binding found, the same changes as in the deck PowerPoint kept', () => {
    expect(viaPowerPoint.mode).toBe('tags');
    expect(viaLibreOffice.mode).toBe('record');
    const bindings = readDeckRecord(OoxmlPackage.fromZip(built))!.slides.reduce((n, s) => n + s.bindings.length, 0);
    expect(viaLibreOffice.bound).toBe(bindings);
    const key = (e: RefreshOutcome['entries'][number]) => [e.status, e.slide, e.slideId, e.what, e.old, e.new].join('|');
    expect(viaLibreOffice.entries.map(key)).toEqual(viaPowerPoint.entries.map(key));
    expect(viaLibreOffice.entries.filter((e) => e.status === 'endret').length).toBeGreaterThan(20);
  });

  it('writes the tags back, and adds no problem of its own to what LibreOffice wrote', async () => {
    const out = OoxmlPackage.fromZip(viaLibreOffice.bytes);
    expect(readShapeBindings(out).length).toBe(viaLibreOffice.bound);
    expect(checkPackage(viaLibreOffice.bytes)).toEqual(checkPackage(saved).filter((p) => !/customXml/.test(p)));
    const [before, after] = await Promise.all([validateBytes(saved, 'lo.pptx'), validateBytes(viaLibreOffice.bytes, 'lo-oppdatert.pptx')]);
    const known = new Set(formatFindings(before.errors));
    expect(formatFindings(after.errors).filter((l) => !known.has(l))).toEqual([]);
    // the record's relationship is back on the presentation part, where the validator wants it
    expect(formatFindings(before.errors).some((l) => /CustomXmlPart/.test(l))).toBe(true);
    expect(formatFindings(after.errors).some((l) => /CustomXmlPart/.test(l))).toBe(false);
  });
});

if (!SOFFICE) {
  it.skip('LibreOffice (soffice) is not installed: the round-trip test is skipped', () => undefined);
}
