import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { UserError } from '../../src/errors';
import { batches, buildDataUrl, cacheFile, describeHttpError, fetchTable, mapLimit, retryAfterMs } from '../../src/data/fetch/pxwebapi';
import { readRegisterFile } from '../../src/data/register';
import { runCli } from '../../src/cli/main';
import { CliIO } from '../../src/cli/io';
import { loopbackOnlyFetch } from '../helpers/loopback';

/**
 * Every request in this file goes to a node:http server on 127.0.0.1 that serves recorded SSB answers;
 * fetch itself is wrapped so that any other host fails the test.
 */
const FIX = path.resolve(__dirname, '..', 'fixtures', 'ssb');
const SAMPLE_TEXT = fs.readFileSync(path.join(FIX, 'pxwebapi-v2-table-12134-frie-inntekter-2024.jsonstat2.json'), 'utf8');
const ERRORS = JSON.parse(fs.readFileSync(path.join(FIX, 'pxwebapi-v2-error-responses.json'), 'utf8')) as {
  requests: { smoke: string };
  errors: { request: string; http_status: number; body: { title: string } }[];
};
const register = readRegisterFile();

type Handler = (req: http.IncomingMessage, url: URL, n: number) => { status: number; body: string; headers?: Record<string, string>; delayMs?: number };

interface TestServer {
  base: string;
  requests: URL[];
  maxInFlight: number;
  handler: Handler;
}

