import { childProcess } from '../util/child-process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserError } from '../errors';
import { ensureWritableDir, writeFileAtomic } from '../util/atomic';

/**
 * Preview a deck without PowerPoint: LibreOffice turns the .pptx into a PDF (`soffice --headless --convert-to pdf`)
 * and poppler's `pdftoppm` turns the PDF into one PNG per slide. Both are looked up on PATH (or named by
 * KOMMUNEDECK_SOFFICE / KOMMUNEDECK_PDFTOPPM); when missing, the message says how to install them.
 */
export const INSTALL_HINT =
  'installer LibreOffice og poppler: sudo apt-get install libreoffice-impress poppler-utils (Debian/Ubuntu), ' +
  'brew install --cask libreoffice && brew install poppler (macOS)';

/** The executable's path when it is on PATH (or the env override exists), else undefined. */
export function findTool(name: 'soffice' | 'pdftoppm', env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env[name === 'soffice' ? 'KOMMUNEDECK_SOFFICE' : 'KOMMUNEDECK_PDFTOPPM'];
  if (override !== undefined) return fs.existsSync(override) ? override : undefined;
  const names = name === 'soffice' ? ['soffice', 'libreoffice'] : ['pdftoppm'];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const n of names) {
      const p = path.join(dir, n);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        if (fs.statSync(p).isFile()) return p;
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    childProcess().execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stderr: String(stderr) }));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

export interface PreviewOptions {
  /** write the PDF here */
  pdf?: string;
  /** write one PNG per slide into this folder (created if missing): lysbilde-01.png, … */
  pngDir?: string;
  /** PNG resolution, dots per inch (default 72: 960 × 540 for a 16:9 slide) */
  dpi?: number;
  timeoutMs?: number;
}

export interface PreviewResult {
  pdf?: string;
  pngs: string[];
}

/** Convert a .pptx to PDF and/or PNGs; everything goes through a private temp folder, removed afterwards. */
export async function previewPptx(pptx: string, opts: PreviewOptions): Promise<PreviewResult> {
  if (!fs.existsSync(pptx)) throw new UserError(`fant ikke ${pptx}`, 'NO_DECK');
  const soffice = findTool('soffice');
  if (!soffice) throw new UserError(`forhåndsvisning trenger LibreOffice (soffice), som ikke er installert; ${INSTALL_HINT}`, 'NO_LIBREOFFICE');
  const pdftoppm = opts.pngDir ? findTool('pdftoppm') : undefined;
  if (opts.pngDir && !pdftoppm) throw new UserError(`PNG-bilder trenger pdftoppm (poppler), som ikke er installert; ${INSTALL_HINT}`, 'NO_PDFTOPPM');
  if (opts.pdf) ensureWritableDir(path.dirname(path.resolve(opts.pdf)));
  const timeout = opts.timeoutMs ?? 180_000;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-preview-'));
  try {
    // a private LibreOffice profile: a running LibreOffice (or a parallel preview) cannot block the conversion
    const profile = 'file://' + path.join(tmp, 'profile').split(path.sep).map(encodeURIComponent).join('/');
    const input = path.join(tmp, 'deck.pptx');
    fs.copyFileSync(pptx, input);
    try {
      await run(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', tmp, input], timeout);
    } catch (e) {
      throw new UserError(`LibreOffice kunne ikke konvertere ${pptx} til PDF: ${((e as { stderr?: string }).stderr || (e as Error).message).trim().split('\n')[0]}`, 'PREVIEW_FAILED');
    }
    const pdf = path.join(tmp, 'deck.pdf');
    if (!fs.existsSync(pdf)) throw new UserError(`LibreOffice laget ingen PDF av ${pptx}; prøv å åpne filen i LibreOffice for å se hvorfor`, 'PREVIEW_FAILED');
    const result: PreviewResult = { pngs: [] };
    if (opts.pdf) {
      writeFileAtomic(opts.pdf, fs.readFileSync(pdf));
      result.pdf = opts.pdf;
    }
    if (opts.pngDir && pdftoppm) {
      fs.mkdirSync(opts.pngDir, { recursive: true });
      const pages = path.join(tmp, 'png');
      fs.mkdirSync(pages);
      try {
        await run(pdftoppm, ['-png', '-r', String(opts.dpi ?? 72), pdf, path.join(pages, 'lysbilde')], timeout);
      } catch (e) {
        throw new UserError(`pdftoppm kunne ikke lage bilder: ${((e as { stderr?: string }).stderr || (e as Error).message).trim().split('\n')[0]}`, 'PREVIEW_FAILED');
      }
      const files = fs.readdirSync(pages).filter((f) => f.endsWith('.png')).sort((a, b) => pageNo(a) - pageNo(b));
      const digits = Math.max(2, String(files.length).length);
      for (const f of files) {
        const target = path.join(opts.pngDir, `lysbilde-${String(pageNo(f)).padStart(digits, '0')}.png`);
        writeFileAtomic(target, fs.readFileSync(path.join(pages, f)));
        result.pngs.push(target);
      }
    }
    return result;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function pageNo(file: string): number {
  const m = /-(\d+)\.png$/.exec(file);
  return m ? Number(m[1]) : 0;
}
