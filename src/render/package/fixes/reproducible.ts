/**
 * Reproducibility: document dates from the caller, ids from content, embedded workbooks normalised.
 */
import { OoxmlPackage, escapeXmlText } from '../opc';
import { deterministicGuid, w3cdtf } from '../xml';
import { zipEntries, unzipEntries, entryOrder } from '../zip';
import { chartParts } from './charts';
import { PRESENTATION } from './structure';

export const CORE = 'docProps/core.xml';
export const APP = 'docProps/app.xml';

/** Document properties the finishing stage may set (each only when given). */
export interface DocumentProperties {
  title?: string;
  subject?: string;
  author?: string;
  company?: string;
}

function setElementText(xml: string, tag: string, value: string | undefined): string {
  if (value === undefined) return xml;
  const re = new RegExp(`(<${tag}(?:\\s[^>]*)?>)[\\s\\S]*?(</${tag}>)|<${tag}(?:\\s[^>]*)?/>`);
  return re.test(xml) ? xml.replace(re, (_all, open: string | undefined, close: string | undefined) => `${open ?? `<${tag}>`}${escapeXmlText(value)}${close ?? `</${tag}>`}`) : xml;
}

/**
 * docProps/core.xml carries `dcterms:created` and `dcterms:modified` from the clock. Write `date` (from the
 * data or SOURCE_DATE_EPOCH) instead, and the title, subject and author when given.
 */
export function fixedCoreDates(pkg: OoxmlPackage, date: Date, props: DocumentProperties = {}): void {
  if (Number.isNaN(date.getTime())) throw new Error('ugyldig dokumentdato');
  const stamp = w3cdtf(date);
  pkg.edit(CORE, (xml) => {
    let out = xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    out = setElementText(out, 'dc:title', props.title);
    out = setElementText(out, 'dc:subject', props.subject);
    out = setElementText(out, 'dc:creator', props.author);
    out = setElementText(out, 'cp:lastModifiedBy', props.author);
    return out;
  });
  pkg.edit(APP, (xml) => setElementText(xml, 'Company', props.company));
}

/**
 * pptxgenjs takes ids from Math.random: section ids in presentation.xml (in lower case, which the p14 schema
 * rejects) and, in charts, data-label field ids and `c16:uniqueId`s. Replace each with a GUID derived from the
 * part name and the id's position in it.
 */
export function deterministicIds(pkg: OoxmlPackage): void {
  pkg.edit(PRESENTATION, (xml) => {
    let i = 0;
    return xml.replace(/(<p14:section\b[^>]*\sid=")\{[^}"]*\}"/g, (_all, head: string) => `${head}${deterministicGuid(`${PRESENTATION}#section${i++}`)}"`);
  });
  for (const part of chartParts(pkg)) {
    pkg.edit(part, (xml) => {
      let f = 0;
      let u = 0;
      return xml
        .replace(/(<a:fld\b[^>]*\sid=")\{[^}"]*\}"/g, (_all, head: string) => `${head}${deterministicGuid(`${part}#fld${f++}`)}"`)
        .replace(/(<c16:uniqueId\b[^>]*\sval=")\{[^}"]*\}"/g, (_all, head: string) => `${head}${deterministicGuid(`${part}#uniqueId${u++}`)}"`);
    });
  }
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Each chart embeds an Excel workbook, itself a zip with clock dates in its entries and in its own
 * docProps/core.xml (with milliseconds). Rewrite each with `date` and a stable entry order. Its entries stay
 * stored: the deck's zip deflates the workbook as one stream, which compresses its many small parts better
 * (about 4 KB a chart against 6 KB with each part deflated on its own).
 */
export function normaliseEmbeddedWorkbooks(pkg: OoxmlPackage, date: Date): void {
  const stamp = w3cdtf(date);
  for (const part of pkg.names().filter((n) => /^ppt\/embeddings\/[^/]+\.xlsx$/i.test(n))) {
    let files: Map<string, Uint8Array>;
    try {
      files = new Map(unzipEntries(pkg.bytes(part)));
    } catch {
      continue; // not a zip: not ours to touch
    }
    const names = entryOrder([...files.keys()]);
    const entries = names.map((n) => {
      const data = files.get(n) as Uint8Array;
      if (n !== CORE) return [n, data] as const;
      const xml = decoder.decode(data).replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
      return [n, encoder.encode(xml)] as const;
    });
    pkg.setBytes(part, zipEntries(entries, { date, level: 0 }));
  }
}
