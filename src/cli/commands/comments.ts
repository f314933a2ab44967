import { Command } from 'commander';
import * as path from 'path';
import { defaultCommentsPath } from '../../workflow/comments';
import { initComments, refuseExisting, stampComments } from '../../workflow/comments-file';
import { resolveWithFigures } from '../../workflow/resolved';
import { parseYear } from './build';
import { RegisterCommand } from '.';

interface CommentsOpts {
  kommune: string;
  year?: string;
  ref?: string;
  comments?: string;
  data?: string;
  slide?: string;
}

/** `kommunedeck comments init|stamp`: the consultant's commentary file (src/workflow/comments.ts). */
export const registerComments: RegisterCommand = (program: Command, io) => {
  const cmd = program.command('comments').description('Konsulentens egne kommentarer per lysbilde: lag filen (init) og lagre tallene kommentarene bygger på (stamp).');
  const common = (c: Command) =>
    c
      .argument('<deck.yaml>', 'presentasjonsfilen')
      .requiredOption('--kommune <nr|navn>', 'kommunen, f.eks. 1837 eller Meløy')
      .option('--year <år>', 'året presentasjonen gjelder (ellers year: i filen)')
      .option('--ref <nr,nr,...>', 'referansekommuner; erstatter references: i filen')
      .option('--comments <fil.yaml>', 'kommentarfilen (standard: kommentarer/<kommunenr>-<presentasjon>.yaml)')
      .option('--data <mappe>', 'datamappen (standard: den innebygde data/)');
  common(cmd.command('init'))
    .description('Lager kommentarfilen med alle lysbilde-id-er, kommunedecks egen kommentar og tallene lysbildene viser nå. Overskriver aldri en fil som finnes.')
    .action((deckFile: string, o: CommentsOpts) => {
      if (o.comments) refuseExisting(o.comments); // before the deck is resolved: an existing file is never touched
      const d = resolveWithFigures({ deckFile, kommune: o.kommune, year: parseYear(o.year), refs: o.ref, dataDir: o.data });
      const file = o.comments ?? defaultCommentsPath(d.model.kommune.code, deckFile);
      const r = initComments(file, d);
      io.out(`Skrev ${path.relative(process.cwd(), file) || file} (${r.slides} lysbilder). Skriv replace, append eller notes under lysbildene du vil kommentere.`);
    });
  common(cmd.command('stamp'))
    .description('Lagrer tallene lysbildene viser nå som grunnlag (basis) for kommentarene: alle med basis: auto, og lysbildene du nevner med --slide.')
    .option('--slide <id,id,...>', 'lysbilder du har lest kommentaren til på nytt, og som skal få nye tall som grunnlag')
    .action((deckFile: string, o: CommentsOpts) => {
      const d = resolveWithFigures({ deckFile, kommune: o.kommune, year: parseYear(o.year), refs: o.ref, dataDir: o.data });
      const file = o.comments ?? defaultCommentsPath(d.model.kommune.code, deckFile);
      const slides = (o.slide ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const r = stampComments(file, d, slides);
      io.out(r.stamped.length ? `Lagret tallene for ${r.stamped.join(', ')} i ${path.relative(process.cwd(), file) || file}` : 'Ingenting å lagre: ingen lysbilder med basis: auto, og ingen --slide');
    });
};
