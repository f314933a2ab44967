#!/usr/bin/env node
'use strict';
/**
 * `npm run bench` (builds dist/ first): the batch benchmark. Never part of `npm test`.
 *
 *   1. the deck every kommune gets from the embedded national data (decks/befolkning.yaml), on the real data in
 *      data/: one deck in-process (warm; prepare = analyse + templates, then render + finish) against the physical
 *      reference, pptxgenjs alone writing the same slides with stream({ compression: true }) (bench/raw.js);
 *   2. one deck as a whole process against a plain pptxgenjs script as a whole process (bench/process.js);
 *   3. `kommunedeck batch decks/befolkning.yaml` with 1 job and with N jobs (N = cores) on the real data, in fresh
 *      CLI processes; peak memory is the process tree's maximum resident set (from /proc);
 *   4. the council deck (decks/kommuneokonomi.yaml) in a batch over a SYNTHETIC national dataset (data/ copied plus
 *      made-up figures for every kommune, src/batch/synthetic.ts): its KOSTRA and inntektssystem slides exist in the
 *      real data only for Meløy, so only made-up figures exercise them for every kommune;
 *   5. with --profile: the N-job befolkning batch again under `node --cpu-prof` (every thread), summarised by
 *      bench/profile.js.
 *
 * Options: --profile, --keep (keep the temp folder), --one-job <count|all> (kommuner in the 1-job batch; default
 * every third kommune, 119).
 * Final lines: `bench-process: …` and `bench-process-cold: …` (bench/process.js) and
 * `bench: <decks/s> decks/s, <ratio> x raw pptxgenjs, peak <MB> MB` for the befolkning deck on the real data.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const CLI = path.join(DIST, 'cli', 'main.js');
const DECK = path.join(ROOT, 'decks', 'befolkning.yaml');
const COUNCIL_DECK = path.join(ROOT, 'decks', 'kommuneokonomi.yaml');
const REAL_DATA = path.join(ROOT, 'data');

function arg(name) {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}
const PROFILE = process.argv.includes('--profile');
const KEEP = process.argv.includes('--keep');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
const f1 = (x) => x.toFixed(1);

/**
 * Resident memory of a process and all its descendants, in MB, from /proc (Linux; undefined elsewhere). A batch
 * is two processes (the CLI restarts itself with its own V8 flags, src/cli/restart.ts): both count.
 */
function treeRssMb(root) {
  let entries;
  try {
    entries = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  const children = new Map();
  const rss = new Map();
  for (const pid of entries) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const ppid = /\nPPid:\s+(\d+)/.exec(status)?.[1];
      const kb = /\nVmRSS:\s+(\d+) kB/.exec(status)?.[1];
      if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      rss.set(pid, kb ? Number(kb) : 0);
    } catch {
      /* the process ended while we looked */
    }
  }
  let total = 0;
  const todo = [String(root)];
  while (todo.length) {
    const pid = todo.pop();
    total += rss.get(pid) ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

function run(args, opts = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    let err = '';
    let peakTreeMb = 0;
    const sampler = setInterval(() => {
      const mb = treeRssMb(child.pid);
      if (mb !== undefined) peakTreeMb = Math.max(peakTreeMb, mb);
    }, 100);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      resolve({ code, out, err, ms: performance.now() - started, peakTreeMb: Math.round(peakTreeMb) });
    });
  });
}

async function batch(deck, dataDir, outDir, jobs, kommuner, extraNodeArgs = []) {
  const r = await run([...extraNodeArgs, CLI, 'batch', deck, '--kommuner', kommuner, '--data', dataDir, '--out', outDir, '--jobs', String(jobs)]);
  const summary = r.out.split('\n').find((l) => /^(Ferdig|Avbrutt) etter/.test(l));
  if (!summary) throw new Error(`batch gave no summary (exit ${r.code}):\n${r.err.slice(-2000)}`);
  const built = Number(/: (\d+) bygget/.exec(summary)[1]);
  const failed = Number(/(\d+) feilet/.exec(summary)[1]);
  // the larger of what the batch reports for its own process and what /proc shows for the whole process tree
  const peak = Math.max(Number(/topp minne (\d+) MB/.exec(summary)[1]), r.peakTreeMb);
  return { ms: r.ms, built, failed, peak, code: r.code, summary };
}

