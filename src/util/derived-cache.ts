import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Files in parsed form, remembered across processes: the one door for the caches of data (src/data/data-cache.ts),
 * population (src/data/population-cache.ts), decks (src/deck/spec-cache.ts) and themes (src/render/theme.ts).
 * Off unless the CLI turns it on (src/cli/main.ts, beside the bundle's code cache); tests, the library and batch
 * workers read the files every time.
 *
 * A cached form is never stale: its key names what it was parsed from, either every file with its size and
 * modification time (`filesKey`, for data folders) or the text itself (`rememberParsed`, for a deck or theme file
 * that is read anyway), so an edit, an import or a checkout makes a new key. Only what parsed without a problem is
 * stored, so a mistake is always reported where it is, with file:line. Nothing here is ever an error: a read-only
 * install (or a full disk) reads the files every time.
 */
const KEEP_PER_KIND = 4;
let cacheDir: string | undefined;
const pending: (() => void)[] = [];

/** Where parsed data is kept, or undefined to read the files every time. */
export function useDerivedCache(dir: string | undefined): void {
  cacheDir = dir;
}

export function derivedCacheOn(): boolean {
  return cacheDir !== undefined;
}

/**
 * The key of a set of files: `parts` (format, version) and each file's absolute path, size and modification time;
 * a file in `optional` may be missing (recorded as such). Undefined when a required file cannot be read.
 */
export function filesKey(parts: readonly (string | number)[], files: readonly string[], optional: readonly string[] = []): string | undefined {
  const out: (string | number)[] = [...parts];
  for (const f of [...files, ...optional]) {
    const abs = path.resolve(f);
    try {
      const s = fs.statSync(abs);
      out.push(abs, s.size, s.mtimeMs);
    } catch {
      if (!optional.includes(f)) return undefined;
      out.push(abs, 'none');
    }
  }
  return out.join('\u0000');
}

/** The cache file for a key, in the folder of its kind (`population`, `data`). */
export function derivedFile(kind: string, key: string, ext: string): string | undefined {
  if (!cacheDir) return undefined;
  return path.join(cacheDir, kind, `${createHash('sha256').update(key).digest('hex').slice(0, 16)}${ext}`);
}

/** The bytes of a cache file, or undefined (none yet, unreadable, cache off). */
export function readDerived(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Write a cache file whole or not at all, keeping the few newest of its kind (one per data folder in use). */
export function writeDerived(file: string, bytes: Buffer | string): void {
  try {
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
    const older = fs
      .readdirSync(dir)
      .filter((f) => !f.endsWith('.tmp'))
      .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(KEEP_PER_KIND);
    for (const { f } of older) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    // a read-only install reads the files every time
  }
}

/**
 * Save when the process exits (or at flushDerivedCaches): the parsing finishes and the file is written after the
 * deck, not before it. A save that throws is dropped (a problem in the data is reported where it is read).
 */
export function saveOnExit(save: () => void): void {
  if (!cacheDir) return;
  if (pending.length === 0) process.once('exit', flushDerivedCaches);
  pending.push(save);
}

/** Run the saves saveOnExit was given, now (the exit hook; tests). */
export function flushDerivedCaches(): void {
  for (const save of pending.splice(0)) {
    try {
      save();
    } catch {
      // the cache is only a shortcut
    }
  }
}

/**
 * A file's text parsed by `parse`, or as parsed before for the same kind, file name, salt (what else the result
 * depends on, e.g. a format version) and text. The result must survive JSON; `parse` throws for a mistake, and a
 * mistake is never stored. Written at once (a later call in the same process reads it back).
 */
export function rememberParsed<T>(kind: string, file: string, text: string, salt: string, parse: () => T): T {
  const cacheFile = derivedFile(kind, `${file}\u0000${salt}\u0000${text}`, '.json');
  const buf = readDerived(cacheFile);
  if (buf) {
    try {
      return JSON.parse(buf.toString('utf8')) as T;
    } catch {
      // damaged: parse again
    }
  }
  const value = parse();
  if (cacheFile) writeDerived(cacheFile, JSON.stringify(value));
  return value;
}
