import { Problem, ProblemsError } from '../../errors';
import { KommuneInfo, MissingSymbol, Observation } from '../model';
import { foldName, kommuneNameForms } from '../register';
import { SsbCell, SsbImport } from './types';

/**
 * From SSB's dimensions to the tidy model (region, year, variable, value, unit, source).
 *
 * - region: KOKkommuneregion0000 / Region (or a CSV column "region"): "K-" prefixes stripped, 3-digit codes
 *   padded ("301" → "0301"), group codes (EAK, EAKUO, EKGnn) kept; a name alone is looked up in the register.
 * - year: Tid; only whole years.
 * - variable: ContentsCode through KNOWN_VARIABLES when the table and code are known, else
 *   `ssb.<table>.<contentscode>` in lower case; every other dimension adds a suffix (see dimSuffix).
 *   Population tables (07459, 14288) become `befolkning.alder.<n>` (+ `.menn`/`.kvinner` unless summed).
 * - unit: the known variable's unit, else the dataset's unit metadata (or the "(kr)" in the label), normalised.
 */

/** A tidy row ready to be written as data/observations CSV. */
export interface TidyRow extends Omit<Observation, 'file' | 'line'> {
  /** a readable label for the variable (for a variables.csv suggestion) */
  label: string;
}

export interface KnownVariable {
  table: string;
  contents: string;
  /** folded SSB labels (without the unit in parentheses) that identify the same figure in a CSV export without codes */
  labels: string[];
  variable: string;
  unit: string;
  label: string;
  /** other dimensions that must have these codes (canonical dim -> code) */
  where?: Record<string, string>;
}

/**
 * Known SSB statistics variables and the project's variable ids for them. The nine key figures of table 12134
 * (kommunekonsern) are SSB's own ratios; the project stores them under `kostra.*`.
 */
export const KNOWN_VARIABLES: KnownVariable[] = [
  known('12134', 'KOSAG110000', 'kostra.frie_inntekter_kpi', 'kr per innb', 'Frie inntekter per innbygger', ['frie inntekter per innbygger', 'frie inntekter kr per innbygger', 'frie inntekter']),
  known('12134', 'KOSAGD230000', 'kostra.netto_driftsresultat_pct', '%', 'Netto driftsresultat i prosent av brutto driftsinntekter', ['netto driftsresultat i prosent av brutto driftsinntekter', 'netto driftsresultat']),
  known('12134', 'KOSAGD290000', 'kostra.arets_merforbruk_pct', '%', 'Årets merforbruk i driftsregnskapet i prosent av brutto driftsinntekter', ['arets merforbruk i driftsregnskapet i prosent av brutto driftsinntekter', 'arets merforbruk i driftsregnskapet']),
  known('12134', 'KOSKG280000', 'kostra.arbeidskapital_pct', '%', 'Arbeidskapital uten premieavvik i prosent av brutto driftsinntekter', ['arbeidskapital ex premieavvik i prosent av brutto driftsinntekter', 'arbeidskapital uten premieavvik i prosent av brutto driftsinntekter', 'arbeidskapital uten premieavvik']),
  known('12134', 'KOSKG400000', 'kostra.netto_renteeksponering_pct', '%', 'Netto renteeksponering i prosent av brutto driftsinntekter', ['netto renteeksponering i prosent av brutto driftsinntekter', 'netto renteeksponering']),
  known('12134', 'KOSKG320000', 'kostra.langsiktig_gjeld_pct', '%', 'Langsiktig gjeld uten pensjonsforpliktelser i prosent av brutto driftsinntekter', ['langsiktig gjeld ex pensjonsforpliktelser i prosent av brutto driftsinntekter', 'langsiktig gjeld uten pensjonsforpliktelser i prosent av brutto driftsinntekter', 'langsiktig gjeld uten pensjonsforpliktelser']),
  known('12134', 'KOSKG210000', 'kostra.fri_egenkapital_drift_pct', '%', 'Fri egenkapital drift i prosent av brutto driftsinntekter', ['fri egenkapital drift i prosent av brutto driftsinntekter', 'fri egenkapital drift']),
  known('12134', 'KOSAGI10000', 'kostra.brutto_investeringer_pct', '%', 'Brutto investeringsutgifter i prosent av brutto driftsinntekter', ['brutto investeringsutgifter i prosent av brutto driftsinntekter', 'brutto investeringsutgifter']),
  known('12134', 'KOSAGI210000', 'kostra.egenfinansiering_investeringer_pct', '%', 'Egenfinansiering av investeringene i prosent av totale brutto investeringsutgifter', ['egenfinansiering av investeringene i prosent av totale brutto investeringsutgifter', 'egenfinansiering av investeringene']),
];

