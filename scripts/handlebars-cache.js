'use strict';
/**
 * What the CLI bundle (scripts/bundle-cli.js) gives the code for `require('handlebars')`: Handlebars itself, with
 * every environment's compile() remembering the JavaScript it compiles a template to, across processes.
 *
 * A build compiles each of its ~160 templates once, and compiling (parsing and generating the JavaScript) was a tenth
 * of a single deck's whole-process time. Handlebars can write a template's compiled form as source
 * (precompile) and run it again with template(): the same template function, documented as equivalent to
 * compile(). So a template whose text and options were seen before (in dist/cli/.cache/templates.json, written
 * when the process exits) costs one `new Function` instead of a compile. The cache is dropped with every new bundle
 * (scripts/bundle-cli.js empties dist/cli/.cache/), so it always matches the bundled Handlebars.
 *
 * Like compile(), the returned function compiles on its first call, so a broken template throws where it did.
 * Only processes without node flags of their own read or write the cache, like the code cache (src/cli/bundle.ts).
 */
const fs = require('fs');
const path = require('path');
const Handlebars = require('handlebars');

const FILE = path.join(__dirname, '.cache', 'templates.json');
const MAX_ENTRIES = 5000;
let store;
let added = 0;

function templates() {
  if (store) return store;
  store = new Map();
  if (process.execArgv.length) return store;
  try {
    const saved = JSON.parse(fs.readFileSync(FILE, 'utf8'));
    if (saved && saved.version === Handlebars.VERSION && saved.templates) store = new Map(Object.entries(saved.templates));
  } catch {
    // none yet, or unreadable: compile as usual
  }
  process.once('exit', save);
  return store;
}

function save() {
  if (!added) return;
  try {
    const entries = store.size > MAX_ENTRIES ? [...store].slice(-added) : [...store];
    fs.mkdirSync(path.dirname(FILE), { recursive: true });
    const tmp = `${FILE}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ version: Handlebars.VERSION, templates: Object.fromEntries(entries) }));
    fs.renameSync(tmp, FILE);
  } catch {
    // a read-only install compiles every time
  }
}

function remembering(env) {
  const compile = env.compile;
  env.compile = function (input, options) {
    if (typeof input !== 'string') return compile.call(this, input, options);
    const opts = Object.assign({}, options);
    let compiled;
    const load = () => {
      if (compiled) return compiled;
      const key = JSON.stringify([input, opts]);
      const cache = templates();
      let source = cache.get(key);
      if (source === undefined) {
        source = env.precompile(input, Object.assign({}, opts));
        cache.set(key, source);
        added++;
      }
      compiled = env.template(new Function(`return ${source};`)());
      return compiled;
    };
    function ret(context, execOptions) {
      return load().call(this, context, execOptions);
    }
    ret._setup = (setupOptions) => load()._setup(setupOptions);
    ret._child = (i, data, blockParams, depths) => load()._child(i, data, blockParams, depths);
    return ret;
  };
  return env;
}

const create = Handlebars.create;
Handlebars.create = function () {
  return remembering(create.apply(this, arguments));
};
remembering(Handlebars);

module.exports = Handlebars;
