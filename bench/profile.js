#!/usr/bin/env node
/**
 * Summarise V8 .cpuprofile files (node --cpu-prof): self time per function and per file, and total (inclusive)
 * time per function, as shares of the sampled time. Used by bench/run.js --profile; also usable alone:
 *
 *   node bench/profile.js <file-or-dir.cpuprofile>... [--top 25]
 */
'use strict';
const fs = require('fs');
const path = require('path');

function load(files) {
  const out = [];
  for (const f of files) {
    if (fs.statSync(f).isDirectory()) {
      for (const g of fs.readdirSync(f)) if (g.endsWith('.cpuprofile')) out.push(JSON.parse(fs.readFileSync(path.join(f, g), 'utf8')));
    } else out.push(JSON.parse(fs.readFileSync(f, 'utf8')));
  }
  return out;
}

function shortFile(url) {
  if (!url) return '(native)';
  const u = url.replace(/^file:\/\//, '');
  const i = u.indexOf('node_modules/');
  if (i >= 0) return u.slice(i);
  const j = u.search(/\/(src|dist|bench|test)\//);
  return j >= 0 ? u.slice(j + 1) : u;
}

/** { self: Map<fnKey, µs>, total: Map<fnKey, µs>, files: Map<file, µs>, sum: µs } over all profiles */
function summarise(profiles) {
  const self = new Map();
  const total = new Map();
  const files = new Map();
  let sum = 0;
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
    const dt = new Map();
    for (let i = 0; i < p.samples.length; i++) {
      const d = p.timeDeltas[i] || 0;
      dt.set(p.samples[i], (dt.get(p.samples[i]) || 0) + d);
    }
    for (const [id, t] of dt) {
      const n = byId.get(id);
      const cf = n.callFrame;
      if (cf.functionName === '(idle)' || cf.functionName === '(program)') continue;
      sum += t;
      const key = `${cf.functionName || '(anonymous)'} ${shortFile(cf.url)}:${cf.lineNumber + 1}`;
      self.set(key, (self.get(key) || 0) + t);
      const file = shortFile(cf.url);
      files.set(file, (files.get(file) || 0) + t);
      // inclusive: every distinct function on the stack once
      const seen = new Set();
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const c = byId.get(cur).callFrame;
        const k = `${c.functionName || '(anonymous)'} ${shortFile(c.url)}:${c.lineNumber + 1}`;
        if (seen.has(k)) continue;
        seen.add(k);
        total.set(k, (total.get(k) || 0) + t);
      }
    }
  }
  return { self, total, files, sum };
}

function table(map, sum, top, filter = () => true) {
  return [...map.entries()]
    .filter(([k]) => filter(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, t]) => `${((100 * t) / sum).toFixed(1).padStart(5)} %  ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}

function report(files, top = 25) {
  const s = summarise(load(files));
  const lines = [`sampled ${(s.sum / 1000).toFixed(0)} ms (idle excluded)`, '', 'self time by function:', ...table(s.self, s.sum, top), '', 'self time by file:', ...table(s.files, s.sum, top)];
  lines.push('', 'total (inclusive) time, project functions:', ...table(s.total, s.sum, top, (k) => /(src|dist)\//.test(k)));
  return lines.join('\n');
}

module.exports = { summarise, report };

if (require.main === module) {
  const args = process.argv.slice(2);
  const ti = args.indexOf('--top');
  const top = ti >= 0 ? Number(args.splice(ti, 2)[1]) : 25;
  console.log(report(args, top));
}
