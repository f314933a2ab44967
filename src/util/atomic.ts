import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../errors';

/**
 * Write a file atomically: a temp file in the same folder, then rename. A crash or Ctrl-C never leaves a half-written
 * deck, and an existing deck is replaced only by a complete new one.
 */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const dir = path.dirname(file);
  ensureWritableDir(dir);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Math.floor(Math.random() * 1e9)}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* the temp file may not exist */
    }
    throw writeError(file, e);
  }
}

/** Why the file system refused a write, in bokmål: the place to write is the user's choice, so it is a UserError. */
const WRITE_FAILURES: Record<string, string> = {
  ENOENT: 'mappen tar ikke imot nye filer',
  ENOTDIR: 'en del av stien er en fil, ikke en mappe',
  EISDIR: 'det finnes en mappe med det navnet',
  EEXIST: 'det finnes allerede en fil med det navnet der en mappe trengs',
  EDQUOT: 'diskkvoten er brukt opp',
  ENAMETOOLONG: 'filnavnet er for langt',
  EINVAL: 'filnavnet er ugyldig her',
  EBUSY: 'filen er i bruk (åpen i PowerPoint?)',
  ETXTBSY: 'filen er i bruk',
  EMFILE: 'for mange åpne filer',
  EIO: 'lese-/skrivefeil på disken',
};

/** A UserError for a failed write (any error with an errno code); other errors are returned unchanged. */
export function writeError(file: string, e: unknown): unknown {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS') return new UserError(`kan ikke skrive ${file}: ingen skrivetilgang (${err.code})`, 'NOT_WRITABLE');
  if (err.code === 'ENOSPC') return new UserError(`kan ikke skrive ${file}: disken er full`, 'NO_SPACE');
  if (typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code)) {
    return new UserError(`kan ikke skrive ${file}: ${WRITE_FAILURES[err.code] ?? 'filsystemet avviste skrivingen'} (${err.code}); velg en annen plassering`, 'NOT_WRITABLE');
  }
  return e;
}

export function ensureWritableDir(dir: string): void {
  if (!fs.existsSync(dir)) throw new UserError(`utmappen ${dir} finnes ikke; lag den først (mkdir -p ${dir}) eller velg en annen med --out`, 'NO_OUT_DIR');
  if (!fs.statSync(dir).isDirectory()) throw new UserError(`${dir} er ikke en mappe, men en fil; velg en annen plassering`, 'NO_OUT_DIR');
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UserError(`kan ikke skrive i ${dir}: ingen skrivetilgang`, 'NOT_WRITABLE');
  }
}
