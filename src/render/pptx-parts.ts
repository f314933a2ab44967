/**
 * pptxgenjs's parts without its zip.
 *
 * pptxgenjs builds every part as a string, hands them to JSZip and zips them; the finishing stage then unzips,
 * fixes and zips again with a fast native DEFLATE. The first zip is pure waste: JSZip's STORE path still encodes
 * every string to UTF-8 and CRCs it in JavaScript, chunk by chunk on timers, and the finishing stage decodes it
 * all again (about a third of pptxgenjs's write time for the council deck; see bench/README.md).
 *
 * pptxgenjs has no option to hand over its parts, but it passes `write({ outputType })` to
 * `JSZip#generateAsync({ type })` unchanged. This module teaches the JSZip that pptxgenjs uses one private output
 * type, PARTS_OUTPUT, which resolves to the zip's entries as they were added: text parts as strings, binary ones as
 * bytes. Every other output type goes to JSZip as before. The hook reads JSZip's internal `_data` and `_dataBinary`
 * fields (JSZip 3.10, pinned in package.json); test/render/pptx-parts.test.ts checks the parts against what
 * pptxgenjs zips itself, so a JSZip that changes them fails the tests, not a deck.
 */
import JSZip from 'jszip';
import { OoxmlPackage } from './package/opc';
import type PptxGenJS from 'pptxgenjs';

type WriteProps = NonNullable<Parameters<PptxGenJS['write']>[0]>;

export const PARTS_OUTPUT = 'kommunedeck-parts';

/** A package as pptxgenjs built it: part name (no leading slash) to text or bytes. */
export type RawParts = Map<string, string | Uint8Array>;

interface ZipObjectInternals {
  name: string;
  dir: boolean;
  /** a promise of the content, or the content (JSZip utils.prepareContent) */
  _data: unknown;
  /** false for a string added as text (to be UTF-8 encoded on output) */
  _dataBinary: boolean;
  async(type: 'uint8array'): Promise<Uint8Array>;
}

async function collectParts(zip: JSZip): Promise<RawParts> {
  const files = Object.values(zip.files) as unknown as ZipObjectInternals[];
  const parts: RawParts = new Map();
  const contents = await Promise.all(files.map((f) => (f.dir ? undefined : f._data)));
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    if (f.dir) continue;
    const data = contents[i];
    if (typeof data === 'string' && !f._dataBinary) parts.set(f.name, data);
    else if (data instanceof Uint8Array) parts.set(f.name, data);
    else parts.set(f.name, await f.async('uint8array')); // anything else: JSZip's own conversion
  }
  return parts;
}

/**
 * Chart workbooks. For each chart pptxgenjs zips an Excel workbook with JSZip, as base64, and adds that to the
 * deck's zip with `{ base64: true }`, which JSZip decodes again, all in JavaScript (about 8 % of a deck's time in
 * a batch). While a parts write is running, a workbook is zipped here instead (stored entries, native CRC; the
 * finishing stage rewrites it anyway, normaliseEmbeddedWorkbooks), and the base64 text pptxgenjs passes back is
 * swapped for the bytes it stands for. Base64 it still is, so anything that bypasses the swap gets a valid file.
 */
const workbookBytes = new Map<string, Uint8Array>();
let partsWrites = 0;

/** Zip entry dates of a workbook zipped here (the finishing stage sets the document date). */
const WORKBOOK_DATE = new Date(Date.UTC(1980, 0, 1));

async function zipWorkbook(zip: JSZip): Promise<string> {
  const bytes = OoxmlPackage.fromParts(await collectParts(zip)).toZip({ date: WORKBOOK_DATE, level: 0 });
  const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  workbookBytes.set(base64, bytes);
  return base64;
}

let installed = false;

type Proto = {
  generateAsync: (this: JSZip, options?: { type?: string }, onUpdate?: unknown) => Promise<unknown>;
  file: (this: JSZip, ...args: unknown[]) => unknown;
};

/** Install the PARTS_OUTPUT type on JSZip (once per module instance; other output types are untouched). */
export function installPartsOutput(): void {
  if (installed) return;
  installed = true;
  const proto = JSZip.prototype as unknown as Proto;
  const generateAsync = proto.generateAsync;
  proto.generateAsync = function (this: JSZip, options?: { type?: string }, onUpdate?: unknown) {
    if (options?.type === PARTS_OUTPUT) return collectParts(this);
    if (options?.type === 'base64' && partsWrites > 0 && this.files['xl/workbook.xml'] && Object.keys(options).length === 1) return zipWorkbook(this);
    return generateAsync.call(this, options, onUpdate);
  };
  const file = proto.file;
  proto.file = function (this: JSZip, ...args: unknown[]) {
    const [name, data, options] = args as [unknown, unknown, { base64?: boolean } | undefined];
    if (args.length === 3 && typeof data === 'string' && options?.base64 === true) {
      const bytes = workbookBytes.get(data);
      if (bytes) {
        workbookBytes.delete(data);
        return file.call(this, name, bytes, { ...options, base64: false, binary: true });
      }
    }
    return file.apply(this, args);
  };
}

/** `pres.write()` as parts. Throws when the pptxgenjs in use does not go through the hooked JSZip. */
export async function writeParts(pres: PptxGenJS): Promise<RawParts> {
  installPartsOutput();
  let out: unknown;
  partsWrites++;
  try {
    // the type is ours, not one of pptxgenjs's WRITE_OUTPUT_TYPEs: it goes to JSZip unchanged
    out = await pres.write({ outputType: PARTS_OUTPUT as WriteProps['outputType'] });
  } catch (e) {
    throw new Error(`pptxgenjs skrev ikke delene sine gjennom JSZip-kroken (${(e as Error).message}); er det to kopier av jszip i node_modules?`);
  } finally {
    partsWrites--;
    if (partsWrites === 0) workbookBytes.clear();
  }
  if (!(out instanceof Map)) throw new Error('pptxgenjs skrev ikke delene sine gjennom JSZip-kroken; er det to kopier av jszip i node_modules?');
  return out as RawParts;
}
