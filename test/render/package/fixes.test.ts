/**
 * One test per finishing fix: the defect on raw pptxgenjs 4.0.1 output, and its absence after the fix. When
 * upstream fixes a defect, the "raw" assertion of its test fails: drop the fix and the test.
 * (Schema errors as the Open XML SDK validator reports them: validator.test.ts.)
 */
import PptxGenJS from 'pptxgenjs';
import * as path from 'path';
import { buildMasterDeck, buildSampleDeck } from '../../helpers/decks';
import {
  OoxmlPackage,
  addMissingShapeTxBody,
  applyHouseTheme,
  checkPackageParts,
  deterministicIds,
  dropOrphanContentTypes,
  escapeDocPropsText,
  fillEmptyTxBody,
  fixBackgroundEffectLst,
  fixChartAxIds,
  fixChartSeriesOrder,
  fixDataLabelPositions,
  fixDuplicateShapeIds,
  fixLineChartGrouping,
  fixLineMarkerColours,
  fixNotesMasterOrder,
  fixNotesText,
  fixedCoreDates,
  normaliseEmbeddedWorkbooks,
  notesMasterOwnTheme,
  parseContentTypes,
  relationshipsOf,
  renumberCharts,
  setTextLanguage,
  simplifyNotesMaster,
  slidesInOrder,
  unzipEntries,
} from '../../../src/render/package';
import { wellFormednessProblem } from '../../../src/render/package/check';
import { splitChildren } from '../../../src/render/package/xml';
import { loadTheme, DEFAULT_THEME_DIR } from '../../../src/render/theme';

const theme = loadTheme(path.join(DEFAULT_THEME_DIR, 'theme.yaml'));
const DATE = new Date('2023-06-30T00:00:00Z');

let sampleRaw: Uint8Array;
let masterRaw: Uint8Array;

beforeAll(async () => {
  sampleRaw = await buildSampleDeck();
  masterRaw = await buildMasterDeck();
});

const sample = () => OoxmlPackage.fromZip(sampleRaw);

/** The chart part on the n-th slide (1-based) of the sample deck. */
function chartOn(pkg: OoxmlPackage, slide: number): string {
  const part = slidesInOrder(pkg)[slide - 1];
  const rel = relationshipsOf(pkg, part).find((r) => r.type.endsWith('/chart'));
  if (!rel) throw new Error(`ingen diagram på lysbilde ${slide}`);
  return rel.part;
}

function notesOf(pkg: OoxmlPackage, slide: number): string {
  const part = slidesInOrder(pkg)[slide - 1];
  const rel = relationshipsOf(pkg, part).find((r) => r.type.endsWith('/notesSlide'));
  if (!rel) throw new Error(`ingen notater på lysbilde ${slide}`);
  return rel.part;
}

/** Names of the direct children of each `<tag>` in `xml`. */
function childNamesOf(xml: string, tag: string): string[][] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => splitChildren(m[1]).map((c) => c.name));
}

function group(xml: string, kind: string): string {
  const m = new RegExp(`<c:${kind}>([\\s\\S]*?)</c:${kind}>`).exec(xml);
  if (!m) throw new Error(`ingen c:${kind}`);
  return m[1];
}

describe('fixNotesMasterOrder', () => {
  it('moves p:notesMasterIdLst from after p:sldIdLst to right after p:sldMasterIdLst', () => {
    const pkg = sample();
    const before = pkg.text('ppt/presentation.xml');
    expect(before.indexOf('<p:notesMasterIdLst>')).toBeGreaterThan(before.indexOf('<p:sldIdLst>'));
    fixNotesMasterOrder(pkg);
    const after = pkg.text('ppt/presentation.xml');
    expect(after.indexOf('</p:sldMasterIdLst><p:notesMasterIdLst>')).toBeGreaterThan(0);
    expect(after.indexOf('<p:notesMasterIdLst>')).toBeLessThan(after.indexOf('<p:sldIdLst>'));
    expect(after.match(/<p:notesMasterIdLst>/g)).toHaveLength(1);
    expect(after.length).toBe(before.length);
  });
});

