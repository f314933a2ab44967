import { Dataset } from '../data/dataset';
import { DeckModel, SlideModel } from '../deck/model';
import { slideYear } from '../deck/resolve';
import { ChartSlideSpec, DeckSpec, KpiSlideSpec, RegionSelection, SlideSpec, TableSlideSpec, Template } from '../deck/spec';
import { Fact, FactStore } from '../facts';
import { MISSING_TEXT } from '../format/bokmal';
import { isMissing, MetricValue, TableColumn } from '../metrics/types';
import { METRICS } from '../metrics/registry';
import { formatWithCode, parseBokmalNumber } from '../format/number-format';
import { TemplateTracer, TracedFigure } from './trace';

/**
 * Every number a deck shows, with where it stands and where it came from: the audit trail, the basis of a
 * consultant's remark (stale-remark check) and the unit of comparison between two data vintages (diff).
 *
 * Figures are read from the resolved DeckModel (what the slides show) and traced back to the facts through the
 * deck spec: table cells and chart points through the slide's metric, numbers inside texts by re-rendering the
 * slide's templates with a tracing context (src/workflow/trace.ts).
 */
export interface Figure {
  /** 1-based slide number in the deck */
  slide: number;
  slideId?: string;
  /** where on the slide: "celle r3/k2", "diagram s1/p4", "verdi", "tekst: commentary", "kpi 1: resultat", "mållinje" */
  place: string;
  /** a key that names the figure by labels, stable when rows move: "Administrasjon | Meløy" */
  key: string;
  row?: string;
  column?: string;
  series?: string;
  category?: string;
  /** the text role (commentary, caption, title, bullet:2, ...) for numbers inside text */
  role?: string;
  /** metric id ('' for a constant written in the deck file, e.g. a target line); several joined by ' + ' */
  metric: string;
  region: string;
  year: number;
  value: number;
  /** the text the slide shows for it */
  shown: string;
  /** how it was formatted: a template helper (mill, num, ...) or a chart's number format code */
  display?: string;
  unit: string;
  inputs: string[];
  formula: string;
  source: string[];
}

type Known = MetricValue;

function known(f: Fact): Known | undefined {
  return isMissing(f) ? undefined : f;
}

/** The spec slide each model slide came from (continued tables share one), undefined where none fits. */
export function alignSlides(spec: DeckSpec, model: DeckModel): (SlideSpec | undefined)[] {
  const out: (SlideSpec | undefined)[] = [];
  let p = 0;
  model.slides.forEach((m, i) => {
    if (m.part && m.part.index > 1 && i > 0) {
      out.push(out[i - 1]);
      return;
    }
    for (let q = p; q < spec.slides.length; q++) {
      const s = spec.slides[q];
      if (s.kind === m.kind && s.id === m.id && bindingsFit(s, m)) {
        out.push(s);
        p = q + 1;
        return;
      }
    }
    out.push(undefined);
  });
  return out;
}

/** Metric ids a spec slide binds (tables, charts, statements, KPIs, columns). */
function declaredMetrics(s: SlideSpec): Set<string> {
  const ids = new Set<string>();
  const add = (id: string | undefined) => id && ids.add(id);
  switch (s.kind) {
    case 'statement':
      add(s.metric?.id);
      break;
    case 'table':
      add(s.metric?.id);
      s.rows?.forEach((r) => add(r.metric.id));
      break;
    case 'chart':
      add(s.metric?.id);
      s.series?.forEach((x) => add(x.metric.id));
      break;
    case 'kpi':
      add(s.metric?.id);
      s.items?.forEach((x) => add(x.metric.id));
      break;
    case 'columns':
      s.columns.forEach((c) => add(c.metric?.id));
      break;
  }
  return ids;
}

function bindingsFit(s: SlideSpec, m: SlideModel): boolean {
  const declared = declaredMetrics(s);
  // tables, charts and KPIs bind exactly their declared metrics; texts bind whatever their templates read
  const structural = m.bindings.filter((b) => ['table', 'chart', 'kpi'].includes(b.role) || /^kpi:/.test(b.role));
  return structural.every((b) => b.metrics.every((id) => declared.has(id)));
}

/** The year a spec slide was resolved for: resolve's own rule. */
export const slideYearOf = slideYear;

/** A FactStore like the one the deck was resolved with (same kommune and references). */
export function storeFor(dataset: Dataset, model: DeckModel): FactStore {
  return new FactStore(dataset, METRICS, [model.kommune.code, ...model.refs.map((r) => r.code).filter((r) => r !== model.kommune.code)]);
}

interface SlideCtx {
  slide: number;
  slideId?: string;
  year: number;
  kommune: string;
  out: Figure[];
}

