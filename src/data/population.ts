import * as fs from 'fs';
import * as path from 'path';
import { Problem, ProblemsError } from '../errors';

/**
 * Population on 1 January by one-year age (SSB table 07459, both sexes), for every kommune and landet: the
 * embedded national data in data/befolkning/ and whatever a consultant imports there (`import befolkning`).
 *
 * Stored columnar: one Int32Array row per region and year ([total, age 0, …, age 105]), not one object per cell,
 * and parsed lazily on first use, so a deck that reads no population pays nothing and one that does pays one pass
 * over the bytes (~800 000 cells in a few ms).
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

interface Parsed {
  /** region -> year -> row offset in `cells` */
  index: Map<string, Map<number, number>>;
  cells: Int32Array;
  provenance: PopulationProvenance[];
  /** region|year -> index into provenance */
  origin: Map<string, number>;
  gaps: PopulationGap[];
}

/** The population of one region in one year: total and one-year ages (the last age is "105 and older"). */
export interface PopulationRow {
  region: string;
  year: number;
  total: number;
  /** ages[a] = persons of age a; ages[105] includes everyone older */
  ages: Int32Array;
  provenance: PopulationProvenance;
}

export class PopulationStore {
  private parsed?: Parsed;

  constructor(readonly files: PopulationFiles) {}

  private data(): Parsed {
    this.parsed ??= parsePopulationFiles(this.files);
    return this.parsed;
  }

  /** True when the folder has population files at all (without parsing them). */
  get present(): boolean {
    return this.files.files.length > 0;
  }

  row(region: string, year: number): PopulationRow | undefined {
    const d = this.data();
    const off = d.index.get(region)?.get(year);
    if (off === undefined) return undefined;
    return {
      region,
      year,
      total: d.cells[off],
      ages: d.cells.subarray(off + 1, off + POPULATION_ROW_WIDTH),
      provenance: d.provenance[d.origin.get(`${region}|${year}`) ?? 0],
    };
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

  /** Parse and validate now (data check): problems are thrown as a ProblemsError. */
  validate(): { rows: number } {
    let rows = 0;
    for (const m of this.data().index.values()) rows += m.size;
    return { rows };
  }
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

/**
 * One pass over the bytes of each file: integers are read straight from the text into the row buffer, with no
 * string per cell. Any cell that is not a whole number (SSB's `..` included) is a problem with file:line.
 */
function parsePopulationFiles(pf: PopulationFiles): Parsed {
  const problems: Problem[] = [];
  const texts = pf.files.map((f) => {
    const abs = path.join(pf.dir, f);
    const rel = path.relative(process.cwd(), abs) || abs;
    const text = fs.readFileSync(abs, 'utf8');
    return { rel, text, ...readProvenance(rel, text, problems) };
  });
  // oldest retrieval first: newer rows replace older ones
  texts.sort((a, b) => a.meta.retrieved.localeCompare(b.meta.retrieved) || a.rel.localeCompare(b.rel));
  let capacity = 0;
  for (const t of texts) capacity += countLines(t.text, t.bodyStart);
  const cells = new Int32Array(Math.max(capacity, 1) * POPULATION_ROW_WIDTH);
  const index = new Map<string, Map<number, number>>();
  const origin = new Map<string, number>();
  const provenance: PopulationProvenance[] = [];
  let used = 0;
  const header = POPULATION_HEADER.join(',');
  for (const t of texts) {
    const provIndex = provenance.push(t.meta) - 1;
    const { text } = t;
    let pos = t.bodyStart;
    let line = t.bodyLine;
    const headerEnd = lineEnd(text, pos);
    if (text.slice(pos, headerEnd).replace(/\r$/, '').trim() !== header) {
      problems.push({ file: t.rel, line, message: `feil overskriftsrad; forventet region,year,total,a0,…,a${POPULATION_MAX_AGE}` });
      continue;
    }
    pos = headerEnd + 1;
    line++;
    while (pos < text.length) {
      const end = lineEnd(text, pos);
      if (end - pos <= 1 && text.slice(pos, end).trim() === '') {
        pos = end + 1;
        line++;
        continue;
      }
      const r = parseRow(text, pos, end, cells, used * POPULATION_ROW_WIDTH);
      if (typeof r === 'string') problems.push({ file: t.rel, line, message: r });
      else {
        const region = r.region === '0000' ? LANDET : r.region;
        let years = index.get(region);
        if (!years) index.set(region, (years = new Map()));
        const existing = years.get(r.year);
        if (existing !== undefined) {
          // newer file: overwrite the row in place
          cells.copyWithin(existing, used * POPULATION_ROW_WIDTH, (used + 1) * POPULATION_ROW_WIDTH);
        } else {
          years.set(r.year, used * POPULATION_ROW_WIDTH);
          used++;
        }
        origin.set(`${region}|${r.year}`, provIndex);
      }
      pos = end + 1;
      line++;
    }
  }
  const gaps = readGaps(pf.dir, problems);
  if (problems.length > 0) throw new ProblemsError(problems.slice(0, 50), 'INVALID_DATA');
  return { index, cells, provenance, origin, gaps };
}

function lineEnd(text: string, pos: number): number {
  const e = text.indexOf('\n', pos);
  return e < 0 ? text.length : e;
}

function countLines(text: string, from: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n + 1;
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
