import { Dataset } from './dataset';
import { checkKompass } from './documents/kompass';
import { checkDemografi } from './tables/demografi';
import { checkFinans } from './tables/finans';
import { checkInntektssystem } from './tables/inntektssystem';

/**
 * Consistency checks where the sources allow them (sub-scores that add up to a score, shares that add up to
 * 100 %). They never fail a load; they produce warnings that name the table and row.
 */
export interface ConsistencyWarning {
  file?: string;
  line?: number;
  message: string;
}

export type ConsistencyCheck = (ds: Dataset) => ConsistencyWarning[];

export const CONSISTENCY_CHECKS: ConsistencyCheck[] = [checkKompass, checkDemografi, checkFinans, checkInntektssystem];

export function runConsistencyChecks(ds: Dataset): ConsistencyWarning[] {
  return CONSISTENCY_CHECKS.flatMap((check) => check(ds));
}