function provenance(f: Known | undefined): Pick<Figure, 'inputs' | 'formula' | 'source'> {
  if (!f) return { inputs: [], formula: '', source: [] };
  return { inputs: f.inputs, formula: f.formula + (f.published ? ' (publisert tall, ikke beregnet her)' : ''), source: f.source };
}

/** Every figure of a resolved deck. */
export function collectFigures(spec: DeckSpec, model: DeckModel, store: FactStore, regionName: (code: string) => string): Figure[] {
  const tracer = new TemplateTracer(store, model.kommune, model.refs, spec.title.text, regionName);
  const kommune = model.kommune.code;
  const refs = model.refs.map((r) => r.code);
  const regionsOf = (sel: RegionSelection | undefined) => (sel === 'refs' ? refs : sel === 'all' ? [kommune, ...refs] : [kommune]);
  const aligned = alignSlides(spec, model);
  const out: Figure[] = [];
  const tableOffsets = new Map<SlideSpec, number>();

  model.slides.forEach((m, i) => {
    const s = aligned[i];
    const year = m.bindings[0]?.year ?? (s ? slideYearOf(s, model.year, (id, y) => !isMissing(store.get(id, kommune, y))) : model.year);
    const ctx: SlideCtx = { slide: i + 1, slideId: m.id, year, kommune, out };
    if (!s) return;

    // numbers inside texts
    const traceText = (role: string, t: Template | undefined, shown: string | undefined, opts: { prefix?: boolean; year?: number } = {}) => {
      if (!t || shown === undefined) return;
      const r = tracer.render(t.text, opts.year ?? year);
      if (r.text !== shown && !(opts.prefix && shown.startsWith(r.text) && r.text !== '')) return;
      addTraced(ctx, store, role, r.figures);
    };
    traceText('title', s.title ?? (s.kind === 'title' ? spec.title : undefined), m.title, { year: s.title ? year : model.year });
    if (!m.part || m.part.index === 1) traceText('commentary', s.commentary, m.commentary, { prefix: true });

    switch (s.kind) {
      case 'title':
        if (m.kind === 'title') {
          traceText('subtitle', s.subtitle, m.subtitle);
          traceText('date', s.date, m.date);
        }
        break;
      case 'section':
        if (m.kind === 'section') {
          traceText('kicker', s.kicker, m.kicker);
          traceText('subtitle', s.subtitle, m.subtitle);
        }
        break;
      case 'statement':
        if (m.kind !== 'statement') break;
        if (s.metric) {
          const f = known(store.get(s.metric.id, kommune, year));
          if (f && f.kind === 'scalar' && typeof f.value === 'number' && m.value !== MISSING_TEXT) {
            push(ctx, { place: 'verdi', key: 'verdi', metric: s.metric.id, region: kommune, value: f.value, shown: m.value, display: s.valueFormat.format, unit: f.unit, ...provenance(f) });
          }
        } else traceText('value', s.value, m.value);
        traceText('caption', s.caption, m.caption);
        break;
      case 'bullets':
        if (m.kind === 'bullets') s.bullets.forEach((b, k) => traceText(`bullet:${k + 1}`, b, m.bullets[k]));
        break;
      case 'table': {
        if (m.kind !== 'table') break;
        const offset = tableOffsets.get(s) ?? 0;
        tableFigures(ctx, s, m, offset, store, regionsOf);
        tableOffsets.set(s, offset + m.rows.length);
        if (!m.part || m.part.index === 1) traceText('caption', s.caption, m.caption);
        break;
      }
      case 'chart':
        if (m.kind !== 'chart') break;
        chartFigures(ctx, s, m, store, regionsOf);
        traceText('caption', s.caption, m.caption);
        traceText('yTitle', s.yTitle, m.yTitle);
        if (m.target) traceText('target', s.target?.label, m.target.label);
        break;
      case 'columns':
        if (m.kind !== 'columns') break;
        s.columns.forEach((c, k) => {
          traceText(`column:${k + 1}:title`, c.title, m.columns[k]?.title);
          (c.bullets ?? []).forEach((b, j) => traceText(`column:${k + 1}:bullet:${j + 1}`, b, m.columns[k]?.bullets[j]));
        });
        break;
      case 'kpi':
        if (m.kind === 'kpi') kpiFigures(ctx, s, m, store, (role, t, shown) => traceText(role, t, shown));
        break;
    }
  });
  return uniqueKeys(out);
}

function push(ctx: SlideCtx, f: Omit<Figure, 'slide' | 'slideId' | 'year'> & { year?: number }): void {
  ctx.out.push({ slide: ctx.slide, slideId: ctx.slideId, ...f, year: f.year ?? ctx.year });
}

