import { CONFIRMED } from './ssb-tables';
import { DerivedVariableSource, DocumentVariableSource, KddVariableSource, SsbVariableSource, VariableSource } from './types';

/**
 * Where every input variable of the shipped metrics comes from publicly (issue 17): one declaration that the fetcher
 * (`data update`), the audit trail, `facts --json` and the slide source lines read. Keys are variable ids of
 * data/variables.csv, dedicated table names of data/tables/, or a family pattern ending in `.*`.
 *
 * - `ssb`: an SSB statbank table (./ssb-tables.ts) and the codes that pick the figure; landet (EAK), landet uten Oslo
 *   (EAKUO) and the KOSTRA groups (EKG01–EKG17) are fetched as SSB publishes them, never summed from kommuner.
 * - `kdd`: the ministry's Grønt hefte / spreadsheets (inntektssystemet).
 * - `klass`: an SSB classification (KOSTRA group membership, Klass 112).
 * - `derived`: computed from other entries of this map.
 * - `document`: only the source documents (000, 003) have it; `candidate` names a public table that probably has it
 *   when its codes could not be confirmed.
 */

const C = CONFIRMED;

function doc(documents: string[], note = 'Bare i kildedokumentet.', candidate?: string): DocumentVariableSource {
  return candidate === undefined ? { kind: 'document', documents, note } : { kind: 'document', documents, note, candidate };
}

/** The entry with the unit of data/variables.csv, for document/derived entries a metric definition reads its unit from. */
function withUnit<T extends DocumentVariableSource | DerivedVariableSource>(unit: string, src: T): T {
  return { ...src, unit };
}

function kdd(publication: string, unit: string, confirmed: string | null, note?: string): KddVariableSource {
  return note === undefined ? { kind: 'kdd', publication, unit, confirmed } : { kind: 'kdd', publication, unit, confirmed, note };
}

/** Table 12134: SSB's nine key figures (kommunekonsern; no other dimension than region, ContentsCode, Tid). */
function k12134(contents: string, unit: string, confirmed: string | null, scale?: number): SsbVariableSource {
  const s: SsbVariableSource = { kind: 'ssb', table: '12134', contents, unit, year: 'regnskapsaar', confirmed };
  if (scale !== undefined) s.scale = scale;
  return s;
}

/** Table 12364: financial base figures in 1000 kr, one KOKartkap0000 code each (kommunekonsern). */
function k12364(artkap: string, unit: string, confirmed: string | null, note?: string, scale?: number): SsbVariableSource {
  const s: SsbVariableSource = { kind: 'ssb', table: '12364', contents: 'KOSbelop0000', dims: { KOKartkap0000: artkap }, unit, year: 'regnskapsaar', confirmed };
  if (scale !== undefined) s.scale = scale;
  if (note !== undefined) s.note = note;
  return s;
}

/** Table 12137: the same accounting concepts in kr per innbygger. */
function k12137(artkap: string, unit: string, scale?: number): SsbVariableSource {
  const s: SsbVariableSource = { kind: 'ssb', table: '12137', contents: 'KOSbelopprinnb0000', dims: { KOKartkap0000: artkap }, unit, year: 'regnskapsaar', confirmed: C.normacro12137 };
  if (scale !== undefined) s.scale = scale;
  return s;
}

/** Table 12362: expenditure per tjenesteområde (FGK… function groups), kommunekonsern. */
function k12362(fgk: string, art: 'AGD2' | 'AGD4' | 'AGD10', contents: 'KOSbelopinnbygge0000' | 'KOSandel3501', unit: string, confirmed: string): SsbVariableSource {
  return { kind: 'ssb', table: '12362', contents, dims: { KOKfunksjon0000: fgk, KOKart0000: art }, unit, year: 'regnskapsaar', confirmed };
}

/**
 * The tjenesteområder of 003 Tabell 6.1 and their function group in 12362. FGK1b, FGK2, FGK7, FGK8b, FGK9, FGK12,
 * FGK13, FGK14 are named in SSB's own recorded 12362 response; the others are named from the functions they hold.
 */
export const TJENESTEOMRADE_FGK: Record<string, { fgk: string; confirmed: string }> = {
  politisk_styring: { fgk: 'FGK1a', confirmed: C.fgkFunctions },
  administrasjon: { fgk: 'FGK1b', confirmed: C.mimir12362 },
  fellesutgifter: { fgk: 'FGK1c', confirmed: C.fgkFunctions },
  kultur: { fgk: 'FGK2', confirmed: C.mimir12362 },
  plan_byggesak_miljo: { fgk: 'FGK3', confirmed: C.fgkFunctions },
  naeringsforvaltning: { fgk: 'FGK4', confirmed: C.fgkFunctions },
  samferdsel: { fgk: 'FGK5', confirmed: C.fgkFunctions },
  eiendomsforvaltning: { fgk: 'FGK6a', confirmed: C.mimir12362 },
  barnehage: { fgk: 'FGK7', confirmed: C.mimir12362 },
  grunnskole: { fgk: 'FGK8b', confirmed: C.mimir12362 },
  helse_omsorg: { fgk: 'FGK9', confirmed: C.mimir12362 },
  sosial: { fgk: 'FGK12', confirmed: C.mimir12362 },
  barnevern: { fgk: 'FGK13', confirmed: C.mimir12362 },
  var: { fgk: 'FGK14', confirmed: C.mimir12362 },
  kirke: { fgk: 'FGK15', confirmed: C.fgkFunctions },
  kommunale_boliger: { fgk: 'FGK16', confirmed: C.fgkFunctions },
  brann_ulykkesvern: { fgk: 'FGK17', confirmed: C.fgkFunctions },
};

const fgk = (omrade: string): string => TJENESTEOMRADE_FGK[omrade].fgk;
const fgkConfirmed = (omrade: string): string => `${TJENESTEOMRADE_FGK[omrade].confirmed}; ${C.perInnb12362}`;

