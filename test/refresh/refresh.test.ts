/**
 * Refresh an edited council deck (decks/kommuneokonomi.yaml, Meløy 1837): built with the embedded data, edited as a
 * consultant would in PowerPoint, refreshed against a copy of the data where three inputs changed. The expected
 * changes are computed independently, by resolving the deck against the old and the new data and comparing the
 * two models.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync, strFromU8 } from 'fflate';
import { buildDeck, prepareDeck, readDeckFile } from '../../src/build';
import { loadDataset } from '../../src/data/load';
import { DeckModel } from '../../src/deck/model';
import { refreshDeck, RefreshResult, REPORT_HEADER } from '../../src/refresh';
import { OoxmlPackage } from '../../src/render/package';
import { readDeckRecord, readShapeBindings } from '../../src/render/package/bindings';
import { cli } from '../helpers/cli';
import { checkPackage, validateOoxml } from '../helpers/ooxml';
import { openDeck } from '../helpers/pptx';
import { DECK, addSlide, changedData, deleteSlide, editPackage, figureChanges, partOf, shapeXml, swapSlides, text } from './helpers';

const NB = '\u00a0';
let tmp: string;
let dataDir: string;
let oldModel: DeckModel;
let newModel: DeckModel;
let built: Uint8Array;
let edited: string;
let result: RefreshResult;
let out: Uint8Array;
let outFiles: Record<string, string>;
const EDITED_COMMENTARY = 'Utgiftsutjevningen er det viktigste vi får fra staten – se vedlegg.';
const MOVED_XFRM = '<p:xfrm><a:off x="1000000" y="1500000"/><a:ext cx="8000000" cy="4000000"/></p:xfrm>';

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-refresh-'));
  dataDir = changedData(path.join(tmp, 'data'));
  const b = await buildDeck({ deckFile: path.relative(process.cwd(), DECK), kommune: '1837', out: path.join(tmp, 'meloy.pptx') });
  oldModel = b.model;
  built = fs.readFileSync(b.file);
  newModel = prepareDeck(readDeckFile(DECK), loadDataset(dataDir).dataset, { kommune: '1837' }).model;

  // the consultant's edits
  const bytes = editPackage(built, (f) => {
    // move and resize the chart of the 'utvikling-diagram' slide
    const chartSlide = partOf(oldModel, 'utvikling-diagram');
    f[chartSlide] = text(f, chartSlide).replace(/<p:xfrm><a:off [^>]*\/><a:ext [^>]*\/><\/p:xfrm>/, MOVED_XFRM);
    // restyle the 'utvikling' table: zebra rows yellow instead of pale blue
    const tableSlide = partOf(oldModel, 'utvikling');
    f[tableSlide] = text(f, tableSlide).replace(/<a:srgbClr val="EEF2F6"\/><\/a:solidFill>\s*<\/a:tcPr>/g, '<a:srgbClr val="FFF2CC"/></a:solidFill></a:tcPr>');
    // a text box on the 'befolkning' slide
    const pop = partOf(oldModel, 'befolkning');
    f[pop] = text(f, pop).replace(
      '</p:spTree>',
      '<p:sp><p:nvSpPr><p:cNvPr id="900" name="Tekstboks 900"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="6000000" y="1300000"/><a:ext cx="3000000" cy="400000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="nb-NO" sz="1400"/><a:t>Husk skolestrukturen</a:t></a:r></a:p></p:txBody></p:sp></p:spTree>',
    );
    // the commentary of the 'utgiftsutjevning' slide rewritten
    const uu = partOf(oldModel, 'utgiftsutjevning');
    const commentary = shapeXml(text(f, uu), 'kd-commentary');
    f[uu] = text(f, uu).replace(commentary, commentary.replace(/<a:t>[^<]*<\/a:t>/, `<a:t>${EDITED_COMMENTARY}</a:t>`));
    // a slide added after the title slide, one deleted, two swapped
    addSlide(f, 'Spørsmål fra formannskapet', 'Hva betyr dette for budsjettet?');
    deleteSlide(f, partOf(oldModel, 'beste-praksis-diagram'));
    swapSlides(f, partOf(oldModel, 'utvikling'), partOf(oldModel, 'utvikling-diagram'));
  });
  edited = path.join(tmp, 'meloy-redigert.pptx');
  fs.writeFileSync(edited, bytes);
  result = refreshDeck({ file: edited, dataDir, report: path.join(tmp, 'rapport.csv') });
  out = fs.readFileSync(result.out);
  outFiles = Object.fromEntries(Object.entries(unzipSync(out)).filter(([n]) => /\.(xml|rels)$/.test(n)).map(([n, b]) => [n, strFromU8(b)]));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The refreshed slide part that holds the built slide `id` (deleted slides aside, parts keep their names). */