function known(table: string, contents: string, variable: string, unit: string, label: string, labels: string[]): KnownVariable {
  return { table, contents, variable, unit, label, labels };
}

/** Tables whose cells are persons by one-year age: mapped to `befolkning.alder.<n>`. */
export const POPULATION_TABLES: Record<string, string> = {
  '07459': 'Folkemengde 1. januar',
  '14288': 'Framskrevet folkemengde 1. januar',
};

/** The canonical name of a dimension, from its JSON-stat id or its CSV column label. */
export function canonicalDim(idOrLabel: string): string {
  const s = idOrLabel.trim();
  const f = foldName(s);
  if (/^KOKkommuneregion/i.test(s) || /^(region|kommune|kommuner|kommune region|kostra gruppe|kostragruppe)$/.test(f)) return 'region';
  if (/^(tid|ar|year|arstall)$/.test(f)) return 'tid';
  if (/^contentscode$/i.test(s) || /^(statistikkvariabel|statistikkvariabler|contents)$/.test(f)) return 'contents';
  if (/^KOKfunksjon/i.test(s) || f === 'funksjon') return 'funksjon';
  if (/^KOKart/i.test(s) || f === 'art') return 'art';
  if (/^KOKregnskapsomfa/i.test(s) || f === 'regnskapsomfang') return 'regnskapsomfang';
  if (/^(kjonn|kjoenn|kjonn i alt)$/.test(f)) return 'kjonn';
  if (f === 'alder') return 'alder';
  return slug(s) || 'dim';
}

/** Lower-case ASCII id segment: letters, digits and underscores. */
export function slug(s: string, max = 60): string {
  return foldName(s).replace(/ /g, '_').slice(0, max).replace(/_+$/, '');
}

// group codes are upper case (EAK, EKG06); a lower-case word such as "Eidskog" is a name
const REGION_CODE = /^(?:[Kk]-)?(\d{3,4}|E[A-Z][A-Z0-9]*)$/;

/** The region code in an SSB region code or cell ("1837", "K-1837", "1837 Meløy", "K-1837 Meløy", "EKG06 Kostragruppe 06"). */
export function regionCodeOf(text: string): string | undefined {
  const first = text.trim().split(/\s+/)[0] ?? '';
  const m = REGION_CODE.exec(first);
  if (!m) return undefined;
  const code = m[1];
  return /^\d{3}$/.test(code) ? '0' + code : code;
}

/** The age in years of an `Alder` category: "000", "17", "105+", "17 år", "105 år eller eldre". */
export function ageOf(code: string, label: string): { age: number; plus: boolean } | undefined {
  const c = /^(\d{1,3})(\+)?$/.exec(code.trim());
  if (c) return { age: Number(c[1]), plus: c[2] === '+' };
  const l = /^(?:\d{3}\s+)?(\d{1,3})(\+)?\s*år(.*)$/.exec(label.trim());
  if (l) return { age: Number(l[1]), plus: l[2] === '+' || /eldre|over/.test(l[3]) };
  return undefined;
}

function sexOf(code: string, label: string): string {
  const f = foldName(`${code} ${label}`);
  if (code === '1' || /\bmenn\b|\bmann\b|\bgutter\b/.test(f)) return 'menn';
  if (code === '2' || /\bkvinner\b|\bkvinne\b|\bjenter\b/.test(f)) return 'kvinner';
  if (code === '0' || /begge|i alt|\balle\b/.test(f)) return 'begge';
  return slug(code || label);
}

/** The suffix one extra dimension adds to a variable id. */
export function dimSuffix(dim: string, code: string, label: string): string {
  switch (dim) {
    case 'funksjon':
      return /^\d+$/.test(code) ? `f${code}` : slug(code || label);
    case 'art':
      return slug(code || label);
    case 'regnskapsomfang': {
      const f = foldName(`${code} ${label}`);
      if (code.toUpperCase() === 'A' || /konsern/.test(f)) return 'konsern';
      if (code.toUpperCase() === 'B' || /kasse/.test(f)) return 'kasse';
      return slug(code || label);
    }
    case 'kjonn':
      return sexOf(code, label);
    case 'alder': {
      const a = ageOf(code, label);
      return a ? `alder_${a.age}${a.plus ? '_pluss' : ''}` : `alder_${slug(code || label)}`;
    }
    default:
      return slug(code || label);
  }
}

