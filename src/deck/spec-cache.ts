import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { DeckSpec } from './spec';
import { Vocabulary } from './parse';

/**
 * Parsed decks remembered across processes, for the CLI bundle (like its code cache and template cache): parsing
 * and checking a deck (YAML, every Handlebars template against the vocabulary) is ~10 % of a single build as a
 * whole process, and a consultant builds the same deck file again and again. The key is the file name as given,
 * the deck's text and the vocabulary (metric ids and kinds), so an edited deck or another tool version parses anew;
 * only decks without problems are stored, so every mistake is still reported where it is. Off unless the CLI turns
 * it on (tests and the library always parse).
 */
const SPEC_CACHE_VERSION = 1;
let cacheDir: string | undefined;
let vocabularyKey: string | undefined;

/** Where parsed decks are kept (the bundle's cache folder), or undefined to parse every time. */
export function useDeckCache(dir: string | undefined): void {
  cacheDir = dir;
}

function keyOf(file: string, text: string, vocab: Vocabulary): string {
  vocabularyKey ??= createHash('sha256')
    .update(vocab
      .ids()
      .map((id) => `${id}:${vocab.kindOf(id)}`)
      .join('\n'))
    .digest('hex');
  return createHash('sha256').update(`${SPEC_CACHE_VERSION}\u0000${file}\u0000${vocabularyKey}\u0000${text}`).digest('hex');
}

/** The deck parsed by `parse`, or as parsed before for the same file name, text and vocabulary. */
export function parseDeckCached(file: string, text: string, vocab: Vocabulary, parse: () => DeckSpec): DeckSpec {
  if (!cacheDir) return parse();
  const cacheFile = path.join(cacheDir, 'decks', `${keyOf(file, text, vocab)}.json`);
  try {
    return JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as DeckSpec;
  } catch {
    // not parsed before (or unreadable): parse it
  }
  const spec = parse();
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(spec));
    fs.renameSync(tmp, cacheFile);
  } catch {
    // a read-only install parses every time
  }
  return spec;
}
