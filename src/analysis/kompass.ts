/**
 * Kommunekompass (DOMAIN.md §6): KS's evaluation of how a kommune works. Eight focus areas in four perspectives,
 * each area worth 100 points split into sub-areas with their own max; the kommune's total out of 800; per area the
 * findings as strengths, challenges and weaknesses. Pure functions over the validated document
 * (src/data/documents/kompass.ts).
 */

export interface KompassSubArea {
  /** e.g. "1.3" */
  id: string;
  name: string;
  score: number;
  max: number;
  /** line in the source file (for messages) */
  line?: number;
}

export interface KompassFindings {
  styrker: string[];
  utfordringer: string[];
  svakheter: string[];
}

export interface KompassArea {
  /** 1..8 */
  number: number;
  name: string;
  /** id of its perspective (A–D) */
  perspective: string;
  /** the published area score: what the deck shows */
  score: number;
  max: number;
  /** average score of a comparison group (e.g. kommuner of similar size), when the report gives one */
  comparison?: number;
  subareas: KompassSubArea[];
  findings: KompassFindings;
  line?: number;
}

export interface KompassPerspective {
  id: string;
  name: string;
}

export interface KompassDocument {
  kommune: string;
  year: number;
  /** short source reference, e.g. "000 Kommunekompass 2023" */
  source: string;
  /** label of the comparison group, when areas carry a comparison score */
  comparisonLabel?: string;
  perspectives: KompassPerspective[];
  areas: KompassArea[];
  file?: string;
}

export function totalScore(areas: readonly KompassArea[]): number {
  return areas.reduce((s, a) => s + a.score, 0);
}

export function totalMax(areas: readonly KompassArea[]): number {
  return areas.reduce((s, a) => s + a.max, 0);
}

/** Total of the comparison scores, or undefined unless every area has one. */
export function totalComparison(areas: readonly KompassArea[]): number | undefined {
  if (areas.length === 0 || areas.some((a) => a.comparison === undefined)) return undefined;
  return areas.reduce((s, a) => s + (a.comparison ?? 0), 0);
}

export interface PerspectiveSum {
  perspective: KompassPerspective;
  areas: KompassArea[];
  score: number;
  max: number;
  comparison?: number;
}

export function perspectiveSums(doc: KompassDocument): PerspectiveSum[] {
  return doc.perspectives.map((p) => {
    const areas = doc.areas.filter((a) => a.perspective === p.id);
    return { perspective: p, areas, score: totalScore(areas), max: totalMax(areas), comparison: totalComparison(areas) };
  });
}

export interface SubAreaCheck {
  area: KompassArea;
  sum: number;
  maxSum: number;
  /** sum of sub-scores − area score */
  deviation: number;
  /** allowed deviation: the area score rounded to a whole point (0,5) plus 0,05 per sub-score rounded to 0,1 */
  tolerance: number;
  scoreOk: boolean;
  maxOk: boolean;
}

/** Published area scores are whole points; sub-scores have one decimal. */
const AREA_ROUNDING = 0.5;
const SUBAREA_ROUNDING = 0.05;

/** Do the sub-area scores (and maxes) add up to the area's score (and max) within rounding? */
export function checkSubAreas(area: KompassArea): SubAreaCheck {
  const sum = area.subareas.reduce((s, x) => s + x.score, 0);
  const maxSum = area.subareas.reduce((s, x) => s + x.max, 0);
  const tolerance = AREA_ROUNDING + SUBAREA_ROUNDING * area.subareas.length + 1e-9;
  const deviation = sum - area.score;
  return { area, sum, maxSum, deviation, tolerance, scoreOk: Math.abs(deviation) <= tolerance, maxOk: Math.abs(maxSum - area.max) < 1e-9 };
}

/** Findings as rows of three columns (one bullet per cell, empty cells null), for a columns or table slide. */
export function findingsRows(f: KompassFindings): { styrker: string | null; utfordringer: string | null; svakheter: string | null }[] {
  const n = Math.max(f.styrker.length, f.utfordringer.length, f.svakheter.length);
  const rows: { styrker: string | null; utfordringer: string | null; svakheter: string | null }[] = [];
  for (let i = 0; i < n; i++) rows.push({ styrker: f.styrker[i] ?? null, utfordringer: f.utfordringer[i] ?? null, svakheter: f.svakheter[i] ?? null });
  return rows;
}

/** Score as a share of max, in percent. */
export function scorePct(score: number, max: number): number | undefined {
  return max === 0 ? undefined : (100 * score) / max;
}
