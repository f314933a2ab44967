import { SsbTableInfo } from './types';

/**
 * The SSB statbank tables the source map (./source-map.ts) reads, with their region and time dimensions. Every id
 * and dimension name names where it was confirmed; null means it could not be confirmed in public sources.
 */
export const SSB_TABLES: Record<string, SsbTableInfo> = {
  '12134': {
    id: '12134',
    title: 'Utvalgte nøkkeltall for kommuneregnskap, kommunekonsern',
    regionDim: 'KOKkommuneregion0000',
    timeDim: 'Tid',
    kostra: true,
    confirmed: 'ssb-samples/pxwebapi-v2-table-12134-frie-inntekter-2024.jsonstat2.json',
  },
  '07459': {
    id: '07459',
    title: 'Befolkning, etter region, kjønn, alder og år',
    regionDim: 'Region',
    timeDim: 'Tid',
    kostra: false,
    confirmed: null,
  },
  '14288': {
    id: '14288',
    title: 'Framskrevet folkemengde 1. januar, etter region, kjønn, alder, statistikkvariabel og år',
    regionDim: 'Region',
    timeDim: 'Tid',
    kostra: false,
    confirmed: null,
  },
};
