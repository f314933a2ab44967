/** Levenshtein distance (small strings: names, ids). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/**
 * The candidates closest to `word`, best first: those within a distance that grows with the word's length, plus
 * any candidate that contains the word or the word's last segment (so "behovsindex" finds "inntektssystem.behovsindeks").
 */
export function nearest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  const tail = w.split('.').pop() ?? w;
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const ctail = lc.split('.').pop() ?? lc;
    const d = Math.min(editDistance(w, lc), editDistance(tail, ctail) + (lc === ctail ? 0 : 1));
    const limit = Math.max(2, Math.floor(w.length / 3));
    if (d <= limit || (tail.length >= 4 && lc.includes(tail))) scored.push({ c, d });
  }
  return scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c)).slice(0, max).map((s) => s.c);
}

/** " (mente du: a, b?)" or "" */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const n = nearest(word, candidates);
  return n.length ? `; mente du ${n.map((x) => `'${x}'`).join(' eller ')}?` : '';
}
