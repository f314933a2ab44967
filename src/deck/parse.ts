import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument, Scalar, YAMLError, YAMLMap, YAMLSeq } from 'yaml';
import { Problem, ProblemsError } from '../errors';
import { FORMAT_NAMES, FormatName } from '../format/bokmal';
import { MetricKind } from '../metrics/types';
import { didYouMean } from '../util/nearest';
import {
  BulletsSlideSpec, CHART_TYPES, ChartSeriesSpec, ChartSlideSpec, ChartType, ColumnSpec, ColumnsSlideSpec, DeckSpec, KpiItemSpec,
  KpiSlideSpec, MetricRef, Pos, RegionSelection, SectionSlideSpec, SLIDE_KINDS, SlideKind, SlideSpec, StatementSlideSpec,
  TableColumnSpec, TableRowSpec, TableSlideSpec, Template, TitleSlideSpec, ValueFormat,
} from './spec';
import { checkTemplate } from './templates';

/** What the parser needs to know of the metric vocabulary. */
export interface Vocabulary {
  kindOf(id: string): MetricKind | undefined;
  ids(): string[];
}

const COMMON_FIELDS = ['kind', 'id', 'title', 'commentary', 'notes', 'source', 'year', 'when'];
const KIND_FIELDS: Record<SlideKind, string[]> = {
  title: ['subtitle', 'date'],
  section: ['kicker', 'subtitle'],
  statement: ['value', 'metric', 'format', 'decimals', 'caption'],
  bullets: ['bullets'],
  table: ['metric', 'columns', 'rows', 'regions', 'years', 'rowHeader', 'caption', 'maxRows'],
  chart: ['chart', 'metric', 'series', 'exclude', 'format', 'decimals', 'yTitle', 'caption', 'dataLabels', 'target'],
  columns: ['columns'],
  kpi: ['metric', 'items'],
};
const DECK_FIELDS = ['title', 'subtitle', 'theme', 'year', 'references', 'author', 'missing', 'slides'];

/**
 * Parse and validate a deck file. Every problem is reported as `file:line:col: message` with the nearest valid
 * names; all problems are collected before failing, so a user fixes them in one pass.
 */
export function parseDeck(file: string, text: string, vocab: Vocabulary): DeckSpec {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const r = new DeckReader(file, lines, vocab);
  if (doc.errors.length > 0) throw yamlErrors(r, doc.errors);
  const deck = deckMap(r, doc.contents);
  r.checkFields(deck, DECK_FIELDS, 'presentasjonen');
  const title = r.required(deck, 'title', 'presentasjonen', r.template(r.get(deck, 'title'), 'title'));
  const references = referencesOf(r, r.get(deck, 'references'));
  const slides = slidesOf(r, deck);
  const spec: DeckSpec = {
    file,
    title: title ?? { text: '', pos: { line: 1, col: 1 } },
    subtitle: r.template(r.get(deck, 'subtitle'), 'subtitle'),
    theme: r.str(r.get(deck, 'theme'), 'theme'),
    year: r.int(r.get(deck, 'year'), 'year', 1900, 2200),
    references,
    author: r.str(r.get(deck, 'author'), 'author'),
    missing: r.oneOf(r.get(deck, 'missing'), 'missing', ['dash', 'omit'] as const),
    slides,
  };
  r.throwProblems();
  return spec;
}

// --- typed readers over YAML nodes ---------------------------------------------------------------------------

/**
 * Reads the nodes of one deck file. Each typed reader returns the value, or reports what is wrong at the node's
 * file:line:col and returns undefined, so parsing goes on and every problem is collected.
 */
class DeckReader {
  readonly problems: Problem[] = [];
  private readonly metricIds: Set<string>;
  /** the first part of every metric id (`kostra`, `finans`): an unknown name there is an unknown metric, with hints */
  private readonly families: Set<string>;

  constructor(readonly file: string, private readonly lines: LineCounter, readonly vocab: Vocabulary) {
    this.metricIds = new Set(vocab.ids());
    this.families = new Set([...this.metricIds].map((id) => id.split('.')[0]));
  }

  posOf(offset: number | undefined): Pos {
    const p = this.lines.linePos(offset ?? 0);
    return { line: p.line, col: p.col };
  }