async function main() {
  if (!fs.existsSync(CLI)) throw new Error('dist/ mangler: kjør npm run build (npm run bench gjør det)');
  const { writeSyntheticDataset } = require(path.join(DIST, 'batch', 'synthetic.js'));
  const { loadDataset } = require(path.join(DIST, 'data', 'load.js'));
  const { readDeckFile, prepareDeck, renderPreparedDeck } = require(path.join(DIST, 'build.js'));
  const { writeRaw } = require('./raw.js');
  const { benchProcess, processLine, coldLine } = require('./process.js');
  const jobsN = os.availableParallelism();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kommunedeck-bench-'));
  const dataDir = path.join(tmp, 'data');
  const rows = [];
  const row = (what, value, note = '') => {
    rows.push([what, value, note]);
    console.log(`  ${what}: ${value}${note ? ` (${note})` : ''}`);
  };
  try {
    console.log(`kommunedeck bench: ${os.cpus().length} kjerner (${os.cpus()[0].model}), node ${process.version}, ${tmp}`);
    let t = performance.now();
    // --- one deck in-process, and the raw pptxgenjs reference for the same slides --------------------------
    t = performance.now();
    const { dataset } = loadDataset(REAL_DATA);
    row('lasting av de innebygde dataene', `${Math.round(performance.now() - t)} ms`, `${dataset.observations.length} observasjoner; folkemengden leses når den brukes`);
    const spec = readDeckFile(DECK);
    const sample = ['1837', '1820', '1813', '1866', '1563', '1840', '5027', '0301', '4601', '5001', '1804', '3201', '5501', '5622', '5636'];
    for (let i = 0; i < 3; i++) {
      const p = prepareDeck(spec, dataset, { kommune: sample[i] });
      await renderPreparedDeck(p);
      await writeRaw(p.model);
    }
    const prep = [];
    const ours = [];
    const raw = [];
    let rawBytes = 0;
    let ourBytes = 0;
    for (let round = 0; round < 2; round++) {
      for (const k of sample) {
        let s = performance.now();
        const p = prepareDeck(spec, dataset, { kommune: k });
        const tp = performance.now() - s;
        const bytes = await renderPreparedDeck(p);
        ours.push(performance.now() - s);
        prep.push(tp);
        ourBytes = bytes.length;
        s = performance.now();
        const r = await writeRaw(p.model);
        raw.push(performance.now() - s);
        rawBytes = r.length;
      }
    }
    const ourMs = median(ours);
    const rawMs = median(raw);
    const ratio = ourMs / rawMs;
    row('én presentasjon (befolkning.yaml) i prosessen', `${f1(ourMs)} ms`, `median av ${ours.length}; analyse og maler ${f1(median(prep))} ms, render og ferdigstilling ${f1(ourMs - median(prep))} ms; ${Math.round(ourBytes / 1024)} kB`);
    row('rå pptxgenjs, samme lysbilder, stream({ compression: true })', `${f1(rawMs)} ms`, `median av ${raw.length}; ${Math.round(rawBytes / 1024)} kB`);
    row('forhold vår / rå pptxgenjs', ratio.toFixed(2));

    // --- one deck with the embedded data as a whole process, against a plain pptxgenjs script (bench/process.js) --
    const proc = await benchProcess({ runs: 21, cold: 7 });
    row('én presentasjon, hel prosess, innebygde data', `${Math.round(proc.ours)} ms`, `median av ${proc.runs} ferske prosesser; ${proc.slides} lysbilder`);
    row('rå pptxgenjs-skript, hel prosess, samme lysbilder', `${Math.round(proc.raw)} ms`, `median av ${proc.runs}; bench/raw-script.js; forhold ${proc.ratio.toFixed(2)}`);
    row('første presentasjon etter at dataene er endret, hel prosess', `${Math.round(proc.cold.ours)} ms`, `median av ${proc.cold.runs}; CSV lest og hurtiglageret skrevet på nytt; forhold ${proc.cold.ratio.toFixed(2)}`);

    // --- batches ------------------------------------------------------------------------------------------
    // the 1-job batch is a rate too; every third kommune keeps the run short
    const oneJob = arg('--one-job');
    const all = [...dataset.register.values()].filter((k) => k.kind === 'kommune' && k.current && k.code !== '9999');
    const oneJobKommuner = oneJob === 'all' ? 'all' : (oneJob ? all.slice(0, Number(oneJob)) : all.filter((_, i) => i % 3 === 0)).map((k) => k.code).join(',');
    const b1 = await batch(DECK, REAL_DATA, path.join(tmp, 'b1'), 1, oneJobKommuner);
    row('batch befolkning.yaml, 1 jobb (hovedtråden), ekte data', `${f1(b1.built / (b1.ms / 1000))} presentasjoner/s`, `${b1.built} bygget, ${b1.failed} feilet på ${f1(b1.ms / 1000)} s; topp ${b1.peak} MB`);
    const bN = await batch(DECK, REAL_DATA, path.join(tmp, 'bN'), jobsN, 'all');
    const rate = bN.built / (bN.ms / 1000);
    row(`batch befolkning.yaml, ${jobsN} arbeidstråder, ekte data`, `${f1(rate)} presentasjoner/s`, `${bN.built} bygget, ${bN.failed} feilet på ${f1(bN.ms / 1000)} s; topp ${bN.peak} MB`);

    // --- the council deck over synthetic data (its KOSTRA slides have real data for Meløy only) ---------------
    t = performance.now();
    const syn = writeSyntheticDataset({ to: dataDir, deckFile: COUNCIL_DECK });
    row('syntetiske data for rådsbunken', `${syn.observations} observasjoner og ${syn.tableRows} tabellrader for ${syn.kommuner} kommuner`, `${syn.variables} variabler fra Meløy, ${f1((performance.now() - t) / 1000)} s`);
    const bC = await batch(COUNCIL_DECK, dataDir, path.join(tmp, 'bC'), jobsN, 'all');
    row(`batch kommuneokonomi.yaml, ${jobsN} arbeidstråder, syntetiske data`, `${f1(bC.built / (bC.ms / 1000))} presentasjoner/s`, `${bC.built} bygget, ${bC.failed} feilet på ${f1(bC.ms / 1000)} s; topp ${bC.peak} MB`);
    const peak = Math.max(b1.peak, bN.peak);

    if (PROFILE) {
      const profDir = path.join(tmp, 'prof');
      await batch(DECK, REAL_DATA, path.join(tmp, 'bP'), jobsN, 'fylke:18', ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
      console.log(`\nprofil av batch --kommuner fylke:18 --jobs ${jobsN} (${fs.readdirSync(profDir).length} tråder):`);
      console.log(require('./profile.js').report([profDir], 30));
    }

    console.log('\n| måling | verdi | merknad |\n|---|---|---|');
    for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
    console.log(`\n${processLine(proc)}`);
    console.log(coldLine(proc));
    console.log(`bench: ${f1(rate)} decks/s, ${ratio.toFixed(2)} x raw pptxgenjs, peak ${peak} MB`);
  } finally {
    if (!KEEP) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`beholdt ${tmp}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
