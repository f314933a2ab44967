import { parentPort, workerData } from 'worker_threads';
import { Dataset } from '../data/dataset';
import { loadDataset } from '../data/load';
import { PopulationStore } from '../data/population';
import { errorReason, JobContext, runJob } from './job';
import { ToMain, ToWorker, WorkerInit } from './protocol';

/**
 * The worker thread of a batch: loads the data folder once, then builds the decks the main thread sends, one at a
 * time, and sends the bytes back (transferred, not copied). It writes nothing: the main thread writes files and
 * the manifest.
 */
function main(): void {
  const port = parentPort;
  if (!port) throw new Error('src/batch/worker kjøres bare som worker thread');
  const post = (m: ToMain, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  const init = workerData as WorkerInit;
  let ctx: JobContext;
  try {
    const d = init.dataset;
    ctx = new JobContext(d ? new Dataset(d.observations, d.variables, d.tables, d.register, d.documents, new PopulationStore(d.population)) : loadDataset(init.dataDir).dataset);
    for (const d of init.deckFiles) ctx.deck(d);
  } catch (e) {
    post({ type: 'init-error', message: errorReason(e).reason });
    return;
  }
  port.on('message', (m: ToWorker) => {
    if (m.type !== 'job') return;
    void runJob(ctx, m.job).then((result) => {
      const transfer = result.bytes ? [result.bytes.buffer as ArrayBuffer] : [];
      post({ type: 'result', result }, transfer);
    });
  });
  post({ type: 'ready' });
}

main();