  at(node: Node | null | undefined): Pos {
    return this.posOf(node?.range?.[0]);
  }

  report(node: Node | null | undefined, message: string): void {
    this.reportAt(this.at(node), message);
  }

  reportAt(p: Pos, message: string): void {
    this.problems.push({ file: this.file, line: p.line, col: p.col, message });
  }

  /** The problems so far, unsorted: for a file that cannot be read any further. */
  failure(): ProblemsError {
    return new ProblemsError(this.problems, 'INVALID_DECK');
  }

  /** Throws the problems, if any, in the order of their place in the file. */
  throwProblems(): void {
    if (this.problems.length > 0) {
      this.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
      throw this.failure();
    }
  }

  get(map: YAMLMap, key: string): Node | undefined {
    const pair = map.items.find((p) => isScalar(p.key) && (p.key as Scalar).value === key);
    return (pair?.value ?? undefined) as Node | undefined;
  }

  keyNode(map: YAMLMap, key: string): Node | undefined {
    return map.items.find((p) => isScalar(p.key) && (p.key as Scalar).value === key)?.key as Node | undefined;
  }

  checkFields(map: YAMLMap, allowed: string[], what: string): void {
    for (const p of map.items) {
      const k = isScalar(p.key) ? String((p.key as Scalar).value) : String(p.key);
      if (!allowed.includes(k)) this.report(p.key as Node, `ukjent felt '${k}' i ${what}${didYouMean(k, allowed)}; tillatte felt: ${allowed.join(', ')}`);
    }
  }

  /** Reports `what` as missing `key` when the map has no such key; passes `v` through. */
  required<T>(map: YAMLMap, key: string, what: string, v: T | undefined): T | undefined {
    if (this.get(map, key) === undefined) this.report(map, `${what} mangler feltet ${key}`);
    return v;
  }

  /** A text with {{…}} placeholders, checked against the vocabulary; its problems point into the text. */
  template(node: Node | undefined, field: string): Template | undefined {
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (!isScalar(node) || typeof node.value === 'object') {
      this.report(node, `feltet ${field} må være tekst`);
      return undefined;
    }
    const text = String(node.value);
    const pos = this.at(node);
    const check = checkTemplate(text, (path) => this.metricOfPath(path), this.families);
    // block scalars (| and >) start their text on the next line
    const blockOffset = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? 1 : 0;
    for (const p of check.problems) {
      const line = pos.line + blockOffset + p.line - 1;
      const col = p.line === 1 && !blockOffset ? pos.col + p.col - 1 + (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0) : p.col;
      const name = /'([^']+)'/.exec(p.message)?.[1];
      const hint = name && p.message.startsWith('ukjent nøkkeltall') ? didYouMean(name, this.metricIds) : '';
      this.reportAt({ line, col }, `${p.message} i ${field}${hint}`);
    }
    return { text, pos };
  }

  /** The metric id a template path starts with (`kostra.x.y` → `kostra.x` when that is a metric). */
  private metricOfPath(path: string): string | undefined {
    const parts = path.split('.');
    for (let n = parts.length; n >= 2; n--) {
      const id = parts.slice(0, n).join('.');
      if (this.metricIds.has(id)) return id;
    }
    return undefined;
  }

  str(node: Node | undefined, field: string): string | undefined {
    if (node === undefined) return undefined;
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') {
      this.report(node, `feltet ${field} må være tekst`);
      return undefined;
    }
    return String(node.value);
  }

  int(node: Node | undefined, field: string, min: number, max: number): number | undefined {
    if (node === undefined) return undefined;
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.report(node, `feltet ${field} må være et heltall fra ${min} til ${max}`);
      return undefined;
    }
    return v;
  }

  numberField(node: Node | undefined, field: string): number | undefined {
    if (node === undefined) return undefined;
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.report(node, `feltet ${field} må være et tall`);
      return undefined;
    }
    return v;
  }

  bool(node: Node | undefined, field: string): boolean | undefined {
    if (node === undefined) return undefined;
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'boolean') {
      this.report(node, `feltet ${field} må være true eller false`);
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(node: Node | undefined, field: string, options: readonly T[]): T | undefined {
    const s = this.str(node, field);
    if (s === undefined) return undefined;
    if (!options.includes(s as T)) {
      this.report(node, `ugyldig ${field} '${s}'${didYouMean(s, options)}; tillatt: ${options.join(', ')}`);
      return undefined;
    }
    return s as T;
  }

  /** A metric id of one of `kinds`. */
  metric(node: Node | undefined, field: string, kinds: MetricKind[]): MetricRef | undefined {
    const id = this.str(node, field);
    if (id === undefined) return undefined;
    const kind = this.vocab.kindOf(id);
    if (!kind) {
      this.report(node, `ukjent nøkkeltall '${id}'${didYouMean(id, this.metricIds)}`);
      return undefined;
    }
    if (!kinds.includes(kind)) {
      this.report(node, `nøkkeltallet '${id}' er av typen ${kind}; her trengs ${kinds.join(' eller ')}`);
      return undefined;
    }
    return { id, pos: this.at(node) };
  }

  seq(node: Node | undefined, field: string): Node[] | undefined {
    if (node === undefined) return undefined;
    if (!isSeq(node)) {
      this.report(node, `feltet ${field} må være en liste`);
      return undefined;
    }
    return (node as YAMLSeq).items as Node[];
  }

  mapOf(node: Node, what: string): YAMLMap | undefined {
    if (!isMap(node)) {
      this.report(node, `${what} må være en tabell med felt (nøkkel: verdi)`);
      return undefined;
    }
    return node as YAMLMap;
  }

  valueFormat(map: YAMLMap): ValueFormat {
    return {
      format: this.oneOf<FormatName>(this.get(map, 'format'), 'format', FORMAT_NAMES),
      decimals: this.int(this.get(map, 'decimals'), 'decimals', 0, 6),
    };
  }

  regions(node: Node | undefined): RegionSelection | undefined {
    return this.oneOf<RegionSelection>(node, 'regions', ['kommune', 'refs', 'all']);
  }
}

