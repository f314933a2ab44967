import { Dataset } from '../dataset';
import { TableSchema } from '../model';

/**
 * The kommune's own financial targets (KØB / handlingsregler), one row per kommune and rule. A kommune without rows
 * is checked against the defaults in src/analysis/finans.ts (DEFAULT_TARGETS).
 */
export const KOB_MAL: TableSchema = {
  name: 'kob_mal',
  description: 'Kommunens egne økonomiske handlingsregler (KØB-mål): terskel i % av brutto driftsinntekter',
  columns: [
    { name: 'region', type: 'region', required: true, description: 'kommunenummer' },
    { name: 'regel', type: 'string', required: true, description: 'netto_driftsresultat, disposisjonsfond eller netto_lanegjeld' },
    { name: 'terskel', type: 'number', required: true, description: 'terskel i prosent av brutto driftsinntekter, f.eks. 2 for 2 %' },
    { name: 'retning', type: 'string', required: true, description: 'min (minst terskelen) eller maks (høyst terskelen)' },
    { name: 'source', type: 'string', required: true, description: 'kilde, f.eks. "003 avsnitt 1.1"' },
  ],
  key: ['region', 'regel'],
};

export const FINANS_TABLES: TableSchema[] = [KOB_MAL];

/** KØB rules must name a known rule and a direction. */
export function checkFinans(ds: Pick<Dataset, 'table'>): { file?: string; line?: number; message: string }[] {
  const out: { file?: string; line?: number; message: string }[] = [];
  for (const r of ds.table('kob_mal')) {
    const regel = String(r.values.regel);
    if (!['netto_driftsresultat', 'disposisjonsfond', 'netto_lanegjeld'].includes(regel))
      out.push({ file: r.file, line: r.line, message: `ukjent regel '${regel}'; forventet netto_driftsresultat, disposisjonsfond eller netto_lanegjeld` });
    const retning = String(r.values.retning);
    if (retning !== 'min' && retning !== 'maks') out.push({ file: r.file, line: r.line, message: `ukjent retning '${retning}'; forventet min eller maks` });
  }
  return out;
}
