import * as fs from 'fs';
import * as path from 'path';
import { OBSERVATION_HEADER } from '../load';
import { TidyRow } from './kostra-dimensions';
import { writeError, writeFileAtomic as writeAtomic } from '../../util/atomic';

/** Compare dotted ids with numeric segments as numbers: befolkning.alder.2 < befolkning.alder.10. */
export function compareVariableIds(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const na = /^\d+$/.test(pa[i]);
    const nb = /^\d+$/.test(pb[i]);
    if (na && nb) return Number(pa[i]) - Number(pb[i]);
    return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Deterministic order: region (kommunenummer before group codes), year, variable. */
export function sortTidy(rows: readonly TidyRow[]): TidyRow[] {
  return [...rows].sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0) || a.year - b.year || compareVariableIds(a.variable, b.variable));
}

function cell(s: string): string {
  return /[",\n\r]|^#/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A value as the data files write it: `.` decimal point, no thousands separators, the SSB symbol when missing. */
export function formatValue(value: number | null, symbol?: string): string {
  if (value === null) return symbol ?? '..';
  if (symbol === '-') return '-';
  if (Object.is(value, -0)) return '0';
  const s = String(value);
  if (!/e/i.test(s)) return s;
  return value.toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(value))) + 14))).replace(/\.?0+$/, '');
}

/** The tidy CSV text (header + sorted rows), as read by data/observations. */
export function tidyToCsv(rows: readonly TidyRow[], comment?: string): string {
  const lines: string[] = [];
  if (comment) for (const c of comment.split('\n')) lines.push(`# ${c}`);
  lines.push(OBSERVATION_HEADER.join(','));
  for (const r of sortTidy(rows)) {
    lines.push([r.region, String(r.year), r.variable, formatValue(r.value, r.symbol), r.unit, r.source].map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * Write a file atomically (temp file + rename), creating the folder. A folder that cannot be made or a file that
 * cannot be written is a UserError (exit 1) and leaves nothing behind.
 */
export function writeFileAtomic(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  } catch (e) {
    throw writeError(file, e);
  }
  writeAtomic(file, text);
}
