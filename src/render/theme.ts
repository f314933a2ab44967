import * as fs from 'fs';
import * as path from 'path';
import { parseDocument, LineCounter } from 'yaml';
import { UserError } from '../errors';
import { rememberParsed } from '../util/derived-cache';

/** The house theme (templates/<name>/theme.yaml): colours, fonts, slide size, footer, logo. */
export interface Theme {
  name: string;
  slide: { width: number; height: number };
  fonts: { heading: string; body: string };
  colors: ThemeColors;
  footer: { text: string; pageNumbers: boolean };
  logo: { text?: string; image?: string };
  /** folder of the theme file, for relative paths */
  dir: string;
}

export const SCHEME_COLOR_KEYS = [
  'dark1', 'light1', 'dark2', 'light2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6', 'hyperlink', 'followedHyperlink',
] as const;
export type SchemeColorKey = (typeof SCHEME_COLOR_KEYS)[number];
export type ThemeColors = Record<SchemeColorKey, string> & { muted: string; rule: string; negative: string };

export const DEFAULT_THEME_DIR = path.resolve(__dirname, '..', '..', 'templates', 'kommunedeck');

/** Resolve a theme name or path: a folder with theme.yaml, a theme.yaml file, or a name under templates/. */
export function resolveThemePath(nameOrPath: string | undefined, relativeTo?: string): string {
  if (!nameOrPath) return path.join(DEFAULT_THEME_DIR, 'theme.yaml');
  const candidates = [
    relativeTo ? path.resolve(relativeTo, nameOrPath) : undefined,
    path.resolve(nameOrPath),
    path.resolve(DEFAULT_THEME_DIR, '..', nameOrPath),
  ].filter((c): c is string => Boolean(c));
  for (const c of candidates) {
    if (fs.existsSync(c) && fs.statSync(c).isDirectory() && fs.existsSync(path.join(c, 'theme.yaml'))) return path.join(c, 'theme.yaml');
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  throw new UserError(`fant ikke temaet '${nameOrPath}'; forventet en mappe under templates/ med theme.yaml, eller en sti til en theme.yaml`);
}

export function loadTheme(file: string): Theme {
  const text = fs.readFileSync(file, 'utf8');
  // parsed before for the same file and text (the CLI's cache, src/util/derived-cache.ts): a build then runs no YAML
  return rememberParsed('themes', file, text, THEME_FORMAT, () => parseTheme(file, text));
}

/** Bump when parseTheme's result changes for the same text. */
const THEME_FORMAT = '1';

function parseTheme(file: string, text: string): Theme {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = lc.linePos(e.pos[0]);
    throw new UserError(`${file}:${pos.line}:${pos.col}: ugyldig YAML i temafilen: ${e.message.split('\n')[0]}`);
  }
  const raw = doc.toJS() as Record<string, any>;
  const fail = (msg: string) => {
    throw new UserError(`${file}: ${msg}`);
  };
  const colors = (raw.colors ?? {}) as Record<string, unknown>;
  for (const k of [...SCHEME_COLOR_KEYS, 'muted', 'rule', 'negative']) {
    const v = colors[k];
    if (typeof v !== 'string' || !/^[0-9A-Fa-f]{6}$/.test(v)) fail(`fargen colors.${k} mangler eller er ikke en sekssifret heksadesimal farge (f.eks. "1F3A5F")`);
    colors[k] = (v as string).toUpperCase();
  }
  const width = Number(raw.slide?.width ?? 13.333);
  const height = Number(raw.slide?.height ?? 7.5);
  if (!(width > 0 && height > 0)) fail('slide.width og slide.height må være positive tall (tommer)');
  return {
    name: String(raw.name ?? path.basename(path.dirname(file))),
    slide: { width, height },
    fonts: { heading: String(raw.fonts?.heading ?? 'Calibri'), body: String(raw.fonts?.body ?? 'Calibri') },
    colors: colors as ThemeColors,
    footer: { text: String(raw.footer?.text ?? ''), pageNumbers: raw.footer?.pageNumbers !== false },
    logo: { text: raw.logo?.text, image: raw.logo?.image },
    dir: path.dirname(file),
  };
}
