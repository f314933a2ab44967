import { Command } from 'commander';
import * as path from 'path';
import { scaffoldClientFolder } from '../../workflow/scaffold';
import { parseYear } from './build';
import { RegisterCommand } from '.';

/** `kommunedeck init <mappe> --kommune X`: a client folder to adapt (src/workflow/scaffold.ts). */
export const registerInit: RegisterCommand = (program: Command, io) => {
  program
    .command('init')
    .description('Lager en kundemappe for én kommune: kopi av presentasjonen, referansekommuner, KØB-mål, kommentarfil og en veiledning. Overskriver aldri filer.')
    .argument('<mappe>', 'mappen som lages (eller fylles ut)')
    .requiredOption('--kommune <nr|navn>', 'kommunen, f.eks. 1837 eller Meløy')
    .option('--deck <deck.yaml>', 'presentasjonen som kopieres (standard: decks/kommuneokonomi.yaml)')
    .option('--ref <nr,nr,...>', 'referansekommuner (standard: presentasjonens, ellers nærmeste i KOSTRA-gruppen)')
    .option('--year <år>', 'året presentasjonen gjelder (ellers year: i filen)')
    .option('--data <mappe>', 'datamappen (standard: den innebygde data/)')
    .action((folder: string, o: { kommune: string; deck?: string; ref?: string; year?: string; data?: string }) => {
      const r = scaffoldClientFolder({ folder, kommune: o.kommune, deckFile: o.deck, refs: o.ref, year: parseYear(o.year), dataDir: o.data });
      const rel = (f: string) => path.relative(process.cwd(), f) || f;
      for (const f of r.written) io.out(`Skrev ${rel(f)}`);
      for (const f of r.kept) io.out(`Finnes fra før, ikke endret: ${rel(f)}`);
      io.out(`Referansekommuner: ${r.refs.map((x) => `${x.code} ${x.name}`).join(', ') || '(ingen)'}. Les ${rel(path.join(folder, 'README.md'))} for neste steg.`);
    });
};
