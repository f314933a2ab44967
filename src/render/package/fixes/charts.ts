/**
 * Chart parts (ppt/charts/chartN.xml): schema order of chart groups and series, axis ids, data-label
 * positions, marker colours, and numbering that does not depend on what was built before in the process.
 */
import { OoxmlPackage, relationshipsOf, renameParts } from '../opc';
import { mapElements, orderChildren, splitChildren } from '../xml';
import { PRESENTATION } from './structure';

const CHART_RE = /^ppt\/charts\/chart(\d+)\.xml$/;
const CHART_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const SLIDE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/package';

export function chartParts(pkg: OoxmlPackage): string[] {
  return pkg.names().filter((n) => CHART_RE.test(n));
}

/** The 2-D chart groups whose CT_* type takes exactly two `c:axId`. */
const TWO_AXIS_GROUPS = ['barChart', 'lineChart', 'areaChart', 'scatterChart', 'radarChart'];

/**
 * pptxgenjs gives every bar and line chart group a third `c:axId` (a series axis only 3-D charts have);
 * CT_BarChart and CT_LineChart take exactly two (#1534). Keep the first two.
 */
export function fixChartAxIds(pkg: OoxmlPackage): void {
  for (const part of chartParts(pkg)) {
    pkg.edit(part, (xml) => {
      let out = xml;
      for (const group of TWO_AXIS_GROUPS) {
        out = mapElements(out, `c:${group}`, (inner) => {
          let n = 0;
          return inner.replace(/\s*<c:axId\b[^>]*\/>/g, (ax) => (++n > 2 ? '' : ax));
        });
      }
      return out;
    });
  }
}

/** CT_LineChart: grouping, varyColors?, ser*, dLbls?, dropLines?, hiLowLines?, upDownBars?, marker?, smooth?, axId+, extLst? */
const LINE_GROUP_ORDER = ['c:grouping', 'c:varyColors', 'c:ser', 'c:dLbls', 'c:dropLines', 'c:hiLowLines', 'c:upDownBars', 'c:marker', 'c:smooth', 'c:axId', 'c:extLst'];

/**
 * A line chart group has no `c:grouping` (required by CT_LineChart), so its `c:varyColors` stands first where
 * the schema wants the grouping. Add `<c:grouping val="standard"/>` and put the group's children in order.
 */
export function fixLineChartGrouping(pkg: OoxmlPackage): void {
  for (const part of chartParts(pkg)) {
    pkg.edit(part, (xml) =>
      mapElements(xml, 'c:lineChart', (inner) => {
        const children = splitChildren(inner);
        if (!children.some((c) => c.name === 'c:grouping')) children.unshift({ name: 'c:grouping', xml: '<c:grouping val="standard"/>' });
        return orderChildren(children, LINE_GROUP_ORDER)
          .map((c) => c.xml)
          .join('');
      }),
    );
  }
}

/** Schema order of a series' children, per chart group (CT_BarSer, CT_LineSer, CT_AreaSer, CT_ScatterSer). */
const SERIES_ORDER: Record<string, readonly string[]> = {
  barChart: ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:invertIfNegative', 'c:pictureOptions', 'c:dPt', 'c:dLbls', 'c:trendline', 'c:errBars', 'c:cat', 'c:val', 'c:shape', 'c:extLst'],
  lineChart: ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:marker', 'c:dPt', 'c:dLbls', 'c:trendline', 'c:errBars', 'c:cat', 'c:val', 'c:smooth', 'c:extLst'],
  areaChart: ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:pictureOptions', 'c:dPt', 'c:dLbls', 'c:trendline', 'c:errBars', 'c:cat', 'c:val', 'c:extLst'],
  scatterChart: ['c:idx', 'c:order', 'c:tx', 'c:spPr', 'c:marker', 'c:dPt', 'c:dLbls', 'c:trendline', 'c:errBars', 'c:xVal', 'c:yVal', 'c:smooth', 'c:extLst'],
};

/**
 * Series children out of schema order or not allowed at all: a line series carries `c:invertIfNegative`
 * (bar-only) and its `c:marker` after `c:dLbls`; a one-series bar chart with per-point colours writes its
 * `c:dPt` after `c:dLbls`. Drop what the series type does not allow and sort the rest by the schema.
 */
export function fixChartSeriesOrder(pkg: OoxmlPackage): void {
  for (const part of chartParts(pkg)) {
    pkg.edit(part, (xml) => {
      let out = xml;
      for (const [group, order] of Object.entries(SERIES_ORDER)) {
        out = mapElements(out, `c:${group}`, (groupInner) =>
          mapElements(groupInner, 'c:ser', (serInner) => {
            const children = splitChildren(serInner);
            const unknown = children.filter((c) => !order.includes(c.name)).map((c) => c.name);
            return orderChildren(children, order, unknown)
              .map((c) => c.xml)
              .join('');
          }),
        );
      }
      return out;
    });
  }
}

/**
 * With fewer `chartColors` than line series, pptxgenjs picks each extra series' marker fill with
 * Math.random: the same deck builds to different bytes. Give every line marker its series' line colour
 * (a no-op where the colours were enough).
 */
