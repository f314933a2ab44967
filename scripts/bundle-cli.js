#!/usr/bin/env node
'use strict';
/**
 * Part of `npm run build` and `prepare`, after tsc: the CLI's program (dist/cli/program.js, every command and the
 * library and dependencies they use) as one file, dist/cli/kommunedeck.js, and a V8 code cache for it.
 *
 * Why: a single deck as a whole process spent about a third of its time loading ~360 modules (resolving paths,
 * reading package.json files, compiling). src/cli/bundle.ts loads this one file instead, with V8's code cache.
 * Measured (bench/process.js, medians of 11 fresh processes; see README "Benchmarks").
 *
 * - esbuild bundles the tsc output (not src/: the code is tsc's, byte for byte what dist/ runs otherwise), node
 *   built-ins stay require()s, dynamic import() becomes require() (pptxgenjs imports node:fs and node:https that
 *   way; a vm.Script with a code cache cannot run import() in Node 20).
 * - The first line is `// kommunedeck-bundle <hash>`, the hash of the rest: the code cache is kept per hash, Node
 *   version, architecture and the V8 flags the CLI sets (dist/cli/.cache/), so a stale cache is never used (V8
 *   itself only checks the source's length).
 * - `require('handlebars')` gets scripts/handlebars-cache.js: compiled templates remembered across processes
 *   (dist/cli/.cache/templates.json), and handlebars builds template code without source-map (below).
 * - The old caches go; one is made by running `build` of the council deck once (the cache is created after the
 *   run, so it holds the functions a build compiles, not only the top level). Should that run fail (data being
 *   edited), the first real run makes it instead.
 * - src/cli/main.ts uses the bundle only when it is at least as new as dist/cli/program.js: after a plain
 *   `tsc -p tsconfig.build.json` (no bundle step) the CLI loads dist/ module by module as before.
 */
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DIST_CLI = path.join(ROOT, 'dist', 'cli');
const ENTRY = path.join(DIST_CLI, 'program.js');
const OUT = path.join(DIST_CLI, 'kommunedeck.js');
const CACHE_DIR = path.join(DIST_CLI, '.cache');

/**
 * Handlebars builds each template's JavaScript with source-map's SourceNode when it can require source-map, and
 * with its own string builder (what it uses in browsers) when it cannot: the same code text, since a source map is
 * made only for precompile with `srcName`, which kommunedeck never asks for. In the bundle the require fails, so a
 * build neither loads source-map nor pays for its node tree (measured: about a fifth of compiling the council deck's
 * ~160 templates).
 */
const withoutSourceMapInHandlebars = {
  name: 'without-source-map-in-handlebars',
  setup(build) {
    build.onResolve({ filter: /^source-map$/ }, (args) => (/[\\/]handlebars[\\/]/.test(args.importer) ? { path: 'source-map', namespace: 'left-out' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: "throw new Error('source-map is left out of the kommunedeck bundle (scripts/bundle-cli.js)');", loader: 'js' }));
  },
};

/**
 * Built-in modules as a dependency sees them, through a stand-in. Two reasons, both measured on a single deck:
 *  - pptxgenjs loads https for every slide it writes, to fetch images given by URL (kommunedeck gives bytes), and
 *    commander loads child_process for subcommands that are separate programs (kommunedeck has none): loading them
 *    (with tls, http, net, dgram and their kin) was ~12 ms. The stand-in loads the real module the first time
 *    anything on it is used, so a URL image or a spawn would still work.
 *  - pptxgenjs also runs `import('node:fs')` and `import('node:https')` for every slide, layout and master; in the
 *    bundle that is esbuild's interop (__toESM), which copies every property of the module each time: ~10 ms for
 *    fs's hundred-odd properties. The stand-in's own properties are only the names the dependency takes from the
 *    module (`names`); every other property still reads through to the real module.
 */
