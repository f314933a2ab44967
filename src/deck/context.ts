import Handlebars from 'handlebars';
import { FORMATTERS, formatValue, MISSING_TEXT, FormatName } from '../format/bokmal';
import { Fact, FactStore } from '../facts';
import { isMissing, MetricValue } from '../metrics/types';

/**
 * The template context: facts as nested objects (`finans.netto_driftsresultat_pct`), each leaf printing itself in
 * bokmål. Reading a leaf records the metric id, so the resolver knows which figures a text shows (bindings, missing
 * warnings, speaker notes) without re-parsing templates.
 */
export class FactLeaf {
  // own properties, so templates may read them (Handlebars blocks prototype lookups)
  readonly missing: boolean;
  /** the number or text, or null when missing or not a scalar */
  readonly value: number | string | null;
  readonly label: string;
  readonly unit: string;
  constructor(
    readonly fact: Fact,
    /** called when the figure is printed (not when a template only tests it, as in `{{#if x.missing}}`) */
    private readonly onShow: () => void = () => undefined,
    /** called when a missing figure is compared (gt, lt, eq): the comparison is false whatever the truth is */
    private readonly onMissingCompared: () => void = () => undefined,
  ) {
    this.missing = isMissing(fact);
    this.value = !isMissing(fact) && fact.kind === 'scalar' ? fact.value : null;
    this.label = isMissing(fact) ? '' : fact.label;
    this.unit = isMissing(fact) ? '' : fact.unit;
  }
  /** note a comparison of this figure; when it is missing, the template is choosing a branch without data */
  compared(): this {
    if (this.missing) this.onMissingCompared();
    return this;
  }
  /** mark the figure as shown on the slide */
  show(): this {
    this.onShow();
    return this;
  }
  toString(): string {
    this.onShow();
    const f = this.fact;
    if (isMissing(f)) return MISSING_TEXT;
    if (f.kind === 'scalar') return formatValue(f.value, undefined, f.decimals, f.unit);
    return f.label;
  }
}

export interface RenderRecorder {
  /** metric ids a template read (bindings, sources, notes) */
  used: Set<string>;
  /** metric ids a template printed (a missing one is a warning); absent: not tracked */
  shown?: Set<string>;
  /** missing metric ids a template compared (gt, lt, eq): the sentence it chose rests on no figure */
  comparedMissing?: Set<string>;
}

export function buildContext(
  store: FactStore,
  kommune: { code: string; name: string },
  refs: { code: string; name: string }[],
  year: number,
  deck: { title?: string },
  recorder: RenderRecorder,
): Record<string, unknown> {
  const ctx: Record<string, unknown> = {
    kommune: { nummer: kommune.code, navn: kommune.name },
    refs: refs.map((r) => ({ nummer: r.code, navn: r.name })),
    year,
    deck,
  };
  defineFactTree(ctx, store.metrics, (id) => {
    let leaf: FactLeaf | undefined;
    return () => {
      recorder.used.add(id);
      leaf ??= new FactLeaf(store.get(id, kommune.code, year), () => recorder.shown?.add(id), () => recorder.comparedMissing?.add(id));
      return leaf;
    };
  });
  return ctx;
}

/**
 * Lay the metric vocabulary out as nested objects on `ctx` (`finans.netto_driftsresultat_pct`), each leaf a lazy
 * getter made by `getterFor(id)`, so only the figures a template reads are computed.
 */
export function defineFactTree(ctx: Record<string, unknown>, metrics: readonly { id: string }[], getterFor: (id: string) => () => unknown): void {
  for (const def of metrics) {
    const parts = def.id.split('.');
    let node = ctx;
    for (const p of parts.slice(0, -1)) {
      if (typeof node[p] !== 'object' || node[p] === null) node[p] = {};
      node = node[p] as Record<string, unknown>;
    }
    Object.defineProperty(node, parts[parts.length - 1], { enumerable: true, get: getterFor(def.id) });
  }
}

