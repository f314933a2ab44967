import * as fs from 'fs';
import { vocabulary } from '../../src/build';
import { parseDeck } from '../../src/deck/parse';
import { updateReadme } from '../../src/docs/readme';
import { METRICS } from '../../src/metrics/registry';

const readme = fs.readFileSync('README.md', 'utf8');

describe('README stays true', () => {
  test('the generated sections (metrics, data tables) are up to date: run `npm run docs`', () => {
    expect(updateReadme(readme)).toBe(readme);
  });

  test('the deck-language example parses against the real metric vocabulary', () => {
    const block = /## Deck language[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const spec = parseDeck('README.md', block!, vocabulary);
    expect(new Set(spec.slides.map((s) => s.kind))).toEqual(new Set(['title', 'section', 'statement', 'bullets', 'table', 'chart', 'columns', 'kpi']));
  });

  test('the required metric ids exist', () => {
    const ids = new Set(METRICS.map((m) => m.id));
    for (const id of [
      'finans.netto_driftsresultat_pct', 'finans.disposisjonsfond_pct', 'finans.netto_lanegjeld_pct', 'finans.dekningsgrad',
      'inntektssystem.behovsindeks', 'inntektssystem.utgiftsutjevning', 'ekstrainntekter.bruk', 'ekstrainntekter.andel',
      'kostra.beste_praksis_sum', 'kostra.utvikling_sum', 'demografi.andel_67_pluss', 'demografi.alderbaereevne',
      'kompass.total', 'kompass.maks',
    ]) expect(ids).toContain(id);
  });

  test('metric ids are unique', () => {
    const ids = METRICS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
