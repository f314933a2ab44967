import * as fs from 'fs';
import { unzipSync, strFromU8 } from 'fflate';

/** A .pptx opened for assertions: slide XML in presentation order, their texts, and notes. */
export interface OpenedDeck {
  entries: Record<string, Uint8Array>;
  slideXml: string[];
  /** all text runs of each slide, joined by spaces, non-breaking spaces folded to spaces */
  slideText: string[];
  /** the title shape's text of each slide */
  titles: string[];
  notesText: string[];
}

export function decodeXmlText(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function runs(xml: string): string[] {
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decodeXmlText(m[1]).replace(/\u00a0/g, ' '));
}

export function openDeck(fileOrBytes: string | Uint8Array): OpenedDeck {
  const bytes = typeof fileOrBytes === 'string' ? fs.readFileSync(fileOrBytes) : fileOrBytes;
  const entries = unzipSync(bytes);
  const pres = strFromU8(entries['ppt/presentation.xml']);
  const rels = strFromU8(entries['ppt/_rels/presentation.xml.rels']);
  const ridToTarget = new Map([...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const order = [...pres.matchAll(/<p:sldId [^>]*r:id="([^"]+)"/g)].map((m) => 'ppt/' + ridToTarget.get(m[1])!.replace(/^\.?\//, ''));
  const slideXml = order.map((p) => strFromU8(entries[p]));
  const notesText = order.map((p) => {
    const relsPath = p.replace(/slides\/(slide\d+\.xml)$/, 'slides/_rels/$1.rels');
    const r = entries[relsPath] ? strFromU8(entries[relsPath]) : '';
    const m = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(r);
    return m ? runs(strFromU8(entries[`ppt/notesSlides/${m[1]}`])).join(' ') : '';
  });
  const titles = slideXml.map((x) => {
    const sp = [...x.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].map((m) => m[0]).find((s) => /name="kd-title"/.test(s));
    return sp ? runs(sp).join('') : '';
  });
  return { entries, slideXml, slideText: slideXml.map((x) => runs(x).join(' ')), titles, notesText };
}
