import Handlebars from 'handlebars';
import { Dataset } from '../data/dataset';
import { Problem, ProblemsError, UserError } from '../errors';
import { Fact, FactStore } from '../facts';
import { FormatName, formatValue, MISSING_TEXT } from '../format/bokmal';
import { citeMentions, citeSources } from '../format/sources';
import { isMissing, TableColumn, TableData } from '../metrics/types';
import { buildContext, createTemplateEnv, RenderRecorder, TEMPLATE_COMPILE_OPTIONS, TEMPLATE_RUNTIME_OPTIONS, withRegionNames } from './context';
import { Binding, Cell, ChartSlide, ColumnsSlide, DeckModel, SlideModel, StatementSlide, TableSlide, TitleSlide } from './model';
import { ChartSlideSpec, ColumnSpec, DeckSpec, KpiSlideSpec, RegionSelection, SlideSpec, StatementSlideSpec, TableSlideSpec, Template, TitleSlideSpec, ValueFormat } from './spec';

export interface ResolveOptions {
  kommune: string;
  year: number;
  refs: string[];
  /** how the references were chosen: added to the speaker notes of title slides */
  referenceNote?: string;
  theme: string;
  date: string;
  /** body rows that fit one table slide (from the render layout); default DEFAULT_MAX_TABLE_ROWS */
  tableCapacity?: (hasCommentary: boolean, hasCaption: boolean) => number;
  /**
   * A build: fail with a UserError when the kommune has none of the deck's figures for the year (a deck of "–" is
   * never what the user wanted), listing the years the data has for it. Default false (a deck model may be empty).
   */
  requireData?: boolean;
}

/**
 * One template environment for the process, and its compiled templates by text: compiling is most of what a
 * template costs (about 5 ms of a council deck's 15 ms resolve), and a batch resolves the same deck's
 * templates for every kommune. The names `kommunenavn` prints come from each render's root context.
 */
let sharedEnv: typeof Handlebars | undefined;
const compiledTemplates = new Map<string, Handlebars.TemplateDelegate>();
const MAX_COMPILED_TEMPLATES = 20_000;

function compiledTemplate(text: string): Handlebars.TemplateDelegate {
  let fn = compiledTemplates.get(text);
  if (!fn) {
    sharedEnv ??= createTemplateEnv();
    fn = sharedEnv.compile(text, TEMPLATE_COMPILE_OPTIONS);
    if (compiledTemplates.size >= MAX_COMPILED_TEMPLATES) compiledTemplates.clear();
    compiledTemplates.set(text, fn);
  }
  return fn;
}

/** Rows per slide before a table continues on the next slide (the renderer shrinks the font as rows grow). */
export const DEFAULT_MAX_TABLE_ROWS = 26;

/**
 * resolve(DeckSpec, facts) -> DeckModel: evaluates every template against the facts, binds tables and charts to
 * metric values, splits long tables, writes source lines and speaker notes. Missing figures print "–" and become
 * warnings; a slide whose `when` metrics are missing is left out with a warning.
 */
export function resolveDeck(spec: DeckSpec, dataset: Dataset, store: FactStore, opts: ResolveOptions): DeckModel {
  const deck = new DeckResolver(spec, dataset, store, opts);
  const title = deck.render(spec.title, opts.year)?.text ?? '';
  // rendered before the problems are reported, so a subtitle whose template fails is one of them (it was left empty)
  const subtitle = deck.render(spec.subtitle, opts.year)?.text;
  const slides = spec.slides.flatMap((s, index) => deck.resolveSlide(s, index, title));
  if (deck.problems.length) throw new ProblemsError(deck.problems, 'INVALID_DECK');
  if (opts.requireData) requireSomeFigure(spec, dataset, store, opts, slides, deck.kommune.name);
  if (spec.missing === 'omit') dropEmptySections(slides, deck.warnings);
  return xmlSafe({
    title,
    subtitle,
    author: spec.author,
    kommune: deck.kommune,
    year: opts.year,
    refs: deck.refs,
    theme: opts.theme,
    date: opts.date,
    slides,
    warnings: deck.warnings,
  });
}

/** A rendered template: its text and the metric ids it read, printed, and compared while missing. */
interface Rendered {
  text: string;
  used: string[];
  shown: string[];
  comparedMissing: string[];
}

/** The fields every slide kind shares, resolved before the kind's own. */
type CommonFields = Pick<TitleSlide, 'id' | 'title' | 'commentary' | 'bindings'>;

/**
 * What one resolveDeck call shares across its slides: the spec, facts and options, the warnings and problems it
 * collects (in the order they happen), and one template context per year.
 */
class DeckResolver {
  readonly warnings: string[] = [];
  readonly problems: Problem[] = [];
  readonly kommune: { code: string; name: string };
  readonly refs: { code: string; name: string }[];
  private readonly contexts = new Map<number, { ctx: Record<string, unknown>; recorder: RenderRecorder }>();

