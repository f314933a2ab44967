import { formatProblem, ProblemsError } from '../../errors';
import { checkCriteriaAgainstPopulation, ConsistencyWarning } from '../../data/checks';
import { DEFAULT_DATA_DIR, loadDataset } from '../../data/load';
import { failureLines, runUpdate, summaryLines } from '../../data/update/update';
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
        result = loadDataset(o.data ?? DEFAULT_DATA_DIR, { eager: true });
      } catch (e) {
        if (!(e instanceof ProblemsError)) throw e;
        for (const p of e.problems) io.err(formatProblem(p));
        io.err(`${e.problems.length} feil i datamappen ${o.data ?? DEFAULT_DATA_DIR}; ingenting er lastet`);
        setExit(EXIT_USER);
        return;
      }
      const { dataset } = result;
      // the population files in full (a build reads them lazily, a region at a time)
      let population: { rows: number } | undefined;
      try {
        population = dataset.population.present ? dataset.population.validate() : undefined;
      } catch (e) {
        if (!(e instanceof ProblemsError)) throw e;
        for (const p of e.problems) io.err(formatProblem(p));
        io.err(`${e.problems.length} feil i befolkningsfilene i ${o.data ?? DEFAULT_DATA_DIR}`);
        setExit(EXIT_USER);
        return;
      }
      const all = [...result.warnings, ...checkCriteriaAgainstPopulation(dataset)];
      const errors = all.filter((w) => w.severity === 'error');
      const warnings = all.filter((w) => w.severity !== 'error');
      const where = (w: ConsistencyWarning) => (w.file ? (w.line !== undefined ? `${w.file}:${w.line}: ` : `${w.file}: `) : '');
      for (const w of warnings) io.err(`Advarsel: ${where(w)}${w.message}`);
      if (errors.length > 0) {
        for (const w of errors) io.err(`${where(w)}${w.message}`);
        io.err(`${errors.length} feil i datamappen ${o.data ?? DEFAULT_DATA_DIR} (tall som ikke kan stemme slik de står)`);
        setExit(EXIT_USER);
        return;
      }
      io.out(`OK: ${dataset.observations.length} observasjoner, ${dataset.tables.size} tabeller, ${dataset.variables.size} variabler${population ? `, ${population.rows} befolkningsrader` : ''}`);
      if (warnings.length > 0) {
        io.out(`${warnings.length} ${warnings.length === 1 ? 'advarsel' : 'advarsler'} fra konsistenssjekkene`);
        if (o.strict) setExit(EXIT_USER);
      }
    });
  data
    .command('update')
    .description(
      'Henter alle SSB-tabellene i kildekartet (KOSTRA, befolkning) for kommunene, referansene, landet og KOSTRA-gruppene, ' +
        'importerer dem i datamappen og viser hvilke tall i presentasjonen som endres. Krever nett; et avbrutt løp fortsetter der det slapp.',
    )
    .option('--kommuner <liste>', 'kommunenumre eller navn, all, fylke:NN eller kostragruppe:EKGNN (standard: all)')
    .option('--years <fra-til>', 'regnskapsårene, f.eks. 2019-2024 (standard: de fem siste SSB har)')
    .option('--data <mappe>', 'datamappen (standard: den innebygde data/)')
    .option('--deck <deck.yaml>', 'presentasjonen som gir referansekommunene og sammenligningen av tall (standard: decks/kommuneokonomi.yaml)')
    .option('--ref <nr,nr,...>', 'referansekommuner som hentes i tillegg (standard: de presentasjonen ville valgt for hver kommune)')
    .option('--refresh', 'spør SSB på nytt også om svar som er hentet etter siste publisering')
    .action(async (o: { kommuner?: string; years?: string; data?: string; deck?: string; ref?: string; refresh?: boolean }) => {
      const dataDir = o.data ?? DEFAULT_DATA_DIR;
      const result = await runUpdate({ dataDir, kommuner: o.kommuner, years: o.years, deckFile: o.deck, refs: o.ref, refresh: o.refresh, log: (l) => io.err(l) });
      for (const line of summaryLines(result, dataDir)) io.out(line);
      for (const line of failureLines(result, dataDir)) io.err(line);
      if (result.exitCode !== 0) setExit(EXIT_USER);
    });
};