const UNIT_ALIASES: [RegExp, string][] = [
  [/^(1 ?000 ?(kr|kroner|nok)|tusen kroner|kr 1000)$/, '1000 kr'],
  [/^(1 ?000 ?(kr|kroner) per innbygger)$/, '1000 kr per innb'],
  [/^(kr|kroner|nok)( per innbygger| per innb)$/, 'kr per innb'],
  [/^(kr|kroner|nok)$/, 'kr'],
  [/^(prosent|%|pst|prosentpoeng)$/, '%'],
  [/^(personer|antall|innbyggere|personar|tall)$/, 'antall'],
  [/^(indeks)$/, 'indeks'],
  [/^(ar)$/, 'år'],
];

/** Normalise an SSB unit ("kr", "prosent", "personer", "1 000 kr") to the project's units; per-innbygger labels make "kr per innb". */
export function normalizeUnit(raw: string | undefined, label: string): string | undefined {
  let u = raw?.trim();
  if (!u) {
    const paren = /\(([^()]+)\)\s*(?:\d{4})?\s*$/.exec(label);
    u = paren?.[1];
  }
  if (!u) return undefined;
  const f = u.toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '');
  const folded = foldName(f) === 'ar' ? 'ar' : f;
  for (const [re, unit] of UNIT_ALIASES) {
    if (re.test(folded)) {
      if (unit === 'kr' && /per innbygger|per innb\b/i.test(label)) return 'kr per innb';
      return unit;
    }
  }
  return u;
}

/** An SSB label without its unit in parentheses and without a trailing year. */
export function cleanLabel(label: string): string {
  return label.replace(/\s*\d{4}\s*$/, '').replace(/\s*\([^()]*\)\s*$/, '').trim();
}

export interface MapOptions {
  /** the register (data/register/kommuner.csv) to check regions against */
  register: ReadonlyMap<string, KommuneInfo>;
  /** SSB table number when the file does not say it */
  tableId?: string;
  /** sum men and women (population tables) */
  sumSex?: boolean;
  /** override the `source` column (default "SSB <table>") */
  source?: string;
  /** one variable id for every cell (a file with a single statistics variable) */
  variable?: string;
  /** unit when the file has none */
  unit?: string;
  /** keep rows whose region is not in the register (default: drop them with a warning) */
  keepUnknownRegions?: boolean;
}

export interface MapResult {
  rows: TidyRow[];
  warnings: string[];
}

interface VariableChoice {
  variable: string;
  unit?: string;
  label: string;
  /** the part of the key summed over (sex), when summing */
  summed?: string;
  /** the SSB table the variable belongs to, when only the mapping table knows it */
  table?: string;
}

function findKnown(table: string | undefined, cell: SsbCell): KnownVariable | undefined {
  const c = cell.contents;
  if (!c) return undefined;
  const otherCodes = new Map(cell.others.map((o) => [o.dim, o.code]));
  const whereOk = (k: KnownVariable) => Object.entries(k.where ?? {}).every(([d, code]) => otherCodes.get(d) === code);
  // a known figure matches only when every extra dimension of the cell is pinned by its `where`
  const candidates = KNOWN_VARIABLES.filter((k) => (table === undefined || k.table === table) && whereOk(k) && cell.others.every((o) => k.where?.[o.dim] !== undefined));
  const byCode = candidates.find((k) => k.contents.toUpperCase() === c.code.toUpperCase());
  if (byCode) return byCode;
  const f = foldName(cleanLabel(c.label));
  return candidates.find((k) => k.labels.includes(f));
}

