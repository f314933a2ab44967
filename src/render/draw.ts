/**
 * The two pptxgenjs calls every slide module uses, with what pptxgenjs gets wrong fixed at the source (so the
 * finishing stage's fixes for them, which stay for anything else, find nothing to do on a deck of ours):
 *
 * - text in the deck's language: pptxgenjs marks every run `lang="en-US"` unless told (fixes/text.ts
 *   setTextLanguage), and PowerPoint then proofs bokmål as English;
 * - rectangles with the empty text body PowerPoint expects: `addShape` writes a `p:sp` without `p:txBody`, which
 *   PowerPoint repairs (#1441, fixes/structure.ts addMissingShapeTxBody); `addText('', { shape })` writes one.
 */
import type PptxGenJS from 'pptxgenjs';

/** The proofing language of every text a deck writes. */
export const DECK_LANG = 'nb-NO';

export function addText(slide: PptxGenJS.Slide, text: string | PptxGenJS.TextProps[], opts: PptxGenJS.TextPropsOptions): void {
  slide.addText(text, { lang: DECK_LANG, ...opts });
}

/**
 * A filled rectangle without text (rules, bars, panels, cards). Its outline is what `addShape` would draw:
 * addShape fills in a line's defaults (solid, 1 pt where the width is missing or 0) and addText does not.
 */
export function addRect(slide: PptxGenJS.Slide, opts: PptxGenJS.ShapeProps): void {
  const l = opts.line;
  const line: PptxGenJS.ShapeLineProps = !l
    ? { type: 'none' }
    : l.type === 'none'
      ? l
      : { ...l, type: l.type || 'solid', color: l.color || '333333', width: l.width || 1, dashType: l.dashType || 'solid' };
  slide.addText('', { shape: 'rect', lang: DECK_LANG, ...opts, line } as PptxGenJS.TextPropsOptions);
}
