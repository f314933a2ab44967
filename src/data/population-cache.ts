import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { PopulationFiles, PopulationGap, PopulationProvenance } from './population';

/**
 * The population files of a data folder, parsed, remembered across processes as one binary file (for the CLI, like
 * its code cache and parsed-deck cache; off unless the CLI turns it on).
 *
 * Why: the embedded 07459 file is 2,7 MB of CSV. Reading it, indexing its 7 761 lines and parsing the rows a deck
 * reads (its kommune's years and every kommune's deck year for the ranks) was about a tenth of a single deck's
 * whole-process time, and the 2,7 MB string a good part of its garbage collection. The parsed rows are 3,3 MB of
 * Int32 cells: read into an ArrayBuffer (outside the JS heap) in about a millisecond.
 *
 * Never stale: the key is every population file's and the gaps file's path, size and modification time, the format
 * and the row width; any change (an `import befolkning`, an edit, a checkout) makes a new key and the CSV is read
 * again. Only files whose every row parsed without a problem are stored, so a mistake is still reported with its
 * file:line. `data check` always reads the CSV (PopulationStore.validate).
 *
 * Layout (little- or big-endian as the machine, which is part of the key):
 *   "KDPOP001" | u32 header length | header JSON (key, rows, regions, provenance, gaps), padded to 4 bytes |
 *   Int32 × rows × 3 (region index, year, provenance index) | Int32 × rows × width (total, ages 0..105)
 */
const MAGIC = 'KDPOP001';
const KEEP = 4;
let cacheDir: string | undefined;

/** Where parsed population is kept (the bundle's cache folder), or undefined to read the CSV every time. */
export function usePopulationCache(dir: string | undefined): void {
  cacheDir = dir;
}

/** The population files as parsed rows: what the cache holds. Provenance `file` is the absolute path. */
export interface ParsedPopulation {
  regions: string[];
  /** per row: index into regions, year, index into provenance */
  slots: Int32Array;
  provenance: PopulationProvenance[];
  gaps: PopulationGap[];
  /** rows × width cells */
  cells: Int32Array;
}

interface Header {
  key: string;
  rows: number;
  width: number;
  regions: string[];
  provenance: PopulationProvenance[];
  gaps: PopulationGap[];
}

function keyOf(pf: PopulationFiles, width: number, gapsFile: string): string | undefined {
  const parts: (string | number)[] = [MAGIC, width, os.endianness(), path.resolve(pf.dir)];
  for (const f of [...pf.files, gapsFile]) {
    try {
      const s = fs.statSync(path.join(pf.dir, f));
      parts.push(f, s.size, s.mtimeMs);
    } catch {
      if (f !== gapsFile) return undefined;
      parts.push(f, 'none');
    }
  }
  return parts.join('\u0000');
}

function cacheFileOf(key: string): string {
  return path.join(cacheDir!, 'population', `${createHash('sha256').update(key).digest('hex').slice(0, 16)}.bin`);
}

/** The parsed population as remembered for exactly these files, or undefined (none, stale, unreadable, cache off). */
export function readCachedPopulation(pf: PopulationFiles, width: number, gapsFile: string): ParsedPopulation | undefined {
  if (!cacheDir || pf.files.length === 0) return undefined;
  const key = keyOf(pf, width, gapsFile);
  if (!key) return undefined;
  let buf: Buffer;
  try {
    buf = fs.readFileSync(cacheFileOf(key));
  } catch {
    return undefined;
  }
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) return undefined;
  const headerLength = buf.readUInt32LE(8);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 12, 12 + headerLength)) as Header;
  } catch {
    return undefined;
  }
  if (header.key !== key || header.width !== width) return undefined;
  const slotsAt = align4(12 + headerLength);
  const cellsAt = slotsAt + header.rows * 3 * 4;
  if (buf.length !== cellsAt + header.rows * width * 4) return undefined;
  // Int32Array views need 4-byte alignment: readFileSync gives a buffer of its own at offset 0, but do not rely on it
  const bytes = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);
  return {
    regions: header.regions,
    slots: new Int32Array(bytes.buffer, bytes.byteOffset + slotsAt, header.rows * 3),
    provenance: header.provenance,
    gaps: header.gaps,
    cells: new Int32Array(bytes.buffer, bytes.byteOffset + cellsAt, header.rows * width),
  };
}

const pending: (() => void)[] = [];

/**
 * Remember these files' rows when the process exits (or at flushPopulationCache). `complete` parses the rows not
 * parsed yet and gives them all, or undefined when a row has a problem (then nothing is stored). Never an error: a
 * read-only install reads the CSV every time.
 */
export function rememberPopulationOnExit(pf: PopulationFiles, width: number, gapsFile: string, complete: () => ParsedPopulation | undefined): void {
  if (!cacheDir || pf.files.length === 0) return;
  const key = keyOf(pf, width, gapsFile);
  if (!key) return;
  const file = cacheFileOf(key);
  if (pending.length === 0) process.once('exit', flushPopulationCache);
  pending.push(() => {
    const parsed = complete();
    if (parsed) writeCache(file, key, width, parsed);
  });
}

/** Write what rememberPopulationOnExit was asked to remember, now (the exit hook; tests). */
export function flushPopulationCache(): void {
  for (const save of pending.splice(0)) {
    try {
      save();
    } catch {
      // a problem in the data is reported where the row is read; the cache is only a shortcut
    }
  }
}

function writeCache(file: string, key: string, width: number, p: ParsedPopulation): void {
  const rows = p.slots.length / 3;
  const header: Header = { key, rows, width, regions: p.regions, provenance: p.provenance, gaps: p.gaps };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const slotsAt = align4(12 + json.length);
  const out = Buffer.alloc(slotsAt + (p.slots.length + p.cells.length) * 4);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  Buffer.from(p.slots.buffer, p.slots.byteOffset, p.slots.byteLength).copy(out, slotsAt);
  Buffer.from(p.cells.buffer, p.cells.byteOffset, p.cells.byteLength).copy(out, slotsAt + p.slots.byteLength);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, out);
    fs.renameSync(tmp, file);
    prune(path.dirname(file));
  } catch {
    // a read-only install reads the CSV every time
  }
}

/** Keep the few newest (one per data folder in use, typically one). */
function prune(dir: string): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bin'))
    .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(KEEP)) fs.rmSync(path.join(dir, f), { force: true });
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