function chooseVariable(table: string | undefined, cell: SsbCell, opts: MapOptions): VariableChoice | { error: string } {
  const contentsLabel = cell.contents ? cleanLabel(cell.contents.label) : '';
  if (opts.variable) return { variable: opts.variable, label: [contentsLabel, ...cell.others.map((o) => o.label)].filter(Boolean).join(', ') };

  const isPopulation =
    (table !== undefined && POPULATION_TABLES[table] !== undefined) ||
    (cell.others.some((o) => o.dim === 'alder') && /personer|folkemengde/i.test(`${cell.contents?.code ?? ''} ${contentsLabel}`));
  if (isPopulation) {
    const alder = cell.others.find((o) => o.dim === 'alder');
    if (!alder) return { error: `tabell ${table}: fant ingen aldersdimensjon; forventet ettårig alder (Alder)` };
    const a = ageOf(alder.code, alder.label);
    const ageSeg = a ? String(a.age) : slug(alder.code || alder.label);
    const parts = ['befolkning', 'alder', ageSeg];
    const labelParts = [`${table && POPULATION_TABLES[table] ? POPULATION_TABLES[table] : 'Folkemengde'}, ${a ? `${a.age} år${a.plus ? ' og eldre' : ''}` : alder.label}`];
    let summed: string | undefined;
    for (const o of cell.others) {
      if (o.dim === 'alder') continue;
      if (o.dim === 'kjonn' && opts.sumSex) {
        summed = sexOf(o.code, o.label);
        continue;
      }
      const suffix = dimSuffix(o.dim, o.code, o.label);
      if (suffix === 'mmmm') continue;
      parts.push(suffix);
      labelParts.push(o.label);
    }
    // projection tables carry the alternative as ContentsCode (MMMM = hovedalternativet, left out of the id)
    const alt = cell.contents?.code;
    if (alt && /^[LMHKAR0]{4}$/i.test(alt) && alt.toUpperCase() !== 'MMMM') {
      parts.push(alt.toLowerCase());
      labelParts.push(`alternativ ${alt.toUpperCase()}`);
    }
    return { variable: parts.join('.'), unit: 'antall', label: labelParts.join(', '), summed };
  }

  const k = findKnown(table, cell);
  if (k) return { variable: k.variable, unit: k.unit, label: k.label, table: k.table };

  if (!cell.contents) return { error: 'fant ikke hvilken statistikkvariabel tallene er (ContentsCode / statistikkvariabel); bruk --variable <id>' };
  if (table === undefined) return { error: 'fant ikke tabellnummeret i filen (tittellinjen "12134: ..."); bruk --table <nummer>' };
  const contentsSeg = slug(cell.contents.code || contentsLabel);
  const parts = ['ssb', table, contentsSeg];
  let summed: string | undefined;
  for (const o of cell.others) {
    if (o.dim === 'kjonn' && opts.sumSex) summed = sexOf(o.code, o.label);
    else parts.push(dimSuffix(o.dim, o.code, o.label));
  }
  const labels = cell.others.filter((o) => !(o.dim === 'kjonn' && opts.sumSex)).map((o) => o.label);
  return { variable: parts.join('.'), label: [contentsLabel, ...labels].filter(Boolean).join(', '), summed };
}

const rowCount = (n: number) => `${n} rad${n === 1 ? '' : 'er'}`;

const SYMBOL_PRIORITY: MissingSymbol[] = [':', '..', '.'];

/** Sum values (men + women): missing wins over numbers, `-` counts as 0. */
function sumValues(parts: { value: number | null; symbol?: MissingSymbol }[]): { value: number | null; symbol?: MissingSymbol } {
  for (const s of SYMBOL_PRIORITY) if (parts.some((p) => p.value === null && (p.symbol ?? '..') === s)) return { value: null, symbol: s };
  if (parts.some((p) => p.value === null)) return { value: null, symbol: '..' };
  if (parts.every((p) => p.symbol === '-')) return { value: 0, symbol: '-' };
  const sum = parts.reduce((a, p) => a + (p.value ?? 0), 0);
  return { value: Number(sum.toPrecision(15)) };
}

function cellWhere(imp: SsbImport, cell: SsbCell): string {
  return cell.line !== undefined ? `${imp.file}:${cell.line}` : imp.file;
}

