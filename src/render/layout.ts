import type PptxGenJS from 'pptxgenjs';
import { Theme } from './theme';

/** Geometry of the house layout, in inches, derived from the theme's slide size. */
export interface Layout {
  width: number;
  height: number;
  margin: number;
  titleY: number;
  titleH: number;
  ruleY: number;
  contentY: number;
  /** bottom of the content area when there is no commentary */
  contentBottom: number;
  commentaryY: number;
  commentaryH: number;
  footerY: number;
}

export function layoutFor(theme: Theme): Layout {
  const { width, height } = theme.slide;
  return {
    width,
    height,
    margin: 0.5,
    titleY: 0.28,
    titleH: 0.8,
    ruleY: 1.1,
    contentY: 1.32,
    contentBottom: height - 0.75,
    commentaryY: height - 1.38,
    commentaryH: 0.58,
    footerY: height - 0.45,
  };
}

export interface RenderContext {
  pres: PptxGenJS;
  theme: Theme;
  layout: Layout;
  /** 1-based slide number in the deck */
  number: number;
}

/**
 * Largest font size (pt) at which `paragraphs` fit a box, estimated with Calibri's average glyph width
 * (about 0.5 em) and a line height of 1.2 em. Conservative on purpose: LibreOffice (Carlito) and PowerPoint
 * (Calibri) share metrics, and text that fits here fits there.
 */
export function fitFontSize(paragraphs: string[], boxW: number, boxH: number, maxPt: number, minPt: number, opts: { charWidthEm?: number; lineHeight?: number; paraGapEm?: number } = {}): number {
  const charEm = opts.charWidthEm ?? 0.52;
  const lineH = opts.lineHeight ?? 1.2;
  const gap = opts.paraGapEm ?? 0.35;
  for (let pt = maxPt; pt > minPt; pt -= 1) {
    if (textHeight(paragraphs, boxW, pt, charEm, lineH, gap) <= boxH) return pt;
  }
  return minPt;
}

export function textHeight(paragraphs: string[], boxW: number, pt: number, charEm = 0.52, lineH = 1.2, gapEm = 0.35): number {
  const usable = Math.max(0.1, boxW - 0.2); // text box insets
  const charsPerLine = Math.max(1, Math.floor((usable * 72) / (pt * charEm)));
  let lines = 0;
  for (const p of paragraphs) lines += wrapCount(p, charsPerLine);
  return (lines * pt * lineH + Math.max(0, paragraphs.length - 1) * pt * gapEm) / 72 + 0.1;
}

/** Number of lines a paragraph takes when wrapped at word boundaries (long words break). */
function wrapCount(text: string, perLine: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = word.length;
    if (used === 0) {
      lines += Math.floor(Math.max(0, w - 1) / perLine);
      used = w % perLine || perLine;
    } else if (used + 1 + w <= perLine) used += 1 + w;
    else {
      lines += 1 + Math.floor(Math.max(0, w - 1) / perLine);
      used = w % perLine || perLine;
    }
  }
  return lines;
}

/** Table font sizes the renderer may use, largest first; the smallest decides how many rows fit a slide. */
export const TABLE_FONT_SIZES = [16, 15, 14, 13, 12, 11, 10, 9, 8];

/** Height of one table row at a font size: one line of text plus the cell margins (inches). */
export function tableRowHeight(pt: number, lines = 1): number {
  return (pt * 1.2 * lines + 2 * tableCellMargin(pt)) / 72;
}

/** Top and bottom cell margin (points): tight, as in the sources' dense number tables; tighter still at small sizes. */
export function tableCellMargin(pt: number): number {
  return pt <= 9 ? 1 : 1.5;
}

/** The vertical room a table has on a content slide of this layout (inches). */
export function tableRoom(L: Layout, hasCommentary: boolean, hasCaption: boolean): number {
  const bottom = hasCommentary ? L.commentaryY - 0.12 : L.contentBottom;
  return bottom - (hasCaption ? 0.35 : 0) - L.contentY - 0.1;
}

/**
 * How many body rows fit one slide at the smallest table font, with a header of `headerLines` lines. Resolve uses it
 * to split long tables; the renderer then picks the largest font at which the part fits.
 */
export function tableCapacity(L: Layout, hasCommentary: boolean, hasCaption: boolean, headerLines = 2): number {
  const pt = TABLE_FONT_SIZES[TABLE_FONT_SIZES.length - 1];
  const room = tableRoom(L, hasCommentary, hasCaption) - headerLines * (pt * 1.22) / 72 - tableRowHeight(pt);
  return Math.max(3, Math.floor(room / tableRowHeight(pt)) + 1);
}