let server: http.Server;
const state: TestServer = { base: '', requests: [], maxInFlight: 0, handler: () => ({ status: 500, body: '' }) };
let inFlight = 0;
let restoreFetch: () => void;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', state.base);
    state.requests.push(url);
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const answer = state.handler(req, url, state.requests.length);
    setTimeout(() => {
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
      res.end(answer.body, () => {
        inFlight--;
      });
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/pxwebapi/v2`;
  restoreFetch = loopbackOnlyFetch();
});

afterAll(async () => {
  restoreFetch();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  state.requests = [];
  state.maxInFlight = 0;
  inFlight = 0;
  process.env.KOMMUNEDECK_SSB_URL = state.base;
  process.env.KOMMUNEDECK_SSB_RETRY_MS = '5';
});

afterEach(() => {
  delete process.env.KOMMUNEDECK_SSB_URL;
  delete process.env.KOMMUNEDECK_SSB_RETRY_MS;
});

/** A JSON-stat2 answer shaped like the recorded one, for the regions/years the request asks for. */
function answerFor(url: URL): string {
  const doc = JSON.parse(SAMPLE_TEXT);
  const regions = (url.searchParams.get('valuecodes[KOKkommuneregion0000]') ?? '').split(',');
  const years = (url.searchParams.get('valuecodes[Tid]') ?? '').split(',');
  const reg = doc.dimension.KOKkommuneregion0000.category;
  reg.index = Object.fromEntries(regions.map((c, i) => [c, i]));
  reg.label = Object.fromEntries(regions.map((c) => [c, register.get(c)?.name ?? c]));
  const tid = doc.dimension.Tid.category;
  tid.index = Object.fromEntries(years.map((y, i) => [y, i]));
  tid.label = Object.fromEntries(years.map((y) => [y, y]));
  doc.size = [regions.length, 1, years.length];
  doc.value = regions.flatMap((c) => years.map((y) => Number(c.replace(/\D/g, '') || 0) + Number(y)));
  return JSON.stringify(doc);
}

function capture(): CliIO & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l), isTTY: false };
}

const req = (regions: string[], years = ['2024']) => ({ table: '12134', regions, years, contents: ['KOSAG110000'] });

test('the URL has the shape of the recorded request', () => {
  const recorded = new URL(ERRORS.requests.smoke);
  const built = new URL(buildDataUrl('https://data.ssb.no/api/pxwebapi/v2', req(['0301', '4601', '5001']), ['0301', '4601', '5001']));
  expect(built.pathname).toBe(recorded.pathname);
  expect([...built.searchParams].sort()).toEqual([...recorded.searchParams].sort());
  expect(buildDataUrl('http://x', { table: '07459', regions: ['1837'], years: ['top(3)'], select: { Alder: ['105+'], Kjonn: ['1', '2'] } }, ['1837'])).toBe(
    'http://x/tables/07459/data?lang=no&format=json-stat2&valuecodes[Region]=1837&valuecodes[ContentsCode]=*&valuecodes[Tid]=top(3)&valuecodes[Alder]=105%2B&valuecodes[Kjonn]=1,2',
  );
});

test('helpers: batches, Retry-After, bounded parallelism', async () => {
  expect(batches([...Array(120).keys()], 50).map((b) => b.length)).toEqual([50, 50, 20]);
  expect(retryAfterMs('2')).toBe(2000);
  expect(retryAfterMs(new Date(10_000).toUTCString(), 7_000)).toBe(3000);
  expect(retryAfterMs(null)).toBeUndefined();
  let running = 0;
  let peak = 0;
  const out = await mapLimit([5, 1, 3, 2, 4], 2, async (x) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, x * 5));
    running--;
    return x * 10;
  });
  expect(out).toEqual([50, 10, 30, 20, 40]);
  expect(peak).toBe(2);
  expect(cacheFile('/c', 'http://h/tables/12134/data?a')).toMatch(/^\/c\/12134-[0-9a-f]{32}\.json$/);
});

test('fetches the recorded answer and imports it (CLI)', async () => {
  state.handler = () => ({ status: 200, body: SAMPLE_TEXT });
  const io = capture();
  const code = await runCli(['fetch', '--table', '12134', '--kommune', 'Oslo,4601,Trondheim', '--year', '2024', '--contents', 'KOSAG110000'], io);
  expect(io.errLines.filter((l) => l.startsWith('Feil'))).toEqual([]);
  expect(code).toBe(0);
  expect(state.requests).toHaveLength(1);
  const recorded = new URL(ERRORS.requests.smoke);
  expect(state.requests[0].pathname).toBe(recorded.pathname);
  expect([...state.requests[0].searchParams].sort()).toEqual([...recorded.searchParams].sort());
  // SSB 12134 KOSAG110000 2024, recorded: Oslo 81 240, Bergen 66 605, Trondheim 62 853 kr
  expect(io.outLines.join('\n').split('\n').slice(2)).toEqual([
    '0301,2024,kostra.frie_inntekter_kpi,81240,kr per innb,SSB 12134',
    '4601,2024,kostra.frie_inntekter_kpi,66605,kr per innb,SSB 12134',
    '5001,2024,kostra.frie_inntekter_kpi,62853,kr per innb,SSB 12134',
  ]);
});

test('120 regions go in 3 requests of at most 50, never more than 2 at a time', async () => {
  const codes = [...register.values()].filter((k) => k.kind === 'kommune').slice(0, 120).map((k) => k.code);
  state.handler = (_r, url) => ({ status: 200, body: answerFor(url), delayMs: 150 });
  const responses = await fetchTable(req(codes, ['2023', '2024']));
  expect(state.requests).toHaveLength(3);
  const asked = state.requests.map((u) => (u.searchParams.get('valuecodes[KOKkommuneregion0000]') ?? '').split(','));
  expect(asked.map((a) => a.length).sort((a, b) => b - a)).toEqual([50, 50, 20]);
  expect(asked.flat().sort()).toEqual([...codes].sort());
  expect(state.maxInFlight).toBe(2);
  expect(responses.map((r) => r.regions.length)).toEqual([50, 50, 20]);
});

test('the CLI imports all batches into one sorted CSV', async () => {
  const codes = [...register.values()].filter((k) => k.kind === 'kommune').slice(0, 120).map((k) => k.code);
  state.handler = (_r, url) => ({ status: 200, body: answerFor(url), delayMs: 20 });
  const io = capture();
  expect(await runCli(['fetch', '--table', '12134', '--kommune', codes.join(','), '--year', '2023,2024', '--contents', 'KOSAG110000'], io)).toBe(0);
  const rows = io.outLines.join('\n').split('\n').slice(2);
  expect(rows).toHaveLength(240);
  expect(rows[0]).toBe(`${codes[0]},2023,kostra.frie_inntekter_kpi,${Number(codes[0]) + 2023},kr per innb,SSB 12134`);
  expect(state.maxInFlight).toBeLessThanOrEqual(2);
});

test('HTTP 429 is retried after Retry-After, then the 200 is used', async () => {
  state.handler = (_r, url, n) => (n === 1 ? { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '1' } } : { status: 200, body: answerFor(url) });
  const log: string[] = [];
  const t0 = Date.now();
  const responses = await fetchTable(req(['1837']), { log: (l) => log.push(l) });
  expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  expect(state.requests).toHaveLength(2);
  expect(JSON.parse(responses[0].text).value).toEqual([1837 + 2024]);
  expect(log).toContain('  SSB svarte 429 (for mange forespørsler); venter 1,0 s og prøver igjen (1/5)');
});

test('HTTP 429 without Retry-After backs off exponentially, and gives up after the bounded retries', async () => {
  state.handler = () => ({ status: 429, body: '' });
  const t0 = Date.now();
  const err = await fetchTable(req(['1837']), { maxRetries: 3, retryBaseMs: 20 }).catch((e) => e);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(20 + 40 + 80 - 10);
  expect(err).toBeInstanceOf(UserError);
  expect(err.message).toMatch(/^SSB svarer fortsatt HTTP 429 \(for mange forespørsler\) etter 4 forsøk; vent litt og prøv igjen\nAdresse: http:\/\/127\.0\.0\.1:\d+\/api\/pxwebapi\/v2\/tables\/12134\/data\?/);
  expect(state.requests).toHaveLength(4);
});

describe('SSB error bodies become bokmål messages', () => {
  const body = (request: string) => {
    const e = ERRORS.errors.find((x) => x.request === request)!;
    return { status: e.http_status, body: JSON.stringify(e.body) };
  };

  test('unknown table', async () => {
    state.handler = () => body('ugyldig tabell-ID');
    const io = capture();
    expect(await runCli(['fetch', '--table', '99999', '--kommune', '1837', '--year', '2024'], io)).toBe(1);
    expect(io.errLines.join('\n')).toMatch(/^Feil: tabell 99999 finnes ikke i SSBs statistikkbank \(HTTP 400: Non-existent table\); sjekk tabellnummeret i --table\nAdresse: http:\/\/127\.0\.0\.1:\d+\/api\/pxwebapi\/v2\/tables\/99999\/data\?/m);
    expect(state.requests).toHaveLength(1);
  });

  test('unknown value (region, year or ContentsCode)', async () => {
    state.handler = () => body('ugyldig kommune-kode');
    const io = capture();
    expect(await runCli(['fetch', '--table', '12134', '--kommune', '1837,1820', '--year', '2024', '--contents', 'KOSAG110000'], io)).toBe(1);
    expect(io.errLines.join('\n')).toContain(
      'Feil: SSB kjenner ikke en av kodene i spørringen mot tabell 12134 (HTTP 400: Non-existent value). Sjekk kommunenumrene (1837, 1820), årene (2024) og --contents (KOSAG110000); en kommune eller et år uten tall i tabellen gir også denne feilen',
    );
  });

  test('missing mandatory selection', async () => {
    state.handler = () => body('manglende mandatory');
    const io = capture();
    expect(await runCli(['fetch', '--table', '12362', '--kommune', '1837', '--year', '2024'], io)).toBe(1);
    expect(io.errLines.join('\n')).toContain('Feil: tabell 12362 krever et utvalg for hver obligatoriske variabel (HTTP 400: Missing selection for mandantory variable); oppgi de som mangler med --select DIM=kode,kode');
  });

  test('every recorded error body gets a message naming the URL', () => {
    for (const e of ERRORS.errors) {
      const m = describeHttpError(e.http_status, JSON.stringify(e.body), 'http://127.0.0.1/x', req(['1837']), ['1837']);
      expect(m).not.toMatch(/^SSB svarte HTTP/);
      expect(m).toMatch(/\nAdresse: http:\/\/127\.0\.0\.1\/x$/);
    }
  });
});

test('offline: a refused connection is a clear message naming the URL', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  process.env.KOMMUNEDECK_SSB_URL = `http://127.0.0.1:${port}/api/pxwebapi/v2`;
  const io = capture();
  expect(await runCli(['fetch', '--table', '12134', '--kommune', '1837', '--year', '2024'], io)).toBe(1);
  expect(io.errLines.join('\n')).toContain(
    `Feil: fikk ikke kontakt med SSB (ECONNREFUSED) på http://127.0.0.1:${port}/api/pxwebapi/v2/tables/12134/data?lang=no&format=json-stat2&valuecodes[KOKkommuneregion0000]=1837&valuecodes[ContentsCode]=*&valuecodes[Tid]=2024\nEr maskinen på nett?`,
  );
});

