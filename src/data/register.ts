import * as fs from 'fs';
import * as path from 'path';
import { Problem, ProblemsError, UserError } from '../errors';
import { readCsv } from './csvfile';
import { KommuneInfo } from './model';
import { editDistance } from '../util/nearest';

/**
 * The kommune register (data/register/kommuner.csv): the kommuner of Klass 131 valid on 2026-01-01, plus the
 * group codes KOSTRA uses (EAK landet, EAKUO landet uten Oslo, EKG01..EKG17 KOSTRA-grupper) and any older code a
 * source needs (current = nei).
 *
 * `findKommune` turns what a consultant types ("1837", "1837 Meløy", "meloy", "Porsanki") into one entry.
 */

export type KommuneRegister = ReadonlyMap<string, KommuneInfo> | readonly KommuneInfo[];

export const REGISTER_COLUMNS = ['code', 'name', 'kind', 'current', 'note'] as const;
export const DEFAULT_REGISTER_FILE = path.resolve(__dirname, '..', '..', 'data', 'register', 'kommuner.csv');

function entries(register: KommuneRegister): readonly KommuneInfo[] {
  return Array.isArray(register) ? (register as readonly KommuneInfo[]) : [...(register as ReadonlyMap<string, KommuneInfo>).values()];
}

/** Read a register CSV (code,name,kind,current,note). Problems are thrown together as a ProblemsError. */
export function parseRegisterCsv(file: string, text: string): Map<string, KommuneInfo> {
  const r = readCsv(file, text, [...REGISTER_COLUMNS]);
  const problems = [...r.problems];
  const out = new Map<string, KommuneInfo>();
  for (const row of r.value?.rows ?? []) {
    const [code, name, kind, current, note] = row.cells;
    if (kind !== 'kommune' && kind !== 'gruppe' && kind !== 'landet') {
      problems.push({ file, line: row.line, message: `ugyldig type '${kind}'; forventet kommune, gruppe eller landet` });
      continue;
    }
    if (out.has(code)) problems.push({ file, line: row.line, message: `regionkoden ${code} står to ganger` });
    out.set(code, { code, name, officialName: name, kind, current: current === 'ja', note: note || undefined });
  }
  if (problems.length > 0) throw new ProblemsError(problems, 'INVALID_REGISTER');
  return out;
}

/**
 * Load a register file from disk (default: the embedded data/register/kommuner.csv), with the bokmål names of
 * navn-bokmal.csv next to it (or the embedded one) applied.
 */
export function readRegisterFile(file: string = DEFAULT_REGISTER_FILE): Map<string, KommuneInfo> {
  if (!fs.existsSync(file)) throw new UserError(`fant ikke kommuneregisteret ${file}; forventet register/kommuner.csv i datamappen`, 'NO_REGISTER');
  const shown = path.relative(process.cwd(), file) || file;
  const register = parseRegisterCsv(shown, fs.readFileSync(file, 'utf8'));
  const problems = attachBokmalNames(register, shown, file, (f) => fs.readFileSync(f, 'utf8'));
  if (problems.length > 0) throw new ProblemsError(problems, 'INVALID_REGISTER');
  return register;
}

// ---------- names in bokmål text ----------

/**
 * data/register/navn-bokmal.csv: for every kommune whose official name (Klass 131) is in several languages, the
 * name bokmål text uses and why. Rule: the Norwegian name form, wherever it stands in the official name
 * ("Oslo - Oslove" → Oslo, "Guovdageaidnu - Kautokeino" → Kautokeino). A name with a fylke in brackets
 * ("Herøy (Nordland)") is one language and stays as it is: the fylke tells two kommuner apart.
 */
export const BOKMAL_NAME_COLUMNS = ['code', 'official', 'bokmal', 'rule'] as const;
export const BOKMAL_NAME_FILE = 'navn-bokmal.csv';
export const DEFAULT_BOKMAL_NAME_FILE = path.join(path.dirname(DEFAULT_REGISTER_FILE), BOKMAL_NAME_FILE);

export interface BokmalName {
  code: string;
  official: string;
  bokmal: string;
  rule: string;
  line: number;
}