describe('dropOrphanContentTypes (#1444)', () => {
  it('drops Overrides for missing slide masters and Defaults for unused media types', () => {
    const pkg = sample();
    const before = parseContentTypes(pkg.text('[Content_Types].xml'));
    const missing = [...before.overrides.keys()].filter((p) => !pkg.has(p));
    expect(missing).toEqual(expect.arrayContaining(['ppt/slideMasters/slideMaster2.xml', 'ppt/slideMasters/slideMaster8.xml']));
    expect(before.defaults.get('jpg')).toBe('image/jpg'); // not a registered MIME type
    dropOrphanContentTypes(pkg);
    const after = parseContentTypes(pkg.text('[Content_Types].xml'));
    expect([...after.overrides.keys()].filter((p) => !pkg.has(p))).toEqual([]);
    expect(after.overrides.get('ppt/slideMasters/slideMaster1.xml')).toMatch(/slideMaster\+xml$/);
    expect([...after.defaults.keys()].sort()).toEqual(['rels', 'xlsx', 'xml']);
  });

  it('keeps the Default of a media type the deck uses', () => {
    const pkg = OoxmlPackage.fromZip(masterRaw);
    dropOrphanContentTypes(pkg);
    expect(parseContentTypes(pkg.text('[Content_Types].xml')).defaults.get('png')).toBe('image/png');
  });
});

describe('fixChartAxIds (#1534)', () => {
  it('leaves two c:axId in each bar and line chart group, the ids of its two axes', () => {
    const pkg = sample();
    for (const slide of [3, 6]) {
      const xml = pkg.text(chartOn(pkg, slide));
      const kind = slide === 3 ? 'barChart' : 'lineChart';
      expect(group(xml, kind).match(/<c:axId /g)).toHaveLength(3);
    }
    fixChartAxIds(pkg);
    for (const slide of [3, 4, 5, 6, 7, 8]) {
      const xml = pkg.text(chartOn(pkg, slide));
      for (const kind of ['barChart', 'lineChart']) {
        if (!xml.includes(`<c:${kind}>`)) continue;
        const ids = [...group(xml, kind).matchAll(/<c:axId val="(\d+)"/g)].map((m) => m[1]);
        expect(ids).toHaveLength(2);
        const axes = [...xml.matchAll(/<c:(?:catAx|valAx)>\s*<c:axId val="(\d+)"/g)].map((m) => m[1]);
        expect(axes).toEqual(expect.arrayContaining(ids));
      }
    }
  });
});

describe('fixLineChartGrouping', () => {
  it('adds the required c:grouping before c:varyColors', () => {
    const pkg = sample();
    const part = chartOn(pkg, 7);
    expect(childNamesOf(pkg.text(part), 'c:lineChart')[0].slice(0, 2)).toEqual(['c:varyColors', 'c:ser']);
    fixLineChartGrouping(pkg);
    const names = childNamesOf(pkg.text(part), 'c:lineChart')[0];
    expect(names.slice(0, 3)).toEqual(['c:grouping', 'c:varyColors', 'c:ser']);
    expect(pkg.text(part)).toContain('<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>');
  });
});

describe('fixChartSeriesOrder', () => {
  it('drops c:invertIfNegative from line series and puts c:marker before c:dLbls', () => {
    const pkg = sample();
    const part = chartOn(pkg, 6);
    for (const names of childNamesOf(pkg.text(part), 'c:ser')) {
      expect(names).toContain('c:invertIfNegative');
      expect(names.indexOf('c:marker')).toBeGreaterThan(names.indexOf('c:dLbls'));
    }
    fixChartSeriesOrder(pkg);
    const series = childNamesOf(pkg.text(part), 'c:ser');
    expect(series).toHaveLength(3);
    for (const names of series) {
      expect(names).toEqual(['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:marker', 'c:dLbls', 'c:cat', 'c:val', 'c:smooth']);
    }
  });

  it('puts the per-point colours (c:dPt) of a one-series bar chart before its c:dLbls', () => {
    const pkg = sample();
    const part = chartOn(pkg, 3);
    const raw = childNamesOf(pkg.text(part), 'c:ser')[0];
    expect(raw.indexOf('c:dPt')).toBeGreaterThan(raw.indexOf('c:dLbls'));
    fixChartSeriesOrder(pkg);
    const names = childNamesOf(pkg.text(part), 'c:ser')[0];
    expect(names.filter((n) => n === 'c:dPt')).toHaveLength(5);
    expect(names.lastIndexOf('c:dPt')).toBeLessThan(names.indexOf('c:dLbls'));
    expect(names.indexOf('c:invertIfNegative')).toBeLessThan(names.indexOf('c:dPt'));
  });
});

