import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildDeck } from '../../src/build';
import { Manifest } from '../../src/batch/manifest';
import { ThreadExecutor, workerEntry } from '../../src/batch/pool';
import { BatchOptions, BatchSummary, runBatch } from '../../src/batch/run';
import { writeSyntheticDataset } from '../../src/batch/synthetic';
import { DEFAULT_DATA_DIR, loadDataset } from '../../src/data/load';
import { writePopulationImport } from '../../src/data/import/population';
import { cli } from '../helpers/cli';

const DECK = path.resolve(__dirname, '..', '..', 'decks', 'kommuneokonomi.yaml');
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-batch-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

const inline = (o: Partial<BatchOptions> & { out: string; kommuner: string }): Promise<BatchSummary> => runBatch({ deckFiles: [DECK], mode: 'inline', ...o });

/** The embedded data without the national files: then Porsanger and Nesseby have no figure at all. */
function dataWithoutNational(): string {
  const dir = path.join(tmp, 'data-uten-nasjonale');
  if (!fs.existsSync(dir)) {
    fs.cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
    fs.rmSync(path.join(dir, 'befolkning'), { recursive: true });
    for (const t of ['kostnadsindeks', 'robek']) fs.rmSync(path.join(dir, 'tables', `${t}.csv`));
  }
  return dir;
}

