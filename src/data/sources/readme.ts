import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'csv-parse/sync';
import { SOURCE_MAP } from './source-map';
import { SSB_TABLES } from './ssb-tables';
import { VariableSource } from './types';

/**
 * The README's source map ("Kildekart"), generated from SOURCE_MAP so it cannot drift: one row per entry, and the
 * places where codes were confirmed listed once under the table with a number each.
 */

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Variable id -> label from data/variables.csv (read from the working directory, as `npm run docs` and the tests run). */
export function variableLabels(file = path.join(process.cwd(), 'data', 'variables.csv')): Map<string, { label: string; unit: string }> {
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return new Map(rows.map((r) => [r.id, { label: r.label, unit: r.unit }]));
}

/** Where an entry's codes were confirmed, or null. */
export function confirmedOf(src: VariableSource): string | null {
  switch (src.kind) {
    case 'ssb':
    case 'kdd':
    case 'klass':
      return src.confirmed;
    case 'derived':
    case 'document':
      return null;
  }
}

function sourceCell(src: VariableSource): string {
  switch (src.kind) {
    case 'ssb':
      return `SSB ${src.table}${src.also?.length ? ` (+ ${src.also.map((a) => a.table).join(', ')})` : ''}`;
    case 'kdd':
      return 'KDD';
    case 'klass':
      return `SSB Klass ${src.classification}`;
    case 'derived':
      return 'beregnet';
    case 'document':
      return 'kildedokument';
  }
}

function codesCell(src: VariableSource): string {
  switch (src.kind) {
    case 'ssb': {
      const parts = [`ContentsCode=${src.contents}`, ...Object.entries(src.dims ?? {}).map(([d, c]) => `${d}=${c}`)];
      if (src.each) parts.push(`${src.each.dim}=* (${Object.keys(src.each.codes).length} koder)`);
      if (src.sum?.length) parts.push(`summert over ${src.sum.join(', ')}`);
      if (src.scale !== undefined && src.scale !== 1) parts.push(`× ${String(src.scale).replace('.', ',')}`);
      if (src.yearOffset) parts.push(`tabellår = år + ${src.yearOffset}`);
      return `\`${parts.join(', ')}\`${src.note ? ` – ${src.note}` : ''}`;
    }
    case 'kdd':
      return `${src.publication}${src.note ? ` – ${src.note}` : ''}`;
    case 'klass':
      return `\`${src.request}\` – ${src.reads}`;
    case 'derived':
      return `av ${src.from.map((f) => `\`${f}\``).join(', ')} – ${src.note}`;
    case 'document':
      return `${src.documents.join('; ')}${src.candidate ? ` (mulig offentlig kilde, ikke bekreftet: ${src.candidate})` : ''}`;
  }
}

function unitOf(key: string, src: VariableSource, labels: Map<string, { label: string; unit: string }>): string {
  if ('unit' in src && src.unit !== undefined) return src.unit;
  return labels.get(key)?.unit ?? '';
}

/** Counts per kind and how many ssb/kdd/klass entries name where they were confirmed. */
export function sourceMapSummary(map: Record<string, VariableSource> = SOURCE_MAP): string {
  const byKind = new Map<string, number>();
  let confirmable = 0;
  let confirmed = 0;
  for (const src of Object.values(map)) {
    byKind.set(src.kind, (byKind.get(src.kind) ?? 0) + 1);
    if (src.kind === 'ssb' || src.kind === 'kdd' || src.kind === 'klass') {
      confirmable++;
      if (src.confirmed !== null) confirmed++;
    }
  }
  const names: Record<string, string> = { ssb: 'SSB-tabell', kdd: 'KDD', klass: 'Klass', derived: 'beregnet', document: 'bare kildedokument' };
  const kinds = ['ssb', 'kdd', 'klass', 'derived', 'document'].filter((k) => byKind.has(k)).map((k) => `${names[k]} ${byKind.get(k)}`);
  return `${Object.keys(map).length} oppføringer: ${kinds.join(', ')}. ${confirmed} av ${confirmable} offentlige kilder har bekreftede koder.`;
}

export function sourceMapMarkdown(map: Record<string, VariableSource> = SOURCE_MAP, labels = variableLabels()): string {
  const refs: string[] = [];
  const refOf = (where: string | null): string => {
    if (where === null) return 'ikke bekreftet';
    let i = refs.indexOf(where);
    if (i < 0) i = refs.push(where) - 1;
    return `[${i + 1}]`;
  };
  const lines = [sourceMapSummary(map), '', '| variabel | navn | kilde | tabell og koder | enhet | bekreftet |', '| --- | --- | --- | --- | --- | --- |'];
  for (const [key, src] of Object.entries(map)) {
    const label = labels.get(key)?.label ?? '';
    lines.push(`| \`${key}\` | ${esc(label)} | ${sourceCell(src)} | ${esc(codesCell(src))} | ${esc(unitOf(key, src, labels))} | ${src.kind === 'derived' || src.kind === 'document' ? '–' : refOf(confirmedOf(src))} |`);
  }
  lines.push('', 'SSB-tabellene:', '');
  for (const t of Object.values(SSB_TABLES)) {
    lines.push(`- **${t.id}** ${esc(t.title)} (region: \`${t.regionDim}\`, tid: \`${t.timeDim}\`${t.kostra ? ', KOSTRA: urevidert 15. mars, revidert 15. juni' : ''}) – bekreftet: ${refOf(t.confirmed)}`);
  }
  lines.push('', 'Hvor kodene er bekreftet:', '');
  refs.forEach((r, i) => lines.push(`${i + 1}. ${esc(r)}`));
  return lines.join('\n');
}
