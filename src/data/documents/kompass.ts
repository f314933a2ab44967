import * as path from 'path';
import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument, YAMLMap } from 'yaml';
import { Problem } from '../../errors';
import { KompassArea, KompassDocument, KompassFindings, KompassPerspective, KompassSubArea, checkSubAreas } from '../../analysis/kompass';
import type { Dataset } from '../dataset';
import type { ConsistencyWarning } from '../checks';
import type { DocumentKind } from './index';

/**
 * Kommunekompass results as YAML: data/kompass/<kommunenummer>-<år>.yaml, stored in the Dataset as
 * `kompass/<kommunenummer>-<år>`. Layout (keys in English, texts in bokmål):
 *
 *   kommune: "1837"
 *   year: 2023
 *   source: 000 Kommunekompass 2023
 *   comparison_label: Kommuner med 5–10 000 innbyggere   # optional; label for areas[].comparison
 *   perspectives: [{ id: A, name: ... }, ...]
 *   areas:
 *     - number: 1
 *       name: Offentlighet og demokrati
 *       perspective: A
 *       score: 47          # the published area score (what the deck shows)
 *       max: 100
 *       comparison: 52     # optional: average of the comparison group
 *       subareas: [{ id: "1.1", name: ..., score: 3.3, max: 20 }, ...]
 *       findings: { styrker: [...], utfordringer: [...], svakheter: [...] }
 */
export const KOMPASS_FOLDER = 'kompass';

export function kompassDocumentName(kommune: string, year: number): string {
  return `${KOMPASS_FOLDER}/${kommune}-${year}`;
}

type At = (node: Node | null | undefined) => number | undefined;

class Ctx {
  readonly problems: Problem[] = [];
  constructor(
    readonly file: string,
    readonly lc: LineCounter,
  ) {}
  line: At = (node) => (node?.range ? this.lc.linePos(node.range[0]).line : undefined);
  add(node: Node | null | undefined, message: string): void {
    this.problems.push({ file: this.file, line: this.line(node) ?? 1, message });
  }
}

/** Entries of a map with their key nodes; unknown keys are reported. */
function entries(ctx: Ctx, map: YAMLMap, allowed: readonly string[], where: string): Map<string, { key: Node; value: Node | null }> {
  const out = new Map<string, { key: Node; value: Node | null }>();
  for (const pair of map.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    if (!allowed.includes(key)) {
      ctx.add(keyNode, `ukjent felt '${key}' i ${where}; tillatte felt: ${allowed.join(', ')}`);
      continue;
    }
    if (out.has(key)) ctx.add(keyNode, `feltet '${key}' står to ganger i ${where}`);
    out.set(key, { key: keyNode, value: (pair.value as Node | null) ?? null });
  }
  return out;
}

function requireField(ctx: Ctx, fields: Map<string, { key: Node; value: Node | null }>, name: string, owner: Node, where: string): Node | null | undefined {
  const f = fields.get(name);
  if (!f) {
    ctx.add(owner, `feltet '${name}' mangler i ${where}`);
    return undefined;
  }
  if (f.value === null) ctx.add(f.key, `feltet '${name}' i ${where} er tomt`);
  return f.value;
}

function str(ctx: Ctx, node: Node | null | undefined, what: string): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') {
    ctx.add(node, `${what} må være en tekst`);
    return undefined;
  }
  // a plain scalar keeps its source text, so 1.10 stays "1.10" and not the number 1.1
  const s = (typeof node.value === 'string' ? node.value : node.source ?? String(node.value)).trim();
  if (s === '') {
    ctx.add(node, `${what} er tom`);
    return undefined;
  }
  return s;
}