describe('fixLineMarkerColours', () => {
  it('gives a line series beyond the chart colours the marker colour of its line, not a random one', async () => {
    const spy = jest.spyOn(Math, 'random').mockReturnValue(0.99);
    let raw: Uint8Array;
    try {
      const pres = new PptxGenJS();
      pres.addSlide().addChart(
        pres.ChartType.line,
        ['A', 'B', 'C'].map((name) => ({ name, labels: ['1', '2'], values: [1, 2] })),
        { x: 1, y: 1, w: 6, h: 4, chartColors: ['1F6F8B', 'E07A3F'] },
      );
      raw = (await pres.write({ outputType: 'uint8array' })) as Uint8Array;
    } finally {
      spy.mockRestore();
    }
    const pkg = OoxmlPackage.fromZip(raw);
    const part = pkg.names().find((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n)) as string;
    const third = () => [...pkg.text(part).matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)][2][1];
    const lineColour = () => /<a:ln\b[^>]*>\s*<a:solidFill>\s*<a:srgbClr val="(\w+)"/.exec(third())?.[1];
    const markerColour = () => /<c:marker>[\s\S]*?<a:solidFill>\s*<a:srgbClr val="(\w+)"/.exec(third())?.[1];
    expect(lineColour()).toBe('1F6F8B'); // chartColors[2 % 2]
    expect(markerColour()).toBe('E07A3F'); // chartColors[floor(0.99 * 2)]: Math.random's pick
    fixLineMarkerColours(pkg);
    expect(markerColour()).toBe('1F6F8B');
  });
});

describe('fixDataLabelPositions', () => {
  it('drops outEnd labels from a stacked bar chart and keeps positions the kind has', () => {
    const pkg = sample();
    const stacked = chartOn(pkg, 5);
    const line = chartOn(pkg, 6);
    expect(pkg.text(stacked)).toContain('<c:grouping val="stacked"/>');
    expect(pkg.text(stacked).match(/<c:dLblPos val="outEnd"\/>/g)?.length).toBeGreaterThan(0);
    const linePositions = pkg.text(line).match(/<c:dLblPos val="t"\/>/g)?.length;
    expect(linePositions).toBeGreaterThan(0);
    fixDataLabelPositions(pkg);
    expect(pkg.text(stacked)).not.toContain('<c:dLblPos');
    expect(pkg.text(line).match(/<c:dLblPos val="t"\/>/g)?.length).toBe(linePositions);
  });
});

describe('addMissingShapeTxBody (#1441)', () => {
  it('gives a text-less shape the empty text body PowerPoint adds, but not the notes slide image', () => {
    const pkg = sample();
    const slide = slidesInOrder(pkg)[0];
    const accent = () => /<p:sp><p:nvSpPr><p:cNvPr id="\d+" name="Shape 0">[\s\S]*?<\/p:sp>/.exec(pkg.text(slide))?.[0] ?? '';
    expect(accent()).not.toContain('<p:txBody>');
    addMissingShapeTxBody(pkg);
    expect(accent()).toMatch(/<\/p:spPr><p:txBody><a:bodyPr[^>]*\/><a:lstStyle\/><a:p><a:endParaRPr[^>]*\/><\/a:p><\/p:txBody><\/p:sp>$/);
    const notes = pkg.text(notesOf(pkg, 1));
    expect(notes).toMatch(/<p:ph type="sldImg"\/><\/p:nvPr><\/p:nvSpPr><p:spPr\/><\/p:sp>/);
  });
});

