import Handlebars from 'handlebars';
import { FORMAT_NAMES } from '../format/bokmal';

/**
 * Handlebars in kommunedeck: a private environment with only the bokmål helpers, no HTML escaping (pptxgenjs
 * writes text as XML text, so template output is never markup), and no access to prototypes, files or code.
 */
export const TEMPLATE_HELPERS = [...FORMAT_NAMES, 'fmt', 'kommunenavn', 'abs', 'plus', 'minus', 'gt', 'lt', 'eq'] as const;
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
    return { problems: [syntaxProblem(text, e as Error & { lineNumber?: number; column?: number })], metrics: [] };
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
      const head = (s as { path?: hbs.AST.Expression }).path;
      if ((s.type === 'MustacheStatement' || s.type === 'BlockStatement') && head && head.type !== 'PathExpression' && head.type !== 'SubExpression') {
        // {{"log" x}}, {{123}}: a literal where a name belongs would reach Handlebars' own helpers by their name
        problems.push({ line: s.loc.start.line, col: s.loc.start.column + 1, message: `et {{…}}-uttrykk må begynne med et navn, ikke ${JSON.stringify((head as { original?: unknown }).original ?? null)}` });
        continue;
      }
      if (s.type === 'PartialStatement' || s.type === 'PartialBlockStatement' || s.type === 'DecoratorBlock' || s.type === 'Decorator') {
        const what = s.type.startsWith('Partial') ? 'delmaler ({{> …}})' : 'dekoratorer ({{* …}})';
        problems.push({ line: s.loc.start.line, col: s.loc.start.column + 1, message: `${what} finnes ikke i kommunedeck-maler; bruk bare nøkkeltall, hjelperne og if/unless/each/with` });
        continue;
      }
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

/**
 * A Handlebars syntax error as a problem in bokmål, at the column the parser stopped (read from its caret line;
 * the parser's own wording, "Expecting 'ID', got 'EOF'", is kept only when no plainer explanation fits).
 */
function syntaxProblem(text: string, e: Error & { lineNumber?: number; column?: number }): TemplateRefProblem {
  const msg = e.message;
  const lines = msg.split('\n');
  const line = Number(/on line (\d+)/.exec(msg)?.[1] ?? e.lineNumber ?? 1);
  let col = typeof e.column === 'number' ? e.column + 1 : 1;
  const caret = lines.findIndex((l) => /^-*\^$/.test(l));
  if (caret > 0) {
    // the parser shows up to 20 characters before the error, newlines removed, then a caret under the error
    const past = lines[caret - 1].slice(0, lines[caret].length - 1).replace(/^\.\.\./, '');
    const here = text.split('\n')[line - 1] ?? '';
    for (let k = here.length; k >= 0; k--) {
      const head = here.slice(0, k);
      if (past.endsWith(head) || head.endsWith(past)) {
        col = k + 1;
        break;
      }
    }
  }
  const got = /got '([A-Z_]+)'/.exec(msg)?.[1];
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(msg);
  const hint = mismatch
    ? `{{#${mismatch[1]}}} er lukket med {{/${mismatch[2]}}}; lukk den med {{/${mismatch[1]}}}`
    : /^Lexical error/.test(msg)
      ? 'ugyldig tekst etter {{ (en kommentar {{!-- … --}} som ikke er lukket?)'
      : got === 'EOF' && /OPEN_ENDBLOCK/.test(msg)
        ? 'en blokk ({{#if …}}, {{#each …}}, {{#with …}}, {{#unless …}}) er ikke lukket; avslutt den med {{/if}} osv.'
        : got === 'EOF'
          ? 'malen slutter midt i et {{…}}-uttrykk; mangler }}?'
          : got === 'INVALID'
            ? 'ugyldig tegn i et {{…}}-uttrykk; mangler }} eller et anførselstegn?'
            : got === 'INVERSE' || got === 'OPEN_INVERSE_CHAIN'
              ? '{{else}} står utenfor en {{#if}}-, {{#unless}}- eller {{#each}}-blokk'
              : got === 'OPEN_ENDBLOCK'
                ? 'en {{/…}} lukker en blokk som ikke er åpnet'
                : got !== undefined && /^CLOSE/.test(got)
                  ? 'et {{…}}-uttrykk er ufullstendig eller har en ekstra } eller )'
                  : undefined;
  const detail = lines[lines.length - 1];
  return { line, col, message: `feil i malen (Handlebars): ${hint ?? detail}` };
}
