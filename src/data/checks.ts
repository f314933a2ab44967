import { Dataset } from './dataset';
import { checkKompass } from './documents/kompass';
import { checkDemografi } from './tables/demografi';
import { checkFinans } from './tables/finans';
import { checkInntektssystem } from './tables/inntektssystem';

/**
 * Consistency checks where the sources allow them (sub-scores that add up to a score, shares that add up to
 * 100 %). They never fail a load; they produce warnings that name the table and row. A warning with severity
 * 'error' is a copy mistake `data check` refuses (exit 1): the figures cannot be right as they stand.
 */
export interface ConsistencyWarning {
  file?: string;
  line?: number;
  message: string;
  /** 'error': `data check` reports it as an error (exit 1) instead of a warning */
  severity?: 'error';
}

export type ConsistencyCheck = (ds: Dataset) => ConsistencyWarning[];

const fmt = (n: number, decimals: number) => n.toFixed(decimals).replace('.', ',');

/** Tolerance of a kostnadsnøkkel's weight sum: the published weights have four decimals, so rounding leaves at most about 0,001. */
export const WEIGHT_SUM_TOLERANCE = 0.001;
/** An index (kostnadsindeks, age-criterion index) this large is a percentage pasted as an index (114,79 for 1,1479). */
export const PERCENT_INDEX_LIMIT = 10;

const isAgeCriterion = (k: string) => /^innb_\d/.test(k);

/**
 * The usual mistakes when the ministry's spreadsheets (kostnadsnøkkel, kriteriedata, kostnadsindeks) are copied into
 * the CSV templates, each with file:line. (Decimal commas, thousands separators and duplicated rows are refused by
 * the loader itself, also with file:line.)
 */
export function checkInntektssystemCopy(ds: Pick<Dataset, 'table'>): ConsistencyWarning[] {
  const out: ConsistencyWarning[] = [];
  const err = (file: string, line: number, message: string) => out.push({ file, line, message, severity: 'error' });

  // --- kostnadsnøkkel: weights per year sum to 1; a weight above 1 is a percentage
  const keys = ds.table('kostnadsnokkel');
  const byYear = new Map<number, { sum: number; first: { file: string; line: number }; last: number; ids: Map<string, string> }>();
  for (const r of keys) {
    const y = Number(r.values.year);
    const v = Number(r.values.vekt ?? 0);
    const e = byYear.get(y) ?? { sum: 0, first: { file: r.file, line: r.line }, last: r.line, ids: new Map<string, string>() };
    e.sum += v;
    e.last = Math.max(e.last, r.line);
    e.ids.set(String(r.values.kriterium), String(r.values.grunnlag));
    byYear.set(y, e);
    if (v > 1) err(r.file, r.line, `vekten ${fmt(v, 4)} for ${r.values.kriterium} er over 1; vektene er andeler (0,2615), ikke prosent (26,15)`);
  }
  for (const [y, e] of byYear) {
    if (Math.abs(e.sum - 1) > WEIGHT_SUM_TOLERANCE) {
      err(e.first.file, e.first.line, `vektene i kostnadsnøkkelen for ${y} (linje ${e.first.line}–${e.last}) summerer til ${fmt(e.sum, 4)}; forventet 1 (±0,001). Mangler et kriterium, eller er en vekt skrevet av feil?`);
    }
  }

  // --- kriteriedata: known criterion ids, indices that are percentages
  for (const r of ds.table('kriteriedata')) {
    const y = Number(r.values.year);
    const k = String(r.values.kriterium);
    const nokkel = byYear.get(y);
    if (!nokkel) err(r.file, r.line, `det finnes ingen kostnadsnøkkel for ${y} i tables/kostnadsnokkel.csv; legg inn nøkkelen for året først`);
    else if (!nokkel.ids.has(k)) {
      const known = [...nokkel.ids.keys()];
      err(r.file, r.line, `kriteriet '${k}' finnes ikke i kostnadsnøkkelen for ${y}; forventet en av ${known.slice(0, 8).join(', ')}${known.length > 8 ? ' …' : ''}`);
    }
    const indeks = r.values.indeks;
    if (typeof indeks === 'number' && indeks >= PERCENT_INDEX_LIMIT && (isAgeCriterion(k) || nokkel?.ids.get(k) === 'personer')) {
      err(r.file, r.line, `indeksen ${fmt(indeks, 2)} for ${k} ser ut som prosent; forventet en indeks der landet er 1 (f.eks. ${fmt(indeks / 100, 4)})`);
    }
  }

  // --- kostnadsindeks as percent
  for (const r of ds.table('kostnadsindeks')) {
    const v = r.values.indeks;
    if (typeof v === 'number' && v >= PERCENT_INDEX_LIMIT) err(r.file, r.line, `kostnadsindeksen ${fmt(v, 2)} ser ut som prosent; forventet en indeks der landet er 1 (f.eks. ${fmt(v / 100, 4)})`);
  }
  return out;
}

