import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { UserError } from '../../errors';
import { readSsbFile } from '../../data/import';
import { kostnadsindeksTable, robekTable } from '../../data/import/national';
import { PopulationImportRow, populationFromSsb, readNationalPopulationCsv, writePopulationImport } from '../../data/import/population';
import { DEFAULT_DATA_DIR } from '../../data/load';
import { readRegisterFile } from '../../data/register';
import { writeFileAtomic } from '../../util/atomic';
import { CliIO } from '../io';

/**
 * `import befolkning`, `import kostnadsindeks`, `import robek`: the national data into the data folder's own form
 * (data/befolkning/*.csv, data/tables/kostnadsindeks.csv, data/tables/robek.csv), with source and retrieval date.
 */

function readText(file: string): string {
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) throw new UserError(`fant ikke filen ${file}`, 'NO_FILE');
  return fs.readFileSync(file, 'utf8');
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

interface PopulationOptions {
  data?: string;
  hentet?: string;
  kilde: string;
  lisens: string;
  opphav?: string;
}

export function registerNationalImports(imp: Command, io: CliIO): void {
  imp
    .command('befolkning')
    .description('Folkemengde 1. januar etter ettårig alder (SSB 07459) inn i data/befolkning/: en nedlasting fra SSB (JSON-stat2 eller CSV, menn og kvinner summeres) eller den nasjonale filen (kommune,aar,total,a0..a105). Nyere tall erstatter eldre for samme kommune og år.')
    .argument('<filer...>', 'filer fra SSB (07459) eller i det nasjonale formatet')
    .option('--data <mappe>', 'datamappen (standard: den innebygde data/)')
    .option('--hentet <dato>', 'datoen tallene ble hentet, ÅÅÅÅ-MM-DD (standard: i dag)')
    .option('--kilde <tekst>', 'kildelinjen lysbildene viser', 'SSB, tabell 07459')
    .option('--lisens <tekst>', 'lisensen tallene er gitt ut under', 'NLOD / CC BY 4.0 (Kilde: SSB)')
    .option('--opphav <tekst>', 'hvor filen kom fra (lagres med tallene)')
    .action((files: string[], o: PopulationOptions) => {
      const dataDir = o.data ?? DEFAULT_DATA_DIR;
      const register = readRegisterFile(path.join(dataDir, 'register', 'kommuner.csv'));
      const rows: PopulationImportRow[] = [];
      for (const f of files) {
        const text = readText(f);
        if (/^\ufeff?kommune,aar,total,a0,/.test(text)) rows.push(...readNationalPopulationCsv(f, text));
        else {
          const r = populationFromSsb([readSsbFile(f)], register);
          for (const w of r.warnings) io.err(`Advarsel: ${w}`);
          rows.push(...r.rows);
        }
      }
      const unknown = [...new Set(rows.map((r) => r.region))].filter((r) => r !== '0000' && !register.has(r));
      if (unknown.length > 0) throw new UserError(`ukjente kommunenummer i filen: ${unknown.slice(0, 10).join(', ')}; legg eldre numre inn i register/kommuner.csv med current=nei`, 'UNKNOWN_KOMMUNE');
      const meta = { source: o.kilde, retrieved: o.hentet ?? today(), licence: o.lisens, origin: o.opphav ?? files.map((f) => path.basename(f)).join(', ') };
      const w = writePopulationImport(dataDir, meta, rows);
      const years = [...new Set(rows.map((r) => r.year))].sort();
      io.err(`Skrev ${w.file}: ${w.added} nye og ${w.replaced} erstattede rader (${new Set(rows.map((r) => r.region)).size} regioner, ${years[0]}–${years[years.length - 1]})`);
    });

  imp
    .command('kostnadsindeks')
    .description('Kostnadsindeksen per kommune (KDD, Grønt hefte, tabell A-k; kolonnene kommune,aar,kostnadsindeks) til data/tables/kostnadsindeks.csv. Kommuner som mangler får en tom verdi med forklaring.')
    .argument('<fil>', 'CSV med kommune,aar,kostnadsindeks')
    .option('--data <mappe>', 'datamappen (standard: den innebygde data/)')
    .option('--kilde <mal>', 'kildelinjen; {år} byttes med inntektssystemåret', 'KDD, Grønt hefte {år}, tabell A-k')
    .action((file: string, o: { data?: string; kilde: string }) => {
      const dataDir = o.data ?? DEFAULT_DATA_DIR;
      const register = readRegisterFile(path.join(dataDir, 'register', 'kommuner.csv'));
      const out = path.join(dataDir, 'tables', 'kostnadsindeks.csv');
      const csv = kostnadsindeksTable(file, readText(file), register, (y) => o.kilde.replace('{år}', String(y)));
      writeFileAtomic(out, '# Kostnadsindeksen (indeks for beregnet utgiftsbehov) per kommune; importert med kommunedeck import kostnadsindeks.\n' + csv);
      io.err(`Skrev ${out}: ${csv.split('\n').length - 2} rader`);
    });

  imp
    .command('robek')
    .description('ROBEK-listen på en dato (kolonnene kommune,navn,hjemmel) til data/tables/robek.csv; lister for andre datoer beholdes.')
    .argument('<fil>', 'CSV med kommune,navn,hjemmel')
    .requiredOption('--dato <dato>', 'datoen listen gjelder, ÅÅÅÅ-MM-DD')
    .option('--data <mappe>', 'datamappen (standard: den innebygde data/)')
    .option('--kilde <tekst>', 'kildelinjen (standard: «KDD, ROBEK-registeret DD.MM.ÅÅÅÅ»)')
    .action((file: string, o: { data?: string; dato: string; kilde?: string }) => {
      const dataDir = o.data ?? DEFAULT_DATA_DIR;
      const register = readRegisterFile(path.join(dataDir, 'register', 'kommuner.csv'));
      const [y, m, d] = o.dato.split('-');
      const csv = robekTable(file, readText(file), register, o.dato, o.kilde ?? `KDD, ROBEK-registeret ${d}.${m}.${y}`);
      const out = path.join(dataDir, 'tables', 'robek.csv');
      // keep the lists of other dates
      const kept = fs.existsSync(out) ? fs.readFileSync(out, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('dato,') && !l.startsWith(`${o.dato},`)) : [];
      const [header, ...rows] = csv.trim().split('\n');
      writeFileAtomic(out, `# Kommunene i ROBEK per dato; importert med kommunedeck import robek.\n${[header, ...[...kept, ...rows].sort()].join('\n')}\n`);
      io.err(`Skrev ${out}: ${rows.length} kommuner i ROBEK ${o.dato}`);
    });
}
