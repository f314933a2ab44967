/**
 * The finishing stage: pptxgenjs bytes in, a deck PowerPoint opens without its repair dialog out.
 *
 *   renderDeckParts (pptxgenjs's parts, ../pptx-parts.ts)  ──►  finishPackage(pkg, { theme, date })  ──►  .pptx
 *   (or pptxgenjs's own zip: finishPackage(bytes, …), the same result byte for byte)
 *
 * pptxgenjs 4.0.1's output is not schema-valid, not reproducible and not compressed (measured in
 * test/render/package/). Each defect has one small named fix below, each fix a test that
 * shows the defect on raw pptxgenjs output and its absence after, so a fix can be dropped when upstream fixes
 * it. The fixes edit XML as strings (pptxgenjs writes a narrow, regular dialect); no XML library.
 */
import type { Theme } from '../theme';
import { OoxmlPackage } from './opc';
import { checkPackageLevel, checkPackageParts, partProblems, type CheckLevel } from './check';
import {
  fixNotesMasterOrder,
  dropOrphanContentTypes,
  addMissingShapeTxBody,
  fillEmptyTxBody,
  fixBackgroundEffectLst,
  fixDuplicateShapeIds,
  escapeDocPropsText,
} from './fixes/structure';
import { fixChartAxIds, fixLineChartGrouping, fixChartSeriesOrder, fixLineMarkerColours, fixDataLabelPositions, renumberCharts, dropEmptyChartPoints } from './fixes/charts';
import { applyHouseTheme, simplifyNotesMaster, notesMasterOwnTheme, type HouseTheme } from './fixes/theme';
import { fixNotesText, setTextLanguage } from './fixes/text';
import { fixedCoreDates, deterministicIds, normaliseEmbeddedWorkbooks, type DocumentProperties } from './fixes/reproducible';
import { writeBindings, type DeckRecord } from './bindings';

export * from './opc';
export { checkPackage, checkPackageParts, type CheckLevel } from './check';
export { zipEntries, unzipEntries, entryOrder, dosDateTime, deflateWindowBits } from './zip';
export * from './fixes/structure';
export * from './fixes/charts';
export * from './fixes/theme';
export * from './fixes/text';
export * from './fixes/reproducible';

export interface FinishOptions extends DocumentProperties {
  /** the house theme (colours and fonts go into ppt/theme/theme1.xml) */
  theme: HouseTheme | Theme;
  /** the document date: docProps dates, zip entry dates, embedded workbooks. From the data or SOURCE_DATE_EPOCH, never the clock. */
  date: Date;
  /** proofing language for text pptxgenjs marks en-US (default 'nb-NO') */
  lang?: string;
  /** DEFLATE level 1-9 (default 6) */
  level?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /**
   * Run the structural check (checkPackageParts) on the finished package and throw if it finds anything, so a
   * renderer bug surfaces at build time, not in the council chamber: 'structure' (default; the package level,
   * about 1 ms), 'full' (every XML part too; the tests run it on every deck they build), false (none).
   */
  verify?: CheckLevel | false;
  /**
   * What each data-bearing shape shows, and the recipe to recompute it: written as shape tags and a deck record
   * (see ./bindings.ts) so that `kommunedeck refresh` can update an edited deck. Omitted: no bindings.
   */
  bindings?: DeckRecord;
}

/** Everything a fix may read. */
export interface FinishContext {
  theme: HouseTheme;
  date: Date;
  lang: string;
  props: DocumentProperties;
}

/** One fix: its name, the pptxgenjs issue or PR it answers, and the edit. */
export interface PackageFix {
  name: string;
  /** gitbrent/PptxGenJS issue or PR numbers ('' where none is known) */
  upstream: string;
  apply: (pkg: OoxmlPackage, ctx: FinishContext) => void;
}

