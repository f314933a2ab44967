/**
 * Regenerate data/register/kommuner.csv from a Klass 131 JSON file, keeping the extra codes (EAK, EAKUO,
 * EKG01..EKG17 and older kommunenummer a source needs) that are already in the register. The register keeps the
 * official names; afterwards every multilingual name without a row in data/register/navn-bokmal.csv (the name bokmål
 * text uses) is listed, to be added by hand (exit code 2 then).
 *
 *   curl -o klass.json 'https://data.ssb.no/api/klass/v1/classifications/131/codesAt?date=2026-01-01&language=nb'
 *   npx tsc -p tsconfig.json --outDir .build && node .build/scripts/build-register.js klass.json [data/register/kommuner.csv]
 */
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../src/errors';
import { attachBokmalNames, buildRegisterFromKlass, parseRegisterCsv } from '../src/data/register';
import { formatProblem } from '../src/errors';
import { KommuneInfo } from '../src/data/model';

export function main(argv: string[]): number {
  const [klassFile, outArg] = argv;
  if (!klassFile) {
    process.stderr.write('bruk: build-register <klass-131.json> [data/register/kommuner.csv]\n');
    return 1;
  }
  const out = path.resolve(outArg ?? path.join('data', 'register', 'kommuner.csv'));
  try {
    const existing: Map<string, KommuneInfo> = fs.existsSync(out) ? parseRegisterCsv(out, fs.readFileSync(out, 'utf8')) : new Map();
    const csv = buildRegisterFromKlass(fs.readFileSync(klassFile, 'utf8'), existing);
    const tmp = `${out}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, csv);
    fs.renameSync(tmp, out);
    process.stdout.write(`Skrev ${csv.trim().split('\n').length - 1} regioner til ${out}\n`);
    const names = attachBokmalNames(parseRegisterCsv(out, csv), path.relative(process.cwd(), out) || out, out, (f) => fs.readFileSync(f, 'utf8'));
    for (const p of names) process.stderr.write(`Advarsel: ${formatProblem(p)}\n`);
    return names.length > 0 ? 2 : 0;
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`Feil: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
