import { MISSING_TEXT } from '../format/bokmal';
import { plainSpaces } from './comments';
import { Figure } from './figures';

/**
 * Which figures of a deck change between two data vintages: the figures of the same deck for the same kommune,
 * built once from each data folder, matched by slide id, metric and place (row and column labels, series and
 * category, text role), and compared as shown on the slide.
 */
export interface FigureChange {
  /** slide id, or "#n" for a slide without one */
  slide: string;
  /** slide number in the new deck (else the old) */
  slideNumber: number;
  metric: string;
  /** where: "celle r3/k2 (Administrasjon | Meløy)", "diagram … (Serie | 2022)", "tekst: commentary" */
  place: string;
  old: string;
  new: string;
  oldValue?: number;
  newValue?: number;
}

const keyOf = (f: Figure) => `${f.slideId ?? `#${f.slide}`}\u0000${f.metric}\u0000${f.key}`;

function describePlace(f: Figure): string {
  if (f.place.startsWith('celle') || f.place.startsWith('diagram') || f.place.startsWith('kpi')) return `${f.place} (${f.key})`;
  return f.place;
}

export function diffFigures(before: Figure[], after: Figure[]): FigureChange[] {
  const old = new Map(before.map((f) => [keyOf(f), f]));
  const now = new Map(after.map((f) => [keyOf(f), f]));
  const out: FigureChange[] = [];
  for (const [k, b] of now) {
    const a = old.get(k);
    if (a && plainSpaces(a.shown) === plainSpaces(b.shown)) continue;
    out.push({ slide: b.slideId ?? `#${b.slide}`, slideNumber: b.slide, metric: b.metric, place: describePlace(b), old: a ? plainSpaces(a.shown) : MISSING_TEXT, new: plainSpaces(b.shown), oldValue: a?.value, newValue: b.value });
  }
  for (const [k, a] of old) {
    if (now.has(k)) continue;
    out.push({ slide: a.slideId ?? `#${a.slide}`, slideNumber: a.slide, metric: a.metric, place: describePlace(a), old: plainSpaces(a.shown), new: MISSING_TEXT, oldValue: a.value });
  }
  return out.sort((x, y) => x.slideNumber - y.slideNumber);
}

/** The changes as an aligned text table (for the terminal). */
export function formatChanges(changes: FigureChange[]): string[] {
  const rows = [['Lysbilde', 'Nøkkeltall', 'Sted', 'Før → nå'], ...changes.map((c) => [`${c.slideNumber} ${c.slide.startsWith('#') ? '' : c.slide}`.trim(), c.metric || '(konstant)', c.place, `${c.old} → ${c.new}`])];
  const widths = [0, 1, 2].map((i) => Math.min(48, Math.max(...rows.map((r) => r[i].length))));
  const pad = (s: string, w: number) => (s.length > w ? s.slice(0, w - 1) + '…' : s.padEnd(w));
  return rows.map((r) => `${pad(r[0], widths[0])}  ${pad(r[1], widths[1])}  ${pad(r[2], widths[2])}  ${r[3]}`);
}

export function changesCsv(changes: FigureChange[]): string {
  const q = (s: string | number | undefined) => {
    const t = s === undefined ? '' : String(s);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return ['slide,slide_id,metric,place,old,new,old_value,new_value', ...changes.map((c) => [c.slideNumber, c.slide, c.metric, c.place, c.old, c.new, c.oldValue, c.newValue].map(q).join(','))].join('\n') + '\n';
}
