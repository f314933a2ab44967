/**
 * Shared by the refresh tests: a copy of the data folder with changed inputs, the council deck built into a temp
 * folder, and edits "as a consultant would make them in PowerPoint", made in the package XML (fflate unzip,
 * string edits, zip again).
 */
import * as fs from 'fs';
import * as path from 'path';
import { strFromU8, strToU8, unzipSync, zipSync, Zippable } from 'fflate';
import { DeckModel, SlideModel } from '../../src/deck/model';

export const DATA_DIR = path.resolve(__dirname, '../../data');
export const DECK = path.resolve(__dirname, '../../decks/kommuneokonomi.yaml');

/**
 * Copy data/ to `dir` and change a few inputs: Meløy's 2022 utgiftskorrigerte NDU per innbygger for pleie og
 * omsorg and helse (000 Utvikling 2021-2022), and landets utgiftsbehov per innbygger 2023 (000 Utgiftsutjevning).
 */
export function changedData(dir: string): string {
  fs.cpSync(DATA_DIR, dir, { recursive: true });
  const edit = (file: string, from: string, to: string) => {
    const p = path.join(dir, 'observations', file);
    const text = fs.readFileSync(p, 'utf8');
    if (!text.includes(from)) throw new Error(`${file}: fant ikke '${from}'`);
    fs.writeFileSync(p, text.replace(from, to));
  };
  edit('000-utvikling-2021-2022.csv', '1837,2022,kostra.ndu_korr.pleie_omsorg,32821,', '1837,2022,kostra.ndu_korr.pleie_omsorg,33821,');
  edit('000-utvikling-2021-2022.csv', '1837,2022,kostra.ndu_korr.helse,5561,', '1837,2022,kostra.ndu_korr.helse,5661,');
  edit('000-utgiftsutjevning-2023.csv', 'EAK,2023,inntektssystem.utgiftsbehov_per_innb,62859.2,', 'EAK,2023,inntektssystem.utgiftsbehov_per_innb,64000,');
  return dir;
}

export type Files = Record<string, string | Uint8Array>;

/** Unzip, let `edit` change the parts (strings for XML), zip again. */
export function editPackage(bytes: Uint8Array, edit: (files: Files) => void): Uint8Array {
  const raw = unzipSync(bytes);
  const files: Files = {};
  for (const [n, b] of Object.entries(raw)) files[n] = /\.(xml|rels)$/.test(n) ? strFromU8(b) : b;
  edit(files);
  const out: Zippable = {};
  for (const [n, v] of Object.entries(files)) out[n] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(out, { level: 6 });
}

export const text = (files: Files, part: string): string => {
  const v = files[part];
  if (typeof v !== 'string') throw new Error(`fant ikke ${part}`);
  return v;
};

/** The slide part (ppt/slides/slideN.xml) the n-th model slide was built into: pptxgenjs numbers them in order. */
export function partOf(model: DeckModel, id: string): string {
  const i = model.slides.findIndex((s) => s.id === id);
  if (i < 0) throw new Error(`ingen lysbilde med id ${id}`);
  return `ppt/slides/slide${i + 1}.xml`;
}

