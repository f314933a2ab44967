/**
 * The structural check (checkPackage): each kind of problem it reports, on XML snippets and on finished decks
 * broken on purpose, and silence on a clean finished deck.
 */
import * as path from 'path';
import { buildSampleDeck } from '../../helpers/decks';
import { checkPackage } from '../../helpers/ooxml';
import { OoxmlPackage, buildCheckLevel, checkPackageParts, finishPackage, slidesInOrder, relationshipsOf } from '../../../src/render/package';
import { wellFormednessProblem } from '../../../src/render/package/check';
import { loadTheme, DEFAULT_THEME_DIR } from '../../../src/render/theme';

const theme = loadTheme(path.join(DEFAULT_THEME_DIR, 'theme.yaml'));
const DATE = new Date('2023-06-30T00:00:00Z');

describe('wellFormednessProblem', () => {
  const ok = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a:r xmlns:a="urn:a"><a:t>A &amp; B &#229; &#xE5;</a:t></a:r>',
    '\uFEFF<root a="1" b=\'2\' c = "x > y"><!-- note --><x/><![CDATA[<&>]]></root>',
    '<p:sld xmlns:p="urn:p"><p:ext><p14:x xmlns:p14="urn:p14" p14:y="1"/></p:ext></p:sld>',
  ];
  it.each(ok)('accepts well-formed XML %#', (xml) => expect(wellFormednessProblem(xml)).toBeUndefined());

  const bad: [string, RegExp][] = [
    ['<a><b></a></b>', /<\/a> lukker <b>/],
    ['<a><b></b>', /<a> er ikke lukket/],
    ['<a>A & B</a>', /^1:6: '&' som ikke innleder en entitet/],
    ['<a x="A & B"/>', /'&' som ikke innleder en entitet i x/],
    ['<a x=1/>', /anførselstegn/],
    ['<a x="<"/>', /'<' i verdien av x/],
    ['<a x="1" x="2"/>', /står to ganger/],
    ['<a:b/>', /prefikset 'a' i <a:b> er ikke deklarert/],
    ['<a p14:x="1"/>', /prefikset 'p14' i attributtet p14:x/],
    ['<a/><b/>', /mer enn ett rotelement/],
    ['tekst<a/>', /tekst utenfor rotelementet/],
    ['<!DOCTYPE a><a/>', /DOCTYPE/],
    ['<a></b>', /<\/b> lukker <a>/],
    ['<a>]]></a>', /']]>' i tekst/],
    ['', /ingen rotelement/],
    ['<a>\n<b x="1"y="2"/></a>', /^2:1: mangler mellomrom/],
  ];
  it.each(bad)('reports %s', (xml, re) => expect(wellFormednessProblem(xml)).toMatch(re));
});

