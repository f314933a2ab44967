import { MetricDef } from './types';
import { DEMOGRAFI_METRICS } from './demografi';
import { DEMOGRAFIKOSTNAD_METRICS } from './demografikostnad';
import { KOMPASS_METRICS } from './kompass';
import { KOSTRA_METRICS } from './kostra';
import { FINANS_METRICS } from './finans';
import { INNTEKTSSYSTEM_METRICS } from './inntektssystem';
import { EKSTRAINNTEKTER_METRICS } from './ekstrainntekter';
import { BEFOLKNING_METRICS } from './befolkning';
import { NASJONAL_METRICS } from './nasjonal';
import { TREND_METRICS } from './trend';

/**
 * The metric vocabulary: every family's metrics, in a stable order. Families live in src/metrics/<family>.ts
 * and wrap the pure functions of src/analysis/<family>.ts.
 */
export const METRICS: MetricDef[] = [...KOSTRA_METRICS, ...DEMOGRAFI_METRICS, ...DEMOGRAFIKOSTNAD_METRICS, ...KOMPASS_METRICS, ...FINANS_METRICS, ...INNTEKTSSYSTEM_METRICS, ...EKSTRAINNTEKTER_METRICS, ...BEFOLKNING_METRICS, ...NASJONAL_METRICS, ...TREND_METRICS];

