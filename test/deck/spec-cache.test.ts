import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { vocabulary } from '../../src/build';
import { parseDeck } from '../../src/deck/parse';
import { parseDeckCached, useDeckCache } from '../../src/deck/spec-cache';

/** Parsed decks remembered across processes (the CLI bundle turns it on): same spec, anew when anything changes. */
const COUNCIL = fs.readFileSync(path.resolve(__dirname, '..', '..', 'decks', 'kommuneokonomi.yaml'), 'utf8');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-spec-cache-'));
  useDeckCache(dir);
});
afterEach(() => {
  useDeckCache(undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a deck parsed once is read back as the same spec, without parsing', () => {
  let parses = 0;
  const parse = () => (parses++, parseDeck('decks/kommuneokonomi.yaml', COUNCIL, vocabulary));
  const first = parseDeckCached('decks/kommuneokonomi.yaml', COUNCIL, vocabulary, parse);
  const again = parseDeckCached('decks/kommuneokonomi.yaml', COUNCIL, vocabulary, parse);
  expect(parses).toBe(1);
  expect(again).toEqual(JSON.parse(JSON.stringify(first)));
  expect(again.slides.length).toBe(first.slides.length);
});

test('another text or file name parses anew; a deck with mistakes is never stored, so they are reported every time', () => {
  let parses = 0;
  const parseOf = (file: string, text: string) => () => (parses++, parseDeck(file, text, vocabulary));
  parseDeckCached('a.yaml', COUNCIL, vocabulary, parseOf('a.yaml', COUNCIL));
  parseDeckCached('a.yaml', COUNCIL + '\n# endret\n', vocabulary, parseOf('a.yaml', COUNCIL + '\n# endret\n'));
  parseDeckCached('b.yaml', COUNCIL, vocabulary, parseOf('b.yaml', COUNCIL));
  expect(parses).toBe(3);
  const bad = 'title: t\nyear: 2023\nslides:\n  - kind: statement\n    metric: finans.ukjent\n';
  for (let i = 0; i < 2; i++) expect(() => parseDeckCached('bad.yaml', bad, vocabulary, parseOf('bad.yaml', bad))).toThrow(/bad\.yaml:5:\d+: ukjent nøkkeltall 'finans\.ukjent'/);
});

test('off (tests, the library): every call parses', () => {
  useDeckCache(undefined);
  let parses = 0;
  const parse = () => (parses++, parseDeck('d.yaml', COUNCIL, vocabulary));
  parseDeckCached('d.yaml', COUNCIL, vocabulary, parse);
  parseDeckCached('d.yaml', COUNCIL, vocabulary, parse);
  expect(parses).toBe(2);
});
