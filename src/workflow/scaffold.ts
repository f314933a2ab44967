import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_TARGETS } from '../analysis/finans';
import { Dataset } from '../data/dataset';
import { datasetFor } from '../data/load';
import { findKommune, findKommuner } from '../data/register';
import { UserError } from '../errors';
import { writeFileAtomic } from '../util/atomic';
import { parse as parseYaml } from 'yaml';
import { ruleReferences } from '../deck/references';
import { deckName } from './comments';
import { commentsFileText } from './comments-file';
import { DEFAULT_DECK, resolveWithFigures } from './resolved';

/**
 * `kommunedeck init <mappe> --kommune X`: a client folder for one kommune, ready to adapt:
 *
 *   <mappe>/README.md                          what to do before the council meeting (bokmål)
 *   <mappe>/<deck>.yaml                        a copy of the deck, with the kommune's reference kommuner
 *   <mappe>/kob_mal.csv                        the kommune's KØB targets, in data/tables/kob_mal.csv format
 *   <mappe>/kommentarer/<nr>-<deck>.yaml       the consultant's comments (as `comments init` writes it)
 *
 * Existing files are never overwritten: they are left as they are and reported.
 */
export interface ScaffoldOptions {
  folder: string;
  kommune: string;
  deckFile?: string;
  year?: number;
  refs?: string;
  dataDir?: string;
}

export interface ScaffoldResult {
  written: string[];
  kept: string[];
  refs: { code: string; name: string }[];
  /** how the references were chosen */
  refsFrom: 'ref' | 'deck' | 'rule' | 'kostragruppe' | 'none';
}

/** The kommune's KOSTRA group (newest year listed) and its members nearest in population. */
export function groupSuggestions(dataset: Dataset, kommune: string, n = 3): { group?: string; year?: number; members: string[] } {
  const rows = dataset.table('kostragruppe_medlemskap', { kommune });
  if (!rows.length) return { members: [] };
  const newest = rows.reduce((a, b) => (Number(b.values.year) > Number(a.values.year) ? b : a));
  const year = Number(newest.values.year);
  const group = String(newest.values.gruppe);
  const population = (code: string) => {
    const s = dataset.series(code, 'kostra.innbyggere').filter((o) => o.value !== null);
    return s.length ? (s[s.length - 1].value as number) : undefined;
  };
  const own = population(kommune);
  const members = dataset
    .table('kostragruppe_medlemskap', { year, gruppe: group })
    .map((r) => String(r.values.kommune))
    .filter((c) => c !== kommune);
  const ranked = members
    .map((c) => ({ c, d: own === undefined || population(c) === undefined ? Number.POSITIVE_INFINITY : Math.abs((population(c) as number) - own) }))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  return { group, year, members: ranked.slice(0, n).map((x) => x.c) };
}

/** The kommune's KØB targets as rows of data/tables/kob_mal.csv: its own where the data has them, else the defaults. */
export function kobTargetsCsv(dataset: Dataset, kommune: { code: string; name: string }): string {
  const own = dataset.table('kob_mal', { region: kommune.code });
  const lines = [
    `# KØB-mål (handlingsregler) for ${kommune.code} ${kommune.name}, i samme format som data/tables/kob_mal.csv.`,
    '# Kolonner: region = kommunenummer; regel = netto_driftsresultat, disposisjonsfond eller netto_lanegjeld;',
    '#   terskel = prosent av brutto driftsinntekter (2 betyr 2 %); retning = min (minst terskelen) eller maks (høyst);',
    '#   source = hvor målet er vedtatt, f.eks. "Økonomiplan 2024–2027, k-sak 12/23".',
    '# Rett tersklene til kommunens vedtatte mål, og lim radene (uten denne forklaringen) inn i tables/kob_mal.csv',
    '# i datamappen du bygger med (--data). Regler kommunen ikke har vedtatt, kan du sløyfe: da brukes standardmålet.',
    'region,regel,terskel,retning,source',
  ];
  for (const d of DEFAULT_TARGETS) {
    const row = own.find((r) => r.values.regel === d.rule);
    if (row) lines.push([kommune.code, d.rule, row.values.terskel, row.values.retning, csvText(String(row.values.source ?? ''))].join(','));
    else lines.push([kommune.code, d.rule, d.threshold, d.direction === 'max' ? 'maks' : 'min', 'standardmål – erstatt med kommunens vedtak'].join(','));
  }
  return lines.join('\n') + '\n';
}

