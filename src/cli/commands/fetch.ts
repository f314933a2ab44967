import { UserError } from '../../errors';
import { fetchTable, FetchRequest } from '../../data/fetch/pxwebapi';
import { importSsb } from '../../data/import';
import { importJsonStat } from '../../data/import/jsonstat';
import { findKommuner } from '../../data/register';
import { addTidyOptions, emitTidy, mapOptions, TidyOutputOptions } from './import';
import { RegisterCommand } from '.';

interface FetchCliOptions extends TidyOutputOptions {
  table?: string;
  kommune?: string;
  year?: string;
  contents?: string;
  select?: string[];
  regionDim?: string;
  cache?: string;
  refresh?: boolean;
}

const YEAR_EXPR = /^(\d{4}|top\(\d+\)|from\(\d{4}\)|to\(\d{4}\)|\*|\[range\(\d{4},\s*\d{4}\)\])$/;

function list(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter((x) => x !== '');
}

export function parseSelect(items: readonly string[]): Record<string, string[]> | undefined {
  if (items.length === 0) return undefined;
  const out: Record<string, string[]> = {};
  for (const item of items) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)=(.+)$/.exec(item.trim());
    if (!m) throw new UserError(`ugyldig --select '${item}'; forventet DIM=kode,kode, f.eks. KOKfunksjon0000=FG2,202`, 'BAD_SELECT');
    out[m[1]] = [...(out[m[1]] ?? []), ...list(m[2])];
  }
  return out;
}

export const registerFetch: RegisterCommand = (program, io, setExit) => {
  addTidyOptions(
    program
      .command('fetch')
      .description('Henter en tabell fra SSBs PxWebApi v2 (JSON-stat2) og skriver tidy CSV for data/observations. Krever nett.')
      .option('--table <nummer>', 'SSB-tabellen, f.eks. 12134 (nøkkeltall), 12362 (driftsutgifter per funksjon), 07459 (befolkning)')
      .option('--kommune <liste>', 'kommuner og grupper, kommaseparert: nummer eller navn, f.eks. 1837,1820,Hadsel,EKG06,EAK')
      .option('--year <liste>', 'år, kommaseparert (2022,2023) eller top(3) / from(2020)')
      .option('--contents <koder>', 'ContentsCode-er, kommaseparert (standard: alle)')
      .option('--select <DIM=koder>', 'utvalg for andre dimensjoner, kan gjentas: --select KOKfunksjon0000=FG2 --select KOKart0000=AGD2', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
      .option('--region-dim <id>', 'regiondimensjonen (standard: KOKkommuneregion0000, Region for 07459/14288)')
      .option('--cache <mappe>', 'lagre rå svar her og bruk dem om igjen (nøkkel fra adressen)')
      .option('--refresh', 'hent på nytt selv om svaret ligger i hurtigbufferen'),
  ).action(async (o: FetchCliOptions) => {
    if (!o.table) throw new UserError('mangler --table; f.eks. --table 12134', 'MISSING_OPTION');
    if (!/^\d{5}$/.test(o.table)) throw new UserError(`ugyldig tabellnummer '${o.table}'; forventet fem siffer, f.eks. 12134`, 'BAD_TABLE');
    if (!o.kommune) throw new UserError('mangler --kommune; f.eks. --kommune 1837,1820,EKG06', 'MISSING_OPTION');
    if (!o.year) throw new UserError('mangler --year; f.eks. --year 2022,2023', 'MISSING_OPTION');
    const years = list(o.year);
    const badYear = years.find((y) => !YEAR_EXPR.test(y));
    if (badYear !== undefined) throw new UserError(`ugyldig år '${badYear}' i --year; forventet f.eks. 2023, top(3) eller from(2020)`, 'BAD_YEAR');
    const opts = mapOptions(o);
    const regions = findKommuner(opts.register, o.kommune).map((k) => k.code);
    const req: FetchRequest = {
      table: o.table,
      regions,
      years,
      contents: o.contents ? list(o.contents) : undefined,
      select: parseSelect(o.select ?? []),
      regionDim: o.regionDim,
    };
    const responses = await fetchTable(req, { cacheDir: o.cache, refresh: o.refresh, log: (l) => io.err(l) });
    const imports = responses.map((r) => importJsonStat(r.url, r.text));
    emitTidy(importSsb(imports, opts), o, io, setExit, `SSB tabell ${o.table}`);
  });
};