function nduPerInnb(omrade: string): SsbVariableSource {
  return k12362(fgk(omrade), 'AGD2', 'KOSbelopinnbygge0000', 'kr per innb', fgkConfirmed(omrade));
}

function nduAndel(omrade: string): SsbVariableSource {
  const s = k12362(fgk(omrade), 'AGD2', 'KOSandel3501', '%', `${TJENESTEOMRADE_FGK[omrade].confirmed}; ${C.mimir12362}`);
  s.note = 'KOSandel3501 «Andel av totale utgifter» med netto driftsutgifter (AGD2)';
  return s;
}

const lonnOmrade = (omrade: string): DocumentVariableSource =>
  withUnit('kr per innb', doc(['003 Tabell 6.2'], 'Lønn fratrukket sykelønnsrefusjon per innbygger per tjenesteområde.', `12362 ${fgk(omrade)} per innbygger; artskoden for lønn minus sykelønnsrefusjon er ikke bekreftet`));

/** One-year ages in 07459 and 14288: "000" … "104", "105+" (105 = 105 år og eldre). */
const AGES: Record<string, string> = Object.fromEntries(
  Array.from({ length: 106 }, (_, n) => [n === 105 ? '105+' : String(n).padStart(3, '0'), String(n)]),
);

const POPULATION_NOTE = 'Begge kjønn summert (Kjonn 1 og 2); alderskodene leses fra tabellens metadata (07459: 000–104 og 105+).';

/** Folkemengde from 07459 (registered) and 14288 (projection, hovedalternativet), all ages and both sexes summed. */
function population(year: 'per-1-januar' | 'per-31-desember', note: string, yearOffset?: number): SsbVariableSource {
  const s: SsbVariableSource = { kind: 'ssb', table: '07459', contents: 'Personer1', unit: 'antall', year, sum: ['Kjonn', 'Alder'], confirmed: C.population07459, note };
  if (yearOffset !== undefined) s.yearOffset = yearOffset;
  return s;
}

const KOSTRA_POPULATION_NOTE =
  'KOSTRA regner per innbygger med folkemengden 31.12. i regnskapsåret, som er 07459 per 1.1. året etter (yearOffset 1).';

const NDU_KORR_NOTE =
  'Netto driftsutgifter per innbygger (12362) delt på sektorens behovsindeks fra kostnadsnøkkelen; SSB publiserer ikke tallet.';

/** The utgiftskorrigerte netto driftsutgifter per tjenesteområde (kostra.ndu_korr.*): all computed the same way. */
const NDU_KORR: DerivedVariableSource = { kind: 'derived', from: ['kostra.ndu.*', 'kostnadsnokkel', 'kriteriedata'], note: NDU_KORR_NOTE, unit: 'kr per innb' };

const GRONT_HEFTE = 'Grønt hefte (Beregningsteknisk dokumentasjon til Prop. 1 S)';

