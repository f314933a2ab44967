import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { UserError } from '../../errors';
import { membershipFromKlass, parseKlassCorrespondence, writeMembership } from '../../data/import/klass';
import { DEFAULT_DATA_DIR } from '../../data/load';
import { readRegisterFile } from '../../data/register';
import { CliIO } from '../io';

/** `import kostragrupper <fil.json> --year Y`: KOSTRA group membership from SSB Klass 112 into data/tables/kostragruppe_medlemskap.csv. */
export function registerKlassImport(imp: Command, io: CliIO): void {
  imp
    .command('kostragrupper')
    .description(
      'KOSTRA-gruppe per kommune fra SSBs Klass 112 (korrespondansen mot Klass 131, JSON) inn i data/tables/kostragruppe_medlemskap.csv. ' +
        'Radene for året erstattes; andre år beholdes. Hent filen med: curl -H "Accept: application/json" ' +
        '"https://data.ssb.no/api/klass/v1/classifications/112/correspondsAt?targetClassificationId=131&date=ÅÅÅÅ-01-01"',
    )
    .argument('<fil>', 'svaret fra Klass (JSON)')
    .requiredOption('--year <år>', 'regnskapsåret grupperingen gjelder (datoen i spørringen er 1.1. i året)')
    .option('--data <mappe>', 'datamappen (standard: den innebygde data/)')
    .action((file: string, o: { year: string; data?: string }) => {
      if (!/^\d{4}$/.test(o.year.trim())) throw new UserError(`ugyldig --year '${o.year}'; forventet fire siffer, f.eks. 2024`, 'BAD_YEAR');
      const year = Number(o.year);
      if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) throw new UserError(`fant ikke filen ${file}`, 'NO_FILE');
      const dataDir = o.data ?? DEFAULT_DATA_DIR;
      const register = readRegisterFile(path.join(dataDir, 'register', 'kommuner.csv'));
      const items = parseKlassCorrespondence(fs.readFileSync(file, 'utf8'), file);
      const r = membershipFromKlass(items, year, register);
      for (const w of r.warnings) io.err(`Advarsel: ${w}`);
      const target = path.join(dataDir, 'tables', 'kostragruppe_medlemskap.csv');
      const w = writeMembership(target, year, r.rows);
      const groups = new Set(r.rows.map((x) => x.gruppe)).size;
      io.err(
        `${w.changed ? `Skrev ${target}` : `Ingen endringer i ${target}`}: ${r.rows.length} kommuner i ${groups} KOSTRA-grupper for ${year}` +
          `${w.replaced > 0 ? ` (erstattet ${w.replaced} rader for ${year})` : ''}; ${w.kept} rader for andre år beholdt`,
      );
    });
}
