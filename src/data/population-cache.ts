import * as os from 'os';
import * as path from 'path';
import { derivedCacheOn, derivedFile, filesKey, readDerived, saveOnExit, writeDerived } from '../util/derived-cache';
import type { PopulationFiles, PopulationGap, PopulationProvenance } from './population';

/**
 * The population files of a data folder, parsed, remembered across processes as one binary file (./derived-cache.ts:
 * for the CLI, keyed by every population file's and the gaps file's path, size and modification time).
 *
 * Why: the embedded 07459 file is 2,7 MB of CSV. Reading it, indexing its 7 761 lines and parsing the rows a deck
 * reads (its kommune's years and every kommune's deck year for the ranks) was about a tenth of a single deck's
 * whole-process time, and the 2,7 MB string a good part of its garbage collection. The parsed rows are 3,3 MB of
 * Int32 cells: read into an ArrayBuffer (outside the JS heap) in about a millisecond. Only files whose every row
 * parsed are stored; `data check` always reads the CSV (PopulationStore.validate).
 *
 * Layout (little- or big-endian as the machine, which is part of the key):
 *   "KDPOP001" | u32 header length | header JSON (key, rows, regions, provenance, gaps), padded to 4 bytes |
 *   Int32 × rows × 3 (region index, year, provenance index) | Int32 × rows × width (total, ages 0..105)
 */
const MAGIC = 'KDPOP001';

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
  return filesKey(
    [MAGIC, width, os.endianness()],
    pf.files.map((f) => path.join(pf.dir, f)),
    [path.join(pf.dir, gapsFile)],
  );
}

function cacheFileOf(key: string): string | undefined {
  return derivedFile('population', key, '.bin');
}

/** The parsed population as remembered for exactly these files, or undefined (none, stale, unreadable, cache off). */
export function readCachedPopulation(pf: PopulationFiles, width: number, gapsFile: string): ParsedPopulation | undefined {
  if (pf.files.length === 0 || !derivedCacheOn()) return undefined;
  const key = keyOf(pf, width, gapsFile);
  const buf = key ? readDerived(cacheFileOf(key)) : undefined;
  if (!buf || buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) return undefined;
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

/**
 * Remember these files' rows when the process exits. `complete` parses the rows not parsed yet and gives them all,
 * or undefined when a row has a problem (then nothing is stored).
 */
export function rememberPopulationOnExit(pf: PopulationFiles, width: number, gapsFile: string, complete: () => ParsedPopulation | undefined): void {
  if (pf.files.length === 0 || !derivedCacheOn()) return;
  const key = keyOf(pf, width, gapsFile);
  const file = key ? cacheFileOf(key) : undefined;
  if (!key || !file) return;
  saveOnExit(() => {
    const parsed = complete();
    if (parsed) writeDerived(file, encode(key, width, parsed));
  });
}

function encode(key: string, width: number, p: ParsedPopulation): Buffer {
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
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
