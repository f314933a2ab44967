/**
 * Reading and writing the zip container of a package, so that a deck is the same bytes every time: fixed entry
 * dates, a fixed entry order, DEFLATE. pptxgenjs in Node stores every entry uncompressed and stamps each with
 * the clock.
 *
 * The container is written here (a zip needs a local header per entry, a central directory and an end record:
 * about sixty lines) and compressed with Node's built-in zlib, which is native: about 10 ms for 1,5 MB of slide
 * XML against 35 ms (warm) to 250 ms (cold) for fflate's JavaScript DEFLATE (bench/pptxgenjs-compression.ts).
 * No ZIP64: a deck is far below 4 GB.
 */
import * as zlib from 'zlib';

/** Entries whose data is already compressed: deflating them again costs time and saves nothing. */
const STORED_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'mp4', 'm4v', 'mp3', 'zip']);

export interface ZipWriteOptions {
  /** the date and time every entry carries (UTC fields; zip holds 1980-2107 at 2-second resolution) */
  date: Date;
  /** DEFLATE level, 1-9 (default 6); 0 stores every entry */
  level?: number;
}

const encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------------------
// CRC-32 (zlib.crc32 is native from Node 20.15; the table is the fallback for older 20.x)

let CRC_TABLE: Uint32Array | undefined;
function crc32(data: Uint8Array): number {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(data) >>> 0;
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------------------
// Dates and order

/** MS-DOS date and time fields from the UTC fields of `date` (clamped to 1980-01-01 .. 2107-12-31). */
export function dosDateTime(date: Date): { date: number; time: number } {
  if (Number.isNaN(date.getTime())) throw new Error('ugyldig dato for zip-oppføringene');
  const y = date.getUTCFullYear();
  if (y < 1980) return { date: (1 << 5) | 1, time: 0 };
  if (y > 2107) return { date: (127 << 9) | (12 << 5) | 31, time: (23 << 11) | (59 << 5) | 29 };
  return {
    date: ((y - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
  };
}

/** A part name split into runs of digits and non-digits: what comparePartNames compares. */
function nameRuns(name: string): string[] {
  return name.match(/\d+|\D+/g) ?? [];
}

/** Natural order for part names, slide2 before slide10; by code unit otherwise (no locale, no ICU). */
function compareRuns(a: string, b: string, ca: readonly string[], cb: readonly string[]): number {
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i];
    const y = cb[i];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y) && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The stable entry order: [Content_Types].xml, _rels/.rels, then every other part in natural name order. Each
 * name is split once (a deck has ~250 parts: splitting in the comparator made ~4 000 arrays per zip).
 */
export function entryOrder(names: string[]): string[] {
  const first = ['[Content_Types].xml', '_rels/.rels'].filter((n) => names.includes(n));
  const rest = names
    .filter((n) => !first.includes(n))
    .map((name) => ({ name, runs: nameRuns(name) }))
    .sort((a, b) => compareRuns(a.name, b.name, a.runs, b.runs))
    .map((e) => e.name);
  return [...first, ...rest];
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/**
 * The smallest DEFLATE window (2^9 .. 2^15 bytes) that holds an entry of `length` bytes and zlib's lookahead
 * (MIN_LOOKAHEAD, 262 bytes): no match can reach further back than the entry, so the output is the same bytes as
 * with the default 32 KB window (checked for every part of the council deck in test/render/package/zip.test.ts).
 * What it saves is zlib's per-entry state: a deck has ~250 entries, half of them under 2 KB, and each one
 * allocated and cleared the full window (measured: 150 -> 130 ms for deflating the council deck's parts in a
 * fresh process, system time 39 -> 28 ms).
 */
export function deflateWindowBits(length: number): number {
  return Math.max(9, Math.min(15, Math.ceil(Math.log2(length + 262))));
}

/** Zip the entries in the given order: fixed date, DEFLATE (stored for already-compressed media). */
export function zipEntries(entries: readonly (readonly [string, Uint8Array])[], opts: ZipWriteOptions): Uint8Array {
  const { date, time } = dosDateTime(opts.date);
  const level = opts.level ?? 6;
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = encoder.encode(name);
    const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
    const deflate = level > 0 && !STORED_EXTENSIONS.has(ext) && data.length > 0;
    const body = deflate ? zlib.deflateRawSync(data, { level, windowBits: deflateWindowBits(data.length) }) : data;
    const crc = crc32(data);
    // bit 11: the name is UTF-8 (set only when it is not plain ASCII, as most tools do)
    const flags = nameBytes.length !== name.length ? 0x0800 : 0;
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, deflate ? 8 : 0, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    lv.setUint16(28, 0, true);
    local.set(nameBytes, 30);
    const cen = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(cen.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true); // made by: MS-DOS, spec 2.0
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, deflate ? 8 : 0, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    cen.set(nameBytes, 46);
    chunks.push(local, body);
    central.push(cen);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((a, c) => a + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const c of [...chunks, ...central, end]) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** The entries of a zip, in central-directory order. Folder entries are skipped. Stored and DEFLATE only. */
export function unzipEntries(bytes: Uint8Array): [string, Uint8Array][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('ikke en zip-fil (fant ikke slutten av sentralkatalogen)');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  if (p === 0xffffffff || count === 0xffff) throw new Error('ZIP64 støttes ikke');
  const decoder = new TextDecoder('utf-8');
  const out: [string, Uint8Array][] = [];
  for (let k = 0; k < count; k++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('ødelagt sentralkatalog i zip-filen');
    const method = view.getUint16(p + 10, true);
    const csize = view.getUint32(p + 20, true);
    const usize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (view.getUint32(localOffset, true) !== 0x04034b50) throw new Error(`ødelagt lokal filhode for ${name}`);
    const start = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const raw = bytes.subarray(start, start + csize);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) data = new Uint8Array(zlib.inflateRawSync(raw));
    else throw new Error(`komprimeringsmetode ${method} støttes ikke (${name})`);
    if (data.length !== usize) throw new Error(`feil lengde på ${name} i zip-filen`);
    out.push([name, data]);
  }
  return out;
}