function num(ctx: Ctx, node: Node | null | undefined, what: string, opts: { int?: boolean; min?: number } = {}): number | undefined {
  if (node === undefined || node === null) return undefined;
  if (!isScalar(node) || typeof node.value !== 'number' || !Number.isFinite(node.value)) {
    const text = isScalar(node) ? String(node.value) : '(ikke en enkeltverdi)';
    ctx.add(node, `${what} må være et tall med punktum som desimaltegn; fant '${text}'`);
    return undefined;
  }
  const v = node.value;
  if (opts.int && !Number.isInteger(v)) ctx.add(node, `${what} må være et heltall; fant ${v}`);
  else if (opts.min !== undefined && v < opts.min) ctx.add(node, `${what} kan ikke være mindre enn ${opts.min}; fant ${v}`);
  else return v;
  return undefined;
}

function seq(ctx: Ctx, node: Node | null | undefined, what: string): Node[] | undefined {
  if (node === undefined || node === null) return undefined;
  if (!isSeq(node)) {
    ctx.add(node, `${what} må være en liste`);
    return undefined;
  }
  return node.items as Node[];
}

function map(ctx: Ctx, node: Node | null | undefined, what: string): YAMLMap | undefined {
  if (node === undefined || node === null) return undefined;
  if (!isMap(node)) {
    ctx.add(node, `${what} må være et oppslag med felt (nøkkel: verdi)`);
    return undefined;
  }
  return node;
}

const TOP_FIELDS = ['kommune', 'year', 'source', 'comparison_label', 'perspectives', 'areas'];
const PERSPECTIVE_FIELDS = ['id', 'name'];
const AREA_FIELDS = ['number', 'name', 'perspective', 'score', 'max', 'comparison', 'subareas', 'findings'];
const SUBAREA_FIELDS = ['id', 'name', 'score', 'max'];
const FINDING_FIELDS: (keyof KompassFindings)[] = ['styrker', 'utfordringer', 'svakheter'];

/** Parse and validate one Kommunekompass YAML file. */
export function parseKompass(file: string, text: string): { name: string; value?: KompassDocument; problems: Problem[] } {
  const lc = new LineCounter();
  const ctx = new Ctx(file, lc);
  const base = path.basename(file).replace(/\.ya?ml$/, '');
  const name = `${KOMPASS_FOLDER}/${base}`;
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  for (const e of doc.errors) {
    const at = lc.linePos(e.pos[0]);
    ctx.problems.push({ file, line: Math.max(at.line, 1), col: at.col, message: `ugyldig YAML: ${e.message.split('\n')[0]}` });
  }
  if (ctx.problems.length > 0) return { name, problems: ctx.problems };
  const root = doc.contents as Node | null;
  const top = map(ctx, root, 'filen');
  if (!top) {
    if (!root) ctx.problems.push({ file, line: 1, message: 'filen er tom; forventet feltene kommune, year, source, perspectives og areas' });
    return { name, problems: ctx.problems };
  }
  const f = entries(ctx, top, TOP_FIELDS, 'filen');
  const kommuneNode = requireField(ctx, f, 'kommune', top, 'filen');
  let kommune = str(ctx, kommuneNode, 'kommune');
  if (kommune !== undefined && /^\d{1,4}$/.test(kommune)) kommune = kommune.padStart(4, '0');
  if (kommune !== undefined && !/^(\d{4}|E[A-Z0-9]+)$/.test(kommune)) ctx.add(kommuneNode, `ugyldig kommunenummer '${kommune}'; forventet fire siffer`);
  const yearNode = requireField(ctx, f, 'year', top, 'filen');
  const year = num(ctx, yearNode, 'year', { int: true, min: 1900 });
  const source = str(ctx, requireField(ctx, f, 'source', top, 'filen'), 'source');
  const comparisonLabel = f.has('comparison_label') ? str(ctx, f.get('comparison_label')?.value, 'comparison_label') : undefined;
  if (kommune !== undefined && year !== undefined && base !== `${kommune}-${year}`) {
    ctx.add(kommuneNode, `filnavnet '${path.basename(file)}' passer ikke med kommune ${kommune} og år ${year}; forventet ${kommune}-${year}.yaml`);
  }

  const perspectives: KompassPerspective[] = [];
  for (const pNode of seq(ctx, requireField(ctx, f, 'perspectives', top, 'filen'), 'perspectives') ?? []) {
    const pm = map(ctx, pNode, 'et perspektiv');
    if (!pm) continue;
    const pf = entries(ctx, pm, PERSPECTIVE_FIELDS, 'perspektivet');
    const id = str(ctx, requireField(ctx, pf, 'id', pm, 'perspektivet'), 'perspektivets id');
    const pname = str(ctx, requireField(ctx, pf, 'name', pm, 'perspektivet'), 'perspektivets navn');
    if (id === undefined || pname === undefined) continue;
    if (perspectives.some((p) => p.id === id)) ctx.add(pm, `perspektivet ${id} står to ganger`);
    else perspectives.push({ id, name: pname });
  }

  const areas: KompassArea[] = [];
  for (const aNode of seq(ctx, requireField(ctx, f, 'areas', top, 'filen'), 'areas') ?? []) {
    const area = parseArea(ctx, aNode, perspectives);
    if (!area) continue;
    if (areas.some((a) => a.number === area.number)) ctx.add(aNode, `område ${area.number} står to ganger`);
    else areas.push(area);
  }
  areas.sort((a, b) => a.number - b.number);
  if (ctx.problems.length > 0 || kommune === undefined || year === undefined || source === undefined) return { name, problems: ctx.problems };
  return { name, value: { kommune, year, source, comparisonLabel, perspectives, areas, file }, problems: [] };
}