  constructor(
    readonly spec: DeckSpec,
    private readonly dataset: Dataset,
    readonly store: FactStore,
    readonly opts: ResolveOptions,
  ) {
    this.kommune = { code: opts.kommune, name: this.regionName(opts.kommune) };
    this.refs = opts.refs.map((code) => ({ code, name: this.regionName(code) }));
  }

  readonly regionName = (code: string): string => this.dataset.regionName(code);

  readonly regionsOf = (sel: RegionSelection | undefined): string[] =>
    sel === 'refs' ? this.opts.refs : sel === 'all' ? [this.opts.kommune, ...this.opts.refs] : [this.opts.kommune];

  /** The kommune's fact for a metric and year. */
  get(id: string, year: number): Fact {
    return this.store.get(id, this.opts.kommune, year);
  }

  /** Evaluate a template; returns the text and the metric ids it read. */
  render(t: Template | undefined, year: number): Rendered | undefined {
    if (!t) return undefined;
    const fn = compiledTemplate(t.text);
    const { ctx, recorder } = this.contextFor(year);
    recorder.used.clear();
    recorder.shown?.clear();
    recorder.comparedMissing?.clear();
    let text: string;
    try {
      text = fn(ctx, TEMPLATE_RUNTIME_OPTIONS);
    } catch (e) {
      this.problems.push({ file: this.spec.file, line: t.pos.line, col: t.pos.col, message: `malen kunne ikke fylles ut: ${(e as Error).message.split('\n')[0]}` });
      return { text: '', used: [], shown: [], comparedMissing: [] };
    }
    return { text: text.trim(), used: [...recorder.used], shown: [...(recorder.shown ?? [])], comparedMissing: [...(recorder.comparedMissing ?? [])] };
  }

  /** One context per year, built on first use and reused by every slide of that year. */
  private contextFor(year: number): { ctx: Record<string, unknown>; recorder: RenderRecorder } {
    let c = this.contexts.get(year);
    if (!c) {
      const recorder: RenderRecorder = { used: new Set(), shown: new Set(), comparedMissing: new Set() };
      c = { ctx: withRegionNames(buildContext(this.store, this.kommune, this.refs, year, { title: this.spec.title.text }, recorder), this.regionName), recorder };
      this.contexts.set(year, c);
    }
    return c;
  }

  /** One slide of the spec as the slides it becomes: none when left out, several for a long table. */
  resolveSlide(s: SlideSpec, index: number, deckTitle: string): SlideModel[] {
    const year = slideYear(s, this.opts.year, (id, y) => !isMissing(this.get(id, y)));
    const label = `lysbilde ${index + 1}${s.id ? ` (${s.id})` : ''}`;
    const omission = this.omissionWarning(s, year, label);
    if (omission) {
      this.warnings.push(omission);
      return [];
    }
    const slide = new SlideResolver(this, year, label);
    const built = buildSlides(slide, s, deckTitle);
    this.addSourceAndNotes(slide, s, index, built);
    return built;
  }

  /** Why the slide is left out (its `when` metrics, or with `missing: omit` all its main metrics, are missing), if it is. */
  private omissionWarning(s: SlideSpec, year: number, label: string): string | undefined {
    const missingWhen = (s.when ?? []).map((m) => m.id).filter((id) => isMissing(this.get(id, year)));
    const main = s.when?.length ? [] : mainMetrics(s);
    const missingMain = this.spec.missing === 'omit' && main.length > 0 && main.every((id) => isMissing(this.get(id, year))) ? main : [];
    const omitted = [...missingWhen, ...missingMain];
    if (omitted.length === 0) return undefined;
    const reasons = omitted.map((id) => `${id}: ${(this.get(id, year) as { missing: string }).missing}`);
    return `${label} er utelatt: mangler data for ${this.kommune.name} ${year} (${reasons.join('; ')})`;
  }

  /** Source line and speaker notes, shared by every part of the slide; warns of each missing figure it shows. */
  private addSourceAndNotes(slide: SlideResolver, s: SlideSpec, index: number, built: SlideModel[]): void {
    const usedFacts = [...slide.used].map((id) => ({ id, f: this.get(id, slide.year) }));
    for (const { id, f } of usedFacts) {
      if (isMissing(f) && slide.shown.has(id)) this.warnings.push(`${slide.label}: ${id} mangler for ${this.kommune.name} ${slide.year} (${f.missing}); vises som "${MISSING_TEXT}"`);
    }
    const facts = usedFacts.map((u) => u.f);
    const sourceText = slide.text(s.source) ?? defaultSource(facts);
    const referenceNote = this.referenceNote(s, index, built);
    const notes = [slide.text(s.notes), computationNotes(facts), referenceNote].filter(Boolean).join('\n\n');
    for (const b of built) {
      b.source = sourceText || undefined;
      b.notes = notes || undefined;
    }
  }

  /** How the references were chosen: on the opening slide and on every slide that shows one of them. */
  private referenceNote(s: SlideSpec, index: number, built: SlideModel[]): string | undefined {
    const showsRefs = () => this.refs.length > 0 && built.some((b) => { const json = JSON.stringify(b); return this.refs.some((r) => json.includes(r.name)); });
    return this.opts.referenceNote && ((s.kind === 'title' && index === 0 && this.refs.length > 0) || (s.kind !== 'title' && showsRefs())) ? this.opts.referenceNote : undefined;
  }
}