/** The sldId elements in order, with the slide part each names. */
export function slideList(files: Files): { tag: string; part: string }[] {
  const pres = text(files, 'ppt/presentation.xml');
  const rels = text(files, 'ppt/_rels/presentation.xml.rels');
  const target = new Map([...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  return [...pres.matchAll(/<p:sldId [^>]*r:id="([^"]+)"[^>]*\/>/g)].map((m) => ({ tag: m[0], part: 'ppt/' + (target.get(m[1]) ?? '').replace(/^\.?\//, '') }));
}

/** Swap two slides in p:sldIdLst (PowerPoint: drag a slide in the thumbnail pane). */
export function swapSlides(files: Files, a: string, b: string): void {
  const list = slideList(files);
  const ta = list.find((s) => s.part === a)!.tag;
  const tb = list.find((s) => s.part === b)!.tag;
  files['ppt/presentation.xml'] = text(files, 'ppt/presentation.xml').replace(ta, '\u0000').replace(tb, ta).replace('\u0000', tb);
}

/** Delete a slide the way PowerPoint does: out of the list, and its part with its notes, charts, workbooks and tags. */
export function deleteSlide(files: Files, part: string): void {
  const list = slideList(files);
  const entry = list.find((s) => s.part === part)!;
  const rid = /r:id="([^"]+)"/.exec(entry.tag)![1];
  files['ppt/presentation.xml'] = text(files, 'ppt/presentation.xml').replace(entry.tag, '');
  files['ppt/_rels/presentation.xml.rels'] = text(files, 'ppt/_rels/presentation.xml.rels').replace(new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*/>`), '');
  const gone: string[] = [];
  const drop = (p: string) => {
    if (!(p in files) || gone.includes(p)) return;
    gone.push(p);
    const rels = p.replace(/([^/]+)$/, '_rels/$1.rels');
    if (typeof files[rels] === 'string') {
      for (const m of (files[rels] as string).matchAll(/<Relationship [^>]*Type="[^"]*\/(chart|notesSlide|tags|package)"[^>]*Target="([^"]+)"/g)) {
        drop(path.posix.normalize(m[2].startsWith('/') ? m[2].slice(1) : path.posix.join(path.posix.dirname(p), m[2])));
      }
      delete files[rels];
      gone.push(rels);
    }
    delete files[p];
  };
  drop(part);
  files['[Content_Types].xml'] = text(files, '[Content_Types].xml').replace(/<Override PartName="\/([^"]+)"[^>]*\/>/g, (o, name: string) => (gone.includes(name) ? '' : o));
}

/** Add a slide with a title and a text box, after the first slide. */
export function addSlide(files: Files, title: string, body: string): string {
  const part = 'ppt/slides/slide99.xml';
  const sp = (id: number, name: string, y: number, t: string) =>
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${name}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="457200" y="${y}"/><a:ext cx="9000000" cy="731520"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="nb-NO" sz="2800"/><a:t>${t}</a:t></a:r></a:p></p:txBody></p:sp>`;
  files[part] =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">' +
    '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>' +
    sp(2, 'Tittel 1', 256032, title) +
    sp(3, 'Tekstboks 2', 1500000, body) +
    '</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>';
  files['ppt/slides/_rels/slide99.xml.rels'] =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout" Target="../slideLayouts/slideLayout1.xml"/></Relationships>';
  files['[Content_Types].xml'] = text(files, '[Content_Types].xml').replace('</Types>', `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/></Types>`);
  files['ppt/_rels/presentation.xml.rels'] = text(files, 'ppt/_rels/presentation.xml.rels').replace(
    '</Relationships>',
    '<Relationship Id="rId999" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide99.xml"/></Relationships>',
  );
  const first = slideList(files)[0].tag;
  files['ppt/presentation.xml'] = text(files, 'ppt/presentation.xml').replace(first, `${first}<p:sldId id="9999" r:id="rId999"/>`);
  return part;
}

/** The shape element named `name` on a slide. */
export function shapeXml(slide: string, name: string): string {
  const at = slide.indexOf(`name="${name}"`);
  if (at < 0) throw new Error(`fant ikke figuren ${name}`);
  const tags = ['p:sp', 'p:graphicFrame'].map((t) => ({ t, i: Math.max(slide.lastIndexOf(`<${t}>`, at), slide.lastIndexOf(`<${t} `, at)) })).sort((a, b) => b.i - a.i);
  const { t, i } = tags[0];
  return slide.slice(i, slide.indexOf(`</${t}>`, at) + t.length + 3);
}

/** Every figure the council would see change: table cells, chart points, bound texts, per slide id (and part). */
export function figureChanges(before: DeckModel, after: DeckModel): Map<string, number> {
  const out = new Map<string, number>();
  const label = (s: SlideModel) => (s.part && s.part.index > 1 ? `${s.id} (del ${s.part.index})` : (s.id ?? ''));
  for (const a of before.slides) {
    const b = after.slides.find((x) => x.id === a.id && (x.part?.index ?? 1) === (a.part?.index ?? 1));
    if (!b) continue;
    let n = 0;
    const roles = new Set(a.bindings.map((x) => x.role));
    if (roles.has('commentary') && a.commentary !== undefined && a.commentary !== b.commentary) n++;
    if (roles.has('value') && a.kind === 'statement' && b.kind === 'statement' && a.value !== b.value) n++;
    if (roles.has('table') && a.kind === 'table' && b.kind === 'table') {
      [a.header, ...a.rows].forEach((r, i) => r.forEach((c, j) => (c.text !== [b.header, ...b.rows][i]?.[j]?.text ? n++ : 0)));
    }
    if (roles.has('chart') && a.kind === 'chart' && b.kind === 'chart') {
      a.categories.forEach((c, i) => (c !== b.categories[i] ? n++ : 0));
      a.series.forEach((s, k) => s.values.forEach((v, i) => ((v ?? 0) !== (b.series[k].values[i] ?? 0) ? n++ : 0)));
    }
    if (n) out.set(label(a), (out.get(label(a)) ?? 0) + n);
  }
  return out;
}
