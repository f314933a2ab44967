import { Command } from 'commander';
import { CliIO } from '../io';
import { registerBuild, registerValidate } from './build';
import { registerComments } from './comments';
import { registerPreview } from './preview';
import { registerInit } from './init';
import { registerDiff } from './diff';
import { registerBatch } from './batch';
import { registerFacts } from './facts';
import { registerImport } from './import';
import { registerFetch } from './fetch';
import { registerData } from './data';
import { registerRefresh } from './refresh';

/** A command registers itself on the program; `setExit` raises the exit code (e.g. 1 for warnings under --strict). */
export type RegisterCommand = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

/** Every command of the CLI, in the order `--help` lists them. */
export const COMMANDS: RegisterCommand[] = [
  registerBuild,
  registerComments,
  registerPreview,
  registerInit,
  registerDiff,
  registerBatch,
  registerValidate,
  registerFacts,
  registerImport,
  registerFetch,
  registerData,
  registerRefresh,
];