/**
 * One slide being resolved at its year: renders its templates and reads its facts, remembering which metrics it
 * read (source line, notes) and printed (missing-figure warnings), and what each shape is bound to.
 */
class SlideResolver {
  readonly used = new Set<string>();
  readonly shown = new Set<string>();
  readonly bindings: Binding[] = [];

  constructor(
    readonly deck: DeckResolver,
    readonly year: number,
    readonly label: string,
  ) {}

  /** A template's text; what it reads counts for the slide's sources but binds no shape. */
  readonly text = (t: Template | undefined): string | undefined => {
    const r = this.deck.render(t, this.year);
    r?.used.forEach((u) => this.used.add(u));
    r?.shown.forEach((u) => this.shown.add(u));
    return r?.text;
  };

  /** A template's text bound to the shape `role`; a commentary or caption that rests on a missing figure is left out. */
  readonly textBound = (t: Template | undefined, role: string): string | undefined => {
    const r = this.deck.render(t, this.year);
    if (!r) return undefined;
    // a sentence chosen by comparing a missing figure (gt/lt/eq are false for it, so the template takes a branch
    // the data does not support) is left out, and the build says so; `{{#if x.missing}}` is the way to test for it
    if ((role === 'commentary' || role === 'caption') && r.comparedMissing.length > 0) {
      this.deck.warnings.push(`${this.label}: ${role === 'commentary' ? 'kommentaren' : 'bildeteksten'} er utelatt fordi ${r.comparedMissing.join(', ')} mangler for ${this.deck.kommune.name} ${this.year}`);
      return undefined;
    }
    r.used.forEach((u) => this.used.add(u));
    r.shown.forEach((u) => this.shown.add(u));
    this.bind(role, r.used);
    return r.text;
  };

  /** A fact the slide shows (by default the kommune's at the slide's year). */
  readonly fact = (id: string, region = this.deck.opts.kommune, y = this.year): Fact => {
    this.used.add(id);
    this.shown.add(id);
    return this.deck.store.get(id, region, y);
  };

  readonly bind = (role: string, metrics: string[]): void => {
    if (metrics.length) this.bindings.push({ role, metrics: [...new Set(metrics)], kommune: this.deck.opts.kommune, year: this.year });
  };
}

/**
 * The fields every kind shares, then the kind's own. The order of the calls is the order of the warnings and of
 * the metrics in the source line and notes, so each builder keeps the order of its fields.
 */
function buildSlides(slide: SlideResolver, s: SlideSpec, deckTitle: string): SlideModel[] {
  const common: CommonFields = {
    id: s.id,
    title: slide.text(s.title) ?? '',
    commentary: slide.textBound(s.commentary, 'commentary'),
    bindings: slide.bindings,
  };
  switch (s.kind) {
    case 'title':
      return [titleSlide(slide, s, common, deckTitle)];
    case 'section':
      return [{ ...common, kind: 'section', kicker: slide.text(s.kicker), subtitle: slide.text(s.subtitle) }];
    case 'statement':
      return [statementSlide(slide, s, common)];
    case 'bullets':
      return [{ ...common, kind: 'bullets', bullets: s.bullets.map((b, i) => slide.textBound(b, `bullet:${i + 1}`) ?? '') }];
    case 'table':
      return tableSlides(slide, s, common);
    case 'chart':
      return [chartSlide(slide, s, common)];
    case 'columns':
      return [{ ...common, kind: 'columns', columns: s.columns.map((c, i) => resolveColumn(slide, c, i)) }];
    case 'kpi':
      return [{ ...common, kind: 'kpi', items: resolveKpi(s, slide.fact, slide.bind, (t) => slide.text(t) ?? '') }];
    default:
      return []; // parse admits no other kind
  }
}

function titleSlide(slide: SlideResolver, s: TitleSlideSpec, common: CommonFields, deckTitle: string): TitleSlide {
  return { ...common, title: common.title || deckTitle, kind: 'title', subtitle: slide.text(s.subtitle), date: slide.text(s.date) };
}

/** The big figure: a scalar metric, formatted, or a template. */
function statementSlide(slide: SlideResolver, s: StatementSlideSpec, common: CommonFields): StatementSlide {
  let value: string;
  if (s.metric) {
    value = formatScalar(slide.fact(s.metric.id), s.valueFormat);
    slide.bind('value', [s.metric.id]);
  } else value = slide.textBound(s.value, 'value') ?? '';
  return { ...common, kind: 'statement', value, caption: slide.textBound(s.caption, 'caption') };
}

