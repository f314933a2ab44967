import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { vocabulary } from '../../src/build';
import { parseDeck } from '../../src/deck/parse';
import { parseDeckCached } from '../../src/deck/spec-cache';
import { useDerivedCache } from '../../src/util/derived-cache';
import { DEFAULT_THEME_DIR, loadTheme } from '../../src/render/theme';

/** Parsed decks and themes remembered across processes (the CLI turns it on): the same result, anew when anything changes. */
const COUNCIL = fs.readFileSync(path.resolve(__dirname, '..', '..', 'decks', 'kommuneokonomi.yaml'), 'utf8');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-spec-cache-'));
  useDerivedCache(dir);
});
afterEach(() => {
  useDerivedCache(undefined);
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
  useDerivedCache(undefined);
  let parses = 0;
  const parse = () => (parses++, parseDeck('d.yaml', COUNCIL, vocabulary));
  parseDeckCached('d.yaml', COUNCIL, vocabulary, parse);
  parseDeckCached('d.yaml', COUNCIL, vocabulary, parse);
  expect(parses).toBe(2);
});

describe('themes', () => {
  const themed = (text: string) => {
    const file = path.join(dir, 'theme.yaml');
    fs.writeFileSync(file, text);
    return file;
  };
  const house = fs.readFileSync(path.join(DEFAULT_THEME_DIR, 'theme.yaml'), 'utf8');

  test('a theme parsed once is read back the same; an edited theme is parsed anew', () => {
    const file = themed(house);
    useDerivedCache(undefined);
    const parsed = loadTheme(file);
    useDerivedCache(dir);
    expect(loadTheme(file)).toEqual(parsed);
    expect(fs.readdirSync(path.join(dir, 'themes'))).toHaveLength(1);
    expect(loadTheme(file)).toEqual(parsed); // from the cache
    themed(house.replace(/accent1:\s*"?[0-9A-Fa-f]{6}"?/, 'accent1: "123456"'));
    expect(loadTheme(file).colors.accent1).toBe('123456');
  });

  test('a theme with a mistake is reported every time, never stored', () => {
    const file = themed(house.replace(/accent1:\s*"?[0-9A-Fa-f]{6}"?/, 'accent1: "blå"'));
    for (let i = 0; i < 2; i++) expect(() => loadTheme(file)).toThrow(/colors\.accent1 mangler eller er ikke en sekssifret/);
    expect(fs.existsSync(path.join(dir, 'themes'))).toBe(false);
  });
});
