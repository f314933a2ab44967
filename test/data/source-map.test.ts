import * as fs from 'fs';
import { METRICS } from '../../src/metrics/registry';
import { TABLE_SCHEMAS } from '../../src/data/tables';
import { SOURCE_MAP } from '../../src/data/sources/source-map';
import { SSB_TABLES } from '../../src/data/sources/ssb-tables';
import { confirmedOf, sourceMapMarkdown, variableLabels } from '../../src/data/sources/readme';
import { SsbVariableSource, VariableSource } from '../../src/data/sources/types';

const variables = variableLabels();
const keys = Object.keys(SOURCE_MAP);
const patterns = keys.filter((k) => k.endsWith('.*')).map((k) => k.slice(0, -1));

/** The map entry for a variable id: its own key, else the family pattern covering it. */
function entryFor(id: string): VariableSource | undefined {
  if (SOURCE_MAP[id]) return SOURCE_MAP[id];
  const p = patterns.find((prefix) => id.startsWith(prefix));
  return p === undefined ? undefined : SOURCE_MAP[`${p}*`];
}

/** Every ssb source in the map, with the `also` tables. */
const ssbSources: [string, SsbVariableSource][] = Object.entries(SOURCE_MAP).flatMap(([k, s]) =>
  s.kind === 'ssb' ? [[k, s] as [string, SsbVariableSource], ...(s.also ?? []).map((a) => [k, a] as [string, SsbVariableSource])] : [],
);

const DIM_CODE: Record<string, RegExp> = {
  KOKfunksjon0000: /^(\d{3}|FGK\d{1,2}[a-z]?)$/,
  KOKart0000: /^A[A-Z]{0,2}\d{1,3}[a-z]?$/,
  KOKartkap0000: /^(A[A-Z]{0,2}\d{1,3}[a-z]?|KG\d{1,3}|\d{2,4})$/,
  KOKregnskapsomfa0000: /^[AB]$/,
};

