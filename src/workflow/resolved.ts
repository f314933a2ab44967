import * as path from 'path';
import { prepareDeck, readDeckFile } from '../build';
import { Dataset } from '../data/dataset';
import { datasetFor } from '../data/load';
import { ResolvedDeck } from './comments-file';
import { collectFigures, storeFor } from './figures';

/** The council deck that ships with kommunedeck: the default of `diff` and `init`. */
export const DEFAULT_DECK = path.resolve(__dirname, '..', '..', 'decks', 'kommuneokonomi.yaml');

export interface ResolveRequest {
  deckFile: string;
  kommune: string;
  year?: number;
  refs?: string;
  dataDir?: string;
  dataset?: Dataset;
}

/** Parse, analyse and resolve a deck (no rendering) and list its figures: what comments, diff and init read. */
export function resolveWithFigures(req: ResolveRequest): ResolvedDeck & { dataset: Dataset } {
  const spec = readDeckFile(req.deckFile);
  const dataset = datasetFor(req);
  const { model } = prepareDeck(spec, dataset, { kommune: req.kommune, year: req.year, refs: req.refs });
  const figures = collectFigures(spec, model, storeFor(dataset, model), (c) => dataset.regionName(c));
  return { spec, model, figures, deckFile: req.deckFile, dataset };
}
