import { parseDeck } from '../../src/deck/parse';
import { ProblemsError } from '../../src/errors';
import { TEST_VOCAB } from '../helpers/vocab';

function problems(text: string): string[] {
  try {
    parseDeck('deck.yaml', text, TEST_VOCAB);
  } catch (e) {
    if (e instanceof ProblemsError) return e.message.split('\n');
    throw e;
  }
  throw new Error('expected the deck to be rejected');
}

const ok = `title: "Økonomien i {{kommune.navn}}"
year: 2023
references: { 1837: [1563, 1840] }
slides:
  - kind: title
  - kind: statement
    id: bdi
    metric: finans.brutto_driftsinntekter
    format: kr
    caption: "Brutto driftsinntekter {{year}}"
  - kind: table
    metric: kostra.tabell
    columns: [omrade, { key: kpi, label: "Kr per innb" }]
  - kind: chart
    chart: line
    metric: demografi.serie
  - kind: kpi
    items:
      - { label: NDR, metric: finans.netto_driftsresultat_pct, target: 2, direction: min }
`;

describe('deck parsing', () => {
  test('a valid deck parses into a DeckSpec with positions', () => {
    const spec = parseDeck('deck.yaml', ok, TEST_VOCAB);
    expect(spec.slides.map((s) => s.kind)).toEqual(['title', 'statement', 'table', 'chart', 'kpi']);
    expect(spec.references).toEqual({ 1837: ["1563", "1840"] });
    expect(spec.year).toBe(2023);
    expect(spec.slides[1].pos.line).toBe(6);
  });

  test('malformed YAML: file:line:col and nothing else', () => {
    const msgs = problems('title: x\nslides:\n  - kind: title\n   bad: [\n');
    expect(msgs[0]).toMatch(/^deck\.yaml:\d+:\d+: ugyldig YAML/);
  });

  test('valid YAML that is not a deck: a list, a string', () => {
    expect(problems('- a\n- b\n')[0]).toMatch(/^deck\.yaml:1:1: filen er en liste, ikke en presentasjon/);
    expect(problems('bare tekst\n')[0]).toMatch(/^deck\.yaml:1:1: filen er en enkelt verdi/);
  });

  test('unknown slide kind names the nearest kinds', () => {
    const msgs = problems('title: t\nslides:\n  - kind: tabel\n');
    expect(msgs).toEqual(["deck.yaml:3:11: ukjent lysbildetype 'tabel'; mente du 'table'?; tillatt: title, section, statement, bullets, table, chart, columns, kpi"]);
  });

  test('unknown metric names the nearest metric ids, at the metric line and column', () => {
    const msgs = problems('title: t\nslides:\n  - kind: statement\n    metric: inntektssystem.behovsindex\n');
    expect(msgs).toEqual(["deck.yaml:4:13: ukjent nøkkeltall 'inntektssystem.behovsindex'; mente du 'inntektssystem.behovsindeks'?"]);
  });

  test('unknown metric inside a template points into the template', () => {
    const msgs = problems('title: t\nslides:\n  - kind: bullets\n    bullets:\n      - "NDR er {{pct finans.netto_driftsresultat}}"\n');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/^deck\.yaml:5:\d+: ukjent nøkkeltall 'finans\.netto_driftsresultat' i bullets; mente du 'finans\.netto_driftsresultat_pct'\?/);
  });

  test('unknown field, with the nearest field name', () => {
    const msgs = problems('title: t\nslides:\n  - kind: statement\n    value: x\n    captoin: y\n');
    expect(msgs[0]).toMatch(/^deck\.yaml:5:5: ukjent felt 'captoin' i et lysbilde av typen statement; mente du 'caption'\?/);
  });

  test('missing required field', () => {
    expect(problems('title: t\nslides:\n  - kind: chart\n    metric: demografi.serie\n')[0]).toMatch(/^deck\.yaml:3:5: lysbildet \(chart\) mangler feltet chart/);
    expect(problems('slides:\n  - kind: title\n')[0]).toMatch(/^deck\.yaml:1:1: presentasjonen mangler feltet title/);
    expect(problems('title: t\nslides:\n  - id: x\n')[0]).toMatch(/^deck\.yaml:3:5: lysbildet mangler feltet kind/);
  });

  test('a metric of the wrong kind for the slide', () => {
    expect(problems('title: t\nslides:\n  - kind: table\n    metric: finans.netto_driftsresultat_pct\n')[0]).toMatch(/er av typen scalar; her trengs table/);
  });

  test('Handlebars syntax error is reported at the template', () => {
    const msgs = problems('title: t\nslides:\n  - kind: bullets\n    bullets:\n      - "{{#if x}}uavsluttet"\n');
    expect(msgs[0]).toMatch(/^deck\.yaml:5:\d+: feil i malen \(Handlebars\)/);
  });

  test('unknown helper is reported', () => {
    expect(problems('title: t\nslides:\n  - kind: bullets\n    bullets: ["{{prosent finans.netto_driftsresultat_pct}}"]\n')[0]).toMatch(/ukjent hjelper 'prosent'/);
  });

  test('all problems are reported at once, sorted by line', () => {
    const msgs = problems('title: t\nslides:\n  - kind: tabel\n  - kind: statement\n    metric: nope.x\n');
    expect(msgs).toHaveLength(2);
    expect(msgs[0]).toMatch(/^deck\.yaml:3:/);
    expect(msgs[1]).toMatch(/^deck\.yaml:5:/);
  });

  test('duplicate slide ids are rejected', () => {
    expect(problems('title: t\nslides:\n  - { kind: title, id: a }\n  - { kind: title, id: a }\n')[0]).toMatch(/id 'a' er brukt før \(linje 3\)/);
  });
});
