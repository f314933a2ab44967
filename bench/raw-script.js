#!/usr/bin/env node
'use strict';
/**
 * The whole-process reference of `npm run bench` (the `bench-process:` line): a plain Node script that requires
 * pptxgenjs and writes the slides of a built deck, nothing else. Started as a fresh process:
 *
 *   node bench/raw-script.js <model.json> <out.pptx>
 *
 * model.json is the DeckModel that `kommunedeck build … --emit-model` wrote for the same deck, so the script writes
 * the same slide count with the same kinds of content (titles, texts, tables with the same cells, native charts with
 * the same series, speaker notes) through bench/raw.js, which requires pptxgenjs alone, and saves the
 * `stream({ compression: true })` bytes with fs.writeFileSync.
 */
const fs = require('fs');
const { writeRaw } = require('./raw.js');

const [modelFile, outFile] = process.argv.slice(2);
if (!modelFile || !outFile) {
  console.error('bruk: node bench/raw-script.js <model.json> <out.pptx>');
  process.exit(2);
}
writeRaw(JSON.parse(fs.readFileSync(modelFile, 'utf8'))).then((bytes) => {
  fs.writeFileSync(outFile, bytes);
});
