/**
 * Text in notes and on slides: line breaks in notes, empty runs, the proofing language.
 */
import { OoxmlPackage } from '../opc';
import { replaceMatches } from '../xml';
import { chartParts } from './charts';
import { shapeParts } from './structure';

function notesParts(pkg: OoxmlPackage): string[] {
  return pkg.names().filter((n) => /^ppt\/notesSlides\/[^/]+\.xml$/.test(n));
}

/** Run properties, self-closing or with children (never reaching past the run they belong to). */
const RPR = String.raw`<a:rPr\b[^>]*\/>|<a:rPr(?:\s[^>]*[^/>])?>(?:(?!<\/?a:r[>\s])[\s\S])*?<\/a:rPr>`;
const RUN_RE = new RegExp(String.raw`<a:r>(${RPR})?<a:t>([^<]*)<\/a:t><\/a:r>`, 'g');
const EMPTY_RUN_RE = new RegExp(String.raw`<a:r>(?:${RPR})?<a:t><\/a:t><\/a:r>`, 'g');

/**
 * pptxgenjs writes speaker notes as one run whose `a:t` holds raw CR LF line breaks (which PowerPoint does not
 * show as paragraphs), and a slide without notes gets a run with an empty `a:t` (PowerPoint's repair flags
 * empty notes runs). Split each line into a paragraph of its own and drop the empty runs.
 */
export function fixNotesText(pkg: OoxmlPackage): void {
  for (const part of notesParts(pkg)) {
    pkg.edit(part, (xml) =>
      replaceMatches(xml, RUN_RE, ([, rPr, text]) => {
        if (!/[\r\n]/.test(text)) return undefined;
        return text
          .split(/\r?\n|\r/)
          .map((line) => (line === '' ? '' : `<a:r>${rPr ?? ''}<a:t>${line}</a:t></a:r>`))
          .join('</a:p><a:p>');
      }).replace(EMPTY_RUN_RE, ''),
    );
  }
}

/**
 * pptxgenjs marks notes, table cells and chart text `lang="en-US"` whatever the deck's language, so PowerPoint
 * proofs bokmål as English and underlines every word in the presenter's view. Set the given language (e.g.
 * `nb-NO`) where `en-US` stands.
 */
export function setTextLanguage(pkg: OoxmlPackage, lang: string): void {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) throw new Error(`ugyldig språkkode '${lang}' (forventet f.eks. nb-NO)`);
  if (lang === 'en-US') return;
  for (const part of [...shapeParts(pkg), ...chartParts(pkg)]) {
    pkg.edit(part, (xml) => xml.replace(/\slang="en-US"/g, ` lang="${lang}"`));
  }
}
