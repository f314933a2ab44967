/**
 * Source lines a consultant would cite. The data files name their sources by short internal ids ("003 Tabell 1.1",
 * "000 Utgiftsutjevning 2023", "utledet av 000 …", "SSB 12134"); slides and speaker notes show citations instead
 * ("Meløy kommune, Økonomisk analyse 2020, tabell 1.1"). The two source documents are declared once, here, in
 * SOURCE_DOCUMENTS; a source already written as a citation ("SSB, tabell 07459", "KDD, Grønt hefte 2026, tabell A-k")
 * passes through unchanged.
 */

/** A document the embedded data was read from, by the id its data files use. */
export interface SourceDocument {
  /** the id in data file names and source strings ("003") */
  id: string;
  /** how a slide names it: publisher, short title, year */
  citation: string;
  /** the full title, for the README and the audit trail */
  title: string;
  /**
   * how a part of the document (a table, a slide) is added: `comma` for a report with numbered tables
   * ("…, tabell 1.1"), `brackets` for a presentation whose slides have titles, not numbers ("… (utgiftsutjevning 2023)")
   */
  parts: 'comma' | 'brackets';
}

export const SOURCE_DOCUMENTS: readonly SourceDocument[] = [
  {
    id: '000',
    citation: 'KS-Konsulent, presentasjon for Meløy kommunestyre mai 2023',
    title: 'Status og fremtidsutsikter for kommuneøkonomien, KOSTRA-analyse (KS-Konsulent as, presentasjon for kommunestyret i Meløy 11. mai 2023)',
    parts: 'brackets',
  },
  {
    id: '003',
    citation: 'Meløy kommune, Økonomisk analyse 2020',
    title: 'Økonomisk analyse for 2020 (Meløy kommune)',
    parts: 'comma',
  },
];

/** How a figure relates to the source it names. */
type Mode = 'plain' | 'derived' | 'adjusted';

const MODE_PREFIX: Record<string, Mode> = { 'utledet av': 'derived', 'tilpasset til': 'adjusted' };
const MODE_WORDS: Record<Mode, string> = { plain: '', derived: 'beregnet fra ', adjusted: 'avstemt mot ' };

/** One source of a source string: a part of a known document, or text cited as it is. */
type Piece = { mode: Mode; doc: SourceDocument; part: string } | { mode: Mode; doc?: undefined; text: string };

/** Words that keep their capital letter when a slide title becomes part of a citation. */
const PROPER_WORDS = new Set(['Kommunekompass', 'Meløy', 'KOSTRA', 'ROBEK', 'SSB', 'KS']);

function documentById(id: string): SourceDocument | undefined {
  return SOURCE_DOCUMENTS.find((d) => d.id === id);
}

