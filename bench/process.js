#!/usr/bin/env node
'use strict';
/**
 * One deck as a whole process, against a plain pptxgenjs script as a whole process (issue 16, point 10).
 *
 *   node bench/process.js [--runs N]      (N ≥ 7, default 11; run `npm run build` first)
 *
 * Both are fresh Node processes, timed from spawn to exit (startup, module loading, data loading, rendering,
 * writing the file):
 *   - kommunedeck: `node dist/cli/main.js build decks/kommuneokonomi.yaml --kommune 1837 --out <tmp>/deck.pptx`
 *     with the embedded data/ (what `npm start` runs);
 *   - raw: `node bench/raw-script.js <model.json> <tmp>/raw.pptx`, pptxgenjs alone writing the same slides
 *     (the DeckModel of that build, from --emit-model) with stream({ compression: true }).
 * One warm-up run of each (disk cache; the CLI's code cache, src/cli/main.ts), then N rounds that run the two
 * alternately, the order swapped every round, so load from other processes falls on both alike. Medians.
 * Line: `bench-process: <ms> ms kommunedeck build, <ms> ms raw pptxgenjs script, <ratio> x`.
 *
 * The CLI remembers parsed data files (src/util/derived-cache.ts): a build after the data changed reads the CSV
 * again and writes the cache when it exits. `--cold K` (run.js: 7) also times K builds with the data and population
 * caches removed first, against the raw script in the same alternating rounds:
 * `bench-process-cold: <ms> ms first build after a data change, <ms> ms raw pptxgenjs script, <ratio> x`.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const RAW = path.join(__dirname, 'raw-script.js');
const DECK = path.join(ROOT, 'decks', 'kommuneokonomi.yaml');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timed(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${args.join(' ')}: exit ${code}\n${err.slice(-2000)}`));
      else resolve(ms);
    });
  });
}

/** The parsed-data caches a data change invalidates (the code cache, templates and parsed decks stay). */
function dropDataCaches() {
  for (const kind of ['data', 'population']) fs.rmSync(path.join(ROOT, 'dist', 'cli', '.cache', kind), { recursive: true, force: true });
}

/** Medians of `runs` fresh processes each: { ours, raw, ratio, runs, slides, bundled, cold? }. */
async function benchProcess({ runs = 11, kommune = '1837', cold = 0 } = {}) {
  if (runs < 7) throw new Error('--runs: minst 7');
  if (!fs.existsSync(CLI)) throw new Error('dist/ mangler: kjør npm run build');
  // the CLI loads dist/ module by module when the bundle is older than dist/ (a plain tsc since): say so
  const bundle = path.join(ROOT, 'dist', 'cli', 'kommunedeck.js');
  const bundled = fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= fs.statSync(path.join(ROOT, 'dist', 'cli', 'program.js')).mtimeMs;
  if (!bundled) console.log('  merk: dist/cli/kommunedeck.js mangler eller er eldre enn dist/ (kjør npm run build); målt uten bundle');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kommunedeck-bench-process-'));
  try {
    const model = path.join(tmp, 'model.json');
    const deckOut = path.join(tmp, 'deck.pptx');
    const rawOut = path.join(tmp, 'raw.pptx');
    const ours = () => timed([CLI, 'build', DECK, '--kommune', kommune, '--out', deckOut]);
    const raw = () => timed([RAW, model, rawOut]);
    // warm-up: the model for the raw script, and the CLI's code cache if it has none yet
    await timed([CLI, 'build', DECK, '--kommune', kommune, '--out', deckOut, '--emit-model', model]);
    await raw();
    const a = [];
    const b = [];
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        a.push(await ours());
        b.push(await raw());
      } else {
        b.push(await raw());
        a.push(await ours());
      }
    }
    const slides = JSON.parse(fs.readFileSync(model, 'utf8')).slides.length;
    const result = { ours: median(a), raw: median(b), ratio: median(a) / median(b), runs, slides, bundled, all: { ours: a, raw: b } };
    if (cold > 0) {
      const c = [];
      const r = [];
      for (let i = 0; i < cold; i++) {
        dropDataCaches();
        c.push(await ours());
        r.push(await raw());
      }
      result.cold = { ours: median(c), raw: median(r), ratio: median(c) / median(r), runs: cold };
    }
    return result;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function processLine(r) {
  return `bench-process: ${Math.round(r.ours)} ms kommunedeck build, ${Math.round(r.raw)} ms raw pptxgenjs script, ${r.ratio.toFixed(2)} x`;
}

function coldLine(r) {
  return `bench-process-cold: ${Math.round(r.cold.ours)} ms first build after a data change, ${Math.round(r.cold.raw)} ms raw pptxgenjs script, ${r.cold.ratio.toFixed(2)} x`;
}

module.exports = { benchProcess, processLine, coldLine };

if (require.main === module) {
  const i = process.argv.indexOf('--runs');
  const k = process.argv.indexOf('--cold');
  benchProcess({ runs: i < 0 ? 11 : Number(process.argv[i + 1]), cold: k < 0 ? 0 : Number(process.argv[k + 1]) })
    .then((r) => {
      console.log(`  ${r.slides} lysbilder, ${r.runs} runder; kommunedeck ${r.all.ours.map(Math.round).join(' ')} ms; rå ${r.all.raw.map(Math.round).join(' ')} ms`);
      console.log(processLine(r));
      if (r.cold) console.log(coldLine(r));
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