/** Map imported cells to tidy rows. Problems (bad years, unknown variables) throw; unknown regions are warnings. */
export function cellsToTidy(imp: SsbImport, opts: MapOptions): MapResult {
  const problems: Problem[] = [];
  const warnings = [...imp.warnings];
  const table = opts.tableId ?? imp.tableId;
  if (opts.tableId && imp.tableId && opts.tableId !== imp.tableId) {
    warnings.push(`${imp.file}: filen sier tabell ${imp.tableId}, men --table ${opts.tableId} er brukt`);
  }
  const sourceOf = (t: string | undefined) => opts.source ?? (t ? `SSB ${t}` : 'SSB');
  const unknownRegions = new Map<string, number>();
  const missingUnit = new Set<string>();
  const groups = new Map<string, { row: TidyRow; parts: { value: number | null; symbol?: MissingSymbol }[]; sexes: Set<string>; where: string }>();
  const sexesSeen = new Set<string>();
  const errors = new Set<string>();
  // cells share few combinations of statistics variable and other dimensions: decide each combination once
  const choices = new Map<string, VariableChoice | { error: string }>();

  for (const cell of imp.cells) {
    const where = cellWhere(imp, cell);
    const at: Problem = cell.line !== undefined ? { file: imp.file, line: cell.line, message: '' } : { file: imp.file, message: '' };

    let region = regionCodeOf(cell.region.code);
    if (region === undefined && cell.region.code === '') {
      const f = foldName(cell.region.label);
      const hits = [...opts.register.values()].filter((k) => kommuneNameForms(k).includes(f));
      if (hits.length === 1) region = hits[0].code;
    }
    const shown = `${cell.region.code} ${cell.region.label}`.trim();
    if (region === undefined || !opts.register.has(region)) {
      if (!opts.keepUnknownRegions || region === undefined) {
        unknownRegions.set(shown, (unknownRegions.get(shown) ?? 0) + 1);
        continue;
      }
      unknownRegions.set(shown, (unknownRegions.get(shown) ?? 0) + 1);
    }

    if (!/^\d{4}$/.test(cell.time.code)) {
      problems.push({ ...at, message: `tidskoden '${cell.time.code}' er ikke et årstall; bare årstall (f.eks. 2024) støttes` });
      continue;
    }
    const year = Number(cell.time.code);

    const choiceKey = `${cell.contents?.code}\u0000${cell.contents?.label}\u0000${cell.others.map((o) => `${o.dim}\u0001${o.code}\u0001${o.label}`).join('\u0000')}`;
    let choice = choices.get(choiceKey);
    if (choice === undefined) {
      choice = chooseVariable(table, cell, opts);
      choices.set(choiceKey, choice);
    }
    if ('error' in choice) {
      if (!errors.has(choice.error)) problems.push({ ...at, message: choice.error });
      errors.add(choice.error);
      continue;
    }
    let unit = choice.unit ?? opts.unit ?? normalizeUnit(cell.unit, cell.contents?.label ?? '');
    if (unit === undefined) {
      missingUnit.add(choice.variable);
      unit = 'ukjent';
    }
    const key = `${region}|${year}|${choice.variable}`;
    const g = groups.get(key);
    if (choice.summed !== undefined) sexesSeen.add(choice.summed);
    if (g) {
      if (choice.summed === undefined || g.sexes.has(choice.summed)) {
        problems.push({ ...at, message: `dobbel celle: ${region} ${year} ${choice.variable} står allerede i ${g.where}` });
        continue;
      }
      g.parts.push({ value: cell.value, symbol: cell.symbol });
      g.sexes.add(choice.summed);
    } else {
      groups.set(key, {
        row: { region: region as string, year, variable: choice.variable, value: cell.value, symbol: cell.symbol, unit, source: sourceOf(table ?? choice.table), label: choice.label },
        parts: [{ value: cell.value, symbol: cell.symbol }],
        sexes: new Set(choice.summed !== undefined ? [choice.summed] : []),
        where,
      });
    }
  }
  if (problems.length > 0) throw new ProblemsError(problems.slice(0, 50), 'BAD_IMPORT');

  const rows: TidyRow[] = [];
  for (const g of groups.values()) {
    if (g.parts.length > 1) Object.assign(g.row, sumValues(g.parts));
    if (opts.sumSex && sexesSeen.size > 0 && g.sexes.size < sexesSeen.size) {
      warnings.push(`${g.where}: ${g.row.region} ${g.row.year} ${g.row.variable}: summen har bare ${[...g.sexes].join(', ')}`);
    }
    rows.push(g.row);
  }
  if (opts.sumSex && sexesSeen.size === 1) warnings.push(`${imp.file}: --sum-kjonn: filen har bare ${[...sexesSeen][0]}; summen er ikke begge kjønn`);

  for (const [shown, n] of [...unknownRegions].sort()) {
    warnings.push(
      opts.keepUnknownRegions
        ? `${imp.file}: regionen '${shown}' finnes ikke i kommuneregisteret (${rowCount(n)} tatt med); legg den til i register/kommuner.csv før data check`
        : `${imp.file}: regionen '${shown}' finnes ikke i kommuneregisteret; ${rowCount(n)} er IKKE tatt med (legg koden til i register/kommuner.csv, eller bruk --keep-unknown-regions)`,
    );
  }
  for (const v of [...missingUnit].sort()) warnings.push(`${imp.file}: fant ingen enhet for ${v}; skrev 'ukjent' (bruk --unit)`);
  return { rows, warnings };
}
