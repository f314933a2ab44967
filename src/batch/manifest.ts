import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../util/atomic';
import { JobStatus } from './job';

/**
 * `manifest.json` in a batch's output folder: one entry per deck file, saying what the batch did with it. It is
 * rewritten atomically as decks finish, so an interrupted batch leaves a manifest that matches the files on disk.
 * Entries of earlier runs for decks this run did not touch are kept (the files are still there).
 */
export interface ManifestEntry {
  /** kommunenummer */
  kommune: string;
  kommuneName: string;
  /** the deck file as given on the command line */
  deck: string;
  /** file name in the output folder */
  file: string;
  status: JobStatus;
  /** why it failed or was skipped */
  reason?: string;
  warnings: string[];
  /** sha256 over the data rows the deck read, the deck and theme files, the options and the tool version */
  inputsHash?: string;
  /** size of the file in bytes (for skipped decks: the existing file) */
  bytes?: number;
  /** time spent on this deck in this run */
  ms: number;
}

export interface Manifest {
  manifestVersion: 1;
  tool: string;
  /** when this manifest was last written (ISO) */
  updated: string;
  /** false while the batch runs and when it was interrupted */
  complete: boolean;
  /** the signal that stopped the batch, if any */
  interrupted?: string;
  dataDir: string;
  decks: ManifestEntry[];
}

export const MANIFEST_FILE = 'manifest.json';

/** Read an earlier manifest; undefined when there is none or it cannot be read (then nothing is skipped). */
export function readManifest(outDir: string): Manifest | undefined {
  const file = path.join(outDir, MANIFEST_FILE);
  if (!fs.existsSync(file)) return undefined;
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
    if (m.manifestVersion !== 1 || !Array.isArray(m.decks)) return undefined;
    return m;
  } catch {
    return undefined;
  }
}

/** The manifest as the batch goes: earlier entries, replaced by this run's as they come in. */
export class ManifestWriter {
  private readonly entries = new Map<string, ManifestEntry>();
  private lastWrite = 0;
  private dirty = false;

  constructor(
    readonly outDir: string,
    private readonly head: Omit<Manifest, 'decks' | 'updated' | 'complete' | 'interrupted'>,
    previous: Manifest | undefined,
    /** write at most this often while decks come in (ms); finish() always writes */
    private readonly minInterval = 250,
  ) {
    for (const e of previous?.decks ?? []) this.entries.set(e.file, e);
  }

  get file(): string {
    return path.join(this.outDir, MANIFEST_FILE);
  }

  previous(file: string): ManifestEntry | undefined {
    return this.entries.get(file);
  }

  add(entry: ManifestEntry): void {
    this.entries.set(entry.file, entry);
    this.dirty = true;
    if (Date.now() - this.lastWrite >= this.minInterval) this.write(false);
  }

  finish(interrupted?: string): void {
    this.write(!interrupted, interrupted);
  }

  snapshot(complete: boolean, interrupted?: string): Manifest {
    const decks = [...this.entries.values()].sort((a, b) => a.file.localeCompare(b.file));
    return { ...this.head, updated: new Date().toISOString(), complete, ...(interrupted ? { interrupted } : {}), decks };
  }

  private write(complete: boolean, interrupted?: string): void {
    writeFileAtomic(this.file, JSON.stringify(this.snapshot(complete, interrupted), null, 2) + '\n');
    this.lastWrite = Date.now();
    this.dirty = false;
  }

  get pending(): boolean {
    return this.dirty;
  }
}
