import { readJsonStat, JsonStatCube } from '../import/jsonstat';
import { regionCodeOf } from '../import/kostra-dimensions';
import { MISSING_SYMBOLS, MissingSymbol, Observation } from '../model';
import { TablePlan } from './plan';

/**
 * From one PxWebApi v2 answer to the observations the source map declares: each cell is matched against the
 * table's mappings (ContentsCode + fixed dimension codes, a family dimension's code), values over summed
 * dimensions (Kjonn) are added, SSB's number is scaled to the variable's unit, and the source line names the table
 * and the publishing date SSB gives in `updated`.
 */

/** A fetched figure: an observation not yet in a file; `value` null means SSB publishes no number (the symbol says why). */
export type FetchedRow = Omit<Observation, 'file' | 'line'>;

/** dd.mm.yyyy of an ISO timestamp, in Norwegian time. */
export function norwegianDate(iso: string): string | undefined {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  const parts = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(t));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}.${get('month')}.${get('year')}`;
}

/**
 * The source line of a fetched figure: "SSB, tabell 12134 (publisert 16.03.2026, ureviderte tall)". KOSTRA figures for
 * accounting year Y are published unrevised around 15 March Y+1 and revised around 15 June Y+1: an `updated` before
 * 1 June Y+1 means the unrevised figures.
 */
export function sourceLine(plan: TablePlan, year: number, accountingYear: boolean, updated: string | undefined): string {
  const date = updated ? norwegianDate(updated) : undefined;
  if (!date || !updated) return `SSB, tabell ${plan.table}`;
  if (!plan.info.kostra || !accountingYear) return `SSB, tabell ${plan.table} (publisert ${date})`;
  const revised = Date.parse(updated) >= Date.UTC(year + 1, 5, 1);
  return `SSB, tabell ${plan.table} (publisert ${date}, ${revised ? 'reviderte' : 'ureviderte'} tall)`;
}

function round(n: number): number {
  return Number(n.toPrecision(15));
}

function symbolOf(status: string | undefined): MissingSymbol | undefined {
  return status !== undefined && (MISSING_SYMBOLS as readonly string[]).includes(status) ? (status as MissingSymbol) : undefined;
}

export interface RowsResult {
  rows: FetchedRow[];
  /** region codes in the answer that are not in the register (left out) */
  unknownRegions: string[];
}

/** The rows of one answer. `keepRegion` says which region codes the data folder knows. */
export function rowsFromAnswer(plan: TablePlan, url: string, text: string, updated: string | undefined, keepRegion: (code: string) => boolean, yearFilter?: (year: number) => boolean): RowsResult {
  const cube: JsonStatCube = readJsonStat(url, text);
  const dims = cube.dimensions;
  const index = (id: string) => dims.findIndex((d) => d.id === id);
  const regionAt = index(plan.info.regionDim) >= 0 ? index(plan.info.regionDim) : dims.findIndex((d) => cube.role.geo.includes(d.id));
  const timeAt = index(plan.info.timeDim) >= 0 ? index(plan.info.timeDim) : dims.findIndex((d) => cube.role.time.includes(d.id));
  const contentsAt = index('ContentsCode') >= 0 ? index('ContentsCode') : dims.findIndex((d) => cube.role.metric.includes(d.id));
  if (regionAt < 0 || timeAt < 0) throw new Error(`${url}: fant ikke region- og tidsdimensjonen (${plan.info.regionDim}, ${plan.info.timeDim})`);

  const sizes = dims.map((d) => d.codes.length);
  const pos = new Array<number>(dims.length).fill(0);
  const sums = new Map<string, { row: FetchedRow; parts: { value: number | null; symbol?: MissingSymbol }[] }>();
  const unknown = new Set<string>();
  for (let flat = 0; flat < cube.values.length; flat++) {
    let rest = flat;
    for (let d = dims.length - 1; d >= 0; d--) {
      pos[d] = rest % sizes[d];
      rest = Math.floor(rest / sizes[d]);
    }
    const code = (d: number) => dims[d].codes[pos[d]];
    const regionRaw = code(regionAt);
    const region = regionRaw === '0' && plan.info.regionDim === 'Region' ? 'EAK' : regionCodeOf(regionRaw) ?? regionRaw;
    const timeCode = code(timeAt);
    if (!/^\d{4}$/.test(timeCode)) continue;
    const tableYear = Number(timeCode);
    if (!keepRegion(region)) {
      unknown.add(region);
      continue;
    }
    const contents = contentsAt >= 0 ? code(contentsAt) : undefined;
    const status = cube.statuses[flat];
    let value = cube.values[flat];
    let symbol = symbolOf(status);
    if (symbol === '-') value = value ?? 0;
    else if (symbol !== undefined) value = null;
    else if (value === null) symbol = '..';

    for (const m of plan.mappings) {
      const s = m.source;
      if (s.table !== plan.table || (contents !== undefined && s.contents !== contents)) continue;
      const fixed = Object.entries(s.dims ?? {}).every(([dim, c]) => {
        const at = index(dim);
        return at < 0 || code(at) === c;
      });
      if (!fixed) continue;
      // the variable's year: the table's year minus the declared offset (KOSTRA's 31.12 population is 07459's 1.1. the year after)
      const year = tableYear - (s.yearOffset ?? 0);
      if (yearFilter && !yearFilter(year)) continue;
      let variable = m.variable;
      if (s.each) {
        const at = index(s.each.dim);
        const seg = at >= 0 ? s.each.codes[code(at)] : undefined;
        if (seg === undefined) continue;
        variable = variable.replace('*', seg);
      }
      const scaled = value === null ? null : round(value * (s.scale ?? 1));
      const key = `${region}|${year}|${variable}`;
      const accounting = s.year === 'regnskapsaar';
      const row: FetchedRow = { region, year, variable, value: scaled, symbol, unit: s.unit, source: sourceLine(plan, year, accounting, updated) };
      const summed = (s.sum ?? []).some((dim) => index(dim) >= 0);
      const have = sums.get(key);
      if (!summed) {
        sums.set(key, { row, parts: [{ value: scaled, symbol }] });
      } else if (have) have.parts.push({ value: scaled, symbol });
      else sums.set(key, { row, parts: [{ value: scaled, symbol }] });
    }
  }
  const rows: FetchedRow[] = [];
  for (const { row, parts } of sums.values()) {
    if (parts.length === 1) {
      rows.push(row);
      continue;
    }
    // a sum: a missing part makes the sum missing, "-" counts as 0
    const gap = parts.find((p) => p.value === null);
    if (gap) rows.push({ ...row, value: null, symbol: gap.symbol ?? '..' });
    else rows.push({ ...row, value: round(parts.reduce((a, p) => a + (p.value ?? 0), 0)), symbol: parts.every((p) => p.symbol === '-') ? '-' : undefined });
  }
  return { rows, unknownRegions: [...unknown].sort() };
}
