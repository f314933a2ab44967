import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Manifest } from '../../src/batch/manifest';

/**
 * A real CLI process (TypeScript through ./ts-cached-register.js) stopped by a signal after its first deck:
 * exit 130 for SIGINT, 143 for SIGTERM, complete decks only, and a manifest saying what was done.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const DECK = path.join(ROOT, 'decks', 'kommuneokonomi.yaml');
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-signal-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function interruptAfterFirstDeck(signal: NodeJS.Signals, out: string, jobs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', path.join(__dirname, 'ts-cached-register.js'), path.join(ROOT, 'src', 'cli', 'main.ts'), 'batch', DECK, '--kommuner', 'kostragruppe:EKG06', '--jobs', String(jobs), '--out', out],
      { cwd: ROOT, env: { ...process.env, CI: 'true' } },
    );
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!sent && /\[1\/\d+\]/.test(stdout)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function check(out: string, signal: string, result: { stdout: string }): void {
  const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
  expect(m.complete).toBe(false);
  expect(m.interrupted).toBe(signal);
  // EKG06 has 28 members in 003 Tabell 1.4; the batch stopped long before
  expect(m.decks.length).toBeGreaterThanOrEqual(1);
  expect(m.decks.length).toBeLessThan(28);
  const files = fs.readdirSync(out);
  expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  const built = m.decks.filter((e) => e.status === 'built');
  expect(built.length).toBeGreaterThanOrEqual(1);
  for (const e of built) expect(fs.statSync(path.join(out, e.file)).size).toBe(e.bytes);
  // every deck on disk is in the manifest
  expect(files.filter((f) => f.endsWith('.pptx')).sort()).toEqual(built.map((e) => e.file).sort());
  expect(result.stdout).toMatch(new RegExp(`Avbrutt \\(${signal}\\) etter`));
}

describe('kommunedeck batch stopped by a signal', () => {
  it('SIGINT (main thread): exit 130', async () => {
    const out = path.join(tmp, 'int');
    const r = await interruptAfterFirstDeck('SIGINT', out, 1);
    expect(r.code).toBe(130);
    check(out, 'SIGINT', r);
  });

  it('SIGTERM (worker threads): exit 143, workers stopped', async () => {
    const out = path.join(tmp, 'term');
    const r = await interruptAfterFirstDeck('SIGTERM', out, 2);
    expect(r.code).toBe(143);
    check(out, 'SIGTERM', r);
  });
});
