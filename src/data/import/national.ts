import { Problem, ProblemsError, UserError } from '../../errors';
import { readCsv } from '../csvfile';
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

/** The rows of a CSV file with the given header (the project's own reader: quoting, BOM, CRLF, file:line problems). */
function rowsOf(file: string, text: string, header: string[]): { cells: string[]; line: number }[] {
  const r = readCsv(file, text, header);
  if (r.problems.length > 0 || !r.value) throw new ProblemsError(r.problems.length ? r.problems : [{ file, line: 1, message: `forventet overskriftsraden ${header.join(',')}` }], 'BAD_IMPORT');
  return r.value.rows;
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
