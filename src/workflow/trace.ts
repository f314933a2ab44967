import Handlebars from 'handlebars';
import { buildContext, createTemplateEnv, defineFactTree, FactLeaf, RenderRecorder, TEMPLATE_COMPILE_OPTIONS, TEMPLATE_RUNTIME_OPTIONS, withRegionNames } from '../deck/context';
import { FORMAT_NAMES, MISSING_TEXT } from '../format/bokmal';
import { Fact, FactStore } from '../facts';
import { isMissing, ScalarValue } from '../metrics/types';

/** One figure a template printed: which metrics it came from, the number, and the text it became. */
export interface TracedFigure {
  /** metric ids the number was computed from (one, or several for plus/minus) */
  ids: string[];
  value: number | string | null;
  text: string;
  /** the helper that formatted it (num, kr, mill, ...), or undefined for the metric's default formatting */
  format?: string;
  /** how a derived number was formed from the metrics, e.g. "|kostra.beste_praksis_sum|" */
  derived?: string;
}

/**
 * A leaf that notes when it is printed. Subclasses FactLeaf so the resolver's own helpers (num, abs, gt, ...)
 * treat it exactly like the leaves they were written for: the traced text is the text the slide shows.
 */
class TracingLeaf extends FactLeaf {
  constructor(
    fact: Fact,
    readonly traceIds: string[],
    private readonly sink: () => TracedFigure[],
    readonly derived?: string,
    private readonly plain = false,
  ) {
    super(fact);
  }
  override toString(): string {
    // a derived number prints as the resolver's helpers return it: a plain JavaScript number
    const text = this.plain ? String(this.value) : super.toString();
    if (!this.missing && text !== MISSING_TEXT) this.sink().push({ ids: this.traceIds, value: this.value, text, derived: this.derived });
    return text;
  }
}

function derivedFact(base: TracingLeaf, others: TracingLeaf[], value: number, formula: string): Fact {
  const facts = [base, ...others].map((l) => l.fact).filter((f): f is Exclude<Fact, { missing: string }> => !isMissing(f));
  const first = facts[0];
  const v: ScalarValue = {
    id: formula,
    label: first?.label ?? formula,
    unit: first?.unit ?? '',
    kind: 'scalar',
    value,
    formula,
    source: [...new Set(facts.flatMap((f) => f.source))],
    inputs: [...new Set(facts.flatMap((f) => f.inputs))],
  };
  return v;
}

/**
 * Re-renders a deck's templates the way resolve does, recording every metric-derived figure the text prints.
 * The audit trail uses it to find the numbers inside commentary, captions and bullets; because it uses the
 * resolver's own context and helpers, a traced text that differs from the slide's text means the slide's text is
 * not the generated one (the consultant replaced it).
 */
export class TemplateTracer {
  private readonly env: typeof Handlebars;
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  private readonly contexts = new Map<number, Record<string, unknown>>();
  private current: TracedFigure[] = [];

  constructor(
    private readonly store: FactStore,
    private readonly kommune: { code: string; name: string },
    private readonly refs: { code: string; name: string }[],
    private readonly deckTitleTemplate: string,
    private readonly regionName: (code: string) => string,
  ) {
    const env = createTemplateEnv();
    const sink = () => this.current;
    const helpers = env.helpers as Record<string, (...args: unknown[]) => unknown>;
    for (const name of FORMAT_NAMES) {
      const original = helpers[name];
      env.registerHelper(name, (...args: unknown[]) => {
        const out = original(...args);
        const first = args[0];
        if (first instanceof TracingLeaf && typeof out === 'string' && out !== MISSING_TEXT) {
          this.current.push({ ids: first.traceIds, value: first.value, text: out, format: name, derived: first.derived });
        }
        return out;
      });
    }
    const derive = (name: 'abs' | 'plus' | 'minus', symbol: (a: string, b?: string) => string) => {
      const original = helpers[name];
      env.registerHelper(name, (...args: unknown[]) => {
        const out = original(...args);
        const params = args.slice(0, -1);
        const leaves = params.filter((p): p is TracingLeaf => p instanceof TracingLeaf);
        if (typeof out !== 'number' || leaves.length === 0) return out;
        const names = params.map((p) => (p instanceof TracingLeaf ? (p.derived ?? p.traceIds[0]) : String(p)));
        const formula = symbol(names[0], names[1]);
        const ids = [...new Set(leaves.flatMap((l) => l.traceIds))];
        return new TracingLeaf(derivedFact(leaves[0], leaves.slice(1), out, formula), ids, sink, formula, true);
      });
    };
    derive('abs', (a) => `|${a}|`);
    derive('plus', (a, b) => `${a} + ${b}`);
    derive('minus', (a, b) => `${a} − ${b}`);
    this.env = env;
  }

  private contextFor(year: number): Record<string, unknown> {
    let ctx = this.contexts.get(year);
    if (ctx) return ctx;
    const recorder: RenderRecorder = { used: new Set() };
    const base = buildContext(this.store, this.kommune, this.refs, year, { title: this.deckTitleTemplate }, recorder);
    const roots = new Set(this.store.metrics.map((m) => m.id.split('.')[0]));
    ctx = withRegionNames({}, this.regionName);
    for (const k of Object.keys(base)) if (!roots.has(k)) ctx[k] = base[k];
    const sink = () => this.current;
    defineFactTree(ctx, this.store.metrics, (id) => {
      let leaf: TracingLeaf | undefined;
      return () => (leaf ??= new TracingLeaf(this.store.get(id, this.kommune.code, year), [id], sink));
    });
    this.contexts.set(year, ctx);
    return ctx;
  }

  /** The template's text (trimmed, as resolve trims it) and the figures it printed. */
  render(template: string, year: number): { text: string; figures: TracedFigure[] } {
    let fn = this.compiled.get(template);
    if (!fn) {
      fn = this.env.compile(template, TEMPLATE_COMPILE_OPTIONS);
      this.compiled.set(template, fn);
    }
    const figures: TracedFigure[] = [];
    this.current = figures;
    let text: string;
    try {
      text = fn(this.contextFor(year), TEMPLATE_RUNTIME_OPTIONS).trim();
    } catch {
      return { text: '', figures: [] };
    } finally {
      this.current = [];
    }
    return { text, figures };
  }
}