/**
 * Age-criterion counts against the population files (run by `data check` only, which parses the population anyway;
 * a build does not pay for it): a count above the kommune's whole population, or age groups that sum to more.
 */
export function checkCriteriaAgainstPopulation(ds: Pick<Dataset, 'table' | 'population'>): ConsistencyWarning[] {
  const out: ConsistencyWarning[] = [];
  if (!ds.population.present) return out;
  const sums = new Map<string, { sum: number; file: string; line: number }>();
  for (const r of ds.table('kriteriedata')) {
    const y = Number(r.values.year);
    const k = String(r.values.kriterium);
    const region = String(r.values.region);
    const antall = r.values.antall;
    if (typeof antall !== 'number' || !isAgeCriterion(k) || !/^\d{4}$/.test(region)) continue;
    const pop = populationNear(ds, region, y);
    if (pop !== undefined && antall > pop.total) {
      out.push({ file: r.file, line: r.line, severity: 'error', message: `${k} for ${region} er ${antall}, mer enn hele folketallet (${pop.total} per 1.1.${pop.year}); er tallet fra en annen kommune eller en annen kolonne?` });
    }
    const s = sums.get(`${region}|${y}`) ?? { sum: 0, file: r.file, line: r.line };
    s.sum += antall;
    sums.set(`${region}|${y}`, s);
  }
  for (const [key, s] of sums) {
    const [region, y] = key.split('|');
    const pop = populationNear(ds, region, Number(y));
    // the age groups split the population (1.7. the year before), so their sum can only be a little above 1.1.
    if (pop !== undefined && s.sum > pop.total * 1.05) {
      out.push({ file: s.file, line: s.line, severity: 'error', message: `alderskriteriene for ${region} ${y} summerer til ${s.sum}, mer enn folketallet (${pop.total} per 1.1.${pop.year}); er en rad kopiert to ganger eller fra en annen kommune?` });
    }
  }
  return out;
}

/** The population a kommune had 1 January of the inntektssystem year or the years before (the criteria count 1.7. the year before). */
function populationNear(ds: Pick<Dataset, 'population'>, region: string, year: number): { total: number; year: number } | undefined {
  if (!ds.population.present) return undefined;
  for (const y of [year - 1, year, year - 2]) {
    const row = ds.population.row(region, y);
    if (row) return { total: Math.max(row.total, ds.population.row(region, y + 1)?.total ?? 0), year: y };
  }
  return undefined;
}

/** checkInntektssystem without the two checks checkInntektssystemCopy makes stricter (weight sum, unknown criterion), so each mistake is reported once. */
function inntektssystemRest(ds: Dataset): ConsistencyWarning[] {
  return checkInntektssystem(ds).filter((w) => !/^kostnadsnøkkelen for \d{4} har vektsum/.test(w.message) && !/^kriteriet \S+ finnes ikke i kostnadsnøkkelen for \d{4}$/.test(w.message));
}

export const CONSISTENCY_CHECKS: ConsistencyCheck[] = [checkKompass, checkDemografi, checkFinans, inntektssystemRest, checkInntektssystemCopy];

export function runConsistencyChecks(ds: Dataset): ConsistencyWarning[] {
  return CONSISTENCY_CHECKS.flatMap((check) => check(ds));
}