describe('batch on the embedded data', () => {
  it('builds every kommune with data; a kommune without any data fails alone, with its reason; the manifest says it all', async () => {
    const out = path.join(tmp, 'embedded');
    const s = await inline({ kommuner: '1837,1820,1813,5622', out, dataDir: dataWithoutNational() });
    expect([s.total, s.built, s.failed, s.skipped]).toEqual([4, 3, 1, 0]);
    const failed = s.entries.find((e) => e.status === 'failed')!;
    expect(failed.kommune).toBe('5622');
    expect(failed.reason).toMatch(/^ingen data for 5622 Porsanger/);
    expect(fs.existsSync(path.join(out, failed.file))).toBe(false);

    const m = readManifest(out);
    expect(m.complete).toBe(true);
    expect(m.interrupted).toBeUndefined();
    expect(m.tool).toMatch(/^kommunedeck \d+\.\d+\.\d+$/);
    expect(m.decks.map((e) => e.file)).toEqual([
      '1813-bronnoy-kommuneokonomi-2023.pptx',
      '1820-alstahaug-kommuneokonomi-2023.pptx',
      '1837-meloy-kommuneokonomi-2023.pptx',
      '5622-porsanger-kommuneokonomi-2023.pptx',
    ]);
    for (const e of m.decks) {
      expect(e.deck).toBe(DECK);
      expect(typeof e.ms).toBe('number');
      expect(Array.isArray(e.warnings)).toBe(true);
      if (e.status === 'built') {
        expect(e.inputsHash).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(e.bytes).toBe(fs.statSync(path.join(out, e.file)).size);
        expect(e.reason).toBeUndefined();
      } else {
        expect(e.inputsHash).toBeUndefined();
        expect(e.bytes).toBeUndefined();
      }
    }
    const meloy = m.decks.find((e) => e.kommune === '1837')!;
    expect(meloy).toMatchObject({ kommuneName: 'Meløy', status: 'built' });
    // Alstahaug has far less data than Meløy: its deck says what it left out
    expect(m.decks.find((e) => e.kommune === '1820')!.warnings.length).toBeGreaterThan(meloy.warnings.length);
    // different kommuner read different rows
    expect(new Set(m.decks.filter((e) => e.inputsHash).map((e) => e.inputsHash)).size).toBe(3);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('worker threads write the same bytes as single builds (buildDeck)', async () => {
    const out = path.join(tmp, 'threads');
    const single = path.join(tmp, 'single');
    fs.mkdirSync(single);
    const s = await runBatch({ deckFiles: [DECK], kommuner: '1837,1820', out, jobs: 2, mode: 'threads' });
    expect(s.mode).toBe('threads');
    expect(s.jobs).toBe(2);
    expect(s.built).toBe(2);
    for (const k of ['1837', '1820']) {
      const r = await buildDeck({ deckFile: DECK, kommune: k, out: single + path.sep });
      const name = path.basename(r.file);
      expect(Buffer.compare(fs.readFileSync(path.join(out, name)), fs.readFileSync(r.file))).toBe(0);
    }
  });

  it('--changed-only skips unchanged decks whose file exists, and rebuilds after a data change or a lost file', async () => {
    const data = path.join(tmp, 'data-copy');
    fs.cpSync(DEFAULT_DATA_DIR, data, { recursive: true });
    const out = path.join(tmp, 'changed');
    const first = await inline({ kommuner: '1837,1820,1813', out, dataDir: data });
    expect(first.built).toBe(3);
    const hashes = new Map(readManifest(out).decks.map((e) => [e.kommune, e.inputsHash]));
    const mtime = fs.statSync(path.join(out, '1837-meloy-kommuneokonomi-2023.pptx')).mtimeMs;

    const again = await inline({ kommuner: '1837,1820,1813', out, dataDir: data, changedOnly: true });
    expect(again.entries.map((e) => e.status)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(again.entries[0].reason).toMatch(/uendret/);
    expect(fs.statSync(path.join(out, '1837-meloy-kommuneokonomi-2023.pptx')).mtimeMs).toBe(mtime);
    expect(readManifest(out).decks.every((e) => e.status === 'skipped' && e.inputsHash === hashes.get(e.kommune))).toBe(true);

    // Meløy's brutto driftsinntekter 2022 (000) change: Meløy's deck only is rebuilt
    const f = path.join(data, 'observations', '000-brutto-driftsinntekter-2022.csv');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('1837,2022,finans.brutto_driftsinntekter,790118', '1837,2022,finans.brutto_driftsinntekter,790119'));
    fs.rmSync(path.join(out, '1813-bronnoy-kommuneokonomi-2023.pptx'));
    const third = await inline({ kommuner: '1837,1820,1813', out, dataDir: data, changedOnly: true });
    const status = Object.fromEntries(third.entries.map((e) => [e.kommune, e.status]));
    expect(status).toEqual({ '1837': 'built', '1820': 'skipped', '1813': 'built' });
    const m = readManifest(out);
    expect(m.decks.find((e) => e.kommune === '1837')!.inputsHash).not.toBe(hashes.get('1837'));
    expect(m.decks.find((e) => e.kommune === '1813')!.inputsHash).toBe(hashes.get('1813'));

    // without --changed-only everything is built again
    const all = await inline({ kommuner: '1837,1820,1813', out, dataDir: data });
    expect(all.built).toBe(3);
  });

  it('--changed-only sees population changes, also through the ranks every kommune shares (befolkning deck)', async () => {
    const data = path.join(tmp, 'data-pop');
    fs.cpSync(DEFAULT_DATA_DIR, data, { recursive: true });
    const out = path.join(tmp, 'changed-pop');
    const deck = path.resolve(__dirname, '..', '..', 'decks', 'befolkning.yaml');
    const run = (changedOnly: boolean) => runBatch({ deckFiles: [deck], mode: 'inline', kommuner: '1837,5501', out, dataDir: data, changedOnly });
    expect((await run(false)).built).toBe(2);
    expect((await run(true)).entries.map((e) => e.status)).toEqual(['skipped', 'skipped']);
    // a newer 07459 import for Tromsø (one more 40-year-old on 1 January 2026): Tromsø's figures change, and so do
    // the ranks Meløy's deck shows, so both are rebuilt
    const { dataset } = loadDataset(data);
    const row = dataset.population.row('5501', 2026)!;
    const ages = Array.from(row.ages, (n, a) => (a === 40 ? n + 1 : n));
    writePopulationImport(data, { source: 'SSB, tabell 07459', retrieved: '2027-01-15', licence: 'NLOD', origin: 'test' }, [{ region: '5501', year: 2026, ages }]);
    expect((await run(true)).entries.map((e) => e.status)).toEqual(['built', 'built']);
    expect((await run(true)).entries.map((e) => e.status)).toEqual(['skipped', 'skipped']);
  });

  it('keeps earlier entries for decks this run did not touch', async () => {
    const out = path.join(tmp, 'merge');
    await inline({ kommuner: '1837', out });
    await inline({ kommuner: '1820', out });
    expect(readManifest(out).decks.map((e) => e.kommune)).toEqual(['1820', '1837']);
  });

  it('a deck that cannot be written fails alone (internal reasons are reported too)', async () => {
    const out = path.join(tmp, 'blocked');
    fs.mkdirSync(path.join(out, '1820-alstahaug-kommuneokonomi-2023.pptx'), { recursive: true });
    const s = await inline({ kommuner: '1837,1820', out });
    expect(s.built).toBe(1);
    expect(s.failed).toBe(1);
    expect(s.entries.find((e) => e.kommune === '1820')!.reason).toMatch(/intern feil|kan ikke skrive/);
  });

  it('an abort (SIGINT/SIGTERM in the CLI) stops the batch and leaves a manifest of what was done', async () => {
    const out = path.join(tmp, 'abort');
    const controller = new AbortController();
    const s = await runBatch({
      deckFiles: [DECK],
      kommuner: '1837,1820,1813,1866',
      out,
      mode: 'inline',
      signal: controller.signal,
      reporter: { start: () => {}, done: (_e, done) => done === 1 && controller.abort('SIGTERM'), stop: () => {} },
    });
    expect(s.interrupted).toBe('SIGTERM');
    expect(s.entries.length).toBe(1);
    const m = readManifest(out);
    expect(m.complete).toBe(false);
    expect(m.interrupted).toBe('SIGTERM');
    expect(m.decks.map((e) => e.file)).toEqual([s.entries[0].file]);
    expect(fs.readdirSync(out).sort()).toEqual([s.entries[0].file, 'manifest.json'].sort());
  });
});

describe('worker pool', () => {
  it('a worker that cannot start stops the batch with the reason (not a silent empty batch)', async () => {
    const entry = workerEntry();
    expect(entry?.kind).toBe('ts'); // from ts-jest: the TypeScript worker through the transpile hook
    const pool = new ThreadExecutor(1, entry!, { dataDir: path.join(tmp, 'no-such-data'), deckFiles: [DECK] });
    const results: unknown[] = [];
    await expect(pool.run([{ id: 0, deckFile: DECK, kommune: '1837' }], (r) => results.push(r))).rejects.toThrow(/arbeidstråd kunne ikke starte: .*datamappen finnes ikke/);
    expect(results).toEqual([]);
  });
});

describe('synthetic kommuner with Sami names', () => {
  it('writes 5622 and 5636 under their slugs', async () => {
    const data = path.join(tmp, 'syn');
    writeSyntheticDataset({ to: data, deckFile: DECK, kommuner: ['5622', '5636'] });
    const out = path.join(tmp, 'sami');
    const s = await inline({ kommuner: '5622,5636', out, dataDir: data });
    expect(s.built).toBe(2);
    expect(fs.readdirSync(out).sort()).toEqual(['5622-porsanger-kommuneokonomi-2023.pptx', '5636-nesseby-kommuneokonomi-2023.pptx', 'manifest.json']);
  });
});

describe('kommunedeck batch (CLI)', () => {
  it('exit 0 when every deck is built, 1 when one failed, 1 for a bad selection; the summary lists failures', async () => {
    const ok = await cli('batch', DECK, '--kommuner', '1837', '--jobs', '1', '--out', path.join(tmp, 'cli-ok'));
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/\[1\/1\] 1837 Meløy: 1837-meloy-kommuneokonomi-2023\.pptx: bygget/);
    expect(ok.out).toMatch(/Ferdig etter [\d,]+ s: 1 bygget, 0 hoppet over, 0 feilet av 1/);

    const bad = await cli('batch', DECK, '--kommuner', '1837,5636', '--jobs', '1', '--out', path.join(tmp, 'cli-bad'), '--data', dataWithoutNational());
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/5636 Nesseby: .*FEILET: ingen data/);
    expect(bad.out).toMatch(/1 bygget, 0 hoppet over, 1 feilet av 2/);
    expect(bad.out).toMatch(/Feilet \(1\):\n {2}5636 Nesseby .*ingen data/);

    const sel = await cli('batch', DECK, '--kommuner', 'fylke:99', '--out', path.join(tmp, 'cli-sel'));
    expect(sel.code).toBe(1);
    expect(sel.err).toMatch(/^Feil: ingen kommuner har kommunenummer som begynner på 99/);
    const jobs = await cli('batch', DECK, '--kommuner', '1837', '--jobs', '0');
    expect(jobs.code).toBe(1);
    expect(jobs.err).toMatch(/ugyldig --jobs/);
  });
});
