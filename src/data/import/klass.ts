import * as fs from 'fs';
import { UserError } from '../../errors';
import { readCsv } from '../csvfile';
import { KommuneInfo } from '../model';
import { KOSTRAGRUPPE_MEDLEMSKAP } from '../tables/kostra';
import { writeFileAtomic } from './write';

/**
 * KOSTRA group membership from SSB's classification Klass 112 (KOSTRA-grupperinger), read from its correspondence
 * with Klass 131 (kommuner):
 *
 *   GET https://data.ssb.no/api/klass/v1/classifications/112/correspondsAt?targetClassificationId=131&date=2024-01-01
 *
 * answers `{"correspondenceItems": [{sourceCode, sourceName, targetCode, targetName, validFrom, validTo, ...}]}`
 * (JSON when asked with `Accept: application/json`): sourceCode is the group, targetCode the kommunenummer. Like the
 * Klass 131 reader (buildRegisterFromKlass in src/data/register.ts) the envelope is checked and every item must have
 * its codes; a group code is stored as the region code KOSTRA's statbank tables use (EKG01–EKG17).
 *
 * `kommunedeck import kostragrupper <fil.json> --year Y` and `data update` both write the rows of one year into
 * data/tables/kostragruppe_medlemskap.csv and keep every other year's rows (and the file's comment lines).
 */

export const KLASS_KOSTRAGRUPPER = '112';
export const KLASS_KOMMUNER = '131';

export interface KlassCorrespondenceItem {
  sourceCode: string;
  sourceName: string;
  targetCode: string;
  targetName: string;
  validFrom: string | null;
  validTo: string | null;
}

/** The request path (after the Klass API's base address) for the groups valid on 1 January of a year. */
export function kostragruppeRequestPath(year: number): string {
  return `/classifications/${KLASS_KOSTRAGRUPPER}/correspondsAt?targetClassificationId=${KLASS_KOMMUNER}&date=${year}-01-01`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined);

/** Parse a Klass `correspondsAt` (or `corresponds`) JSON answer; throws a UserError naming what is wrong. */
export function parseKlassCorrespondence(text: string, origin: string): KlassCorrespondenceItem[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new UserError(`${origin}: Klass-filen er ikke gyldig JSON: ${(e as Error).message}`, 'BAD_KLASS');
  }
  const items = (doc as { correspondenceItems?: unknown } | null)?.correspondenceItems;
  if (!Array.isArray(items)) {
    const codes = Array.isArray((doc as { codes?: unknown } | null)?.codes);
    throw new UserError(
      `${origin}: Klass-filen har ingen "correspondenceItems"; forventet svaret fra /classifications/112/correspondsAt?targetClassificationId=131&date=ÅÅÅÅ-01-01` +
        (codes ? ' (dette er en kodeliste fra codesAt, ikke en korrespondanse)' : ''),
      'BAD_KLASS',
    );
  }
  return items.map((it, i) => {
    const o = (it ?? {}) as Record<string, unknown>;
    const sourceCode = str(o.sourceCode);
    const targetCode = str(o.targetCode);
    if (!sourceCode || !targetCode) throw new UserError(`${origin}: korrespondanse nr. ${i + 1} mangler "sourceCode" eller "targetCode"`, 'BAD_KLASS');
    return {
      sourceCode,
      sourceName: str(o.sourceName) ?? '',
      targetCode,
      targetName: str(o.targetName) ?? '',
      validFrom: str(o.validFrom) ?? null,
      validTo: str(o.validTo) ?? null,
    };
  });
}

