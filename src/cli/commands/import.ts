import * as path from 'path';
import { Command } from 'commander';
import { UserError } from '../../errors';
import { catalogueGaps, importSsb, readSsbFile, readVariableCatalogue, tidyToCsv, writeFileAtomic } from '../../data/import';
import { MapOptions, MapResult } from '../../data/import/kostra-dimensions';
import { DEFAULT_DATA_DIR } from '../../data/load';
import { readRegisterFile } from '../../data/register';
import { CliIO, EXIT_USER } from '../io';
import { RegisterCommand } from '.';
import { registerNationalImports } from './import-national';
import { registerKlassImport } from './import-klass';

/** Options the import and fetch commands share. */
export interface TidyOutputOptions {
  out?: string;
  data?: string;
  table?: string;
  sumKjonn?: boolean;
  variable?: string;
  unit?: string;
  source?: string;
  keepUnknownRegions?: boolean;
  strict?: boolean;
}

export function addTidyOptions(cmd: Command): Command {
  return cmd
    .option('-o, --out <fil>', 'skriv CSV-en hit (f.eks. data/observations/ssb-12134.csv); ellers til standard ut')
    .option('--data <mappe>', 'datamappen med register/kommuner.csv og variables.csv (standard: den innebygde data/)')
    .option('--sum-kjonn', 'summer menn og kvinner (f.eks. befolkningstabellene 07459 og 14288, som demografi-analysene trenger)')
    .option('--variable <id>', 'bruk denne variabel-id-en for alle tallene (filer med én statistikkvariabel)')
    .option('--unit <enhet>', 'enheten når filen ikke oppgir den (kr, 1000 kr, kr per innb, %, antall, ...)')
    .option('--source <tekst>', 'tekst i kolonnen source (standard: "SSB <tabell>")')
    .option('--keep-unknown-regions', 'ta med regioner som ikke står i kommuneregisteret (ellers utelates de med en advarsel)')
    .option('--strict', 'advarsler gir exit-kode 1');
}

export function mapOptions(o: TidyOutputOptions): MapOptions {
  const dataDir = o.data ?? DEFAULT_DATA_DIR;
  if (o.table !== undefined && !/^\d{5}$/.test(o.table)) throw new UserError(`ugyldig tabellnummer '${o.table}'; forventet fem siffer, f.eks. 12134`, 'BAD_TABLE');
  if (o.variable !== undefined && !/^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(o.variable)) {
    throw new UserError(`ugyldig variabel-id '${o.variable}'; forventet små bokstaver med punktum, f.eks. kostra.frie_inntekter_kpi`, 'BAD_VARIABLE');
  }
  return {
    register: readRegisterFile(path.join(dataDir, 'register', 'kommuner.csv')),
    tableId: o.table,
    sumSex: o.sumKjonn,
    variable: o.variable,
    unit: o.unit,
    source: o.source,
    keepUnknownRegions: o.keepUnknownRegions,
  };
}

/** Write tidy rows (file or stdout), then report warnings, new variables and a summary on stderr. */
export function emitTidy(result: MapResult, o: TidyOutputOptions, io: CliIO, setExit: (code: number) => void, origin: string): void {
  if (result.rows.length === 0) {
    for (const w of result.warnings) io.err(`Advarsel: ${w}`);
    throw new UserError('ingen observasjoner å skrive (se advarslene over)', 'EMPTY_IMPORT');
  }
  const csv = tidyToCsv(result.rows, `importert med kommunedeck fra ${origin}`);
  if (o.out) writeFileAtomic(o.out, csv);
  else io.out(csv.replace(/\n$/, ''));

  for (const w of result.warnings) io.err(`Advarsel: ${w}`);
  const dataDir = o.data ?? DEFAULT_DATA_DIR;
  const catalogueFile = path.join(dataDir, 'variables.csv');
  const gaps = catalogueGaps(result.rows, readVariableCatalogue(catalogueFile));
  if (gaps.missing.length > 0) {
    io.err(`${gaps.missing.length} variabel(er) finnes ikke i ${catalogueFile}; legg til disse linjene (og skriv gjerne en bedre beskrivelse):`);
    for (const v of gaps.missing) io.err(`  ${[v.id, csvCell(v.label), v.unit, csvCell(v.description)].join(',')}`);
  }
  for (const m of gaps.unitMismatch) io.err(`Advarsel: enheten passer ikke: ${m}`);

  const regions = new Set(result.rows.map((r) => r.region));
  const years = [...new Set(result.rows.map((r) => r.year))].sort();
  const vars = new Set(result.rows.map((r) => r.variable));
  const span = years.length === 1 ? `${years[0]}` : `${years[0]}–${years[years.length - 1]}`;
  io.err(`${o.out ? `Skrev ${o.out}: ` : ''}${result.rows.length} observasjoner, ${regions.size} regioner, år ${span}, ${vars.size} variabler`);
  if (o.strict && (result.warnings.length > 0 || gaps.unitMismatch.length > 0)) setExit(EXIT_USER);
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const registerImport: RegisterCommand = (program, io, setExit) => {
  const imp = program.command('import').description('Importerer tall fra andre formater til datamodellen (region,year,variable,value,unit,source).');
  addTidyOptions(
    imp
      .command('ssb')
      .description('Leser CSV fra SSBs statistikkbank eller JSON-stat2 fra SSBs API og skriver tidy CSV for data/observations.')
      .argument('<filer...>', 'en eller flere filer fra SSB (.csv eller .json)')
      .option('--table <nummer>', 'SSB-tabellnummeret når filen ikke oppgir det (f.eks. 12134)'),
  ).action((files: string[], o: TidyOutputOptions) => {
    const opts = mapOptions(o);
    const imports = files.map((f) => readSsbFile(f));
    const result = importSsb(imports, opts);
    emitTidy(result, o, io, setExit, files.map((f) => path.basename(f)).join(', '));
  });
  registerNationalImports(imp, io);
  registerKlassImport(imp, io);
};
