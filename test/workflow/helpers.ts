import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strFromU8 } from 'fflate';
import { decodeXmlText, openDeck } from '../helpers/pptx';

export const COUNCIL_DECK = path.resolve(__dirname, '../../decks/kommuneokonomi.yaml');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kd-wf-${prefix}-`));
}

const runs = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decodeXmlText(m[1]).replace(/\u00a0/g, ' '));

/** The text of the shape named `name` on a slide ('' when there is none). */
export function shapeText(slideXml: string, name: string): string {
  const sp = [...slideXml.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].map((m) => m[0]).find((s) => s.includes(`name="${name}"`));
  return sp ? runs(sp).join('') : '';
}

/** Table cells of a slide's table (first table): rows of cell texts, header first. */
export function tableCells(slideXml: string): string[][] {
  const tbl = /<a:tbl>[\s\S]*?<\/a:tbl>/.exec(slideXml)?.[0];
  if (!tbl) return [];
  return [...tbl.matchAll(/<a:tr [^>]*>([\s\S]*?)<\/a:tr>/g)].map((tr) => [...tr[1].matchAll(/<a:tc[ >][\s\S]*?<\/a:tc>/g)].map((tc) => runs(tc[0]).join('')));
}

/** The series of the chart on each slide (slide index → series with name and values), from the chart parts. */
export function chartSeries(file: string): Map<number, { name: string; values: (number | null)[] }[]> {
  const deck = openDeck(file);
  const out = new Map<number, { name: string; values: (number | null)[] }[]>();
  const pres = strFromU8(deck.entries['ppt/presentation.xml']);
  const rels = strFromU8(deck.entries['ppt/_rels/presentation.xml.rels']);
  const ridToTarget = new Map([...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const order = [...pres.matchAll(/<p:sldId [^>]*r:id="([^"]+)"/g)].map((m) => 'ppt/' + ridToTarget.get(m[1])!.replace(/^\.?\//, ''));
  order.forEach((p, i) => {
    const relsPath = p.replace(/slides\/(slide\d+\.xml)$/, 'slides/_rels/$1.rels');
    const r = deck.entries[relsPath] ? strFromU8(deck.entries[relsPath]) : '';
    const m = /Target="(?:\.\.|\/ppt)\/charts\/(chart\d+\.xml)"/.exec(r);
    if (!m) return;
    const xml = strFromU8(deck.entries[`ppt/charts/${m[1]}`]);
    const series = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((s) => {
      const name = decodeXmlText(/<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(s[1])?.[1] ?? '');
      const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(s[1])?.[1] ?? '';
      const count = Number(/<c:ptCount val="(\d+)"/.exec(val)?.[1] ?? 0);
      const values: (number | null)[] = Array.from({ length: count }, () => null);
      for (const pt of val.matchAll(/<c:pt idx="(\d+)"[^>]*>\s*<c:v>([^<]*)<\/c:v>/g)) values[Number(pt[1])] = Number(pt[2]);
      return { name, values };
    });
    out.set(i, series);
  });
  return out;
}

/** A minimal CSV reader for the audit and diff files (quoted fields, commas, doubled quotes). */
export function readCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** A bokmål number as printed ("-1 234,5", "2,2 %", "57,7 mill", "+5,4 prosentpoeng") back to a number and its decimals. */
export function parseShown(text: string): { value: number; decimals: number; scale: number } | undefined {
  const m = /^([+-]?)(\d{1,3}(?:[ \u00a0]\d{3})*|\d+)(?:,(\d+))?(?:[ \u00a0]?(%|mill|kr|prosentpoeng))?$/.exec(text.trim());
  if (!m) return undefined;
  const digits = m[2].replace(/[ \u00a0]/g, '') + (m[3] ? '.' + m[3] : '');
  const v = Number(digits) * (m[1] === '-' ? -1 : 1);
  return { value: v, decimals: m[3]?.length ?? 0, scale: m[4] === 'mill' ? 1e6 : 1 };
}

/** A tiny valid PNG (1 × 1, white). */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC', 'base64');

/** A small deck over the embedded data for Meløy: a statement, a chart with a target line, a line chart, a table. */
export const SMALL_DECK = `title: "Kort om {{kommune.navn}}"
year: 2023
references: { 1837: [1563, 1840, 5027] }
slides:
  - kind: statement
    id: bdi
    year: -1
    title: "Brutto driftsinntekter"
    metric: finans.brutto_driftsinntekter
    format: num
    commentary: "Inntektene var {{mill finans.brutto_driftsinntekter}} kroner i {{year}}."
  - kind: chart
    id: innbyggere
    year: -1
    title: Innbyggere
    chart: bar
    series:
      - { name: "Innbyggere", metric: kostra.innbyggere, regions: all }
    target: { value: 6000, label: "Terskel" }
  - kind: chart
    id: alderbaereevne
    title: Alderbæreevne
    chart: line
    metric: demografi.alderbaereevne
  - kind: table
    id: utgiftsutjevning
    title: Utgiftsutjevningen
    metric: inntektssystem.kriterier
    commentary: "Kostnadsindeksen er {{num inntektssystem.behovsindeks 5}}."
`;

export function writeSmallDeck(dir: string, name = 'kort.yaml'): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, SMALL_DECK);
  return f;
}
