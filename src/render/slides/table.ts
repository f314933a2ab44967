import type PptxGenJS from 'pptxgenjs';
import { addText, DECK_LANG } from '../draw';
import { Cell, TableSlide } from '../../deck/model';
import { addContentChrome, contentBottom } from '../chrome';
import { RenderContext, TABLE_FONT_SIZES, tableCellMargin, tableRoom, tableRowHeight } from '../layout';

const CHAR_EM = 0.53; // Calibri's average glyph width; digits are 0.507 em
const CELL_PAD_IN = 0.16; // left + right cell margins (5 pt each) and a little air

/** A text's length and the lengths of its words: what the widths and line counts below are computed from. */
interface Measured {
  length: number;
  /** lengths of the words between runs of white space (no empty words) */
  words: number[];
  /** the longest word (0 for none) */
  longestWord: number;
}

function measure(text: string): Measured {
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.length);
  return { length: text.length, words, longestWord: Math.max(0, ...words) };
}

/** Lines a text needs at a font size in a column of `widthIn` inches, wrapping at spaces. */
function linesFor(text: Measured, widthIn: number, pt: number): number {
  const perLine = Math.max(1, Math.floor(((widthIn - CELL_PAD_IN) * 72) / (pt * CHAR_EM)));
  let lines = 1;
  let used = 0;
  for (const w of text.words) {
    if (used === 0) used = w;
    else if (used + 1 + w <= perLine) used += 1 + w;
    else {
      lines++;
      used = w;
    }
    if (w > perLine) lines += Math.floor((w - 1) / perLine);
  }
  return lines;
}

/** Inches a run of `length` characters takes at a font size, with the cell's margins. */
const naturalWidth = (length: number, pt: number) => (length * CHAR_EM * pt) / 72 + CELL_PAD_IN;

export interface TableFit {
  fontSize: number;
  /** column widths in inches */
  colW: number[];
  /** lines per body row (the label column may wrap) */
  rowLines: number[];
}

/**
 * Fit a table to its room: the largest font at which every number stays on one line, the label column gets what is
 * left (wrapping if it must), the header wraps to as many lines as its longest label needs, and the whole fits the
 * room. A 6-row table reads from the back of the room; the 25-row utgiftsutjevning still fits one slide at 8 pt.
 */
export function fitTable(m: TableSlide, width: number, room: number): TableFit {
  const cols = m.header.length;
  // text columns (left-aligned cells: labels, indicators, names) may wrap; number columns keep one line
  const flexible = m.header.map((_, i) => m.rows.some((r) => r[i]?.align === 'left'));
  // every text measured once; the widths at a font size are then arithmetic (naturalWidth grows with the length)
  const header = m.header.map((h) => measure(h.text));
  const cells = m.rows.map((r) => r.map((c) => measure(c?.text ?? '')));
  const longestText = m.header.map((_, i) => Math.max(0, ...cells.map((r) => r[i]?.length ?? 0)));
  const longestWord = m.header.map((_, i) => Math.max(0, ...cells.map((r) => r[i]?.longestWord ?? 0)));
  let last: TableFit | undefined;
  for (const pt of TABLE_FONT_SIZES) {
    const natural = longestText.map((n) => Math.max(m.rows.length ? naturalWidth(n, pt) : 0, 0.45));
    // header words are bold (about 8 % wider) and often capitalised: measured with a margin so they never break
    const headerWord = header.map((h) => naturalWidth(h.longestWord, pt) * 1.12);
    // a column is never narrower than its longest single word (header or cell): words do not break mid-word
    const wordW = longestWord.map((n) => (m.rows.length ? naturalWidth(n, pt) : 0));
    const minW = natural.map((n, i) => (flexible[i] ? Math.max(Math.min(n, Math.max(1.4, headerWord[i])), headerWord[i], wordW[i]) : Math.max(n, headerWord[i])));
    const sumMin = minW.reduce((a, b) => a + b, 0);
    if (sumMin > width && pt !== TABLE_FONT_SIZES[TABLE_FONT_SIZES.length - 1]) continue;
    // share out the spare width: first to the text columns up to their natural width, then evenly
    const colW = [...minW];
    let spare = Math.max(0, width - sumMin);
    const want = colW.map((w, i) => (flexible[i] ? Math.max(0, natural[i] - w) : 0));
    const wantSum = want.reduce((a, b) => a + b, 0);
    if (wantSum > 0) {
      const give = Math.min(spare, wantSum);
      for (let i = 0; i < cols; i++) colW[i] += (give * want[i]) / wantSum;
      spare -= give;
    }
    for (let i = 0; i < cols; i++) colW[i] += spare / cols;
    const scale = width / colW.reduce((a, b) => a + b, 0);
    for (let i = 0; i < cols; i++) colW[i] *= scale;
    const headLines = Math.max(...header.map((h, i) => linesFor(h, colW[i], pt)));
    const rowLines = m.rows.map((r, ri) => Math.max(...r.map((c, i) => (c.align === 'left' ? linesFor(cells[ri][i], colW[i], pt) : 1))));
    const height = tableRowHeight(pt, headLines) + rowLines.reduce((a, l) => a + tableRowHeight(pt, l), 0);
    last = { fontSize: pt, colW, rowLines };
    if (height <= room) return last;
  }
  return last!;
}