/** A Klass 112 group code as the statbank's region code: EKG01–EKG17 (also accepts KG01, 01, 1). */
export function groupRegionCode(code: string): string | undefined {
  const m = /^(?:E?KG)?\s*0?(\d{1,2})$/i.exec(code.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 && n <= 17 ? `EKG${String(n).padStart(2, '0')}` : undefined;
}

export interface MembershipRow {
  year: number;
  gruppe: string;
  kommune: string;
  navn_i_kilden: string;
  merknad: string;
  source: string;
}

export interface MembershipImport {
  rows: MembershipRow[];
  warnings: string[];
}

export function klassSource(year: number): string {
  return `SSB Klass 112 (KOSTRA-grupperinger) mot Klass 131 per 1.1.${year}`;
}

/**
 * The membership rows of one year from Klass items: one row per kommune. Codes Klass 112 has besides EKG01–EKG17 and
 * kommuner the register does not know are left out with a warning; a kommune in two groups is an error.
 */
export function membershipFromKlass(items: readonly KlassCorrespondenceItem[], year: number, register: ReadonlyMap<string, KommuneInfo>, source = klassSource(year)): MembershipImport {
  const warnings: string[] = [];
  const byKommune = new Map<string, MembershipRow>();
  const otherGroups = new Set<string>();
  const unknown = new Set<string>();
  for (const it of items) {
    const gruppe = groupRegionCode(it.sourceCode);
    if (!gruppe) {
      otherGroups.add(it.sourceCode);
      continue;
    }
    if (!/^\d{4}$/.test(it.targetCode) || !register.has(it.targetCode)) {
      unknown.add(it.targetCode);
      continue;
    }
    const have = byKommune.get(it.targetCode);
    if (have && have.gruppe !== gruppe) {
      throw new UserError(`Klass-filen plasserer ${it.targetCode} ${it.targetName} i både ${have.gruppe} og ${gruppe} for ${year}; forventet én gruppe per kommune`, 'BAD_KLASS');
    }
    byKommune.set(it.targetCode, { year, gruppe, kommune: it.targetCode, navn_i_kilden: it.targetName, merknad: '', source });
  }
  if (otherGroups.size > 0) warnings.push(`gruppekoder som ikke er EKG01–EKG17, utelatt: ${[...otherGroups].sort().join(', ')}`);
  if (unknown.size > 0) warnings.push(`kommunenumre som ikke står i register/kommuner.csv, utelatt: ${[...unknown].sort().join(', ')}`);
  const rows = [...byKommune.values()].sort((a, b) => a.gruppe.localeCompare(b.gruppe) || a.kommune.localeCompare(b.kommune));
  if (rows.length === 0) throw new UserError(`Klass-filen gir ingen KOSTRA-gruppe for noen kjent kommune i ${year}${warnings.length ? ` (${warnings.join('; ')})` : ''}`, 'EMPTY_IMPORT');
  return { rows, warnings };
}

const COLUMNS = KOSTRAGRUPPE_MEDLEMSKAP.columns.map((c) => c.name);

function cell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const DEFAULT_COMMENT = '# KOSTRA-gruppe per kommune og regnskapsår. Årene fra SSB Klass 112 skrives av "kommunedeck import kostragrupper" og "kommunedeck data update".';

/**
 * The text of kostragruppe_medlemskap.csv with `rows` replacing that year's rows: the comment lines at the top and
 * every other year's rows are kept as they were. `current` is the file's text (undefined when there is none).
 */
export function mergeMembership(file: string, current: string | undefined, year: number, rows: readonly MembershipRow[]): { text: string; replaced: number; kept: number } {
  const comments: string[] = [];
  const kept: string[][] = [];
  let replaced = 0;
  if (current !== undefined && current.trim() !== '') {
    const body = current.charCodeAt(0) === 0xfeff ? current.slice(1) : current;
    for (const line of body.split(/\r?\n/)) {
      if (line.startsWith('#')) comments.push(line);
      else break;
    }
    const r = readCsv(file, current, COLUMNS);
    if (!r.value || r.problems.length > 0) {
      const p = r.problems[0];
      throw new UserError(`${p ? `${p.file}:${p.line ?? ''}: ${p.message}` : file}; rett filen før du importerer`, 'BAD_TABLE');
    }
    for (const row of r.value.rows) {
      if (Number(row.cells[0]) === year) replaced++;
      else kept.push(row.cells);
    }
  }
  const lines = [...(comments.length > 0 ? comments : [DEFAULT_COMMENT]), COLUMNS.join(',')];
  const all = [...kept, ...rows.map((r) => COLUMNS.map((c) => String(r[c as keyof MembershipRow])))];
  all.sort((a, b) => Number(a[0]) - Number(b[0]) || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]));
  for (const cells of all) lines.push(cells.map(cell).join(','));
  return { text: lines.join('\n') + '\n', replaced, kept: kept.length };
}

/** Merge into the file on disk (written atomically); returns what changed. */
export function writeMembership(file: string, year: number, rows: readonly MembershipRow[]): { replaced: number; kept: number; changed: boolean } {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  const m = mergeMembership(file, current, year, rows);
  const changed = m.text !== current;
  if (changed) writeFileAtomic(file, m.text);
  return { replaced: m.replaced, kept: m.kept, changed };
}
