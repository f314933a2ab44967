import { createHash } from 'crypto';
import { rememberParsed } from '../util/derived-cache';
import { DeckSpec } from './spec';
import { Vocabulary } from './parse';

/**
 * Parsed decks remembered across processes (src/util/derived-cache.ts, on in the CLI): parsing and checking a deck
 * (YAML, every Handlebars template against the vocabulary) is ~10 % of a single build as a whole process, and a
 * consultant builds the same deck file again and again. The key is the file name as given, the deck's text and
 * the vocabulary (metric ids and kinds), so an edited deck or another tool version parses anew; only decks without
 * problems are stored, so every mistake is still reported where it is.
 */
const SPEC_CACHE_VERSION = 1;
let vocabularyKey: string | undefined;

function vocabularyKeyOf(vocab: Vocabulary): string {
  vocabularyKey ??= createHash('sha256')
    .update(vocab
      .ids()
      .map((id) => `${id}:${vocab.kindOf(id)}`)
      .join('\n'))
    .digest('hex');
  return vocabularyKey;
}

/** The deck parsed by `parse`, or as parsed before for the same file name, text and vocabulary. */
export function parseDeckCached(file: string, text: string, vocab: Vocabulary, parse: () => DeckSpec): DeckSpec {
  return rememberParsed('decks', file, text, `${SPEC_CACHE_VERSION}\u0000${vocabularyKeyOf(vocab)}`, parse);
}
