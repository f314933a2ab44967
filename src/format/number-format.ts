import { num, NBSP } from './bokmal';

/**
 * The Excel-style number format codes charts carry (`#,##0`, `#,##0.0" %"`, `#,##0,,"mill"`, `#,##0,`), read as
 * what a reader sees: decimals, a scale (trailing commas divide by 1000 each) and a suffix. Used by the audit trail
 * (a chart point's text) and by image charts (the same labels as the native chart).
 */
export interface NumberFormatSpec {
  decimals: number;
  /** the value is divided by this before printing (1, 1000, 1 000 000) */
  scale: number;
  /** text after the number, e.g. " %" or " mill" */
  suffix: string;
}

export function parseNumberFormat(code: string): NumberFormatSpec {
  const quoted = /"([^"]*)"/.exec(code);
  const suffix = quoted ? quoted[1] : '';
  const body = code.replace(/"[^"]*"/g, '');
  const frac = /\.(0+)/.exec(body);
  const decimals = frac ? frac[1].length : 0;
  const trailingCommas = /(,+)$/.exec(body.trim());
  const scale = trailingCommas ? 1000 ** trailingCommas[1].length : 1;
  return { decimals, scale, suffix };
}

/** A number as a native chart with this format code prints it, the bokmål way ("2,2 %", "57,7 mill"). */
export function formatWithCode(value: number | null, code: string): string {
  const f = parseNumberFormat(code);
  if (value === null || !Number.isFinite(value)) return '–';
  return num(value / f.scale, f.decimals) + f.suffix.replace(/^ /, NBSP);
}

/** A number as bokmål prints it ("-1 234,5", "0,9474", "2,2 %") back to a number; undefined for any other text. */
export function parseBokmalNumber(text: string): number | undefined {
  const m = /^([+-]?)(\d{1,3}(?:[ \u00a0]\d{3})*|\d+)(?:,(\d+))?(?:[ \u00a0]?%)?$/.exec(text.trim());
  if (!m) return undefined;
  const v = Number(m[2].replace(/[ \u00a0]/g, '') + (m[3] ? '.' + m[3] : ''));
  return m[1] === '-' ? -v : v;
}