export function fixLineMarkerColours(pkg: OoxmlPackage): void {
  for (const part of chartParts(pkg)) {
    pkg.edit(part, (xml) =>
      mapElements(xml, 'c:lineChart', (groupInner) =>
        mapElements(groupInner, 'c:ser', (ser) => {
          const line = /<c:spPr>[\s\S]*?<a:ln\b[^>]*>\s*<a:solidFill>\s*(<a:(?:srgbClr|schemeClr)\b[^>]*\/>)/.exec(ser);
          if (!line) return ser;
          return ser.replace(/(<c:marker>[\s\S]*?<c:spPr>\s*<a:solidFill>\s*)<a:(?:srgbClr|schemeClr)\b[^>]*\/>/, `$1${line[1]}`);
        }),
      ),
    );
  }
}

/** Data-label positions each chart kind accepts (PowerPoint repairs a chart whose labels sit where its kind cannot put them). */
function allowedLabelPositions(group: string, groupInner: string): Set<string> | undefined {
  const grouping = /<c:grouping val="([^"]*)"/.exec(groupInner)?.[1];
  switch (group) {
    case 'barChart':
      return grouping === 'stacked' || grouping === 'percentStacked' ? new Set(['ctr', 'inEnd', 'inBase']) : new Set(['ctr', 'inEnd', 'inBase', 'outEnd']);
    case 'lineChart':
    case 'scatterChart':
      return new Set(['t', 'b', 'l', 'r', 'ctr']);
    case 'areaChart':
    case 'doughnutChart':
      return new Set();
    case 'pieChart':
      return new Set(['bestFit', 'ctr', 'inEnd', 'outEnd']);
    default:
      return undefined;
  }
}

/**
 * pptxgenjs writes whatever `dataLabelPosition` it is given: `outEnd` on a stacked bar chart or `outEnd` on a
 * line chart are positions those kinds do not have, and PowerPoint refuses the chart. Drop the invalid
 * `c:dLblPos` (the kind's default position applies).
 */
export function fixDataLabelPositions(pkg: OoxmlPackage): void {
  for (const part of chartParts(pkg)) {
    pkg.edit(part, (xml) => {
      let out = xml;
      for (const group of ['barChart', 'lineChart', 'scatterChart', 'areaChart', 'doughnutChart', 'pieChart']) {
        out = mapElements(out, `c:${group}`, (inner) => {
          const allowed = allowedLabelPositions(group, inner);
          if (!allowed) return inner;
          return inner.replace(/\s*<c:dLblPos val="([^"]*)"\/>/g, (tag, pos: string) => (allowed.has(pos) ? tag : ''));
        });
      }
      return out;
    });
  }
}

/** The slides in presentation order (p:sldIdLst), as part names. */
export function slidesInOrder(pkg: OoxmlPackage): string[] {
  if (!pkg.has(PRESENTATION)) return [];
  const rels = new Map(relationshipsOf(pkg, PRESENTATION).map((r) => [r.id, r] as const));
  const xml = pkg.text(PRESENTATION);
  const out: string[] = [];
  for (const m of xml.matchAll(/<p:sldId\b[^>]*\br:id="([^"]*)"/g)) {
    const r = rels.get(m[1]);
    if (r && r.type === SLIDE_REL) out.push(r.part);
  }
  return out;
}

/**
 * pptxgenjs numbers charts with a process-wide counter, so the second deck built in one process has chart6.xml
 * and Microsoft_Excel_Worksheet6.xlsx where a deck built alone has chart1. Renumber charts from 1 in the order
 * the slides show them, rename their embedded workbooks to match, and rewrite every reference.
 */
export function renumberCharts(pkg: OoxmlPackage): void {
  const charts = chartParts(pkg);
  if (charts.length === 0) return;
  const seen: string[] = [];
  const holders = [...slidesInOrder(pkg), ...pkg.names().filter((n) => /^ppt\/(slideLayouts|slideMasters)\/[^/]+\.xml$/.test(n))];
  for (const holder of holders) {
    for (const r of relationshipsOf(pkg, holder)) {
      if (r.type === CHART_REL && !r.external && CHART_RE.test(r.part) && !seen.includes(r.part)) seen.push(r.part);
    }
  }
  const num = (p: string) => Number(CHART_RE.exec(p)?.[1]);
  const ordered = [...seen, ...charts.filter((c) => !seen.includes(c)).sort((a, b) => num(a) - num(b))];
  const renames = new Map<string, string>();
  ordered.forEach((chart, i) => {
    renames.set(chart, `ppt/charts/chart${i + 1}.xml`);
    const embedded = relationshipsOf(pkg, chart).filter((r) => r.type === PACKAGE_REL && !r.external && pkg.has(r.part));
    embedded.forEach((r, j) => {
      const ext = r.part.slice(r.part.lastIndexOf('.'));
      renames.set(r.part, `ppt/embeddings/Microsoft_Excel_Worksheet${i + 1}${j === 0 ? '' : `_${j}`}${ext}`);
    });
  });
  renameParts(pkg, renames);
}

/**
 * A missing value (null) in a chart series becomes `<c:pt idx="N"><c:v></c:v></c:pt>` in the numeric cache: an empty
 * number, which Excel-based clients read as 0 or repair. PowerPoint writes a missing point by leaving the `c:pt` out
 * (ptCount stays), which every client draws as a gap. Drop the empty points from every `c:numCache`.
 */
export function dropEmptyChartPoints(pkg: OoxmlPackage): void {
  for (const part of chartParts(pkg)) {
    pkg.edit(part, (xml) => mapElements(xml, 'c:numCache', (inner) => inner.replace(/<c:pt idx="\d+">\s*<c:v>\s*<\/c:v>\s*<\/c:pt>/g, '')));
  }
}
