/**
 * `batch` restarts the CLI with V8 flags of its own (src/cli/restart.ts); every other command runs where it was
 * started. The signals test (test/batch/signals.test.ts) runs a restarted batch end to end.
 */
import { BATCH_NODE_FLAGS, RESTARTED_ENV, restartFlags } from '../../src/cli/restart';

describe('restartFlags', () => {
  it('restarts batch once, keeping the node flags it was started with', () => {
    expect(restartFlags(['batch', 'd.yaml', '--kommuner', 'all'], ['--enable-source-maps'], {})).toEqual(['--enable-source-maps', ...BATCH_NODE_FLAGS]);
    expect(restartFlags(['batch', 'd.yaml'], [...BATCH_NODE_FLAGS], {})).toBeUndefined();
    expect(restartFlags(['batch', 'd.yaml'], [], { [RESTARTED_ENV]: '1' })).toBeUndefined();
  });

  it('leaves every other command, and help, in the process it was started in', () => {
    expect(restartFlags(['build', 'd.yaml', '--kommune', '1837'], [], {})).toBeUndefined();
    expect(restartFlags(['batch', '--help'], [], {})).toBeUndefined();
    expect(restartFlags([], [], {})).toBeUndefined();
  });
});