const slideOut = (id: string) => outFiles[partOf(oldModel, id)];

describe('refresh of an edited deck', () => {
  it('writes <name>-oppdatert.pptx beside the input and leaves the input untouched', () => {
    expect(result.out).toBe(path.join(tmp, 'meloy-redigert-oppdatert.pptx'));
    expect(result.mode).toBe('tags');
    expect(fs.readFileSync(edited).length).toBeGreaterThan(0);
    expect(readShapeBindings(OoxmlPackage.fromZip(fs.readFileSync(edited))).length).toBe(result.bound);
  });

  it('reports exactly the figures that changed in the data, slide by slide (less the edited and the deleted)', () => {
    const expected = figureChanges(oldModel, newModel);
    // what the data change touches: the utvikling table, chart and commentary, beste praksis, utgiftsutjevning
    expect([...expected.keys()].sort()).toEqual(['beste-praksis', 'beste-praksis-diagram', 'utgiftsutjevning', 'utvikling', 'utvikling-diagram']);
    const changed = new Map<string, number>();
    for (const e of result.entries.filter((x) => x.status === 'endret')) changed.set(e.slideId, (changed.get(e.slideId) ?? 0) + 1);
    const want = new Map(expected);
    want.delete('beste-praksis-diagram'); // deleted by the consultant
    want.set('utgiftsutjevning', want.get('utgiftsutjevning')! - 1); // its commentary was edited
    expect(Object.fromEntries(changed)).toEqual(Object.fromEntries(want));
  });

  it('reports what it could not apply: the edited commentary and the deleted slide, nothing else', () => {
    const skipped = result.entries.filter((e) => e.status === 'ikke oppdatert');
    expect(skipped.map((e) => [e.slideId, e.what, e.slide === null])).toEqual([
      ['utgiftsutjevning', 'kommentar', false],
      ['beste-praksis-diagram', 'diagram', true],
    ]);
    expect(skipped[0].reason).toMatch(/endret etter byggingen/);
    expect(skipped[0].old).toBe(EDITED_COMMENTARY);
    expect(skipped[0].new).toBe(newModel.slides.find((s) => s.id === 'utgiftsutjevning')!.commentary);
    expect(skipped[1].reason).toMatch(/lysbildet er slettet/);
  });

  it('numbers slides as the deck is now: one slide added after the title, two swapped', () => {
    const at = (id: string) => result.entries.find((e) => e.slideId === id && e.status === 'endret')!.slide;
    const built = (id: string) => oldModel.slides.findIndex((s) => s.id === id) + 1;
    expect(at('utgiftsutjevning')).toBe(built('utgiftsutjevning') + 1);
    expect(at('utvikling')).toBe(built('utvikling-diagram') + 1);
    expect(at('utvikling-diagram')).toBe(built('utvikling') + 1);
    // beste-praksis comes after the swapped pair and before the deleted slide
    expect(at('beste-praksis')).toBe(built('beste-praksis') + 1);
  });

  it('puts the new figures in the table cells, keeping the run formatting and the restyled fill', () => {
    const cell = (v: string) => `<a:t>${v}</a:t>`;
    const before = shapeXml(text(unzipText(edited), partOf(oldModel, 'utvikling')), 'kd-table');
    const after = shapeXml(slideOut('utvikling'), 'kd-table');
    // 000 Utvikling 2021–2022: pleie og omsorg 2022 32 821 -> 33 821 kr per innb (changed input), change 1 005 -> 2 005
    expect(before).toContain(cell(`32${NB}821`));
    expect(after).toContain(cell(`33${NB}821`));
    expect(after).not.toContain(cell(`32${NB}821`));
    expect(after).toContain(cell(`2${NB}005`));
    // only text changed: with every a:t emptied, the table XML (run properties, fills, borders) is the same
    const strip = (x: string) => x.replace(/(<a:t>)[^<]*(<\/a:t>)/g, '$1$2');
    expect(strip(after)).toBe(strip(before));
    expect((after.match(/FFF2CC/g) ?? []).length).toBe((before.match(/FFF2CC/g) ?? []).length);
    expect((after.match(/FFF2CC/g) ?? []).length).toBeGreaterThan(0);
  });

  it('puts the new values in the chart caches and the embedded workbook; the moved chart keeps its place and size', () => {
    const slide = slideOut('utvikling-diagram');
    expect(shapeXml(slide, 'kd-chart')).toContain(MOVED_XFRM);
    const rid = /<c:chart [^>]*r:id="([^"]+)"/.exec(shapeXml(slide, 'kd-chart'))![1];
    const rels = outFiles[partOf(oldModel, 'utvikling-diagram').replace('slides/', 'slides/_rels/') + '.rels'];
    const chartPart = 'ppt/' + new RegExp(`Id="${rid}"[^>]*Target="/?(?:\\.\\./)?(?:ppt/)?([^"]+)"`).exec(rels)![1];
    const chart = outFiles[chartPart];
    const serie = newModel.slides.find((s) => s.id === 'utvikling-diagram');
    if (serie?.kind !== 'chart') throw new Error('ikke et diagram');
    const values = [...chart.matchAll(/<c:val>[\s\S]*?<\/c:val>/g)][0][0];
    expect([...values.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]))).toEqual(serie.series[0].values.map((v) => v ?? 0));
    const i = serie.categories.indexOf('Pleie og omsorg');
    expect(serie.series[0].values[i]).toBe(2005);
    // the workbook behind "Edit data": the cell the series names for that point
    const bookRel = outFiles[chartPart.replace('charts/', 'charts/_rels/') + '.rels'];
    const book = 'ppt/' + /Target="\.\.\/([^"]+\.xlsx)"/.exec(bookRel)![1];
    const sheet = strFromU8(unzipSync(unzipSync(out)[book])['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain(`<c r="B${i + 2}"><v>2005</v></c>`);
  });

  it('updates bound text (the utvikling commentary) and leaves the edited commentary as the consultant wrote it', () => {
    const want = newModel.slides.find((s) => s.id === 'utvikling')!.commentary!;
    expect(want).not.toBe(oldModel.slides.find((s) => s.id === 'utvikling')!.commentary);
    expect(shapeXml(slideOut('utvikling'), 'kd-commentary')).toContain(`<a:t>${want}</a:t>`);
    expect(shapeXml(slideOut('utgiftsutjevning'), 'kd-commentary')).toContain(`<a:t>${EDITED_COMMENTARY}</a:t>`);
  });

  it('keeps every edit: the text box, the added slide, the deleted slide, the order', () => {
    expect(slideOut('befolkning')).toContain('<a:t>Husk skolestrukturen</a:t>');
    const now = openDeck(out);
    const was = openDeck(fs.readFileSync(edited));
    expect(now.slideText.length).toBe(was.slideText.length);
    expect(now.slideText[1]).toContain('Spørsmål fra formannskapet');
    expect(now.titles).toEqual(was.titles);
    expect(outFiles[partOf(oldModel, 'beste-praksis-diagram')]).toBeUndefined();
  });

  it('passes the Open XML SDK validator and the structural check', async () => {
    expect(checkPackage(out)).toEqual([]);
    const { errors } = await validateOoxml(result.out);
    expect(errors).toEqual([]);
  });

  it('writes the report as CSV, one row per entry', () => {
    const csv = fs.readFileSync(path.join(tmp, 'rapport.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(REPORT_HEADER.join(','));
    expect(csv.length - 1).toBe(result.entries.length);
    expect(csv).toContain(`endret,${result.entries.find((e) => e.what.includes('Pleie og omsorg') && e.slideId === 'utvikling')!.slide},utvikling,"tabell, rad «Pleie og omsorg», kolonne «2022 (kr per innb)»",32${NB}821,33${NB}821,`);
  });

  it('records the new figures as built: refreshing again changes nothing, and still reports the edited commentary', () => {
    const again = refreshDeck({ file: result.out, dataDir, out: path.join(tmp, 'igjen.pptx') });
    expect(again.entries.filter((e) => e.status === 'endret')).toEqual([]);
    expect(again.entries.map((e) => [e.slideId, e.what])).toEqual([
      ['utgiftsutjevning', 'kommentar'],
      ['beste-praksis-diagram', 'diagram'],
    ]);
    const record = readDeckRecord(OoxmlPackage.fromZip(fs.readFileSync(again.out)))!;
    expect(record.dataHash).not.toBe(readDeckRecord(OoxmlPackage.fromZip(built))!.dataHash);
  });
});

