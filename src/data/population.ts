import * as fs from 'fs';
import * as path from 'path';
import { Problem, ProblemsError } from '../errors';
import { ParsedPopulation, readCachedPopulation, rememberPopulationOnExit } from './population-cache';

/**
 * Population on 1 January by one-year age (SSB table 07459, both sexes), for every kommune and landet: the
 * embedded national data in data/befolkning/ and whatever a consultant imports there (`import befolkning`).
 *
 * Stored columnar: one Int32Array row per region and year ([total, age 0, …, age 105]), not one object per cell.
 * Nothing is read until a metric asks; then the files are indexed by line and each row is parsed on first use.
 *
 * File form (data/befolkning/*.csv): `#` lines with provenance (`# kilde: SSB, tabell 07459`, `# hentet: YYYY-MM-DD`,
 * `# lisens: …`, `# opphav: …`), then the header `region,year,total,a0,…,a105`, then one row per region and year.
 * Region `0000` (SSB's code for hele landet) is stored as EAK, the code the rest of the data uses for landet.
 * Files are applied oldest `hentet` first, so newer data replaces older for the same region and year.
 * Known gaps are listed in data/befolkning/mangler.csv (region, fra, til, grunn): missing with a reason, never 0.
 */

export const POPULATION_MAX_AGE = 105;
/** total + ages 0..105 */
export const POPULATION_ROW_WIDTH = POPULATION_MAX_AGE + 2;
export const POPULATION_HEADER = ['region', 'year', 'total', ...Array.from({ length: POPULATION_MAX_AGE + 1 }, (_, a) => `a${a}`)];
export const LANDET = 'EAK';
export const POPULATION_GAPS_FILE = 'mangler.csv';

/** Where a population file comes from: shown on slides (`source`) and kept for the audit trail. */
export interface PopulationProvenance {
  file: string;
  /** the citation a slide prints, e.g. "SSB, tabell 07459" */
  source: string;
  /** retrieval date, YYYY-MM-DD */
  retrieved: string;
  licence: string;
  origin: string;
}

export interface PopulationGap {
  region: string;
  from: number;
  to: number;
  reason: string;
}

/** Plain data that describes the population files of a data folder: survives structured clone into workers. */
export interface PopulationFiles {
  dir: string;
  files: string[];
}

export function listPopulationFiles(dataDir: string): PopulationFiles {
  const dir = path.join(dataDir, 'befolkning');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.csv') && f !== POPULATION_GAPS_FILE).sort() : [];
  return { dir, files };
}

/** Where a row's text is: which file, the character range, its line (for messages). */
interface RowRef {
  text: number;
  start: number;
  end: number;
  line: number;
}

interface Indexed {
  /** region -> year -> slot (the row's place in `cells` × POPULATION_ROW_WIDTH) */
  index: Map<string, Map<number, number>>;
  /** per slot: index into provenance */
  provenanceOf: Int32Array;
  provenance: PopulationProvenance[];
  /** the rows parsed so far: 1 = parsed, 0 = not yet */
  parsed: Uint8Array;
  cells: Int32Array;
  gaps: PopulationGap[];
  /** where each row's text is, for rows parsed on first use (none when every row came parsed from the cache) */
  source?: { refs: RowRef[]; texts: { rel: string; text: string }[] };
  /** the row objects handed out so far, one per slot: a rank reads every kommune's row once per ranked figure */
  rows: (PopulationRow | undefined)[];
}

/** The population of one region in one year: total and one-year ages (the last age is "105 and older"). Read-only: shared by every reader. */
export interface PopulationRow {
  readonly region: string;
  readonly year: number;
  readonly total: number;
  /** ages[a] = persons of age a; ages[105] includes everyone older */
  readonly ages: Int32Array;
  readonly provenance: PopulationProvenance;
}

/**
 * On first use the files are read and every line is indexed by region and year (a scan for line ends, the first
 * nine characters read); a row's numbers are parsed when it is first asked for. A deck reads a few hundred of the
 * 7 761 rows (its kommune's years, and every kommune's deck year for a rank), so it never pays for the rest.
 */
export class PopulationStore {
  /** a holder, not a field: views of the store (src/batch/inputs.ts) share the one index through their prototype */
  private readonly state: { indexed?: Indexed } = {};

  constructor(readonly files: PopulationFiles) {}

  private data(): Indexed {
    this.state.indexed ??= loadIndexed(this.files);
    return this.state.indexed;
  }

