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
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS') throw new UserError(`kan ikke skrive ${file}: ingen skrivetilgang (${err.code})`, 'NOT_WRITABLE');
    if (err.code === 'ENOSPC') throw new UserError(`kan ikke skrive ${file}: disken er full`, 'NO_SPACE');
    throw e;
  }
}

export function ensureWritableDir(dir: string): void {
  if (!fs.existsSync(dir)) throw new UserError(`utmappen ${dir} finnes ikke; lag den først (mkdir -p ${dir}) eller velg en annen med --out`, 'NO_OUT_DIR');
  if (!fs.statSync(dir).isDirectory()) throw new UserError(`${dir} er ikke en mappe`, 'NO_OUT_DIR');
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new UserError(`kan ikke skrive i ${dir}: ingen skrivetilgang`, 'NOT_WRITABLE');
  }
}
