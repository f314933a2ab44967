import { MultiBar, Presets, SingleBar } from 'cli-progress';
import { CliIO } from '../cli/io';
import { ManifestEntry } from './manifest';
import { BatchReporter, BatchStart, BatchSummary } from './run';

/**
 * Progress of a batch: a bar (cli-progress) on an interactive terminal, one plain line per deck otherwise
 * (pipes, log files, CI=true). Failures are printed as they happen in both cases.
 */
export function createReporter(io: CliIO, stream: NodeJS.WriteStream = process.stderr): BatchReporter {
  return io.isTTY && stream.isTTY ? new BarReporter(io, stream) : new LineReporter(io);
}

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function startLine(s: BatchStart): string {
  const how = s.mode === 'threads' ? n(s.jobs, 'arbeidstråd', 'arbeidstråder') : 'i hovedtråden';
  return `Bygger ${n(s.total, 'presentasjon', 'presentasjoner')} (${n(s.kommuner, 'kommune', 'kommuner')} × ${n(s.decks, 'presentasjonsfil', 'presentasjonsfiler')}), ${how}`;
}

function entryLine(e: ManifestEntry, done: number, total: number): string {
  const head = `[${done}/${total}] ${e.kommune} ${e.kommuneName}: ${e.file}`;
  if (e.status === 'failed') return `${head}: FEILET: ${e.reason ?? ''}`;
  const w = e.warnings.length ? `, ${e.warnings.length} ${e.warnings.length === 1 ? 'advarsel' : 'advarsler'}` : '';
  if (e.status === 'skipped') return `${head}: hoppet over (${e.reason ?? 'uendret'})`;
  return `${head}: bygget (${Math.round((e.bytes ?? 0) / 1024)} kB, ${e.ms} ms${w})`;
}

class LineReporter implements BatchReporter {
  constructor(private readonly io: CliIO) {}
  start(s: BatchStart): void {
    this.io.out(startLine(s));
    for (const n of s.notes) this.io.err(`Merk: ${n}`);
  }
  done(e: ManifestEntry, done: number, total: number): void {
    if (e.status === 'failed') this.io.err(entryLine(e, done, total));
    else this.io.out(entryLine(e, done, total));
  }
  stop(): void {}
}

class BarReporter implements BatchReporter {
  private multi: MultiBar | undefined;
  private bar: SingleBar | undefined;
  constructor(
    private readonly io: CliIO,
    private readonly stream: NodeJS.WriteStream,
  ) {}
  start(s: BatchStart): void {
    this.io.err(startLine(s));
    for (const n of s.notes) this.io.err(`Merk: ${n}`);
    this.multi = new MultiBar(
      {
        stream: this.stream,
        format: ' {bar} {percentage}% | {value}/{total} | {duration_formatted} brukt, ca. {eta_formatted} igjen | {last}',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
        fps: 10,
      },
      Presets.shades_classic,
    );
    this.bar = this.multi.create(s.total, 0, { last: '' });
  }
  done(e: ManifestEntry, done: number, total: number): void {
    if (e.status === 'failed') this.multi?.log(entryLine(e, done, total) + '\n');
    this.bar?.update(done, { last: `${e.kommune} ${e.kommuneName}` });
  }
  stop(): void {
    this.multi?.stop();
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1).replace('.', ',');
}

/** The lines printed after a batch: counts, time, failures with reasons, where the manifest is. */
export function summaryLines(s: BatchSummary): string[] {
  const perSecond = s.ms > 0 ? ((s.built + s.skipped) / (s.ms / 1000)).toFixed(1).replace('.', ',') : '–';
  const lines = [
    `${s.interrupted ? `Avbrutt (${s.interrupted})` : 'Ferdig'} etter ${seconds(s.ms)} s: ${s.built} bygget, ${s.skipped} hoppet over, ${s.failed} feilet` +
      (s.interrupted ? `, ${s.total - s.entries.length} ikke påbegynt eller avbrutt` : '') +
      ` av ${s.total}; ${s.warnings} advarsler i ${s.decksWithWarnings} presentasjoner; ${perSecond} presentasjoner/s med ${s.mode === 'threads' ? n(s.jobs, 'arbeidstråd', 'arbeidstråder') : 'hovedtråden'}; topp minne ${s.peakRssMb} MB`,
  ];
  if (s.dataWarnings > 0) lines.push(`Dataene har ${s.dataWarnings} konsistensadvarsler; se kommunedeck data check`);
  const failed = s.entries.filter((e) => e.status === 'failed');
  if (failed.length) {
    lines.push(`Feilet (${failed.length}):`);
    for (const e of failed) lines.push(`  ${e.kommune} ${e.kommuneName} (${e.deck}): ${e.reason ?? ''}`);
  }
  lines.push(`Manifest: ${s.manifestFile}`);
  return lines;
}
