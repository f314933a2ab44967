import { isAscii } from 'buffer';
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';
import * as vm from 'vm';

/**
 * The CLI's program as one file with a V8 code cache (scripts/bundle-cli.js makes both in `npm run build` and
 * `prepare`). Loading ~360 modules one by one (resolving, reading package.json files, compiling) was about a third
 * of a single deck's whole-process time; one file whose compiled code comes from the cache is a fraction of that.
 *
 * Never stale: the bundle is used only when it is at least as new as dist/cli/program.js (tsc rewrites every file
 * it emits, so a later `tsc` without the bundle step makes the CLI load dist/ module by module again), and the code
 * cache is kept per bundle hash, Node version, architecture and the V8 flags main.ts sets (V8 itself checks only
 * the source's length); a process started with node flags (e.g. --cpu-prof) runs the bundle without a cache. A
 * missing or rejected cache is written when the process exits, to dist/cli/.cache/ if it can be (never an error
 * when it cannot). KOMMUNEDECK_NO_BUNDLE=1 turns the bundle off.
 */
export const BUNDLE_FILE = path.join(__dirname, 'kommunedeck.js');
export const CACHE_DIR = path.join(__dirname, '.cache');
const HEADER = /^\/\/ kommunedeck-bundle ([0-9a-f]{16})\n/;

/**
 * The program's exports from the bundle, or undefined when there is none (or it is older than dist/). `v8Flags`:
 * the flags the caller set with v8.setFlagsFromString, part of the cache's key. `cacheDir: null`: no code cache.
 */
export function loadBundle<T>({ file = BUNDLE_FILE, builtFrom = path.join(path.dirname(file), 'program.js'), cacheDir = CACHE_DIR as string | null, v8Flags = [] as readonly string[] } = {}): T | undefined {
  if (process.env.KOMMUNEDECK_NO_BUNDLE) return undefined;
  let source: string;
  try {
    if (fs.statSync(file).mtimeMs < fs.statSync(builtFrom).mtimeMs) return undefined;
    // ASCII (scripts/bundle-cli.js makes it so) read as latin1: a one-byte string without UTF-8 decoding (~3 against ~10 ms)
    const bytes = fs.readFileSync(file);
    source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  } catch {
    return undefined;
  }
  const hash = HEADER.exec(source)?.[1];
  if (!hash) return undefined;
  // V8 accepts a cache only under the flags it was made with: those set at run time are part of the key, and a
  // process started with node flags of its own (--cpu-prof, --inspect, …) neither reads nor writes one
  const flags = v8Flags.length ? '-' + simpleHash(v8Flags.join(' ')) : '';
  const cacheFile = cacheDir === null || process.execArgv.length ? undefined : path.join(cacheDir, `${hash}-${process.version}-${process.arch}${flags}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = cacheFile ? fs.readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) process.once('exit', () => writeCache(script, cacheFile));
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return mod.exports as T;
}

/** Created at exit: the cache then holds every function the run compiled, not only the top level. */
function writeCache(script: vm.Script, cacheFile: string): void {
  try {
    const data = script.createCachedData();
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, cacheFile);
  } catch {
    // a read-only install runs without a cache
  }
}

function simpleHash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}