/** A table, continued over as many slides as its rows need; only the first part has the commentary. */
function tableSlides(slide: SlideResolver, s: TableSlideSpec, common: CommonFields): TableSlide[] {
  const { deck, year } = slide;
  const t = resolveTable(s, slide.fact, deck.regionsOf, deck.regionName, deck.opts, year, deck.spec.file, deck.problems);
  slide.bind('table', t.metrics);
  const caption = slide.textBound(s.caption, 'caption') ?? (t.unit ? `Tall i ${t.unit}` : undefined);
  const maxRows = s.maxRows ?? deck.opts.tableCapacity?.(Boolean(common.commentary), Boolean(caption)) ?? DEFAULT_MAX_TABLE_ROWS;
  const parts = splitRows(t.rows, maxRows);
  return parts.map((rows, p) => {
    const part: TableSlide = {
      ...common,
      bindings: p === 0 ? common.bindings : [...common.bindings],
      kind: 'table',
      header: t.header,
      rows,
      caption,
    };
    if (parts.length > 1) {
      part.part = { index: p + 1, count: parts.length };
      if (p > 0) part.commentary = undefined;
    }
    return part;
  });
}

/** Rows in parts of at most maxRows, balanced: 25 rows over 2 slides are 13 + 12, not 24 + 1. Always one part at least. */
function splitRows<T>(rows: T[], maxRows: number): T[][] {
  const parts = Math.max(1, Math.ceil(rows.length / maxRows));
  const perPart = Math.ceil(rows.length / parts);
  return Array.from({ length: parts }, (_, p) => rows.slice(p * perPart, (p + 1) * perPart));
}

function chartSlide(slide: SlideResolver, s: ChartSlideSpec, common: CommonFields): ChartSlide {
  const { deck, year } = slide;
  const c = resolveChart(deck.opts.kommune, s, slide.fact, deck.regionsOf, deck.regionName, year, deck.spec.file, deck.problems);
  slide.bind('chart', c.metrics);
  const target = s.target ? { value: s.target.value, label: slide.text(s.target.label) } : undefined;
  return { ...common, ...c.chart, yTitle: slide.text(s.yTitle), caption: slide.textBound(s.caption, 'caption'), target };
}

/** One column of a columns slide: its own bullets, then the rows of a table metric's column. */
function resolveColumn(slide: SlideResolver, c: ColumnSpec, i: number): ColumnsSlide['columns'][number] {
  let bullets = (c.bullets ?? []).map((b) => slide.textBound(b, `column:${i + 1}`) ?? '');
  if (c.metric && c.column) {
    const f = slide.fact(c.metric.id);
    slide.bind(`column:${i + 1}`, [c.metric.id]);
    if (!isMissing(f) && f.kind === 'table') {
      if (!f.table.columns.some((col) => col.key === c.column)) {
        slide.deck.problems.push({ file: slide.deck.spec.file, line: c.pos.line, col: c.pos.col, message: `kolonnen '${c.column}' finnes ikke i ${c.metric.id}; kolonner: ${f.table.columns.map((x) => x.key).join(', ')}` });
      }
      bullets = bullets.concat(f.table.rows.map((r) => r[c.column!]).filter((v): v is string | number => v !== null && v !== '').map(String));
    } else bullets.push(MISSING_TEXT);
  }
  return { title: slide.text(c.title) ?? '', bullets, tone: c.tone ?? 'default' };
}

/**
 * Characters XML 1.0 forbids (C0 controls but tab and line ends, U+FFFE/U+FFFF, unpaired surrogates): one of them
 * in a slide makes the package unreadable for PowerPoint. They come from pasted text (a vertical tab is PowerPoint's
 * own line break in copied text) and from data files.
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Every string of the model as valid XML text: vertical tab and form feed become line breaks, the rest is dropped. */
export function xmlSafe<T>(value: T): T {
  if (typeof value === 'string') return value.replace(XML_FORBIDDEN, (c) => (c === '\u000B' || c === '\u000C' ? '\n' : '')) as T;
  if (Array.isArray(value)) return value.map(xmlSafe) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = xmlSafe(v);
    return out as T;
  }
  return value;
}

/**
 * The check behind `requireData`: the figures a deck asks for (each slide's main metrics and `when` at its year, and
 * every metric a shown slide is bound to) must not all be missing for the kommune.
 */
