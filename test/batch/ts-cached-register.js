/**
 * test/helpers/ts-register.js with a disk cache: the same transpile-on-require hook, keyed and stored like the
 * batch workers' hook (src/batch/pool.ts, TS_BOOTSTRAP) in <tmp>/kommunedeck-ts-cache, so the CLI processes the
 * signal tests start do not transpile the whole project again each time.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');

const cacheDir = path.join(os.tmpdir(), 'kommunedeck-ts-cache');
const tsPath = require.resolve('typescript');
const version = JSON.parse(fs.readFileSync(path.join(path.dirname(tsPath), '..', 'package.json'), 'utf8')).version;
const cacheKey = `typescript ${version} commonjs es2022 esModuleInterop resolveJsonModule`;
const options = { module: 1 /* CommonJS */, target: 9 /* ES2022 */, esModuleInterop: true, resolveJsonModule: true };
let ts;

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(cacheKey + '\0' + filename + '\0' + source).digest('hex');
  const cached = path.join(cacheDir, key + '.js');
  let js;
  try {
    js = fs.readFileSync(cached, 'utf8');
  } catch {
    ts = ts || require(tsPath);
    js = ts.transpileModule(source, { fileName: filename, compilerOptions: options }).outputText;
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const tmp = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, js);
      fs.renameSync(tmp, cached);
    } catch {
      /* only costs time */
    }
  }
  module._compile(js, filename);
};