// --- the deck ------------------------------------------------------------------------------------------------

/** The YAML syntax errors, each at its place; nothing else is checked in a file that does not parse. */
function yamlErrors(r: DeckReader, errors: readonly YAMLError[]): ProblemsError {
  for (const e of errors) r.reportAt(r.posOf(e.pos[0]), `ugyldig YAML: ${e.message.split('\n')[0]}`);
  return r.failure();
}

/** The file's top level as a map, or a failure: a list or a single value is no deck. */
function deckMap(r: DeckReader, root: Node | null): YAMLMap {
  if (isMap(root)) return root as YAMLMap;
  const what = isSeq(root) ? 'en liste' : isScalar(root) ? 'en enkelt verdi' : 'tom';
  r.report(root, `filen er ${what}, ikke en presentasjon; forventet nøklene title og slides (se README "Deck language")`);
  throw r.failure();
}

/** `references: { 1837: [1563, 1840, 5027] }`: each kommune's references; a bare list names no kommune. */
function referencesOf(r: DeckReader, node: Node | undefined): Record<string, string[]> | undefined {
  if (node === undefined) return undefined;
  if (isSeq(node)) {
    r.report(node, 'references må si hvilken kommune listen gjelder, f.eks. «references: { 1837: [1563, 1840, 5027] }»; andre kommuner får referanser etter regelen (se README, Referansekommuner)');
    return undefined;
  }
  const map = r.mapOf(node, 'references');
  if (!map) return undefined;
  const out: Record<string, string[]> = {};
  for (const pair of map.items) {
    const code = regionCode(r, pair.key as Node, 'nøkkelen under references');
    const list = r.seq((pair.value ?? undefined) as Node | undefined, `references.${code ?? '?'}`) ?? [];
    const refs = list.map((n) => regionCode(r, n, 'en referanse')).filter((c): c is string => c !== undefined);
    if (code) out[code] = refs;
  }
  return out;
}