describe('fillEmptyTxBody (#1380, #1168, PR #1160)', () => {
  // Our decks never auto-page tables (the renderer paginates), so pptxgenjs does not produce this here; the
  // cell below is the one #1380 quotes from auto-paged output.
  it('adds a paragraph to a text body that has none', () => {
    const pkg = sample();
    const slide = slidesInOrder(pkg)[1];
    pkg.edit(slide, (xml) => xml.replace(/<a:tc><a:txBody>[\s\S]*?<\/a:txBody>/, '<a:tc><a:txBody><a:bodyPr/><a:lstStyle/></a:txBody>'));
    expect(checkPackageParts(pkg).filter((p) => p.includes('har ingen a:p'))).toHaveLength(1);
    fillEmptyTxBody(pkg);
    expect(pkg.text(slide)).toContain('<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="nb-NO" dirty="0"/></a:p></a:txBody>');
    expect(checkPackageParts(pkg).filter((p) => p.includes('har ingen a:p'))).toEqual([]);
  });
});

describe('fixBackgroundEffectLst (#1442)', () => {
  it('adds the effect list a solid background lacks', () => {
    const pkg = sample();
    const slide = slidesInOrder(pkg)[0];
    expect(pkg.text(slide)).toContain('<p:bgPr><a:solidFill><a:srgbClr val="1F3A5F"/></a:solidFill></p:bgPr>');
    fixBackgroundEffectLst(pkg);
    expect(pkg.text(slide)).toContain('<p:bgPr><a:solidFill><a:srgbClr val="1F3A5F"/></a:solidFill><a:effectLst/></p:bgPr>');
  });
});

describe('fixDuplicateShapeIds', () => {
  it('gives the second shape with a taken id a fresh one', () => {
    const pkg = OoxmlPackage.fromZip(masterRaw);
    const slide = slidesInOrder(pkg)[1];
    const ids = () => [...pkg.text(slide).matchAll(/<p:cNvPr\b[^>]*\sid="(\d+)"/g)].map((m) => Number(m[1]));
    const before = ids();
    expect(new Set(before).size).toBeLessThan(before.length);
    fixDuplicateShapeIds(pkg);
    const after = ids();
    expect(new Set(after).size).toBe(after.length);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
  });
});

describe('escapeDocPropsText (PR #1427)', () => {
  it("escapes the '&' in the company name that makes docProps/app.xml ill-formed", () => {
    const pkg = sample();
    expect(pkg.text('docProps/app.xml')).toContain('<Company>KS & kommunedeck</Company>');
    expect(wellFormednessProblem(pkg.text('docProps/app.xml'))).toMatch(/'&'/);
    escapeDocPropsText(pkg);
    expect(pkg.text('docProps/app.xml')).toContain('<Company>KS &amp; kommunedeck</Company>');
    expect(wellFormednessProblem(pkg.text('docProps/app.xml'))).toBeUndefined();
    expect(pkg.text('docProps/core.xml')).toContain('Økonomisk analyse – Meløy 2022'); // already escaped text untouched
  });
});

