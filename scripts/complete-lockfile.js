#!/usr/bin/env node
// Add lock entries for platform-specific optional packages the registry here does not serve, so `npm ci` accepts the lock.
const fs = require('fs');
const lockFile = process.argv[2];
const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
const pk = lock.packages;
const add = [];
for (const [p, e] of Object.entries(pk)) {
  for (const [name, ver] of Object.entries(e.optionalDependencies || {})) {
    const key = 'node_modules/' + name;
    if (pk[key]) continue;
    const m = /-(android|darwin|freebsd|linux|openharmony|win32)-(arm64|x64|arm|ia32|loong64|ppc64|riscv64|s390x)/.exec(name);
    if (!m) { console.error('cannot tell platform of', name); continue; }
    add.push([key, { version: ver, dev: !!e.dev || undefined, optional: true, os: [m[1]], cpu: [m[2]] }]);
  }
}
for (const [k, v] of add) pk[k] = v;
const sorted = {};
for (const k of Object.keys(pk).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))) sorted[k] = pk[k];
lock.packages = sorted;
fs.writeFileSync(lockFile, JSON.stringify(lock, null, 2) + '\n');
console.log('added', add.length);
