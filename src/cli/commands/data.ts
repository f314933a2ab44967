import { formatProblem, ProblemsError } from '../../errors';
import { DEFAULT_DATA_DIR, loadDataset } from '../../data/load';
import { EXIT_USER } from '../io';
import { RegisterCommand } from '.';

export const registerData: RegisterCommand = (program, io, setExit) => {
  const data = program.command('data').description('Arbeid med datamappen (observasjoner, variabler, tabeller, kommuneregister).');
  data
    .command('check')
    .description('Leser og kontrollerer hele datamappen; skriver hver feil som fil:linje: melding og gir exit 1 ved feil.')
    .option('--data <mappe>', 'datamappen (standard: den innebygde data/)')
    .option('--strict', 'advarsler (konsistenssjekker) gir også exit-kode 1')
    .action((o: { data?: string; strict?: boolean }) => {
      let result;
      try {
        result = loadDataset(o.data ?? DEFAULT_DATA_DIR);
      } catch (e) {
        if (!(e instanceof ProblemsError)) throw e;
        for (const p of e.problems) io.err(formatProblem(p));
        io.err(`${e.problems.length} feil i datamappen ${o.data ?? DEFAULT_DATA_DIR}; ingenting er lastet`);
        setExit(EXIT_USER);
        return;
      }
      const { dataset, warnings } = result;
      for (const w of warnings) {
        const where = w.file ? (w.line !== undefined ? `${w.file}:${w.line}: ` : `${w.file}: `) : '';
        io.err(`Advarsel: ${where}${w.message}`);
      }
      io.out(`OK: ${dataset.observations.length} observasjoner, ${dataset.tables.size} tabeller, ${dataset.variables.size} variabler`);
      if (warnings.length > 0) {
        io.out(`${warnings.length} ${warnings.length === 1 ? 'advarsel' : 'advarsler'} fra konsistenssjekkene`);
        if (o.strict) setExit(EXIT_USER);
      }
    });
};
