#!/usr/bin/env node
import * as v8 from 'v8';
import type { CliIO } from './io';
import { CACHE_DIR, loadBundle } from './bundle';
import { restartFlags, runRestarted } from './restart';

/**
 * The `kommunedeck` command. The program (./program.ts, every command and the whole library) is loaded only
 * when this process runs a command itself: a `batch` restarts first with V8 flags of its own (./restart.ts), and
 * the parent that waits for it stays a bare Node process (about 45 MB against 70 MB with everything loaded).
 */
export async function runCli(argv: string[], io?: CliIO): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  const { runCli: run } = require('./program') as typeof import('./program');
  return io ? run(argv, io) : run(argv);
}

/**
 * V8 flags for a command that runs in this process (every command but `batch`, which restarts with its own).
 * A single deck is over in a few hundred milliseconds, and V8 spends much of that optimising functions (YAML,
 * Handlebars, pptxgenjs, XML) on a background thread that competes for the cores and seldom pays back within the
 * run. Four times the default interrupt budget (132 KB of bytecode executed before a function is considered for
 * optimisation) keeps the truly hot loops optimised and leaves the rest in the interpreter and baseline compiler.
 * Measured on the council deck (medians of 11 processes, CPU time): Meløy 520 -> 370 ms, Tromsø 450 -> 370 ms;
 * 8x gave about the same, `--no-opt` made Tromsø (population parsing) slower.
 */
export const COMMAND_V8_FLAGS = ['--interrupt-budget=540672'] as const;

/**
 * As a command: the program from the one-file bundle with its code cache (./bundle.ts), else from dist/ module by
 * module. `batch` always runs from dist/: its worker threads start dist/batch/worker.js beside the code they share.
 */
function runCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'batch') return runCli(argv);
  for (const flag of COMMAND_V8_FLAGS) v8.setFlagsFromString(flag);
  const bundled = loadBundle<typeof import('./program')>({ v8Flags: COMMAND_V8_FLAGS });
  // parsed decks and population are remembered beside the bundle's code cache (src/deck/spec-cache.ts,
  // src/data/population-cache.ts); not for profiling runs
  if (bundled && !process.execArgv.length) bundled.useCaches(CACHE_DIR);
  return bundled ? bundled.runCli(argv) : runCli(argv);
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const flags = restartFlags(argv, process.execArgv, process.env);
  const run = async (): Promise<number> => (flags ? ((await runRestarted(flags, process.argv[1], argv)) ?? runCli(argv)) : runCommand(argv));
  run().then((code) => {
    process.exitCode = code;
  });
}
