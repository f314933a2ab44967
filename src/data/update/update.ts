import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readDeckFile } from '../../build';
import { chooseDeckReferences } from '../../deck/references';
import { selectKommuner } from '../../batch/select';
import { ProblemsError, UserError } from '../../errors';
import { FigureChange, diffFigures } from '../../workflow/diff';
import { DEFAULT_DECK, resolveWithFigures } from '../../workflow/resolved';
import { readCsv } from '../csvfile';
import { Dataset } from '../dataset';
import { fetchKlass, fetchTable, FetchOptions, FetchRequest, jsonStatUpdated, klassBaseUrl, ssbBaseUrl } from '../fetch/pxwebapi';
import { kostragruppeRequestPath, mergeMembership, membershipFromKlass, MembershipRow, parseKlassCorrespondence } from '../import/klass';
import { TidyRow } from '../import/kostra-dimensions';
import { tidyToCsv, writeFileAtomic } from '../import/write';
import { loadDataset, OBSERVATION_HEADER } from '../load';
import { MISSING_SYMBOLS, MissingSymbol } from '../model';
import { SOURCE_MAP } from '../sources/source-map';
import { SSB_TABLES } from '../sources/ssb-tables';
import { SsbTableInfo, VariableSource } from '../sources/types';
import { planTables, TablePlan } from './plan';
import { FetchedRow, rowsFromAnswer } from './rows';
import { CACHE_DIR, UpdateState } from './state';

/**
 * `kommunedeck data update`: every SSB table of the source map for the chosen kommuner, their reference kommuner,
 * landet (EAK, EAKUO) and their KOSTRA groups, fetched through PxWebApi v2 (src/data/fetch/pxwebapi.ts: batches,
 * at most 2 requests in flight, back-off), recorded in the data folder's cache so an interrupted run resumes,
 * imported as observations (observations/ssb-<table>.csv) on the variable ids the map declares, with a provenance
 * record per table (provenance/ssb-<table>.json).
 *
 * Nothing in the data folder outside `.cache/` changes until everything is imported into a staging copy and that
 * copy loads without problems; then the changed files are moved in one by one (each write atomic). A table that
 * fails is reported and the others are still imported; no answer at all leaves the data folder as it was.
 */

export interface UpdateOptions {
  dataDir: string;
  /** `--kommuner`: as batch (list, all, fylke:NN, kostragruppe:EKGNN); default all */
  kommuner?: string;
  /** `--years`: "2019-2024" or "2024"; default the last five years SSB has */
  years?: string;
  /** the deck whose references are fetched too and whose figures the summary compares (default the council deck) */
  deckFile?: string;
  /** `--ref`: reference kommuner for all of them (else the deck's, else the rule, as a build chooses them) */
  refs?: string;
  /** ask SSB again even for answers recorded as current */
  refresh?: boolean;
  /** at most this many kommuner get a figure comparison in the summary (default 10) */
  diffLimit?: number;
  now?: () => Date;
  log?: (line: string) => void;
  fetch?: Pick<FetchOptions, 'baseUrl' | 'maxRetries' | 'retryBaseMs' | 'timeoutMs' | 'maxRetryAfterMs' | 'concurrency'>;
  /** the Klass API's base address (default env KOMMUNEDECK_KLASS_URL, else https://data.ssb.no/api/klass/v1) */
  klassBaseUrl?: string;
  /** the declaration to fetch by (default SOURCE_MAP / SSB_TABLES) */
  map?: Readonly<Record<string, VariableSource>>;
  tables?: Readonly<Record<string, SsbTableInfo>>;
}

export interface TableOutcome {
  table: string;
  title: string;
  requests: number;
  /** requests answered by SSB in this run (the rest came from the recorded cache) */
  fetched: number;
  rowsNew: number;
  rowsChanged: number;
  rowsRemoved: number;
  rowsUnchanged: number;
  /** fetched rows left out because another observations file has the same region/year/variable */
  rowsKept: number;
  updated: string | null;
  notes: string[];
}

export interface UpdateResult {
  tables: TableOutcome[];
  failures: { table: string; message: string }[];
  /** the figure changes per kommune (deck built from the data before and after) */
  changes: { kommune: string; name: string; changes: FigureChange[] }[];
  notes: string[];
  /** files of the data folder that were written (relative to it) */
  written: string[];
  offline: boolean;
  exitCode: 0 | 1;
}

