import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';
import { groupRegionCode, membershipFromKlass, mergeMembership, parseKlassCorrespondence } from '../../src/data/import/klass';
import { loadDataset } from '../../src/data/load';
import { readRegisterFile } from '../../src/data/register';
import { KLASS_112_FIXTURE } from '../fixtures/ssb/klass-server';

/**
 * `kommunedeck import kostragrupper <fil.json> --year Y`: KOSTRA group membership from SSB Klass 112's correspondence
 * with Klass 131 (test/fixtures/ssb/klass-112-131-correspondsAt-2024-01-01.json, synthesized: see the README there).
 */

const REPO_DATA = path.resolve(__dirname, '..', '..', 'data');
let tmp: string;
let dataDir: string;
const register = readRegisterFile(path.join(REPO_DATA, 'register', 'kommuner.csv'));

function capture(): CliIO & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l), isTTY: false };
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-klass-'));
  dataDir = path.join(tmp, 'data');
  fs.cpSync(REPO_DATA, dataDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}befolkning`) });
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const membershipFile = () => path.join(dataDir, 'tables', 'kostragruppe_medlemskap.csv');

test('reads the correspondence: sourceCode is the group, targetCode the kommune', () => {
  const items = parseKlassCorrespondence(fs.readFileSync(KLASS_112_FIXTURE, 'utf8'), 'fixture');
  expect(items[0]).toEqual({ sourceCode: 'EKG02', sourceName: 'KOSTRA-gruppe 2', targetCode: '1840', targetName: 'Saltdal', validFrom: '2020-01-01', validTo: null });
  const m = membershipFromKlass(items, 2024, register);
  expect(m.warnings).toEqual([]);
  expect(m.rows.find((r) => r.kommune === '1837')).toEqual({ year: 2024, gruppe: 'EKG06', kommune: '1837', navn_i_kilden: 'Meløy', merknad: '', source: 'SSB Klass 112 (KOSTRA-grupperinger) mot Klass 131 per 1.1.2024' });
  expect(groupRegionCode('EKG06')).toBe('EKG06');
  expect(groupRegionCode('KG6')).toBe('EKG06');
  expect(groupRegionCode('06')).toBe('EKG06');
  expect(groupRegionCode('EKG18')).toBeUndefined();
});

test('codes besides EKG01-EKG17 and kommuner the register lacks are left out with a warning; a kommune in two groups is an error', () => {
  const doc = (items: object[]) => JSON.stringify({ correspondenceItems: items });
  const it = (sourceCode: string, targetCode: string) => ({ sourceCode, sourceName: '', targetCode, targetName: '', validFrom: '2024-01-01', validTo: null });
  const m = membershipFromKlass(parseKlassCorrespondence(doc([it('EKG06', '1837'), it('EKA01', '1837'), it('EKG06', '1899')]), 'x'), 2024, register);
  expect(m.rows.map((r) => r.kommune)).toEqual(['1837']);
  expect(m.warnings).toEqual(['gruppekoder som ikke er EKG01–EKG17, utelatt: EKA01', 'kommunenumre som ikke står i register/kommuner.csv, utelatt: 1899']);
  expect(() => membershipFromKlass(parseKlassCorrespondence(doc([it('EKG06', '1837'), it('EKG07', '1837')]), 'x'), 2024, register)).toThrow('både EKG06 og EKG07');
  // a codesAt answer (Klass 131) is not a correspondence
  const k131 = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'ssb', 'klass-131-kommuner-2026-01-01.json'), 'utf8');
  expect(() => parseKlassCorrespondence(k131, 'k131.json')).toThrow('dette er en kodeliste fra codesAt, ikke en korrespondanse');
});

test('import kostragrupper --year: that year\'s rows replaced, other years and the comment kept, and the membership looked up', async () => {
  const before = fs.readFileSync(membershipFile(), 'utf8');
  const io = capture();
  expect(await runCli(['import', 'kostragrupper', KLASS_112_FIXTURE, '--year', '2024', '--data', dataDir], io)).toBe(0);
  expect(io.errLines.join('\n')).toContain(`Skrev ${membershipFile()}: 11 kommuner i 4 KOSTRA-grupper for 2024; ${before.split('\n').filter((l) => /^2020,/.test(l)).length} rader for andre år beholdt`);
  const after = fs.readFileSync(membershipFile(), 'utf8');
  for (const line of before.split('\n').filter((l) => l.startsWith('#') || l.startsWith('2020,'))) expect(after).toContain(line);
  expect(after).toContain('2024,EKG14,0301,Oslo - Oslove,,SSB Klass 112 (KOSTRA-grupperinger) mot Klass 131 per 1.1.2024');
  // the dataset reads it: a kommune's group and a group's members for the year
  const ds = loadDataset(dataDir).dataset;
  expect(ds.table('kostragruppe_medlemskap', { year: 2024, kommune: '4601' })[0]?.values.gruppe).toBe('EKG14');
  expect(ds.table('kostragruppe_medlemskap', { year: 2024, gruppe: 'EKG06' }).map((r) => r.values.kommune)).toEqual(['1133', '1135', '1837', '1848', '4026']);
  expect(ds.table('kostragruppe_medlemskap', { year: 2020, kommune: '1837' })[0]?.values.source).toBe('003 Tabell 1.4');
  // importing again changes nothing; another year is added beside it
  const io2 = capture();
  expect(await runCli(['import', 'kostragrupper', KLASS_112_FIXTURE, '--year', '2024', '--data', dataDir], io2)).toBe(0);
  expect(io2.errLines.join('\n')).toContain(`Ingen endringer i ${membershipFile()}: 11 kommuner i 4 KOSTRA-grupper for 2024 (erstattet 11 rader for 2024)`);
  expect(fs.readFileSync(membershipFile(), 'utf8')).toBe(after);
  expect(await runCli(['import', 'kostragrupper', KLASS_112_FIXTURE, '--year', '2025', '--data', dataDir], capture())).toBe(0);
  expect(fs.readFileSync(membershipFile(), 'utf8')).toMatch(/^2025,EKG14,0301,/m);
  expect(fs.readFileSync(membershipFile(), 'utf8')).toMatch(/^2024,EKG14,0301,/m);
});

test('a bad file or year is exit 1 with a message', async () => {
  const bad = path.join(tmp, 'bad.json');
  fs.writeFileSync(bad, '{"codes": []');
  const io = capture();
  expect(await runCli(['import', 'kostragrupper', bad, '--year', '2024', '--data', dataDir], io)).toBe(1);
  expect(io.errLines.join('\n')).toContain('Klass-filen er ikke gyldig JSON');
  const io2 = capture();
  expect(await runCli(['import', 'kostragrupper', KLASS_112_FIXTURE, '--year', '24', '--data', dataDir], io2)).toBe(1);
  expect(io2.errLines.join('\n')).toContain("ugyldig --year '24'");
});

test('mergeMembership on a file without rows writes a header', () => {
  const m = mergeMembership('x.csv', undefined, 2024, [{ year: 2024, gruppe: 'EKG06', kommune: '1837', navn_i_kilden: 'Meløy', merknad: '', source: 's' }]);
  expect(m.text.split('\n').slice(1, 3)).toEqual(['year,gruppe,kommune,navn_i_kilden,merknad,source', '2024,EKG06,1837,Meløy,,s']);
});
