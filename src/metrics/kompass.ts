import { Dataset } from '../data/dataset';
import { kompassDocuments } from '../data/documents/kompass';
import { KompassDocument, findingsRows, perspectiveSums, scorePct, totalComparison, totalMax, totalScore } from '../analysis/kompass';
import { ComputeResult, MetricContext, MetricDef } from './types';

/*
 * Kommunekompass metrics (kompass.*), from data/kompass/<kommune>-<år>.yaml. An evaluation is valid until the next
 * one: a metric for a year uses the latest evaluation of that year or before.
 */

const INPUT = 'data/kompass/<kommune>-<år>.yaml';

function findDoc(ds: Dataset, kommune: string, year: number): KompassDocument | undefined {
  const docs = kompassDocuments(ds).filter((d) => d.kommune === kommune && d.year <= year);
  return docs.sort((a, b) => b.year - a.year)[0];
}

function withDoc(ctx: MetricContext, f: (doc: KompassDocument) => ComputeResult): ComputeResult {
  const doc = findDoc(ctx.dataset, ctx.kommune, ctx.year);
  if (!doc) {
    const years = kompassDocuments(ctx.dataset)
      .filter((d) => d.kommune === ctx.kommune)
      .map((d) => d.year);
    return {
      missing: `ingen Kommunekompass-evaluering for ${ctx.dataset.regionName(ctx.kommune)} i ${ctx.year} eller før${years.length ? ` (finnes for ${years.join(', ')})` : ''}`,
    };
  }
  const r = f(doc);
  if ('missing' in r) return r;
  return { ...r, source: [doc.source], inputs: [`kompass/${doc.kommune}-${doc.year}`] };
}

function omrader(doc: KompassDocument): ComputeResult {
  const persp = new Map(doc.perspectives.map((p) => [p.id, p.name]));
  const hasComparison = doc.areas.some((a) => a.comparison !== undefined);
  const rows: Record<string, string | number | null>[] = doc.areas.map((a) => ({
    omrade: `${a.number}. ${a.name}`,
    perspektiv: `${a.perspective}. ${persp.get(a.perspective) ?? ''}`.trim(),
    poeng: a.score,
    maks: a.max,
    ...(hasComparison ? { sammenligning: a.comparison ?? null } : {}),
  }));
  rows.push({ omrade: 'Sum', perspektiv: null, poeng: totalScore(doc.areas), maks: totalMax(doc.areas), ...(hasComparison ? { sammenligning: totalComparison(doc.areas) ?? null } : {}) });
  return {
    table: {
      columns: [
        { key: 'omrade', label: 'Fokusområde' },
        { key: 'perspektiv', label: 'Perspektiv' },
        { key: 'poeng', label: 'Poeng', unit: 'poeng', decimals: 0 },
        { key: 'maks', label: 'Maks', unit: 'poeng', decimals: 0 },
        ...(hasComparison ? [{ key: 'sammenligning', label: doc.comparisonLabel ?? 'Sammenligning', unit: 'poeng', decimals: 0 }] : []),
      ],
      rows,
      totalRows: [rows.length - 1],
    },
  };
}

function omraderSerie(doc: KompassDocument, name: string): ComputeResult {
  const series: { name: string; values: (number | null)[] }[] = [{ name, values: doc.areas.map((a) => a.score) }];
  if (doc.areas.some((a) => a.comparison !== undefined)) series.push({ name: doc.comparisonLabel ?? 'Sammenligning', values: doc.areas.map((a) => a.comparison ?? null) });
  return { series: { categories: doc.areas.map((a) => a.name), series } };
}

function perspektiver(doc: KompassDocument): ComputeResult {
  const sums = perspectiveSums(doc);
  const hasComparison = sums.some((s) => s.comparison !== undefined);
  return {
    table: {
      columns: [
        { key: 'perspektiv', label: 'Perspektiv' },
        { key: 'omrader', label: 'Fokusområder' },
        { key: 'poeng', label: 'Poeng', unit: 'poeng', decimals: 0 },
        { key: 'maks', label: 'Maks', unit: 'poeng', decimals: 0 },
        ...(hasComparison ? [{ key: 'sammenligning', label: doc.comparisonLabel ?? 'Sammenligning', unit: 'poeng', decimals: 0 }] : []),
      ],
      rows: sums.map((s) => ({
        perspektiv: `${s.perspective.id}. ${s.perspective.name}`,
        omrader: s.areas.map((a) => a.name).join(', '),
        poeng: s.score,
        maks: s.max,
        ...(hasComparison ? { sammenligning: s.comparison ?? null } : {}),
      })),
    },
  };
}

function area(doc: KompassDocument, n: number): ComputeResult {
  const a = doc.areas.find((x) => x.number === n);
  if (!a) return { missing: `Kommunekompass ${doc.kommune} ${doc.year} har ikke område ${n}` };
  return {
    table: {
      columns: [
        { key: 'delomrade', label: 'Delområde' },
        { key: 'poeng', label: 'Poeng', unit: 'poeng', decimals: 1 },
        { key: 'maks', label: 'Maks', unit: 'poeng', decimals: 0 },
      ],
      rows: [{ delomrade: `${a.number}. ${a.name}`, poeng: a.score, maks: a.max, desimaler: 0 }, ...a.subareas.map((s) => ({ delomrade: `${s.id} ${s.name}`, poeng: s.score, maks: s.max }))],
      totalRows: [0],
    },
  };
}

