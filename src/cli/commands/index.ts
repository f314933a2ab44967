/* eslint-disable @typescript-eslint/no-require-imports -- each command's module is loaded on demand, see COMMANDS */
import { Command } from 'commander';
import { CliIO } from '../io';

/** A command registers itself on the program; `setExit` raises the exit code (e.g. 1 for warnings under --strict). */
export type RegisterCommand = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

/** A top-level command by its name, and how to get its registration (requiring its module then, not before). */
export interface CommandEntry {
  name: string;
  load(): RegisterCommand;
}

/**
 * Every command of the CLI, in the order `--help` lists them. A command's module (and the library it imports) is
 * required only when the program registers it: `kommunedeck build …` registers `build` alone (../program.ts), so a
 * single deck does not load batch, import, fetch, data update or refresh code.
 */
export const COMMANDS: CommandEntry[] = [
  { name: 'build', load: () => (require('./build') as typeof import('./build')).registerBuild },
  { name: 'comments', load: () => (require('./comments') as typeof import('./comments')).registerComments },
  { name: 'preview', load: () => (require('./preview') as typeof import('./preview')).registerPreview },
  { name: 'init', load: () => (require('./init') as typeof import('./init')).registerInit },
  { name: 'diff', load: () => (require('./diff') as typeof import('./diff')).registerDiff },
  { name: 'batch', load: () => (require('./batch') as typeof import('./batch')).registerBatch },
  { name: 'validate', load: () => (require('./build') as typeof import('./build')).registerValidate },
  { name: 'facts', load: () => (require('./facts') as typeof import('./facts')).registerFacts },
  { name: 'import', load: () => (require('./import') as typeof import('./import')).registerImport },
  { name: 'fetch', load: () => (require('./fetch') as typeof import('./fetch')).registerFetch },
  { name: 'data', load: () => (require('./data') as typeof import('./data')).registerData },
  { name: 'refresh', load: () => (require('./refresh') as typeof import('./refresh')).registerRefresh },
];
