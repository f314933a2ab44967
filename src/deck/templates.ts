import Handlebars from 'handlebars';
import { FORMAT_NAMES } from '../format/bokmal';

/**
 * Handlebars in kommunedeck: a private environment with only the bokmål helpers, no HTML escaping (pptxgenjs
 * writes text as XML text, so template output is never markup), and no access to prototypes, files or code.
 */
export const TEMPLATE_HELPERS = [...FORMAT_NAMES, 'fmt', 'navn', 'abs', 'plus', 'minus', 'gt', 'lt', 'eq'] as const;
export const BUILTIN_BLOCKS = ['if', 'unless', 'each', 'with'];

/** Roots a template may read besides metric families. */
export const CONTEXT_ROOTS = ['kommune', 'year', 'refs', 'deck', 'slide'];

export interface TemplateRefProblem {
  /** 1-based line and column inside the template text */
  line: number;
  col: number;
  message: string;
}

export interface TemplateCheck {
  problems: TemplateRefProblem[];
  /** metric ids the template reads (for `when`, bindings and the audit trail) */
  metrics: string[];
}

/**
 * Check a template without evaluating it: syntax, helper names, and that every path names a context root or a
 * metric id of the vocabulary. `isMetric(path)` answers whether a dotted path is (or starts with) a metric id and
 * returns that id.
 */
export function checkTemplate(text: string, metricOf: (path: string) => string | undefined, families: Set<string>): TemplateCheck {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /Parse error on line (\d+)/.exec(msg);
    const detail = msg.split('\n').slice(-1)[0];
    return { problems: [{ line: m ? Number(m[1]) : 1, col: 1, message: `feil i malen (Handlebars): ${detail}` }], metrics: [] };
  }
  const problems: TemplateRefProblem[] = [];
  const metrics = new Set<string>();
  const helpers = new Set<string>([...TEMPLATE_HELPERS, ...BUILTIN_BLOCKS]);

  const visitPath = (p: hbs.AST.PathExpression, depth: number) => {
    if (p.data || p.original === 'this' || p.original.startsWith('this.') || depth > 0) return; // @index, this, inside each/with
    const first = p.parts[0];
    if (CONTEXT_ROOTS.includes(first)) return;
    const id = metricOf(p.parts.join('.'));
    if (id) {
      metrics.add(id);
      return;
    }
    const known = families.has(first) ? `ukjent nøkkeltall '${p.original}'` : `ukjent navn '${p.original}'`;
    problems.push({ line: p.loc.start.line, col: p.loc.start.column + 1, message: known });
  };
  const visitExpr = (e: hbs.AST.Expression, depth: number) => {
    if (e.type === 'PathExpression') visitPath(e as hbs.AST.PathExpression, depth);
    else if (e.type === 'SubExpression') visitCall(e as hbs.AST.SubExpression, depth);
  };
  const visitCall = (node: { path: hbs.AST.PathExpression | hbs.AST.Expression; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash; loc: hbs.AST.SourceLocation }, depth: number) => {
    const isCall = node.params.length > 0 || (node.hash && node.hash.pairs.length > 0);
    const path = node.path as hbs.AST.PathExpression;
    if (isCall) {
      if (path.type === 'PathExpression' && !helpers.has(path.original)) {
        problems.push({ line: node.loc.start.line, col: node.loc.start.column + 1, message: `ukjent hjelper '${path.original}'; kjente: ${TEMPLATE_HELPERS.join(', ')}` });
      }
    } else if (path.type === 'PathExpression' && !helpers.has(path.original)) visitPath(path, depth);
    for (const p of node.params) visitExpr(p, depth);
    for (const pair of node.hash?.pairs ?? []) visitExpr(pair.value, depth);
  };
  const visitProgram = (prog: hbs.AST.Program | undefined, depth: number) => {
    for (const s of prog?.body ?? []) {
      if (s.type === 'MustacheStatement') visitCall(s as hbs.AST.MustacheStatement, depth);
      else if (s.type === 'BlockStatement') {
        const b = s as hbs.AST.BlockStatement;
        const name = (b.path as hbs.AST.PathExpression).original;
        if (!BUILTIN_BLOCKS.includes(name)) problems.push({ line: b.loc.start.line, col: b.loc.start.column + 1, message: `ukjent blokk '${name}'; tillatt: ${BUILTIN_BLOCKS.join(', ')}` });
        for (const p of b.params) visitExpr(p, depth);
        const inner = name === 'each' || name === 'with' ? depth + 1 : depth;
        visitProgram(b.program, inner);
        visitProgram(b.inverse, depth);
      }
    }
  };
  visitProgram(ast, 0);
  return { problems, metrics: [...metrics] };
}
