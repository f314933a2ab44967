import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../errors';
import { readJsonStat } from '../import/jsonstat';
import { writeFileAtomic } from '../import/write';

/**
 * Client for SSB's PxWebApi v2:
 *   GET {base}/tables/{id}/data?lang=no&format=json-stat2&valuecodes[DIM]=a,b
 * Region codes go in batches (at most 50 a request: longer URLs are refused), at most 2 requests run at a time
 * (about 3 parallel requests trigger HTTP 429), 429 and 502/503/504 are retried with exponential back-off that
 * respects Retry-After, and error bodies become bokmål messages. Raw responses can be cached on disk, keyed by URL.
 */

export const DEFAULT_SSB_URL = 'https://data.ssb.no/api/pxwebapi/v2';

/** The region dimension of tables that do not use KOSTRA's KOKkommuneregion0000. */
export const REGION_DIMENSIONS: Record<string, string> = {
  '07459': 'Region',
  '14288': 'Region',
};

export interface FetchRequest {
  table: string;
  /** region codes (kommunenummer, EAK, EKGnn) */
  regions: string[];
  /** years or value expressions (`2023`, `top(3)`, `from(2020)`) for Tid */
  years: string[];
  /** ContentsCode values; default every one (`*`) */
  contents?: string[];
  /** other dimensions: DIM -> codes */
  select?: Record<string, string[]>;
  /** default from REGION_DIMENSIONS, else KOKkommuneregion0000 */
  regionDim?: string;
}

export interface FetchOptions {
  /** default: env KOMMUNEDECK_SSB_URL, else https://data.ssb.no/api/pxwebapi/v2 */
  baseUrl?: string;
  cacheDir?: string;
  /** ignore cached responses (they are rewritten) */
  refresh?: boolean;
  batchSize?: number;
  concurrency?: number;
  /** retries after the first attempt, for 429 / 5xx / a dropped connection */
  maxRetries?: number;
  /** first back-off delay; doubles each retry. Default 1000 ms, or env KOMMUNEDECK_SSB_RETRY_MS */
  retryBaseMs?: number;
  /** longest wait a Retry-After header may ask for */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
  /** a stored answer the caller wants reused for this URL instead of asking SSB (asked before the disk cache) */
  reuse?: (url: string) => string | undefined;
  /** called as each request is answered (from SSB, the cache or `reuse`), e.g. to record it in a state file */
  onResponse?: (r: FetchedResponse) => void;
  /** longest URL to send; a batch takes fewer regions when its URL would be longer (default 4000: SSB answers 404 above about 4 000) */
  maxUrlLength?: number;
  /**
   * HTTP 400 "Non-existent value" (a region the table does not have): split the batch in two and ask again; a single
   * region SSB does not know is left out and reported through onSkip instead of failing the table.
   */
  splitUnknown?: boolean;
  onSkip?: (region: string, message: string) => void;
}

export interface FetchedResponse {
  url: string;
  text: string;
  fromCache: boolean;
  /** the region codes of this request */
  regions: string[];
}

/** SSB's classification API (Klass): KOSTRA group membership (Klass 112) comes from here. */
export const DEFAULT_KLASS_URL = 'https://data.ssb.no/api/klass/v1';

/** The Klass base address: the option, else env KOMMUNEDECK_KLASS_URL, else https://data.ssb.no/api/klass/v1. */
export function klassBaseUrl(opt?: string): string {
  return (opt ?? process.env.KOMMUNEDECK_KLASS_URL ?? DEFAULT_KLASS_URL).replace(/\/+$/, '');
}

export function ssbBaseUrl(opt?: string): string {
  return (opt ?? process.env.KOMMUNEDECK_SSB_URL ?? DEFAULT_SSB_URL).replace(/\/+$/, '');
}

function encodeCodes(codes: string[]): string {
  // encodeURIComponent keeps ( ) * for value expressions and turns "105+" into "105%2B"
  return codes.map((c) => encodeURIComponent(c)).join(',');
}

