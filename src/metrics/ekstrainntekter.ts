import { Dataset } from '../data/dataset';
import { AccountLine, brukAvEkstrainntekter, DriftsregnskapInput, EkstrainntekterResult } from '../analysis/ekstrainntekter';
import { ComputeResult, MetricContext, MetricDef } from './types';
import { sourcesOf, uniq } from './finans';

/** The lines of the driftsregnskap (003 Tabell 4.1) by group, in the table's order. */
const LINES: Record<keyof DriftsregnskapInput, readonly { key: string; label: string }[]> = {
  income: [
    { key: 'brukerbetaling', label: 'Brukerbetaling' },
    { key: 'salgs_leieinntekter', label: 'Salgs- og leieinntekter' },
    { key: 'overforinger_fra_andre', label: 'Overføringer fra andre' },
    { key: 'andre_statstilskudd', label: 'Andre statstilskudd (utenom ressurskrevende)' },
    { key: 'refusjon_ressurskrevende', label: 'Refusjon ressurskrevende brukere' },
    { key: 'renteinntekter', label: 'Renteinntekter' },
  ],
  operatingExpenditure: [
    { key: 'lonnsutgifter', label: 'Lønnsutgifter' },
    { key: 'sosiale_utgifter', label: 'Sosiale utgifter' },
    { key: 'kjop_varer_tjenester', label: 'Kjøp av varer og tjenester' },
    { key: 'overforinger_til_andre', label: 'Overføringer og tilskudd til andre' },
    { key: 'renteutgifter', label: 'Renteutgifter' },
  ],
  repayments: [{ key: 'avdrag', label: 'Avdrag på lån' }],
  frieInntekter: [
    { key: 'rammetilskudd', label: 'Rammetilskudd' },
    { key: 'skatt_inntekt_formue', label: 'Inntekts- og formuesskatt' },
  ],
};

const GROUPS = Object.keys(LINES) as (keyof DriftsregnskapInput)[];
const ALL_VARS = GROUPS.flatMap((g) => LINES[g].map((l) => `ekstrainntekter.${l.key}`));

/** Reads the account lines; null when any line is missing (a partial account would give a wrong share). */
function readAccounts(ds: Dataset, region: string, year: number): { input: DriftsregnskapInput; r: EkstrainntekterResult; reads: [string, number, string][] } | null {
  const reads: [string, number, string][] = [];
  const input = {} as Record<keyof DriftsregnskapInput, AccountLine[]>;
  for (const g of GROUPS) {
    input[g] = [];
    for (const l of LINES[g]) {
      const v = ds.value(region, year, `ekstrainntekter.${l.key}`);
      if (v === undefined || v === null) return null;
      input[g].push({ id: l.key, label: l.label, amount: v });
      reads.push([region, year, `ekstrainntekter.${l.key}`]);
    }
  }
  return { input, r: brukAvEkstrainntekter(input), reads };
}

function withAccounts(ctx: MetricContext, f: (a: NonNullable<ReturnType<typeof readAccounts>>) => ComputeResult): ComputeResult {
  const a = readAccounts(ctx.dataset, ctx.kommune, ctx.year);
  if (!a) return { missing: `driftsregnskapet (alle postene i bruk-av-ekstrainntekter-analysen) mangler for ${ctx.dataset.regionName(ctx.kommune)} ${ctx.year}` };
  return f(a);
}

const inputsOf = (reads: [string, number, string][]) => uniq(reads.map((r) => r[2]));

/** A scalar read off the bruk-av-ekstrainntekter result, with the account's sources and inputs. */
function accountScalar(id: string, label: string, unit: string, decimals: number, formula: string, pick: (r: EkstrainntekterResult) => number): MetricDef {
  return {
    id,
    label,
    unit,
    kind: 'scalar',
    inputs: ALL_VARS,
    formula,
    compute: (ctx) => withAccounts(ctx, (a) => ({ value: pick(a.r), decimals, source: sourcesOf(ctx.dataset, a.reads), inputs: inputsOf(a.reads) })),
  };
}

const bruk = accountScalar('ekstrainntekter.bruk', 'Bruk av ekstrainntekter', 'kr', 0, 'netto betalbare utgifter (utgifter + avdrag − betalbare inntekter) − (rammetilskudd + skatt)', (r) => r.bruk);
const andel = accountScalar('ekstrainntekter.andel', 'Andel av netto betalbare utgifter dekket av ekstrainntekter', '%', 2, 'bruk av ekstrainntekter / netto betalbare utgifter × 100', (r) => r.andel);
const andelFrie = accountScalar('ekstrainntekter.andel_skatt_og_ramme', 'Andel av netto betalbare utgifter dekket av skatt og rammetilskudd', '%', 2, '(rammetilskudd + skatt) / netto betalbare utgifter × 100', (r) => r.andelFrieInntekter);
const nettoBetalbare = accountScalar('ekstrainntekter.netto_betalbare_utgifter', 'Netto betalbare utgifter', 'kr', 0, 'driftsutgifter + avdrag − betalbare driftsinntekter', (r) => -r.sumPayable);

const driftsregnskap: MetricDef = {
  id: 'ekstrainntekter.driftsregnskap',
  label: 'Driftsregnskapet og bruk av ekstrainntekter',
  unit: 'kr',
  kind: 'table',
  inputs: ALL_VARS,
  formula: 'postene i driftsregnskapet med summer; bruk = netto betalbare utgifter − skatt og ramme',
  compute: (ctx) =>
    withAccounts(ctx, (a) => {
      const rows: Record<string, string | number | null>[] = [];
      const totals: number[] = [];
      const push = (post: string, sum: number, total = false) => {
        if (total) totals.push(rows.length);
        rows.push({ post, sum });
      };
      for (const l of a.input.income) push(l.label, l.amount);
      push('Sum betalbare inntekter', a.r.sumIncome, true);
      for (const l of a.input.operatingExpenditure) push(l.label, l.amount);
      push('Sum betalbare driftsutgifter', a.r.sumOperatingExpenditure, true);
      for (const l of a.input.repayments) push(l.label, l.amount);
      push('Sum betalbare utgifter (netto)', a.r.sumPayable, true);
      for (const l of a.input.frieInntekter) push(l.label, l.amount);
      push('Sum skatt og ramme', a.r.sumFrieInntekter, true);
      push('Bruk av ekstrainntekter', a.r.bruk, true);
      return {
        table: { columns: [{ key: 'post', label: 'Post' }, { key: 'sum', label: 'Sum (kr)', unit: 'kr', decimals: 0 }], rows, totalRows: totals },
        source: sourcesOf(ctx.dataset, a.reads),
        inputs: inputsOf(a.reads),
      };
    }),
};

export const EKSTRAINNTEKTER_METRICS: MetricDef[] = [bruk, andel, andelFrie, nettoBetalbare, driftsregnskap];
