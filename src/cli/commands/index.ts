import { Command } from 'commander';
import { CliIO } from '../io';
import { registerBuild, registerValidate } from './build';
import { registerFacts } from './facts';
import { registerImport } from './import';
import { registerFetch } from './fetch';
import { registerData } from './data';

/** A command registers itself on the program; `setExit` raises the exit code (e.g. 1 for warnings under --strict). */
export type RegisterCommand = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

/** Every command of the CLI, in the order `--help` lists them. */
export const COMMANDS: RegisterCommand[] = [
  registerBuild,
  registerValidate,
  registerFacts,
  registerImport,
  registerFetch,
  registerData,
];