function addTraced(ctx: SlideCtx, store: FactStore, role: string, figures: TracedFigure[]): void {
  for (const t of figures) {
    if (typeof t.value !== 'number') continue;
    const facts = t.ids.map((id) => known(store.get(id, ctx.kommune, ctx.year))).filter((f): f is Known => f !== undefined);
    const p = provenance(facts[0]);
    push(ctx, {
      place: `tekst: ${role}`,
      key: `tekst:${role}`,
      role,
      metric: t.ids.join(' + '),
      region: ctx.kommune,
      value: t.value,
      shown: t.text,
      display: t.format,
      unit: facts[0]?.unit ?? '',
      inputs: [...new Set(facts.flatMap((f) => f.inputs))],
      formula: t.derived ? `${t.derived}; ${p.formula}` : p.formula,
      source: [...new Set(facts.flatMap((f) => f.source))],
    });
  }
}

function tableFigures(
  ctx: SlideCtx,
  s: TableSlideSpec,
  m: Extract<SlideModel, { kind: 'table' }>,
  offset: number,
  store: FactStore,
  regionsOf: (sel: RegionSelection | undefined) => string[],
): void {
  const header = m.header.map((h) => h.text);
  const cellFigure = (r: number, c: number, metric: string, region: string, year: number, f: Known | undefined, col?: TableColumn) => {
    const cell = m.rows[r][c];
    // a number the metric gives as text (a published figure with its own precision) is shown all the same
    const value = typeof cell.value === 'number' ? cell.value : c > 0 && cell.value === undefined ? parseBokmalNumber(cell.text) : undefined;
    if (value === undefined) return;
    const rowLabel = m.rows[r][0]?.text ?? '';
    push(ctx, {
      place: `celle r${r + 1}/k${c + 1}`,
      key: `${rowLabel} | ${header[c] ?? `kolonne ${c + 1}`}`,
      row: rowLabel,
      column: header[c],
      metric,
      region,
      year,
      value,
      shown: cell.text,
      unit: col?.unit ?? f?.unit ?? '',
      ...provenance(f),
    });
  };
  if (s.metric) {
    const f = known(store.get(s.metric.id, ctx.kommune, ctx.year));
    if (!f || f.kind !== 'table') return;
    const cols = s.columns?.length ? s.columns.map((cs) => f.table.columns.find((c) => c.key === cs.key)).filter((c): c is TableColumn => c !== undefined) : f.table.columns;
    m.rows.forEach((row, r) => row.forEach((_, c) => cellFigure(r, c, s.metric!.id, ctx.kommune, ctx.year, f, cols[c])));
    return;
  }
  const columns = s.years?.length ? s.years.map((y) => ({ region: ctx.kommune, year: y })) : regionsOf(s.regions ?? 'kommune').map((r) => ({ region: r, year: ctx.year }));
  m.rows.forEach((row, r) => {
    const rowSpec = (s.rows ?? [])[offset + r];
    if (!rowSpec) return;
    row.forEach((_, c) => {
      if (c === 0) return;
      const col = columns[c - 1];
      if (!col) return;
      cellFigure(r, c, rowSpec.metric.id, col.region, col.year, known(store.get(rowSpec.metric.id, col.region, col.year)));
    });
  });
}

interface SeriesOrigin {
  name: string;
  metric: string;
  /** per category, for a scalar metric shown over regions */
  regions?: string[];
  fact?: Known;
  unit?: string;
}

/** Where each chart series came from, in the order resolve builds them. */
function chartOrigins(s: ChartSlideSpec, store: FactStore, kommune: string, year: number, regionsOf: (sel: RegionSelection | undefined) => string[]): SeriesOrigin[] {
  const origins: SeriesOrigin[] = [];
  if (s.metric) {
    const f = known(store.get(s.metric.id, kommune, year));
    if (f && f.kind === 'series') for (const x of f.series.series) origins.push({ name: x.name, metric: s.metric.id, fact: f, unit: f.unit });
  }
  for (const ss of s.series ?? []) {
    const f = known(store.get(ss.metric.id, kommune, year));
    const name = ss.name?.text;
    if (f && f.kind === 'scalar') origins.push({ name: name ?? f.label, metric: ss.metric.id, regions: regionsOf(ss.regions ?? 'all'), fact: f, unit: f.unit });
    else if (f && f.kind === 'series') for (const x of f.series.series) origins.push({ name: name && f.series.series.length === 1 ? name : x.name, metric: ss.metric.id, fact: f, unit: f.unit });
    else if (f && f.kind === 'table') {
      const col = f.table.columns.find((c) => c.key === ss.column);
      origins.push({ name: name ?? col?.label ?? ss.metric.id, metric: ss.metric.id, fact: f, unit: col?.unit ?? f.unit });
    } else origins.push({ name: name ?? ss.metric.id, metric: ss.metric.id });
  }
  return origins;
}

