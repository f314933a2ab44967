/**
 * Bokmål number formatting (DOMAIN.md "Number and language conventions"):
 * thousands separated by a (non-breaking) space, decimal comma, a space before "%", minus sign for negatives.
 * A missing value prints as an en dash "–".
 */

/** U+00A0: keeps "790 118 000" and "2,2 %" on one line in a slide. */
export const NBSP = '\u00a0';
export const MISSING_TEXT = '–';

export type Formattable = number | null | undefined;

function isNumber(v: Formattable): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Round half away from zero at `decimals` (as the sources round), avoiding binary artefacts like 1.005. */
export function roundHalfAway(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Math.abs(value) * f;
  const r = Math.round(Number(scaled.toPrecision(15)));
  return (Math.sign(value) * r) / f;
}

/** 1234567.891 -> "1 234 567,89" (decimals fixed). */
export function num(value: Formattable, decimals = 0): string {
  if (!isNumber(value)) return MISSING_TEXT;
  const rounded = roundHalfAway(value, decimals);
  const negative = rounded < 0; // -0 after rounding prints as 0
  const [intPart, frac] = Math.abs(rounded).toFixed(decimals).split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return (negative ? '-' : '') + grouped + (frac ? ',' + frac : '');
}

/** Kroner: "790 118 000 kr". */
export function kr(value: Formattable, decimals = 0): string {
  return isNumber(value) ? `${num(value, decimals)}${NBSP}kr` : MISSING_TEXT;
}

/** Kroner shown in 1000 kr: 57 745 000 -> "57 745" (the unit goes in the header or caption). */
export function tusen(value: Formattable, decimals = 0): string {
  return isNumber(value) ? num(value / 1000, decimals) : MISSING_TEXT;
}

/** Millions: 121 400 000 -> "121,4 mill" (one decimal by default). */
export function mill(value: Formattable, decimals = 1): string {
  return isNumber(value) ? `${num(value / 1e6, decimals)}${NBSP}mill` : MISSING_TEXT;
}

/** A percent number (2.2 means 2,2 %) -> "2,2 %". */
export function pct(value: Formattable, decimals = 1): string {
  return isNumber(value) ? `${num(value, decimals)}${NBSP}%` : MISSING_TEXT;
}

/** With an explicit sign: 1005 -> "+1 005", -1009 -> "-1 009", 0 -> "0". */
export function signed(value: Formattable, decimals = 0): string {
  if (!isNumber(value)) return MISSING_TEXT;
  const s = num(value, decimals);
  return value > 0 && s.replace(/[0,\u00a0]/g, '') !== '' ? `+${s}` : s;
}

/** Percentage points: 5.4 -> "+5,4 prosentpoeng". */
export function pp(value: Formattable, decimals = 1): string {
  return isNumber(value) ? `${signed(value, decimals)}${NBSP}prosentpoeng` : MISSING_TEXT;
}

export const FORMATTERS = { num, kr, tusen, mill, pct, signed, pp } as const;
export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];

/** Format by name with optional decimals; the default formatting of a unit when no name is given. */
export function formatValue(value: number | string | null | undefined, format?: FormatName, decimals?: number, unit?: string): string {
  if (typeof value === 'string') return value;
  if (format) return decimals === undefined ? FORMATTERS[format](value) : FORMATTERS[format](value, decimals);
  switch (unit) {
    case '%':
      return pct(value, decimals ?? 1);
    case 'kr':
      return kr(value, decimals ?? 0);
    default:
      return num(value, decimals ?? 0);
  }
}
