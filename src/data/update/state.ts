import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../import/write';

/**
 * The cache of `data update` in the data folder (`.cache/ssb/`): every answer SSB gave, and `state.json`, which
 * records each completed request (its query, SSB's `updated` time, when it was fetched, the answer's file). A run
 * that is interrupted leaves the completed requests recorded; the next run reuses them and asks only for the rest.
 *
 * A recorded answer is current until SSB's next scheduled KOSTRA publication (15 March and 15 June, the next
 * weekday when that is a weekend, at 08:00): an answer fetched before the latest such date is asked for again.
 */

export interface RequestRecord {
  table: string;
  /** answer file, relative to the cache folder */
  file: string;
  /** SSB's `updated` of the answer, when it had one */
  updated: string | null;
  /** ISO time the answer was received */
  fetchedAt: string;
  regions: string[];
}

export interface UpdateStateFile {
  version: 1;
  /** keyed by the query (the URL without the API's base address) */
  requests: Record<string, RequestRecord>;
}

export const CACHE_DIR = path.join('.cache', 'ssb');

export class UpdateState {
  readonly dir: string;
  readonly file: string;
  private state: UpdateStateFile;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, CACHE_DIR);
    this.file = path.join(this.dir, 'state.json');
    this.state = { version: 1, requests: {} };
    if (fs.existsSync(this.file)) {
      try {
        const s = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<UpdateStateFile>;
        if (s.version === 1 && s.requests && typeof s.requests === 'object') this.state = { version: 1, requests: s.requests };
      } catch {
        // a damaged state file only costs a full fetch
      }
    }
  }

  get(key: string): RequestRecord | undefined {
    return this.state.requests[key];
  }

  /** The recorded answer for a query when it is still current and its file is intact. */
  answer(key: string, now: Date): { text: string; record: RequestRecord } | undefined {
    const r = this.state.requests[key];
    if (!r || !isCurrent(r.fetchedAt, now)) return undefined;
    const f = path.join(this.dir, r.file);
    if (!fs.existsSync(f)) return undefined;
    return { text: fs.readFileSync(f, 'utf8'), record: r };
  }

  /** Store an answer and record the request as completed (both written at once, so an interruption loses nothing). */
  record(key: string, text: string, r: Omit<RequestRecord, 'file'>): RequestRecord {
    const file = `${r.table}-${createHash('sha256').update(key).digest('hex').slice(0, 24)}.json`;
    writeFileAtomic(path.join(this.dir, file), text);
    const rec = { ...r, file };
    this.state.requests[key] = rec;
    writeFileAtomic(this.file, JSON.stringify(this.state, null, 1) + '\n');
    return rec;
  }
}

/** SSB's KOSTRA publishing days of a year: 15 March and 15 June, moved to Monday from a weekend, 08:00 Norwegian time (06:00 UTC is on the safe side). */
export function publicationDates(year: number): Date[] {
  return [2, 5].map((month) => {
    const d = new Date(Date.UTC(year, month, 15, 6, 0, 0));
    const wd = d.getUTCDay();
    if (wd === 6) d.setUTCDate(d.getUTCDate() + 2);
    if (wd === 0) d.setUTCDate(d.getUTCDate() + 1);
    return d;
  });
}

/** The latest scheduled publication at or before `now`. */
export function latestPublication(now: Date): Date {
  const all = [...publicationDates(now.getUTCFullYear() - 1), ...publicationDates(now.getUTCFullYear())].filter((d) => d.getTime() <= now.getTime());
  return all[all.length - 1];
}

export function isCurrent(fetchedAt: string, now: Date): boolean {
  const t = Date.parse(fetchedAt);
  return !Number.isNaN(t) && t >= latestPublication(now).getTime();
}
