import { ProblemsError, UserError } from '../../errors';
import { Problem } from '../../errors';
import { KommuneInfo } from '../model';

/**
 * Importers for the national tables a consultant gets as spreadsheets or lists rather than from SSB's API:
 * the kostnadsindeks of the inntektssystem (KDD, Grønt hefte, tabell A-k; layout `kommune,aar,kostnadsindeks`)
 * and the ROBEK register (layout `kommune,navn,hjemmel`). Each returns the rows of the dedicated table
 * (data/tables/kostnadsindeks.csv, data/tables/robek.csv) as CSV text.
 */

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function splitCsvLine(l: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < l.length; i++) {
    const c = l[i];
    if (quoted) {
      if (c === '"' && l[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

function rowsOf(file: string, text: string, header: string[]): { cells: string[]; line: number }[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== header.join(',')) throw new UserError(`${file}:1: feil overskriftsrad; forventet ${header.join(',')}`, 'BAD_IMPORT');
  return lines
    .slice(1)
    .map((l, i) => ({ cells: splitCsvLine(l), line: i + 2 }))
    .filter((r) => r.cells.join('') !== '');
}

/**
 * Kostnadsindeks per kommune and year. Every current kommune of the register that the file lacks for a year gets a
 * row with an empty index and the reason, so a slide says why instead of showing 0 or an estimate.
 */
export function kostnadsindeksTable(file: string, text: string, register: ReadonlyMap<string, KommuneInfo>, citation: (year: number) => string): string {
  const problems: Problem[] = [];
  const byYear = new Map<number, Map<string, string>>();
  for (const r of rowsOf(file, text, ['kommune', 'aar', 'kostnadsindeks'])) {
    const [kommune, aar, indeks] = r.cells;
    if (!register.has(kommune)) problems.push({ file, line: r.line, message: `ukjent kommunenummer '${kommune}'` });
    else if (!/^\d{4}$/.test(aar)) problems.push({ file, line: r.line, message: `ugyldig år '${aar}'` });
    else if (!/^\d+(\.\d+)?$/.test(indeks) || Number(indeks) <= 0 || Number(indeks) > 5) problems.push({ file, line: r.line, message: `'${indeks}' er ikke en kostnadsindeks; forventet f.eks. 1.0304` });
    else {
      let m = byYear.get(Number(aar));
      if (!m) byYear.set(Number(aar), (m = new Map()));
      if (m.has(kommune)) problems.push({ file, line: r.line, message: `${kommune} ${aar} står to ganger` });
      m.set(kommune, indeks);
    }
  }
  if (problems.length > 0) throw new ProblemsError(problems.slice(0, 50), 'BAD_IMPORT');
  const kommuner = [...register.values()].filter((k) => k.kind === 'kommune' && k.current && k.code !== '9999').map((k) => k.code).sort();
  const lines = ['year,region,indeks,merknad,source'];
  for (const year of [...byYear.keys()].sort()) {
    const m = byYear.get(year) as Map<string, string>;
    for (const k of kommuner) {
      const v = m.get(k);
      const note = v === undefined ? `står ikke i kilden for ${year}; ikke anslått` : '';
      lines.push([year, k, v ?? '', csvCell(note), csvCell(citation(year))].join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/** The ROBEK list of one date. */
export function robekTable(file: string, text: string, register: ReadonlyMap<string, KommuneInfo>, date: string, citation: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UserError(`ugyldig dato '${date}'; forventet ÅÅÅÅ-MM-DD`, 'BAD_DATE');
  const problems: Problem[] = [];
  const lines = ['dato,region,hjemmel,source'];
  for (const r of rowsOf(file, text, ['kommune', 'navn', 'hjemmel'])) {
    const [kommune, , hjemmel] = r.cells;
    if (!register.has(kommune)) problems.push({ file, line: r.line, message: `ukjent kommunenummer '${kommune}'` });
    else if (!/^[a-g](, [a-g])*( og [a-g])?$/.test(hjemmel)) problems.push({ file, line: r.line, message: `ugyldig hjemmel '${hjemmel}'; forventet bokstaver a–g fra kommuneloven § 28-1, f.eks. «c og d»` });
    else lines.push([date, kommune, csvCell(hjemmel), csvCell(citation)].join(','));
  }
  if (problems.length > 0) throw new ProblemsError(problems.slice(0, 50), 'BAD_IMPORT');
  return lines.join('\n') + '\n';
}