function chartFigures(
  ctx: SlideCtx,
  s: ChartSlideSpec,
  m: Extract<SlideModel, { kind: 'chart' }>,
  store: FactStore,
  regionsOf: (sel: RegionSelection | undefined) => string[],
): void {
  const origins = chartOrigins(s, store, ctx.kommune, ctx.year, regionsOf);
  const used = new Set<number>();
  m.series.forEach((series, si) => {
    let k = origins.findIndex((o, j) => !used.has(j) && o.name === series.name);
    if (k < 0) k = origins.findIndex((_, j) => !used.has(j));
    const o = k >= 0 ? origins[k] : undefined;
    if (k >= 0) used.add(k);
    series.values.forEach((v, pi) => {
      if (v === null) return;
      const category = m.categories[pi];
      const region = o?.regions?.[pi] ?? ctx.kommune;
      const f = o?.regions ? known(store.get(o.metric, region, ctx.year)) : o?.fact;
      push(ctx, {
        place: `diagram s${si + 1}/p${pi + 1}`,
        key: `${series.name} | ${category}`,
        series: series.name,
        category,
        metric: o?.metric ?? '',
        region,
        value: v,
        shown: formatWithCode(v, m.numberFormat),
        display: m.numberFormat,
        unit: o?.unit ?? f?.unit ?? '',
        ...provenance(f),
      });
    });
  });
  if (m.target) {
    push(ctx, {
      place: 'mållinje',
      key: 'mållinje',
      series: m.target.label ?? 'Mål',
      metric: '',
      region: ctx.kommune,
      value: m.target.value,
      shown: formatWithCode(m.target.value, m.numberFormat),
      display: m.numberFormat,
      unit: origins[0]?.unit ?? '',
      inputs: [],
      formula: 'mållinje skrevet i presentasjonsfilen (target:)',
      source: [],
    });
  }
}

function pick(r: Record<string, string | number | null>, keys: string[]): string | number | null | undefined {
  for (const k of keys) if (k in r) return r[k];
  return undefined;
}

function kpiFigures(
  ctx: SlideCtx,
  s: KpiSlideSpec,
  m: Extract<SlideModel, { kind: 'kpi' }>,
  store: FactStore,
  traceText: (role: string, t: Template | undefined, shown: string | undefined) => void,
): void {
  let item = 0;
  const targetText = (t: string) => t.replace(/^mål\s*[≥≤]\s*/, '');
  const add = (i: number, label: string, metric: string, f: Known | undefined, actual: unknown, target: unknown, unit: string) => {
    const shownItem = m.items[i];
    if (!shownItem) return;
    if (typeof actual === 'number' && shownItem.actual !== MISSING_TEXT) {
      push(ctx, { place: `kpi ${i + 1}: resultat`, key: `${label} | resultat`, row: label, metric, region: ctx.kommune, value: actual, shown: shownItem.actual, unit, ...provenance(f) });
    }
    if (typeof target === 'number' && shownItem.target) {
      push(ctx, { place: `kpi ${i + 1}: mål`, key: `${label} | mål`, row: label, metric, region: ctx.kommune, value: target, shown: targetText(shownItem.target), unit, ...provenance(f), formula: `mål for ${label}` });
    }
  };
  if (s.metric) {
    const f = known(store.get(s.metric.id, ctx.kommune, ctx.year));
    if (f && f.kind === 'table') {
      const actualCol = f.table.columns.find((c) => ['actual', 'faktisk', 'verdi', 'value'].includes(c.key));
      for (const r of f.table.rows) {
        add(item, m.items[item]?.label ?? '', s.metric.id, f, pick(r, ['actual', 'faktisk', 'verdi', 'value']), pick(r, ['target', 'terskel', 'mal', 'grense']), actualCol?.unit ?? '%');
        item++;
      }
    }
  }
  for (const [j, it] of (s.items ?? []).entries()) {
    const f = known(store.get(it.metric.id, ctx.kommune, ctx.year));
    const v = f && f.kind === 'scalar' ? f.value : null;
    traceText(`kpi:${j + 1}:label`, it.label, m.items[item]?.label);
    add(item, m.items[item]?.label ?? '', it.metric.id, f, v, it.target, f?.unit ?? '');
    item++;
  }
}

/** Two figures of one slide and metric never share a key: later ones get " #2", " #3". */
function uniqueKeys(figures: Figure[]): Figure[] {
  const seen = new Map<string, number>();
  return figures.map((f) => {
    const k = `${f.slideId ?? `#${f.slide}`}|${f.metric}|${f.key}`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? f : { ...f, key: `${f.key} #${n}` };
  });
}