/** A number table in house style: navy header row, zebra rows, numbers right-aligned, negatives in red, totals bold. */
export function renderTable(slide: PptxGenJS.Slide, m: TableSlide, rc: RenderContext): void {
  const { theme, layout: L } = rc;
  const c = theme.colors;
  addContentChrome(slide, m, rc);
  const bottom = contentBottom(m, rc) - (m.caption ? 0.35 : 0);
  const width = L.width - 2 * L.margin;
  const fit = fitTable(m, width, tableRoom(L, Boolean(m.commentary), Boolean(m.caption)));
  const fontSize = fit.fontSize;
  const margin = tableCellMargin(fontSize);
  const border = (color: string, pt = 0.75): [PptxGenJS.BorderProps, PptxGenJS.BorderProps, PptxGenJS.BorderProps, PptxGenJS.BorderProps] => [
    { type: 'none' }, { type: 'none' }, { type: 'solid', color, pt }, { type: 'none' },
  ];
  const cellText = (cell: Cell): string => (cell.text === '' ? ' ' : cell.text); // PowerPoint rejects empty runs in table cells
  const header: PptxGenJS.TableRow = m.header.map((h) => ({
    text: cellText(h),
    options: { lang: DECK_LANG, bold: true, color: c.light1, fill: { color: c.dark2 }, align: h.align, valign: 'bottom' as const, border: border(c.dark2) },
  }));
  const body: PptxGenJS.TableRow[] = m.rows.map((row, ri) =>
    row.map((cell) => ({
      text: cellText(cell),
      options: {
        lang: DECK_LANG, // per cell: pptxgenjs does not pass a table's lang on to its cells
        align: cell.align,
        valign: 'middle' as const,
        bold: cell.bold,
        color: cell.negative ? c.negative : c.dark1,
        fill: { color: cell.bold ? 'DDE4EC' : ri % 2 === 1 ? c.light2 : c.light1 },
        border: border(cell.bold ? c.dark2 : c.rule, cell.bold ? 1 : 0.5),
      },
    })),
  );
  slide.addTable([header, ...body], {
    x: L.margin, y: L.contentY + 0.05, w: width,
    colW: fit.colW.map((w) => Math.round(w * 1000) / 1000),
    rowH: [tableRowHeight(fontSize), ...fit.rowLines.map((l) => tableRowHeight(fontSize, l))],
    // no fontFace: cells take the theme's body font (applyHouseTheme writes it), and the ~250 bytes of typeface
    // elements pptxgenjs would repeat in every cell stay out (a fifth of a table slide's XML)
    fontSize, margin: [Math.max(1, margin), 5, Math.max(1, margin), 5],
    autoPage: false, objectName: 'kd-table',
  });
  if (m.caption) {
    addText(slide, m.caption, { x: L.margin, y: bottom + 0.02, w: width, h: 0.3, fontFace: theme.fonts.body, fontSize: 11, italic: true, color: c.muted, margin: 0, objectName: 'kd-caption' });
  }
}