/** A kommunenummer (YAML reads 0301 as a number, so it is padded back) or a group code such as EKG06. */
function regionCode(r: DeckReader, n: Node, what: string): string | undefined {
  const v = isScalar(n) ? n.value : undefined;
  const s = typeof v === 'number' ? String(v).padStart(4, '0') : typeof v === 'string' ? v : undefined;
  if (s === undefined || !/^(\d{4}|E[A-Z0-9]+)$/.test(s)) {
    r.report(n, `${what} må være et kommunenummer (fire siffer) eller en gruppekode som EKG06`);
    return undefined;
  }
  return s;
}

function slidesOf(r: DeckReader, deck: YAMLMap): SlideSpec[] {
  const slidesNode = r.get(deck, 'slides');
  if (slidesNode === undefined) r.report(deck, 'presentasjonen mangler feltet slides (en liste med lysbilder)');
  const slides: SlideSpec[] = [];
  const ids = new Map<string, number>();
  for (const node of r.seq(slidesNode, 'slides') ?? []) {
    const slide = slideOf(r, node, ids);
    if (slide) slides.push(slide);
  }
  if (slidesNode !== undefined && isSeq(slidesNode) && (slidesNode as YAMLSeq).items.length === 0) r.report(slidesNode, 'presentasjonen har ingen lysbilder');
  return slides;
}

// --- a slide ---------------------------------------------------------------------------------------------------

/** The fields every slide kind has. */
type SlideCommon = Omit<SlideSpec, 'kind'>;
type SlideOfKind<K extends SlideKind> = Extract<SlideSpec, { kind: K }>;
/** Reads the fields of one kind; `what` names the slide in messages, e.g. "lysbildet (chart)". */
type SlideParser<K extends SlideKind> = (r: DeckReader, map: YAMLMap, common: SlideCommon, what: string) => SlideOfKind<K> | undefined;

const SLIDE_PARSERS: { [K in SlideKind]: SlideParser<K> } = {
  title: titleSlide,
  section: sectionSlide,
  statement: statementSlide,
  bullets: bulletsSlide,
  table: tableSlide,
  chart: chartSlide,
  columns: columnsSlide,
  kpi: kpiSlide,
};

/** One slide, or undefined when it cannot be read as one (the problem is reported). `ids`: id → line, so far. */
function slideOf(r: DeckReader, node: Node, ids: Map<string, number>): SlideSpec | undefined {
  const map = r.mapOf(node, 'et lysbilde');
  if (!map) return undefined;
  const kind = slideKind(r, map);
  if (kind === undefined) return undefined;
  r.checkFields(map, [...COMMON_FIELDS, ...KIND_FIELDS[kind]], `et lysbilde av typen ${kind}`);
  return SLIDE_PARSERS[kind](r, map, slideCommon(r, map, ids), `lysbildet (${kind})`);
}

function slideKind(r: DeckReader, map: YAMLMap): SlideKind | undefined {
  const kindNode = r.get(map, 'kind');
  if (kindNode === undefined) {
    r.report(map, `lysbildet mangler feltet kind; tillatt: ${SLIDE_KINDS.join(', ')}`);
    return undefined;
  }
  const kindText = r.str(kindNode, 'kind');
  if (kindText === undefined) return undefined;
  if (!SLIDE_KINDS.includes(kindText as SlideKind)) {
    r.report(kindNode, `ukjent lysbildetype '${kindText}'${didYouMean(kindText, SLIDE_KINDS)}; tillatt: ${SLIDE_KINDS.join(', ')}`);
    return undefined;
  }
  return kindText as SlideKind;
}

function slideCommon(r: DeckReader, map: YAMLMap, ids: Map<string, number>): SlideCommon {
  const id = slideId(r, map, ids);
  const year = slideYear(r, map);
  const when = slideWhen(r, map);
  return {
    id,
    title: r.template(r.get(map, 'title'), 'title'),
    commentary: r.template(r.get(map, 'commentary'), 'commentary'),
    notes: r.template(r.get(map, 'notes'), 'notes'),
    source: r.template(r.get(map, 'source'), 'source'),
    year,
    when,
    pos: r.at(map),
  };
}