describe('fixNotesText', () => {
  it('turns the CR LF breaks inside one notes run into paragraphs and drops empty runs', () => {
    const pkg = sample();
    const first = notesOf(pkg, 1);
    const empty = notesOf(pkg, 2);
    expect(pkg.text(first)).toMatch(/<a:t>Kilde: 003 Tabell 1\.1\r\nBeregnet/);
    expect(pkg.text(empty)).toContain('<a:t></a:t>');
    fixNotesText(pkg);
    const body = /<p:ph type="body"[\s\S]*?<p:txBody>([\s\S]*?)<\/p:txBody>/.exec(pkg.text(first))?.[1] ?? '';
    const paragraphs = [...body.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((m) => [...m[1].matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => t[1]).join(''));
    expect(paragraphs).toEqual(['Kilde: 003 Tabell 1.1', 'Beregnet fra KOSTRA', '', 'Siste linje &amp; mer']);
    expect(pkg.text(first)).not.toMatch(/<a:t>[^<]*[\r\n]/);
    expect(pkg.text(empty)).not.toContain('<a:t></a:t>');
  });
});

describe('setTextLanguage', () => {
  it('marks notes, tables and chart text nb-NO instead of en-US', () => {
    const pkg = sample();
    expect(pkg.text(notesOf(pkg, 1))).toContain('lang="en-US"');
    expect(pkg.text(slidesInOrder(pkg)[1])).toContain('lang="en-US"');
    setTextLanguage(pkg, 'nb-NO');
    for (const part of pkg.names().filter((n) => /^ppt\/(slides|notesSlides|charts)\/[^/]+\.xml$/.test(n))) {
      expect(pkg.text(part)).not.toContain('lang="en-US"');
    }
    expect(pkg.text(notesOf(pkg, 1))).toContain('lang="nb-NO"');
    expect(() => setTextLanguage(pkg, 'nb NO"')).toThrow(/språkkode/);
  });
});

describe('simplifyNotesMaster (#1443)', () => {
  it('removes the six placeholder shapes PowerPoint strips, keeping background, colour map and notes style', () => {
    const pkg = sample();
    const part = 'ppt/notesMasters/notesMaster1.xml';
    expect(pkg.text(part).match(/<p:sp>/g)).toHaveLength(6);
    simplifyNotesMaster(pkg);
    const xml = pkg.text(part);
    expect(xml.match(/<p:sp>/g)).toBeNull();
    expect(xml).toMatch(/<p:spTree><p:nvGrpSpPr>[\s\S]*<\/p:grpSpPr><\/p:spTree>/);
    for (const kept of ['<p:bg>', '<p:clrMap ', '<p:notesStyle>']) expect(xml).toContain(kept);
    expect(wellFormednessProblem(xml)).toBeUndefined();
  });
});

describe('applyHouseTheme', () => {
  const scheme = (xml: string) =>
    Object.fromEntries([...(/<a:clrScheme\b[^>]*>([\s\S]*?)<\/a:clrScheme>/.exec(xml)?.[1] ?? '').matchAll(/<a:(\w+)>.*?(?:val|lastClr)="(\w+)".*?<\/a:\1>/g)].map((m) => [m[1], m[2]]));

  it('writes the house colour scheme, fonts and theme name over the stock Office theme', () => {
    const pkg = sample();
    const before = pkg.text('ppt/theme/theme1.xml');
    expect(before).toContain('name="Office Theme"');
    expect(scheme(before).accent1).toBe('4472C4'); // Office blue
    applyHouseTheme(pkg, theme);
    const xml = pkg.text('ppt/theme/theme1.xml');
    const c = theme.colors;
    expect(scheme(xml)).toEqual({
      dk1: c.dark1, lt1: c.light1, dk2: c.dark2, lt2: c.light2,
      accent1: c.accent1, accent2: c.accent2, accent3: c.accent3, accent4: c.accent4, accent5: c.accent5, accent6: c.accent6,
      hlink: c.hyperlink, folHlink: c.followedHyperlink,
    });
    expect(scheme(xml)).toMatchObject({ dk2: '1F3A5F', accent1: '1F6F8B', accent2: 'E07A3F' }); // templates/kommunedeck/theme.yaml
    expect(xml).toMatch(/<a:theme\b[^>]*name="kommunedeck"/);
    expect(xml).toContain('<a:clrScheme name="kommunedeck">');
    expect(xml).toMatch(/<thm15:themeFamily [^>]*name="kommunedeck"/);
    expect(pkg.text('docProps/app.xml')).toContain('<vt:lpstr>kommunedeck</vt:lpstr>');
    expect(wellFormednessProblem(xml)).toBeUndefined();
  });

  it('takes the major and minor Latin fonts from the theme', () => {
    const pkg = sample();
    applyHouseTheme(pkg, { ...theme, name: 'Annen & stil', fonts: { heading: 'Georgia', body: 'Arial' } });
    const xml = pkg.text('ppt/theme/theme1.xml');
    expect(/<a:majorFont><a:latin typeface="([^"]*)"\/>/.exec(xml)?.[1]).toBe('Georgia');
    expect(/<a:minorFont><a:latin typeface="([^"]*)"\/>/.exec(xml)?.[1]).toBe('Arial');
    expect(xml).toContain('name="Annen &amp; stil"');
  });

  it('rejects a colour that is not six hex digits', () => {
    expect(() => applyHouseTheme(sample(), { ...theme, colors: { ...theme.colors, accent1: 'blue' } })).toThrow(/accent1/);
  });
});