/** The fixes in the order finishPackage applies them (renumbering first, so later fixes see final part names). */
export const FIXES: readonly PackageFix[] = [
  { name: 'renumberCharts', upstream: '', apply: (p) => renumberCharts(p) },
  { name: 'dropOrphanContentTypes', upstream: '#1444, #1449', apply: (p) => dropOrphanContentTypes(p) },
  { name: 'fixNotesMasterOrder', upstream: '', apply: (p) => fixNotesMasterOrder(p) },
  { name: 'fixChartAxIds', upstream: '#1534', apply: (p) => fixChartAxIds(p) },
  { name: 'fixLineChartGrouping', upstream: '', apply: (p) => fixLineChartGrouping(p) },
  { name: 'fixChartSeriesOrder', upstream: '', apply: (p) => fixChartSeriesOrder(p) },
  { name: 'fixLineMarkerColours', upstream: '', apply: (p) => fixLineMarkerColours(p) },
  { name: 'fixDataLabelPositions', upstream: '', apply: (p) => fixDataLabelPositions(p) },
  { name: 'dropEmptyChartPoints', upstream: '', apply: (p) => dropEmptyChartPoints(p) },
  { name: 'addMissingShapeTxBody', upstream: '#1441, PR #1457', apply: (p) => addMissingShapeTxBody(p) },
  { name: 'fillEmptyTxBody', upstream: '#1380, #1168, #1048, PR #1160', apply: (p) => fillEmptyTxBody(p) },
  { name: 'fixBackgroundEffectLst', upstream: '#1442, PR #1457', apply: (p) => fixBackgroundEffectLst(p) },
  { name: 'fixDuplicateShapeIds', upstream: '', apply: (p) => fixDuplicateShapeIds(p) },
  { name: 'fixNotesText', upstream: '', apply: (p) => fixNotesText(p) },
  { name: 'setTextLanguage', upstream: '', apply: (p, c) => setTextLanguage(p, c.lang) },
  { name: 'simplifyNotesMaster', upstream: '#1443, PR #1458', apply: (p) => simplifyNotesMaster(p) },
  { name: 'applyHouseTheme', upstream: '#604, #1243, PR #1287', apply: (p, c) => applyHouseTheme(p, c.theme) },
  { name: 'notesMasterOwnTheme', upstream: '#1449', apply: (p) => notesMasterOwnTheme(p) },
  { name: 'escapeDocPropsText', upstream: 'PR #1427', apply: (p) => escapeDocPropsText(p) },
  { name: 'fixedCoreDates', upstream: '', apply: (p, c) => fixedCoreDates(p, c.date, c.props) },
  { name: 'deterministicIds', upstream: '', apply: (p) => deterministicIds(p) },
  { name: 'normaliseEmbeddedWorkbooks', upstream: '', apply: (p, c) => normaliseEmbeddedWorkbooks(p, c.date) },
];

/** Thrown when the finished package still fails the structural check: a renderer bug, not a user error. */
export class PackageCheckError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`den ferdige pakken har ${problems.length} strukturfeil:\n${problems.slice(0, 20).join('\n')}`);
    this.name = 'PackageCheckError';
    this.problems = problems;
  }
}

/** Apply the fixes to an unpacked package (for callers that edit parts themselves before writing). */
export function finishParts(pkg: OoxmlPackage, opts: FinishOptions, skip: readonly string[] = []): void {
  const ctx: FinishContext = {
    theme: opts.theme,
    date: opts.date,
    lang: opts.lang ?? 'nb-NO',
    props: { title: opts.title, subject: opts.subject, author: opts.author, company: opts.company },
  };
  for (const fix of FIXES) if (!skip.includes(fix.name)) fix.apply(pkg, ctx);
}

/**
 * Finish a pptxgenjs deck (its zip, or its parts from renderDeckParts; the package given is edited in place): schema-valid (Open XML SDK validator, 0 errors), no content type or relationship
 * naming a missing part, the house theme in ppt/theme/theme1.xml, reproducible (same inputs and date, same
 * bytes, whatever else the process built before), DEFLATE-compressed.
 */
export function finishPackage(input: Uint8Array | OoxmlPackage, opts: FinishOptions): Uint8Array {
  if (!(opts.date instanceof Date) || Number.isNaN(opts.date.getTime())) throw new Error('finishPackage: opts.date må være en gyldig dato');
  const pkg = input instanceof OoxmlPackage ? input : OoxmlPackage.fromZip(input);
  finishParts(pkg, opts);
  const level = opts.verify ?? 'structure';
  // the parts' XML is checked before the bindings go in: they only add tags to slides that are written out next,
  // and reading those slides again would join them (see OoxmlPackage.setPieces); 'full' checks everything after
  const problems = level === 'structure' ? partProblems(pkg, 'structure') : [];
  if (opts.bindings) writeBindings(pkg, opts.bindings);
  if (level === 'structure') problems.push(...checkPackageLevel(pkg));
  else if (level === 'full') problems.push(...checkPackageParts(pkg, 'full'));
  if (problems.length) throw new PackageCheckError(problems);
  return pkg.toZip({ date: opts.date, level: opts.level ?? 6 });
}

/**
 * The check level of a build: KOMMUNEDECK_VERIFY=full|structure|off, else 'structure'. The test suite sets
 * `full`, so every deck a test builds, in process or through the CLI, gets the whole check.
 */
export function buildCheckLevel(env: NodeJS.ProcessEnv = process.env): CheckLevel | false {
  const v = (env.KOMMUNEDECK_VERIFY ?? '').trim().toLowerCase();
  if (v === 'full') return 'full';
  if (v === 'off') return false;
  return 'structure';
}

/**
 * The document date for a build: SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention)
 * when set, else `fallback` (a date from the data). Never the clock.
 */
export function documentDate(fallback: Date, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH må være et heltall (sekunder siden 1970), fikk '${epoch}'`);
    return new Date(Number(epoch) * 1000);
  }
  return fallback;
}
