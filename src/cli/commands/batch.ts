import { Command } from 'commander';
import { createReporter, summaryLines } from '../../batch/progress';
import { runBatch } from '../../batch/run';
import { UserError } from '../../errors';
import { parseYear } from './build';
import { RegisterCommand } from '.';

function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UserError(`ugyldig --jobs '${text}'; forventet et helt tall fra 1, f.eks. --jobs 4`, 'BAD_JOBS');
  return Number(text);
}

/** Exit codes for a batch stopped by a signal: 128 + the signal number, as shells report it. */
export const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export const registerBatch: RegisterCommand = (program: Command, io, setExit) => {
  program
    .command('batch')
    .description('Bygger én presentasjon per kommune og presentasjonsfil, i parallell, med manifest.json i utmappen.')
    .argument('<deck.yaml...>', 'én eller flere presentasjonsfiler')
    .requiredOption('--kommuner <utvalg>', 'kommunenumre eller navn (1837,1820), all, fylke:NN eller kostragruppe:EKGNN; kan kombineres med komma')
    .option('--refs <auto|nr,...>', 'referansekommuner for alle: auto = referansene i hver presentasjonsfil (references:)', 'auto')
    .option('--jobs <n>', 'antall presentasjoner som bygges samtidig (standard: antall kjerner)')
    .option('--out <mappe>', 'utmappen; lages om den mangler (standard: ./out)')
    .option('--data <mappe>', 'datamappen (standard: den innebygde data/)')
    .option('--year <år>', 'året presentasjonene gjelder (ellers year: i filene)')
    .option('--changed-only', 'hopper over presentasjoner der inndataene er uendret siden forrige kjøring og filen finnes')
    .action(async (deckFiles: string[], o: { kommuner: string; refs?: string; jobs?: string; out?: string; data?: string; year?: string; changedOnly?: boolean }) => {
      const controller = new AbortController();
      // the first signal stops the batch; later ones (a Ctrl-C reaches a restarted batch twice: from the terminal
      // and from the parent, see ../restart.ts) change nothing
      const onSignal = (signal: NodeJS.Signals) => {
        if (!controller.signal.aborted) controller.abort(signal);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const summary = await runBatch({
          deckFiles,
          kommuner: o.kommuner,
          refs: o.refs,
          jobs: parseJobs(o.jobs),
          out: o.out,
          dataDir: o.data,
          year: parseYear(o.year),
          changedOnly: Boolean(o.changedOnly),
          signal: controller.signal,
          reporter: createReporter(io),
        });
        for (const line of summaryLines(summary)) io.out(line);
        if (summary.interrupted) setExit(SIGNAL_EXIT[summary.interrupted] ?? 1);
        else if (summary.failed > 0) setExit(1);
      } finally {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
      }
    });
};
