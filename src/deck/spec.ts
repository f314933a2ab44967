import { FormatName } from '../format/bokmal';

/**
 * Deck language v1: what a deck YAML file says, after parsing and validation. Every text field is a Handlebars
 * template evaluated against the facts (see README "Deck language"). `Pos` records where a field stood in the file
 * so that resolve-time problems can still point at deck.yaml:line:col.
 */
export interface Pos {
  line: number;
  col: number;
}

export type ChartType = 'bar' | 'clustered-bar' | 'stacked-bar' | 'horizontal-bar' | 'line';
export const CHART_TYPES: ChartType[] = ['bar', 'clustered-bar', 'stacked-bar', 'horizontal-bar', 'line'];

/** Which regions a scalar metric is shown for: the deck's kommune, its references, or both. */
export type RegionSelection = 'kommune' | 'refs' | 'all';

export interface Template {
  text: string;
  pos: Pos;
}

export interface MetricRef {
  id: string;
  pos: Pos;
}

export interface ValueFormat {
  format?: FormatName;
  decimals?: number;
}

interface SlideBase {
  kind: SlideKind;
  id?: string;
  title?: Template;
  commentary?: Template;
  notes?: Template;
  source?: Template;
  /**
   * absolute year (e.g. 2022), relative to the deck year (-1, +1), or 'latest': the newest year, at most the deck
   * year, for which the slide's figures exist (its `when` metrics, else its main metric); 'newest': the same, but
   * also looking up to NEWEST_LOOKAHEAD_YEARS after the deck year (national figures published after the deck year,
   * such as the latest kostnadsindeks or ROBEK list)
   */
  year?: number | 'latest' | 'newest';
  /** metric ids that must be present for the slide to be built; otherwise it is left out and the build says so */
  when?: MetricRef[];
  pos: Pos;
}

export interface TitleSlideSpec extends SlideBase {
  kind: 'title';
  subtitle?: Template;
  date?: Template;
}
export interface SectionSlideSpec extends SlideBase {
  kind: 'section';
  kicker?: Template;
  subtitle?: Template;
}
export interface StatementSlideSpec extends SlideBase {
  kind: 'statement';
  /** the big figure or sentence */
  value?: Template;
  /** or a scalar metric, formatted */
  metric?: MetricRef;
  valueFormat: ValueFormat;
  caption?: Template;
}
export interface BulletsSlideSpec extends SlideBase {
  kind: 'bullets';
  bullets: Template[];
}

export interface TableColumnSpec extends ValueFormat {
  key: string;
  label?: Template;
  pos: Pos;
}
export interface TableRowSpec extends ValueFormat {
  label: Template;
  metric: MetricRef;
  bold?: boolean;
}
export interface TableSlideSpec extends SlideBase {
  kind: 'table';
  /** a table-valued metric ... */
  metric?: MetricRef;
  /** ... with an optional choice/order of its columns */
  columns?: TableColumnSpec[];
  /** or rows bound to scalar metrics, with one column per region or per year */
  rows?: TableRowSpec[];
  regions?: RegionSelection;
  years?: number[];
  /** header of the label column when rows are given */
  rowHeader?: Template;
  caption?: Template;
  /** rows per slide before the table continues on a next slide (header repeated) */
  maxRows?: number;
}

export interface ChartSeriesSpec extends ValueFormat {
  name?: Template;
  metric: MetricRef;
  /** for a scalar metric: one bar per region */
  regions?: RegionSelection;
  /** for a table metric: which column holds the values, and which the categories */
  column?: string;
  categoryColumn?: string;
}
export interface ChartSlideSpec extends SlideBase {
  kind: 'chart';
  chart: ChartType;
  /** a series-valued metric (all its series) ... */
  metric?: MetricRef;
  /** ... or explicit series */
  series?: ChartSeriesSpec[];
  valueFormat: ValueFormat;
  yTitle?: Template;
  caption?: Template;
  dataLabels?: boolean;
  /** series names to leave out (e.g. a "Sum" series in a stacked chart of its parts) */
  exclude?: string[];
  /** draw a horizontal target line at this value, e.g. a KØB threshold */
  target?: { value: number; label?: Template };
}

export interface ColumnSpec {
  title: Template;
  bullets?: Template[];
  /** a table metric whose `column` lists the bullets (e.g. Kommunekompass findings) */
  metric?: MetricRef;
  column?: string;
  /** colour role: positive (green), neutral (ochre), negative (red), or default */
  tone?: 'positive' | 'neutral' | 'negative' | 'default';
  pos: Pos;
}
export interface ColumnsSlideSpec extends SlideBase {
  kind: 'columns';
  columns: ColumnSpec[];
}

export interface KpiItemSpec extends ValueFormat {
  label: Template;
  metric: MetricRef;
  /** the target: `min` = at least, `max` = at most */
  target: number;
  direction: 'min' | 'max';
}
export interface KpiSlideSpec extends SlideBase {
  kind: 'kpi';
  /** a table metric with columns label, actual, target, direction, met ... */
  metric?: MetricRef;
  /** ... or explicit items */
  items?: KpiItemSpec[];
}

export type SlideSpec =
  | TitleSlideSpec
  | SectionSlideSpec
  | StatementSlideSpec
  | BulletsSlideSpec
  | TableSlideSpec
  | ChartSlideSpec
  | ColumnsSlideSpec
  | KpiSlideSpec;
export type SlideKind = SlideSpec['kind'];
export const SLIDE_KINDS: SlideKind[] = ['title', 'section', 'statement', 'bullets', 'table', 'chart', 'columns', 'kpi'];

export interface DeckSpec {
  file: string;
  title: Template;
  subtitle?: Template;
  theme?: string;
  year?: number;
  /** reference kommuner per kommune the deck names: kommunenummer -> its references (other kommuner get the rule's) */
  references?: Record<string, string[]>;
  author?: string;
  /**
   * What a slide whose main figures are all missing for the kommune does: `dash` (default) shows it with "–",
   * `omit` leaves it out. Either way the build lists the affected slides.
   */
  missing?: 'dash' | 'omit';
  slides: SlideSpec[];
}
