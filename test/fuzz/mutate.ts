/**
 * Deterministic mutation fuzzing: a seeded PRNG (mulberry32) and byte-level and JSON-tree mutations of valid inputs.
 * Pure functions, no jest: the fuzz worker (test/fuzz/worker.js) loads this file through test/helpers/ts-register.js.
 */

import { mulberry32 } from '../../src/util/random';
export { mulberry32 };

export class Rng {
  private readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** an integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The seed of case `index` of a run with `seed`: cases are independent, so one case can be replayed alone. */
export function caseSeed(seed: number, index: number): number {
  return (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}

/** Tokens that break structure: YAML and CSV syntax, quotes, line ends, Handlebars, a BOM, SSB symbols. */
export const TOKENS = [':', ': ', '- ', '[', ']', '{', '}', '"', "'", '\n', '\t', '\r\n', ',', ';', '#', '&a', '*a', '!', '|', '>', '{{', '}}', '{{#if x}}', '{{/each}}', '{{> p}}', '(', ')', '\\', '\uFEFF', '..', '-', ' ', '\u00a0', '1e999', '-0', 'ø', '🙂', '\u0000'];

export interface Mutated {
  bytes: Uint8Array;
  /** what was done, for the failure message */
  steps: string[];
}

const enc = new TextEncoder();

function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array = new Uint8Array()): Uint8Array {
  const out = new Uint8Array(b.length - remove + insert.length);
  out.set(b.subarray(0, at), 0);
  out.set(insert, at);
  out.set(b.subarray(at + remove), at + insert.length);
  return out;
}

/** One to four random mutations: byte flips, deletions, duplications, token insertions, line swaps, truncation. */
export function mutateBytes(input: Uint8Array, rng: Rng): Mutated {
  let b = input;
  const steps: string[] = [];
  const n = 1 + rng.int(4);
  for (let k = 0; k < n; k++) {
    const at = rng.int(b.length + 1);
    switch (rng.int(7)) {
      case 0: {
        if (b.length === 0) break;
        const i = Math.min(at, b.length - 1);
        const bit = rng.int(8);
        b = splice(b, i, 1, Uint8Array.of(b[i] ^ (1 << bit)));
        steps.push(`flip byte ${i} bit ${bit}`);
        break;
      }
      case 1: {
        const len = Math.min(1 + rng.int(rng.chance(0.8) ? 8 : 200), b.length - at);
        b = splice(b, at, len);
        steps.push(`delete ${len} at ${at}`);
        break;
      }
      case 2: {
        const len = Math.min(1 + rng.int(rng.chance(0.8) ? 16 : 400), b.length - at);
        const copy = b.slice(at, at + len);
        const to = rng.int(b.length + 1);
        b = splice(b, to, 0, copy);
        steps.push(`duplicate ${len} from ${at} to ${to}`);
        break;
      }
      case 3:
      case 4: {
        const t = rng.pick(TOKENS);
        b = splice(b, at, 0, enc.encode(t));
        steps.push(`insert ${JSON.stringify(t)} at ${at}`);
        break;
      }
      case 5: {
        const text = new TextDecoder().decode(b);
        const lines = text.split('\n');
        if (lines.length < 2) break;
        const i = rng.int(lines.length);
        const j = rng.int(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        b = enc.encode(lines.join('\n'));
        steps.push(`swap lines ${i + 1} and ${j + 1}`);
        break;
      }
      case 6: {
        if (!rng.chance(0.3)) break;
        b = b.slice(0, at);
        steps.push(`truncate at ${at}`);
        break;
      }
    }
  }
  return { bytes: b, steps };
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Odd values for JSON-tree mutations: wrong types, out-of-range numbers, SSB symbols, empty containers. */
export const ODD_VALUES: Json[] = [null, true, 0, -1, 1.5, 1e9, 2 ** 31, -1e308, '', 'x', '..', ':', '-', '12,5', [], {}, [1, 2, 3], { '0': 1, '-1': 2 }, ['a', null], { class: 'dataset' }];

function paths(node: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(node)) node.slice(0, 50).forEach((v, i) => paths(v, [...at, i], out));
  else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) paths(v, [...at, k], out);
  return out;
}

/**
 * Structure-aware mutations of a JSON document: replace a node with an odd value, delete a key or element,
 * duplicate an element, change a number by ±1 (sizes, indexes), or swap two keys' values.
 */
export function mutateJson(text: string, rng: Rng, pool: readonly Json[] = ODD_VALUES): Mutated {
  return mutateTree(JSON.parse(text) as Json, rng, pool);
}

/** mutateJson on a parsed document (a deck read with yaml.parse, say), with its own pool of odd values. */
export function mutateTree(doc: Json, rng: Rng, pool: readonly Json[] = ODD_VALUES): Mutated {
  const steps: string[] = [];
  const root: { v: Json } = { v: doc };
  const n = 1 + rng.int(3);
  for (let k = 0; k < n; k++) {
    const all = paths(root.v).filter((p) => p.length > 0);
    if (all.length === 0) break;
    const p = rng.pick(all);
    let parent: Json = root.v;
    for (const key of p.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key];
    const last = p[p.length - 1];
    const container = parent as Record<string | number, Json>;
    const where = p.join('.');
    switch (rng.int(5)) {
      case 0: {
        // a copy: the pool is shared by every case, and later steps may write into the inserted value
        const v = JSON.parse(JSON.stringify(rng.pick(pool))) as Json;
        container[last] = v;
        steps.push(`${where} = ${JSON.stringify(v)}`);
        break;
      }
      case 1:
        if (Array.isArray(parent)) parent.splice(last as number, 1);
        else delete container[last];
        steps.push(`delete ${where}`);
        break;
      case 2:
        if (Array.isArray(parent)) {
          parent.splice(last as number, 0, JSON.parse(JSON.stringify(parent[last as number] ?? null)) as Json);
          steps.push(`duplicate ${where}`);
        }
        break;
      case 3: {
        const v = container[last];
        if (typeof v === 'number') {
          container[last] = v + (rng.chance(0.5) ? 1 : -1);
          steps.push(`${where} ${v} -> ${container[last]}`);
        }
        break;
      }
      case 4: {
        const q = rng.pick(all);
        let other: Json = root.v;
        for (const key of q) other = (other as Record<string | number, Json>)[key];
        container[last] = JSON.parse(JSON.stringify(other ?? null)) as Json;
        steps.push(`${where} = copy of ${q.join('.')}`);
        break;
      }
    }
  }
  return { bytes: enc.encode(JSON.stringify(root.v)), steps };
}
