import { Dataset } from '../dataset';
import { TableSchema } from '../model';

/**
 * Tables of the income system: the kostnadsnøkkel per inntektssystem year, the kommuner's criterion data, projected
 * age-criterion indices, and the Nord-Norge-tilskudd rates and zones.
 */
export const KOSTNADSNOKKEL: TableSchema = {
  name: 'kostnadsnokkel',
  description: 'Kriteriene i kostnadsnøkkelen per inntektssystemår: vekt og tall for hele landet',
  columns: [
    { name: 'year', type: 'int', required: true, description: 'inntektssystemåret' },
    { name: 'kriterium', type: 'string', required: true, description: 'kriterie-id, f.eks. innb_6_15' },
    { name: 'navn', type: 'string', required: true, description: 'navnet på kriteriet' },
    { name: 'vekt', type: 'number', required: true, description: 'vekt i kostnadsnøkkelen (summerer til 1)' },
    { name: 'grunnlag', type: 'string', required: true, description: 'personer, km, basis, andel eller indeks: hvordan kriteriet måles' },
    { name: 'landet', type: 'number', description: 'kriterieverdien for hele landet (antall personer, km ...) når kilden oppgir den' },
    { name: 'rekkefolge', type: 'int', required: true, description: 'rekkefølgen kilden viser kriteriene i' },
    { name: 'source', type: 'string', required: true, description: 'kilde' },
  ],
  key: ['year', 'kriterium'],
};

export const KRITERIEDATA: TableSchema = {
  name: 'kriteriedata',
  description: 'En kommunes (eller gruppes) kriterieverdier i utgiftsutjevningen: antall og/eller publisert indeks',
  columns: [
    { name: 'year', type: 'int', required: true, description: 'inntektssystemåret' },
    { name: 'region', type: 'region', required: true, description: 'kommunenummer eller gruppekode' },
    { name: 'kriterium', type: 'string', required: true, description: 'kriterie-id fra kostnadsnokkel' },
    { name: 'antall', type: 'number', description: 'kommunens kriterieverdi (antall personer, km ...)' },
    { name: 'indeks', type: 'number', description: 'publisert kriterieindeks; brukes som inndata når den er oppgitt' },
    { name: 'source', type: 'string', required: true, description: 'kilde' },
  ],
  key: ['year', 'region', 'kriterium'],
};

export const KRITERIEINDEKS_FREMSKREVET: TableSchema = {
  name: 'kriterieindeks_fremskrevet',
  description: 'Framskrevne kriterieindekser for alderskriteriene per år (fra befolkningsframskrivingen)',
  columns: [
    { name: 'region', type: 'region', required: true, description: 'kommunenummer eller gruppekode' },
    { name: 'basisaar', type: 'int', required: true, description: 'inntektssystemåret vektene og de øvrige kriteriene hentes fra' },
    { name: 'year', type: 'int', required: true, description: 'året indeksen gjelder' },
    { name: 'kriterium', type: 'string', required: true, description: 'kriterie-id fra kostnadsnokkel' },
    { name: 'indeks', type: 'number', required: true, description: 'framskrevet kriterieindeks' },
    { name: 'source', type: 'string', required: true, description: 'kilde' },
  ],
  key: ['region', 'basisaar', 'year', 'kriterium'],
};

export const NORD_NORGE_SATSER: TableSchema = {
  name: 'nord_norge_satser',
  description: 'Satser for Nord-Norge-tilskuddet (inkl. Namdalen) per sone og år, kr per innbygger',
  columns: [
    { name: 'year', type: 'int', required: true, description: 'tilskuddsåret' },
    { name: 'sone', type: 'string', required: true, description: 'nordland_namdalen, troms_utenfor_tiltakssonen, tiltakssonen eller finnmark' },
    { name: 'navn', type: 'string', required: true, description: 'sonens navn' },
    { name: 'sats', type: 'number', required: true, description: 'kr per innbygger' },
    { name: 'antall_kommuner', type: 'int', description: 'antall kommuner i sonen' },
    { name: 'source', type: 'string', required: true, description: 'kilde' },
  ],
  key: ['year', 'sone'],
};

export const NORD_NORGE_SONE: TableSchema = {
  name: 'nord_norge_sone',
  description: 'Hvilken sone for Nord-Norge-tilskuddet en kommune hører til',
  columns: [
    { name: 'region', type: 'region', required: true, description: 'kommunenummer' },
    { name: 'sone', type: 'string', required: true, description: 'sone-id som i nord_norge_satser' },
    { name: 'source', type: 'string', required: true, description: 'kilde' },
  ],
  key: ['region'],
};

export const INNTEKTSSYSTEM_TABLES: TableSchema[] = [KOSTNADSNOKKEL, KRITERIEDATA, KRITERIEINDEKS_FREMSKREVET, NORD_NORGE_SATSER, NORD_NORGE_SONE];

interface Warning {
  file?: string;
  line?: number;
  message: string;
}

/**
 * Consistency of the income-system tables: the weights of each year's kostnadsnøkkel sum to 1, every criterion
 * value refers to a criterion of that year's kostnadsnøkkel, each region-year has all criteria, and the projected
 * indices refer to known criteria.
 */
export function checkInntektssystem(ds: Pick<Dataset, 'table'>): Warning[] {
  const out: Warning[] = [];
  const keys = ds.table('kostnadsnokkel');
  const byYear = new Map<number, Set<string>>();
  const weight = new Map<number, number>();
  for (const r of keys) {
    const y = Number(r.values.year);
    const set = byYear.get(y) ?? new Set<string>();
    set.add(String(r.values.kriterium));
    byYear.set(y, set);
    weight.set(y, (weight.get(y) ?? 0) + Number(r.values.vekt ?? 0));
    const g = String(r.values.grunnlag);
    if (!['personer', 'km', 'basis', 'andel', 'indeks'].includes(g))
      out.push({ file: r.file, line: r.line, message: `ukjent grunnlag '${g}'; forventet personer, km, basis, andel eller indeks` });
  }
  for (const [y, w] of weight) if (Math.abs(w - 1) > 0.0005) out.push({ message: `kostnadsnøkkelen for ${y} har vektsum ${w.toFixed(4).replace('.', ',')}; forventet 1` });
  const seen = new Map<string, Set<string>>();
  for (const r of ds.table('kriteriedata')) {
    const y = Number(r.values.year);
    const k = String(r.values.kriterium);
    if (!byYear.get(y)?.has(k)) out.push({ file: r.file, line: r.line, message: `kriteriet ${k} finnes ikke i kostnadsnøkkelen for ${y}` });
    if (r.values.antall === null && r.values.indeks === null) out.push({ file: r.file, line: r.line, message: `kriteriet ${k} har verken antall eller indeks` });
    const key = `${r.values.region}|${y}`;
    const s = seen.get(key) ?? new Set<string>();
    s.add(k);
    seen.set(key, s);
  }
  for (const [key, s] of seen) {
    const [region, y] = key.split('|');
    const need = byYear.get(Number(y));
    const lacking = need ? [...need].filter((k) => !s.has(k)) : [];
    if (need && lacking.length > 0) out.push({ message: `kriteriedata for ${region} ${y} mangler ${lacking.length} av ${need.size} kriterier (${lacking.join(', ')})` });
  }
  for (const r of ds.table('kriterieindeks_fremskrevet')) {
    const y = Number(r.values.basisaar);
    const k = String(r.values.kriterium);
    if (!byYear.get(y)?.has(k)) out.push({ file: r.file, line: r.line, message: `kriteriet ${k} finnes ikke i kostnadsnøkkelen for basisåret ${y}` });
  }
  return out;
}
