import type { AnyOrama } from "@orama/orama";
import { FIELDS, type Field } from "./section-index.js";

/**
 * The query plan's first step: pick and score candidate sections straight from Orama's inverted
 * index, never asking Orama for an unbounded match list. Orama's own `search` scores every
 * section containing any query term (prefix matches included) before applying `limit`, which
 * costs ~1.5 s at 75,000 sections for a term like `docker`. Here:
 * - terms are looked up exactly (the analyzer already stems; prefixes only add noise);
 * - rare terms choose the candidates; terms found in more than COMMON_SHARE of the sections
 *   only add to the score of sections already chosen;
 * - sections holding every term are candidates too (found from the rarest term's postings);
 * - when nothing else chose any, heading matches do, at most MAX_CANDIDATES.
 * Scores are BM25 per field with Orama's statistics, weighted by BOOST.
 */
export const BOOST: Record<Field, number> = { title: 3, path: 1.5, body: 1, code: 0.6 };
const COMMON_SHARE = 0.01;
const MAX_CANDIDATES = 2000;
/** Postings read at most when looking for sections that hold every term. */
const MAX_SCAN = 10_000;
const K1 = 1.2;
const B = 0.75;

interface RadixNode {
  s: string;
  w: string;
  e: boolean;
  d: Set<number> | number[];
  c: Map<string, RadixNode>;
}

interface IndexData {
  indexes: Record<string, { node: RadixNode }>;
  frequencies: Record<string, Record<number, Record<string, number> | undefined>>;
  tokenOccurrences: Record<string, Record<string, number>>;
  fieldLengths: Record<string, Record<number, number>>;
  avgFieldLength: Record<string, number>;
}

export interface Candidate {
  /** Orama's internal document id. */
  internalId: number;
  score: number;
}

/** Documents holding exactly `term` in one field's radix tree (no prefix expansion). */
export function postings(root: RadixNode, term: string): Iterable<number> {
  let node = root;
  let pos = 0;
  while (pos < term.length) {
    const child = node.c.get(term[pos]!);
    if (!child || !term.startsWith(child.s, pos)) return [];
    pos += child.s.length;
    node = child;
  }
  return node.e && node.w === term ? node.d : [];
}

export function createCandidateFinder(db: AnyOrama, docsCount: () => number) {
  const data = () => (db.data as unknown as { index: IndexData }).index;

  /** `stats.chosen` reports how many sections were scored (tests hold it bounded). */
  return (terms: string[], limit: number, stats?: { chosen: number }): Candidate[] => {
    const index = data();
    const n = Math.max(1, docsCount());
    const dfs = new Map<string, number>();
    const df = (t: string) => {
      let d = dfs.get(t);
      if (d === undefined) {
        d = 0;
        for (const f of FIELDS) d = Math.max(d, index.tokenOccurrences[f]?.[t] ?? 0);
        dfs.set(t, d);
      }
      return d;
    };
    const present = terms.filter((t) => df(t) > 0);
    if (!present.length) return [];
    const rare = present.filter((t) => df(t) <= Math.max(50, n * COMMON_SHARE));
    const scores = new Map<number, number>();

    const choose = (t: string, fields: readonly Field[], cap: number) => {
      for (const f of fields) {
        const tree = index.indexes[f]?.node;
        if (!tree) continue;
        for (const id of postings(tree, t)) {
          if (scores.size >= cap && !scores.has(id)) break;
          if (!scores.has(id)) scores.set(id, 0);
        }
      }
    };
    if (rare.length) for (const t of rare) choose(t, FIELDS, Infinity);
    // Sections holding every term are always candidates: walk the rarest term's postings and
    // check the others per document (a bounded scan, never a merge of whole lists).
    const byDf = [...present].sort((a, b) => df(a) - df(b));
    if (byDf.length > 1) {
      const has = (id: number, t: string) => FIELDS.some((f) => index.frequencies[f]?.[id]?.[t] !== undefined);
      let scanned = 0;
      for (const f of FIELDS) {
        const tree = index.indexes[f]?.node;
        if (!tree) continue;
        for (const id of postings(tree, byDf[0]!)) {
          if (++scanned > MAX_SCAN || scores.size >= MAX_CANDIDATES * 2) break;
          if (!scores.has(id) && byDf.every((t) => has(id, t))) scores.set(id, 0);
        }
      }
    }
    if (!scores.size) for (const t of byDf) choose(t, ["title"], MAX_CANDIDATES);

    // Score every chosen section on every term, from per-document statistics (no list scans).
    const idf = new Map(present.map((t) => [t, fieldIdf(index, t, n)]));
    const idfs = present.map((t) => idf.get(t)!);
    if (stats) stats.chosen = scores.size;
    for (const id of scores.keys()) {
      let s = 0;
      for (const f of FIELDS) {
        const freqs = index.frequencies[f]?.[id];
        if (!freqs) continue;
        const len = index.fieldLengths[f]?.[id] ?? 1;
        const norm = K1 * (1 - B + (B * len) / (index.avgFieldLength[f] || 1));
        for (let ti = 0; ti < present.length; ti++) {
          const tf = freqs[present[ti]!];
          if (tf === undefined) continue;
          // Orama stores tf as occurrences / field length; BM25 wants the count.
          const count = tf * len;
          s += BOOST[f] * idfs[ti]!.get(f)! * ((count * (K1 + 1)) / (count + norm));
        }
      }
      scores.set(id, s);
    }
    return [...scores.entries()]
      .map(([internalId, score]) => ({ internalId, score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  };
}

function fieldIdf(index: IndexData, term: string, n: number): Map<Field, number> {
  return new Map(FIELDS.map((f) => {
    const d = index.tokenOccurrences[f]?.[term] ?? 0;
    return [f, Math.log(1 + (n - d + 0.5) / (d + 0.5))];
  }));
}
