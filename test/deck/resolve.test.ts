import { TableSlide, ChartSlide, StatementSlide, KpiSlide, BulletsSlide } from '../../src/deck/model';
import { Dataset } from '../../src/data/dataset';
import { parseDeck } from '../../src/deck/parse';
import { resolveDeck } from '../../src/deck/resolve';
import { FactStore } from '../../src/facts';
import { resolveText, testDataset, testRegister } from '../helpers/fixtures';
import { TEST_METRICS, TEST_VOCAB } from '../helpers/vocab';

const nb = (s: string | undefined) => (s ?? '').replace(/\u00a0/g, ' ');

describe('resolve: DeckSpec + facts -> DeckModel', () => {
  test('templates read facts and format them in bokmål', () => {
    const m = resolveText(`title: "Økonomien i {{kommune.navn}}"
year: 2023
slides:
  - kind: bullets
    title: "Nøkkeltall {{year}}"
    bullets:
      - "NDR {{pct finans.netto_driftsresultat_pct}}, behovsindeks {{num inntektssystem.behovsindeks 4}}"
      - "Standard: {{finans.netto_driftsresultat_pct}} og {{kr finans.brutto_driftsinntekter}}"
`);
    expect(m.title).toBe('Økonomien i Meløy');
    const s = m.slides[0] as BulletsSlide;
    expect(s.title).toBe('Nøkkeltall 2023');
    expect(nb(s.bullets[0])).toBe('NDR 2,2 %, behovsindeks 1,1459');
    expect(nb(s.bullets[1])).toBe('Standard: 2,2 % og 790 118 000 kr');
    expect(s.source).toBe('Kilde: Meløy kommune, Økonomisk analyse 2020, tabell 1.1 og 3.4; KS-Konsulent, presentasjon for Meløy kommunestyre mai 2023');
    expect(s.notes).toMatch(/Slik er tallene beregnet:\n• Netto driftsresultat: NDR \/ BDI/);
    expect(s.bindings.map((b) => b.role)).toEqual(['bullet:1', 'bullet:2']);
    expect(s.bindings[0].metrics).toEqual(['finans.netto_driftsresultat_pct', 'inntektssystem.behovsindeks']);
  });

  test('kommunenavn prints the name from the data folder of each build, also when compiled templates are shared', () => {
    const deck = `title: t\nyear: 2023\nslides:\n  - kind: statement\n    value: "{{kommunenavn 5636}} og {{kommunenavn 9998}}"\n`;
    const spec = parseDeck('deck.yaml', deck, TEST_VOCAB);
    const resolveWith = (dataset: Dataset) =>
      (resolveDeck(spec, dataset, new FactStore(dataset, TEST_METRICS, ['1837']), { kommune: '1837', year: 2023, refs: [], theme: 'kommunedeck', date: '2023-01-01T00:00:00.000Z' }).slides[0] as StatementSlide).value;
    const renamed = new Map(testRegister());
    renamed.set('5636', { code: '5636', name: 'Nesseby', kind: 'kommune', current: true });
    expect(resolveWith(testDataset())).toBe('Unjárga - Nesseby og 9998');
    expect(resolveWith(new Dataset([], new Map(), new Map(), renamed))).toBe('Nesseby og 9998');
    expect(resolveWith(testDataset())).toBe('Unjárga - Nesseby og 9998');
  });

  test('a template that fails when filled in is a deck problem with file:line, also in the subtitle', () => {
    const deck = (subtitle: string, bullet: string) => `title: t\nsubtitle: "${subtitle}"\nyear: 2023\nslides:\n  - kind: bullets\n    bullets: ["${bullet}"]\n`;
    expect(() => resolveText(deck('ok', '{{#each}}x{{/each}}'))).toThrow(/deck\.yaml:6:15: malen kunne ikke fylles ut: Must pass iterator to #each/);
    expect(() => resolveText(deck('{{#each}}x{{/each}}', 'ok'))).toThrow(/deck\.yaml:2:11: malen kunne ikke fylles ut: Must pass iterator to #each/);
    expect(resolveText(deck('Undertittel {{year}}', 'ok')).subtitle).toBe('Undertittel 2023');
  });

  test('a missing figure prints "–" and becomes a warning, not an error', () => {
    const m = resolveText(`title: t\nyear: 2023\nslides:\n  - kind: statement\n    metric: finans.brutto_driftsinntekter\n    format: kr\n`, { kommune: '1563' });
    expect((m.slides[0] as StatementSlide).value).toBe('–');
    expect(m.warnings).toEqual(['lysbilde 1: finans.brutto_driftsinntekter mangler for Sunndal 2023 (ingen data); vises som "–"']);
  });

  test('a commentary that compares a missing figure is left out (gt/lt/eq would take the wrong branch), and says so', () => {
    const deck = (commentary: string) => `title: t\nyear: 2023\nslides:\n  - kind: bullets\n    bullets: [x]\n    commentary: "${commentary}"\n`;
    // Sunndal has no brutto driftsinntekter: "mindre enn 1 mrd" would be a claim the data does not support
    const m = resolveText(deck('{{#if (gt finans.brutto_driftsinntekter 1000000000)}}Over 1 mrd.{{else}}Under 1 mrd.{{/if}}'), { kommune: '1563' });
    expect(m.slides[0].commentary).toBeUndefined();
    expect(m.warnings).toEqual(['lysbilde 1: kommentaren er utelatt fordi finans.brutto_driftsinntekter mangler for Sunndal 2023']);
    expect(resolveText(deck('{{#if (eq finans.brutto_driftsinntekter 1)}}En.{{else}}Ikke en.{{/if}}'), { kommune: '1563' }).slides[0].commentary).toBeUndefined();
    // with the figure, the sentence stands
    expect(resolveText(deck('{{#if (gt finans.brutto_driftsinntekter 1000000000)}}Over 1 mrd.{{else}}Under 1 mrd.{{/if}}')).slides[0].commentary).toBe('Under 1 mrd.');
    // testing for the gap itself is the way to speak about it
    expect(resolveText(deck('{{#if finans.brutto_driftsinntekter.missing}}Tallet mangler.{{else}}Tallet finnes.{{/if}}'), { kommune: '1563' }).slides[0].commentary).toBe('Tallet mangler.');
  });

  test('when: leaves a slide out when its data is missing, and says so', () => {
    const m = resolveText(`title: t\nyear: 2023\nslides:\n  - kind: statement\n    id: bdi\n    when: finans.brutto_driftsinntekter\n    metric: finans.brutto_driftsinntekter\n  - kind: title\n`, { kommune: '1563' });
    expect(m.slides.map((s) => s.kind)).toEqual(['title']);
    expect(m.warnings[0]).toMatch(/^lysbilde 1 \(bdi\) er utelatt: mangler data for Sunndal 2023/);
  });

  test('table from a table metric: right-aligned numbers, negatives flagged, unit in header', () => {
    const m = resolveText(`title: t\nyear: 2022\nslides:\n  - kind: table\n    metric: kostra.tabell\n`);
    const t = m.slides[0] as TableSlide;
    expect(t.header.map((h) => h.text)).toEqual(['Område', 'KPI (kr per innb)']);
    expect(nb(t.rows[0][1].text)).toBe('-3 806');
    expect(t.rows[0][1]).toMatchObject({ align: 'right', negative: true, value: -3806 });
    expect(t.rows[1][0]).toMatchObject({ text: 'PLO', align: 'left' });
  });

  test('rows bound to scalar metrics with one column per region', () => {
    const m = resolveText(`title: t\nyear: 2022\nreferences: { 1837: [1563, 5027] }\nslides:\n  - kind: table\n    regions: all\n    rows:\n      - { label: "Brutto driftsinntekter", metric: finans.brutto_driftsinntekter, format: mill }\n`);
    const t = m.slides[0] as TableSlide;
    expect(t.header.map((h) => h.text)).toEqual(['', 'Meløy', 'Sunndal', 'Midtre Gauldal']);
    expect(t.rows[0].map((c) => nb(c.text))).toEqual(['Brutto driftsinntekter', '790,1 mill', '–', '–']);
  });

  test('long tables continue on the next slide with the header repeated', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ omrade: `Rad ${i + 1}`, kpi: i }));
    const metrics = [{ id: 'kostra.tabell', label: 'T', unit: 'kr', kind: 'table' as const, inputs: [], formula: 'f', compute: () => ({ table: { columns: [{ key: 'omrade', label: 'Område' }, { key: 'kpi', label: 'KPI', unit: 'kr' }], rows } }) }];
    const m = resolveText(`title: t\nyear: 2022\nslides:\n  - kind: table\n    title: Lang\n    commentary: Kort sagt\n    metric: kostra.tabell\n    maxRows: 12\n`, { metrics });
    expect(m.slides).toHaveLength(3);
    const parts = m.slides as TableSlide[];
    expect(parts.map((p) => p.rows.length)).toEqual([10, 10, 10]); // balanced, not 12 + 12 + 6
    expect(parts.map((p) => p.part)).toEqual([{ index: 1, count: 3 }, { index: 2, count: 3 }, { index: 3, count: 3 }]);
    expect(parts[2].header.map((h) => h.text)).toEqual(parts[0].header.map((h) => h.text));
    expect(parts[0].commentary).toBe('Kort sagt');
    expect(parts[1].commentary).toBeUndefined();
    expect(parts[2].rows[0][0].text).toBe('Rad 21');
  });

  test('charts from a series metric and from a scalar over regions', () => {
    const m = resolveText(`title: t\nyear: 2022\nreferences: { 1837: [1563] }\nslides:\n  - kind: chart\n    chart: line\n    metric: demografi.serie\n  - kind: chart\n    chart: bar\n    series:\n      - metric: finans.brutto_driftsinntekter\n`);
    const line = m.slides[0] as ChartSlide;
    expect(line.categories).toEqual(['2023', '2024']);
    expect(line.series).toEqual([{ name: 'Meløy', values: [2.91, 2.83] }]);
    const bar = m.slides[1] as ChartSlide;
    expect(bar.categories).toEqual(['Meløy', 'Sunndal']);
    expect(bar.series[0].values).toEqual([790118000, null]);
  });

  test('kpi: targets met or missed', () => {
    const m = resolveText(`title: t\nyear: 2020\nslides:\n  - kind: kpi\n    items:\n      - { label: "NDR", metric: finans.netto_driftsresultat_pct, target: 2, direction: min }\n      - { label: "Gjeld", metric: finans.netto_driftsresultat_pct, target: 1.5, direction: max }\n`);
    const k = m.slides[0] as KpiSlide;
    expect(k.items.map((i) => [nb(i.actual), nb(i.target), i.met])).toEqual([['2,2 %', 'mål ≥ 2,0 %', true], ['2,2 %', 'mål ≤ 1,5 %', false]]);
  });

  test('a slide year relative to the deck year', () => {
    const m = resolveText(`title: t\nyear: 2023\nslides:\n  - kind: bullets\n    year: -1\n    bullets: ["{{year}}"]\n`);
    expect((m.slides[0] as BulletsSlide).bullets).toEqual(['2022']);
  });

  test('template output is text, never markup, and special characters survive', () => {
    const m = resolveText(`title: "A & B <c> \\"d\\" 'e' 😀 Unjárga čđŋšŧž"\nyear: 2023\nslides:\n  - kind: title\n`);
    expect(m.title).toBe(`A & B <c> "d" 'e' 😀 Unjárga čđŋšŧž`);
  });

  test('the spec is not mutated by resolving it twice', () => {
    const text = `title: t\nyear: 2023\nslides:\n  - kind: statement\n    metric: finans.netto_driftsresultat_pct\n`;
    expect(resolveText(text)).toEqual(resolveText(text));
  });
});

