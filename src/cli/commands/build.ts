import { Command } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { buildDeck, readDeckFile } from '../../build';
import { UserError } from '../../errors';
import { checkPackage } from '../../render/package/check';
import { validateDeckFile } from '../../validate';
import { RegisterCommand } from '.';

export function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text)) throw new UserError(`ugyldig år '${text}'; forventet fire siffer, f.eks. --year 2022`, 'BAD_YEAR');
  return Number(text);
}

export const registerBuild: RegisterCommand = (program: Command, io) => {
  program
    .command('build')
    .description('Bygger én presentasjon (.pptx) for en kommune fra en presentasjonsfil (YAML).')
    .argument('<deck.yaml>', 'presentasjonsfilen, f.eks. decks/kommuneokonomi.yaml')
    .requiredOption('--kommune <nr|navn>', 'kommunen presentasjonen gjelder, f.eks. 1837 eller Meløy')
    .option('--year <år>', 'året presentasjonen gjelder (ellers year: i filen)')
    .option('--ref <nr,nr,...>', 'referansekommuner; erstatter references: i filen')
    .option('--out <fil-eller-mappe>', 'en .pptx-fil eller en mappe som finnes (standard: ./out/)')
    .option('--data <mappe>', 'datamappen (standard: den innebygde data/)')
    .option('--emit-model <fil.json>', 'skriver den ferdig utregnede presentasjonsmodellen (DeckModel) som JSON')
    .option('--validate', 'kjører Open XML SDK-validatoren på presentasjonen etterpå (krever utviklingsinstallasjon)')
    .option('--comments <fil.yaml>', 'konsulentens kommentarer (standard: kommentarer/<kommunenr>-<presentasjon>.yaml når den finnes)')
    .option('--strict', 'utdaterte kommentarer gir feil (exit 1) i stedet for advarsel, og ingen presentasjon skrives')
    .option('--audit <fil.csv|fil.xlsx>', 'skriver revisjonssporet: hvert tall i presentasjonen med sted, nøkkeltall, verdi, formel og kilde')
    .option('--charts <native|image>', 'native: redigerbare PowerPoint-diagrammer (standard); image: PNG fra QuickChart-tjeneren i QUICKCHART_URL', 'native')
    .action(async (deckFile: string, o: { kommune: string; year?: string; ref?: string; out?: string; data?: string; emitModel?: string; validate?: boolean; comments?: string; strict?: boolean; audit?: string; charts: string }) => {
      const started = Date.now();
      if (o.charts !== 'native' && o.charts !== 'image') throw new UserError(`--charts ${o.charts}: forventet native eller image`, 'BAD_CHARTS');
      const r = await buildDeck({ deckFile, kommune: o.kommune, year: parseYear(o.year), refs: o.ref, out: o.out, dataDir: o.data, emitModel: o.emitModel, comments: o.comments, strict: o.strict, audit: o.audit, charts: o.charts });
      for (const w of r.warnings) io.err(`Advarsel: ${w}`);
      if (r.commentsFile) io.out(`Kommentarer fra ${path.relative(process.cwd(), r.commentsFile) || r.commentsFile}`);
      io.out(`Skrev ${r.file} (${r.model.slides.length} lysbilder, ${Math.round(r.bytes / 1024)} kB, ${Date.now() - started} ms)`);
      if (o.audit) io.out(`Revisjonsspor: ${o.audit}`);
      if (o.validate) {
        // the full structural check (every XML part; builds run the package level) and the Open XML SDK validator
        const problems = checkPackage(fs.readFileSync(r.file), 'full');
        for (const p of problems) io.err(`Strukturkontroll: ${p}`);
        const findings = await validateDeckFile(r.file);
        for (const f of findings) io.err(`Validering: ${f.part} ${f.xpath}: ${f.description}`);
        if (findings.length + problems.length > 0) {
          throw new UserError(`${r.file}: validatoren fant ${findings.length} feil, strukturkontrollen ${problems.length}`, 'INVALID_PACKAGE');
        }
        io.out('Validering: 0 feil (Open XML SDK), strukturkontroll: 0 funn');
      }
    });
};

export const registerValidate: RegisterCommand = (program: Command, io) => {
  program
    .command('validate')
    .description('Sjekker en presentasjonsfil mot nøkkeltallene uten å bygge den.')
    .argument('<deck.yaml>', 'presentasjonsfilen')
    .action((deckFile: string) => {
      const spec = readDeckFile(deckFile);
      io.out(`OK: ${deckFile} (${spec.slides.length} lysbilder)`);
    });
};
