import { SsbTableInfo } from './types';

/**
 * The SSB statbank tables the source map (./source-map.ts) reads, with their region and time dimensions. Every id
 * and dimension name says where it was confirmed; null means it could not be confirmed in public sources.
 */

/** Where the ids and codes were confirmed (public recordings and public projects' code). */
export const CONFIRMED = {
  sample12134: 'ssb-samples/pxwebapi-v2-table-12134-frie-inntekter-2024.jsonstat2.json',
  normacro12134: 'github.com/nilskvilvang/NorMacro R/kostra_indicators_12134.R (d939f7d)',
  normacro12137: 'github.com/nilskvilvang/NorMacro R/kostra_table_12137.R, R/kostra_indicators_12137.R (d939f7d)',
  normacro12364: 'github.com/nilskvilvang/NorMacro R/kostra_table_12364.R, R/kostra_indicators_12364.R (d939f7d)',
  mimir12362:
    'github.com/statisticsnorway/mimir src/main/resources/lib/ssb/parts/highcharts/data/test/mockData.ts (12362-svar: KOKfunksjon0000 FGK…, KOKart0000 AGD10, KOSandel3501)',
  perInnb12362: 'offentlig prosjektkode som spør 12362 med ContentsCode KOSbelopinnbygge0000, KOKart0000 AGD2/AGD4 (find_string «KOSbelopinnbygg»)',
  fgkFunctions:
    'offentlig KOSTRA-importskript (PxWebApi v2 + Klass) med funksjonene i hver FGK-gruppe (find_string «FGK17»); tjenesteområdet utledet av funksjonene',
  population07459: 'offentlige spørringer mot 07459 med Region, Kjonn, Alder (000…), ContentsCode Personer1 (find_string «"Personer1"»)',
  projection14288: 'offentlig spørring mot data.ssb.no/api/v0/no/table/14288 med Region, Alder 000…, ContentsCode Personer (find_string «table/14288»)',
  klass112:
    'github.com/nilskvilvang/NorMacro R/get_kostra_group_membership.R (d939f7d): classifications/112/correspondsAt?targetClassificationId=131&date=…',
  kddAk: '../shared/national/README.md (kostnadsindeks, Grønt hefte tabell A-k, via github.com/vegard1104/kommunebarometer)',
  kddRobek: '../shared/national/README.md (robek-2026-04-20.csv: KDDs ROBEK-liste publisert 20.04.2026 på regjeringen.no)',
} as const;

export const SSB_TABLES: Record<string, SsbTableInfo> = {
  '12134': {
    id: '12134',
    title: 'Utvalgte nøkkeltall for kommuneregnskap, kommunekonsern',
    regionDim: 'KOKkommuneregion0000',
    timeDim: 'Tid',
    kostra: true,
    confirmed: CONFIRMED.sample12134,
  },
  '12137': {
    id: '12137',
    title: 'Finansielle nøkkeltall i kroner per innbygger, etter regnskapsbegrep (KOKartkap0000)',
    regionDim: 'KOKkommuneregion0000',
    timeDim: 'Tid',
    kostra: true,
    confirmed: CONFIRMED.normacro12137,
  },
  '12362': {
    id: '12362',
    title: 'Utgifter til tjenesteområdene, kommunekonsern, etter region, funksjon, art, statistikkvariabel og år',
    regionDim: 'KOKkommuneregion0000',
    timeDim: 'Tid',
    kostra: true,
    confirmed: CONFIRMED.mimir12362,
  },
  '12364': {
    id: '12364',
    title: 'Finansielle grunnlagsdata i 1000 kr, etter regnskapsbegrep (KOKartkap0000)',
    regionDim: 'KOKkommuneregion0000',
    timeDim: 'Tid',
    kostra: true,
    confirmed: CONFIRMED.normacro12364,
  },
  '07459': {
    id: '07459',
    title: 'Befolkning, etter region, kjønn, alder og år',
    regionDim: 'Region',
    timeDim: 'Tid',
    kostra: false,
    confirmed: CONFIRMED.population07459,
  },
  '14288': {
    id: '14288',
    title: 'Framskrevet folkemengde 1. januar, etter region, kjønn, alder, år og statistikkvariabel',
    regionDim: 'Region',
    timeDim: 'Tid',
    kostra: false,
    confirmed: CONFIRMED.projection14288,
  },
};
