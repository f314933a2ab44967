/**
 * The house theme in ppt/theme/theme1.xml, and the notes master PowerPoint rebuilds on repair.
 */
import type { Theme } from '../../theme';
import { OoxmlPackage, escapeXmlAttr, escapeXmlText, relsPathFor, setOverride } from '../opc';
import { deterministicGuid } from '../xml';

export const THEME1 = 'ppt/theme/theme1.xml';
export const NOTES_MASTER = 'ppt/notesMasters/notesMaster1.xml';
const THEME_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.theme+xml';

/** What applyHouseTheme reads from a Theme. */
export type HouseTheme = Pick<Theme, 'name' | 'colors' | 'fonts'>;

/** OOXML colour-scheme slots in schema order, and the theme.yaml key each is read from. */
const SCHEME_SLOTS: readonly (readonly [string, keyof Theme['colors']])[] = [
  ['dk1', 'dark1'],
  ['lt1', 'light1'],
  ['dk2', 'dark2'],
  ['lt2', 'light2'],
  ['accent1', 'accent1'],
  ['accent2', 'accent2'],
  ['accent3', 'accent3'],
  ['accent4', 'accent4'],
  ['accent5', 'accent5'],
  ['accent6', 'accent6'],
  ['hlink', 'hyperlink'],
  ['folHlink', 'followedHyperlink'],
];

function colourScheme(theme: HouseTheme): string {
  const slots = SCHEME_SLOTS.map(([slot, key]) => {
    const hex = theme.colors[key];
    if (!/^[0-9A-Fa-f]{6}$/.test(hex)) throw new Error(`temafargen ${key} er ikke en sekssifret heksadesimal farge: '${hex}'`);
    return `<a:${slot}><a:srgbClr val="${hex.toUpperCase()}"/></a:${slot}>`;
  });
  return `<a:clrScheme name="${escapeXmlAttr(theme.name)}">${slots.join('')}</a:clrScheme>`;
}

function setLatinFont(fontXml: string, typeface: string): string {
  return fontXml.replace(/<a:latin\b[^>]*\/>/, (tag) => {
    const current = /typeface="([^"]*)"/.exec(tag)?.[1];
    // a panose number describes one font: keep it only when the face is unchanged
    return current === escapeXmlAttr(typeface) ? tag : `<a:latin typeface="${escapeXmlAttr(typeface)}"/>`;
  });
}

/**
 * pptxgenjs always writes the stock Office colour scheme (only fonts can be set), so PowerPoint's colour
 * picker, and every shape or chart a consultant adds by hand, comes out Office blue. Write the house theme:
 * its name, the twelve scheme colours, major (headings) and minor (body) Latin fonts, and a theme family of
 * its own (the stock one claims to be "Office Theme"). The app.xml title of the theme part follows.
 */
export function applyHouseTheme(pkg: OoxmlPackage, theme: HouseTheme): void {
  if (!pkg.has(THEME1)) return;
  const name = escapeXmlAttr(theme.name);
  let oldName: string | undefined;
  pkg.edit(THEME1, (xml) => {
    oldName = /<a:theme\b[^>]*\sname="([^"]*)"/.exec(xml)?.[1];
    return xml
      .replace(/(<a:theme\b[^>]*\sname=")[^"]*"/, `$1${name}"`)
      .replace(/<a:clrScheme\b[^>]*>[\s\S]*?<\/a:clrScheme>/, colourScheme(theme))
      .replace(/(<a:fontScheme\b[^>]*\sname=")[^"]*"/, `$1${name}"`)
      .replace(/<a:majorFont>[\s\S]*?<\/a:majorFont>/, (f) => setLatinFont(f, theme.fonts.heading))
      .replace(/<a:minorFont>[\s\S]*?<\/a:minorFont>/, (f) => setLatinFont(f, theme.fonts.body))
      .replace(/<thm15:themeFamily\b[^>]*\/>/, (tag) =>
        tag
          .replace(/\sname="[^"]*"/, ` name="${name}"`)
          .replace(/\sid="[^"]*"/, ` id="${deterministicGuid(`theme-family:${theme.name}`)}"`)
          .replace(/\svid="[^"]*"/, ` vid="${deterministicGuid(`theme-variant:${theme.name}`)}"`),
      );
  });
  if (oldName !== undefined) {
    const from = `<vt:lpstr>${oldName}</vt:lpstr>`;
    pkg.edit('docProps/app.xml', (xml) => xml.replace(from, `<vt:lpstr>${escapeXmlText(theme.name)}</vt:lpstr>`));
  }
}

/**
 * The notes master ships six placeholder shapes PowerPoint deletes on repair (#1443); what PowerPoint keeps,
 * and what pptxgenjs-plus writes, is the bare shape tree with background, colour map and notes style. Notes
 * slides keep their own placeholders (sldImg, body, sldNum) and PowerPoint lays them out.
 */
export function simplifyNotesMaster(pkg: OoxmlPackage): void {
  pkg.edit(NOTES_MASTER, (xml) => xml.replace(/(<p:spTree>[\s\S]*?<\/p:grpSpPr>)[\s\S]*?(<\/p:spTree>)/, '$1$2'));
}

/**
 * The notes master shares theme1.xml with the slide master; PowerPoint gives a notes master a theme part of its
 * own and creates one on repair (#1449). Copy the (house) theme to theme2.xml with its own family id, point the
 * notes master at it, and register its content type. Run after applyHouseTheme.
 */
export function notesMasterOwnTheme(pkg: OoxmlPackage): void {
  const rels = relsPathFor(NOTES_MASTER);
  if (!pkg.has(rels) || !pkg.has(THEME1)) return;
  if (!/Target="\.\.\/theme\/theme1\.xml"/.test(pkg.text(rels))) return;
  const theme2 = 'ppt/theme/theme2.xml';
  if (pkg.has(theme2)) return; // a deck with its own second theme: leave it
  const copy = pkg
    .text(THEME1)
    .replace(/<thm15:themeFamily\b[^>]*\/>/, (tag) => tag.replace(/\sid="([^"]*)"/, (_a, id: string) => ` id="${deterministicGuid(`notes-theme:${id}`)}"`));
  pkg.setText(theme2, copy);
  pkg.edit(rels, (xml) => xml.replace('Target="../theme/theme1.xml"', 'Target="../theme/theme2.xml"'));
  setOverride(pkg, theme2, THEME_CONTENT_TYPE);
}
