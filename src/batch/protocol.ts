import { Dataset } from '../data/dataset';
import { BatchJob, JobResult } from './job';

/** Messages between the batch's main thread and its workers (src/batch/worker.ts). */
export interface WorkerInit {
  dataDir: string;
  deckFiles: string[];
  /**
   * the main thread's loaded dataset, structured-cloned into the worker (about a third of the time of parsing and
   * validating the CSV files again); absent when it cannot be cloned, then the worker loads dataDir itself
   */
  dataset?: DatasetParts;
}

/** The constructor arguments of a Dataset: plain data (arrays, maps, objects), so they survive structured clone. */
export interface DatasetParts {
  observations: Dataset['observations'];
  variables: Dataset['variables'];
  tables: Dataset['tables'];
  register: Dataset['register'];
  documents: Dataset['documents'];
  /** the population files (plain data): the worker parses them itself, on first use */
  population: Dataset['population']['files'];
}

export function datasetParts(ds: Dataset): DatasetParts {
  return { observations: ds.observations, variables: ds.variables, tables: ds.tables, register: ds.register, documents: ds.documents, population: ds.population.files };
}

export type ToWorker = { type: 'job'; job: BatchJob };

export type ToMain =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  | { type: 'result'; result: JobResult };