function csvText(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The deck text with `references:` set to this kommune's list (the rest of the file, comments included, untouched). */
export function withReferences(deckText: string, kommune: string, refs: string[], note: string): string {
  const line = `references: { ${kommune}: [${refs.join(', ')}] }`;
  const comment = note ? `# ${note}\n` : '';
  if (/^references:.*$/m.test(deckText)) {
    // a block list or map under references: is replaced together with its items
    return deckText.replace(/^references:[^\n]*(\n[ \t]+[^\n]*)*/m, `${comment}${line}`);
  }
  if (/^year:.*$/m.test(deckText)) return deckText.replace(/^(year:[^\n]*)$/m, `$1\n${comment}${line}`);
  return deckText.replace(/^(title:[^\n]*)$/m, `$1\n${comment}${line}`);
}

/** The references a deck file names for one kommune (`references: { 1837: [...] }`), if any. */
export function deckReferencesFor(deckText: string, kommune: string): string[] {
  let doc: unknown;
  try {
    doc = parseYaml(deckText);
  } catch {
    return [];
  }
  const refs = (doc as { references?: unknown } | null)?.references;
  if (!refs || typeof refs !== 'object' || Array.isArray(refs)) return [];
  const list = (refs as Record<string, unknown>)[kommune] ?? (refs as Record<string, unknown>)[String(Number(kommune))];
  return Array.isArray(list) ? list.map((r) => (typeof r === 'number' ? String(r).padStart(4, '0') : String(r))) : [];
}

function readmeText(o: { kommune: { code: string; name: string }; deck: string; deckCopy: string; year: number; refs: { code: string; name: string }[]; refsNote: string; commentsFile: string }): string {
  const k = o.kommune;
  const build = `kommunedeck build ${o.deckCopy} --kommune ${k.code}`;
  return `# ${k.name} (${k.code}): presentasjon for kommunestyret

Denne mappen er laget av \`kommunedeck init\`. Den inneholder alt som er særskilt for ${k.name}; tallene
hentes fra datamappen til kommunedeck (eller den du angir med \`--data\`). Kjør kommandoene fra denne mappen.

| fil | hva den er |
| --- | --- |
| \`${o.deckCopy}\` | presentasjonen (kopi av \`${o.deck}\`) – endre rekkefølge, titler og kommentarmaler her |
| \`kommentarer/${path.basename(o.commentsFile)}\` | dine egne kommentarer, lysbilde for lysbilde |
| \`kob_mal.csv\` | kommunens KØB-mål (handlingsregler) |
| \`README.md\` | denne veiledningen |

## Referansekommuner

${o.refs.length ? o.refs.map((r) => `- ${r.code} ${r.name}`).join('\n') : '- (ingen valgt ennå)'}

${o.refsNote} Endre listen under \`references:\` i \`${o.deckCopy}\`, eller overstyr den for ett bygg med
\`--ref nr,nr,nr\`.

## Før kommunestyremøtet

1. **Sjekk dataene.** \`kommunedeck facts --kommune ${k.code} --year ${o.year}\` viser hvilke nøkkeltall som finnes
   og hvilke som mangler. Mangler noe, se README-en til kommunedeck om å hente tall fra SSB.
2. **KØB-målene.** Rett tersklene i \`kob_mal.csv\` til det kommunestyret har vedtatt, og legg radene inn i
   \`tables/kob_mal.csv\` i datamappen du bygger med.
3. **Bygg og se på presentasjonen.**
   \`${build} --out ./\` og \`kommunedeck preview ${o.deckCopy} --kommune ${k.code} --png bilder/\`
   (forhåndsvisningen trenger LibreOffice).
4. **Skriv dine kommentarer** i \`kommentarer/${path.basename(o.commentsFile)}\`: under hver lysbilde-id kan du
   erstatte kommunedecks kommentar (\`replace\`), legge til etter den (\`append\`) eller skrive talernotater
   (\`notes\`). Filen ble laget med tallene slik de er nå (\`basis\`).
5. **Nye tall?** Når datamappen oppdateres, viser \`kommunedeck diff --data gammel/ --data-new ny/ --kommune ${k.code} --deck ${o.deckCopy}\`
   hvilke tall som endres. Et nytt bygg varsler om kommentarer som ble skrevet for andre tall, og merker dem i
   talernotatene; \`--strict\` stopper bygget i stedet. Når du har lest en slik kommentar på nytt:
   \`kommunedeck comments stamp ${o.deckCopy} --kommune ${k.code} --slide <id>\`.
6. **Revisjonsspor.** \`${build} --audit revisjon.xlsx\` lister hvert tall i presentasjonen med lysbilde,
   plassering, nøkkeltall, formel og kilde – nyttig når noen spør hvor et tall kommer fra.
`;
}

export function scaffoldClientFolder(opts: ScaffoldOptions): ScaffoldResult {
  const deckFile = opts.deckFile ?? DEFAULT_DECK;
  if (!fs.existsSync(deckFile)) throw new UserError(`fant ikke presentasjonsfilen ${deckFile}`, 'NO_DECK');
  if (fs.existsSync(opts.folder) && !fs.statSync(opts.folder).isDirectory()) throw new UserError(`${opts.folder} finnes og er ikke en mappe`, 'NOT_A_FOLDER');
  const dataset = datasetFor({ dataDir: opts.dataDir });
  const kommune = findKommune(dataset.register, opts.kommune);
  const deckText = fs.readFileSync(deckFile, 'utf8');

  // reference kommuner: --ref, else the deck's own for this kommune, else the rule, else the KOSTRA group's nearest
  const deckRefs = deckReferencesFor(deckText, kommune.code);
  const groups = groupSuggestions(dataset, kommune.code);
  const m = /^year:\s*(\d{4})/m.exec(deckText);
  const rule = ruleReferences(dataset, kommune.code, opts.year ?? (m ? Number(m[1]) : new Date().getUTCFullYear()));
  let refs: string[];
  let refsFrom: ScaffoldResult['refsFrom'];
  if (opts.refs !== undefined) {
    refs = findKommuner(dataset.register, opts.refs).map((k) => k.code);
    refsFrom = 'ref';
  } else if (deckRefs.filter((r) => r !== kommune.code).length) {
    refs = deckRefs.map((r) => findKommune(dataset.register, r).code).filter((r) => r !== kommune.code);
    refsFrom = 'deck';
  } else if (rule && rule.refs.length) {
    refs = rule.refs;
    refsFrom = 'rule';
  } else if (groups.members.length) {
    refs = groups.members;
    refsFrom = 'kostragruppe';
  } else {
    refs = [];
    refsFrom = 'none';
  }
  refs = refs.filter((r) => r !== kommune.code);
  const named = refs.map((code) => ({ code, name: dataset.regionName(code) }));
  const suggestion = groups.members.length ? `forslag fra KOSTRA-gruppen til ${kommune.name} (${groups.group}, ${groups.year}), nærmest i folketall: ${groups.members.map((c) => `${c} ${dataset.regionName(c)}`).join(', ')}` : '';
  const refsNote =
    (refsFrom === 'ref' ? 'Valgt med --ref da mappen ble laget.' : refsFrom === 'deck' ? `Samme som i ${path.basename(deckFile)}; vurder om de passer for ${kommune.name}.` : refsFrom === 'rule' ? (rule?.note ?? '') : refsFrom === 'kostragruppe' ? 'Valgt fra kommunens KOSTRA-gruppe, nærmest i folketall.' : 'Ingen referansekommuner er valgt.') +
    (suggestion && refsFrom !== 'kostragruppe' ? ` Et ${suggestion}.` : '');

  const name = deckName(deckFile);
  const deckCopy = `${name}.yaml`;
  const files: { rel: string; text: () => string }[] = [];
  const how = refsFrom === 'kostragruppe' ? `; ${suggestion}` : suggestion ? `; ${suggestion}` : '';
  files.push({ rel: deckCopy, text: () => withReferences(deckText, kommune.code, refs, `referansekommuner for ${kommune.code} ${kommune.name} (kommunedeck init)${how}`) });
  files.push({ rel: 'kob_mal.csv', text: () => kobTargetsCsv(dataset, kommune) });
  const commentsRel = path.join('kommentarer', `${kommune.code}-${name}.yaml`);
  files.push({
    rel: commentsRel,
    text: () => {
      // resolve the adapted copy, so the comments match the deck the consultant will build
      const tmp = path.join(opts.folder, `.${deckCopy}.${process.pid}.tmp.yaml`);
      fs.writeFileSync(tmp, withReferences(deckText, kommune.code, refs, ''));
      try {
        const d = resolveWithFigures({ deckFile: tmp, kommune: kommune.code, year: opts.year, dataset });
        return commentsFileText({ ...d, deckFile: deckCopy });
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    },
  });
  let year = opts.year;
  if (year === undefined) {
    const m = /^year:\s*(\d{4})/m.exec(deckText);
    year = m ? Number(m[1]) : new Date().getUTCFullYear();
  }
  files.push({ rel: 'README.md', text: () => readmeText({ kommune, deck: path.basename(deckFile), deckCopy, year: year!, refs: named, refsNote, commentsFile: commentsRel }) });

  fs.mkdirSync(path.join(opts.folder, 'kommentarer'), { recursive: true });
  const written: string[] = [];
  const kept: string[] = [];
  for (const f of files) {
    const target = path.join(opts.folder, f.rel);
    if (fs.existsSync(target)) {
      kept.push(target);
      continue;
    }
    writeFileAtomic(target, f.text());
    written.push(target);
  }
  return { written, kept, refs: named, refsFrom };
}