const OBS_DIR = 'observations';
const PROV_DIR = 'provenance';

export function parseYears(text: string | undefined): { from: number; to: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$/.exec(text);
  if (!m) throw new UserError(`ugyldig --years '${text}'; forventet fra-til, f.eks. 2019-2024, eller ett år`, 'BAD_YEARS');
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  if (to < from) throw new UserError(`ugyldig --years '${text}': ${to} er før ${from}`, 'BAD_YEARS');
  return { from, to };
}

interface Regions {
  kommuner: string[];
  /** kommuner plus the deck's reference kommuner */
  withRefs: string[];
  /** every KOSTRA region: the above, EAK, EAKUO and the KOSTRA groups */
  kostra: string[];
  notes: string[];
}

/** KOSTRA group membership fetched from Klass 112 in this run: kommune -> the newest year's group. */
type KlassGroups = ReadonlyMap<string, { year: number; group: string }>;

function newestGroup(ds: Dataset, kommune: string, klass: KlassGroups): string | undefined {
  const rows = ds.table('kostragruppe_medlemskap', { kommune });
  let best: { year: number; group: string } | undefined = klass.get(kommune);
  for (const r of rows) {
    const year = Number(r.values.year);
    if (!best || year > best.year) best = { year, group: String(r.values.gruppe) };
  }
  return best?.group;
}

/** The reference kommuner a build of the deck would use for each kommune (`--ref`, the deck's entry, else the rule). */
function deckReferences(deckFile: string, ds: Dataset, kommuner: readonly string[], year: number, cliRefs: string | undefined, notes: string[]): string[] {
  // every current kommune is fetched anyway: no need to choose references
  if (kommuner.length >= 300 && cliRefs === undefined) return [];
  try {
    const spec = readDeckFile(deckFile);
    return kommuner.flatMap((k) => chooseDeckReferences(spec, ds, k, year, cliRefs).refs);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    notes.push(`fant ikke referansekommunene i ${deckFile} (${e.message.split('\n')[0]}); bare de valgte kommunene hentes`);
    return [];
  }
}

function chooseRegions(ds: Dataset, selector: string, year: number, deckFile: string, cliRefs: string | undefined, klass: KlassGroups): Regions {
  const sel = selectKommuner(ds, selector, year);
  const kommuner = sel.kommuner.map((k) => k.code);
  const notes = [...sel.notes];
  const refs = [...new Set(deckReferences(deckFile, ds, kommuner, year, cliRefs, notes))].filter((r) => ds.register.has(r));
  const refKommuner = refs.filter((r) => /^\d{4}$/.test(r));
  const withRefs = [...new Set([...kommuner, ...refKommuner])];
  const groups = new Set(refs.filter((r) => /^EKG\d{2}$/.test(r)));
  let without = 0;
  for (const k of withRefs) {
    const g = newestGroup(ds, k, klass);
    if (g) groups.add(g);
    else without++;
  }
  if (without > 0 && groups.size < 17) {
    notes.push(`${without} av kommunene har ingen KOSTRA-gruppe i tables/kostragruppe_medlemskap.csv; gruppetallene hentes bare for gruppene som er kjent`);
  }
  const landet = ['EAK', 'EAKUO'].filter((c) => ds.register.has(c));
  return { kommuner, withRefs, kostra: [...withRefs, ...landet, ...[...groups].sort()], notes };
}

function relKey(url: string, base: string): string {
  return url.startsWith(base) ? url.slice(base.length) : url;
}

function isOffline(e: unknown): boolean {
  return e instanceof UserError && e.code === 'OFFLINE';
}

// ------------------------------------------------------------------------------------------------ observation files

/** A row of an observation file as data update reads and writes it (the same fields as a fetched row). */
type StoredRow = FetchedRow;

const keyOf = (r: { region: string; year: number; variable: string }) => `${r.region}|${r.year}|${r.variable}`;

function readObservationFile(file: string): Map<string, StoredRow> {
  const out = new Map<string, StoredRow>();
  if (!fs.existsSync(file)) return out;
  const r = readCsv(file, fs.readFileSync(file, 'utf8'), OBSERVATION_HEADER);
  for (const row of r.value?.rows ?? []) {
    const [region, yearText, variable, valueText, unit, source] = row.cells;
    const symbol = (MISSING_SYMBOLS as readonly string[]).includes(valueText) ? (valueText as MissingSymbol) : undefined;
    const value = symbol ? (symbol === '-' ? 0 : null) : Number(valueText);
    const s: StoredRow = { region, year: Number(yearText), variable, value: Number.isNaN(value) ? null : value, unit, source };
    if (symbol) s.symbol = symbol;
    out.set(keyOf(s), s);
  }
  return out;
}