/** The data URL for one batch of regions. Dimension order is fixed (region, ContentsCode, Tid, the rest sorted) so the cache key is stable. */
export function buildDataUrl(base: string, req: FetchRequest, regions: string[]): string {
  const regionDim = req.regionDim ?? REGION_DIMENSIONS[req.table] ?? 'KOKkommuneregion0000';
  const parts: [string, string[]][] = [
    [regionDim, regions],
    ['ContentsCode', req.contents && req.contents.length > 0 ? req.contents : ['*']],
    ['Tid', req.years],
  ];
  for (const dim of Object.keys(req.select ?? {}).sort()) parts.push([dim, (req.select as Record<string, string[]>)[dim]]);
  const query = parts.map(([dim, codes]) => `&valuecodes[${dim}]=${encodeCodes(codes)}`).join('');
  return `${base}/tables/${encodeURIComponent(req.table)}/data?lang=no&format=json-stat2${query}`;
}

/** Region batches of at most `size` whose data URLs stay within `maxUrlLength` characters. */
export function regionBatches(base: string, req: FetchRequest, size: number, maxUrlLength: number): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const region of req.regions) {
    const next = [...current, region];
    if (current.length > 0 && (next.length > size || buildDataUrl(base, req, next).length > maxUrlLength)) {
      out.push(current);
      current = [region];
    } else current = next;
  }
  if (current.length > 0) out.push(current);
  const tooLong = out.find((b) => buildDataUrl(base, req, b).length > maxUrlLength);
  if (tooLong) {
    throw new UserError(
      `spørringen mot tabell ${req.table} blir ${buildDataUrl(base, req, tooLong).length} tegn lang selv med én region (grensen er ${maxUrlLength}); be om færre koder`,
      'URL_TOO_LONG',
    );
  }
  return out;
}

/** SSB's "updated" timestamp of a JSON-stat2 answer (the dataset's `updated`), when it has one. */
export function jsonStatUpdated(text: string): string | undefined {
  try {
    const doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as { updated?: unknown; dataset?: { updated?: unknown } };
    const u = doc.updated ?? doc.dataset?.updated;
    return typeof u === 'string' && u.trim() !== '' ? u : undefined;
  } catch {
    return undefined;
  }
}

export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Run `fn` over items with at most `limit` running at once; results keep the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function cacheFile(cacheDir: string, url: string): string {
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 32);
  const table = /\/tables\/([^/]+)\/data/.exec(url)?.[1] ?? 'ssb';
  return path.join(cacheDir, `${table}-${hash}.json`);
}

/** Retry-After as milliseconds: seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const h = header.trim();
  if (/^\d+(\.\d+)?$/.test(h)) return Math.round(Number(h) * 1000);
  const t = Date.parse(h);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A bokmål message for an SSB error answer (HTTP 400/404 with `{"type","title","status"}`). */
export function describeHttpError(status: number, body: string, url: string, req: FetchRequest, regions: string[]): string {
  let title = '';
  try {
    const j = JSON.parse(body) as { title?: unknown; type?: unknown };
    if (typeof j.title === 'string') title = j.title;
  } catch {
    title = body.trim().slice(0, 200);
  }
  const where = `\nAdresse: ${url}`;
  const t = title.toLowerCase();
  if (t.includes('non-existent table') || (status === 404 && t.includes('table'))) {
    return `tabell ${req.table} finnes ikke i SSBs statistikkbank (HTTP ${status}: ${title}); sjekk tabellnummeret i --table${where}`;
  }
  if (t.includes('non-existent value')) {
    const shown = regions.length > 8 ? `${regions.slice(0, 8).join(', ')} … (${regions.length} i alt)` : regions.join(', ');
    return (
      `SSB kjenner ikke en av kodene i spørringen mot tabell ${req.table} (HTTP ${status}: ${title}). ` +
      `Sjekk kommunenumrene (${shown}), årene (${req.years.join(', ')})` +
      `${req.contents ? ` og --contents (${req.contents.join(', ')})` : ''}${req.select ? ' og --select' : ''}; ` +
      `en kommune eller et år uten tall i tabellen gir også denne feilen${where}`
    );
  }
  if (t.includes('missing selection') || t.includes('mandatory') || t.includes('mandantory')) {
    return (
      `tabell ${req.table} krever et utvalg for hver obligatoriske variabel (HTTP ${status}: ${title}); ` +
      `oppgi de som mangler med --select DIM=kode,kode (f.eks. --select KOKfunksjon0000=FG2 --select KOKart0000=AGD2)${where}`
    );
  }
  if (status === 404 && url.length > 3500) {
    return `SSB svarte 404 på en ${url.length} tegn lang adresse; bruk færre koder per forespørsel${where}`;
  }
  if (status === 403 && t.includes('cell')) {
    return `spørringen gir for mange celler for SSB (HTTP 403: ${title}); be om færre år eller variabler${where}`;
  }
  return `SSB svarte HTTP ${status}${title ? `: ${title}` : ''}${where}`;
}