/** The language parts of an official name: "Lyngen - Ivgu - Yykeä" → Lyngen, Ivgu, Yykeä. */
export function nameParts(official: string): string[] {
  return official.split(/\s+-\s+/).map((p) => p.trim()).filter((p) => p !== '');
}

/** True for an official name in more than one language ("Oslo - Oslove"); "Aure" and "Herøy (Nordland)" are one. */
export function isMultilingualName(official: string): boolean {
  return nameParts(official).length > 1;
}

/** Read navn-bokmal.csv. Each row must name one of the official name's parts; problems come back with file:line. */
export function parseBokmalNames(file: string, text: string): { names: BokmalName[]; problems: Problem[] } {
  const r = readCsv(file, text, [...BOKMAL_NAME_COLUMNS]);
  const problems = [...r.problems];
  const names: BokmalName[] = [];
  const seen = new Set<string>();
  for (const row of r.value?.rows ?? []) {
    const [code, official, bokmal, rule] = row.cells;
    const at = (message: string) => problems.push({ file, line: row.line, message });
    if (!/^\d{4}$/.test(code)) at(`ugyldig kommunenummer '${code}'; forventet fire siffer`);
    else if (seen.has(code)) at(`kommunenummeret ${code} står to ganger`);
    else if (official === '' || bokmal === '' || rule === '') at(`tomt felt; alle kolonnene (${BOKMAL_NAME_COLUMNS.join(',')}) må fylles ut`);
    else if (isMultilingualName(bokmal)) at(`bokmålsnavnet '${bokmal}' har flere språkformer; skriv bare den norske, f.eks. ${nameParts(bokmal)[0]}`);
    else if (!nameParts(official).includes(bokmal)) at(`bokmålsnavnet '${bokmal}' er ikke en av formene i '${official}' (${nameParts(official).join(', ')})`);
    else names.push({ code, official, bokmal, rule, line: row.line });
    seen.add(code);
  }
  return { names, problems };
}

/**
 * Give each register entry its bokmål name. `strict` (the data folder's own file): a row whose code is not in the
 * register, or whose official name is not the register's, is a problem. Not strict (the embedded file used for a
 * folder without one): such rows are skipped. Either way a multilingual kommune left without a bokmål name is a
 * problem, so a new Klass name cannot reach a slide unnoticed.
 */
export function applyBokmalNames(register: Map<string, KommuneInfo>, file: string, names: readonly BokmalName[], strict: boolean): Problem[] {
  const problems: Problem[] = [];
  for (const n of names) {
    const k = register.get(n.code);
    const official = k ? officialNameOf(k) : undefined;
    if (!k || official !== n.official) {
      if (strict) {
        const why = k ? `registeret kaller ${n.code} '${official}'` : `${n.code} finnes ikke i kommuneregisteret`;
        problems.push({ file, line: n.line, message: `'${n.official}': ${why}; rett raden eller fjern den` });
      }
      continue;
    }
    register.set(n.code, { ...k, officialName: official, name: n.bokmal });
  }
  for (const k of register.values()) {
    if (k.kind !== 'kommune' || k.name !== officialNameOf(k) || !isMultilingualName(k.name)) continue;
    problems.push({ file, message: `${k.code} ${k.name} har navn på flere språk, men ingen rad her; legg til f.eks. ${k.code},${k.name},${nameParts(k.name)[0]},norsk navn` });
  }
  return problems;
}

/**
 * Read the bokmål names for a register loaded from `registerAbs` (navn-bokmal.csv in the same folder, else the
 * embedded one) and apply them. `registerFile` is the register as messages show it; `read` reads a file by its path.
 */
export function attachBokmalNames(register: Map<string, KommuneInfo>, registerFile: string, registerAbs: string, read: (abs: string) => string): Problem[] {
  const own = path.join(path.dirname(registerAbs), BOKMAL_NAME_FILE);
  const strict = fs.existsSync(own);
  const abs = strict ? own : DEFAULT_BOKMAL_NAME_FILE;
  const file = strict ? path.join(path.dirname(registerFile), BOKMAL_NAME_FILE) : path.relative(process.cwd(), abs) || abs;
  if (!strict && !fs.existsSync(abs)) return [];
  const parsed = parseBokmalNames(file, read(abs));
  return [...parsed.problems, ...applyBokmalNames(register, file, parsed.names, strict)];
}