describe('source map (issue 17)', () => {
  test('every input the metrics declare has an entry or is covered by a family pattern', () => {
    const inputs = new Set(METRICS.flatMap((m) => m.inputs));
    const missing = [...inputs].filter((id) => entryFor(id) === undefined);
    expect(missing).toEqual([]);
  });

  test('every key is a variable id, a dedicated table, a pattern that covers variables, or the kompass files', () => {
    const tables = new Set(TABLE_SCHEMAS.map((t) => t.name));
    const bad = keys.filter((k) => {
      if (variables.has(k) || tables.has(k) || k.startsWith('data/kompass/')) return false;
      // the population store as the befolkning.* metrics name their input
      if (k === 'befolkning (SSB 07459, data/befolkning/)') return false;
      if (k.endsWith('.*')) return ![...variables.keys()].some((v) => v.startsWith(k.slice(0, -1)));
      return true;
    });
    expect(bad).toEqual([]);
  });

  test('every ssb entry reads a table declared in SSB_TABLES, with a five-digit id', () => {
    for (const [key, s] of ssbSources) {
      expect({ key, known: SSB_TABLES[s.table] !== undefined }).toEqual({ key, known: true });
    }
    for (const [id, t] of Object.entries(SSB_TABLES)) {
      expect(id).toMatch(/^\d{5}$/);
      expect(t.id).toBe(id);
      expect(t.regionDim).toMatch(/^(KOKkommuneregion0000|Region)$/);
      expect(t.regionDim === 'KOKkommuneregion0000').toBe(t.kostra);
    }
  });

  test('units are the units of data/variables.csv (patterns: every variable they cover)', () => {
    const wrong: string[] = [];
    for (const [id, v] of variables) {
      const e = entryFor(id);
      if (e === undefined) continue;
      const units = e.kind === 'ssb' ? [e.unit, ...(e.also ?? []).map((a) => a.unit)] : e.kind === 'kdd' ? [e.unit] : [];
      for (const u of units) if (u !== v.unit) wrong.push(`${id}: ${u} ≠ ${v.unit}`);
    }
    expect(wrong).toEqual([]);
  });

  test('codes have the shape of SSB codes', () => {
    for (const [key, s] of ssbSources) {
      const table = SSB_TABLES[s.table];
      if (table.kostra) expect({ key, contents: s.contents }).toEqual({ key, contents: expect.stringMatching(/^KOS[A-Za-z0-9]+$/) });
      else expect(s.contents).toMatch(/^Personer1?$/);
      for (const [dim, code] of Object.entries(s.dims ?? {})) {
        expect(dim).not.toBe(table.regionDim);
        expect(dim).not.toBe(table.timeDim);
        expect(dim).not.toBe('ContentsCode');
        const re = DIM_CODE[dim];
        expect({ key, dim, known: re !== undefined }).toEqual({ key, dim, known: true });
        expect({ key, dim, code }).toEqual({ key, dim, code: expect.stringMatching(re) });
      }
      if (s.each) {
        expect(key.endsWith('.*')).toBe(true);
        for (const seg of Object.values(s.each.codes)) expect(variables.has(`${key.slice(0, -1)}${seg}`)).toBe(true);
      }
      if (s.scale !== undefined) expect(s.scale).toBeGreaterThan(0);
    }
  });

  test('the 12134 entries agree with the recorded 12134 response (table, region dimension, ContentsCode)', () => {
    const rec = JSON.parse(fs.readFileSync('test/fixtures/ssb/pxwebapi-v2-table-12134-frie-inntekter-2024.jsonstat2.json', 'utf8')) as {
      id: string[];
      role: { geo: string[]; time: string[] };
      extension: { px: { tableid: string } };
      dimension: { ContentsCode: { category: { index: Record<string, number>; unit: Record<string, { base: string }> } } };
    };
    expect(rec.extension.px.tableid).toBe('12134');
    expect(rec.role.geo).toEqual([SSB_TABLES['12134'].regionDim]);
    expect(rec.role.time).toEqual([SSB_TABLES['12134'].timeDim]);
    // 12134 has no dimensions besides region, ContentsCode and Tid
    expect([...rec.id].sort()).toEqual(['ContentsCode', 'KOKkommuneregion0000', 'Tid']);
    const recorded = rec.dimension.ContentsCode.category;
    const entries = ssbSources.filter(([, s]) => s.table === '12134');
    expect(entries.length).toBeGreaterThanOrEqual(9);
    for (const [key, s] of entries) {
      expect(s.dims ?? {}).toEqual({});
      expect(s.contents).toMatch(/^KOS(AG|AGD|AGI|KG)\d+$/);
      if (s.confirmed?.includes('ssb-samples/')) {
        expect({ key, recorded: recorded.index[s.contents] !== undefined }).toEqual({ key, recorded: true });
        // SSB records kr; the map scales to the variable's unit
        expect(recorded.unit[s.contents].base).toBe('kr');
        expect(s.unit === 'kr per innb' ? 1 : s.scale).toBe(s.unit === 'kr per innb' ? 1 : 0.001);
      }
    }
    expect(entries.some(([, s]) => s.confirmed?.includes('ssb-samples/'))).toBe(true);
  });

  test('every public source says where it was confirmed or says it was not (null); document entries name documents', () => {
    for (const [key, s] of Object.entries(SOURCE_MAP)) {
      const c = confirmedOf(s);
      if (c !== null) expect({ key, c: c.length > 10 }).toEqual({ key, c: true });
      if (s.kind === 'document') expect(s.documents.length).toBeGreaterThan(0);
      if (s.kind === 'derived') for (const f of s.from) expect({ key, f, known: SOURCE_MAP[f] !== undefined || entryFor(f) !== undefined || (f.endsWith('.*') && keys.some((k) => k.startsWith(f.slice(0, -1)))) }).toEqual({ key, f, known: true });
    }
  });

  test('the README section lists every entry', () => {
    const md = sourceMapMarkdown();
    for (const k of keys) expect(md).toContain(`| \`${k}\` |`);
  });
});
