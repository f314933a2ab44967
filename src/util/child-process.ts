import type * as ChildProcessModule from 'child_process';

/**
 * Node's child_process, loaded when first used. The modules that start other programs (validation, preview, the
 * batch restart) are loaded by every build, which never starts one; loading child_process (and net, stream…)
 * up front was ~4 ms of a single deck's whole-process time.
 */
export function childProcess(): typeof ChildProcessModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('child_process') as typeof ChildProcessModule;
}
