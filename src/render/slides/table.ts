import type PptxGenJS from 'pptxgenjs';
import { Cell, TableSlide } from '../../deck/model';
import { addContentChrome, contentBottom } from '../chrome';
import { RenderContext } from '../layout';

/** Font size by number of rows, so a 25-row kostnadsnøkkel table fits one slide and a 6-row table reads from the back. */
export function tableFontSize(rows: number, cols: number): number {
  const byRows = rows <= 8 ? 15 : rows <= 12 ? 13 : rows <= 17 ? 12 : rows <= 22 ? 10.5 : 9.5;
  return cols > 7 ? Math.min(byRows, 11) : byRows;
}

/** A number table in house style: navy header row, zebra rows, numbers right-aligned, negatives in red, totals bold. */
export function renderTable(slide: PptxGenJS.Slide, m: TableSlide, rc: RenderContext): void {
  const { theme, layout: L } = rc;
  const c = theme.colors;
  addContentChrome(slide, m, rc);
  const bottom = contentBottom(m, rc) - (m.caption ? 0.35 : 0);
  const fontSize = tableFontSize(m.rows.length + 1, m.header.length);
  const rowH = (fontSize * 1.75) / 72;
  const width = L.width - 2 * L.margin;
  const border = (color: string, pt = 0.75): [PptxGenJS.BorderProps, PptxGenJS.BorderProps, PptxGenJS.BorderProps, PptxGenJS.BorderProps] => [
    { type: 'none' }, { type: 'none' }, { type: 'solid', color, pt }, { type: 'none' },
  ];
  const cellText = (cell: Cell): string => (cell.text === '' ? ' ' : cell.text); // PowerPoint rejects empty runs in table cells
  const header: PptxGenJS.TableRow = m.header.map((h) => ({
    text: cellText(h),
    options: { bold: true, color: c.light1, fill: { color: c.dark2 }, align: h.align, valign: 'bottom' as const, border: border(c.dark2) },
  }));
  const body: PptxGenJS.TableRow[] = m.rows.map((row, ri) =>
    row.map((cell) => ({
      text: cellText(cell),
      options: {
        align: cell.align,
        valign: 'middle' as const,
        bold: cell.bold,
        color: cell.negative ? c.negative : c.dark1,
        fill: { color: cell.bold ? 'DDE4EC' : ri % 2 === 1 ? c.light2 : c.light1 },
        border: border(cell.bold ? c.dark2 : c.rule, cell.bold ? 1 : 0.5),
      },
    })),
  );
  const maxH = bottom - L.contentY - 0.05;
  slide.addTable([header, ...body], {
    x: L.margin, y: L.contentY + 0.05, w: width,
    colW: m.widths.map((f) => Math.round(f * width * 1000) / 1000),
    rowH: Math.min(rowH, maxH / (m.rows.length + 1)),
    fontFace: theme.fonts.body, fontSize, margin: [2, 5, 2, 5],
    autoPage: false, objectName: 'kd-table',
  });
  if (m.caption) {
    slide.addText(m.caption, { x: L.margin, y: bottom + 0.02, w: width, h: 0.3, fontFace: theme.fonts.body, fontSize: 11, italic: true, color: c.muted, margin: 0, objectName: 'kd-caption' });
  }
}
