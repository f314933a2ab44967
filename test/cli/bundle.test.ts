/**
 * The CLI's one-file bundle (scripts/bundle-cli.js, src/cli/bundle.ts): used only when at least as new as the dist/
 * it was made from, with a code cache kept per bundle hash and flags, and compiled templates remembered across
 * processes (scripts/handlebars-cache.js); a deck built through it is the deck built module by module, byte for byte.
 */
import { isAscii } from 'buffer';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadBundle } from '../../src/cli/bundle';
import { cli } from '../helpers/cli';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-bundle-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function fakeBundle(header = '// kommunedeck-bundle 0123456789abcdef\n', extra = ''): { file: string; builtFrom: string; cacheDir: null } {
  const builtFrom = path.join(tmp, 'program.js');
  const file = path.join(tmp, 'kommunedeck.js');
  fs.writeFileSync(builtFrom, 'module.exports = { from: "dist" };');
  fs.writeFileSync(file, `${header}module.exports = { answer: 42, dir: __dirname, req: typeof require('path').join${extra} };`);
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(builtFrom, past, past);
  return { file, builtFrom, cacheDir: null };
}

describe('loadBundle', () => {
  test('loads a bundle at least as new as dist/, with its own __dirname and require', () => {
    expect(loadBundle(fakeBundle())).toEqual({ answer: 42, dir: tmp, req: 'function' });
  });

  test('reads an ASCII bundle as latin1 and one with other characters as UTF-8, the same strings either way', () => {
    expect(loadBundle(fakeBundle(undefined, ", s: '\\u00e6\\u00f8\\u00e5', re: /^[a-z\\u00e6\\u00f8\\u00e5]+$/i.test('BL\\u00c5')"))).toMatchObject({ s: 'æøå', re: true });
    expect(loadBundle(fakeBundle(undefined, ", s: 'æøå', re: /^[a-zæøå]+$/i.test('BLÅ')"))).toMatchObject({ s: 'æøå', re: true });
  });

  test('leaves a bundle older than dist/ (tsc ran since), one without its header, and KOMMUNEDECK_NO_BUNDLE alone', () => {
    const b = fakeBundle();
    const future = new Date(Date.now() + 60_000);
    fs.utimesSync(b.builtFrom, future, future);
    expect(loadBundle(b)).toBeUndefined();
    expect(loadBundle(fakeBundle('// no header\n'))).toBeUndefined();
    process.env.KOMMUNEDECK_NO_BUNDLE = '1';
    try {
      expect(loadBundle(fakeBundle())).toBeUndefined();
    } finally {
      delete process.env.KOMMUNEDECK_NO_BUNDLE;
    }
    expect(loadBundle({ ...fakeBundle(), file: path.join(tmp, 'missing.js') })).toBeUndefined();
  });
});

// the real bundle, when `npm run build` (or `npm ci`) made it from the dist/ that is there now
const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'dist', 'cli', 'kommunedeck.js');
const fresh = fs.existsSync(BUNDLE) && fs.statSync(BUNDLE).mtimeMs >= fs.statSync(path.join(ROOT, 'dist', 'cli', 'program.js')).mtimeMs;
(fresh ? describe : describe.skip)('dist/cli/main.js through the bundle', () => {
  test('builds the council deck byte for byte as the CLI built module by module and in-process', async () => {
    const run = (out: string, env: NodeJS.ProcessEnv = {}) =>
      spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli', 'main.js'), 'build', 'decks/kommuneokonomi.yaml', '--kommune', '1837', '--out', out], { cwd: ROOT, env: { ...process.env, CI: 'true', ...env }, encoding: 'utf8' });
    // the first run compiles every template (and remembers them), the second takes them from the cache
    fs.rmSync(path.join(ROOT, 'dist', 'cli', '.cache', 'templates.json'), { force: true });
    const bundled = run(path.join(tmp, 'bundled.pptx'));
    expect(bundled.stderr).not.toMatch(/Intern feil/);
    expect(bundled.status).toBe(0);
    const again = run(path.join(tmp, 'again.pptx')); // with the templates (and code cache) the first run left
    expect(again.status).toBe(0);
    const modules = run(path.join(tmp, 'modules.pptx'), { KOMMUNEDECK_NO_BUNDLE: '1' });
    expect(modules.status).toBe(0);
    expect((await cli('build', 'decks/kommuneokonomi.yaml', '--kommune', '1837', '--out', path.join(tmp, 'inprocess.pptx'))).code).toBe(0);
    const bytes = (f: string) => fs.readFileSync(path.join(tmp, f));
    expect(bytes('bundled.pptx').equals(bytes('modules.pptx'))).toBe(true);
    expect(bytes('again.pptx').equals(bytes('modules.pptx'))).toBe(true);
    expect(bytes('inprocess.pptx').equals(bytes('modules.pptx'))).toBe(true);
    expect(bundled.stderr).toBe(modules.stderr);
  }, 60_000);

  test('is ASCII (scripts/bundle-cli.js escapes what esbuild leaves in comments and regular expressions), so it is read as latin1', () => {
    expect(isAscii(fs.readFileSync(BUNDLE))).toBe(true);
  });
});
