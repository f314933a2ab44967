/**
 * Build the sample deck and finish it in a fresh Node process; print the finished bytes as base64 on stdout.
 * Run: node test/helpers/finish-in-child.js <ISO date> [warm-up decks]
 * The optional number of warm-up decks is built (and discarded) first, to move pptxgenjs's process-wide chart
 * counter the way a batch build would.
 */
'use strict';
require('./ts-register');
const path = require('path');
const { buildSampleDeck } = require('./decks.ts');
const { finishPackage } = require('../../src/render/package/index.ts');
const { loadTheme } = require('../../src/render/theme.ts');

async function main() {
  const date = new Date(process.argv[2]);
  const warmUp = Number(process.argv[3] || 0);
  for (let i = 0; i < warmUp; i++) await buildSampleDeck();
  const theme = loadTheme(path.resolve(__dirname, '../../templates/kommunedeck/theme.yaml'));
  const raw = await buildSampleDeck();
  const out = finishPackage(raw, { theme, date });
  process.stdout.write(Buffer.from(out).toString('base64'));
}

main().catch((e) => {
  process.stderr.write(String((e && e.stack) || e));
  process.exit(1);
});
