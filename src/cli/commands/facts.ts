import { Command } from 'commander';
import { datasetFor } from '../../data/load';
import { inputSource, InputSource } from '../../data/sources/lookup';
import { findKommune } from '../../data/register';
import { FactStore } from '../../facts';
import { formatValue } from '../../format/bokmal';
import { METRICS } from '../../metrics/registry';
import { isMissing } from '../../metrics/types';
import { parseYear } from './build';
import { RegisterCommand } from '.';

export const registerFacts: RegisterCommand = (program: Command, io) => {
  program
    .command('facts')
    .description('Skriver ut alle nøkkeltall for en kommune og et år.')
    .requiredOption('--kommune <nr|navn>', 'kommunen, f.eks. 1837 eller Meløy')
    .requiredOption('--year <år>', 'året, f.eks. 2020')
    .option('--ref <nr,nr,...>', 'referansekommuner for sammenligningene')
    .option('--json', 'skriv ett JSON-objekt: id -> { value, unit, label, source, series|table, inputs (kildekartet per inndata) }')
    .option('--data <mappe>', 'datamappen (standard: den innebygde data/)')
    .action((o: { kommune: string; year: string; ref?: string; json?: boolean; data?: string }) => {
      const year = parseYear(o.year)!;
      const dataset = datasetFor({ dataDir: o.data });
      const kommune = findKommune(dataset.register, o.kommune);
      const refs = o.ref ? o.ref.split(',').map((r) => findKommune(dataset.register, r.trim()).code) : [];
      const facts = new FactStore(dataset, METRICS, [kommune.code, ...refs]).all(kommune.code, year);
      if (o.json) {
        const out: Record<string, unknown> = {};
        const entries = new Map<string, InputSource>();
        // each declared input with its entry in the source map (src/data/sources/); the unit from the catalogue where the map has none
        const inputsOf = (ids: readonly string[]) =>
          ids.map((i) => {
            let e = entries.get(i);
            if (!e) {
              e = inputSource(i);
              const unit = dataset.variables.get(i)?.unit;
              if (e.unit === undefined && unit !== undefined) e.unit = unit;
              entries.set(i, e);
            }
            return e;
          });
        for (const [id, f] of facts) {
          const def = METRICS.find((m) => m.id === id)!;
          const inputs = inputsOf(def.inputs);
          if (isMissing(f)) out[id] = { value: null, unit: def.unit, label: def.label, source: [], missing: f.missing, inputs };
          else if (f.kind === 'scalar') out[id] = { value: f.value, unit: f.unit, label: f.label, source: f.source, inputs };
          else if (f.kind === 'series') out[id] = { value: null, unit: f.unit, label: f.label, source: f.source, series: f.series, inputs };
          else out[id] = { value: null, unit: f.unit, label: f.label, source: f.source, table: f.table, inputs };
        }
        io.out(JSON.stringify(out, null, 2));
        return;
      }
      io.out(`Nøkkeltall for ${kommune.code} ${kommune.name}, ${year}`);
      for (const [id, f] of facts) {
        const shown = isMissing(f) ? `mangler (${f.missing})` : f.kind === 'scalar' ? formatValue(f.value, undefined, f.decimals, f.unit) : f.kind === 'series' ? `serie, ${f.series.series.length} serier × ${f.series.categories.length}` : `tabell, ${f.table.rows.length} rader`;
        io.out(`  ${id.padEnd(48)} ${shown.replace(/\u00a0/g, ' ')}`);
      }
    });
};
