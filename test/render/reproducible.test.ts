/** The same deck from the same inputs is the same bytes: in one process, across processes, and whatever ran before. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildDeck } from '../../src/build';
import { openDeck } from '../helpers/pptx';

const DECK = 'decks/kommuneokonomi.yaml';
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-repro-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function buildInChild(out: string, env: NodeJS.ProcessEnv = {}): void {
  const script = `require('./src/build').buildDeck({ deckFile: ${JSON.stringify(DECK)}, kommune: '1837', out: ${JSON.stringify(out)} }).catch((e) => { console.error(e); process.exit(2); });`;
  execFileSync(process.execPath, ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning', '-r', './test/helpers/ts-register.js', '-e', script], {
    env: { ...process.env, TZ: 'Pacific/Auckland', ...env },
    stdio: 'pipe',
    timeout: 120_000,
  });
}

test('two builds in one process, with another deck built in between, are byte-identical', async () => {
  const a = path.join(dir, 'a.pptx');
  const b = path.join(dir, 'b.pptx');
  await buildDeck({ deckFile: DECK, kommune: '1837', out: a });
  await buildDeck({ deckFile: DECK, kommune: '1820', out: path.join(dir, 'other.pptx') });
  await buildDeck({ deckFile: DECK, kommune: '1837', out: b });
  expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
});

test('a build in a separate process (another time zone) is byte-identical to one in this process', async () => {
  const here = path.join(dir, 'here.pptx');
  const there = path.join(dir, 'there.pptx');
  await buildDeck({ deckFile: DECK, kommune: '1837', out: here });
  buildInChild(there);
  expect(fs.readFileSync(there).equals(fs.readFileSync(here))).toBe(true);
}, 120_000);

test('the document date comes from the data, or SOURCE_DATE_EPOCH — never the clock', async () => {
  const file = path.join(dir, 'dated.pptx');
  await buildDeck({ deckFile: DECK, kommune: '1837', out: file });
  const core = Buffer.from(openDeck(file).entries['docProps/core.xml']).toString('utf8');
  expect(core).toContain('2023-01-01T00:00:00Z'); // 1 January of the deck year
  const epoch = path.join(dir, 'epoch.pptx');
  buildInChild(epoch, { SOURCE_DATE_EPOCH: '1683763200' }); // 2023-05-11, the council meeting
  const core2 = Buffer.from(openDeck(epoch).entries['docProps/core.xml']).toString('utf8');
  expect(core2).toContain('2023-05-11T00:00:00Z');
}, 120_000);