function requireSomeFigure(spec: DeckSpec, dataset: Dataset, store: FactStore, opts: ResolveOptions, slides: SlideModel[], name: string): void {
  const asked = new Map<string, { id: string; year: number }>();
  const ask = (id: string, year: number) => asked.set(`${id}|${year}`, { id, year });
  for (const s of spec.slides) {
    const year = slideYear(s, opts.year, (id, y) => !isMissing(store.get(id, opts.kommune, y)));
    for (const id of [...mainMetrics(s), ...(s.when ?? []).map((m) => m.id)]) ask(id, year);
  }
  for (const b of slides.flatMap((sl) => sl.bindings)) for (const id of b.metrics) ask(id, b.year);
  // a time series (population 2013–2050) shows the same whatever the year: only per-year figures tell that the
  // data has the year, unless the deck shows nothing else
  const isSeries = (id: string) => store.def(id)?.kind === 'series';
  const all = [...asked.values()];
  const figures = all.some((f) => !isSeries(f.id)) ? all.filter((f) => !isSeries(f.id)) : all;
  if (figures.length === 0) return;
  if (figures.some((f) => !isMissing(store.get(f.id, opts.kommune, f.year)))) return;
  const years = yearsWithData(dataset, opts.kommune);
  const wanted = yearRanges([...new Set(figures.map((f) => f.year))]);
  // the deck years that would show something: a slide's main figures at the slide's year (relative years follow)
  const has = (id: string, y: number) => !isMissing(store.get(id, opts.kommune, y));
  const figureIds = new Set(figures.map((f) => f.id));
  const shown = years.map((y) => ({
    y,
    n: spec.slides.filter((s) => {
      const sy = slideYear(s, y, has);
      return [...mainMetrics(s), ...(s.when ?? []).map((m) => m.id)].some((id) => figureIds.has(id) && has(id, sy));
    }).length,
  }));
  const usable = shown.filter((x) => x.n > 0).map((x) => x.y);
  const most = Math.max(0, ...shown.map((x) => x.n));
  const best = shown.filter((x) => x.n === most).map((x) => x.y);
  const plural = (ys: number[]) => `${ys.length === 1 ? 'året' : 'årene'} ${yearRanges(ys)}`;
  const hint = usable.length
    ? `presentasjonen har tall for ${name} for ${plural(usable)}${usable.length > best.length ? `, flest for ${yearRanges(best)}` : ''}; velg et av dem med --year`
    : years.length
      ? `dataene har tall for ${name} for ${plural(years)}, men ingen av årene har tall som denne presentasjonen viser; velg en annen presentasjon eller hent flere tall`
      : `datamappen har ingen tall for ${name}; hent tall fra SSB (kommunedeck fetch eller kommunedeck import ssb) eller velg en annen kommune`;
  throw new UserError(`${spec.file}: ingen av tallene i presentasjonen finnes for ${name} (${opts.kommune}) i ${wanted}; ${hint}`, 'NO_DATA_FOR_YEAR');
}

/** The years a region has any figure for: observations, and rows of dedicated tables with a region and a year. */
export function yearsWithData(dataset: Dataset, region: string): number[] {
  const years = new Set<number>();
  for (const o of dataset.observations) if (o.region === region && o.value !== null) years.add(o.year);
  for (const t of dataset.tables.values()) {
    for (const r of t.rows) if (r.values.region === region && typeof r.values.year === 'number') years.add(r.values.year);
  }
  for (const y of dataset.population.years(region)) years.add(y);
  return [...years].sort((a, b) => a - b);
}