function sameValue(a: StoredRow, b: StoredRow): boolean {
  return a.value === b.value && (a.symbol ?? '') === (b.symbol ?? '') && a.unit === b.unit;
}

function csvOf(plan: TablePlan, rows: Iterable<StoredRow>): string {
  const tidy: TidyRow[] = [...rows].map((r) => ({ ...r, label: r.variable }));
  return tidyToCsv(
    tidy,
    `SSB tabell ${plan.table}: ${plan.info.title}.\nSkrevet av "kommunedeck data update" (se ${PROV_DIR}/ssb-${plan.table}.json); neste oppdatering skriver filen på nytt, så ikke rediger den for hånd.`,
  );
}

interface Provenance {
  table: string;
  title: string;
  publisher: string;
  /** SSB's newest `updated` over the requests */
  updated: string | null;
  /** the newest time an answer was received */
  fetchedAt: string | null;
  requests: { url: string; updated: string | null; fetchedAt: string; regions: number }[];
}

function readProvenance(file: string): Provenance | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Provenance;
  } catch {
    return undefined;
  }
}

const maxIso = (xs: (string | null)[]): string | null => xs.filter((x): x is string => x !== null).sort().pop() ?? null;

// ------------------------------------------------------------------------------------------------ the run

interface Fetched {
  plan: TablePlan;
  rows: FetchedRow[];
  requests: { url: string; updated: string | null; fetchedAt: string; regions: number }[];
  fetched: number;
  notes: string[];
}

