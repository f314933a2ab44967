/**
 * Package- and slide-level fixes: element order in presentation.xml, content types that name missing parts,
 * shapes and text bodies PowerPoint repairs, unescaped document properties.
 */
import { OoxmlPackage, CONTENT_TYPES, attr } from '../opc';
import { replaceMatches } from '../xml';

export const PRESENTATION = 'ppt/presentation.xml';

/** Slides, layouts, masters and notes: the parts that hold shapes. */
export function shapeParts(pkg: OoxmlPackage): string[] {
  return pkg.names().filter((n) => /^ppt\/(slides|slideLayouts|slideMasters|notesSlides|notesMasters)\/[^/]+\.xml$/.test(n));
}

/**
 * pptxgenjs writes `p:notesMasterIdLst` after `p:sldIdLst`; CT_Presentation wants it right after
 * `p:sldMasterIdLst`. Every deck fails schema validation on this alone. (No upstream issue number found.)
 */
export function fixNotesMasterOrder(pkg: OoxmlPackage): void {
  pkg.edit(PRESENTATION, (xml) => {
    const m = /<p:notesMasterIdLst>[\s\S]*?<\/p:notesMasterIdLst>/.exec(xml);
    const anchor = '</p:sldMasterIdLst>';
    if (!m || !xml.includes(anchor)) return xml;
    const without = xml.slice(0, m.index) + xml.slice(m.index + m[0].length);
    return without.replace(anchor, anchor + m[0]);
  });
}

/**
 * [Content_Types].xml: pptxgenjs writes one slideMaster Override per slide though only slideMaster1.xml exists
 * (#1444), and Defaults for media types no part uses, one of them the non-type `image/jpg` (#1449). Drop
 * Overrides for missing parts and Defaults for unused extensions; `image/jpg` becomes `image/jpeg`.
 */
