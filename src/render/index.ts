import PptxGenJS from 'pptxgenjs';
import { DeckModel, SlideModel } from '../deck/model';
import { layoutFor, RenderContext } from './layout';
import { renderChart } from './slides/chart';
import { renderChartImage } from './slides/chart-image';
import { renderColumns, renderKpi } from './slides/panels';
import { renderTable } from './slides/table';
import { renderBullets, renderStatement } from './slides/text';
import { renderSection, renderTitle } from './slides/title';
import { Theme } from './theme';
import { OoxmlPackage } from './package/opc';
import type { CheckLevel } from './package/check';
import { writeParts } from './pptx-parts';

export interface RenderOptions {
  /** `--charts image`: PNG per slide index (0-based) for chart slides, drawn instead of native charts */
  chartImages?: ReadonlyMap<number, Uint8Array>;
  /** the structural package check on the finished deck (default: buildCheckLevel(), from KOMMUNEDECK_VERIFY) */
  verify?: CheckLevel | false;
}

/**
 * render(DeckModel, Theme) -> the package pptxgenjs builds, as parts (not yet finished: see src/render/package).
 * Render knows nothing of kommuner or metrics: only slides, texts, cells and series.
 */
export async function renderDeckParts(model: DeckModel, theme: Theme, opts: RenderOptions = {}): Promise<OoxmlPackage> {
  return OoxmlPackage.fromParts(await writeParts(buildPresentation(model, theme, opts)));
}

/** The same deck as the bytes pptxgenjs itself writes (uncompressed zip): the raw output the fixes' tests start from. */
export async function renderDeck(model: DeckModel, theme: Theme, opts: RenderOptions = {}): Promise<Uint8Array> {
  const out = await buildPresentation(model, theme, opts).write({ outputType: 'uint8array', compression: false });
  return out as Uint8Array;
}

function buildPresentation(model: DeckModel, theme: Theme, opts: RenderOptions): PptxGenJS {
  const pres = new PptxGenJS();
  pres.defineLayout({ name: 'KOMMUNEDECK', width: theme.slide.width, height: theme.slide.height });
  pres.layout = 'KOMMUNEDECK';
  pres.theme = { headFontFace: theme.fonts.heading, bodyFontFace: theme.fonts.body };
  pres.title = model.title;
  pres.subject = `${model.kommune.name} ${model.year}`;
  pres.author = model.author ?? 'kommunedeck';
  pres.company = 'kommunedeck';
  const layout = layoutFor(theme);
  model.slides.forEach((m, i) => {
    const slide = pres.addSlide();
    const rc: RenderContext = { pres, theme, layout, number: i + 1 };
    const image = m.kind === 'chart' ? opts.chartImages?.get(i) : undefined;
    if (image && m.kind === 'chart') renderChartImage(slide, m, rc, image);
    else renderSlide(slide, m, rc);
    if (m.notes) slide.addNotes(m.notes);
  });
  return pres;
}

function renderSlide(slide: PptxGenJS.Slide, m: SlideModel, rc: RenderContext): void {
  switch (m.kind) {
    case 'title':
      return renderTitle(slide, m, rc);
    case 'section':
      return renderSection(slide, m, rc);
    case 'statement':
      return renderStatement(slide, m, rc);
    case 'bullets':
      return renderBullets(slide, m, rc);
    case 'table':
      return renderTable(slide, m, rc);
    case 'chart':
      return renderChart(slide, m, rc);
    case 'columns':
      return renderColumns(slide, m, rc);
    case 'kpi':
      return renderKpi(slide, m, rc);
  }
}