  /** True when the folder has population files at all (without reading them). */
  get present(): boolean {
    return this.files.files.length > 0;
  }

  row(region: string, year: number): PopulationRow | undefined {
    const d = this.data();
    const slot = d.index.get(region)?.get(year);
    if (slot === undefined) return undefined;
    if (d.parsed[slot] === 0) {
      const problem = parseSlot(d, slot);
      if (problem) throw new ProblemsError([problem], 'INVALID_DATA');
    }
    let r = d.rows[slot];
    if (!r) {
      const off = slot * POPULATION_ROW_WIDTH;
      r = d.rows[slot] = { region, year, total: d.cells[off], ages: d.cells.subarray(off + 1, off + POPULATION_ROW_WIDTH), provenance: d.provenance[d.provenanceOf[slot]] };
    }
    return r;
  }

  /** Years with data for a region, ascending. */
  years(region: string): number[] {
    const m = this.data().index.get(region);
    return m ? [...m.keys()].sort((a, b) => a - b) : [];
  }

  /** Regions with data (kommuner and EAK). */
  regions(): string[] {
    return [...this.data().index.keys()];
  }

  /** Why a region has no figure for a year, when the gaps file says (split kommuner, kommuner not yet formed). */
  gap(region: string, year: number): PopulationGap | undefined {
    return this.data().gaps.find((g) => g.region === region && year >= g.from && year <= g.to);
  }

  provenance(): readonly PopulationProvenance[] {
    return this.data().provenance;
  }

  /**
   * Parse and validate every row of the files now (data check), never from the cache: all problems are thrown
   * together as a ProblemsError. Files without a problem are remembered for the builds that follow (CLI only).
   */
  validate(): { rows: number } {
    const d = indexPopulationFiles(this.files);
    const problems = parseAll(d);
    if (problems.length > 0) throw new ProblemsError(problems.slice(0, 50), 'INVALID_DATA');
    rememberPopulationOnExit(this.files, POPULATION_ROW_WIDTH, POPULATION_GAPS_FILE, () => toParsed(d));
    return { rows: d.parsed.length };
  }
}

/**
 * The files' rows: parsed from the binary cache when it holds exactly these files (./population-cache.ts, CLI only),
 * else indexed from the CSV, and remembered in the cache when the process exits.
 */
function loadIndexed(pf: PopulationFiles): Indexed {
  const cached = readCachedPopulation(pf, POPULATION_ROW_WIDTH, POPULATION_GAPS_FILE);
  if (cached) return fromParsed(cached);
  const d = indexPopulationFiles(pf);
  rememberPopulationOnExit(pf, POPULATION_ROW_WIDTH, POPULATION_GAPS_FILE, () => (parseAll(d).length === 0 ? toParsed(d) : undefined));
  return d;
}

function fromParsed(p: ParsedPopulation): Indexed {
  const rows = p.slots.length / 3;
  const index = new Map<string, Map<number, number>>();
  const provenanceOf = new Int32Array(rows);
  for (let slot = 0; slot < rows; slot++) {
    const region = p.regions[p.slots[slot * 3]];
    let years = index.get(region);
    if (!years) index.set(region, (years = new Map()));
    years.set(p.slots[slot * 3 + 1], slot);
    provenanceOf[slot] = p.slots[slot * 3 + 2];
  }
  const provenance = p.provenance.map((m) => ({ ...m, file: path.relative(process.cwd(), m.file) || m.file }));
  return { index, provenanceOf, provenance, parsed: new Uint8Array(rows).fill(1), cells: p.cells, gaps: p.gaps, rows: [] };
}

function toParsed(d: Indexed): ParsedPopulation {
  const regions = [...d.index.keys()];
  const slots = new Int32Array(d.parsed.length * 3);
  regions.forEach((region, r) => {
    for (const [year, slot] of d.index.get(region)!) slots.set([r, year, d.provenanceOf[slot]], slot * 3);
  });
  const provenance = d.provenance.map((m) => ({ ...m, file: path.resolve(m.file) }));
  return { regions, slots, provenance, gaps: d.gaps, cells: d.cells };
}

/** Parse every row not parsed yet; the problems. */
function parseAll(d: Indexed): Problem[] {
  const problems: Problem[] = [];
  for (let slot = 0; slot < d.parsed.length; slot++) {
    if (d.parsed[slot] !== 0) continue;
    const p = parseSlot(d, slot);
    if (p) problems.push(p);
  }
  return problems;
}