function parseArea(ctx: Ctx, node: Node, perspectives: KompassPerspective[]): KompassArea | undefined {
  const am = map(ctx, node, 'et område');
  if (!am) return undefined;
  const before = ctx.problems.length;
  const f = entries(ctx, am, AREA_FIELDS, 'området');
  const number = num(ctx, requireField(ctx, f, 'number', am, 'området'), 'områdets nummer', { int: true, min: 1 });
  const where = number === undefined ? 'området' : `område ${number}`;
  const name = str(ctx, requireField(ctx, f, 'name', am, where), `navnet på ${where}`);
  const perspNode = requireField(ctx, f, 'perspective', am, where);
  const perspective = str(ctx, perspNode, `perspektivet til ${where}`);
  if (perspective !== undefined && !perspectives.some((p) => p.id === perspective)) {
    ctx.add(perspNode, `ukjent perspektiv '${perspective}' i ${where}; kjente perspektiver: ${perspectives.map((p) => p.id).join(', ') || '(ingen)'}`);
  }
  const scoreNode = requireField(ctx, f, 'score', am, where);
  const score = num(ctx, scoreNode, `poeng for ${where}`, { min: 0 });
  const max = num(ctx, requireField(ctx, f, 'max', am, where), `maks for ${where}`, { min: 0 });
  if (score !== undefined && max !== undefined && score > max) ctx.add(scoreNode, `poeng (${score}) er større enn maks (${max}) i ${where}`);
  const comparison = f.has('comparison') ? num(ctx, f.get('comparison')?.value, `sammenligningspoeng for ${where}`, { min: 0 }) : undefined;

  const subareas: KompassSubArea[] = [];
  for (const sNode of seq(ctx, requireField(ctx, f, 'subareas', am, where), `delområdene i ${where}`) ?? []) {
    const sm = map(ctx, sNode, `et delområde i ${where}`);
    if (!sm) continue;
    const sf = entries(ctx, sm, SUBAREA_FIELDS, `delområdet i ${where}`);
    const id = str(ctx, requireField(ctx, sf, 'id', sm, `delområdet i ${where}`), 'delområdets id');
    const sw = id === undefined ? `delområdet i ${where}` : `delområde ${id}`;
    const sname = str(ctx, requireField(ctx, sf, 'name', sm, sw), `navnet på ${sw}`);
    const sScoreNode = requireField(ctx, sf, 'score', sm, sw);
    const sscore = num(ctx, sScoreNode, `poeng for ${sw}`, { min: 0 });
    const smax = num(ctx, requireField(ctx, sf, 'max', sm, sw), `maks for ${sw}`, { min: 0 });
    if (sscore !== undefined && smax !== undefined && sscore > smax) ctx.add(sScoreNode, `poeng (${sscore}) er større enn maks (${smax}) i ${sw}`);
    if (id !== undefined && subareas.some((s) => s.id === id)) ctx.add(sm, `delområde ${id} står to ganger`);
    if (id !== undefined && sname !== undefined && sscore !== undefined && smax !== undefined) subareas.push({ id, name: sname, score: sscore, max: smax, line: ctx.line(sm) });
  }

  const findings: KompassFindings = { styrker: [], utfordringer: [], svakheter: [] };
  const fm = map(ctx, requireField(ctx, f, 'findings', am, where), `funnene i ${where}`);
  if (fm) {
    const ff = entries(ctx, fm, FINDING_FIELDS, `funnene i ${where}`);
    for (const k of FINDING_FIELDS) {
      const list = ff.get(k)?.value;
      if (list === null || list === undefined) continue;
      for (const item of seq(ctx, list, `${k} i ${where}`) ?? []) {
        const t = str(ctx, item, `et punkt under ${k} i ${where}`);
        if (t !== undefined) findings[k].push(t.replace(/\s+/g, ' '));
      }
    }
  }
  if (ctx.problems.length > before || number === undefined || name === undefined || perspective === undefined || score === undefined || max === undefined) return undefined;
  return { number, name, perspective, score, max, comparison, subareas, findings, line: ctx.line(am) };
}