test('raw answers are cached on disk by URL; --refresh fetches again', async () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-cache-'));
  try {
    state.handler = (_r, url) => ({ status: 200, body: answerFor(url) });
    const args = ['fetch', '--table', '12134', '--kommune', '1837,1820', '--year', '2023', '--contents', 'KOSAG110000', '--cache', cache];
    const first = capture();
    expect(await runCli(args, first)).toBe(0);
    expect(state.requests).toHaveLength(1);
    const files = fs.readdirSync(cache);
    expect(files).toHaveLength(1);
    expect(fs.readFileSync(path.join(cache, files[0]), 'utf8')).toBe(answerFor(state.requests[0]));
    const second = capture();
    expect(await runCli(args, second)).toBe(0);
    expect(state.requests).toHaveLength(1);
    expect(second.outLines).toEqual(first.outLines);
    expect(second.errLines.some((l) => l.includes('fra hurtigbufferen'))).toBe(true);
    expect(await runCli([...args, '--refresh'], capture())).toBe(0);
    expect(state.requests).toHaveLength(2);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
});

test('a truncated 200 answer is an error and is not cached', async () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-cache-'));
  try {
    state.handler = () => ({ status: 200, body: SAMPLE_TEXT.slice(0, 1500) });
    const io = capture();
    expect(await runCli(['fetch', '--table', '12134', '--kommune', '0301', '--year', '2024', '--cache', cache], io)).toBe(1);
    expect(io.errLines.join('\n')).toMatch(/ugyldig JSON .*filen ser avkuttet ut/);
    expect(fs.readdirSync(cache)).toEqual([]);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
});

test('bad options are user errors before any request', async () => {
  for (const [args, msg] of [
    [['--kommune', '1837', '--year', '2024'], 'Feil: mangler --table; f.eks. --table 12134'],
    [['--table', '12134', '--year', '2024'], 'Feil: mangler --kommune'],
    [['--table', '12134', '--kommune', '1837'], 'Feil: mangler --year'],
    [['--table', '1213', '--kommune', '1837', '--year', '2024'], "Feil: ugyldig tabellnummer '1213'"],
    [['--table', '12134', '--kommune', '1837', '--year', '24'], "Feil: ugyldig år '24' i --year"],
    [['--table', '12134', '--kommune', 'Melöyy', '--year', '2024'], "Feil: fant ingen kommune som heter 'Melöyy'; mente du 1837 Meløy"],
    [['--table', '12134', '--kommune', '1837', '--year', '2024', '--select', 'KOKart0000'], "Feil: ugyldig --select 'KOKart0000'"],
  ] as [string[], string][]) {
    const io = capture();
    expect(await runCli(['fetch', ...args], io)).toBe(1);
    expect(io.errLines.join('\n')).toContain(msg);
  }
  expect(state.requests).toHaveLength(0);
});
