/**
 * Bindings written by the finishing stage (src/render/package/bindings.ts): on the council deck
 * (decks/kommuneokonomi.yaml, Meløy 1837), every bound shape carries a tag with what it shows, the deck record holds
 * what refresh needs, nothing of it shows on a slide, and the deck stays valid and reproducible.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildDeckBytes, readDeckFile } from '../../../src/build';
import { loadDataset } from '../../../src/data/load';
import { DeckModel } from '../../../src/deck/model';
import { DeckSpec } from '../../../src/deck/spec';
import { OoxmlPackage, parseContentTypes, relationshipsOf } from '../../../src/render/package';
import {
  BINDING_TAG,
  CUSTOM_XML_REL,
  DeckRecord,
  TAGS_CONTENT_TYPE,
  TagWriter,
  decodeXml,
  parseTags,
  readDeckRecord,
  readShapeBindings,
  sha256,
  shapesOf,
  writeDeckRecord,
} from '../../../src/render/package/bindings';
import { slidesInOrder } from '../../../src/render/package/fixes/charts';
import { slideKeys } from '../../../src/refresh/model';
import { deckProblems } from '../../helpers/ooxml';

const DECK = path.resolve(__dirname, '../../../decks/kommuneokonomi.yaml');
let model: DeckModel;
let bytes: Uint8Array;
let pkg: OoxmlPackage;
let record: DeckRecord;

beforeAll(async () => {
  const { dataset } = loadDataset();
  const r = await buildDeckBytes(readDeckFile(DECK), dataset, { kommune: '1837' });
  model = r.model;
  bytes = r.bytes;
  pkg = OoxmlPackage.fromZip(bytes);
  record = readDeckRecord(pkg)!;
});

describe('shape tags', () => {
  it('tag every bound shape of the deck, on its slide, under its name', () => {
    const tagged = readShapeBindings(pkg);
    // bullets whose text reads figures are tagged together, on the one bullets shape
    const expected = model.slides.flatMap((s, i) => [
      ...new Set(
        s.bindings
          .filter((b) => (b.role === 'commentary' ? s.commentary !== undefined : true))
          .map((b) => `${i + 1} ${b.role === 'commentary' ? 'kd-commentary' : b.role === 'table' ? 'kd-table' : b.role === 'chart' ? 'kd-chart' : b.role === 'value' ? 'kd-value' : b.role.startsWith('bullet:') ? 'kd-bullets' : b.role}`),
      ),
    ]);
    // the council deck binds tables, charts, statement figures and commentaries; the KPI slide one card per rule
    const kpi = model.slides.findIndex((s) => s.kind === 'kpi');
    const kpiItems = model.slides[kpi].kind === 'kpi' ? (model.slides[kpi] as { items: unknown[] }).items.length : 0;
    const want = expected.flatMap((e) => (e === `${kpi + 1} kpi` ? Array.from({ length: kpiItems }, (_, k) => `${kpi + 1} kd-kpi-${k + 1}`) : [e]));
    expect(tagged.map((t) => `${t.slideNumber} ${t.name}`).sort()).toEqual(want.sort());
    expect(tagged.length).toBeGreaterThanOrEqual(25);
  });

  it('carry slide id, role, metrics, kommune, year, data hash and the content as built', () => {
    const tagged = readShapeBindings(pkg);
    const uu = tagged.find((t) => t.binding.slide === 'utgiftsutjevning' && t.binding.role === 'table')!;
    const slide = model.slides.find((s) => s.id === 'utgiftsutjevning');
    if (slide?.kind !== 'table') throw new Error('ikke en tabell');
    expect(uu.binding).toMatchObject({ v: 1, slide: 'utgiftsutjevning', role: 'table', shape: 'kd-table', metrics: ['inntektssystem.kriterier'], kommune: '1837', year: 2023 });
    expect(uu.binding.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(uu.binding.built).toEqual({ kind: 'table', cells: [slide.header, ...slide.rows].map((r) => r.map((c) => (c.text === '' ? ' ' : c.text))) });
    // 000 Utgiftsutjevning 2023: kostnadsindeks 1,1479, 57 745 (1000 kr)
    expect(JSON.stringify(uu.binding.built)).toContain('57\u00a0745');
    const chart = tagged.find((t) => t.binding.slide === 'referansekommuner')!;
    expect(chart.binding.year).toBe(2022); // year: -1
    expect(chart.binding.built).toMatchObject({ kind: 'chart', categories: ['Meløy', 'Sunndal', 'Saltdal', 'Midtre Gauldal'] });
    const commentary = tagged.find((t) => t.binding.slide === 'utvikling' && t.binding.role === 'commentary')!;
    expect(commentary.binding.metrics).toEqual(['kostra.utvikling_sum']);
    expect(commentary.binding.built).toEqual({ kind: 'text', paragraphs: [model.slides.find((s) => s.id === 'utvikling')!.commentary], bound: [0] });
  });

  it('are parts of their own (content type, relationship), not alt text and not on the slide', () => {
    const ct = parseContentTypes(pkg.text('[Content_Types].xml'));
    const tagParts = pkg.names().filter((n) => /^ppt\/tags\/tag\d+\.xml$/.test(n));
    expect(tagParts.length).toBe(readShapeBindings(pkg).length);
    for (const p of tagParts) {
      expect(ct.overrides.get(p)).toBe(TAGS_CONTENT_TYPE);
      expect([...parseTags(pkg.text(p)).keys()]).toEqual([BINDING_TAG]);
    }
    for (const slide of slidesInOrder(pkg)) {
      const xml = pkg.text(slide);
      const visible = [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(' ');
      expect(visible).not.toMatch(/KOMMUNEDECK|"built"|sha256/);
      for (const m of xml.matchAll(/<p:cNvPr\b[^>]*>/g)) expect(m[0]).not.toMatch(/(descr|title)="[^"]*(slide|built|sha256)/);
      for (const r of relationshipsOf(pkg, slide).filter((x) => x.part.startsWith('ppt/tags/'))) expect(pkg.has(r.part)).toBe(true);
    }
  });
});

describe('the deck record', () => {
  it('stores the deck file, theme, kommune, year, references and a data hash', () => {
    const text = fs.readFileSync(DECK, 'utf8');
    expect(record.deck.text).toBe(text);
    expect(record.deck.sha256).toBe(sha256(text));
    expect(record.deck.file).toBe(path.relative(process.cwd(), DECK));
    expect(record).toMatchObject({ v: 1, theme: 'kommunedeck', kommune: '1837', year: 2023, refs: ['1563', '1840', '5027'] });
    expect(record.dataHash).toMatch(/^sha256:/);
    expect(record.slides.map((s) => s.slide)).toEqual(model.slides.map((s) => s.id));
    expect(record.slides.flatMap((s) => s.bindings)).toEqual(readShapeBindings(pkg).map((t) => t.binding));
  });

  it('is a custom XML part related from the presentation, with its properties part', () => {
    const rel = relationshipsOf(pkg, 'ppt/presentation.xml').find((r) => r.type === CUSTOM_XML_REL)!;
    expect(rel.part).toMatch(/^customXml\/item\d+\.xml$/);
    const props = relationshipsOf(pkg, rel.part)[0].part;
    expect(parseContentTypes(pkg.text('[Content_Types].xml')).overrides.get(props)).toBe('application/vnd.openxmlformats-officedocument.customXmlProperties+xml');
  });

  it('is moved back to the presentation part when LibreOffice put its relationship on the package', () => {
    const p = OoxmlPackage.fromZip(bytes);
    const rel = relationshipsOf(p, 'ppt/presentation.xml').find((r) => r.type === CUSTOM_XML_REL)!;
    p.edit('ppt/_rels/presentation.xml.rels', (x) => x.replace(new RegExp(`<Relationship [^>]*Id="${rel.id}"[^>]*/>`), ''));
    p.edit('_rels/.rels', (x) => x.replace('</Relationships>', `<Relationship Id="rId9" Type="${CUSTOM_XML_REL}" Target="../${rel.part}"/></Relationships>`));
    writeDeckRecord(p, readDeckRecord(p)!);
    expect(relationshipsOf(p, '').some((r) => r.type === CUSTOM_XML_REL)).toBe(false);
    expect(relationshipsOf(p, 'ppt/presentation.xml').filter((r) => r.type === CUSTOM_XML_REL).map((r) => r.part)).toEqual([rel.part]);
  });
});

describe('the built deck', () => {
  it('passes the validator and the structural check with its bindings', async () => {
    expect(await deckProblems(bytes, 'bindings.pptx')).toEqual([]);
  });

  it('is byte-identical when built again', async () => {
    const again = await buildDeckBytes(readDeckFile(DECK), loadDataset().dataset, { kommune: '1837' });
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(bytes))).toBe(0);
  });
});

describe('TagWriter', () => {
  it("keeps an add-in's tags on a shape and adds the binding to the same part", () => {
    const p = OoxmlPackage.fromZip(bytes);
    const slide = slidesInOrder(p)[1];
    const shape = shapesOf(p.text(slide)).find((s) => s.name === 'kd-title')!;
    // an add-in tagged the title: its own tags part
    p.setText('ppt/tags/tag900.xml', '<?xml version="1.0"?><p:tagLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:tag name="ADDIN" val="42 &amp; mer"/></p:tagLst>');
    p.edit(slide.replace('slides/', 'slides/_rels/') + '.rels', (x) => x.replace('</Relationships>', '<Relationship Id="rId900" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/tags" Target="../tags/tag900.xml"/></Relationships>'));
    p.edit(slide, (x) => x.replace(shape.nvPr.xml, '<p:nvPr><p:custDataLst><p:tags r:id="rId900"/></p:custDataLst></p:nvPr>'));
    const w = new TagWriter(p);
    const binding = readShapeBindings(OoxmlPackage.fromZip(bytes))[0].binding;
    expect(w.set(slide, shape.id, binding)).toBe(true);
    w.flush();
    const tags = parseTags(p.text('ppt/tags/tag900.xml'));
    expect(tags.get('ADDIN')).toBe('42 & mer');
    expect(JSON.parse(tags.get(BINDING_TAG)!)).toEqual(binding);
    expect(p.names().filter((n) => n.startsWith('ppt/tags/')).length).toBe(pkg.names().filter((n) => n.startsWith('ppt/tags/')).length + 1);
    expect(w.set(slide, '12345', binding)).toBe(false);
  });

  it('decodes numeric character references, as PowerPoint may write them', () => {
    expect(decodeXml('a&#10;b&#xE5;&amp;&quot;')).toBe('a\nbå&"');
  });
});

describe('slideKeys', () => {
  it('uses the deck file id, else #<position in the deck file>, across slides left out and continued tables', () => {
    const spec = { slides: [{ kind: 'title', id: 'a' }, { kind: 'table' }, { kind: 'chart' }, { kind: 'chart' }, { kind: 'table', id: 'b' }] } as unknown as DeckSpec;
    // the first chart is left out (when:); the first table continues over two slides
    const m = {
      slides: [{ kind: 'title', id: 'a' }, { kind: 'table', part: { index: 1, count: 2 } }, { kind: 'table', part: { index: 2, count: 2 } }, { kind: 'chart' }, { kind: 'table', id: 'b' }],
      warnings: ['lysbilde 3 er utelatt: mangler data for Meløy 2023 (x.y: mangler)'],
    } as unknown as DeckModel;
    expect(slideKeys(m, spec)).toEqual(['a', '#2', '#2', '#4', 'b']);
    // without the deck file: ids, else positions in the model
    expect(slideKeys(m)).toEqual(['a', '#2', '#3', '#4', 'b']);
  });
});