export const KOMPASS_DOCUMENT: DocumentKind = {
  folder: KOMPASS_FOLDER,
  description: 'Kommunekompass: poeng per fokusområde og delområde med maks, perspektiver, styrker/utfordringer/svakheter',
  load: parseKompass,
};

/** Every Kommunekompass document in the dataset. */
export function kompassDocuments(ds: Dataset): KompassDocument[] {
  const out: KompassDocument[] = [];
  for (const [name, value] of ds.documents) if (name.startsWith(`${KOMPASS_FOLDER}/`)) out.push(value as KompassDocument);
  return out;
}

function fmt(n: number, decimals = 1): string {
  return n.toFixed(decimals).replace('.', ',').replace('-', '−');
}

/**
 * Consistency check: sub-area scores should add up to the area score within rounding (area scores are whole
 * points, sub-scores have one decimal), and sub-area maxes to the area max. The published area score stays what
 * the deck shows; the warning names the area and the numbers.
 */
export function checkKompass(ds: Dataset): ConsistencyWarning[] {
  const warnings: ConsistencyWarning[] = [];
  for (const doc of kompassDocuments(ds)) {
    for (const area of doc.areas) {
      if (area.subareas.length === 0) continue;
      const c = checkSubAreas(area);
      const who = `Kommunekompass ${doc.kommune} ${doc.year}, område ${area.number} (${area.name})`;
      if (!c.scoreOk) {
        warnings.push({
          file: doc.file,
          line: area.line,
          message: `${who}: delområdene summerer til ${fmt(c.sum)} poeng, men områdets poeng er ${fmt(area.score, 0)} (avvik ${fmt(c.deviation)}, tillatt avrunding ±${fmt(c.tolerance, 2)}); lysarkene viser områdets poeng`,
        });
      }
      if (!c.maxOk) {
        warnings.push({ file: doc.file, line: area.line, message: `${who}: delområdenes maks summerer til ${fmt(c.maxSum)}, men områdets maks er ${fmt(area.max, 0)}` });
      }
    }
  }
  return warnings;
}
