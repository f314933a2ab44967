#!/usr/bin/env node
/**
 * Regenerates the README's slide images (docs/<deck>.png): builds each shipped deck (for Meløy, and the national-data
 * deck for Tromsø, to show a kommune the source documents never covered), renders it with LibreOffice and keeps one
 * slide per deck, chosen by slide id. Run with `npm run docs:images` (needs LibreOffice and
 * poppler-utils: apt-get install libreoffice-impress poppler-utils fonts-crosextra-carlito).
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { buildDeck } = require('../dist/build');

const SHOWN = {
  'kommuneokonomi.yaml': { id: 'utgiftsutjevning', kommune: '1837' },
  'okonomisk-analyse.yaml': { id: 'handlingsregler', kommune: '1837' },
  'kommunekompass.yaml': { id: 'omrade-1-funn', kommune: '1837' },
  'befolkning.yaml': { id: 'utvikling-indeks', kommune: '5501' },
};

(async () => {
  const root = path.resolve(__dirname, '..');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-docs-'));
  fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  for (const [deck, { id, kommune }] of Object.entries(SHOWN)) {
    const r = await buildDeck({ deckFile: path.join(root, 'decks', deck), kommune, out: tmp + '/' });
    let index = r.model.slides.findIndex((s) => s.id === id);
    if (index < 0) {
      console.error(`${deck}: fant ikke lysbildet '${id}', bruker lysbilde 2`);
      index = 1;
    }
    execFileSync('soffice', [`-env:UserInstallation=file://${tmp}/lo`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, r.file], { stdio: 'ignore' });
    const pdf = r.file.replace(/\.pptx$/, '.pdf');
    const out = path.join(root, 'docs', deck.replace(/\.yaml$/, ''));
    execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', '-f', String(index + 1), '-l', String(index + 1), pdf, out]);
    console.log(`docs/${path.basename(out)}.png: ${deck}, lysbilde ${index + 1} (${id})`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