function areaScore(doc: KompassDocument, n: number): ComputeResult {
  const a = doc.areas.find((x) => x.number === n);
  if (!a) return { missing: `Kommunekompass ${doc.kommune} ${doc.year} har ikke område ${n}` };
  return { value: a.score, decimals: 0 };
}

function findings(doc: KompassDocument, n: number): ComputeResult {
  const a = doc.areas.find((x) => x.number === n);
  if (!a) return { missing: `Kommunekompass ${doc.kommune} ${doc.year} har ikke område ${n}` };
  return {
    table: {
      columns: [
        { key: 'styrker', label: 'Styrker' },
        { key: 'utfordringer', label: 'Utfordringer' },
        { key: 'svakheter', label: 'Svakheter' },
      ],
      rows: findingsRows(a.findings),
    },
  };
}

const AREAS = [1, 2, 3, 4, 5, 6, 7, 8];

export const KOMPASS_METRICS: MetricDef[] = [
  {
    id: 'kompass.total',
    label: 'Kommunekompass, samlet poengsum',
    unit: 'poeng',
    kind: 'scalar',
    inputs: [INPUT],
    formula: 'Σ poeng for de åtte fokusområdene',
    compute: (ctx) => withDoc(ctx, (d) => ({ value: totalScore(d.areas), decimals: 0 })),
  },
  {
    id: 'kompass.maks',
    label: 'Kommunekompass, mulig poengsum',
    unit: 'poeng',
    kind: 'scalar',
    inputs: [INPUT],
    formula: 'Σ maks for fokusområdene (8 × 100)',
    compute: (ctx) => withDoc(ctx, (d) => ({ value: totalMax(d.areas), decimals: 0 })),
  },
  {
    id: 'kompass.andel',
    label: 'Kommunekompass, poeng i prosent av mulig',
    unit: '%',
    kind: 'scalar',
    inputs: [INPUT],
    formula: 'samlet poengsum / mulig poengsum × 100',
    compute: (ctx) => withDoc(ctx, (d) => ({ value: scorePct(totalScore(d.areas), totalMax(d.areas)) ?? null, decimals: 1 })),
  },
  {
    id: 'kompass.omrader',
    label: 'Kommunekompass, poeng per fokusområde',
    unit: 'poeng',
    kind: 'table',
    inputs: [INPUT],
    formula: 'publisert poeng og maks per fokusområde med perspektiv; sumraden = Σ områdene',
    compute: (ctx) => withDoc(ctx, omrader),
  },
  {
    id: 'kompass.omrader_serie',
    label: 'Kommunekompass, poeng per fokusområde (diagram)',
    unit: 'poeng',
    kind: 'series',
    inputs: [INPUT],
    formula: 'poeng per fokusområde; med sammenligningsgruppens poeng når evalueringen oppgir dem',
    compute: (ctx) => withDoc(ctx, (d) => omraderSerie(d, ctx.dataset.regionName(ctx.kommune))),
  },
  {
    id: 'kompass.perspektiver',
    label: 'Kommunekompass, poeng per perspektiv',
    unit: 'poeng',
    kind: 'table',
    inputs: [INPUT],
    formula: 'Σ poeng og maks for fokusområdene i hvert perspektiv',
    compute: (ctx) => withDoc(ctx, perspektiver),
  },
  ...AREAS.map(
    (n): MetricDef => ({
      id: `kompass.omrade_${n}`,
      label: `Kommunekompass, poengfordeling område ${n}`,
      unit: 'poeng',
      kind: 'table',
      inputs: [INPUT],
      formula: 'områdets publiserte poeng og maks (første rad) og delområdenes poeng og maks',
      compute: (ctx) => withDoc(ctx, (d) => area(d, n)),
    }),
  ),
  ...AREAS.map(
    (n): MetricDef => ({
      id: `kompass.poeng_${n}`,
      label: `Kommunekompass, poeng område ${n}`,
      unit: 'poeng',
      kind: 'scalar',
      inputs: [INPUT],
      formula: 'områdets publiserte poeng (av 100)',
      compute: (ctx) => withDoc(ctx, (d) => areaScore(d, n)),
    }),
  ),
  ...AREAS.map(
    (n): MetricDef => ({
      id: `kompass.funn_${n}`,
      label: `Kommunekompass, styrker, utfordringer og svakheter område ${n}`,
      unit: 'tekst',
      kind: 'table',
      inputs: [INPUT],
      formula: 'funnene i evalueringen, ett punkt per rad i kolonnene styrker, utfordringer og svakheter',
      compute: (ctx) => withDoc(ctx, (d) => findings(d, n)),
    }),
  ),
];
