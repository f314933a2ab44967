import { cli } from '../helpers/cli';

/**
 * `facts --json`: each metric lists its declared inputs with their entry in the source map (issue 17 point 1), so
 * a consultant can see where every figure behind a number is published.
 */
interface InputJson {
  id: string;
  key: string | null;
  kind: string | null;
  source: string;
  table?: string;
  codes?: Record<string, string>;
  unit?: string;
  confirmed: string | null;
  documents?: string[];
  also?: { table: string }[];
}
type FactJson = { value: unknown; unit: string; label: string; source: string[]; missing?: string; inputs: InputJson[] };

let facts: Record<string, FactJson>;

beforeAll(async () => {
  const r = await cli('facts', '--kommune', '1837', '--year', '2020', '--json');
  expect(r.code).toBe(0);
  facts = JSON.parse(r.out);
});

test('every metric has an inputs list with one map entry per declared input', () => {
  const ids = Object.keys(facts);
  expect(ids.length).toBeGreaterThan(200);
  for (const id of ids) {
    const f = facts[id];
    expect(Array.isArray(f.inputs)).toBe(true);
    for (const i of f.inputs) {
      expect({ metric: id, input: i.id, kind: i.kind }).toEqual({ metric: id, input: i.id, kind: expect.stringMatching(/^(ssb|kdd|klass|derived|document)$/) });
      expect(i.source).not.toBe('');
      expect(i.source).not.toMatch(/(?<!\d[\s\u00a0])\b00[03]\b/);
    }
  }
});

test('an SSB input: kind, table, codes, unit and where the codes were confirmed', () => {
  const bdi = facts['finans.netto_driftsresultat_pct'].inputs;
  expect(bdi.map((i) => i.id)).toEqual(['finans.netto_driftsresultat', 'finans.brutto_driftsinntekter']);
  expect(bdi[0]).toMatchObject({ kind: 'ssb', table: '12364', codes: { ContentsCode: 'KOSbelop0000', KOKartkap0000: 'AGD23' }, unit: '1000 kr', confirmed: expect.stringContaining('NorMacro') });
  const ndu = facts['kostra.ndu_per_innb'].inputs.find((i) => i.id === 'kostra.ndu.grunnskole')!;
  expect(ndu).toMatchObject({ kind: 'ssb', table: '12362', codes: { ContentsCode: 'KOSbelopinnbygge0000', KOKfunksjon0000: 'FGK8b', KOKart0000: 'AGD2' }, unit: 'kr per innb' });
});

test('a document-only input names the document; its unit comes from the map or the catalogue; a pattern is one entry', () => {
  const lonn = facts['kostra.lonn_per_innb'].inputs.find((i) => i.id === 'kostra.lonn.kultur')!;
  expect(lonn).toMatchObject({ kind: 'document', documents: ['003 Tabell 6.2'], unit: 'kr per innb', confirmed: null, source: 'bare i kildedokumentet: Meløy kommune, Økonomisk analyse 2020, tabell 6.2' });
  const fodte = Object.values(facts).flatMap((f) => f.inputs).find((i) => i.id === 'befolkning.fodte');
  if (fodte) expect(fodte.unit).toBe('antall');
  const age = Object.values(facts).flatMap((f) => f.inputs).find((i) => i.id === 'befolkning.alder.*');
  expect(age).toMatchObject({ key: 'befolkning.alder.*', kind: 'ssb', table: '07459', also: [expect.objectContaining({ table: '14288' })] });
});

test('a missing metric lists its inputs too', () => {
  const missing = Object.values(facts).find((f) => f.missing !== undefined && f.inputs.length > 0);
  expect(missing).toBeDefined();
});
