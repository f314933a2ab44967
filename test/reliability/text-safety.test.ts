/**
 * Reliability: text is only ever text. Kommune names and commentary with & < > " ', emoji, Sami letters, a
 * 200-character word and control characters reach the slide intact (or, for characters XML forbids, as a line
 * break or not at all), the package stays valid (structural check and the Open XML SDK validator), Handlebars
 * output is never read as markup, and a template cannot reach prototypes, helpers it was not given, or code.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cli } from '../helpers/cli';
import { resolveText } from '../helpers/fixtures';
import { checkPackage, formatFindings, validateOoxml } from '../helpers/ooxml';
import { openDeck, OpenedDeck } from '../helpers/pptx';
import { BulletsSlide } from '../../src/deck/model';
import { createTemplateEnv } from '../../src/deck/context';
import { xmlSafe } from '../../src/deck/resolve';
import { tempDir, shown, writeDeck } from './support';

const fold = (s: string | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

// the kommune's name in a copy of the register: markup, an ampersand, both quotes, Sami letters, an emoji
const NAME = `Me<b>løy</b> & "Sámi" 'áčđŋšŧž' 🏔️`;
const LONG = 'Inntektsutjevningskompensasjonsordningsgjennomgang'.repeat(4) + 'x'.repeat(200 - 4 * 50);
const COMMENTARY = `har & < > " ' 🙂🇳🇴 og Áá Čč Đđ Ŋŋ Šš Ŧŧ Žž`;
const yamlString = (s: string) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar

const DECK = `title: ${yamlString('{{kommune.navn}}: økonomi & <plan> "2020" \'nå\' 🙂')}
year: 2020
slides:
  - kind: title
    subtitle: ${yamlString('Sámegiella: á č đ ŋ š ŧ ž – <i>ikke kursiv</i>')}
    date: "{{year}}"
  - kind: statement
    id: ndr
    title: ${yamlString('Tall & <tekst>')}
    metric: finans.netto_driftsresultat_pct
    commentary: ${yamlString(`{{kommune.navn}} ${COMMENTARY}`)}
    notes: ${yamlString('Notat & <b>fet</b> "sitat" \'apostrof\' 🙂 {{kommune.navn}}')}
  - kind: bullets
    id: lange-ord
    title: Lange ord og kontrolltegn
    bullets:
      - ${yamlString(LONG)}
      - ${yamlString('[{{#with kommune}}{{constructor}}{{constructor.name}}{{/with}}]')}
      - ${yamlString('[{{this.constructor}}{{#each refs}}{{this.constructor}}{{/each}}]')}
      - ${yamlString('linje\u000Bskift og bort\u0001med\uFFFEdette')}
  - kind: table
    id: tabell
    title: ${yamlString('Tabell med <tegn> & "sitat"')}
    rows:
      - { label: ${yamlString('Netto driftsresultat & <mer> 🙂')}, metric: finans.netto_driftsresultat_pct }
`;

let tmp: string;
let file: string;
let model: { title: string; kommune: { name: string }; slides: { title: string; commentary?: string; bullets?: string[] }[] };
let deck: OpenedDeck;
let bytes: Buffer;

beforeAll(async () => {
  tmp = tempDir('text');
  const data = fs.mkdtempSync(path.join(tmp, 'data-'));
  fs.cpSync(path.resolve(__dirname, '..', '..', 'data'), data, { recursive: true });
  const register = path.join(data, 'register', 'kommuner.csv');
  const csvCell = `"${NAME.replace(/"/g, '""')}"`;
  fs.writeFileSync(register, fs.readFileSync(register, 'utf8').replace(/^1837,Meløy,/m, `1837,${csvCell},`));
  file = path.join(tmp, 'tegn.pptx');
  const r = await cli('build', writeDeck(tmp, DECK, 'tegn.yaml'), '--kommune', '1837', '--data', data, '--out', file, '--emit-model', path.join(tmp, 'model.json'));
  expect(r.err).not.toMatch(/Feil|Intern feil/);
  expect(r.code).toBe(0);
  model = JSON.parse(fs.readFileSync(path.join(tmp, 'model.json'), 'utf8'));
  bytes = fs.readFileSync(file);
  deck = openDeck(bytes);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('special characters reach the slide intact', () => {
  test('the kommune name from the register, in the title and the commentary', () => {
    expect(model.kommune.name).toBe(NAME);
    expect(deck.titles[0]).toBe(`${NAME}: økonomi & <plan> "2020" 'nå' 🙂`);
    const slide = deck.slideText[1];
    expect(fold(slide)).toContain(`${NAME} ${COMMENTARY}`);
    expect(fold(slide)).toContain('2,2 %'); // 003 Tabell 1.1: netto driftsresultat 2020, next to the odd text
  });

  test('Sami letters, emoji and markup-like text in subtitles, notes and tables', () => {
    expect(deck.slideText[0]).toContain('Sámegiella: á č đ ŋ š ŧ ž – <i>ikke kursiv</i>');
    expect(deck.notesText[1]).toContain(`Notat & <b>fet</b> "sitat" 'apostrof' 🙂 ${NAME}`);
    expect(deck.titles[3]).toBe('Tabell med <tegn> & "sitat"');
    expect(deck.slideText[3]).toContain('Netto driftsresultat & <mer> 🙂');
  });

  test('a 200-character word is neither cut nor split', () => {
    expect(LONG).toHaveLength(200);
    expect(deck.slideText[2]).toContain(LONG);
  });

  test('text is escaped, never markup: no <b> or <i> element in any slide or notes part', () => {
    for (const xml of deck.slideXml) expect(xml).not.toMatch(/<\/?(b|i|plan|tekst|tegn|mer)>/);
    const all = deck.slideXml.join('\n');
    expect(all).toMatch(/Me&lt;b&gt;løy&lt;\/b&gt; &amp; (&quot;|")Sámi(&quot;|")/);
    expect(all).toContain('&lt;i&gt;ikke kursiv&lt;/i&gt;');
    const notes = Object.entries(deck.entries).filter(([n]) => /notesSlides\/notesSlide\d+\.xml$/.test(n));
    expect(notes.length).toBeGreaterThan(0);
    for (const [, b] of notes) expect(new TextDecoder().decode(b)).not.toMatch(/<b>|<\/b>/);
  });

  test('characters XML forbids: a vertical tab becomes a line break, the others are dropped', () => {
    const b = model.slides[2].bullets![3];
    expect(b).toBe('linje\nskift og bortmeddette');
    for (const xml of deck.slideXml) expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xmlSafe({ a: ['x\u0007y', 'ok'], b: 1, c: null, d: 'half \uD83D' })).toEqual({ a: ['xy', 'ok'], b: 1, c: null, d: 'half ' });
  });

  test('prototype lookups in templates print nothing', () => {
    expect(model.slides[2].bullets!.slice(1, 3)).toEqual(['[]', '[]']);
  });

  test('the package is valid: structural check and the Open XML SDK validator', async () => {
    expect(checkPackage(bytes)).toEqual([]);
    const { errors } = await validateOoxml(file);
    expect(formatFindings(errors)).toEqual([]);
    // the document title (docProps/core.xml) carries the name, escaped
    const core = new TextDecoder().decode(deck.entries['docProps/core.xml']);
    expect(core).toContain('Me&lt;b&gt;løy&lt;/b&gt; &amp;');
  });
});

describe('templates cannot read files, run code or reach prototypes', () => {
  const validate = async (template: string) => {
    const tmpDeck = writeDeck(tmp, `title: t\nyear: 2023\nslides:\n  - kind: bullets\n    bullets:\n      - ${yamlString(template)}\n`, 'mal.yaml');
    const r = await cli('validate', tmpDeck);
    return { ...r, where: `${shown(tmpDeck)}:6:` };
  };

  test.each([
    ['{{constructor}}', "ukjent navn 'constructor'"],
    ['{{__proto__}}', "ukjent navn '__proto__'"],
    ['{{kommune.constructor}}', undefined], // a context root: allowed by the check, empty at run time (below)
    ['{{#with this}}{{lookup this "constructor"}}{{/with}}', "ukjent hjelper 'lookup'"],
    ['{{nope 1}}', "ukjent hjelper 'nope'; kjente: num, kr, tusen, mill, pct, signed, pp"],
    ['{{log "hei"}}', "ukjent hjelper 'log'"],
    ['{{"log" "hei"}}', 'et {{…}}-uttrykk må begynne med et navn, ikke "log"'],
    ['{{> fil}}', 'delmaler ({{> …}}) finnes ikke i kommunedeck-maler'],
    ['{{#> layout}}x{{/layout}}', 'delmaler ({{> …}}) finnes ikke i kommunedeck-maler'],
    ['{{#*inline "p"}}x{{/inline}}', 'dekoratorer ({{* …}}) finnes ikke i kommunedeck-maler'],
    ['{{#raw}}x{{/raw}}', "ukjent blokk 'raw'; tillatt: if, unless, each, with"],
  ])('%s is refused when the deck is read', async (template, message) => {
    const r = await validate(template);
    expect(r.err).not.toMatch(/Intern feil|\n\s+at /);
    if (message === undefined) {
      expect(r.code).toBe(0);
      return;
    }
    expect(r.err).toContain(message);
    expect(r.err).toMatch(new RegExp(`^Feil: ${r.where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+: `));
    expect(r.code).toBe(1);
  });

  test('prototype paths that pass the check render empty, and print nothing to the console', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const m = resolveText(`title: t
year: 2023
slides:
  - kind: bullets
    bullets:
      - "[{{kommune.constructor}}{{kommune.navn.constructor}}{{year.toString}}]"
      - "[{{#with kommune}}{{constructor.constructor}}{{__proto__}}{{/with}}]"
      - "[{{#each refs}}{{this.__proto__}}{{/each}}{{this.constructor.name}}{{@root.constructor}}]"
      - "{{kommune.navn}}"
`);
      expect((m.slides[0] as BulletsSlide).bullets).toEqual(['[]', '[]', '[]', 'Meløy']);
      expect(spy).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      warn.mockRestore();
      log.mockRestore();
    }
  });

  test('template output is plain text: double and triple braces print markup characters as they are', () => {
    // (the build above shows the same for a kommune name with <b> in it, all the way into the slide XML)
    const env = createTemplateEnv();
    const out = env.compile('{{navn}} {{{navn}}}', { noEscape: true })({ navn: '<b>Meløy</b> & "Co"' });
    expect(out).toBe('<b>Meløy</b> & "Co" <b>Meløy</b> & "Co"');
  });

  test('the known Handlebars code-execution payload does nothing, even without the deck check', () => {
    // the published prototype-pollution/RCE payload for Handlebars < 4.6, aimed at a marker instead of a shell
    const payload = `{{#with "s" as |string|}}
  {{#with "e"}}
    {{#with split as |conslist|}}
      {{this.pop}}
      {{this.push (lookup string.sub "constructor")}}
      {{this.pop}}
      {{#with string.split as |codelist|}}
        {{this.pop}}
        {{this.push "globalThis.__kdPwned = 1; return 1;"}}
        {{this.pop}}
        {{#each conslist}}
          {{#with (string.sub.apply 0 codelist)}}
            {{this}}
          {{/with}}
        {{/each}}
      {{/with}}
    {{/with}}
  {{/with}}
{{/with}}`;
    const env = createTemplateEnv();
    let result: string | Error;
    try {
      result = env.compile(payload, { noEscape: true, strict: false, knownHelpersOnly: false })({}, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (e) {
      result = e as Error;
    }
    expect((globalThis as { __kdPwned?: number }).__kdPwned).toBeUndefined();
    if (typeof result === 'string') expect(result.trim()).toBe('');
    // and the deck check refuses it before it is ever compiled
    const check = resolveTextProblems(payload);
    expect(check).toMatch(/ukjent hjelper 'lookup'/);
  });
});

function resolveTextProblems(template: string): string {
  try {
    resolveText(`title: t\nyear: 2023\nslides:\n  - kind: bullets\n    bullets:\n      - ${yamlString(template)}\n`);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
