/**
 * The fuzz worker (a worker thread, so the test can stop a case that hangs): runs the cases of each target for a
 * time budget and reports every case's start and end to the parent.
 * workerData: { runs: [{ target, seed, budgetMs, maxCases }], only, params }.
 *
 * TypeScript is loaded as test/helpers/ts-register.js does (transpileModule, CommonJS), with the output cached by
 * content hash in the temp folder so that a second run starts fast.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parentPort, workerData } = require('worker_threads');

const cacheDir = path.join(os.tmpdir(), 'kd-fuzz-ts-cache');
fs.mkdirSync(cacheDir, { recursive: true });
let ts;
require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    ts = ts || require('typescript');
    output = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
    }).outputText;
    const tmp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(tmp, output);
    fs.renameSync(tmp, cached);
  }
  module._compile(output, filename);
};

const { makeTargets } = require('./targets.ts');
const { caseSeed, Rng } = require('./mutate.ts');

const { runs, only, params } = workerData;
const targets = makeTargets(params);
for (const { target, seed, budgetMs, maxCases } of runs) {
  const run = targets[target];
  if (!run) throw new Error(`unknown fuzz target ${target}`);
  const started = Date.now();
  const counts = { ok: 0, user: 0, crash: 0 };
  const indexes = only !== undefined ? [only] : null;
  for (let i = 0; indexes ? i < indexes.length : i < maxCases && Date.now() - started < budgetMs; i++) {
    const index = indexes ? indexes[i] : i;
    const c = run(new Rng(caseSeed(seed, index)), index);
    parentPort.postMessage({ type: 'start', target, index, input: c.input, steps: c.steps });
    const outcome = c.run();
    counts[outcome.kind]++;
    parentPort.postMessage({ type: 'end', target, index, outcome, input: outcome.kind === 'crash' ? c.input : undefined, steps: c.steps });
  }
  parentPort.postMessage({ type: 'done', target, counts, ms: Date.now() - started });
}
parentPort.postMessage({ type: 'all-done' });
