import { Dataset } from '../data/dataset';
import { KommuneInfo } from '../data/model';
import { findKommune } from '../data/register';
import { UserError } from '../errors';

/**
 * `--kommuner`: which kommuner a batch builds decks for. A comma-separated list of
 *   - a kommunenummer or name (as `build --kommune`: "1837", "Meløy", "Porsanki"),
 *   - `all` (or `alle`): every current kommune in the register (not 9999 Uoppgitt, not group codes),
 *   - `fylke:NN`: the current kommuner whose kommunenummer starts with NN (fylke:18 = Nordland),
 *   - `kostragruppe:EKGNN`: the members of KOSTRA-gruppe NN in data/tables/kostragruppe_medlemskap.csv for the year
 *     (the newest membership year in the data not after it, since SSB regroups only now and then).
 * Duplicates are dropped; the order is the order given (all/fylke/kostragruppe in kommunenummer order).
 */
export interface Selection {
  kommuner: KommuneInfo[];
  /** things the user should know (e.g. an older membership year was used) */
  notes: string[];
}

const MEMBERSHIP = 'kostragruppe_medlemskap';

function currentKommuner(ds: Dataset): KommuneInfo[] {
  return [...ds.register.values()].filter((k) => k.kind === 'kommune' && k.current && k.code !== '9999').sort((a, b) => a.code.localeCompare(b.code));
}

export function selectKommuner(ds: Dataset, selector: string, year: number): Selection {
  const out = new Map<string, KommuneInfo>();
  const notes: string[] = [];
  const items = selector.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new UserError('--kommuner er tom; skriv f.eks. --kommuner 1837,1820, --kommuner all, --kommuner fylke:18 eller --kommuner kostragruppe:EKG06', 'BAD_SELECTION');
  for (const item of items) {
    const lower = item.toLowerCase();
    let found: KommuneInfo[];
    if (lower === 'all' || lower === 'alle') {
      found = currentKommuner(ds);
    } else if (lower.startsWith('fylke:')) {
      const nn = item.slice('fylke:'.length).trim();
      if (!/^\d{2}$/.test(nn)) throw new UserError(`ugyldig '${item}'; forventet fylke: og to siffer, f.eks. fylke:18 (Nordland)`, 'BAD_SELECTION');
      found = currentKommuner(ds).filter((k) => k.code.startsWith(nn));
      if (found.length === 0) {
        const fylker = [...new Set(currentKommuner(ds).map((k) => k.code.slice(0, 2)))].join(', ');
        throw new UserError(`ingen kommuner har kommunenummer som begynner på ${nn} ('${item}'); fylkesnumre i registeret: ${fylker}`, 'BAD_SELECTION');
      }
    } else if (lower.startsWith('kostragruppe:')) {
      found = kostragruppe(ds, item.slice('kostragruppe:'.length).trim(), year, notes);
    } else {
      const k = findKommune(ds.register, item);
      if (k.kind !== 'kommune') throw new UserError(`${k.code} ${k.name} er en gruppe, ikke en kommune; bruk kostragruppe:${k.code} for medlemmene av en KOSTRA-gruppe`, 'BAD_SELECTION');
      found = [k];
    }
    for (const k of found) if (!out.has(k.code)) out.set(k.code, k);
  }
  return { kommuner: [...out.values()], notes };
}

function kostragruppe(ds: Dataset, text: string, year: number, notes: string[]): KommuneInfo[] {
  const m = /^(?:EKG)?(\d{1,2})$/i.exec(text);
  if (!m) throw new UserError(`ugyldig KOSTRA-gruppe '${text}'; forventet f.eks. kostragruppe:EKG06`, 'BAD_SELECTION');
  const group = `EKG${m[1].padStart(2, '0')}`;
  const rows = ds.table(MEMBERSHIP, { gruppe: group });
  const years = [...new Set(rows.map((r) => Number(r.values.year)))].sort((a, b) => a - b);
  if (years.length === 0) {
    const known = [...new Set(ds.table(MEMBERSHIP).map((r) => String(r.values.gruppe)))].sort();
    throw new UserError(`dataene har ingen medlemmer av ${group} (data/tables/${MEMBERSHIP}.csv); grupper med medlemmer: ${known.join(', ') || '(ingen)'}`, 'BAD_SELECTION');
  }
  const usable = years.filter((y) => y <= year);
  if (usable.length === 0) throw new UserError(`medlemskapet i ${group} finnes bare for ${years.join(', ')}, ikke for ${year} eller før; bruk --year`, 'BAD_SELECTION');
  const used = usable[usable.length - 1];
  if (used !== year) notes.push(`${group}: bruker medlemskapet fra ${used}, det nyeste i dataene før ${year}`);
  return rows
    .filter((r) => r.values.year === used)
    .map((r) => {
      const k = ds.register.get(String(r.values.kommune));
      if (!k) throw new UserError(`${MEMBERSHIP}: ukjent kommune ${r.values.kommune}`, 'BAD_SELECTION');
      return k;
    })
    .filter((k) => k.current)
    .sort((a, b) => a.code.localeCompare(b.code));
}