type Arg = FactLeaf | number | string | null | undefined;
function numeric(a: Arg): number | null {
  if (a instanceof FactLeaf) {
    const v = a.show().value;
    return typeof v === 'number' ? v : null;
  }
  if (typeof a === 'number') return a;
  if (typeof a === 'string' && a.trim() !== '' && Number.isFinite(Number(a))) return Number(a);
  return null;
}

/**
 * Where `kommunenavn` finds the names of the data folder: a symbol-keyed property of the root context (templates
 * can only name string keys, so they cannot reach it), so one environment and its compiled templates serve every
 * dataset.
 */
const REGION_NAMES = Symbol('kommunedeck.regionNames');

/** Give a root context the region names `kommunenavn` prints. */
export function withRegionNames<T extends object>(ctx: T, regionName: (code: string) => string): T {
  Object.defineProperty(ctx, REGION_NAMES, { value: regionName });
  return ctx;
}

/** How every template is compiled and run: no HTML escaping, no prototype access. */
export const TEMPLATE_COMPILE_OPTIONS = { noEscape: true, strict: false, knownHelpersOnly: false } as const;
export const TEMPLATE_RUNTIME_OPTIONS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

/**
 * A private Handlebars environment: bokmål helpers only, no escaping (pptxgenjs writes XML text), no prototypes.
 * `kommunenavn` reads the names from the root context (withRegionNames).
 */
export function createTemplateEnv(): typeof Handlebars {
  const env = Handlebars.create();
  // Handlebars' own `log` writes to the console and `lookup` reads any property by a computed name: neither belongs here
  env.unregisterHelper('log');
  env.unregisterHelper('lookup');
  for (const name of Object.keys(FORMATTERS) as FormatName[]) {
    env.registerHelper(name, (...args: unknown[]) => {
      const params = args.slice(0, -1) as Arg[];
      const decimals = params.length > 1 ? numeric(params[1]) : null;
      const f = FORMATTERS[name] as (v: number | null, d?: number) => string;
      return decimals === null ? f(numeric(params[0])) : f(numeric(params[0]), decimals);
    });
  }
  env.registerHelper('fmt', (a: Arg) => (a instanceof FactLeaf ? a.toString() : a === null || a === undefined ? MISSING_TEXT : String(a)));
  env.registerHelper('kommunenavn', (code: Arg, options: Handlebars.HelperOptions) => {
    const text = String(code instanceof FactLeaf ? code.value : code);
    const names = (options?.data?.root as { [REGION_NAMES]?: (code: string) => string } | undefined)?.[REGION_NAMES];
    return names ? names(text) : text;
  });
  env.registerHelper('abs', (a: Arg) => {
    const n = numeric(a);
    return n === null ? null : Math.abs(n);
  });
  env.registerHelper('plus', (a: Arg, b: Arg) => {
    const x = numeric(a);
    const y = numeric(b);
    return x === null || y === null ? null : x + y;
  });
  env.registerHelper('minus', (a: Arg, b: Arg) => {
    const x = numeric(a);
    const y = numeric(b);
    return x === null || y === null ? null : x - y;
  });
  const noteCompared = (...args: Arg[]) => args.forEach((a) => a instanceof FactLeaf && a.compared());
  const cmp = (f: (x: number, y: number) => boolean) => (a: Arg, b: Arg) => {
    noteCompared(a, b);
    const x = numeric(a);
    const y = numeric(b);
    return x !== null && y !== null && f(x, y);
  };
  env.registerHelper('gt', cmp((x, y) => x > y));
  env.registerHelper('lt', cmp((x, y) => x < y));
  env.registerHelper('eq', (a: Arg, b: Arg) => {
    noteCompared(a, b);
    const x = a instanceof FactLeaf ? a.value : a;
    const y = b instanceof FactLeaf ? b.value : b;
    return x === y;
  });
  return env;
}

export function metricValue(f: Fact): MetricValue | undefined {
  return isMissing(f) ? undefined : f;
}