describe('notesMasterOwnTheme (#1449)', () => {
  it('gives the notes master a theme part of its own', () => {
    const pkg = sample();
    const rels = 'ppt/notesMasters/_rels/notesMaster1.xml.rels';
    expect(relationshipsOf(pkg, 'ppt/notesMasters/notesMaster1.xml').map((r) => r.part)).toEqual(['ppt/theme/theme1.xml']);
    expect(relationshipsOf(pkg, 'ppt/slideMasters/slideMaster1.xml').map((r) => r.part)).toContain('ppt/theme/theme1.xml');
    applyHouseTheme(pkg, theme);
    notesMasterOwnTheme(pkg);
    expect(relationshipsOf(pkg, 'ppt/notesMasters/notesMaster1.xml').map((r) => r.part)).toEqual(['ppt/theme/theme2.xml']);
    expect(pkg.text(rels)).toContain('Target="../theme/theme2.xml"');
    const t1 = pkg.text('ppt/theme/theme1.xml');
    const t2 = pkg.text('ppt/theme/theme2.xml');
    expect(t2.replace(/ id="\{[^}]*\}"/, '')).toBe(t1.replace(/ id="\{[^}]*\}"/, ''));
    expect(t2).not.toBe(t1);
    expect(parseContentTypes(pkg.text('[Content_Types].xml')).overrides.get('ppt/theme/theme2.xml')).toBe('application/vnd.openxmlformats-officedocument.theme+xml');
  });
});

describe('fixedCoreDates', () => {
  it('replaces the clock dates in docProps/core.xml with the given date and sets the given properties', () => {
    const pkg = sample();
    const created = /<dcterms:created[^>]*>([^<]*)</.exec(pkg.text('docProps/core.xml'))?.[1] ?? '';
    expect(Math.abs(Date.parse(created) - Date.now())).toBeLessThan(10 * 60_000); // the clock at build time
    fixedCoreDates(pkg, DATE, { title: 'Meløy & omegn', author: 'KS-Konsulent' });
    const xml = pkg.text('docProps/core.xml');
    expect(xml).toMatch(/<dcterms:created xsi:type="dcterms:W3CDTF">2023-06-30T00:00:00Z<\/dcterms:created>/);
    expect(xml).toMatch(/<dcterms:modified xsi:type="dcterms:W3CDTF">2023-06-30T00:00:00Z<\/dcterms:modified>/);
    expect(xml).toContain('<dc:title>Meløy &amp; omegn</dc:title>');
    expect(xml).toContain('<dc:creator>KS-Konsulent</dc:creator>');
    expect(() => fixedCoreDates(pkg, new Date('nonsense'))).toThrow(/dato/);
  });
});

