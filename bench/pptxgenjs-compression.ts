/**
 * Micro-benchmark of the finishing stage: size of pptxgenjs's write() against the finished deck, time of
 * finishPackage (first call in the process and warm), and DEFLATE with Node's zlib against fflate.
 *
 *   node -r ./test/helpers/ts-register.js bench/pptxgenjs-compression.ts
 */
import * as path from 'path';
import * as zlib from 'zlib';
import { deflateSync } from 'fflate';
import { buildTableChartDeck } from '../test/helpers/decks';
import { finishPackage, unzipEntries } from '../src/render/package';
import { loadTheme, DEFAULT_THEME_DIR } from '../src/render/theme';

const theme = loadTheme(path.join(DEFAULT_THEME_DIR, 'theme.yaml'));
const date = new Date('2023-06-30T00:00:00Z');

function stats(times: number[]): string {
  const s = [...times].sort((a, b) => a - b);
  return `min ${s[0].toFixed(1)} ms, median ${s[Math.floor(s.length / 2)].toFixed(1)} ms`;
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

async function main(): Promise<void> {
  const decks: [string, Uint8Array][] = [
    ['10 slides, 10 charts, 10 tables', await buildTableChartDeck(10, 10)],
    ['40 slides, 10 charts, 40 tables', await buildTableChartDeck(40, 10)],
  ];
  let first = true;
  for (const [name, raw] of decks) {
    const [finished, cold] = time(() => finishPackage(raw, { theme, date }));
    const warm: number[] = [];
    const noVerify: number[] = [];
    for (let i = 0; i < 15; i++) warm.push(time(() => finishPackage(raw, { theme, date }))[1]);
    for (let i = 0; i < 15; i++) noVerify.push(time(() => finishPackage(raw, { theme, date, verify: false }))[1]);
    console.log(`${name}: write() ${(raw.length / 1024).toFixed(0)} KB -> finished ${(finished.length / 1024).toFixed(0)} KB`);
    console.log(`  finishPackage ${first ? 'first call in process' : 'first call for this deck'}: ${cold.toFixed(1)} ms`);
    console.log(`  finishPackage warm, with structural check: ${stats(warm)}; without: ${stats(noVerify)}`);
    first = false;
  }
  const parts = unzipEntries(decks[1][1]).filter(([n]) => !n.endsWith('.xlsx'));
  const total = parts.reduce((a, [, d]) => a + d.length, 0);
  for (let round = 0; round < 3; round++) {
    const [zs, zt] = time(() => parts.reduce((a, [, d]) => a + zlib.deflateRawSync(d, { level: 6 }).length, 0));
    const [fs, ft] = time(() => parts.reduce((a, [, d]) => a + deflateSync(d, { level: 6 }).length, 0));
    console.log(`DEFLATE level 6 of ${(total / 1024).toFixed(0)} KB of parts, round ${round + 1}: zlib ${zt.toFixed(1)} ms (${(zs / 1024).toFixed(0)} KB), fflate ${ft.toFixed(1)} ms (${(fs / 1024).toFixed(0)} KB)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