describe('year: latest', () => {
  const only2020 = { id: 'finans.netto_driftsresultat_pct', label: 'NDR', unit: '%', kind: 'scalar' as const, inputs: [], formula: 'f', compute: (ctx: { year: number }) => (ctx.year === 2020 ? { value: 2.2, decimals: 1 } : { missing: 'ikke for dette året' }) };
  test('picks the newest year with data, at most the deck year', () => {
    const m = resolveText(`title: t\nyear: 2023\nslides:\n  - kind: statement\n    year: latest\n    metric: finans.netto_driftsresultat_pct\n    caption: "NDR {{year}}"\n`, { metrics: [only2020] });
    expect((m.slides[0] as StatementSlide).caption).toBe('NDR 2020');
    expect(nb((m.slides[0] as StatementSlide).value)).toBe('2,2 %');
    expect(m.warnings).toEqual([]);
  });
});

describe('missing: omit', () => {
  test('leaves out slides whose main figures are missing, and says so', () => {
    const m = resolveText(`title: t\nyear: 2023\nmissing: omit\nslides:\n  - kind: statement\n    id: bdi\n    metric: finans.brutto_driftsinntekter\n  - kind: bullets\n    bullets: [x]\n`, { kommune: '1563' });
    expect(m.slides.map((s) => s.kind)).toEqual(['bullets']);
    expect(m.warnings[0]).toMatch(/^lysbilde 1 \(bdi\) er utelatt: mangler data for Sunndal 2023 \(finans\.brutto_driftsinntekter: ingen data\)/);
  });
  test('keeps them (with "–") by default', () => {
    const m = resolveText(`title: t\nyear: 2023\nslides:\n  - kind: statement\n    metric: finans.brutto_driftsinntekter\n`, { kommune: '1563' });
    expect(m.slides).toHaveLength(1);
  });
});
