/**
 * Shared by the reliability tests: temp folders, a copy of the embedded data with one file broken, a small deck,
 * and the check that a failed command wrote nothing (no deck, no model, no temp file).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DATA = path.join(ROOT, 'data');
export const COUNCIL_DECK = path.join(ROOT, 'decks', 'kommuneokonomi.yaml');
/** The observations file the data tests break: 003 Tabell 1.1, Meløy 2020. */
export const OBS_FILE = '003-tabell-1-1-nokkeltall.csv';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kd-rel-${prefix}-`));
}

/** Every file under `dir` (relative paths), hidden temp files included. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

/** A copy of data/ in `dir`, with `edit` applied to the text of one observations file. Returns the copy's path. */
export function dataCopy(dir: string, edit?: (text: string) => string | Buffer, file = OBS_FILE): string {
  const copy = fs.mkdtempSync(path.join(dir, 'data-'));
  fs.cpSync(DATA, copy, { recursive: true });
  if (edit) {
    const f = path.join(copy, 'observations', file);
    fs.writeFileSync(f, edit(fs.readFileSync(f, 'utf8')));
  }
  return copy;
}

/** How a loader names a data file in its messages: relative to the working directory. */
export function shown(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** The 1-based line of the first line of `text` that matches. */
export function lineOf(text: string, re: RegExp): number {
  const i = text.split('\n').findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no line matches ${re}`);
  return i + 1;
}

/** A one-slide deck about Meløy 2020 (003 Tabell 1.1): builds in well under a second. */
export const SMALL_DECK = `title: "Nøkkeltall for {{kommune.navn}}"
year: 2020
slides:
  - kind: statement
    id: ndr
    title: Netto driftsresultat
    metric: finans.netto_driftsresultat_pct
`;

export function writeDeck(dir: string, text: string, name = 'deck.yaml'): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}
