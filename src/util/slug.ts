const FOLD: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', á: 'a', č: 'c', đ: 'd', ŋ: 'n', š: 's', ŧ: 't', ž: 'z', ä: 'a', ö: 'o', ü: 'u', é: 'e', è: 'e' };

/**
 * A file-name-safe slug on every file system: Norwegian and Sami letters transliterated, everything else that is not
 * a-z or 0-9 becomes '-', no path separators, no leading/trailing dashes. "Porsanger - Porsáŋgu - Porsanki" ->
 * "porsanger-porsangu-porsanki".
 */
export function slugify(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  for (const ch of lower) out += FOLD[ch] ?? ch;
  out = out.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return out.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';
}
