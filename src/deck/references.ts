import { Dataset } from '../data/dataset';
import { findKommune, findKommuner } from '../data/register';
import { LANDET } from '../data/population';
import { chooseReferences, ReferenceCandidate, REFERENCE_INDEX_SCALE, sumAges } from '../analysis/befolkning';
import { kostnadsindeksYears } from '../metrics/nasjonal';
import { num } from '../format/bokmal';
import { rankedKommuner } from '../metrics/ranked';
import { DeckSpec } from './spec';

/**
 * Which reference kommuner a deck compares a kommune with, and why (said in the speaker notes):
 *   1. `--ref` (or batch `--refs nr,…`): the consultant's own choice;
 *   2. the deck's `references:` entry for this kommune (a deck never lends one kommune's references to another);
 *   3. otherwise the rule: the REFERENCE_COUNT kommuner nearest in size and kostnadsindeks (src/analysis/befolkning.ts
 *      chooseReferences), with the share 80 år og eldre as tie-breaker.
 */
export const REFERENCE_COUNT = 3;

export interface ReferenceChoice {
  refs: string[];
  how: 'cli' | 'deck' | 'rule' | 'none';
  /** one or two sentences in bokmål for the speaker notes */
  note: string;
}

/** The population year the rule uses: the deck year if the data has it, else the newest year before it, else the newest. */
function populationYear(ds: Dataset, kommune: string, year: number): number | undefined {
  const years = ds.population.years(kommune);
  if (years.length === 0) return undefined;
  const upTo = years.filter((y) => y <= year);
  return upTo.length ? upTo[upTo.length - 1] : years[years.length - 1];
}

function indexYear(ds: Dataset, year: number): number | undefined {
  const years = kostnadsindeksYears(ds);
  // the newest at or before the deck year, else the nearest after it
  const upTo = years.filter((y) => y <= year);
  return upTo.length ? upTo[upTo.length - 1] : years.find((y) => y > year);
}

function candidate(ds: Dataset, code: string, popYear: number, kiYear: number | undefined): ReferenceCandidate | undefined {
  const row = ds.population.row(code, popYear);
  if (!row || row.total <= 0) return undefined;
  const old = sumAges(row.ages, { from: 80, to: null });
  const ki = kiYear === undefined ? undefined : ds.table('kostnadsindeks', { year: kiYear, region: code })[0]?.values.indeks;
  return { code, innbyggere: row.total, kostnadsindeks: typeof ki === 'number' ? ki : undefined, andel80: (old / row.total) * 100 };
}

/** The rule's choice for one kommune, or undefined when the data cannot support it (no population figures). */
export function ruleReferences(ds: Dataset, kommune: string, year: number, count = REFERENCE_COUNT): ReferenceChoice | undefined {
  const popYear = populationYear(ds, kommune, year);
  if (popYear === undefined) return undefined;
  const kiYear = indexYear(ds, year);
  const target = candidate(ds, kommune, popYear, kiYear);
  if (!target) return undefined;
  const candidates = rankedKommuner(ds)
    .filter((c) => c !== kommune && c !== LANDET)
    .map((c) => candidate(ds, c, popYear, kiYear))
    .filter((c): c is ReferenceCandidate => c !== undefined);
  const chosen = chooseReferences(target, candidates, count);
  const name = ds.regionName(kommune);
  const what =
    target.kostnadsindeks === undefined
      ? `nærmest ${name} i folketall 1.1.${popYear} (${name} har ingen kostnadsindeks i dataene, så bare folketallet teller)`
      : `nærmest ${name} i folketall (1.1.${popYear}) og kostnadsindeks (${kiYear}); en kommune med dobbelt eller halvt så mange innbyggere regnes like langt unna som en med ${num(REFERENCE_INDEX_SCALE, 1)} høyere eller lavere kostnadsindeks, og lik avstand avgjøres av andelen 80 år og eldre`;
  return { refs: chosen.map((c) => c.code), how: 'rule', note: `Referansekommunene er valgt etter kommunedecks regel: de ${count} kommunene som ligger ${what}. Velg andre med --ref.` };
}

/** The references for a build of `spec` for `kommune` (see above). */
export function chooseDeckReferences(spec: DeckSpec, ds: Dataset, kommune: string, year: number, cliRefs?: string): ReferenceChoice {
  if (cliRefs !== undefined && cliRefs.trim().toLowerCase() !== 'auto') {
    const refs = findKommuner(ds.register, cliRefs)
      .map((k) => k.code)
      .filter((r) => r !== kommune);
    return { refs, how: 'cli', note: 'Referansekommunene er valgt av konsulenten (--ref).' };
  }
  const fromDeck = spec.references?.[kommune];
  if (fromDeck && cliRefs === undefined) {
    const refs = fromDeck.map((r) => findKommune(ds.register, r).code).filter((r) => r !== kommune);
    return { refs, how: 'deck', note: `Referansekommunene er de presentasjonsfilen oppgir for ${ds.regionName(kommune)}.` };
  }
  return ruleReferences(ds, kommune, year) ?? { refs: [], how: 'none', note: `Ingen referansekommuner: dataene har ikke folketall for ${ds.regionName(kommune)} å velge etter.` };
}