/** "Utgiftsutjevning 2023" → "utgiftsutjevning 2023"; "Nord-Norgetilskudd 2022" and "Kommunekompass 2023" stay. */
function lowerFirstWord(s: string): string {
  const first = s.split(' ')[0];
  return /^[A-ZÆØÅ][a-zæøå]+$/.test(first) && !PROPER_WORDS.has(first) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** Year ranges with an en dash: "2021 - 2022" → "2021–2022". */
function yearRanges(s: string): string {
  return s.replace(/\b(\d{4})\s*-\s*(\d{4})\b/g, '$1–$2');
}

/** A part of a report as a citation writes it: "Tabell 1.1" → "tabell 1.1", "Figur 6.7 / §6.1" → "figur 6.7 og avsnitt 6.1". */
function reportPart(part: string): string {
  return part
    .replace(/§\s*/g, 'avsnitt ')
    .replace(/\b(Tabell|Figur|Avsnitt|Vedlegg)\b/g, (w) => w.toLowerCase())
    .replace(/\s+\/\s+/g, ' og ');
}

function formatPart(doc: SourceDocument, part: string): string {
  return doc.parts === 'comma' ? reportPart(part) : yearRanges(lowerFirstWord(part));
}

/** "SSB 12134", "SSB tabell 07459" → "SSB, tabell 12134"; anything else as it is. */
function citeText(text: string): string {
  const ssb = /^SSB,?\s+(?:tabell\s+)?(\d{5})$/i.exec(text);
  return ssb ? `SSB, tabell ${ssb[1]}` : text;
}

function parsePiece(raw: string): Piece | undefined {
  let rest = raw.trim();
  if (rest === '') return undefined;
  let mode: Mode = 'plain';
  const prefix = /^(utledet av|tilpasset til)\s+/i.exec(rest);
  if (prefix) {
    mode = MODE_PREFIX[prefix[1].toLowerCase()];
    rest = rest.slice(prefix[0].length);
  }
  const m = /^(\d{3})(?:\s+(.+))?$/.exec(rest);
  const doc = m ? documentById(m[1]) : undefined;
  if (doc && m) return { mode, doc, part: m[2] ? formatPart(doc, m[2].trim()) : '' };
  return { mode, text: citeText(rest) };
}

/** "a", "a og b", "a, b og c". */
function listJoin(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} og ${items[items.length - 1]}`;
}

/** Report parts in one list, the repeated word dropped: "tabell 1.1", "tabell 1.2" → "tabell 1.1 og 1.2". */
function reportParts(parts: readonly string[]): string {
  const out: string[] = [];
  let lastWord = '';
  for (const p of parts) {
    const m = /^(tabell|figur|avsnitt) (\S+)$/.exec(p);
    out.push(m && m[1] === lastWord ? m[2] : p);
    lastWord = m ? m[1] : '';
  }
  return listJoin(out);
}

const PART_WORDS = ['tabell', 'figur', 'avsnitt'];
const MODE_ORDER: readonly Mode[] = ['plain', 'derived', 'adjusted'];

/** Sort key of a report part: tables before figures before sections, then by number ("tabell 1.4" before "tabell 6.11"). */
function partKey(part: string): number[] {
  const m = /^(tabell|figur|avsnitt) (\d+(?:\.\d+)*)$/.exec(part);
  return m ? [PART_WORDS.indexOf(m[1]), ...m[2].split('.').map(Number)] : [PART_WORDS.length];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** A report's parts in reading order (figures as they are first, then derived ones); a presentation's as met. */
function orderParts(doc: SourceDocument, pieces: readonly { mode: Mode; part: string }[]): { mode: Mode; part: string }[] {
  if (doc.parts !== 'comma') return [...pieces];
  return [...pieces].sort((a, b) => MODE_ORDER.indexOf(a.mode) - MODE_ORDER.indexOf(b.mode) || compareKeys(partKey(a.part), partKey(b.part)));
}

/** One document with all the parts a slide uses, the title written once. */
function citeDocument(doc: SourceDocument, pieces: readonly { mode: Mode; part: string }[]): string {
  const sameMode = pieces.every((p) => p.mode === pieces[0].mode);
  // the document as a whole ("000") adds no part
  const parts = orderParts(doc, pieces.filter((p) => p.part !== '')).map((p) => (sameMode ? p.part : MODE_WORDS[p.mode] + p.part));
  const body = parts.length === 0 ? doc.citation : doc.parts === 'comma' ? `${doc.citation}, ${reportParts(parts)}` : `${doc.citation} (${parts.join('; ')})`;
  return (sameMode ? MODE_WORDS[pieces[0].mode] : '') + body;
}

/**
 * Merge source strings into one source line: each source document named once with every part used, a figure
 * derived from a part that is also cited as it is not repeated, other sources cited once each, in the order met.
 * Each string may hold several sources separated by ";".
 */
export function citeSources(raws: readonly string[]): string {
  const pieces: Piece[] = [];
  const seen = new Set<string>();
  for (const raw of raws) {
    for (const s of raw.split(';')) {
      const p = parsePiece(s);
      if (!p) continue;
      const key = p.doc ? `${p.mode}|${p.doc.id}|${p.part}` : `${p.mode}||${p.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pieces.push(p);
    }
  }
  const plain = new Set(pieces.map((p) => (p.mode === 'plain' && p.doc ? `${p.doc.id}|${p.part}` : '')));
  // each document takes the place where it is first met; its parts are collected there
  const entries: ({ text: string } | { doc: SourceDocument; parts: { mode: Mode; part: string }[] })[] = [];
  for (const p of pieces) {
    if (!p.doc) {
      entries.push({ text: MODE_WORDS[p.mode] + p.text });
      continue;
    }
    if (p.mode !== 'plain' && plain.has(`${p.doc.id}|${p.part}`)) continue;
    const doc = p.doc;
    let entry = entries.find((e): e is { doc: SourceDocument; parts: { mode: Mode; part: string }[] } => 'doc' in e && e.doc.id === doc.id);
    if (!entry) {
      entry = { doc, parts: [] };
      entries.push(entry);
    }
    entry.parts.push({ mode: p.mode, part: p.part });
  }
  return entries.map((e) => ('doc' in e ? citeDocument(e.doc, e.parts) : e.text)).join('; ');
}

/** One source string as a citation: "003 Tabell 1.1" → "Meløy kommune, Økonomisk analyse 2020, tabell 1.1". */
export function citeSource(raw: string): string {
  return citeSources([raw]);
}

/**
 * Drop the internal id from a numbered part of a known report named inside free text: a formula saying "indikatorene
 * i 003 Tabell 6.3 per region" becomes "indikatorene i tabell 6.3 per region". Speaker notes put the figure's
 * citation right after it, which names the document.
 */
export function citeMentions(text: string): string {
  return text.replace(/\b(\d{3}) ((?:Tabell|Figur|avsnitt|§) ?\d+(?:\.\d+)*(?:\s*\/\s*(?:Tabell|Figur|avsnitt|§) ?\d+(?:\.\d+)*)?)/g, (all, id: string, part: string) => {
    const doc = documentById(id);
    return doc ? reportPart(part) : all;
  });
}