const META_KEYS: Record<string, keyof Omit<PopulationProvenance, 'file'>> = { kilde: 'source', hentet: 'retrieved', lisens: 'licence', opphav: 'origin' };

function readProvenance(file: string, text: string, problems: Problem[]): { meta: PopulationProvenance; bodyStart: number; bodyLine: number } {
  const meta: PopulationProvenance = { file, source: '', retrieved: '', licence: '', origin: '' };
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < text.length && text[pos] === '#') {
    const end = text.indexOf('\n', pos);
    const l = text.slice(pos + 1, end < 0 ? text.length : end).trim();
    const m = /^([a-zæøå]+):\s*(.*)$/i.exec(l);
    const key = m ? META_KEYS[m[1].toLowerCase()] : undefined;
    if (m && key) meta[key] = meta[key] ? `${meta[key]} ${m[2]}` : m[2];
    pos = end < 0 ? text.length : end + 1;
    line++;
  }
  if (!meta.source) problems.push({ file, line: 1, message: 'kilden mangler; forventet en kommentarlinje som «# kilde: SSB, tabell 07459»' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meta.retrieved)) problems.push({ file, line: 1, message: 'hentedatoen mangler; forventet en kommentarlinje som «# hentet: 2026-08-22»' });
  return { meta, bodyStart: pos, bodyLine: line };
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Read the files (oldest retrieval first, so a newer file's row for the same region and year wins) and index every
 * line by region and year. A line whose first two fields are not a kommunenummer and a year, a wrong header, a row
 * twice in one file, or missing provenance is a problem with file:line now; the numbers are checked when parsed.
 */
function indexPopulationFiles(pf: PopulationFiles): Indexed {
  const problems: Problem[] = [];
  const read = pf.files.map((f) => {
    const abs = path.join(pf.dir, f);
    const rel = path.relative(process.cwd(), abs) || abs;
    const text = fs.readFileSync(abs, 'utf8');
    return { rel, text, ...readProvenance(rel, text, problems) };
  });
  read.sort((a, b) => a.meta.retrieved.localeCompare(b.meta.retrieved) || a.rel.localeCompare(b.rel));
  const index = new Map<string, Map<number, number>>();
  const refs: RowRef[] = [];
  const texts: { rel: string; text: string }[] = [];
  const textProvenance: number[] = [];
  const provenance: PopulationProvenance[] = [];
  const header = POPULATION_HEADER.join(',');
  for (const t of read) {
    const textIndex = texts.push({ rel: t.rel, text: t.text }) - 1;
    textProvenance.push(provenance.push(t.meta) - 1);
    const { text } = t;
    let pos = t.bodyStart;
    let line = t.bodyLine;
    const headerEnd = lineEnd(text, pos);
    if (text.slice(pos, headerEnd).replace(/\r$/, '').trim() !== header) {
      problems.push({ file: t.rel, line, message: `feil overskriftsrad; forventet region,year,total,a0,…,a${POPULATION_MAX_AGE}` });
      continue;
    }
    const inThisFile = new Set<string>();
    for (pos = headerEnd + 1, line++; pos < text.length; pos = lineEnd(text, pos) + 1, line++) {
      const end = lineEnd(text, pos);
      // a blank line (or a lone CR): skipped without making a string of every line
      if (end - pos <= 1 && (end === pos || text.charCodeAt(pos) === 13)) continue;
      let ok = text.charCodeAt(pos + 4) === 44 && text.charCodeAt(pos + 9) === 44;
      for (let i = 0; ok && i < 9; i++) if (i !== 4 && !isDigit(text.charCodeAt(pos + i))) ok = false;
      if (!ok) {
        const first = text.slice(pos, Math.min(end, pos + 12)).split(',')[0];
        problems.push({ file: t.rel, line, message: `ugyldig region '${first}' eller år; forventet et firesifret kommunenummer (0000 for hele landet) og et firesifret år` });
        continue;
      }
      const code = text.slice(pos, pos + 4);
      const region = code === '0000' ? LANDET : code;
      const year = Number(text.slice(pos + 5, pos + 9));
      const key = `${region}|${year}`;
      if (inThisFile.has(key)) {
        problems.push({ file: t.rel, line, message: `${code} ${year} står to ganger i filen` });
        continue;
      }
      inThisFile.add(key);
      let years = index.get(region);
      if (!years) index.set(region, (years = new Map()));
      const ref = { text: textIndex, start: pos, end, line };
      const slot = years.get(year);
      if (slot !== undefined) refs[slot] = ref;
      else years.set(year, refs.push(ref) - 1);
    }
  }
  const gaps = readGaps(pf.dir, problems);
  if (problems.length > 0) throw new ProblemsError(problems.slice(0, 50), 'INVALID_DATA');
  const provenanceOf = Int32Array.from(refs, (r) => textProvenance[r.text]);
  return { index, provenanceOf, provenance, parsed: new Uint8Array(refs.length), cells: new Int32Array(Math.max(refs.length, 1) * POPULATION_ROW_WIDTH), gaps, source: { refs, texts }, rows: [] };
}

/** Parse one indexed row into its slot; the problem (with file:line) when its numbers are wrong. */
function parseSlot(d: Indexed, slot: number): Problem | undefined {
  const ref = d.source!.refs[slot];
  const t = d.source!.texts[ref.text];
  const r = parseRow(t.text, ref.start, ref.end, d.cells, slot * POPULATION_ROW_WIDTH);
  if (typeof r === 'string') return { file: t.rel, line: ref.line, message: r };
  d.parsed[slot] = 1;
  return undefined;
}

function lineEnd(text: string, pos: number): number {
  const e = text.indexOf('\n', pos);
  return e < 0 ? text.length : e;
}

/** Parse `region,year,total,a0..a105` between pos and end into cells[at..]; a string is the problem. */
function parseRow(text: string, pos: number, end: number, cells: Int32Array, at: number): { region: string; year: number } | string {
  let comma = text.indexOf(',', pos);
  if (comma < 0 || comma > end) return 'for få kolonner; forventet region,year,total,a0,…,a105';
  const region = text.slice(pos, comma);
  if (!/^\d{4}$/.test(region)) return `ugyldig region '${region}'; forventet et firesifret kommunenummer (0000 for hele landet)`;
  pos = comma + 1;
  let year = 0;
  let col = 0;
  const expected = POPULATION_ROW_WIDTH + 1;
  let n = 0;
  let digits = 0;
  const stop = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  for (let i = pos; i <= stop; i++) {
    const c = i < stop ? text.charCodeAt(i) : 44;
    if (c === 44) {
      if (digits === 0) return `kolonne ${col + 2} er tom eller ikke et heltall; forventet et antall personer`;
      if (col === 0) year = n;
      else if (col < expected) cells[at + col - 1] = n;
      col++;
      n = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
    } else {
      const cellEnd = text.indexOf(',', i);
      return `'${text.slice(i - digits, cellEnd < 0 || cellEnd > stop ? stop : cellEnd).trim()}' i kolonne ${col + 2} er ikke et heltall; forventet et antall personer (manglende tall hører hjemme i ${POPULATION_GAPS_FILE})`;
    }
  }
  if (col !== expected) return `${col + 1} kolonner; forventet ${expected + 1} (region,year,total,a0,…,a${POPULATION_MAX_AGE})`;
  if (year < 1900 || year > 2200) return `ugyldig år ${year}`;
  let sum = 0;
  for (let a = 1; a < POPULATION_ROW_WIDTH; a++) sum += cells[at + a];
  if (sum !== cells[at]) return `summen av aldrene (${sum}) er ikke lik total (${cells[at]})`;
  return { region, year };
}

function readGaps(dir: string, problems: Problem[]): PopulationGap[] {
  const abs = path.join(dir, POPULATION_GAPS_FILE);
  if (!fs.existsSync(abs)) return [];
  const rel = path.relative(process.cwd(), abs) || abs;
  const gaps: PopulationGap[] = [];
  fs.readFileSync(abs, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const l = raw.replace(/\r$/, '');
      if (l.trim() === '' || l.startsWith('#') || i === firstDataLine(l, i)) return;
      const m = /^(\d{4}),(\d{4}),(\d{4}),"?(.+?)"?$/.exec(l);
      if (!m) problems.push({ file: rel, line: i + 1, message: 'forventet region,fra,til,grunn (f.eks. 1508,2005,2023,"…")' });
      else gaps.push({ region: m[1], from: Number(m[2]), to: Number(m[3]), reason: m[4] });
    });
  return gaps;
}

/** The header line of the gaps file is skipped (it is the first non-comment line, starting with "region"). */
function firstDataLine(l: string, i: number): number {
  return l.startsWith('region,') ? i : -1;
}
