/**
 * Bruk av ekstrainntekter (DOMAIN.md §2, 003 Tabell 4.1): how much of the kommune's payable expenditure is not
 * covered by skatt and rammetilskudd, and therefore by ekstrainntekter (eiendomsskatt, konsesjonskraft, utbytte ...).
 * Pure functions over typed inputs: no Dataset, no I/O.
 */

export interface AccountLine {
  id: string;
  label: string;
  /** kr; income positive, expenditure negative (as in the accounts) */
  amount: number;
}

export interface DriftsregnskapInput {
  /** payable operating income (brukerbetaling, salg, overføringer, refusjoner, renteinntekter ...) */
  income: readonly AccountLine[];
  /** payable operating expenditure, negative (lønn, sosiale utgifter, kjøp, overføringer, renteutgifter ...) */
  operatingExpenditure: readonly AccountLine[];
  /** avdrag på lån, negative */
  repayments: readonly AccountLine[];
  /** rammetilskudd and skatt på inntekt og formue, positive */
  frieInntekter: readonly AccountLine[];
}

export interface EkstrainntekterResult {
  sumIncome: number;
  /** negative */
  sumOperatingExpenditure: number;
  /** sum betalbare utgifter netto (negative): income + operating expenditure + repayments */
  sumPayable: number;
  sumFrieInntekter: number;
  /** bruk av ekstrainntekter, kr (positive when ekstrainntekter are needed) */
  bruk: number;
  /** bruk in % of netto betalbare utgifter */
  andel: number;
  /** skatt og ramme in % of netto betalbare utgifter */
  andelFrieInntekter: number;
}

const sum = (lines: readonly AccountLine[]) => lines.reduce((s, l) => s + l.amount, 0);

/**
 * Netto betalbare utgifter = income − operating expenditure − avdrag; bruk = netto betalbare utgifter − (skatt +
 * ramme); andel = bruk / netto betalbare utgifter.
 */
export function brukAvEkstrainntekter(input: DriftsregnskapInput): EkstrainntekterResult {
  const sumIncome = sum(input.income);
  const sumOperatingExpenditure = sum(input.operatingExpenditure);
  const sumPayable = sumIncome + sumOperatingExpenditure + sum(input.repayments);
  const sumFrieInntekter = sum(input.frieInntekter);
  const netPayable = -sumPayable;
  if (!(netPayable > 0)) throw new RangeError('netto betalbare utgifter må være positive');
  const bruk = netPayable - sumFrieInntekter;
  return {
    sumIncome,
    sumOperatingExpenditure,
    sumPayable,
    sumFrieInntekter,
    bruk,
    andel: (bruk / netPayable) * 100,
    andelFrieInntekter: (sumFrieInntekter / netPayable) * 100,
  };
}