/** The official (Klass) name of an entry. */
export function officialNameOf(k: KommuneInfo): string {
  return k.officialName ?? k.name;
}

const LETTER_FOLDS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  đ: 'd',
  ŋ: 'n',
  ŧ: 't',
  ß: 'ss',
  ł: 'l',
  ı: 'i',
};

/**
 * Fold a name for comparison: lower case, Norwegian and Sami letters to ASCII (ø→o, æ→ae, å→a, á→a, č→c, đ→d,
 * ŋ→n, š→s, ŧ→t, ž→z, ï→i), the old spelling "aa" as "a", punctuation as spaces.
 */
export function foldName(s: string): string {
  const lower = s.toLowerCase().replace(/[øæđŋŧßłı]/g, (c) => LETTER_FOLDS[c] ?? c);
  return lower
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/aa/g, 'a')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The forms a register name can be matched by: the full name, each language part, and the name without "(fylke)". */
export function nameForms(name: string): string[] {
  const forms = new Set<string>();
  const add = (s: string) => {
    const f = foldName(s);
    if (f) forms.add(f);
  };
  add(name);
  const base = name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
  add(base);
  for (const part of base.split(/\s+-\s+/)) add(part);
  return [...forms];
}

/** Every form an entry is found by: those of its official name and of its bokmål name. */
export function kommuneNameForms(k: KommuneInfo): string[] {
  const official = officialNameOf(k);
  return official === k.name ? nameForms(k.name) : [...new Set([...nameForms(official), ...nameForms(k.name)])];
}

/** Levenshtein distance: one implementation for the whole tool (re-exported for the register's callers). */
export { editDistance };

export function describeKommune(k: KommuneInfo): string {
  return `${k.code} ${k.name}${k.current ? '' : ' (utgått kode)'}`;
}

/** The nearest entries by edit distance between the folded query and any name form, best first. */
export function nearestKommuner(register: KommuneRegister, query: string, limit = 5): KommuneInfo[] {
  const q = foldName(query);
  const scored = entries(register).map((k) => {
    const forms = kommuneNameForms(k);
    let d = Math.min(...forms.map((f) => editDistance(q, f)));
    // a typed beginning of a name ("midtre") is closer than its edit distance says
    if (q.length >= 3 && forms.some((f) => f.startsWith(q))) d = Math.min(d, 1);
    return { k, d };
  });
  scored.sort((a, b) => a.d - b.d || Number(b.k.current) - Number(a.k.current) || a.k.code.localeCompare(b.k.code));
  return scored.slice(0, limit).map((s) => s.k);
}

const CODE_QUERY = /^(?:K-)?(\d{3,4}|E[A-Z][A-Z0-9]*)(?:\s+(.*))?$/i;

/**
 * Find one kommune (or group) from what a user typed: a code ("1837", "301", "K-1837", "EKG06"), a code and a name
 * ("1837 Meløy"), or a name in any case and with or without Norwegian/Sami letters ("MELOY", "Bronnoy", "Porsanki").
 * Ambiguous or unknown input throws a UserError that lists candidates.
 */
export function findKommune(register: KommuneRegister, query: string): KommuneInfo {
  const list = entries(register);
  const q = query.trim().replace(/\s+/g, ' ');
  if (q === '') throw new UserError('tom kommune; skriv et kommunenummer (f.eks. 1837) eller et navn (f.eks. Meløy)', 'UNKNOWN_KOMMUNE');

  const m = CODE_QUERY.exec(q);
  // digits are always a code; letters only when they are a code in the register (EKG06, eak), else a name (Eidskog)
  if (m && (/^\d/.test(m[1]) || list.some((k) => k.code === m[1].toUpperCase()))) {
    let code = m[1].toUpperCase();
    if (/^\d{3}$/.test(code)) code = '0' + code;
    const namePart = m[2]?.trim();
    const hit = list.find((k) => k.code === code);
    if (!hit) {
      const byName = namePart ? matchByName(list, namePart) : [];
      const hint = byName.length > 0 ? `; ${namePart} har nummer ${byName.map((k) => k.code).join(' eller ')}` : '';
      throw new UserError(`ukjent kommunenummer ${code} i '${query}'${hint}; registeret har de ${countCurrent(list)} kommunene fra 2026 pluss gruppekoder (EAK, EKG01..EKG17)`, 'UNKNOWN_KOMMUNE');
    }
    if (namePart && !kommuneNameForms(hit).includes(foldName(namePart))) {
      throw new UserError(`'${query}': ${hit.code} er ${hit.name}, ikke ${namePart}; sjekk nummeret eller skriv bare navnet`, 'UNKNOWN_KOMMUNE');
    }
    return hit;
  }

  const found = matchByName(list, q);
  if (found.length === 1) return found[0];
  if (found.length > 1) {
    const current = found.filter((k) => k.current);
    if (current.length === 1) return current[0];
    throw new UserError(`'${query}' passer med flere: ${found.map(describeKommune).join(', ')}; skriv kommunenummeret`, 'AMBIGUOUS_KOMMUNE');
  }
  const near = nearestKommuner(list, q, 5);
  throw new UserError(`fant ingen kommune som heter '${query}'; mente du ${near.map(describeKommune).join(', ')}?`, 'UNKNOWN_KOMMUNE');
}