export const SOURCE_MAP: Record<string, VariableSource> = {
  // --- KOSTRA: SSB's own key figures (12134) ---
  'kostra.frie_inntekter_kpi': k12134('KOSAG110000', 'kr per innb', C.sample12134),
  'kostra.netto_driftsresultat_pct': k12134('KOSAGD230000', '%', C.normacro12134),
  'kostra.arets_merforbruk_pct': k12134('KOSAGD290000', '%', C.normacro12134),
  'kostra.arbeidskapital_pct': k12134('KOSKG280000', '%', C.normacro12134),
  'kostra.netto_renteeksponering_pct': k12134('KOSKG400000', '%', C.normacro12134),
  'kostra.langsiktig_gjeld_pct': k12134('KOSKG320000', '%', C.normacro12134),
  'kostra.fri_egenkapital_drift_pct': k12134('KOSKG210000', '%', C.normacro12134),
  'kostra.brutto_investeringer_pct': k12134('KOSAGI10000', '%', C.normacro12134),
  'kostra.egenfinansiering_investeringer_pct': k12134('KOSAGI210000', '%', C.normacro12134),
  'finans.frie_inntekter_per_innb': k12134('KOSAG110000', '1000 kr per innb', C.sample12134, 0.001),

  // --- KOSTRA: totals and per innbygger ---
  'kostra.innbyggere': population('per-31-desember', KOSTRA_POPULATION_NOTE, 1),
  'kostra.frie_inntekter_total': k12364('AG11', '1000 kr', C.normacro12364),
  'kostra.ndu_total': k12364('AGD1', '1000 kr', C.normacro12364),
  'kostra.ndu_kpi': k12137('AGD1', 'kr per innb'),
  'finans.ndu_per_innb': k12137('AGD1', '1000 kr per innb', 0.001),
  'kostra.lonn_kpi': withUnit('kr per innb', doc(['003 Tabell 5.4'], 'Samlede lønnsutgifter per innbygger.', '12137/12364 AG16 (lønnsutgifter) finnes i 12364 i 1000 kr; per innbygger i 12137 er ikke bekreftet')),



  // --- KOSTRA per tjenesteområde og sektor (12362 der kodene er bekreftet) ---
  'kostra.ndu.administrasjon': nduPerInnb('administrasjon'),
  'kostra.ndu.barnehage': nduPerInnb('barnehage'),
  'kostra.ndu.barnevern': nduPerInnb('barnevern'),
  'kostra.ndu.brann_ulykkesvern': nduPerInnb('brann_ulykkesvern'),
  'kostra.ndu.eiendomsforvaltning': nduPerInnb('eiendomsforvaltning'),
  'kostra.ndu.fellesutgifter': nduPerInnb('fellesutgifter'),
  'kostra.ndu.grunnskole': nduPerInnb('grunnskole'),
  'kostra.ndu.helse_omsorg': nduPerInnb('helse_omsorg'),
  'kostra.ndu.kirke': nduPerInnb('kirke'),
  'kostra.ndu.kommunale_boliger': nduPerInnb('kommunale_boliger'),
  'kostra.ndu.kultur': nduPerInnb('kultur'),
  'kostra.ndu.naeringsforvaltning': nduPerInnb('naeringsforvaltning'),
  'kostra.ndu.plan_byggesak_miljo': nduPerInnb('plan_byggesak_miljo'),
  'kostra.ndu.politisk_styring': nduPerInnb('politisk_styring'),
  'kostra.ndu.samferdsel': nduPerInnb('samferdsel'),
  'kostra.ndu.sosial': nduPerInnb('sosial'),
  'kostra.ndu.var': nduPerInnb('var'),
  'kostra.lonn.administrasjon': lonnOmrade('administrasjon'),
  'kostra.lonn.barnehage': lonnOmrade('barnehage'),
  'kostra.lonn.barnevern': lonnOmrade('barnevern'),
  'kostra.lonn.brann_ulykkesvern': lonnOmrade('brann_ulykkesvern'),
  'kostra.lonn.eiendomsforvaltning': lonnOmrade('eiendomsforvaltning'),
  'kostra.lonn.fellesutgifter': lonnOmrade('fellesutgifter'),
  'kostra.lonn.grunnskole': lonnOmrade('grunnskole'),
  'kostra.lonn.helse_omsorg': lonnOmrade('helse_omsorg'),
  'kostra.lonn.kirke': lonnOmrade('kirke'),
  'kostra.lonn.kommunale_boliger': lonnOmrade('kommunale_boliger'),
  'kostra.lonn.kultur': lonnOmrade('kultur'),
  'kostra.lonn.naeringsforvaltning': lonnOmrade('naeringsforvaltning'),
  'kostra.lonn.plan_byggesak_miljo': lonnOmrade('plan_byggesak_miljo'),
  'kostra.lonn.politisk_styring': lonnOmrade('politisk_styring'),
  'kostra.lonn.samferdsel': lonnOmrade('samferdsel'),
  'kostra.lonn.sosial': lonnOmrade('sosial'),
  'kostra.lonn.var': lonnOmrade('var'),
  'kostra.adm_kpi_figur': withUnit('kr per innb', doc(['003 Figur 6.7 / §6.1 eksempel'], 'Bare i kildedokumentet.')),
  'kostra.ndu_korr.administrasjon_styring': NDU_KORR,
  'kostra.ndu_korr.pleie_omsorg': NDU_KORR,
  'kostra.ndu_korr.helse': NDU_KORR,
  'kostra.ndu_korr.sosial': NDU_KORR,
  'kostra.ndu_korr.barnevern': NDU_KORR,
  'kostra.ndu_korr.grunnskole': NDU_KORR,
  'kostra.ndu_korr.barnehage': NDU_KORR,
  'kostra.ndu_korr.kultur': NDU_KORR,
  'kostra.ndu_korr.kirke': NDU_KORR,
  'kostra.ndu_korr.plan_miljo': NDU_KORR,
  'kostra.ndu_korr.brann': NDU_KORR,
  'kostra.ndu_korr.samferdsel': NDU_KORR,
  'kostra.grunnskole.elever_trinn_1': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.elever_trinn_2': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.elever_trinn_3': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.elever_trinn_4': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.elever_trinn_5': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.elever_trinn_6': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.elever_trinn_7': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.elever_trinn_8': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.elever_trinn_9': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.elever_trinn_10': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.laerere_laererutdanning': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.laerere_annen_pedagogisk': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.laerere_uten_pedagogisk': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.laerere_vgs_eller_lavere': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.barn_sfo': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.saerskilt_norsk_pct': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.spesialundervisning_pct': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.grunnskolepoeng': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.np_regning_8_niva_3_5_pct': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.np_lesing_8_niva_3_5_pct': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.gruppestorrelse': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.gruppestorrelse_2': doc(['003 Tabell 6.3'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.ndu': doc(['003 Tabell 6.4'], 'Netto driftsutgifter til grunnskolen i 1000 kr.', '12362 FGK8b AGD2 i 1000 kr eller 12367 KOSbelop0000; ContentsCode for 1000 kr i 12362 er ikke bekreftet'),
  'kostra.grunnskole.ndu_andel_pct': nduAndel('grunnskole'),
  'kostra.grunnskole.ndu_per_innb': nduPerInnb('grunnskole'),
  'kostra.grunnskole.ndu_per_innb_6_15': doc(['003 Tabell 6.4'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.ndu_per_innb_6_9': doc(['003 Tabell 6.4'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.grunnskole.lonn': doc(['003 Tabell 6.4'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for grunnskole (12255 nevnt som nøkkeltallstabell; koder ikke bekreftet)'),
  'kostra.barnehage.ndu_per_innb_1_5': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.ndu_andel_pct': nduAndel('barnehage'),
  'kostra.barnehage.korr_bdu_barnehager_per_time': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.korr_bdu_per_time': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.andel_1_2_pct': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.andel_1_5_pct': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.andel_3_5_pct': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.andel_kommunale_pct': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.barn_per_arsverk': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.andel_barnehagelaerere_pct': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.andel_spesped_pct': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.andel_minoritetsspraklige_pct': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.barn_korrigert': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.ansatte': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.ansatte_ekstra_ressurs': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.arsverk_grunnbemanning': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnehage.barnehager': doc(['003 Tabell 6.6'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnehage (tabell og koder ikke bekreftet)'),
  'kostra.barnevern.ndu_per_innb_0_22': doc(['003 Tabell 6.8'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnevern (tabell og koder ikke bekreftet)'),
  'kostra.barnevern.bdu_per_barn_undersokelse_tiltak': doc(['003 Tabell 6.8'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnevern (tabell og koder ikke bekreftet)'),
  'kostra.barnevern.bdu_per_barn_ikke_plassert': doc(['003 Tabell 6.8'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnevern (tabell og koder ikke bekreftet)'),
  'kostra.barnevern.bdu_per_barn_plassert': doc(['003 Tabell 6.8'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnevern (tabell og koder ikke bekreftet)'),
  'kostra.barnevern.barn_per_arsverk': doc(['003 Tabell 6.8'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnevern (tabell og koder ikke bekreftet)'),
  'kostra.barnevern.undersokelser_3_mnd_pct': doc(['003 Tabell 6.8'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnevern (tabell og koder ikke bekreftet)'),
  'kostra.barnevern.barn_melding_pct': doc(['003 Tabell 6.8'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnevern (tabell og koder ikke bekreftet)'),
  'kostra.barnevern.barn_undersokelse_pct': doc(['003 Tabell 6.8'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnevern (tabell og koder ikke bekreftet)'),
  'kostra.barnevern.barn_tiltak_pct': doc(['003 Tabell 6.8'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for barnevern (tabell og koder ikke bekreftet)'),
  'kostra.omsorg.utgifter_per_innb': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.bdu_per_innb': k12362(fgk('helse_omsorg'), 'AGD10', 'KOSbelopinnbygge0000', 'kr per innb', `${fgkConfirmed('helse_omsorg')}; ${C.mimir12362}`),
  'kostra.omsorg.korr_bdu_per_innb': k12362(fgk('helse_omsorg'), 'AGD4', 'KOSbelopinnbygge0000', 'kr per innb', fgkConfirmed('helse_omsorg')),
  'kostra.omsorg.brutto_investering_per_innb': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.ndu_andel_pct': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.utgifter_per_oppholdsdogn': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.andel_arsverk_helseutdanning_pct': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.andel_80_hjemmetjenester_pct': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.andel_brukere_0_66_pct': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.andel_80_sykehjem_pct': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.andel_enerom_pct': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.andel_private_plasser_pct': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.andel_67_79_dagaktivitet_pct': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.kommunehelse.hjemmebesok_nyfodte_pct': doc(['003 Tabell 6.11'], 'Bare i kildedokumentet.', '11996 (KOSlegeaarsverk0000, avtalte legeårsverk i antall) og nøkkeltall for kommunehelse (per 10 000 innbyggere ikke bekreftet)'),
  'kostra.omsorg.institusjonsplasser': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.brukere_helsetjenester_hjemmet': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.arsverk_per_10000': doc(['003 Tabell 6.9'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.kommunehelse.lonn_per_innb': doc(['003 Tabell 6.11'], 'Bare i kildedokumentet.', '11996 (KOSlegeaarsverk0000, avtalte legeårsverk i antall) og nøkkeltall for kommunehelse (per 10 000 innbyggere ikke bekreftet)'),
  'kostra.kommunehelse.ndu_per_innb': doc(['003 Tabell 6.11'], 'Bare i kildedokumentet.', '11996 (KOSlegeaarsverk0000, avtalte legeårsverk i antall) og nøkkeltall for kommunehelse (per 10 000 innbyggere ikke bekreftet)'),
  'kostra.kommunehelse.legearsverk_per_10000': doc(['003 Tabell 6.11'], 'Bare i kildedokumentet.', '11996 (KOSlegeaarsverk0000, avtalte legeårsverk i antall) og nøkkeltall for kommunehelse (per 10 000 innbyggere ikke bekreftet)'),
  'kostra.kommunehelse.fysioterapeutarsverk_per_10000': doc(['003 Tabell 6.11'], 'Bare i kildedokumentet.', '11996 (KOSlegeaarsverk0000, avtalte legeårsverk i antall) og nøkkeltall for kommunehelse (per 10 000 innbyggere ikke bekreftet)'),
  'kostra.kommunehelse.helsestasjon_per_10000_0_20': doc(['003 Tabell 6.11'], 'Bare i kildedokumentet.', '11996 (KOSlegeaarsverk0000, avtalte legeårsverk i antall) og nøkkeltall for kommunehelse (per 10 000 innbyggere ikke bekreftet)'),
  'kostra.kommunehelse.helsestasjon_per_10000_0_5': doc(['003 Tabell 6.11'], 'Bare i kildedokumentet.', '11996 (KOSlegeaarsverk0000, avtalte legeårsverk i antall) og nøkkeltall for kommunehelse (per 10 000 innbyggere ikke bekreftet)'),
  'kostra.kommunehelse.legetimer_per_beboer': doc(['003 Tabell 6.11'], 'Bare i kildedokumentet.', '11996 (KOSlegeaarsverk0000, avtalte legeårsverk i antall) og nøkkeltall for kommunehelse (per 10 000 innbyggere ikke bekreftet)'),
  'kostra.kultur.ndu_andel_pct': nduAndel('kultur'),
  'kostra.kultur.idrett_andel_pct': doc(['003 Tabell 6.12'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for kultur (tabell og koder ikke bekreftet)'),
  'kostra.kultur.barn_unge_andel_pct': doc(['003 Tabell 6.12'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for kultur (tabell og koder ikke bekreftet)'),
  'kostra.kultur.allmenn_kultur_per_innb': doc(['003 Tabell 6.12'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for kultur (tabell og koder ikke bekreftet)'),
  'kostra.kultur.brutto_investering_per_innb': doc(['003 Tabell 6.12'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for kultur (tabell og koder ikke bekreftet)'),
  'kostra.kultur.bibliotek_per_innb': doc(['003 Tabell 6.12'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for kultur (tabell og koder ikke bekreftet)'),
  'kostra.kultur.bibliotekbesok_per_innb': doc(['003 Tabell 6.12'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for kultur (tabell og koder ikke bekreftet)'),
  'kostra.kultur.utlan_per_innb': doc(['003 Tabell 6.12'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for kultur (tabell og koder ikke bekreftet)'),
  'kostra.kultur.kulturskole_6_15_pct': doc(['003 Tabell 6.12'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for kultur (tabell og koder ikke bekreftet)'),
  'kostra.kultur.besok_per_kinoforestilling': doc(['003 Tabell 6.12'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for kultur (tabell og koder ikke bekreftet)'),
  'kostra.plan.fredet_innvilget_pct': doc(['003 Tabell 6.13'], 'Bare i kildedokumentet.', '13526 «KOSTRA-nøkkeltall for miljøforvaltning» (KOSbygsokrestrik0000 = innvilgede byggesøknader i restriksjonsområder; de andre kodene ikke bekreftet)'),
  'kostra.plan.dispensasjon_pct': doc(['003 Tabell 6.13'], 'Bare i kildedokumentet.', '13526 «KOSTRA-nøkkeltall for miljøforvaltning» (KOSbygsokrestrik0000 = innvilgede byggesøknader i restriksjonsområder; de andre kodene ikke bekreftet)'),
  'kostra.plan.kommuneplaner_innsigelse_pct': doc(['003 Tabell 6.13'], 'Bare i kildedokumentet.', '13526 «KOSTRA-nøkkeltall for miljøforvaltning» (KOSbygsokrestrik0000 = innvilgede byggesøknader i restriksjonsområder; de andre kodene ikke bekreftet)'),
  'kostra.plan.reguleringsplaner_innsigelse_pct': doc(['003 Tabell 6.13'], 'Bare i kildedokumentet.', '13526 «KOSTRA-nøkkeltall for miljøforvaltning» (KOSbygsokrestrik0000 = innvilgede byggesøknader i restriksjonsområder; de andre kodene ikke bekreftet)'),
  'kostra.plan.lnf_innvilget_pct': doc(['003 Tabell 6.13'], 'Bare i kildedokumentet.', '13526 «KOSTRA-nøkkeltall for miljøforvaltning» (KOSbygsokrestrik0000 = innvilgede byggesøknader i restriksjonsområder; de andre kodene ikke bekreftet)'),
  'kostra.plan.saksbehandlingstid_12_uker': doc(['003 Tabell 6.13'], 'Bare i kildedokumentet.', '13526 «KOSTRA-nøkkeltall for miljøforvaltning» (KOSbygsokrestrik0000 = innvilgede byggesøknader i restriksjonsområder; de andre kodene ikke bekreftet)'),
  'kostra.plan.saksbehandlingstid_3_uker': doc(['003 Tabell 6.13'], 'Bare i kildedokumentet.', '13526 «KOSTRA-nøkkeltall for miljøforvaltning» (KOSbygsokrestrik0000 = innvilgede byggesøknader i restriksjonsområder; de andre kodene ikke bekreftet)'),
  'kostra.plan.byggesoknader': doc(['003 Tabell 6.13'], 'Bare i kildedokumentet.', '13526 «KOSTRA-nøkkeltall for miljøforvaltning» (KOSbygsokrestrik0000 = innvilgede byggesøknader i restriksjonsområder; de andre kodene ikke bekreftet)'),
  'kostra.plan.reguleringsplaner_vedtatt': doc(['003 Tabell 6.13'], 'Bare i kildedokumentet.', '13526 «KOSTRA-nøkkeltall for miljøforvaltning» (KOSbygsokrestrik0000 = innvilgede byggesøknader i restriksjonsområder; de andre kodene ikke bekreftet)'),
  'kostra.plan.byggesoknader_3_uker': doc(['003 Tabell 6.13'], 'Bare i kildedokumentet.', '13526 «KOSTRA-nøkkeltall for miljøforvaltning» (KOSbygsokrestrik0000 = innvilgede byggesøknader i restriksjonsområder; de andre kodene ikke bekreftet)'),
  'kostra.plan.selvkostgrad_pct': doc(['003 Tabell 6.13'], 'Bare i kildedokumentet.', '13526 «KOSTRA-nøkkeltall for miljøforvaltning» (KOSbygsokrestrik0000 = innvilgede byggesøknader i restriksjonsområder; de andre kodene ikke bekreftet)'),
  'kostra.plan.tilsyn_unntatt_soknadsplikt': doc(['003 Tabell 6.13'], 'Bare i kildedokumentet.', '13526 «KOSTRA-nøkkeltall for miljøforvaltning» (KOSbygsokrestrik0000 = innvilgede byggesøknader i restriksjonsområder; de andre kodene ikke bekreftet)'),
  'kostra.samferdsel.bdu_per_innb': k12362(fgk('samferdsel'), 'AGD10', 'KOSbelopinnbygge0000', 'kr per innb', `${fgkConfirmed('samferdsel')}; ${C.mimir12362}`),
  'kostra.samferdsel.gatebelysning_per_km': doc(['003 Tabell 6.14'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for samferdsel (tabell og koder ikke bekreftet)'),
  'kostra.samferdsel.brutto_investering_veier_per_innb': doc(['003 Tabell 6.14'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for samferdsel (tabell og koder ikke bekreftet)'),
  'kostra.samferdsel.ndu_veier_per_innb': doc(['003 Tabell 6.14'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for samferdsel (tabell og koder ikke bekreftet)'),
  'kostra.samferdsel.km_sykkel': doc(['003 Tabell 6.14'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for samferdsel (tabell og koder ikke bekreftet)'),
  'kostra.samferdsel.andel_sykkel_pct': doc(['003 Tabell 6.14'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for samferdsel (tabell og koder ikke bekreftet)'),
  'kostra.samferdsel.andel_belysning_pct': doc(['003 Tabell 6.14'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for samferdsel (tabell og koder ikke bekreftet)'),
  'kostra.samferdsel.vedlikehold_andel_pct': doc(['003 Tabell 6.14'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for samferdsel (tabell og koder ikke bekreftet)'),
  'kostra.samferdsel.andel_uten_fast_dekke_pct': doc(['003 Tabell 6.14'], 'Bare i kildedokumentet.', 'KOSTRA-nøkkeltall for samferdsel (tabell og koder ikke bekreftet)'),
  'kostra.omsorg.helsetjenester_hjemmet_lonn': doc(['003 Tabell 6.10'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.omsorg.helsetjenester_hjemmet_brukere': doc(['003 Tabell 6.10'], 'Bare i kildedokumentet.', '12292 «Omsorgstjenester - supplerende grunnlagstall» og nøkkeltall for pleie og omsorg (koder for disse andelene ikke bekreftet)'),
  'kostra.grunnskole_merforbruk_publisert': withUnit('kr', doc(['000 Utfordring nr 6'], 'Publisert resultat uten grunnlagstall i kildene.')),

  // --- Befolkning (07459, 14288) ---
  'befolkning.innbyggere': population('per-31-desember', KOSTRA_POPULATION_NOTE, 1),
  'befolkning.fodte': doc(['003 Tabell 2.1'], 'Bare i kildedokumentet.'),
  'befolkning.dode': doc(['003 Tabell 2.1'], 'Bare i kildedokumentet.'),
  'befolkning.netto_innflytting': doc(['003 Tabell 2.1'], 'Bare i kildedokumentet.'),
  'befolkning.andel_skilte_16_66': doc(['003 Tabell 2.1'], 'Bare i kildedokumentet.'),
  'befolkning.andel_enslige_80_pluss': doc(['003 Tabell 2.1'], 'Bare i kildedokumentet.'),
  'befolkning.arbeidsledige_15_74': doc(['003 Tabell 2.1'], 'Bare i kildedokumentet.'),
  'befolkning.andel_innvandrere': doc(['003 Tabell 2.1'], 'Bare i kildedokumentet.'),
  'befolkning.tettsted': doc(['003 Tabell 2.1'], 'Bare i kildedokumentet.'),
  'befolkning.alder.*': {
    kind: 'ssb',
    table: '07459',
    contents: 'Personer1',
    unit: 'antall',
    year: 'per-1-januar',
    each: { dim: 'Alder', codes: AGES },
    sum: ['Kjonn'],
    confirmed: C.population07459,
    note: POPULATION_NOTE,
    also: [{ kind: 'ssb', table: '14288', contents: 'Personer', unit: 'antall', year: 'framskrivingsaar', each: { dim: 'Alder', codes: AGES }, sum: ['Kjonn'], confirmed: C.projection14288, note: 'Hovedalternativet (MMMM) for årene etter siste registrerte år' }],
  },
  'befolkning.gruppe.*': { kind: 'derived', from: ['befolkning.alder.*'], note: 'Summen av ettårige aldre i gruppen (07459/14288).' },
  'befolkning.andel.*': { kind: 'derived', from: ['befolkning.alder.*', 'befolkning.folkemengde'], note: 'Gruppen i prosent av folkemengden 1.1.; 003 Tabell 2.2 trykker andelene for Meløy.' },
  'befolkning.folkemengde': {
    ...population('per-1-januar', `Folkemengden 1.1. ${POPULATION_NOTE}`),
    also: [{ kind: 'ssb', table: '14288', contents: 'Personer', unit: 'antall', year: 'framskrivingsaar', sum: ['Kjonn', 'Alder'], confirmed: C.projection14288, note: 'Hovedalternativet (MMMM) for årene etter siste registrerte år' }],
  },

  // --- Publiserte demografitall ---
  'demografi.alderbaereevne_publisert': doc(['000 Alderbæreevne Meløy'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'demografi.ndu_grunnskole_6_15_publisert': doc(['003 Tabell 6.5'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'demografi.ndu_grunnskole_6_9_publisert': doc(['003 Tabell 6.5'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'demografi.ndu_barnehage_1_5_publisert': doc(['003 Tabell 6.7'], 'Publisert resultat uten grunnlagstall i kildene.'),

  // --- Hjemmetjenester ---
  'hjemmetjenester.mottakerandel_67_79': doc(['003 avsnitt 6.3.1'], 'Bare i kildedokumentet.'),
  'hjemmetjenester.mottakerandel_80_89': doc(['003 avsnitt 6.3.1'], 'Bare i kildedokumentet.'),
  'hjemmetjenester.mottakerandel_90_pluss': doc(['003 avsnitt 6.3.1'], 'Bare i kildedokumentet.'),

  // --- Demografikostnader ---
  'demografikostnad.endring_pleie_og_omsorg_publisert': doc(['000 Endring i utgiftsbehov 2023-2032'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'demografikostnad.endring_grunnskole_publisert': doc(['000 Endring i utgiftsbehov 2023-2032'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'demografikostnad.endring_barnehage_publisert': doc(['000 Endring i utgiftsbehov 2023-2032'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'demografikostnad.endring_sosial_publisert': doc(['000 Endring i utgiftsbehov 2023-2032'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'demografikostnad.endring_kommunehelse_publisert': doc(['000 Endring i utgiftsbehov 2023-2032'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'demografikostnad.endring_barnevern_publisert': doc(['000 Endring i utgiftsbehov 2023-2032'], 'Publisert resultat uten grunnlagstall i kildene.'),

  // --- Sysselsetting ---
  'sysselsetting.undervisning': doc(['003 Tabell 2.3'], 'Bare i kildedokumentet.'),
  'sysselsetting.undervisning_kommune': doc(['003 Tabell 2.3'], 'Bare i kildedokumentet.'),
  'sysselsetting.helse_sosial': doc(['003 Tabell 2.3'], 'Bare i kildedokumentet.'),
  'sysselsetting.sysselsatte': doc(['003 Tabell 2.3'], 'Bare i kildedokumentet.'),

  // --- Finans (12364 i 1000 kr) ---
  'finans.arbeidskapital': withUnit('1000 kr', doc(['003 Tabell 1.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet')),
  'finans.avdrag': withUnit('1000 kr', doc(['003 Tabell 1.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet')),
  'finans.avsetning_bundne_fond': k12364('AGD74', '1000 kr', C.normacro12364),
  'finans.brutto_driftsresultat': k12364('AGD18', '1000 kr', C.normacro12364),
  'finans.brutto_investeringsutgifter': k12364('AGI1', '1000 kr', C.normacro12364),
  'finans.disposisjonsfond': k12364('56', '1000 kr', C.normacro12364, 'Balansekapittel 56 (disposisjonsfond) ved utgangen av året'),
  'finans.fri_egenkapital_drift': withUnit('1000 kr', doc(['003 Tabell 1.1'], 'Bare i kildedokumentet.', '12364; koden for fri egenkapital drift er ikke bekreftet (12134 KOSKG210000 gir den i prosent)')),
  'finans.langsiktig_gjeld': k12364('KG25', '1000 kr', C.normacro12364),
  'finans.netto_driftsresultat': k12364('AGD23', '1000 kr', C.normacro12364),
  'finans.netto_lanegjeld': k12364('KG31', '1000 kr', C.normacro12364),
  'finans.netto_renteeksponering': k12364('KG40', '1000 kr', C.normacro12364),
  'finans.overskudd_for_lan_avsetninger': withUnit('1000 kr', doc(['003 Tabell 1.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet')),
  'finans.pensjonsforpliktelse': withUnit('1000 kr', doc(['003 Tabell 1.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet')),
  'finans.regnskapsmessig_merforbruk': k12364('5900', '1000 kr', C.normacro12364, 'Balansekapittel 5900 (merforbruk i balansen)'),
  'finans.renteeksponert_gjeld': k12364('KG39', '1000 kr', C.normacro12364),
  'finans.renter_netto': k12364('AGD97', '1000 kr', C.normacro12364),
  'finans.tap_gevinst_finansielle_instrumenter': withUnit('1000 kr', doc(['003 Tabell 1.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet')),
  'finans.utlan_netto': withUnit('1000 kr', doc(['003 Tabell 1.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet')),
  'finans.arets_merforbruk_drift': k12364('AGD29', '1000 kr', C.normacro12364),
  'finans.arets_udekket_investering': k12364('AGI7', '1000 kr', C.normacro12364),
  'finans.brutto_driftsinntekter': k12364('AGD13', '1000 kr', C.normacro12364),
  'finans.rammetilskudd': k12364('A800', '1000 kr', C.normacro12364),
  'finans.skatteinntekter': k12364('AG12', '1000 kr', C.normacro12364, 'AG12 kan omfatte naturressursskatt; kontroller mot 003 Tabell 3.2'),
  'finans.utbytte': doc(['003 Tabell 3.2'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'finans.eiendomsskatt': k12364('AG10', '1000 kr', C.normacro12364),
  'finans.naturressursskatt': k12364('AG43', '1000 kr', null, 'Koden er AG43 i én offentlig liste for 12364 og AG44 i en annen for 13553: ikke bekreftet'),
  'finans.konsesjonskraft': doc(['003 Tabell 3.2'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),

  // --- Inntektssystemet (KDD) ---
  'inntektssystem.innbyggere': kdd(`${GRONT_HEFTE}, kommunetabellene (innbyggere 1.7. året før inntektsåret)`, 'antall', null),
  'inntektssystem.utgiftsbehov_per_innb': kdd(`${GRONT_HEFTE}, kommunetabellene (landsgjennomsnittlig utgiftsbehov per innbygger)`, 'kr per innb', null),
  'inntektssystem.utgiftsutjevning_publisert': doc(['003 Tabell 3.1'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'inntektssystem.innbyggertilskudd_per_innb': kdd(`${GRONT_HEFTE}, kommunetabellene (innbyggertilskudd per innbygger)`, 'kr per innb', null),
  'inntektssystem.utgiftsbehov_totalt': kdd(`${GRONT_HEFTE}, kommunetabellene (samlet utgiftsbehov)`, 'kr', null),
  'inntektssystem.smakommunetillegg_sor_publisert': doc(['000 Regionalpolitiske tilskudd'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'inntektssystem.distriktstilskudd_sor_publisert': doc(['000 Regionalpolitiske tilskudd'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'inntektssystem.smakommunetillegg_nord_publisert': doc(['000 Regionalpolitiske tilskudd'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'inntektssystem.lokal_eiendomsskatt': k12364('AG10', '1000 kr', C.normacro12364, 'Eiendomsskatt i KOSTRA-regnskapet'),
  'inntektssystem.lokal_konsesjonskraft': doc(['000 Effekten av lokale inntekter'], 'Bare i kildedokumentet.'),
  'inntektssystem.lokal_eiendomsskatt_kraft_pct_publisert': doc(['000 Effekten av lokale inntekter'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'inntektssystem.lokal_renter_utbytte_pct_publisert': doc(['000 Effekten av lokale inntekter'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'inntektssystem.lokal_renter_utbytte': doc(['000 Effekten av lokale inntekter'], 'Bare i kildedokumentet.'),
  'inntektssystem.lokal_havbruksfond': doc(['000 Effekten av lokale inntekter'], 'Bare i kildedokumentet.'),
  'inntektssystem.dda_gevinst_publisert': doc(['000 Effekten av lokale inntekter'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'inntektssystem.korrigerte_frie_inntekter': kdd(`${GRONT_HEFTE}, kommunetabellene (korrigerte frie inntekter)`, '1000 kr', null),
  'inntektssystem.innbyggertilskudd': kdd(`${GRONT_HEFTE}, kommunetabellene (innbyggertilskudd før omfordeling)`, 'kr', null),
  'inntektssystem.korreksjon_skoler': kdd(`${GRONT_HEFTE}, kommunetabellene (korreksjon for elever i statlige og private skoler)`, 'kr', null),
  'inntektssystem.saerskilt_fordeling': kdd(`${GRONT_HEFTE}, kommunetabellene (tilskudd med særskilt fordeling)`, 'kr', null),
  'inntektssystem.inntektsgaranti': kdd(`${GRONT_HEFTE}, kommunetabellene (inntektsgarantiordningen (ingar))`, 'kr', null),
  'inntektssystem.distriktstilskudd': kdd(`${GRONT_HEFTE}, kommunetabellene (regionalpolitiske tilskudd)`, 'kr', null),
  'inntektssystem.rammetilskudd_publisert': doc(['003 Tabell 3.1'], 'Publisert resultat uten grunnlagstall i kildene.'),
  'inntektssystem.skatt_anslag': kdd(`${GRONT_HEFTE}, kommunetabellene (anslag skatteinntekter)`, 'kr', null),

  // --- Ekstrainntekter (kommunens regnskap) ---
  'ekstrainntekter.brukerbetaling': doc(['003 Tabell 4.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'ekstrainntekter.salgs_leieinntekter': doc(['003 Tabell 4.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'ekstrainntekter.overforinger_fra_andre': doc(['003 Tabell 4.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'ekstrainntekter.andre_statstilskudd': doc(['003 Tabell 4.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'ekstrainntekter.refusjon_ressurskrevende': doc(['003 Tabell 4.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'ekstrainntekter.renteinntekter': doc(['003 Tabell 4.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'ekstrainntekter.lonnsutgifter': doc(['003 Tabell 4.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'ekstrainntekter.sosiale_utgifter': doc(['003 Tabell 4.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'ekstrainntekter.kjop_varer_tjenester': doc(['003 Tabell 4.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'ekstrainntekter.overforinger_til_andre': doc(['003 Tabell 4.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'ekstrainntekter.renteutgifter': doc(['003 Tabell 4.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'ekstrainntekter.avdrag': doc(['003 Tabell 4.1'], 'Bare i kildedokumentet.', '12364/13551 (økonomisk oversikt etter art/regnskapsbegrep); koden for dette begrepet er ikke bekreftet'),
  'ekstrainntekter.rammetilskudd': k12364('A800', 'kr', C.normacro12364, 'Konserntall i 1000 kr; kilden bruker kommunens eget regnskap', 1000),
  'ekstrainntekter.skatt_inntekt_formue': k12364('AG12', 'kr', C.normacro12364, 'Konserntall i 1000 kr; kilden bruker kommunens eget regnskap', 1000),

  // --- Tabeller i data/tables og andre filer ---
  kostragruppe_medlemskap: {
    kind: 'klass',
    classification: '112',
    request: 'https://data.ssb.no/api/klass/v1/classifications/112/correspondsAt?targetClassificationId=131&date={date}',
    reads: 'correspondenceItems[]: sourceCode (EKG01–EKG17) = gruppe, targetCode (kommunenummer, Klass 131) = kommune; én rad per kommune og regnskapsår, date = 1.1. i året',
    confirmed: C.klass112,
    note: 'Grupperingen fra 2020 (versjon 1450); eldre år har andre grupper (brudd 2019/2020). Svarformatet er ikke sett i et lagret svar.',
  },
  demografikostnad_enhetskostnad: doc(['000 Endring i utgiftsbehov 2023-2032'], 'Enhetskostnader per aldersgruppe og tjenesteområde slik kilden bruker dem.'),
  'data/kompass/<kommune>-<år>.yaml': doc(['Kommunekompass-rapporten for kommunen'], 'Evalueringsrapport; ingen offentlig tabell.'),
  kob_mal: doc(['kommunens vedtatte økonomiske handlingsregler'], 'Kommunens egne mål; ingen offentlig tabell.'),
  kostnadsnokkel: kdd(`${GRONT_HEFTE}, kostnadsnøkkelen for kommunene`, 'vekt', null, 'Vektene og landstallene per kriterium; tabellnummeret varierer mellom årganger'),
  kriteriedata: kdd(`${GRONT_HEFTE}, kriteriedata for kommunene; tabell A-k gir indeksen for beregnet utgiftsbehov`, 'antall', C.kddAk, 'Bare kostnadsindeksen (A-k) er sett i en offentlig kopi; kriterietallene per kommune er ikke bekreftet'),
  kriterieindeks_fremskrevet: { kind: 'derived', from: ['befolkning.alder.*', 'kostnadsnokkel', 'kriteriedata'], note: 'Alderskriteriene framskrevet med 14288.' },
  nord_norge_satser: kdd(`${GRONT_HEFTE}, regionalpolitiske tilskudd (Nord-Norge- og Namdalstilskudd)`, 'kr per innb', null),
  nord_norge_sone: kdd(`${GRONT_HEFTE}, regionalpolitiske tilskudd (soneinndeling)`, 'sone', null),
  kostnadsindeks: kdd(`${GRONT_HEFTE}, tabell A-k (indeks for beregnet utgiftsbehov per kommune)`, 'indeks', C.kddAk),
  robek: kdd('ROBEK-registeret (Register om betinget godkjenning og kontroll), regjeringen.no', 'tekst', C.kddRobek, 'Kommunene i registeret på en dato, med hjemmel (kommuneloven § 28-1 a–g)'),
  // the population store the befolkning.* metrics read as a whole (data/befolkning/): the same table as befolkning.alder.*
  'befolkning (SSB 07459, data/befolkning/)': {
    kind: 'derived',
    from: ['befolkning.alder.*'],
    note: 'Folkemengden etter kjønn og ettårig alder 1.1. i data/befolkning/, fra SSB 07459 med de samme kodene som befolkning.alder.*.',
  },
};