/** The slide's id, checked for its form and against the ids before it; records it in `ids`. */
function slideId(r: DeckReader, map: YAMLMap, ids: Map<string, number>): string | undefined {
  const id = r.str(r.get(map, 'id'), 'id');
  if (id !== undefined) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) r.report(r.get(map, 'id'), `ugyldig id '${id}'; bruk små bokstaver, tall og bindestrek`);
    if (ids.has(id)) r.report(r.get(map, 'id'), `id '${id}' er brukt før (linje ${ids.get(id)})`);
    ids.set(id, r.at(r.get(map, 'id')).line);
  }
  return id;
}

/** An absolute year, one relative to the deck's (-50 to 50), latest or newest. */
function slideYear(r: DeckReader, map: YAMLMap): SlideCommon['year'] {
  const yearNode = r.get(map, 'year');
  const named = yearNode !== undefined && isScalar(yearNode) && (yearNode.value === 'latest' || yearNode.value === 'newest') ? (yearNode.value as 'latest' | 'newest') : undefined;
  const year = yearNode === undefined ? undefined : named ?? r.int(yearNode, 'year', -50, 2200);
  if (typeof year === 'number' && year > 50 && year < 1900) r.report(yearNode, "year må være et årstall (f.eks. 2022), et relativt år (-1, +1), latest eller newest");
  return year;
}

/** `when`: one metric or a list of them. */
function slideWhen(r: DeckReader, map: YAMLMap): MetricRef[] | undefined {
  const whenNode = r.get(map, 'when');
  if (whenNode === undefined) return undefined;
  const nodes = isSeq(whenNode) ? ((whenNode as YAMLSeq).items as Node[]) : [whenNode];
  return nodes.map((n) => r.metric(n, 'when', ['scalar', 'series', 'table'])).filter((m): m is MetricRef => !!m);
}

// --- each slide kind -------------------------------------------------------------------------------------------

function titleSlide(r: DeckReader, map: YAMLMap, common: SlideCommon): TitleSlideSpec {
  return { ...common, kind: 'title', subtitle: r.template(r.get(map, 'subtitle'), 'subtitle'), date: r.template(r.get(map, 'date'), 'date') };
}

function sectionSlide(r: DeckReader, map: YAMLMap, common: SlideCommon): SectionSlideSpec {
  return { ...common, kind: 'section', kicker: r.template(r.get(map, 'kicker'), 'kicker'), subtitle: r.template(r.get(map, 'subtitle'), 'subtitle') };
}

function statementSlide(r: DeckReader, map: YAMLMap, common: SlideCommon, what: string): StatementSlideSpec {
  const value = r.template(r.get(map, 'value'), 'value');
  const metric = r.metric(r.get(map, 'metric'), 'metric', ['scalar']);
  if (r.get(map, 'value') === undefined && r.get(map, 'metric') === undefined) r.report(map, `${what} mangler feltet value eller metric`);
  return { ...common, kind: 'statement', value, metric, valueFormat: r.valueFormat(map), caption: r.template(r.get(map, 'caption'), 'caption') };
}

function bulletsSlide(r: DeckReader, map: YAMLMap, common: SlideCommon, what: string): BulletsSlideSpec {
  const items = r.required(map, 'bullets', what, r.seq(r.get(map, 'bullets'), 'bullets')) ?? [];
  return { ...common, kind: 'bullets', bullets: items.map((n) => r.template(n, 'bullets')).filter((t): t is Template => !!t) };
}

function tableSlide(r: DeckReader, map: YAMLMap, common: SlideCommon, what: string): TableSlideSpec {
  const metric = r.metric(r.get(map, 'metric'), 'metric', ['table']);
  const rowsNode = r.get(map, 'rows');
  if (r.get(map, 'metric') === undefined && rowsNode === undefined) r.report(map, `${what} mangler feltet metric (et tabell-nøkkeltall) eller rows`);
  if (r.get(map, 'metric') !== undefined && rowsNode !== undefined) r.report(r.keyNode(map, 'rows'), `${what} kan ha metric eller rows, ikke begge`);
  const columns = r.seq(r.get(map, 'columns'), 'columns')?.map((n) => tableColumn(r, n)).filter((c): c is TableColumnSpec => !!c);
  const rows = r.seq(rowsNode, 'rows')?.map((n) => tableRow(r, n)).filter((row): row is TableRowSpec => !!row);
  const years = r.seq(r.get(map, 'years'), 'years')?.map((n) => r.int(n, 'years', 1900, 2200)).filter((y): y is number => y !== undefined);
  return {
    ...common, kind: 'table', metric, columns, rows, regions: r.regions(r.get(map, 'regions')), years,
    rowHeader: r.template(r.get(map, 'rowHeader'), 'rowHeader'), caption: r.template(r.get(map, 'caption'), 'caption'),
    maxRows: r.int(r.get(map, 'maxRows'), 'maxRows', 3, 40),
  };
}