export function dropOrphanContentTypes(pkg: OoxmlPackage): void {
  const parts = new Set(pkg.names());
  const extensions = new Set([...parts].map((n) => n.slice(n.lastIndexOf('.') + 1).toLowerCase()));
  pkg.edit(CONTENT_TYPES, (xml) =>
    xml
      .replace(/\s*<Override\b[^>]*?\/>/g, (tag) => (parts.has((attr(tag, 'PartName') ?? '').replace(/^\//, '')) ? tag : ''))
      .replace(/\s*<Default\b[^>]*?\/>/g, (tag) => {
        const ext = (attr(tag, 'Extension') ?? '').toLowerCase();
        if (ext !== 'rels' && ext !== 'xml' && !extensions.has(ext)) return '';
        return tag.replace('ContentType="image/jpg"', 'ContentType="image/jpeg"');
      }),
  );
}

const EMPTY_SHAPE_TEXT = '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:endParaRPr lang="nb-NO" dirty="0"/></a:p></p:txBody>';

/** The slide-image placeholder of a notes page: PowerPoint itself writes it without a text body. */
export const SLIDE_IMAGE_RE = /<p:ph\b[^>]*\stype="sldImg"/;

const SHAPE_RE = /<p:sp(?:\s[^>]*)?>[\s\S]*?<\/p:sp>/g;
const TX_BODY_RE = /(<(a|p):txBody(?:\s[^>]*)?>)([\s\S]*?)(<\/\2:txBody>)/g;
const BG_PR_RE = /(<p:bgPr(?:\s[^>]*)?>)([\s\S]*?)(<\/p:bgPr>)/g;

/**
 * A `p:sp` without text gets no `p:txBody` (#1441); PowerPoint adds one on repair. Give every text-less
 * shape the empty text body PowerPoint would write (CT_Shape: … spPr, style?, txBody?, extLst?), except the
 * notes page's slide-image placeholder, which PowerPoint writes without one.
 */
export function addMissingShapeTxBody(pkg: OoxmlPackage): void {
  for (const part of shapeParts(pkg)) {
    pkg.edit(part, (xml) =>
      xml.includes('<p:sp>') || xml.includes('<p:sp ')
        ? replaceMatches(xml, SHAPE_RE, ([sp]) => {
            if (sp.includes('<p:txBody>') || sp.includes('<p:txBody ') || SLIDE_IMAGE_RE.test(sp)) return undefined;
            const ext = sp.lastIndexOf('<p:extLst>');
            const at = ext > sp.lastIndexOf('</p:spPr>') ? ext : sp.length - '</p:sp>'.length;
            return sp.slice(0, at) + EMPTY_SHAPE_TEXT + sp.slice(at);
          })
        : xml,
    );
  }
}

/**
 * A text body must hold at least one paragraph; table auto-paging leaves `<a:txBody><a:bodyPr/><a:lstStyle/>
 * </a:txBody>` in split cells (#1380, #1168, #1048, PR #1160). Add the empty paragraph PowerPoint adds.
 */
export function fillEmptyTxBody(pkg: OoxmlPackage): void {
  for (const part of shapeParts(pkg)) {
    pkg.edit(part, (xml) =>
      replaceMatches(xml, TX_BODY_RE, ([, open, , inner, close]) =>
        /<a:p[\s>/]/.test(inner) ? undefined : `${open}${inner}<a:p><a:endParaRPr lang="nb-NO" dirty="0"/></a:p>${close}`,
      ),
    );
  }
}

/**
 * A solid slide background is written `<p:bgPr><a:solidFill>…</a:solidFill></p:bgPr>` without the effect list
 * CT_BackgroundProperties requires (#1442). Add `<a:effectLst/>`.
 */
export function fixBackgroundEffectLst(pkg: OoxmlPackage): void {
  for (const part of shapeParts(pkg)) {
    pkg.edit(part, (xml) =>
      xml.includes('<p:bgPr')
        ? replaceMatches(xml, BG_PR_RE, ([, open, inner, close]) => {
            if (/<a:effect(Lst|Dag)[\s>/]/.test(inner)) return undefined;
            const ext = inner.indexOf('<a:extLst>');
            return ext < 0 ? `${open}${inner}<a:effectLst/>${close}` : `${open}${inner.slice(0, ext)}<a:effectLst/>${inner.slice(ext)}${close}`;
          })
        : xml,
    );
  }
}

/**
 * Shape ids (`p:cNvPr id`) must be unique within a slide; pptxgenjs numbers tables and the other objects from
 * different counters, so a slide with a table and an image can carry id 5 twice. Keep each id's first use and
 * give later duplicates fresh ids above the slide's highest.
 */
export function fixDuplicateShapeIds(pkg: OoxmlPackage): void {
  for (const part of shapeParts(pkg)) {
    pkg.edit(part, (xml) => {
      const ids = [...xml.matchAll(/<p:cNvPr\b[^>]*\sid="(\d+)"/g)].map((m) => Number(m[1]));
      if (new Set(ids).size === ids.length) return xml;
      let next = Math.max(...ids) + 1;
      const used = new Set<number>();
      return xml.replace(/(<p:cNvPr\b[^>]*\sid=")(\d+)"/g, (_all, head: string, id: string) => {
        const n = Number(id);
        if (!used.has(n)) {
          used.add(n);
          return `${head}${id}"`;
        }
        used.add(next);
        return `${head}${next++}"`;
      });
    });
  }
}

/**
 * docProps/app.xml writes the company name without escaping (PR #1427): `A & B` makes the part ill-formed and
 * PowerPoint repairs. Escape every `&` that does not start an entity in the document-property parts.
 */
export function escapeDocPropsText(pkg: OoxmlPackage): void {
  for (const part of pkg.names().filter((n) => /^docProps\/[^/]+\.xml$/.test(n))) {
    pkg.edit(part, (xml) => xml.replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/g, '&amp;'));
  }
}