export async function runUpdate(opts: UpdateOptions): Promise<UpdateResult> {
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? (() => new Date());
  const dataDir = path.resolve(opts.dataDir);
  const deckFile = opts.deckFile ?? DEFAULT_DECK;
  const years = parseYears(opts.years);
  const { dataset } = loadDataset(dataDir);
  const plan = planTables(opts.map ?? SOURCE_MAP, opts.tables ?? SSB_TABLES);
  if (plan.tables.length === 0) throw new UserError('kildekartet (src/data/sources/source-map.ts) har ingen SSB-tabeller å hente', 'NO_TABLES');

  const base = ssbBaseUrl(opts.fetch?.baseUrl);
  const state = new UpdateState(dataDir);
  const failures: UpdateResult['failures'] = [];
  const fetched: Fetched[] = [];
  let offline = false;

  // ---- KOSTRA group membership (Klass 112) first: it decides which group figures (EKGnn) are fetched
  const klass = await fetchKlassGroups(opts, dataset, state, years, now, log);
  failures.push(...klass.failures);
  const regions = chooseRegions(dataset, opts.kommuner ?? 'all', years?.to ?? now().getFullYear(), deckFile, opts.refs, klass.newest);
  const notes = [...regions.notes, ...plan.problems];
  log(`Oppdaterer ${dataDir} fra ${base}: ${plan.tables.length} tabeller, ${regions.kommuner.length} kommuner (${regions.kostra.length} regioner med referanser, landet og KOSTRA-grupper)`);

  for (const p of plan.tables) {
    if (offline) {
      failures.push({ table: p.table, message: 'ikke forsøkt: SSB svarte ikke' });
      continue;
    }
    const projection = p.mappings.every((m) => m.source.year === 'framskrivingsaar');
    const req: FetchRequest = {
      table: p.table,
      regions: p.info.kostra ? regions.kostra : regions.withRefs,
      years: projection ? ['*'] : years ? [`from(${years.from})`] : ['top(5)'],
      contents: p.contents,
      select: Object.keys(p.select).length > 0 ? p.select : undefined,
      regionDim: p.info.regionDim,
    };
    const got: Fetched = { plan: p, rows: [], requests: [], fetched: 0, notes: [] };
    const skipped: string[] = [];
    try {
      const responses = await fetchTable(req, {
        ...opts.fetch,
        log: (l) => log(l),
        refresh: opts.refresh,
        splitUnknown: true,
        onSkip: (region) => skipped.push(region),
        reuse: (url) => state.answer(relKey(url, base), now())?.text,
        onResponse: (r) => {
          if (r.fromCache) return;
          state.record(relKey(r.url, base), r.text, { table: p.table, updated: jsonStatUpdated(r.text) ?? null, fetchedAt: now().toISOString(), regions: r.regions });
          got.fetched++;
        },
      });
      const known = (c: string) => dataset.register.has(c);
      const yearOk = projection || !years ? undefined : (y: number) => y >= years.from && y <= years.to;
      const unknown = new Set<string>();
      for (const r of responses) {
        const rec = state.get(relKey(r.url, base));
        const updated = rec?.updated ?? jsonStatUpdated(r.text) ?? null;
        const res = rowsFromAnswer(p, r.url, r.text, updated ?? undefined, known, yearOk);
        got.rows.push(...res.rows);
        res.unknownRegions.forEach((u) => unknown.add(u));
        got.requests.push({ url: r.url, updated, fetchedAt: rec?.fetchedAt ?? now().toISOString(), regions: r.regions.length });
      }
      if (skipped.length > 0) got.notes.push(`SSB har ikke ${skipped.join(', ')} i tabellen; de er utelatt`);
      if (unknown.size > 0) got.notes.push(`regionene ${[...unknown].join(', ')} står ikke i register/kommuner.csv og er utelatt`);
      if (responses.length === 0) throw new UserError(`SSB kjente ingen av regionene i tabell ${p.table}; sjekk --years og kommunene`, 'SSB_EMPTY');
      fetched.push(got);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      failures.push({ table: p.table, message: e.message });
      if (isOffline(e)) offline = true;
    }
  }

  const result: UpdateResult = { tables: [], failures, changes: [], notes, written: [], offline, exitCode: failures.length > 0 ? 1 : 0 };
  // nothing from the statbank: nothing is written (the Klass answers stay in the cache for the next run)
  if (fetched.length === 0) return result;

  // ---- import into a staging copy of the data folder (without the cache)
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'kommunedeck-oppdatering-'));
  try {
    fs.cpSync(dataDir, staging, { recursive: true, filter: (src) => path.relative(dataDir, src) !== path.dirname(CACHE_DIR) });
    const changedFiles = importInto(staging, fetched, plan.tables, dataset, result);
    const klassFile = importKlass(staging, klass.years, dataset, result);
    if (klassFile) changedFiles.push(klassFile);
    let after: Dataset;
    try {
      after = loadDataset(staging).dataset;
    } catch (e) {
      if (!(e instanceof ProblemsError)) throw e;
      const shown = e.problems.slice(0, 20).map((p) => `  ${path.relative(staging, path.resolve(p.file)) || p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`);
      result.failures.push({ table: 'alle', message: `de hentede tallene gir en datamappe med feil; ingenting er skrevet:\n${shown.join('\n')}` });
      result.exitCode = 1;
      return result;
    }
    // ---- which figures of the deck change, built from the data as it was and as it will be
    const limit = opts.diffLimit ?? 10;
    const diffKommuner = regions.kommuner.slice(0, limit);
    if (regions.kommuner.length > limit) notes.push(`tallene i presentasjonen er sammenlignet for de ${limit} første kommunene; bruk "kommunedeck diff" for de andre`);
    if (changedFiles.length > 0) {
      for (const k of diffKommuner) {
        try {
          const before = resolveWithFigures({ deckFile, kommune: k, dataset });
          const now2 = resolveWithFigures({ deckFile, kommune: k, dataset: after });
          result.changes.push({ kommune: k, name: dataset.regionName(k), changes: diffFigures(before.figures, now2.figures) });
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          notes.push(`${k} ${dataset.regionName(k)}: presentasjonen kan ikke sammenlignes (${e.message.split('\n')[0]})`);
        }
      }
    }
    // ---- move the changed files in
    for (const rel of changedFiles) {
      const text = fs.readFileSync(path.join(staging, rel));
      writeFileAtomic(path.join(dataDir, rel), text.toString('utf8'));
      result.written.push(rel);
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return result;
}

/** Merge the fetched rows into the staging copy; returns the files (relative) whose bytes changed. */
function importInto(staging: string, fetched: Fetched[], plans: TablePlan[], dataset: Dataset, result: UpdateResult): string[] {
  const obsDir = path.join(staging, OBS_DIR);
  // rows of the source documents and other files: a fetched row never overrides them (the loader refuses duplicates)
  const others = new Map<string, string>();
  const ssbFile = (table: string) => `ssb-${table}.csv`;
  const ssbTables = new Set(plans.map((p) => p.table));
  if (fs.existsSync(obsDir)) {
    for (const f of fs.readdirSync(obsDir).filter((f) => f.endsWith('.csv')).sort()) {
      const m = /^ssb-(\d{5})\.csv$/.exec(f);
      if (m && ssbTables.has(m[1])) continue;
      for (const k of readObservationFile(path.join(obsDir, f)).keys()) if (!others.has(k)) others.set(k, f);
    }
  }
  // priority between SSB tables for the same variable: a table the map names first wins over an `also` table
  const alsoTables = new Set(plans.flatMap((p) => p.mappings.flatMap((m) => (m.source.also ?? []).map((a) => a.table))));
  const rank = (table: string) => (alsoTables.has(table) ? 1 : 0);

  const files = new Map<string, Map<string, StoredRow>>();
  for (const p of plans) files.set(p.table, readObservationFile(path.join(obsDir, ssbFile(p.table))));
  const changed: string[] = [];
  const touched = new Set<string>();

  for (const got of fetched) {
    const p = got.plan;
    const own = files.get(p.table) as Map<string, StoredRow>;
    const out: TableOutcome = {
      table: p.table,
      title: p.info.title,
      requests: got.requests.length,
      fetched: got.fetched,
      rowsNew: 0,
      rowsChanged: 0,
      rowsRemoved: 0,
      rowsUnchanged: 0,
      rowsKept: 0,
      updated: maxIso(got.requests.map((r) => r.updated)),
      notes: [...got.notes],
    };
    const keptFrom = new Map<string, number>();
    const badVar = new Set<string>();
    for (const row of got.rows) {
      const k = keyOf(row);
      const def = dataset.variables.get(row.variable);
      if (!def || def.unit !== row.unit) {
        badVar.add(def ? `${row.variable} (enhet ${row.unit}, variables.csv sier ${def.unit})` : row.variable);
        continue;
      }
      const other = others.get(k);
      if (other) {
        out.rowsKept++;
        keptFrom.set(other, (keptFrom.get(other) ?? 0) + 1);
        continue;
      }
      // the same figure from another SSB table: the primary table keeps it
      let blocked = false;
      for (const [t, rows] of files) {
        if (t === p.table || !rows.has(k)) continue;
        if (rank(t) <= rank(p.table)) blocked = true;
        else {
          rows.delete(k);
          touched.add(t);
        }
      }
      if (blocked) {
        out.rowsKept++;
        continue;
      }
      const have = own.get(k);
      if (row.value === null) {
        // SSB no longer publishes a number: the old one goes
        if (have) {
          own.delete(k);
          out.rowsRemoved++;
        }
        continue;
      }
      const next: StoredRow = { region: row.region, year: row.year, variable: row.variable, value: row.value, unit: row.unit, source: row.source };
      if (row.symbol) next.symbol = row.symbol;
      if (!have) out.rowsNew++;
      else if (!sameValue(have, next)) out.rowsChanged++;
      else out.rowsUnchanged++;
      own.set(k, next);
    }
    for (const [f, n] of keptFrom) out.notes.push(`${n} rader står allerede i ${OBS_DIR}/${f} og er beholdt derfra`);
    if (badVar.size > 0) out.notes.push(`variabler som mangler i variables.csv eller har en annen enhet, ikke importert: ${[...badVar].sort().join(', ')}`);
    touched.add(p.table);
    result.tables.push(out);

    // provenance: this run's requests replace the recorded ones with the same query
    const provFile = path.join(PROV_DIR, `ssb-${p.table}.json`);
    const old = readProvenance(path.join(staging, provFile));
    const requests = new Map((old?.requests ?? []).map((r) => [r.url, r]));
    for (const r of got.requests) requests.set(r.url, r);
    const list = [...requests.values()].sort((a, b) => a.url.localeCompare(b.url));
    const prov: Provenance = {
      table: p.table,
      title: p.info.title,
      publisher: 'Statistisk sentralbyrå (SSB), statistikkbanken, PxWebApi v2',
      updated: maxIso(list.map((r) => r.updated)),
      fetchedAt: maxIso(list.map((r) => r.fetchedAt)),
      requests: list,
    };
    if (writeIfChanged(staging, provFile, JSON.stringify(prov, null, 2) + '\n')) changed.push(provFile);
  }
  for (const t of [...touched].sort()) {
    const p = plans.find((x) => x.table === t) as TablePlan;
    const rows = files.get(t) as Map<string, StoredRow>;
    const rel = path.join(OBS_DIR, ssbFile(t));
    if (rows.size === 0 && !fs.existsSync(path.join(staging, rel))) continue;
    if (writeIfChanged(staging, rel, csvOf(p, rows.values()))) changed.push(rel);
  }
  return changed.sort();
}

function writeIfChanged(root: string, rel: string, text: string): boolean {
  const f = path.join(root, rel);
  if (fs.existsSync(f) && fs.readFileSync(f, 'utf8') === text) return false;
  writeFileAtomic(f, text);
  return true;
}

// ------------------------------------------------------------------------------------------------ Klass 112

const MEMBERSHIP_FILE = path.join('tables', 'kostragruppe_medlemskap.csv');
const KLASS_TABLE = 'Klass 112';

interface KlassYear {
  year: number;
  rows: MembershipRow[];
  url: string;
  fetched: boolean;
  notes: string[];
}

/**
 * The accounting years whose KOSTRA groups are fetched: every year of `--years` (at most the last ten), else last
 * year (the newest accounts SSB publishes). Membership for year Y is Klass 112 on 1 January Y.
 */
function klassYears(years: { from: number; to: number } | undefined, now: Date): number[] {
  if (!years) return [now.getFullYear() - 1];
  const out: number[] = [];
  for (let y = Math.max(years.from, years.to - 9); y <= years.to; y++) out.push(y);
  return out;
}

async function fetchKlassGroups(
  opts: UpdateOptions,
  dataset: Dataset,
  state: UpdateState,
  years: { from: number; to: number } | undefined,
  now: () => Date,
  log: (line: string) => void,
): Promise<{ years: KlassYear[]; newest: Map<string, { year: number; group: string }>; failures: UpdateResult['failures'] }> {
  const base = klassBaseUrl(opts.klassBaseUrl);
  const out: KlassYear[] = [];
  const failures: UpdateResult['failures'] = [];
  const list = klassYears(years, now());
  log(`Henter KOSTRA-grupperingen (Klass 112) fra ${base} for ${list.join(', ')}`);
  for (const year of list) {
    const key = `klass:${kostragruppeRequestPath(year)}`;
    try {
      const stored = opts.refresh ? undefined : state.answer(key, now());
      let text: string;
      let url = `${base}${kostragruppeRequestPath(year)}`;
      if (stored) text = stored.text;
      else {
        const got = await fetchKlass(kostragruppeRequestPath(year), { ...opts.fetch, baseUrl: base, log });
        text = got.text;
        url = got.url;
      }
      // a broken answer is reported now and never recorded
      const items = parseKlassCorrespondence(text, url);
      const m = membershipFromKlass(items, year, dataset.register);
      if (!stored) state.record(key, text, { table: 'klass-112', updated: null, fetchedAt: now().toISOString(), regions: [] });
      out.push({ year, rows: m.rows, url, fetched: !stored, notes: m.warnings });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      failures.push({ table: KLASS_TABLE, message: `KOSTRA-grupperingen for ${year}: ${e.message}` });
      if (e.code === 'OFFLINE') break;
    }
  }
  const newest = new Map<string, { year: number; group: string }>();
  for (const y of out) for (const r of y.rows) if ((newest.get(r.kommune)?.year ?? -Infinity) < y.year) newest.set(r.kommune, { year: y.year, group: r.gruppe });
  return { years: out, newest, failures };
}

/** Write the fetched years into the staging copy's kostragruppe_medlemskap.csv (other years kept); returns the file when it changed. */
function importKlass(staging: string, years: KlassYear[], dataset: Dataset, result: UpdateResult): string | undefined {
  if (years.length === 0) return undefined;
  const file = path.join(staging, MEMBERSHIP_FILE);
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  let text = before;
  const out: TableOutcome = {
    table: KLASS_TABLE,
    title: 'KOSTRA-grupperinger (KOSTRA-gruppe per kommune)',
    requests: years.length,
    fetched: years.filter((y) => y.fetched).length,
    rowsNew: 0,
    rowsChanged: 0,
    rowsRemoved: 0,
    rowsUnchanged: 0,
    rowsKept: 0,
    updated: null,
    notes: [],
  };
  for (const y of years) {
    const had = new Map(dataset.table('kostragruppe_medlemskap', { year: y.year }).map((r) => [String(r.values.kommune), String(r.values.gruppe)]));
    for (const r of y.rows) {
      const g = had.get(r.kommune);
      if (g === undefined) out.rowsNew++;
      else if (g !== r.gruppe) out.rowsChanged++;
      else out.rowsUnchanged++;
      had.delete(r.kommune);
    }
    out.rowsRemoved += had.size;
    out.notes.push(...y.notes.map((n) => `${y.year}: ${n}`));
    text = mergeMembership(MEMBERSHIP_FILE, text, y.year, y.rows).text;
  }
  result.tables.push(out);
  if (text === undefined || text === before) return undefined;
  writeFileAtomic(file, text);
  return MEMBERSHIP_FILE;
}

// ------------------------------------------------------------------------------------------------ the summary

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The summary the command ends with (bokmål). */
export function summaryLines(r: UpdateResult, dataDir: string): string[] {
  const out: string[] = [];
  const ok = r.tables;
  if (ok.length > 0) {
    out.push(`Hentet ${plural(ok.length, 'tabell', 'tabeller')} fra SSB:`);
    for (const t of ok) {
      const upd = t.updated ? `, SSB oppdatert ${t.updated.slice(0, 10)}` : '';
      const req = t.fetched === 0 ? `${plural(t.requests, 'forespørsel', 'forespørsler')}, alle fra hurtigbufferen` : `${t.fetched} av ${plural(t.requests, 'forespørsel', 'forespørsler')} hentet nå`;
      out.push(`  ${t.table} ${t.title} (${req}${upd}): ${t.rowsNew} nye rader, ${t.rowsChanged} endret, ${t.rowsUnchanged} uendret${t.rowsRemoved ? `, ${t.rowsRemoved} fjernet` : ''}`);
      for (const n of t.notes) out.push(`    ${n}`);
    }
  }
  if (r.written.length > 0) out.push(`Skrev ${r.written.map((w) => path.join(dataDir, w)).join(', ')}`);
  else if (ok.length > 0) out.push(`Ingen endringer i ${dataDir}.`);
  for (const c of r.changes) {
    if (c.changes.length === 0) {
      out.push(`Ingen tall i presentasjonen for ${c.kommune} ${c.name} endres.`);
      continue;
    }
    const slides = new Set(c.changes.map((x) => x.slide)).size;
    out.push(`${c.kommune} ${c.name}: ${plural(c.changes.length, 'tall', 'tall')} endres på ${plural(slides, 'lysbilde', 'lysbilder')}:`);
    for (const x of c.changes.slice(0, 25)) out.push(`  ${x.slideNumber} ${x.slide.startsWith('#') ? '' : x.slide} ${x.metric} ${x.place}: ${x.old} → ${x.new}`.replace(/\s+/g, ' ').trimEnd());
    if (c.changes.length > 25) out.push(`  … og ${c.changes.length - 25} til (se "kommunedeck diff")`);
  }
  for (const n of r.notes) out.push(`Merk: ${n}`);
  return out;
}

/** The failures (to stderr), with what to do. */
export function failureLines(r: UpdateResult, dataDir: string): string[] {
  if (r.failures.length === 0) return [];
  const out: string[] = [];
  if (r.offline && r.tables.length === 0) {
    out.push(`Feil: fikk ikke kontakt med SSB; datamappen ${dataDir} er uendret.`);
    out.push('Sjekk nettforbindelsen (og proxy/brannmur), eller prøv igjen senere: https://data.ssb.no/api/pxwebapi/v2 må svare.');
    out.push('Svar som allerede er hentet ligger i .cache/ssb/ i datamappen og brukes om igjen neste gang.');
    out.push(`(${r.failures[0].message.split('\n')[0]})`);
    return out;
  }
  for (const f of r.failures) out.push(`Feil: tabell ${f.table}: ${f.message}`);
  if (r.tables.length > 0) out.push(`De andre tabellene er importert; kjør kommandoen igjen for å hente ${r.failures.length === 1 ? 'den som mangler' : 'de som mangler'} (det som er hentet, brukes om igjen).`);
  else out.push(`Ingen tabeller er importert; datamappen ${dataDir} er uendret. Det som er hentet, ligger i .cache/ssb/ og brukes om igjen neste gang.`);
  return out;
}