function matchByName(list: readonly KommuneInfo[], name: string): KommuneInfo[] {
  const f = foldName(name);
  if (f === '') return [];
  return list.filter((k) => kommuneNameForms(k).includes(f));
}

function countCurrent(list: readonly KommuneInfo[]): number {
  return list.filter((k) => k.kind === 'kommune' && k.current && k.code !== '9999').length;
}

/** Find several, comma-separated ("1837, Alstahaug,EKG06"); each is resolved with findKommune, duplicates dropped. */
export function findKommuner(register: KommuneRegister, list: string): KommuneInfo[] {
  const out: KommuneInfo[] = [];
  for (const part of list.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const k = findKommune(register, part);
    if (!out.some((o) => o.code === k.code)) out.push(k);
  }
  if (out.length === 0) throw new UserError('ingen kommuner oppgitt; skriv f.eks. --kommune 1837,1820,EKG06', 'UNKNOWN_KOMMUNE');
  return out;
}

// ---------- building the register from Klass ----------

interface KlassCode {
  code: string;
  name: string;
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function registerToCsv(rows: readonly KommuneInfo[]): string {
  const lines = [REGISTER_COLUMNS.join(',')];
  for (const r of rows) lines.push([r.code, officialNameOf(r), r.kind, r.current ? 'ja' : 'nei', r.note ?? ''].map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

/**
 * Build the register CSV from a Klass 131 `codesAt` JSON response. Every Klass code becomes a current kommune;
 * every entry of `existing` that Klass does not list (group codes, older codes a source needs) is kept, marked
 * as not current when it is a kommune. Kommuner come first sorted by code, then the kept extra codes in their
 * existing order.
 */
export function buildRegisterFromKlass(klassJson: string, existing: ReadonlyMap<string, KommuneInfo> = new Map()): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(klassJson);
  } catch (e) {
    throw new UserError(`Klass-filen er ikke gyldig JSON: ${(e as Error).message}`, 'BAD_KLASS');
  }
  const codes = (parsed as { codes?: unknown }).codes;
  if (!Array.isArray(codes) || codes.length === 0) throw new UserError('Klass-filen har ingen "codes"; forventet svaret fra /classifications/131/codesAt', 'BAD_KLASS');
  const klass: KlassCode[] = codes.map((c, i) => {
    const o = c as Partial<KlassCode>;
    if (typeof o.code !== 'string' || !/^\d{4}$/.test(o.code) || typeof o.name !== 'string' || o.name.trim() === '') {
      throw new UserError(`Klass-filen: kode nr. ${i + 1} mangler firesifret "code" eller "name"`, 'BAD_KLASS');
    }
    return { code: o.code, name: o.name.trim() };
  });
  klass.sort((a, b) => a.code.localeCompare(b.code));
  const inKlass = new Set(klass.map((k) => k.code));
  const rows: KommuneInfo[] = klass.map((k) => ({ code: k.code, name: k.name, kind: 'kommune', current: true, note: existing.get(k.code)?.note }));
  for (const e of existing.values()) {
    if (inKlass.has(e.code)) continue;
    rows.push(e.kind === 'kommune' ? { ...e, current: false } : e);
  }
  return registerToCsv(rows);
}