describe('checkPackage', () => {
  let finished: Uint8Array;
  beforeAll(async () => {
    finished = finishPackage(await buildSampleDeck(), { theme, date: DATE });
  });
  const broken = (edit: (pkg: OoxmlPackage) => void): string[] => {
    const pkg = OoxmlPackage.fromZip(finished);
    edit(pkg);
    return checkPackageParts(pkg);
  };

  it('finds nothing in a finished deck', () => {
    expect(checkPackage(finished)).toEqual([]);
  });

  it('reports bytes that are not a zip', () => {
    expect(checkPackage(new Uint8Array([1, 2, 3]))).toEqual([expect.stringMatching(/^ikke en zip-fil/)]);
  });

  it('reports a relationship to a missing part and relationships of a missing part', () => {
    expect(broken((p) => p.delete('ppt/charts/chart2.xml'))).toEqual(
      expect.arrayContaining([
        'ppt/slides/_rels/slide4.xml.rels: rId1 peker på ppt/charts/chart2.xml, som ikke finnes',
        'ppt/charts/_rels/chart2.xml.rels: relasjoner for ppt/charts/chart2.xml, som ikke finnes',
        '[Content_Types].xml: Override for /ppt/charts/chart2.xml, som ikke finnes (#1444)',
      ]),
    );
  });

  it('reports a part without a content type', () => {
    expect(broken((p) => p.setText('ppt/media/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual(['ppt/media/logo.svg: har ingen innholdstype (Default eller Override)']);
  });

  it('reports ill-formed XML with the part and line:col', () => {
    expect(broken((p) => p.edit('ppt/slides/slide1.xml', (x) => x.replace('<p:cSld', '<p:cSld broken')))).toEqual([
      expect.stringMatching(/^ppt\/slides\/slide1\.xml: ikke velformet XML: 2:\d+: attributtet broken i <p:cSld> har ingen verdi$/),
    ]);
  });

  it('reports duplicate slide ids, slide ids out of range and r:ids without relationship', () => {
    const problems = broken((p) =>
      p.edit('ppt/presentation.xml', (x) => x.replace('<p:sldId id="257"', '<p:sldId id="256"').replace('<p:sldId id="258" r:id="rId4"', '<p:sldId id="12" r:id="rId99"')),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'ppt/presentation.xml: p:sldId id="256" brukes flere ganger',
        'ppt/presentation.xml: p:sldId id="12" er utenfor 256..2147483647',
        'ppt/presentation.xml: r:id="rId99" finnes ikke i presentation.xml.rels',
      ]),
    );
  });

  it('reports duplicate shape ids on a slide', () => {
    expect(broken((p) => p.edit('ppt/slides/slide1.xml', (x) => x.replace(/(<p:cNvPr id=")3"/, '$12"')))).toEqual(['ppt/slides/slide1.xml: p:cNvPr id="2" brukes 2 ganger']);
  });

  it('reports a text body without a paragraph, a run without text and a shape without text body', () => {
    const problems = broken((p) =>
      p.edit('ppt/slides/slide2.xml', (x) =>
        x
          .replace(/<a:tc><a:txBody><a:bodyPr\/><a:lstStyle\/>[\s\S]*?<\/a:txBody>/, '<a:tc><a:txBody><a:bodyPr/><a:lstStyle/></a:txBody>')
          .replace(/<a:t>Område 2<\/a:t>/, ''),
      ),
    );
    expect(problems).toEqual([
      'ppt/slides/slide2.xml: a:txBody nr. 1 har ingen a:p (PowerPoint reparerer)',
      expect.stringMatching(/^ppt\/slides\/slide2\.xml: tekstløp a:r nr\. \d+ uten a:t$/),
    ]);
    expect(broken((p) => p.edit('ppt/slides/slide1.xml', (x) => x.replace(/(name="Shape 0">[\s\S]*?)<p:txBody>[\s\S]*?<\/p:txBody>/, '$1')))).toEqual([
      "ppt/slides/slide1.xml: figuren 'Shape 0' har ikke p:txBody (#1441)",
    ]);
  });

  it('reports a chart without data points and NaN in chart caches and attributes', () => {
    const pkg = OoxmlPackage.fromZip(finished);
    const chart = relationshipsOf(pkg, slidesInOrder(pkg)[2]).find((r) => r.type.endsWith('/chart'))?.part as string;
    pkg.edit(chart, (x) =>
      x
        .replace(/(<c:val>[\s\S]*?)<c:ptCount val="\d+"\/>[\s\S]*?(<\/c:numCache>)/, '$1<c:ptCount val="0"/>$2')
        .replace('<c:v>Meløy</c:v>', '<c:v>NaN</c:v>')
        .replace(/<c:gapWidth val="\d+"\/>/, '<c:gapWidth val="NaN"/>'),
    );
    expect(checkPackageParts(pkg)).toEqual([
      `${chart}: attributtet val="NaN" (NaN/undefined/Infinity fra ugyldig tall)`,
      `${chart}: diagramverdien NaN`,
      `${chart}: dataserie 1 har ingen datapunkter`,
    ]);
  });

  it('reports rIdundefined, the hyperlink bug of auto-paged tables (#1392)', () => {
    expect(broken((p) => p.edit('ppt/slides/slide1.xml', (x) => x.replace(/(<p:cNvPr id="\d+" name="Shape 0">)/, '$1<a:hlinkClick r:id="rIdundefined"/>')))).toEqual([
      'ppt/slides/slide1.xml: attributtet r:id="rIdundefined" (NaN/undefined/Infinity fra ugyldig tall)',
    ]);
  });
});

describe('check levels', () => {
  const finished = async () => OoxmlPackage.fromZip(finishPackage(await buildSampleDeck(), { theme, date: DATE }));

  it("'structure' (every build) finds package problems and NaN, not problems inside the slides' XML", async () => {
    const pkg = await finished();
    const slide = slidesInOrder(pkg)[0];
    pkg.edit(slide, (x) => x.replace('</p:spTree>', '<p:sp></p:spTree>')); // ill-formed: only 'full' reads it
    pkg.delete(relationshipsOf(pkg, slide).find((r) => r.type.endsWith('/slideLayout'))!.part);
    const structure = checkPackageParts(pkg, 'structure');
    expect(structure.some((p) => /peker på ppt\/slideLayouts\/.* som ikke finnes/.test(p))).toBe(true);
    expect(structure.some((p) => p.includes('velformet'))).toBe(false);
    expect(checkPackageParts(pkg, 'full').some((p) => p.startsWith(`${slide}: ikke velformet XML`))).toBe(true);

    const nan = await finished();
    nan.edit(slidesInOrder(nan)[0], (x) => x.replace(/<a:off x="\d+"/, '<a:off x="NaN"'));
    expect(checkPackageParts(nan, 'structure')).toEqual([expect.stringMatching(/attributtet x="NaN"/)]);
  });

  it('finishPackage checks the package level by default and everything with verify: full', async () => {
    const raw = await buildSampleDeck();
    expect(() => finishPackage(raw, { theme, date: DATE })).not.toThrow();
    expect(() => finishPackage(raw, { theme, date: DATE, verify: 'full' })).not.toThrow();
  });

  it('KOMMUNEDECK_VERIFY sets the level of a build (the test suite runs full)', () => {
    expect(buildCheckLevel({})).toBe('structure');
    expect(buildCheckLevel({ KOMMUNEDECK_VERIFY: 'full' })).toBe('full');
    expect(buildCheckLevel({ KOMMUNEDECK_VERIFY: ' OFF ' })).toBe(false);
    expect(buildCheckLevel({ KOMMUNEDECK_VERIFY: 'noe annet' })).toBe('structure');
    expect(process.env.KOMMUNEDECK_VERIFY).toBe('full');
  });
});
