import { ChartType } from './spec';

/**
 * DeckModel: the resolved deck, plain JSON (strings, numbers, cells, series). Render turns it into slides and knows
 * nothing of kommuner or metrics; tests and `--emit-model` read it directly (vega-lite's "normalized spec" habit).
 */
export interface DeckModel {
  title: string;
  subtitle?: string;
  author?: string;
  kommune: { code: string; name: string };
  year: number;
  refs: { code: string; name: string }[];
  theme: string;
  /** document date written into the package (from SOURCE_DATE_EPOCH or the data), ISO string */
  date: string;
  slides: SlideModel[];
  /** problems that did not stop the build: missing figures, slides left out */
  warnings: string[];
}

/** What a data-bearing shape shows: the basis for the audit trail and for refreshing an edited deck. */
export interface Binding {
  /** the shape's role on the slide: value, table, chart, commentary, kpi:N, column:N */
  role: string;
  metrics: string[];
  kommune: string;
  year: number;
}

export interface Cell {
  text: string;
  /** the number behind the text, when it is one */
  value?: number | null;
  align: 'left' | 'right' | 'center';
  bold?: boolean;
  negative?: boolean;
}

interface SlideBase {
  /** the deck file's slide id, if any */
  id?: string;
  title: string;
  commentary?: string;
  notes?: string;
  source?: string;
  bindings: Binding[];
  /** "(2 av 3)" for continued tables */
  part?: { index: number; count: number };
}

export interface TitleSlide extends SlideBase {
  kind: 'title';
  subtitle?: string;
  date?: string;
}
export interface SectionSlide extends SlideBase {
  kind: 'section';
  kicker?: string;
  subtitle?: string;
}
export interface StatementSlide extends SlideBase {
  kind: 'statement';
  value: string;
  caption?: string;
}
export interface BulletsSlide extends SlideBase {
  kind: 'bullets';
  bullets: string[];
}
export interface TableSlide extends SlideBase {
  kind: 'table';
  header: Cell[];
  rows: Cell[][];
  caption?: string;
}
export interface ChartSlide extends SlideBase {
  kind: 'chart';
  chart: ChartType;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  /** number format code for axis and labels, Excel style, e.g. '#,##0' or '0.0" %"' */
  numberFormat: string;
  yTitle?: string;
  caption?: string;
  dataLabels: boolean;
  target?: { value: number; label?: string };
  /** 'category': one colour per bar (regions: the kommune stands out); 'series': one colour per series */
  colorBy: 'series' | 'category';
}
export interface ColumnsSlide extends SlideBase {
  kind: 'columns';
  columns: { title: string; bullets: string[]; tone: 'positive' | 'neutral' | 'negative' | 'default' }[];
}
export interface KpiSlide extends SlideBase {
  kind: 'kpi';
  items: { label: string; actual: string; target: string; met: boolean | null }[];
}

export type SlideModel = TitleSlide | SectionSlide | StatementSlide | BulletsSlide | TableSlide | ChartSlide | ColumnsSlide | KpiSlide;
