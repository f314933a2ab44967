import { Command } from 'commander';
import { refreshDeck, reportLines } from '../../refresh';
import { EXIT_USER } from '../io';
import { RegisterCommand } from '.';

export const registerRefresh: RegisterCommand = (program: Command, io, setExit) => {
  program
    .command('refresh')
    .description('Oppdaterer tallene i en presentasjon du har redigert i PowerPoint, fra dagens data, uten å røre endringene dine.')
    .argument('<deck.pptx>', 'presentasjonen, bygget med kommunedeck build og gjerne redigert siden')
    .option('--data <mappe>', 'datamappen (standard: den innebygde data/)')
    .option('--out <fil.pptx>', 'skriv den oppdaterte presentasjonen hit (standard: <navn>-oppdatert.pptx ved siden av)')
    .option('--in-place', 'skriv over presentasjonen; den gamle beholdes som <navn>.bak.pptx')
    .option('--report <fil.csv>', 'skriv rapporten (endrede tall og det som ikke kunne oppdateres) som CSV')
    .option('--strict', 'exit-kode 1 når noe ikke kunne oppdateres')
    .action((file: string, o: { data?: string; out?: string; inPlace?: boolean; report?: string; strict?: boolean }) => {
      const started = Date.now();
      const r = refreshDeck({ file, dataDir: o.data, out: o.out, inPlace: o.inPlace, report: o.report });
      for (const w of r.warnings) io.err(`Advarsel: ${w}`);
      for (const line of reportLines(r.entries)) io.out(line);
      const changed = r.entries.filter((e) => e.status === 'endret').length;
      const skipped = r.entries.filter((e) => e.status === 'ikke oppdatert').length;
      if (r.backup) io.out(`Den gamle presentasjonen er tatt vare på som ${r.backup}`);
      if (o.report) io.out(`Rapporten er skrevet til ${o.report}`);
      io.out(`Skrev ${r.out}: ${changed} tall endret, ${skipped} ikke oppdatert, ${r.bound} bundne figurer (${Date.now() - started} ms)`);
      if (skipped > 0 && o.strict) setExit(EXIT_USER);
    });
};
