import * as fs from 'fs';
import { METRICS } from '../metrics/registry';
import { MetricDef } from '../metrics/types';
import { TABLE_SCHEMAS } from '../data/tables';
import { sourceMapMarkdown } from '../data/sources/readme';

/**
 * Generated README sections, so documentation cannot drift from the code: the metric vocabulary and the dedicated
 * data tables. `npm run docs` rewrites them between their markers; a test fails when README.md is out of date.
 */
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function metricsMarkdown(metrics: readonly MetricDef[] = METRICS): string {
  const lines = ['| id | label | unit | kind | inputs | formula |', '| --- | --- | --- | --- | --- | --- |'];
  for (const m of metrics) {
    const inputs = m.inputs.length > 4 ? `${m.inputs.slice(0, 4).join(', ')}, … (${m.inputs.length})` : m.inputs.join(', ');
    lines.push(`| \`${m.id}\` | ${esc(m.label)} | ${esc(m.unit)} | ${m.kind} | ${esc(inputs)} | ${esc(m.formula)} |`);
  }
  return lines.join('\n');
}

export function tablesMarkdown(): string {
  const lines = ['| table (data/tables/…csv) | columns | key | what it holds |', '| --- | --- | --- | --- |'];
  for (const t of TABLE_SCHEMAS) {
    lines.push(`| \`${t.name}\` | ${t.columns.map((c) => `${c.name}${c.required ? '' : '?'} (${c.type})`).join(', ')} | ${t.key.join(', ')} | ${esc(t.description)} |`);
  }
  return lines.join('\n');
}

export const GENERATED_SECTIONS: Record<string, () => string> = {
  metrics: () => metricsMarkdown(),
  tables: () => tablesMarkdown(),
  sources: () => sourceMapMarkdown(),
};

/** Replace `<!-- generated:NAME -->…<!-- /generated:NAME -->` blocks with fresh content. */
export function updateReadme(text: string): string {
  let out = text;
  for (const [name, gen] of Object.entries(GENERATED_SECTIONS)) {
    const re = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    out = out.replace(re, (_m, open: string, close: string) => `${open}\n${gen()}\n${close}`);
  }
  return out;
}

if (require.main === module) {
  const file = process.argv[2] ?? 'README.md';
  const before = fs.readFileSync(file, 'utf8');
  const after = updateReadme(before);
  if (after !== before) fs.writeFileSync(file, after);
  process.stdout.write(after === before ? `${file} er oppdatert\n` : `skrev ${file}\n`);
}
