/**
 * The Open XML SDK validator (Microsoft 365 rules) and the structural check on raw and finished decks. The
 * validator takes about 1,5 s a file, so this file validates six decks and no more.
 */
import * as path from 'path';
import { buildMasterDeck, buildSampleDeck, buildTableChartDeck } from '../../helpers/decks';
import { checkPackage, deckProblems, formatFindings, validateBytes } from '../../helpers/ooxml';
import { OoxmlPackage, finishPackage } from '../../../src/render/package';
import { loadTheme, DEFAULT_THEME_DIR } from '../../../src/render/theme';

const theme = loadTheme(path.join(DEFAULT_THEME_DIR, 'theme.yaml'));
const DATE = new Date('2023-06-30T00:00:00Z');

let sampleRaw: Uint8Array;
let masterRaw: Uint8Array;

beforeAll(async () => {
  sampleRaw = await buildSampleDeck();
  masterRaw = await buildMasterDeck();
});

describe('raw pptxgenjs 4.0.1 output', () => {
  it('fails the validator on presentation.xml, every chart kind, section ids and app.xml', async () => {
    const lines = formatFindings((await validateBytes(sampleRaw, 'sample-raw.pptx')).errors);
    const expected: [RegExp, string][] = [
      [/^\/ppt\/presentation\.xml \/p:presentation\[1\]: .*unexpected child element .*:notesMasterIdLst'/, 'fixNotesMasterOrder'],
      [/^\/ppt\/presentation\.xml .*p14:section\[1\]: The attribute 'id' has invalid value '\{[0-9a-f-]+\}'/, 'deterministicIds'],
      [/^\/ppt\/charts\/chart1\.xml .*c:barChart\[1\]: .*unexpected child element .*:axId'/, 'fixChartAxIds (bar)'],
      [/^\/ppt\/charts\/chart1\.xml .*c:barChart\[1\]\/c:ser\[1\]: .*unexpected child element .*:dPt'/, 'fixChartSeriesOrder (bar)'],
      [/^\/ppt\/charts\/chart4\.xml .*c:lineChart\[1\]: .*unexpected child element .*:varyColors'/, 'fixLineChartGrouping'],
      [/^\/ppt\/charts\/chart4\.xml .*c:lineChart\[1\]\/c:ser\[3\]: .*invalid child element .*:invertIfNegative'/, 'fixChartSeriesOrder (line)'],
      [/^\/docProps\/app\.xml : .*EntityName/, 'escapeDocPropsText'],
    ];
    for (const [re, fix] of expected) expect({ fix, found: lines.some((l) => re.test(l)) }).toEqual({ fix, found: true });
    expect(lines.length).toBeGreaterThanOrEqual(16);
  });

  it('fails the structural check: phantom slide masters, a shape without text body, ill-formed app.xml', () => {
    const problems = checkPackage(sampleRaw);
    expect(problems).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml: Override for /ppt/slideMasters/slideMaster2.xml, som ikke finnes (#1444)',
        "ppt/slides/slide1.xml: figuren 'Shape 0' har ikke p:txBody (#1441)",
        expect.stringMatching(/^docProps\/app\.xml: ikke velformet XML: \d+:\d+: '&'/),
      ]),
    );
    expect(checkPackage(masterRaw)).toEqual(expect.arrayContaining([expect.stringMatching(/^ppt\/slides\/slide2\.xml: p:cNvPr id="\d+" brukes 2 ganger$/)]));
  });
});

describe('finished decks', () => {
  it('pass the validator with 0 errors and the structural check with 0 problems: the sample deck', async () => {
    const finished = finishPackage(sampleRaw, { theme, date: DATE });
    expect(await deckProblems(finished, 'sample.pptx')).toEqual([]);
  });

  it('… a deck with a slide master, placeholders, pictures, hyperlinks and sections', async () => {
    const finished = finishPackage(masterRaw, { theme, date: DATE });
    expect(await deckProblems(finished, 'master.pptx')).toEqual([]);
  });

  it('… ten slides of tables and charts, built after other decks in the same process', async () => {
    const finished = finishPackage(await buildTableChartDeck(10, 10), { theme, date: DATE, title: 'Ti & ti' });
    expect(await deckProblems(finished, 'ten.pptx')).toEqual([]);
  });

  it('… and the validator reports a defect a finished deck would have (it is not silent)', async () => {
    // guard against a validator that passes everything: break one finished part on purpose
    const finished = finishPackage(sampleRaw, { theme, date: DATE, verify: false, level: 1 });
    const pkg = OoxmlPackage.fromZip(finished);
    pkg.edit('ppt/presentation.xml', (x) => x.replace(/(<p:notesMasterIdLst>[\s\S]*?<\/p:notesMasterIdLst>)([\s\S]*?<\/p:sldIdLst>)/, '$2$1'));
    const lines = formatFindings((await validateBytes(pkg.toZip({ date: DATE }), 'broken.pptx')).errors);
    expect(lines).toEqual([expect.stringMatching(/^\/ppt\/presentation\.xml \/p:presentation\[1\]: .*notesMasterIdLst/)]);
  });
});
