import { Command } from 'commander';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildDeck, outputFileName } from '../../build';
import { UserError } from '../../errors';
import { previewPptx } from '../../workflow/preview';
import { parseYear } from './build';
import { RegisterCommand } from '.';

/** `kommunedeck preview`: a PDF and PNGs of a deck, through LibreOffice (src/workflow/preview.ts). */
export const registerPreview: RegisterCommand = (program: Command, io) => {
  program
    .command('preview')
    .description('Forhåndsviser en presentasjon uten PowerPoint: PDF og ett PNG-bilde per lysbilde, laget med LibreOffice.')
    .argument('<deck.pptx|deck.yaml>', 'en ferdig presentasjon, eller en presentasjonsfil som bygges først (krever --kommune)')
    .option('--kommune <nr|navn>', 'kommunen, når du forhåndsviser en presentasjonsfil (.yaml)')
    .option('--year <år>', 'året presentasjonen gjelder (ellers year: i filen)')
    .option('--ref <nr,nr,...>', 'referansekommuner; erstatter references: i filen')
    .option('--data <mappe>', 'datamappen (standard: den innebygde data/)')
    .option('--comments <fil.yaml>', 'konsulentens kommentarer (standard: kommentarer/<kommunenr>-<presentasjon>.yaml når den finnes)')
    .option('--png <mappe>', 'skriv lysbilde-01.png, lysbilde-02.png, … hit (mappen lages om den mangler)')
    .option('--pdf <fil.pdf>', 'skriv PDF-en hit (standard: ved siden av presentasjonen når --png ikke er gitt)')
    .option('--dpi <n>', 'oppløsning for PNG-bildene', '72')
    .action(async (input: string, o: { kommune?: string; year?: string; ref?: string; data?: string; comments?: string; png?: string; pdf?: string; dpi: string }) => {
      const dpi = Number(o.dpi);
      if (!Number.isInteger(dpi) || dpi < 20 || dpi > 600) throw new UserError(`--dpi ${o.dpi}: forventet et helt tall mellom 20 og 600`, 'BAD_DPI');
      let pptx = input;
      let tmp: string | undefined;
      let defaultPdf = input.replace(/\.pptx$/i, '') + '.pdf';
      try {
        if (/\.ya?ml$/i.test(input)) {
          if (!o.kommune) throw new UserError('forhåndsvisning av en presentasjonsfil trenger --kommune (eller bygg først og forhåndsvis .pptx-filen)', 'NO_KOMMUNE');
          tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-preview-build-'));
          const r = await buildDeck({ deckFile: input, kommune: o.kommune, year: parseYear(o.year), refs: o.ref, dataDir: o.data, comments: o.comments, out: tmp + path.sep });
          for (const w of r.warnings) io.err(`Advarsel: ${w}`);
          pptx = r.file;
          defaultPdf = path.join('out', outputFileName(r.model.kommune, input, r.model.year).replace(/\.pptx$/, '.pdf'));
          if (!o.pdf && !o.png) fs.mkdirSync('out', { recursive: true });
        } else if (!/\.pptx$/i.test(input)) {
          throw new UserError(`${input}: forventet en .pptx-fil eller en presentasjonsfil (.yaml)`, 'BAD_INPUT');
        }
        const r = await previewPptx(pptx, { pdf: o.pdf ?? (o.png ? undefined : defaultPdf), pngDir: o.png, dpi });
        if (r.pdf) io.out(`Skrev ${r.pdf}`);
        if (r.pngs.length) io.out(`Skrev ${r.pngs.length} bilder i ${o.png}`);
      } finally {
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
};