/** Years as short ranges: 2016–2020, 2022, 2024. */
export function yearRanges(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** A section divider with nothing left under it (every slide omitted) is left out too. */
function dropEmptySections(slides: SlideModel[], warnings: string[]): void {
  for (let i = slides.length - 1; i >= 0; i--) {
    const next = slides[i + 1];
    if (slides[i].kind === 'section' && (!next || next.kind === 'section' || next.kind === 'title')) {
      warnings.push(`avsnittet «${slides[i].title}» er utelatt: alle lysbildene under det mangler data`);
      slides.splice(i, 1);
    }
  }
}

/** How far back `year: latest` looks for data. */
export const LATEST_LOOKBACK_YEARS = 15;
/** How far after the deck year `year: newest` looks for figures (national tables published later than the deck year). */
export const NEWEST_LOOKAHEAD_YEARS = 5;

/** The metrics a slide is mainly about: its `when` list, else the metric(s) its table/chart/statement shows. */
export function mainMetrics(s: SlideSpec): string[] {
  if (s.when?.length) return s.when.map((m) => m.id);
  switch (s.kind) {
    case 'statement':
      return s.metric ? [s.metric.id] : [];
    case 'table':
      return s.metric ? [s.metric.id] : (s.rows ?? []).slice(0, 1).map((r) => r.metric.id);
    case 'chart':
      return s.metric ? [s.metric.id] : (s.series ?? []).slice(0, 1).map((x) => x.metric.id);
    case 'kpi':
      return s.metric ? [s.metric.id] : (s.items ?? []).slice(0, 1).map((i) => i.metric.id);
    case 'columns':
      return s.columns.flatMap((c) => (c.metric ? [c.metric.id] : [])).slice(0, 1);
    default:
      return [];
  }
}

/** The year a slide is resolved for: the deck year, an absolute or relative `year:`, or `latest` with data. */
export function slideYear(s: SlideSpec, deckYear: number, has: (id: string, year: number) => boolean): number {
  if (s.year === undefined) return deckYear;
  if (s.year !== 'latest' && s.year !== 'newest') return Math.abs(s.year) <= 50 ? deckYear + s.year : s.year;
  const ids = mainMetrics(s);
  if (ids.length === 0) return deckYear;
  const from = s.year === 'newest' ? deckYear + NEWEST_LOOKAHEAD_YEARS : deckYear;
  for (let y = from; y >= deckYear - LATEST_LOOKBACK_YEARS; y--) if (ids.every((id) => has(id, y))) return y;
  return deckYear;
}

function formatScalar(f: Fact, vf: ValueFormat): string {
  if (isMissing(f) || f.kind !== 'scalar') return MISSING_TEXT;
  return formatValue(f.value, vf.format, vf.decimals ?? (vf.format ? undefined : f.decimals), f.unit);
}

/** The slide's source line: every source of its figures as a citation, each document named once (src/format/sources.ts). */
function defaultSource(facts: Fact[]): string {
  const cited = citeSources(facts.flatMap((f) => (isMissing(f) ? [] : f.source)));
  return cited ? `Kilde: ${cited}` : '';
}

/** Speaker notes: how each figure on the slide was computed, so the presenter can answer "where is this from?". */
function computationNotes(facts: Fact[]): string {
  const lines: string[] = [];
  for (const f of facts) {
    if (isMissing(f)) continue;
    const published = f.published ? ' (publisert tall, ikke beregnet her)' : '';
    const cited = citeSources(f.source);
    lines.push(`• ${f.label}: ${citeMentions(f.formula)}${published}${cited ? ` [${cited}]` : ''}`);
  }
  return lines.length ? `Slik er tallene beregnet:\n${lines.join('\n')}` : '';
}

function cellFor(value: number | string | null | undefined, column: { unit?: string; decimals?: number }, vf: ValueFormat = {}): Cell {
  if (typeof value === 'string') return { text: value, align: column.unit === undefined ? 'left' : 'right' };
  if (value === null || value === undefined) return { text: MISSING_TEXT, value: null, align: 'right' };
  const text = formatValue(value, vf.format, vf.decimals ?? column.decimals, vf.format ? undefined : column.unit === '%' ? '%' : undefined);
  // red only when the number as shown is negative (-0,004 shown as 0,0 is not)
  return { text, value, align: 'right', negative: text.startsWith('-') };
}

function headerLabel(c: TableColumn): string {
  return c.unit && !c.label.toLowerCase().includes(c.unit.toLowerCase()) ? `${c.label} (${c.unit})` : c.label;
}

function resolveTable(
  s: TableSlideSpec,
  fact: (id: string, region?: string, y?: number) => Fact,
  regionsOf: (sel: RegionSelection | undefined) => string[],
  regionName: (code: string) => string,
  opts: ResolveOptions,
  year: number,
  file: string,
  problems: Problem[],
): { header: Cell[]; rows: Cell[][]; metrics: string[]; unit?: string } {
  if (s.metric) {
    const f = fact(s.metric.id);
    if (isMissing(f) || f.kind !== 'table') {
      return { header: [{ text: s.title?.text ?? '', align: 'left' }], rows: [[{ text: `${MISSING_TEXT} (mangler data)`, align: 'left' }]], metrics: [s.metric.id] };
    }
    const table: TableData = f.table;
    // one unit for every number column: say it once in the caption instead of in every header
    const units = new Set(table.columns.filter((c) => c.unit !== undefined).map((c) => c.unit));
    const sharedUnit = units.size === 1 && table.columns.filter((c) => c.unit !== undefined).length > 1 ? [...units][0] : undefined;
    const label = (c: TableColumn) => (sharedUnit ? c.label : headerLabel(c));
    let cols = table.columns.map((c) => ({ col: c, vf: {} as ValueFormat, label: label(c) }));
    if (s.columns?.length) {
      cols = [];
      // `$kommune` and `$refs` stand for the columns keyed by the deck's kommune and references, so a deck can choose
      // region columns without naming kommunenummer (they change with --kommune and --ref)
      const expanded = s.columns.flatMap((cs) =>
        cs.key === '$kommune' ? [{ ...cs, key: opts.kommune }]
        : cs.key === '$refs' ? opts.refs.filter((r) => table.columns.some((c) => c.key === r)).map((r) => ({ ...cs, key: r }))
        : [cs]);
      for (const cs of expanded) {
        const c = table.columns.find((x) => x.key === cs.key);
        if (!c) {
          problems.push({ file, line: cs.pos.line, col: cs.pos.col, message: `kolonnen '${cs.key}' finnes ikke i ${s.metric.id}; kolonner: ${table.columns.map((x) => x.key).join(', ')}` });
          continue;
        }
        cols.push({ col: c, vf: { format: cs.format, decimals: cs.decimals }, label: cs.label?.text ?? label(c) });
      }
    }
    const totals = new Set(table.totalRows ?? []);
    // a column of numbers gets a right-aligned header, whatever its unit says
    const numeric = cols.map(({ col }) => col.unit !== undefined || table.rows.some((r) => typeof r[col.key] === 'number'));
    const header: Cell[] = cols.map(({ label }, i) => ({ text: label, align: numeric[i] ? 'right' : 'left' }));
    // a row may carry its own decimals (sector tables mix counts and one-decimal scores): key `desimaler`
    const rows = table.rows.map((r, ri) => {
      const rowDecimals = typeof r.desimaler === 'number' ? r.desimaler : undefined;
      return cols.map(({ col, vf }) => ({ ...cellFor(r[col.key], rowDecimals === undefined ? col : { ...col, decimals: rowDecimals }, vf), bold: totals.has(ri) || undefined }));
    });
    return { header, rows, metrics: [s.metric.id], unit: sharedUnit };
  }
  // rows bound to scalar metrics, one column per region or per year
  const rowsSpec = s.rows ?? [];
  const columns: { label: string; region: string; year: number }[] = s.years?.length
    ? s.years.map((y) => ({ label: String(y), region: opts.kommune, year: y }))
    : regionsOf(s.regions ?? 'kommune').map((r) => ({ label: regionName(r), region: r, year }));
  const header: Cell[] = [{ text: s.rowHeader?.text ?? '', align: 'left' }, ...columns.map((c) => ({ text: c.label, align: 'right' as const }))];
  const metrics = new Set<string>();
  const rows = rowsSpec.map((r) => {
    metrics.add(r.metric.id);
    return [
      { text: r.label.text, align: 'left' as const, bold: r.bold },
      ...columns.map((c) => {
        const f = fact(r.metric.id, c.region, c.year);
        const v = isMissing(f) || f.kind !== 'scalar' ? null : f.value;
        const unit = isMissing(f) ? undefined : f.unit;
        const decimals = isMissing(f) || f.kind !== 'scalar' ? undefined : f.decimals;
        return { ...cellFor(v, { unit, decimals }, r), bold: r.bold };
      }),
    ];
  });
  return { header, rows, metrics: [...metrics] };
}

function numberFormatFor(unit: string | undefined, vf: ValueFormat, decimals: number | undefined): string {
  const d = vf.decimals ?? decimals ?? (unit === '%' ? 1 : 0);
  const base = d > 0 ? `#,##0.${'0'.repeat(d)}` : '#,##0';
  if (vf.format === 'pct' || (!vf.format && unit === '%')) return `${base}" %"`;
  if (vf.format === 'mill') return `${base},,` + '" mill"';
  if (vf.format === 'tusen') return `${base},`;
  return base;
}

function resolveChart(
  kommuneCode: string,
  s: ChartSlideSpec,
  fact: (id: string, region?: string) => Fact,
  regionsOf: (sel: RegionSelection | undefined) => string[],
  regionName: (code: string) => string,
  year: number,
  file: string,
  problems: Problem[],
): { chart: Omit<ChartSlide, 'title' | 'bindings' | 'id' | 'commentary' | 'yTitle' | 'caption' | 'target'>; metrics: string[] } {
  const metrics: string[] = [];
  let categories: string[] = [];
  const series: { name: string; values: (number | null)[] }[] = [];
  let unit: string | undefined;
  let decimals: number | undefined;
  let overRegions = false;
  const setCategories = (cats: (string | number)[]) => {
    const c = cats.map(String);
    if (categories.length === 0) categories = c;
    else if (c.join('|') !== categories.join('|')) {
      problems.push({ file, line: s.pos.line, col: s.pos.col, message: 'seriene i diagrammet har ulike kategorier; alle serier må ha samme kategorier (år, områder, ...)' });
    }
  };
  if (s.metric) {
    metrics.push(s.metric.id);
    const f = fact(s.metric.id);
    if (!isMissing(f) && f.kind === 'series') {
      setCategories(f.series.categories);
      series.push(...f.series.series.map((x) => ({ name: x.name, values: x.values.map(finiteOrNull) })));
      unit = f.unit;
    }
  }
  for (const ss of s.series ?? []) {
    metrics.push(ss.metric.id);
    const first = fact(ss.metric.id);
    const name = ss.name?.text;
    if (!isMissing(first)) {
      unit ??= first.unit;
    }
    if (!isMissing(first) && first.kind === 'scalar') {
      const regions = regionsOf(ss.regions ?? 'all');
      setCategories(regions.map(regionName));
      overRegions = true;
      series.push({ name: name ?? first.label, values: regions.map((r) => scalarOf(fact(ss.metric.id, r))) });
      decimals ??= first.decimals;
    } else if (!isMissing(first) && first.kind === 'series') {
      setCategories(first.series.categories);
      series.push(...first.series.series.map((x) => ({ name: name && first.series.series.length === 1 ? name : x.name, values: x.values.map(finiteOrNull) })));
    } else if (!isMissing(first) && first.kind === 'table') {
      const valueKey = ss.column === '$kommune' ? kommuneCode : ss.column;
      const valueCol = first.table.columns.find((c) => c.key === valueKey);
      const catCol = first.table.columns.find((c) => c.key === (ss.categoryColumn ?? first.table.columns[0].key));
      if (!valueCol || !catCol) {
        problems.push({ file, line: s.pos.line, col: s.pos.col, message: `kolonnen '${ss.column}' finnes ikke i ${ss.metric.id}; kolonner: ${first.table.columns.map((c) => c.key).join(', ')}` });
        continue;
      }
      const rows = first.table.rows.filter((_, i) => !(first.table.totalRows ?? []).includes(i));
      setCategories(rows.map((r) => String(r[catCol.key] ?? '')));
      series.push({ name: name ?? valueCol.label, values: rows.map((r) => (typeof r[valueCol.key] === 'number' ? finiteOrNull(r[valueCol.key] as number) : null)) });
      unit = valueCol.unit ?? unit;
      decimals ??= valueCol.decimals;
    } else {
      series.push({ name: name ?? ss.metric.id, values: categories.map(() => null) });
    }
  }
  if (series.length === 0 || categories.length === 0) {
    categories = [MISSING_TEXT];
    series.splice(0, series.length, { name: 'Mangler data', values: [null] });
  }
  if (s.exclude?.length) {
    const drop = new Set(s.exclude.map((n) => n.toLowerCase()));
    for (let i = series.length - 1; i >= 0; i--) if (drop.has(series[i].name.toLowerCase())) series.splice(i, 1);
  }
  decimals ??= autoDecimals(series.flatMap((x) => x.values));
  return {
    chart: {
      kind: 'chart',
      chart: s.chart,
      categories,
      series,
      numberFormat: numberFormatFor(unit, s.valueFormat, decimals),
      dataLabels: s.dataLabels ?? (series.length === 1 && categories.length <= 12),
      colorBy: overRegions && series.length === 1 ? 'category' : 'series',
    },
    metrics,
  };
}

/** Decimals that show the differences in a series: ratios like 2,91 need two, amounts none. */
function autoDecimals(values: (number | null)[]): number {
  const nums = values.filter((v): v is number => v !== null);
  if (nums.every((v) => Number.isInteger(v))) return 0;
  const max = Math.max(...nums.map(Math.abs));
  return max < 10 ? 2 : max < 100 ? 1 : 0;
}

function finiteOrNull(v: number | null): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function scalarOf(f: Fact): number | null {
  return !isMissing(f) && f.kind === 'scalar' && typeof f.value === 'number' ? finiteOrNull(f.value) : null;
}

function resolveKpi(s: KpiSlideSpec, fact: (id: string) => Fact, bind: (role: string, metrics: string[]) => void, text: (t: Template) => string) {
  const items: { label: string; actual: string; target: string; met: boolean | null }[] = [];
  if (s.metric) {
    bind('kpi', [s.metric.id]);
    const f = fact(s.metric.id);
    if (!isMissing(f) && f.kind === 'table') {
      for (const r of f.table.rows) {
        // the KPI table contract: label (regel), actual (faktisk), target (terskel), direction (retning, or "minst"/"høyst"
        // in krav), met (oppfylt: ✓/× or ja/nei); unit from the actual column
        const actual = pick(r, ['actual', 'faktisk', 'verdi', 'value']);
        const target = pick(r, ['target', 'terskel', 'mal', 'grense']);
        const krav = String(pick(r, ['krav']) ?? '');
        const direction = String(pick(r, ['direction', 'retning']) ?? (/høyst|maks/i.test(krav) ? 'max' : 'min'));
        const metRaw = pick(r, ['met', 'oppfylt', 'nadd']);
        const actualCol = f.table.columns.find((c) => ['actual', 'faktisk', 'verdi', 'value'].includes(c.key));
        const unit = actualCol?.unit ?? '%';
        const metText = typeof metRaw === 'string' ? metRaw.trim().toLowerCase() : undefined;
        const met =
          metText !== undefined && ['✓', 'ja', 'true', '1'].includes(metText) ? true
          : metText !== undefined && ['×', '✗', 'nei', 'false', '0'].includes(metText) ? false
          : typeof metRaw === 'boolean' ? metRaw
          : typeof actual === 'number' && typeof target === 'number' ? (direction === 'max' ? actual <= target : actual >= target)
          : null;
        items.push({
          label: String(pick(r, ['label', 'regel', 'rule', 'navn']) ?? ''),
          actual: formatValue(typeof actual === 'number' ? actual : null, undefined, actualCol?.decimals ?? 1, unit),
          target: typeof target === 'number' ? `mål ${direction === 'max' ? '≤' : '≥'} ${formatValue(target, undefined, actualCol?.decimals ?? 1, unit)}` : '',
          met,
        });
      }
    }
  }
  for (const [i, it] of (s.items ?? []).entries()) {
    bind(`kpi:${i + 1}`, [it.metric.id]);
    const f = fact(it.metric.id);
    const v = scalarOf(f);
    const unit = isMissing(f) ? undefined : f.unit;
    items.push({
      label: text(it.label),
      actual: formatValue(v, it.format as FormatName | undefined, it.decimals ?? 1, unit),
      target: `mål ${it.direction === 'max' ? '≤' : '≥'} ${formatValue(it.target, it.format as FormatName | undefined, it.decimals ?? 1, unit)}`,
      met: v === null ? null : it.direction === 'max' ? v <= it.target : v >= it.target,
    });
  }
  return items;
}

function pick(r: Record<string, string | number | null>, keys: string[]): string | number | null | undefined {
  for (const k of keys) if (k in r) return r[k];
  return undefined;
}