/** A column of a table metric: its key alone, or a map with key, label and format. */
function tableColumn(r: DeckReader, n: Node): TableColumnSpec | undefined {
  if (isScalar(n)) return { key: String(n.value), pos: r.at(n) };
  const cm = r.mapOf(n, 'en kolonne');
  if (!cm) return undefined;
  r.checkFields(cm, ['key', 'label', 'format', 'decimals'], 'en kolonne');
  const key = r.required(cm, 'key', 'kolonnen', r.str(r.get(cm, 'key'), 'key'));
  return key === undefined ? undefined : { key, label: r.template(r.get(cm, 'label'), 'label'), ...r.valueFormat(cm), pos: r.at(n) };
}

function tableRow(r: DeckReader, n: Node): TableRowSpec | undefined {
  const rm = r.mapOf(n, 'en rad');
  if (!rm) return undefined;
  r.checkFields(rm, ['label', 'metric', 'format', 'decimals', 'bold'], 'en rad');
  const label = r.required(rm, 'label', 'raden', r.template(r.get(rm, 'label'), 'label'));
  const metric = r.required(rm, 'metric', 'raden', r.metric(r.get(rm, 'metric'), 'metric', ['scalar']));
  if (!label || !metric) return undefined;
  return { label, metric, ...r.valueFormat(rm), bold: r.bool(r.get(rm, 'bold'), 'bold') };
}

/** A chart without a valid chart type is left out, and so are the checks of its remaining fields. */
function chartSlide(r: DeckReader, map: YAMLMap, common: SlideCommon, what: string): ChartSlideSpec | undefined {
  const chart = r.required(map, 'chart', what, r.oneOf<ChartType>(r.get(map, 'chart'), 'chart', CHART_TYPES));
  const metric = r.metric(r.get(map, 'metric'), 'metric', ['series']);
  const seriesNode = r.get(map, 'series');
  if (r.get(map, 'metric') === undefined && seriesNode === undefined) r.report(map, `${what} mangler feltet metric (et serie-nøkkeltall) eller series`);
  const series = r.seq(seriesNode, 'series')?.map((n) => chartSeries(r, n)).filter((s): s is ChartSeriesSpec => !!s);
  const target = chartTarget(r, r.get(map, 'target'));
  if (!chart) return undefined;
  return {
    ...common, kind: 'chart', chart, metric, series, valueFormat: r.valueFormat(map), yTitle: r.template(r.get(map, 'yTitle'), 'yTitle'),
    caption: r.template(r.get(map, 'caption'), 'caption'), dataLabels: r.bool(r.get(map, 'dataLabels'), 'dataLabels'), target,
    exclude: r.seq(r.get(map, 'exclude'), 'exclude')?.map((n) => r.str(n, 'exclude')).filter((x): x is string => x !== undefined),
  };
}

function chartSeries(r: DeckReader, n: Node): ChartSeriesSpec | undefined {
  const sm = r.mapOf(n, 'en serie');
  if (!sm) return undefined;
  r.checkFields(sm, ['name', 'metric', 'regions', 'column', 'categoryColumn', 'format', 'decimals'], 'en serie');
  const metric = r.required(sm, 'metric', 'serien', r.metric(r.get(sm, 'metric'), 'metric', ['scalar', 'series', 'table']));
  if (!metric) return undefined;
  const column = r.str(r.get(sm, 'column'), 'column');
  if (r.vocab.kindOf(metric.id) === 'table' && column === undefined) r.report(sm, `serien bruker tabellen '${metric.id}' og må si hvilken kolonne (column) som har verdiene`);
  return { name: r.template(r.get(sm, 'name'), 'name'), metric, regions: r.regions(r.get(sm, 'regions')), column, categoryColumn: r.str(r.get(sm, 'categoryColumn'), 'categoryColumn'), ...r.valueFormat(sm) };
}

