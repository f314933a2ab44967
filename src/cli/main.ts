#!/usr/bin/env node
import type { CliIO } from './io';
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

if (require.main === module) {
  const argv = process.argv.slice(2);
  const flags = restartFlags(argv, process.execArgv, process.env);
  const run = async (): Promise<number> => (flags ? ((await runRestarted(flags, process.argv[1], argv)) ?? runCli(argv)) : runCli(argv));
  run().then((code) => {
    process.exitCode = code;
  });
}
