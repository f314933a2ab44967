import * as os from 'os';
import { childProcess } from '../util/child-process';

/**
 * `kommunedeck batch` runs in a Node process started with V8 flags of its own.
 *
 * A batch keeps every core busy with a worker thread. V8's garbage collector normally hands marking, sweeping and
 * scavenging to background threads as well, and on a two-core machine those compete with the workers for the same
 * two cores: measured on the council deck for all kommuner with two workers, 28-29 s with the default collector
 * against 22-24 s with `--single-threaded-gc` (each worker collects its own garbage on its own thread).
 * `--expose-gc` lets the main thread drop the dataset it loaded for planning once the workers have their copies
 * (src/batch/run.ts). V8 reads these flags only when the process starts, so the CLI starts itself once more for
 * `batch` with them; the parent passes signals on and exits with the child's code.
 *
 * The restarted process also gets MALLOC_ARENA_MAX=2 (unless set): glibc gives each thread that allocates (the
 * workers' zlib and buffers) an arena of its own, which it seldom returns; two arenas keep the batch's resident
 * memory about 40 MB lower (measured: 455 against 419 MB for the same batch), in about the same time.
 */
export const BATCH_NODE_FLAGS = ['--single-threaded-gc', '--expose-gc'] as const;

/** Set in the restarted process; also a way to turn the restart off (KOMMUNEDECK_BATCH_PROCESS=1). */
export const RESTARTED_ENV = 'KOMMUNEDECK_BATCH_PROCESS';

/** The Node flags to restart with, or undefined when this process should run the command itself. */
export function restartFlags(argv: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv): string[] | undefined {
  if (argv[0] !== 'batch' || env[RESTARTED_ENV]) return undefined;
  if (argv.includes('--help') || argv.includes('-h')) return undefined;
  const missing = BATCH_NODE_FLAGS.filter((f) => !execArgv.includes(f));
  return missing.length ? [...execArgv, ...missing] : undefined;
}

/**
 * Run the CLI script again with `flags` and the same arguments; resolves to its exit code. SIGINT and SIGTERM are
 * passed on (the batch stops once however many times it is told: a Ctrl-C in a terminal reaches both processes).
 * Resolves undefined when the child cannot be started, so the caller can run the command itself.
 */
export function runRestarted(flags: readonly string[], script: string, argv: readonly string[]): Promise<number | undefined> {
  return new Promise((resolve) => {
    const env = { ...process.env, [RESTARTED_ENV]: '1', MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
    const child = childProcess().spawn(process.execPath, [...flags, script, ...argv], { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => {
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const done = (code: number | undefined) => {
      process.removeListener('SIGINT', forward);
      process.removeListener('SIGTERM', forward);
      resolve(code);
    };
    child.on('error', () => done(undefined));
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  });
}
