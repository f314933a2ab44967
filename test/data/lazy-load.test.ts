import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadDataset } from '../../src/data/load';
import { ProblemsError } from '../../src/errors';

/**
 * What a build does not read, it does not parse: Kommunekompass documents are parsed when a deck first reads one,
 * and the consistency checks run when asked (data check, batch). `data check` (eager) still finds every problem.
 */
const DATA = path.resolve(__dirname, '..', '..', 'data');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-lazy-'));
  fs.cpSync(DATA, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'kompass', '1837-2023.yaml'), 'kommune: 1837\nyear: [unclosed\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a broken Kommunekompass file does not stop a deck that never reads it; reading it is a file:line error', () => {
  const { dataset } = loadDataset(dir);
  expect(dataset.value('1837', 2022, 'finans.brutto_driftsinntekter')).toBe(790118);
  expect(() => dataset.document('kompass/1837-2023')).toThrow(ProblemsError);
  expect(() => dataset.document('kompass/1837-2023')).toThrow(/kompass\/1837-2023\.yaml:\d+/);
});

test('data check (eager) reports it when loading, with the other problems', () => {
  expect(() => loadDataset(dir, { eager: true })).toThrow(/kompass\/1837-2023\.yaml:\d+/);
});

test('the files are read when the data is loaded: deleting the folder afterwards changes nothing', () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-lazy2-'));
  fs.cpSync(DATA, copy, { recursive: true });
  const { dataset } = loadDataset(copy);
  fs.rmSync(path.join(copy, 'kompass'), { recursive: true });
  expect(dataset.document('kompass/1837-2023')).toBeDefined();
  fs.rmSync(copy, { recursive: true, force: true });
});

test('views of the dataset (the batch records every lookup through one) share what was parsed, never parse again', async () => {
  const { recordingDataset, InputRecorder } = await import('../../src/batch/inputs');
  const { dataset } = loadDataset(DATA);
  const a = recordingDataset(dataset, new InputRecorder());
  const b = recordingDataset(dataset, new InputRecorder());
  expect(a.population.row('1837', 2020)?.total).toBe(6288);
  // the second view reads the same parsed row: the same typed array, not a new parse
  expect(b.population.row('1837', 2020)?.ages.buffer).toBe(dataset.population.row('1837', 2020)?.ages.buffer);
  expect(a.documents).toBe(b.documents);
  expect(a.documents).toBe(dataset.documents);
});