function networkCode(e: unknown): string | undefined {
  const err = e as { name?: string; code?: string; cause?: { code?: string; name?: string; errors?: { code?: string }[] } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'TIMEOUT';
  return err?.cause?.code ?? err?.cause?.errors?.[0]?.code ?? err?.code ?? err?.cause?.name;
}

/** An error answer from SSB (HTTP 4xx/5xx that is not retried), with the status and SSB's title kept for the caller. */
export class SsbHttpError extends UserError {
  constructor(
    message: string,
    readonly status: number,
    readonly title: string,
  ) {
    super(message, 'SSB_HTTP');
    this.name = 'UserError';
  }

  /** SSB does not know one of the codes (typically a region the table lacks). */
  get unknownValue(): boolean {
    return /non-existent value/i.test(this.title);
  }
}

function titleOf(body: string): string {
  try {
    const j = JSON.parse(body) as { title?: unknown };
    return typeof j.title === 'string' ? j.title : '';
  } catch {
    return body.trim().slice(0, 200);
  }
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);
const RETRY_NETWORK = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

/** GET one URL with retries; returns the body of a 200 answer or throws a UserError. */
export async function getWithRetry(url: string, req: FetchRequest, regions: string[], opts: FetchOptions = {}): Promise<string> {
  const maxRetries = opts.maxRetries ?? 5;
  const base = opts.retryBaseMs ?? (process.env.KOMMUNEDECK_SSB_RETRY_MS !== undefined ? Number(process.env.KOMMUNEDECK_SSB_RETRY_MS) : 1000);
  const maxAfter = opts.maxRetryAfterMs ?? 60_000;
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000) });
    } catch (e) {
      const code = networkCode(e) ?? 'ukjent feil';
      if (RETRY_NETWORK.has(code) && attempt < maxRetries) {
        await sleep(base * 2 ** attempt);
        continue;
      }
      throw new UserError(
        `fikk ikke kontakt med SSB (${code}) på ${url}\n` +
          'Er maskinen på nett? Uten nett: last ned tabellen fra statistikkbanken (CSV eller JSON-stat2) og bruk "kommunedeck import ssb <fil>".',
        'OFFLINE',
      );
    }
    const body = await res.text();
    if (res.ok) return body;
    if (RETRY_STATUS.has(res.status) && attempt < maxRetries) {
      const after = retryAfterMs(res.headers.get('retry-after'));
      const wait = after !== undefined ? Math.min(after, maxAfter) : base * 2 ** attempt;
      opts.log?.(`  SSB svarte ${res.status}${res.status === 429 ? ' (for mange forespørsler)' : ''}; venter ${(wait / 1000).toFixed(1).replace('.', ',')} s og prøver igjen (${attempt + 1}/${maxRetries})`);
      await sleep(wait);
      continue;
    }
    if (RETRY_STATUS.has(res.status)) {
      throw new UserError(
        `SSB svarer fortsatt HTTP ${res.status}${res.status === 429 ? ' (for mange forespørsler)' : ''} etter ${maxRetries + 1} forsøk; vent litt og prøv igjen\nAdresse: ${url}`,
        'SSB_BUSY',
      );
    }
    throw new SsbHttpError(describeHttpError(res.status, body, url, req, regions), res.status, titleOf(body));
  }
}

/**
 * Fetch a table for a list of regions: one request per batch of regions (at most 50, and short enough URLs), at most
 * `concurrency` at a time, each answer checked as JSON-stat before it is cached.
 */
