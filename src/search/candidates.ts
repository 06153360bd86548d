import { BOOST } from "./fields.js";
import type { IndexStats } from "./index-stats.js";

/**
 * The query plan's first step: pick and score candidate sections straight from the inverted
 * index (term-index.ts), never asking for an unbounded match list. Orama's own `search` scored every
 * section containing any query term (prefix matches included) before applying `limit`, which
 * costs ~1.5 s at 75,000 sections for a term like `docker`. Here:
 * - terms are looked up exactly (the analyzer already stems; prefixes only add noise);
 * - rare terms choose the candidates; terms found in more than COMMON_SHARE of the sections
 *   only add to the score of sections already chosen;
 * - sections holding every term are candidates too (found from the rarest term's postings);
 * - when nothing else chose any, heading matches do, at most MAX_CANDIDATES.
 * Scores are BM25 per field with the statistics Orama's index gave (index-stats.ts), weighted by BOOST.
 */
const COMMON_SHARE = 0.01;
const MAX_CANDIDATES = 2000;
/** Postings read at most when looking for sections that hold every term. */
const MAX_SCAN = 10_000;
const K1 = 1.2;
const B = 0.75;

export interface Candidate {
  /** The document: its section's position in the index. */
  internalId: number;
  score: number;
}

export function createCandidateFinder(stats: IndexStats) {
  const { fields } = stats;
  /**
   * `groups`: the query's meaningful parts, each the terms that may say it (a flag and its
   * aliases, a word and its glossary synonyms). `report.chosen` reports how many sections were
   * scored (tests hold it bounded).
   */
  return (groups: string[][], limit: number, report?: { chosen: number }): Candidate[] => {
    const n = Math.max(1, stats.docsCount());
    const df = stats.df;
    const present = [...new Set(groups.flat())].filter((t) => df(t) > 0);
    if (!present.length) return [];
    const rareLimit = Math.max(50, n * COMMON_SHARE);
    const scores = new Map<number, number>();

    const choose = (t: string, fieldIdx: number[], cap: number) => {
      for (const fi of fieldIdx) {
        for (const id of stats.postings(fields[fi]!, t)) {
          if (scores.size >= cap && !scores.has(id)) break;
          if (!scores.has(id)) scores.set(id, 0);
        }
      }
    };
    const all = fields.map((_, i) => i);
    for (const t of present) if (df(t) <= rareLimit) choose(t, all, Infinity);

    // Sections that say every part of the query are always candidates: walk the postings of the
    // rarest part and check the others per document (a bounded scan, never a merge of lists).
    const live = groups.map((g) => g.filter((t) => df(t) > 0)).filter((g) => g.length);
    if (live.length > 1) {
      const weight = (g: string[]) => g.reduce((a, t) => a + df(t), 0);
      const [rarest, ...others] = [...live].sort((a, b) => weight(a) - weight(b));
      const says = (id: number, g: string[]) => {
        for (const field of fields) {
          const f = field.doc(id);
          if (f) for (const t of g) if (f.has(t)) return true;
        }
        return false;
      };
      let scanned = 0;
      scan: for (const t of rarest!) {
        for (const field of fields) {
          for (const id of stats.postings(field, t)) {
            if (++scanned > MAX_SCAN || scores.size >= MAX_CANDIDATES * 2) break scan;
            if (!scores.has(id) && others.every((g) => says(id, g))) scores.set(id, 0);
          }
        }
      }
    }
    // Sections whose heading says all parts of the query but one (at least two): a rare word of
    // the asker's (`still` in "delete a container that's still running") would otherwise choose
    // every candidate and crowd out "Force-remove a running container".
    if (live.length > 1) {
      const need = Math.max(2, live.length - 1);
      const headed = new Map<number, number>();
      let read = 0;
      heads: for (const g of live) {
        const seen = new Set<number>();
        for (const t of g)
          for (const id of stats.postings(fields[0]!, t)) {
            if (++read > MAX_SCAN) break heads;
            if (seen.has(id)) continue;
            seen.add(id);
            headed.set(id, (headed.get(id) ?? 0) + 1);
          }
      }
      for (const [id, n] of headed) {
        if (scores.size >= MAX_CANDIDATES * 2) break;
        if (n >= need && !scores.has(id)) scores.set(id, 0);
      }
    }
    if (!scores.size) for (const t of [...present].sort((a, b) => df(a) - df(b))) choose(t, [0], MAX_CANDIDATES);
    if (report) report.chosen = scores.size;

    // Score every chosen section on every term, from per-document statistics (no list scans),
    // keeping the best `limit` as it goes.
    // Per field, only the terms some document holds there, with their IDF: a glossary's Chinese
    // synonyms never occur in an English corpus's fields, and most terms never in code.
    const inField = fields.map((f) =>
      present.flatMap((t) => {
        const d = f.occurrences(t);
        return d > 0 ? [{ t, idf: stats.idf(d) }] : [];
      }),
    );
    const top: Candidate[] = [];
    for (const id of scores.keys()) {
      let s = 0;
      for (let fi = 0; fi < fields.length; fi++) {
        const field = fields[fi]!;
        const freqs = field.doc(id);
        if (!freqs) continue;
        const len = freqs.length;
        const norm = K1 * (1 - B + (B * len) / field.avgLength);
        const boost = BOOST[field.name];
        for (const { t, idf } of inField[fi]!) {
          const tf = freqs.tf(t);
          if (tf === undefined) continue;
          // tf is occurrences / field length, as Orama stored it; BM25 wants the count.
          const count = tf * len;
          s += boost * idf * ((count * (K1 + 1)) / (count + norm));
        }
      }
      if (top.length === limit && s <= top[limit - 1]!.score) continue;
      let at = top.length;
      while (at > 0 && top[at - 1]!.score < s) at--;
      top.splice(at, 0, { internalId: id, score: s });
      if (top.length > limit) top.pop();
    }
    return top;
  };
}
