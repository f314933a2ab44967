import { TableSchema } from '../model';
import type { Dataset } from '../dataset';
import type { ConsistencyWarning } from '../checks';
import { KOSTNADSNOKKEL_GROUPS, SHARE_GROUPS, sharesSum } from '../../analysis/demografi';

/**
 * National cost per inhabitant by age group and sector, in fixed kroner of `year`: the unit costs behind the
 * demographic cost (demografikostnad.*). One row per year, sector and age group; age groups are the
 * kostnadsnøkkel groups (0_1, 2_5, 6_15, 16_22, 23_66, 67_79, 80_89, 90_pluss) or 67_pluss / 16_66.
 */
export const DEMOGRAFIKOSTNAD_ENHETSKOSTNAD: TableSchema = {
  name: 'demografikostnad_enhetskostnad',
  description: 'Landsgjennomsnittlig kostnad per innbygger etter aldersgruppe og tjenesteområde (faste kroner)',
  columns: [
    { name: 'year', type: 'int', required: true, description: 'kroneverdi (året kostnadene er målt i)' },
    { name: 'sektor', type: 'string', required: true, description: 'tjenesteområde, f.eks. pleie_og_omsorg, grunnskole, barnehage, sosial, kommunehelse, barnevern' },
    { name: 'aldersgruppe', type: 'string', required: true, description: 'aldersgruppe som i variabelnavnene: 0_1, 2_5, 6_15, 16_22, 23_66, 67_79, 80_89, 90_pluss' },
    { name: 'kr_per_innb', type: 'number', required: true, description: 'kroner per innbygger i aldersgruppen' },
    { name: 'source', type: 'string', required: true, description: 'kilde, f.eks. "KS demografimodell 2023" eller "SSB 12362"' },
  ],
  key: ['year', 'sektor', 'aldersgruppe'],
};

export const DEMOGRAFI_TABLES: TableSchema[] = [DEMOGRAFIKOSTNAD_ENHETSKOSTNAD];

function fmt(n: number, decimals = 1): string {
  return n.toFixed(decimals).replace('.', ',').replace('-', '−');
}

/**
 * Consistency checks on population data: published age shares (befolkning.andel.*) should add up to 100 % within
 * rounding, and age-group counts (befolkning.gruppe.*) to the folkemengde.
 */
export function checkDemografi(ds: Dataset): ConsistencyWarning[] {
  const warnings: ConsistencyWarning[] = [];
  const shareVars = SHARE_GROUPS.map((g) => `befolkning.andel.${g.key}`);
  const groupVars = KOSTNADSNOKKEL_GROUPS.map((g) => `befolkning.gruppe.${g.key}`);
  const seen = new Set<string>();
  for (const o of ds.observations) {
    if (o.variable !== shareVars[0] && o.variable !== groupVars[0]) continue;
    const isShare = o.variable === shareVars[0];
    const k = `${isShare}|${o.region}|${o.year}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const vars = isShare ? shareVars : groupVars;
    const values = vars.map((v) => ds.value(o.region, o.year, v));
    if (values.some((v) => v === undefined || v === null)) continue;
    const nums = values as number[];
    const who = `${ds.regionName(o.region)} (${o.region}) ${o.year}`;
    if (isShare) {
      const s = sharesSum(nums);
      if (Math.abs(s.deviation) > s.tolerance) {
        warnings.push({
          file: o.file,
          line: o.line,
          message: `${who}: andelene per aldersgruppe (${o.source}) summerer til ${fmt(s.sum)} %, ikke 100 % (avvik ${fmt(s.deviation)} prosentpoeng)`,
        });
      }
    } else {
      const total = ds.value(o.region, o.year, 'befolkning.folkemengde');
      const sum = nums.reduce((a, b) => a + b, 0);
      if (typeof total === 'number' && Math.abs(sum - total) > 0.5) {
        warnings.push({ file: o.file, line: o.line, message: `${who}: aldersgruppene summerer til ${fmt(sum, 0)} innbyggere, men folkemengden er ${fmt(total, 0)}` });
      }
    }
  }
  return warnings;
}
