import { Command } from 'commander';
import { loadDataset } from '../../data/load';
import { UserError } from '../../errors';
import { writeFileAtomic } from '../../util/atomic';
import { changesCsv, diffFigures, formatChanges } from '../../workflow/diff';
import { DEFAULT_DECK, resolveWithFigures } from '../../workflow/resolved';
import { parseYear } from './build';
import { RegisterCommand } from '.';

/** `kommunedeck diff`: which figures of a deck change between two data vintages (src/workflow/diff.ts). */
export const registerDiff: RegisterCommand = (program: Command, io) => {
  program
    .command('diff')
    .description('Viser hvilke tall i presentasjonen som endres mellom to datamapper (f.eks. før og etter nye KOSTRA-tall).')
    .requiredOption('--data <mappe>', 'datamappen med de gamle tallene')
    .requiredOption('--data-new <mappe>', 'datamappen med de nye tallene')
    .requiredOption('--kommune <nr|navn>', 'kommunen, f.eks. 1837 eller Meløy')
    .option('--deck <deck.yaml>', 'presentasjonsfilen (standard: decks/kommuneokonomi.yaml)')
    .option('--year <år>', 'året presentasjonen gjelder (ellers year: i filen)')
    .option('--ref <nr,nr,...>', 'referansekommuner; erstatter references: i filen')
    .option('--csv <fil.csv>', 'skriv endringene som CSV også')
    .action((o: { data: string; dataNew: string; kommune: string; deck?: string; year?: string; ref?: string; csv?: string }) => {
      if (o.csv && !/\.csv$/i.test(o.csv)) throw new UserError(`--csv ${o.csv}: forventet en fil som slutter på .csv`, 'BAD_CSV');
      const deckFile = o.deck ?? DEFAULT_DECK;
      const year = parseYear(o.year);
      const before = resolveWithFigures({ deckFile, kommune: o.kommune, year, refs: o.ref, dataset: loadDataset(o.data).dataset });
      const after = resolveWithFigures({ deckFile, kommune: o.kommune, year, refs: o.ref, dataset: loadDataset(o.dataNew).dataset });
      const changes = diffFigures(before.figures, after.figures);
      const k = after.model.kommune;
      if (!changes.length) io.out(`Ingen tall i presentasjonen for ${k.code} ${k.name} endres mellom ${o.data} og ${o.dataNew}.`);
      else {
        for (const line of formatChanges(changes)) io.out(line);
        const slides = new Set(changes.map((c) => c.slide)).size;
        io.out(`${changes.length} tall endres på ${slides} lysbilder (${k.code} ${k.name}, ${o.data} → ${o.dataNew}).`);
      }
      if (o.csv) writeFileAtomic(o.csv, changesCsv(changes));
    });
};