describe('kommunedeck refresh (CLI)', () => {
  it('--strict exits 1 when something could not be applied; without it, 0 with the report printed', async () => {
    const strict = await cli('refresh', edited, '--data', dataDir, '--out', path.join(tmp, 'strict.pptx'), '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/Ikke oppdatert \(2\):/);
    expect(strict.out).toMatch(/lysbilde \d+ \(utgiftsutjevning\), kommentar: teksten er endret etter byggingen/);
    expect(fs.existsSync(path.join(tmp, 'strict.pptx'))).toBe(true);
  });

  it('--in-place keeps the old deck as <name>.bak.pptx', async () => {
    const copy = path.join(tmp, 'kopi.pptx');
    fs.copyFileSync(edited, copy);
    const r = await cli('refresh', copy, '--data', dataDir, '--in-place');
    expect(r.code).toBe(0);
    expect(Buffer.compare(fs.readFileSync(path.join(tmp, 'kopi.bak.pptx')), fs.readFileSync(edited))).toBe(0);
    expect(Buffer.compare(fs.readFileSync(copy), fs.readFileSync(edited))).not.toBe(0);
    expect(fs.readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('says clearly that a deck without bindings cannot be refreshed (exit 1), and writes nothing', async () => {
    const bare = path.join(tmp, 'uten.pptx');
    fs.writeFileSync(
      bare,
      editPackage(built, (f) => {
        for (const n of Object.keys(f)) if (/^customXml\/|^ppt\/tags\//.test(n)) delete f[n];
        for (const n of Object.keys(f)) if (typeof f[n] === 'string') f[n] = (f[n] as string).replace(/<p:custDataLst>[\s\S]*?<\/p:custDataLst>/g, '').replace(/<(Relationship|Override)\b[^>]*(customXml|tags)[^>]*\/>/g, '');
      }),
    );
    const r = await cli('refresh', bare, '--data', dataDir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ingen kommunedeck-bindinger/);
    expect(fs.existsSync(path.join(tmp, 'uten-oppdatert.pptx'))).toBe(false);
  });

  it('rejects --out together with --in-place', async () => {
    const r = await cli('refresh', edited, '--out', path.join(tmp, 'x.pptx'), '--in-place');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/enten --out eller --in-place/);
  });
});

function unzipText(file: string): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(fs.readFileSync(file))).filter(([n]) => /\.(xml|rels)$/.test(n)).map(([n, b]) => [n, strFromU8(b)]));
}