export async function fetchTable(req: FetchRequest, opts: FetchOptions = {}): Promise<FetchedResponse[]> {
  if (!/^\d{5}$/.test(req.table)) throw new UserError(`ugyldig tabellnummer '${req.table}'; forventet fem siffer, f.eks. 12134`, 'BAD_TABLE');
  if (req.regions.length === 0) throw new UserError('ingen regioner å hente', 'NO_REGIONS');
  if (req.years.length === 0) throw new UserError('ingen år å hente; bruk f.eks. --year 2022,2023', 'NO_YEARS');
  const base = ssbBaseUrl(opts.baseUrl);
  const size = Math.max(1, Math.min(opts.batchSize ?? 50, 50));
  const groups = regionBatches(base, req, size, opts.maxUrlLength ?? 4000);
  opts.log?.(`Henter tabell ${req.table} fra ${base}: ${req.regions.length} regioner i ${groups.length} forespørsel${groups.length === 1 ? '' : 'er'}`);

  const one = async (regions: string[], label: string): Promise<FetchedResponse[]> => {
    const url = buildDataUrl(base, req, regions);
    const reused = opts.reuse?.(url);
    if (reused !== undefined && !opts.refresh) {
      const r = { url, text: reused, fromCache: true, regions };
      opts.onResponse?.(r);
      return [r];
    }
    const cached = opts.cacheDir ? cacheFile(opts.cacheDir, url) : undefined;
    if (cached && !opts.refresh && !opts.reuse && fs.existsSync(cached)) {
      opts.log?.(`  [${label}] fra hurtigbufferen ${cached}`);
      const r = { url, text: fs.readFileSync(cached, 'utf8'), fromCache: true, regions };
      opts.onResponse?.(r);
      return [r];
    }
    let text: string;
    try {
      text = await getWithRetry(url, req, regions, opts);
    } catch (e) {
      if (!(opts.splitUnknown && e instanceof SsbHttpError && e.status === 400 && e.unknownValue)) throw e;
      if (regions.length === 1) {
        opts.onSkip?.(regions[0], `SSB har ikke ${regions[0]} i tabell ${req.table} (HTTP 400: ${e.title})`);
        return [];
      }
      // one code SSB does not know fails the whole batch: ask for each half, down to single regions
      const mid = Math.ceil(regions.length / 2);
      return [...(await one(regions.slice(0, mid), `${label}a`)), ...(await one(regions.slice(mid), `${label}b`))];
    }
    readJsonStat(url, text); // a broken answer is reported now and never cached
    if (cached) writeFileAtomic(cached, text);
    opts.log?.(`  [${label}] hentet ${regions.length} regioner`);
    const r = { url, text, fromCache: false, regions };
    opts.onResponse?.(r);
    return [r];
  };

  // after a failure no new batch is started, and the error is thrown once the batches under way have settled
  // (so a caller that goes on to the next table never has more than `concurrency` requests in flight)
  let failure: { error: unknown } | undefined;
  const results = await mapLimit(groups, Math.max(1, Math.min(opts.concurrency ?? 2, 2)), async (regions, i) => {
    if (failure) return [];
    try {
      return await one(regions, `${i + 1}/${groups.length}`);
    } catch (e) {
      failure ??= { error: e };
      return [];
    }
  });
  if (failure) throw failure.error;
  return results.flat();
}

/**
 * GET one Klass request (`path` after the base address, e.g. `/classifications/112/correspondsAt?...`) as JSON, with
 * the same retries and offline message as the statbank requests. An error answer becomes a bokmål message naming
 * the classification; 404 means Klass has no version (or correspondence) for the date.
 */
export async function fetchKlass(path: string, opts: Pick<FetchOptions, 'baseUrl' | 'maxRetries' | 'retryBaseMs' | 'maxRetryAfterMs' | 'timeoutMs' | 'log'> = {}): Promise<{ url: string; text: string }> {
  const url = `${klassBaseUrl(opts.baseUrl)}${path}`;
  const classification = /\/classifications\/(\d+)/.exec(path)?.[1] ?? '?';
  const req: FetchRequest = { table: `Klass ${classification}`, regions: [], years: [] };
  try {
    const text = await getWithRetry(url, req, [], opts);
    return { url, text };
  } catch (e) {
    if (!(e instanceof SsbHttpError)) throw e;
    const date = /[?&]date=([^&]+)/.exec(path)?.[1];
    const what = e.status === 404 ? `Klass har ingen versjon av klassifikasjon ${classification}${date ? ` for ${date}` : ''} (HTTP 404)` : `Klass svarte HTTP ${e.status}${e.title ? `: ${e.title}` : ''}`;
    throw new SsbHttpError(`${what}\nAdresse: ${url}`, e.status, e.title);
  }
}