const ON_DEMAND = [
  { importer: /[\\/]pptxgenjs[\\/]/, module: 'https', names: ['get', 'request'] },
  { importer: /[\\/]pptxgenjs[\\/]/, module: 'fs', names: ['readFileSync', 'promises'] },
  { importer: /[\\/]commander[\\/]/, module: 'child_process', names: ['spawn'] },
];
const builtinsOnDemand = {
  name: 'builtins-on-demand',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(https|fs|child_process)$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      const entry = ON_DEMAND.find((o) => o.module === name && o.importer.test(args.importer));
      return entry ? { path: ON_DEMAND.indexOf(entry).toString(), namespace: 'on-demand' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'on-demand' }, (args) => {
      const { module, names } = ON_DEMAND[Number(args.path)];
      return {
        contents: `let real; const load = () => (real ??= require(${JSON.stringify(module)}));
// own properties: the names the dependency imports; esbuild's interop asks for __esModule (answered without loading)
const standIn = { ${names.map((n) => `${n}: undefined`).join(', ')} };
module.exports = new Proxy(standIn, { get: (_, key) => (key === '__esModule' ? undefined : load()[key]), has: (_, key) => key in load() });`,
        loader: 'js',
      };
    });
  },
};

/** `require('handlebars')` in dist/ gets scripts/handlebars-cache.js, which requires the real one. */
const handlebarsWithCache = {
  name: 'handlebars-with-cache',
  setup(build) {
    const shim = path.join(__dirname, 'handlebars-cache.js');
    build.onResolve({ filter: /^handlebars$/ }, (args) => (args.importer === shim ? undefined : { path: shim }));
  },
};

/**
 * The bundle as ASCII: esbuild escapes strings and templates but leaves non-ASCII characters in comments and regular
 * expression literals (`/[æøå]/`), and one such character makes the whole 2,9 MB source a two-byte string, read
 * through UTF-8 decoding (src/cli/bundle.ts reads an ASCII bundle as latin1: about 10 -> 3 ms). Each UTF-16 code
 * unit above 0x7f becomes \uXXXX, which means the same character in a comment, an identifier and a regular
 * expression (a surrogate pair escaped as two \u is still one code point under the u flag); after a backslash
 * (`/\æ/`) it would not, so that stops the build.
 */
function asciiOnly(code) {
  return code.replace(/[^\x00-\x7f]/g, (c, at) => {
    if (code[at - 1] === '\\') throw new Error(`bundle: an escaped non-ASCII character at ${at} cannot be written as \\u (scripts/bundle-cli.js)`);
    return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
  });
}

async function main() {
  const esbuild = require('esbuild');
  const started = Date.now();
  const r = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    supported: { 'dynamic-import': false },
    write: false,
    outfile: OUT,
    logLevel: 'warning',
    legalComments: 'eof',
    plugins: [withoutSourceMapInHandlebars, handlebarsWithCache, builtinsOnDemand],
  });
  const code = asciiOnly(r.outputFiles[0].text);
  const hash = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16);
  const tmp = `${OUT}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `// kommunedeck-bundle ${hash}\n${code}`);
  fs.renameSync(tmp, OUT);
  fs.rmSync(CACHE_DIR, { recursive: true, force: true });
  const bundled = Date.now() - started;

  // the code cache: the council deck for Meløy built twice, written to a temp folder. The first build fills the
  // other caches (templates, parsed deck, population) and leaves a code cache of a first build; the second, made
  // without it, holds what a build compiles when those caches exist (no Handlebars compiler, YAML deck parser or
  // population CSV parser): ~7 % smaller, so less to read and deserialise in every later build.
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kommunedeck-bundle-'));
  try {
    const build = () =>
      spawnSync(process.execPath, [path.join(DIST_CLI, 'main.js'), 'build', path.join(ROOT, 'decks', 'kommuneokonomi.yaml'), '--kommune', '1837', '--out', out + path.sep], {
        cwd: ROOT,
        env: { ...process.env, CI: 'true' },
        encoding: 'utf8',
      });
    let run = build();
    if (run.status === 0) {
      for (const f of fs.readdirSync(CACHE_DIR).filter((f) => f.endsWith('.bin'))) fs.rmSync(path.join(CACHE_DIR, f));
      run = build();
    }
    const cached = fs.existsSync(CACHE_DIR) ? fs.readdirSync(CACHE_DIR).filter((f) => f.endsWith('.bin')) : [];
    const size = Math.round(fs.statSync(OUT).size / 1024);
    if (run.status === 0 && cached.length > 0) {
      console.log(`bundle: ${path.relative(ROOT, OUT)} (${size} kB, ${bundled} ms) and its code cache`);
    } else {
      console.log(`bundle: ${path.relative(ROOT, OUT)} (${size} kB, ${bundled} ms); no code cache yet (build exit ${run.status}), the first build makes it`);
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
