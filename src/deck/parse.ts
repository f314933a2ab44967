import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { Problem, ProblemsError } from '../errors';
import { FORMAT_NAMES, FormatName } from '../format/bokmal';
import { MetricKind } from '../metrics/types';
import { didYouMean } from '../util/nearest';
import {
  CHART_TYPES, ChartSeriesSpec, ChartType, ColumnSpec, DeckSpec, KpiItemSpec, MetricRef, Pos, RegionSelection, SLIDE_KINDS,
  SlideKind, SlideSpec, TableColumnSpec, TableRowSpec, Template, ValueFormat,
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
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = [];
  const posOf = (offset: number | undefined): Pos => {
    const p = lc.linePos(offset ?? 0);
    return { line: p.line, col: p.col };
  };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const p = posOf(e.pos[0]);
      problems.push({ file, line: p.line, col: p.col, message: `ugyldig YAML: ${e.message.split('\n')[0]}` });
    }
    throw new ProblemsError(problems, 'INVALID_DECK');
  }
  const at = (node: Node | null | undefined): Pos => posOf(node?.range?.[0]);
  const report = (node: Node | null | undefined, message: string) => {
    const p = at(node);
    problems.push({ file, line: p.line, col: p.col, message });
  };

  const root = doc.contents;
  if (!isMap(root)) {
    const what = isSeq(root) ? 'en liste' : isScalar(root) ? 'en enkelt verdi' : 'tom';
    report(root, `filen er ${what}, ikke en presentasjon; forventet nøklene title og slides (se README "Deck language")`);
    throw new ProblemsError(problems, 'INVALID_DECK');
  }

  const metricIds = new Set(vocab.ids());
  const families = new Set([...metricIds].map((id) => id.split('.')[0]));
  const metricOfPath = (path: string): string | undefined => {
    const parts = path.split('.');
    for (let n = parts.length; n >= 2; n--) {
      const id = parts.slice(0, n).join('.');
      if (metricIds.has(id)) return id;
    }
    return undefined;
  };

  // --- small typed readers over YAML nodes ---------------------------------------------------------------
  const get = (map: YAMLMap, key: string): Node | undefined => {
    const pair = map.items.find((p) => isScalar(p.key) && (p.key as Scalar).value === key);
    return (pair?.value ?? undefined) as Node | undefined;
  };
  const keyNode = (map: YAMLMap, key: string): Node | undefined => map.items.find((p) => isScalar(p.key) && (p.key as Scalar).value === key)?.key as Node | undefined;
  const checkFields = (map: YAMLMap, allowed: string[], what: string) => {
    for (const p of map.items) {
      const k = isScalar(p.key) ? String((p.key as Scalar).value) : String(p.key);
      if (!allowed.includes(k)) report(p.key as Node, `ukjent felt '${k}' i ${what}${didYouMean(k, allowed)}; tillatte felt: ${allowed.join(', ')}`);
    }
  };
  const template = (node: Node | undefined, field: string): Template | undefined => {
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (!isScalar(node) || typeof node.value === 'object') {
      report(node, `feltet ${field} må være tekst`);
      return undefined;
    }
    const text = String(node.value);
    const pos = at(node);
    const check = checkTemplate(text, metricOfPath, families);
    // block scalars (| and >) start their text on the next line
    const blockOffset = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? 1 : 0;
    for (const p of check.problems) {
      const line = pos.line + blockOffset + p.line - 1;
      const col = p.line === 1 && !blockOffset ? pos.col + p.col - 1 + (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0) : p.col;
      const name = /'([^']+)'/.exec(p.message)?.[1];
      const hint = name && p.message.startsWith('ukjent nøkkeltall') ? didYouMean(name, metricIds) : '';
      problems.push({ file, line, col, message: `${p.message} i ${field}${hint}` });
    }
    return { text, pos };
  };
  const str = (node: Node | undefined, field: string): string | undefined => {
    if (node === undefined) return undefined;
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') {
      report(node, `feltet ${field} må være tekst`);
      return undefined;
    }
    return String(node.value);
  };
  const int = (node: Node | undefined, field: string, min: number, max: number): number | undefined => {
    if (node === undefined) return undefined;
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      report(node, `feltet ${field} må være et heltall fra ${min} til ${max}`);
      return undefined;
    }
    return v;
  };
  const numberField = (node: Node | undefined, field: string): number | undefined => {
    if (node === undefined) return undefined;
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      report(node, `feltet ${field} må være et tall`);
      return undefined;
    }
    return v;
  };
  const bool = (node: Node | undefined, field: string): boolean | undefined => {
    if (node === undefined) return undefined;
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== 'boolean') {
      report(node, `feltet ${field} må være true eller false`);
      return undefined;
    }
    return v;
  };
  const oneOf = <T extends string>(node: Node | undefined, field: string, options: readonly T[]): T | undefined => {
    const s = str(node, field);
    if (s === undefined) return undefined;
    if (!options.includes(s as T)) {
      report(node, `ugyldig ${field} '${s}'${didYouMean(s, options)}; tillatt: ${options.join(', ')}`);
      return undefined;
    }
    return s as T;
  };
  const metric = (node: Node | undefined, field: string, kinds: MetricKind[]): MetricRef | undefined => {
    const id = str(node, field);
    if (id === undefined) return undefined;
    const kind = vocab.kindOf(id);
    if (!kind) {
      report(node, `ukjent nøkkeltall '${id}'${didYouMean(id, metricIds)}`);
      return undefined;
    }
    if (!kinds.includes(kind)) {
      report(node, `nøkkeltallet '${id}' er av typen ${kind}; her trengs ${kinds.join(' eller ')}`);
      return undefined;
    }
    return { id, pos: at(node) };
  };
  const seq = (node: Node | undefined, field: string): Node[] | undefined => {
    if (node === undefined) return undefined;
    if (!isSeq(node)) {
      report(node, `feltet ${field} må være en liste`);
      return undefined;
    }
    return (node as YAMLSeq).items as Node[];
  };
  const mapOf = (node: Node, what: string): YAMLMap | undefined => {
    if (!isMap(node)) {
      report(node, `${what} må være en tabell med felt (nøkkel: verdi)`);
      return undefined;
    }
    return node as YAMLMap;
  };
  const valueFormat = (map: YAMLMap): ValueFormat => ({
    format: oneOf<FormatName>(get(map, 'format'), 'format', FORMAT_NAMES),
    decimals: int(get(map, 'decimals'), 'decimals', 0, 6),
  });
  const regions = (node: Node | undefined) => oneOf<RegionSelection>(node, 'regions', ['kommune', 'refs', 'all']);
  const required = <T>(map: YAMLMap, key: string, what: string, v: T | undefined): T | undefined => {
    if (get(map, key) === undefined) report(map, `${what} mangler feltet ${key}`);
    return v;
  };

  const regionCode = (n: Node, what: string): string | undefined => {
    const v = isScalar(n) ? n.value : undefined;
    const s = typeof v === 'number' ? String(v).padStart(4, '0') : typeof v === 'string' ? v : undefined;
    if (s === undefined || !/^(\d{4}|E[A-Z0-9]+)$/.test(s)) {
      report(n, `${what} må være et kommunenummer (fire siffer) eller en gruppekode som EKG06`);
      return undefined;
    }
    return s;
  };
  /** `references: { 1837: [1563, 1840, 5027] }`: each kommune's references; a bare list names no kommune. */
  const referencesOf = (node: Node | undefined): Record<string, string[]> | undefined => {
    if (node === undefined) return undefined;
    if (isSeq(node)) {
      report(node, 'references må si hvilken kommune listen gjelder, f.eks. «references: { 1837: [1563, 1840, 5027] }»; andre kommuner får referanser etter regelen (se README, Referansekommuner)');
      return undefined;
    }
    const map = mapOf(node, 'references');
    if (!map) return undefined;
    const out: Record<string, string[]> = {};
    for (const pair of map.items) {
      const code = regionCode(pair.key as Node, 'nøkkelen under references');
      const list = seq((pair.value ?? undefined) as Node | undefined, `references.${code ?? '?'}`) ?? [];
      const refs = list.map((n) => regionCode(n, 'en referanse')).filter((r): r is string => r !== undefined);
      if (code) out[code] = refs;
    }
    return out;
  };

  // --- deck level -------------------------------------------------------------------------------------------
  const deck = root as YAMLMap;
  checkFields(deck, DECK_FIELDS, 'presentasjonen');
  const title = required(deck, 'title', 'presentasjonen', template(get(deck, 'title'), 'title'));
  const references = referencesOf(get(deck, 'references'));
  const slidesNode = get(deck, 'slides');
  if (slidesNode === undefined) report(deck, 'presentasjonen mangler feltet slides (en liste med lysbilder)');
  const slides: SlideSpec[] = [];
  const ids = new Map<string, number>();

  for (const node of seq(slidesNode, 'slides') ?? []) {
    const map = mapOf(node, 'et lysbilde');
    if (!map) continue;
    const kindNode = get(map, 'kind');
    if (kindNode === undefined) {
      report(map, `lysbildet mangler feltet kind; tillatt: ${SLIDE_KINDS.join(', ')}`);
      continue;
    }
    const kindText = str(kindNode, 'kind');
    if (kindText === undefined) continue;
    if (!SLIDE_KINDS.includes(kindText as SlideKind)) {
      report(kindNode, `ukjent lysbildetype '${kindText}'${didYouMean(kindText, SLIDE_KINDS)}; tillatt: ${SLIDE_KINDS.join(', ')}`);
      continue;
    }
    const kind = kindText as SlideKind;
    checkFields(map, [...COMMON_FIELDS, ...KIND_FIELDS[kind]], `et lysbilde av typen ${kind}`);
    const id = str(get(map, 'id'), 'id');
    if (id !== undefined) {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) report(get(map, 'id'), `ugyldig id '${id}'; bruk små bokstaver, tall og bindestrek`);
      if (ids.has(id)) report(get(map, 'id'), `id '${id}' er brukt før (linje ${ids.get(id)})`);
      ids.set(id, at(get(map, 'id')).line);
    }
    const yearNode = get(map, 'year');
    const named = yearNode !== undefined && isScalar(yearNode) && (yearNode.value === 'latest' || yearNode.value === 'newest') ? (yearNode.value as 'latest' | 'newest') : undefined;
    const year = yearNode === undefined ? undefined : named ?? int(yearNode, 'year', -50, 2200);
    if (typeof year === 'number' && year > 50 && year < 1900) report(yearNode, "year må være et årstall (f.eks. 2022), et relativt år (-1, +1), latest eller newest");
    const whenNode = get(map, 'when');
    const when = whenNode === undefined ? undefined : (isSeq(whenNode) ? ((whenNode as YAMLSeq).items as Node[]) : [whenNode]).map((n) => metric(n, 'when', ['scalar', 'series', 'table'])).filter((m): m is MetricRef => !!m);
    const base = {
      id,
      title: template(get(map, 'title'), 'title'),
      commentary: template(get(map, 'commentary'), 'commentary'),
      notes: template(get(map, 'notes'), 'notes'),
      source: template(get(map, 'source'), 'source'),
      year,
      when,
      pos: at(map),
    };
    const what = `lysbildet (${kind})`;
    switch (kind) {
      case 'title':
        slides.push({ ...base, kind, subtitle: template(get(map, 'subtitle'), 'subtitle'), date: template(get(map, 'date'), 'date') });
        break;
      case 'section':
        slides.push({ ...base, kind, kicker: template(get(map, 'kicker'), 'kicker'), subtitle: template(get(map, 'subtitle'), 'subtitle') });
        break;
      case 'statement': {
        const value = template(get(map, 'value'), 'value');
        const m = metric(get(map, 'metric'), 'metric', ['scalar']);
        if (get(map, 'value') === undefined && get(map, 'metric') === undefined) report(map, `${what} mangler feltet value eller metric`);
        slides.push({ ...base, kind, value, metric: m, valueFormat: valueFormat(map), caption: template(get(map, 'caption'), 'caption') });
        break;
      }
      case 'bullets': {
        const items = required(map, 'bullets', what, seq(get(map, 'bullets'), 'bullets')) ?? [];
        slides.push({ ...base, kind, bullets: items.map((n) => template(n, 'bullets')).filter((t): t is Template => !!t) });
        break;
      }
      case 'table': {
        const m = metric(get(map, 'metric'), 'metric', ['table']);
        const rowsNode = get(map, 'rows');
        if (get(map, 'metric') === undefined && rowsNode === undefined) report(map, `${what} mangler feltet metric (et tabell-nøkkeltall) eller rows`);
        if (get(map, 'metric') !== undefined && rowsNode !== undefined) report(keyNode(map, 'rows'), `${what} kan ha metric eller rows, ikke begge`);
        const columns = seq(get(map, 'columns'), 'columns')?.map((n): TableColumnSpec | undefined => {
          if (isScalar(n)) return { key: String(n.value), pos: at(n) };
          const cm = mapOf(n, 'en kolonne');
          if (!cm) return undefined;
          checkFields(cm, ['key', 'label', 'format', 'decimals'], 'en kolonne');
          const key = required(cm, 'key', 'kolonnen', str(get(cm, 'key'), 'key'));
          return key === undefined ? undefined : { key, label: template(get(cm, 'label'), 'label'), ...valueFormat(cm), pos: at(n) };
        }).filter((c): c is TableColumnSpec => !!c);
        const rows = seq(rowsNode, 'rows')?.map((n): TableRowSpec | undefined => {
          const rm = mapOf(n, 'en rad');
          if (!rm) return undefined;
          checkFields(rm, ['label', 'metric', 'format', 'decimals', 'bold'], 'en rad');
          const label = required(rm, 'label', 'raden', template(get(rm, 'label'), 'label'));
          const rmetric = required(rm, 'metric', 'raden', metric(get(rm, 'metric'), 'metric', ['scalar']));
          if (!label || !rmetric) return undefined;
          return { label, metric: rmetric, ...valueFormat(rm), bold: bool(get(rm, 'bold'), 'bold') };
        }).filter((r): r is TableRowSpec => !!r);
        const years = seq(get(map, 'years'), 'years')?.map((n) => int(n, 'years', 1900, 2200)).filter((y): y is number => y !== undefined);
        slides.push({
          ...base, kind, metric: m, columns, rows, regions: regions(get(map, 'regions')), years,
          rowHeader: template(get(map, 'rowHeader'), 'rowHeader'), caption: template(get(map, 'caption'), 'caption'),
          maxRows: int(get(map, 'maxRows'), 'maxRows', 3, 40),
        });
        break;
      }
      case 'chart': {
        const chart = required(map, 'chart', what, oneOf<ChartType>(get(map, 'chart'), 'chart', CHART_TYPES));
        const m = metric(get(map, 'metric'), 'metric', ['series']);
        const seriesNode = get(map, 'series');
        if (get(map, 'metric') === undefined && seriesNode === undefined) report(map, `${what} mangler feltet metric (et serie-nøkkeltall) eller series`);
        const series = seq(seriesNode, 'series')?.map((n): ChartSeriesSpec | undefined => {
          const sm = mapOf(n, 'en serie');
          if (!sm) return undefined;
          checkFields(sm, ['name', 'metric', 'regions', 'column', 'categoryColumn', 'format', 'decimals'], 'en serie');
          const sMetric = required(sm, 'metric', 'serien', metric(get(sm, 'metric'), 'metric', ['scalar', 'series', 'table']));
          if (!sMetric) return undefined;
          const kindOf = vocab.kindOf(sMetric.id);
          const column = str(get(sm, 'column'), 'column');
          if (kindOf === 'table' && column === undefined) report(sm, `serien bruker tabellen '${sMetric.id}' og må si hvilken kolonne (column) som har verdiene`);
          return { name: template(get(sm, 'name'), 'name'), metric: sMetric, regions: regions(get(sm, 'regions')), column, categoryColumn: str(get(sm, 'categoryColumn'), 'categoryColumn'), ...valueFormat(sm) };
        }).filter((s): s is ChartSeriesSpec => !!s);
        const targetNode = get(map, 'target');
        let target: { value: number; label?: Template } | undefined;
        if (targetNode !== undefined) {
          const tm = mapOf(targetNode, 'target');
          if (tm) {
            checkFields(tm, ['value', 'label'], 'target');
            const v = required(tm, 'value', 'target', numberField(get(tm, 'value'), 'value'));
            if (v !== undefined) target = { value: v, label: template(get(tm, 'label'), 'label') };
          }
        }
        if (chart) {
          slides.push({
            ...base, kind, chart, metric: m, series, valueFormat: valueFormat(map), yTitle: template(get(map, 'yTitle'), 'yTitle'),
            caption: template(get(map, 'caption'), 'caption'), dataLabels: bool(get(map, 'dataLabels'), 'dataLabels'), target,
            exclude: seq(get(map, 'exclude'), 'exclude')?.map((n) => str(n, 'exclude')).filter((x): x is string => x !== undefined),
          });
        }
        break;
      }
      case 'columns': {
        const cols = required(map, 'columns', what, seq(get(map, 'columns'), 'columns')) ?? [];
        if (cols.length > 0 && (cols.length < 2 || cols.length > 3)) report(get(map, 'columns'), `${what} må ha 2 eller 3 kolonner, ikke ${cols.length}`);
        const columns = cols.map((n): ColumnSpec | undefined => {
          const cm = mapOf(n, 'en kolonne');
          if (!cm) return undefined;
          checkFields(cm, ['title', 'bullets', 'metric', 'column', 'tone'], 'en kolonne');
          const t = required(cm, 'title', 'kolonnen', template(get(cm, 'title'), 'title'));
          const bullets = seq(get(cm, 'bullets'), 'bullets')?.map((b) => template(b, 'bullets')).filter((x): x is Template => !!x);
          const cmetric = metric(get(cm, 'metric'), 'metric', ['table']);
          if (get(cm, 'bullets') === undefined && get(cm, 'metric') === undefined) report(cm, 'kolonnen mangler feltet bullets eller metric');
          if (cmetric && get(cm, 'column') === undefined) report(cm, `kolonnen bruker tabellen '${cmetric.id}' og må si hvilken kolonne (column) som har punktene`);
          if (!t) return undefined;
          return { title: t, bullets, metric: cmetric, column: str(get(cm, 'column'), 'column'), tone: oneOf(get(cm, 'tone'), 'tone', ['positive', 'neutral', 'negative', 'default'] as const), pos: at(n) };
        }).filter((c): c is ColumnSpec => !!c);
        slides.push({ ...base, kind, columns });
        break;
      }
      case 'kpi': {
        const m = metric(get(map, 'metric'), 'metric', ['table']);
        if (get(map, 'metric') === undefined && get(map, 'items') === undefined) report(map, `${what} mangler feltet metric eller items`);
        const items = seq(get(map, 'items'), 'items')?.map((n): KpiItemSpec | undefined => {
          const im = mapOf(n, 'et mål');
          if (!im) return undefined;
          checkFields(im, ['label', 'metric', 'target', 'direction', 'format', 'decimals'], 'et mål');
          const label = required(im, 'label', 'målet', template(get(im, 'label'), 'label'));
          const imetric = required(im, 'metric', 'målet', metric(get(im, 'metric'), 'metric', ['scalar']));
          const target = required(im, 'target', 'målet', numberField(get(im, 'target'), 'target'));
          const direction = required(im, 'direction', 'målet', oneOf(get(im, 'direction'), 'direction', ['min', 'max'] as const));
          if (!label || !imetric || target === undefined || !direction) return undefined;
          return { label, metric: imetric, target, direction, ...valueFormat(im) };
        }).filter((i): i is KpiItemSpec => !!i);
        slides.push({ ...base, kind, metric: m, items });
        break;
      }
    }
  }
  if (slidesNode !== undefined && isSeq(slidesNode) && (slidesNode as YAMLSeq).items.length === 0) report(slidesNode, 'presentasjonen har ingen lysbilder');

  const spec: DeckSpec = {
    file,
    title: title ?? { text: '', pos: { line: 1, col: 1 } },
    subtitle: template(get(deck, 'subtitle'), 'subtitle'),
    theme: str(get(deck, 'theme'), 'theme'),
    year: int(get(deck, 'year'), 'year', 1900, 2200),
    references,
    author: str(get(deck, 'author'), 'author'),
    missing: oneOf(get(deck, 'missing'), 'missing', ['dash', 'omit'] as const),
    slides,
  };
  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
    throw new ProblemsError(problems, 'INVALID_DECK');
  }
  return spec;
}