describe('deterministicIds', () => {
  it('replaces the random lower-case section GUIDs with upper-case GUIDs derived from the part', async () => {
    const ids = (pkg: OoxmlPackage) => [...pkg.text('ppt/presentation.xml').matchAll(/<p14:section [^>]*id="([^"]*)"/g)].map((m) => m[1]);
    const a = OoxmlPackage.fromZip(masterRaw);
    const b = OoxmlPackage.fromZip(await buildMasterDeck());
    expect(ids(a)).toHaveLength(2);
    expect(ids(a)[0]).toMatch(/^\{[0-9a-f-]{36}\}$/);
    expect(ids(a)).not.toEqual(ids(b)); // Math.random
    deterministicIds(a);
    deterministicIds(b);
    expect(ids(a)).toEqual(ids(b));
    for (const id of ids(a)) expect(id).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
    expect(new Set(ids(a)).size).toBe(2);
  });

  it('replaces the random data-label field ids and c16:uniqueIds of a chart (scatter labels)', async () => {
    const build = async () => {
      const pres = new PptxGenJS();
      pres.addSlide().addChart(
        pres.ChartType.scatter,
        [{ name: 'X', values: [1, 2, 3] }, { name: 'Kommuner', values: [4, 5, 6], labels: ['Meløy', 'Rødøy', 'Bodø'] }],
        { x: 1, y: 1, w: 6, h: 4, showLabel: true, dataLabelFormatScatter: 'customXY' },
      );
      const pkg = OoxmlPackage.fromZip((await pres.write({ outputType: 'uint8array' })) as Uint8Array);
      renumberCharts(pkg);
      return pkg;
    };
    const ids = (pkg: OoxmlPackage) => [...pkg.text('ppt/charts/chart1.xml').matchAll(/(?:<a:fld id|<c16:uniqueId val)="(\{[^}]*\})"/g)].map((m) => m[1]);
    const [a, b] = [await build(), await build()];
    expect(ids(a).length).toBe(9); // 3 labels: an XVALUE and a YVALUE field and a uniqueId each
    expect(ids(a)).not.toEqual(ids(b));
    deterministicIds(a);
    deterministicIds(b);
    expect(ids(a)).toEqual(ids(b));
    expect(new Set(ids(a)).size).toBe(9);
  });
});

describe('normaliseEmbeddedWorkbooks', () => {
  it('rewrites each chart workbook with the given date, in a stable order', () => {
    const pkg = sample();
    const book = pkg.names().find((n) => n.startsWith('ppt/embeddings/')) as string;
    const core = () => new TextDecoder().decode(new Map(unzipEntries(pkg.bytes(book))).get('docProps/core.xml'));
    expect(core()).toMatch(/<dcterms:created[^>]*>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z</); // the clock, with milliseconds
    const sizeBefore = pkg.bytes(book).length;
    normaliseEmbeddedWorkbooks(pkg, DATE);
    expect(core()).toContain('>2023-06-30T00:00:00Z</dcterms:created>');
    expect(core()).toContain('>2023-06-30T00:00:00Z</dcterms:modified>');
    expect(unzipEntries(pkg.bytes(book)).map(([n]) => n).slice(0, 2)).toEqual(['[Content_Types].xml', '_rels/.rels']);
    expect(pkg.bytes(book).length).toBeLessThan(sizeBefore); // no folder entries
  });
});

describe('renumberCharts', () => {
  it('numbers the charts of a deck built after another in the same process from 1, with their workbooks', async () => {
    const second = OoxmlPackage.fromZip(await buildSampleDeck()); // pptxgenjs's chart counter has moved on
    const charts = (pkg: OoxmlPackage) => pkg.names().filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n)).sort();
    const first = sample();
    expect(charts(second)).not.toEqual(charts(first));
    for (const pkg of [first, second]) {
      renumberCharts(pkg);
      fixLineMarkerColours(pkg); // the third line series' marker colour is random (see above)
    }
    expect(charts(second)).toEqual(['ppt/charts/chart1.xml', 'ppt/charts/chart2.xml', 'ppt/charts/chart3.xml', 'ppt/charts/chart4.xml', 'ppt/charts/chart5.xml', 'ppt/charts/chart6.xml']);
    expect(charts(second)).toEqual(charts(first));
    for (let slide = 3; slide <= 8; slide++) {
      const chart = chartOn(second, slide);
      expect(chart).toBe(`ppt/charts/chart${slide - 2}.xml`);
      expect(second.text(chart)).toBe(first.text(chartOn(first, slide)));
      expect(relationshipsOf(second, chart).map((r) => r.part)).toEqual([`ppt/embeddings/Microsoft_Excel_Worksheet${slide - 2}.xlsx`]);
    }
    const ct = parseContentTypes(second.text('[Content_Types].xml'));
    for (const chart of charts(second)) expect(ct.overrides.get(chart)).toMatch(/chart\+xml$/);
    expect(checkPackageParts(second).filter((p) => /chart|embeddings/.test(p) && !/slideMaster/.test(p))).toEqual([]);
  });
});