function chartTarget(r: DeckReader, node: Node | undefined): ChartSlideSpec['target'] {
  if (node === undefined) return undefined;
  const tm = r.mapOf(node, 'target');
  if (!tm) return undefined;
  r.checkFields(tm, ['value', 'label'], 'target');
  const value = r.required(tm, 'value', 'target', r.numberField(r.get(tm, 'value'), 'value'));
  return value === undefined ? undefined : { value, label: r.template(r.get(tm, 'label'), 'label') };
}

function columnsSlide(r: DeckReader, map: YAMLMap, common: SlideCommon, what: string): ColumnsSlideSpec {
  const cols = r.required(map, 'columns', what, r.seq(r.get(map, 'columns'), 'columns')) ?? [];
  if (cols.length > 0 && (cols.length < 2 || cols.length > 3)) r.report(r.get(map, 'columns'), `${what} må ha 2 eller 3 kolonner, ikke ${cols.length}`);
  return { ...common, kind: 'columns', columns: cols.map((n) => slideColumn(r, n)).filter((c): c is ColumnSpec => !!c) };
}

/** A column of a columns slide: a title with bullets, or with a table metric whose column lists them. */
function slideColumn(r: DeckReader, n: Node): ColumnSpec | undefined {
  const cm = r.mapOf(n, 'en kolonne');
  if (!cm) return undefined;
  r.checkFields(cm, ['title', 'bullets', 'metric', 'column', 'tone'], 'en kolonne');
  const title = r.required(cm, 'title', 'kolonnen', r.template(r.get(cm, 'title'), 'title'));
  const bullets = r.seq(r.get(cm, 'bullets'), 'bullets')?.map((b) => r.template(b, 'bullets')).filter((x): x is Template => !!x);
  const metric = r.metric(r.get(cm, 'metric'), 'metric', ['table']);
  if (r.get(cm, 'bullets') === undefined && r.get(cm, 'metric') === undefined) r.report(cm, 'kolonnen mangler feltet bullets eller metric');
  if (metric && r.get(cm, 'column') === undefined) r.report(cm, `kolonnen bruker tabellen '${metric.id}' og må si hvilken kolonne (column) som har punktene`);
  if (!title) return undefined;
  return { title, bullets, metric, column: r.str(r.get(cm, 'column'), 'column'), tone: r.oneOf(r.get(cm, 'tone'), 'tone', ['positive', 'neutral', 'negative', 'default'] as const), pos: r.at(n) };
}

function kpiSlide(r: DeckReader, map: YAMLMap, common: SlideCommon, what: string): KpiSlideSpec {
  const metric = r.metric(r.get(map, 'metric'), 'metric', ['table']);
  if (r.get(map, 'metric') === undefined && r.get(map, 'items') === undefined) r.report(map, `${what} mangler feltet metric eller items`);
  const items = r.seq(r.get(map, 'items'), 'items')?.map((n) => kpiItem(r, n)).filter((i): i is KpiItemSpec => !!i);
  return { ...common, kind: 'kpi', metric, items };
}

function kpiItem(r: DeckReader, n: Node): KpiItemSpec | undefined {
  const im = r.mapOf(n, 'et mål');
  if (!im) return undefined;
  r.checkFields(im, ['label', 'metric', 'target', 'direction', 'format', 'decimals'], 'et mål');
  const label = r.required(im, 'label', 'målet', r.template(r.get(im, 'label'), 'label'));
  const metric = r.required(im, 'metric', 'målet', r.metric(r.get(im, 'metric'), 'metric', ['scalar']));
  const target = r.required(im, 'target', 'målet', r.numberField(r.get(im, 'target'), 'target'));
  const direction = r.required(im, 'direction', 'målet', r.oneOf(r.get(im, 'direction'), 'direction', ['min', 'max'] as const));
  if (!label || !metric || target === undefined || !direction) return undefined;
  return { label, metric, target, direction, ...r.valueFormat(im) };
}
