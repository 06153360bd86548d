import type { Section } from "../knowledge/types.js";
import { FIELDS, type Field } from "./fields.js";
import { type DocTerms, docTerms, type TermIndex, termOccurrences, termPostings } from "./term-index.js";

/**
 * The one door into the inverted index (term-index.ts) for retrieval and ranking: candidate
 * retrieval and re-ranking read per-term and per-document statistics directly (candidates.ts).
 * Statistics (document frequency, IDF, postings) are computed here and nowhere else. A document's
 * internal id is the position of its section in the index's list.
 */

/** One field's statistics, as plain lookups for the hot loops of retrieval and ranking. */
export interface FieldStats {
  name: Field;
  /** The document's terms in this field (with its length and each term's tf), or undefined for no such document. */
  doc: (internalId: number) => DocTerms | undefined;
  /** Documents holding `term` in this field. */
  occurrences: (term: string) => number;
  /** The field's average length over the documents (Orama's running average; 1 when every one is empty). */
  avgLength: number;
}

export interface IndexStats {
  /** Per field, in FIELDS order (title, path, body, code). */
  fields: FieldStats[];
  docsCount: () => number;
  /** Documents holding `term` in any one field (the largest per-field count). */
  df: (term: string) => number;
  /** BM25's IDF for a document frequency. */
  idf: (df: number) => number;
  /** Documents holding exactly `term` in one field (no prefix expansion), in document order. */
  postings: (field: FieldStats, term: string) => Iterable<number>;
  /** The section stored with an internal document id. */
  section: (internalId: number) => Section | undefined;
  /** Every term any document holds, in any field: the index's vocabulary (`vocabulary`'s order). Shared: never modify it. */
  terms: () => ReadonlySet<string>;
}

export function indexStats(index: TermIndex, sections: readonly Section[]): IndexStats {
  const byName = new Map<FieldStats, TermIndex["fields"][number]>();
  const fields: FieldStats[] = FIELDS.map((name, fi) => {
    const f = index.fields[fi]!;
    const stats: FieldStats = {
      name,
      doc: (id) => docTerms(f, id),
      occurrences: (term) => termOccurrences(f, term),
      avgLength: f.avgLength || 1,
    };
    byName.set(stats, f);
    return stats;
  });
  const dfs = new Map<string, number>();
  // Read at load (the question language) and again by the typo corrector: made once.
  let terms: Set<string> | undefined;
  return {
    fields,
    docsCount: () => sections.length,
    df: (term) => {
      let d = dfs.get(term);
      if (d === undefined) {
        d = 0;
        for (const f of fields) d = Math.max(d, f.occurrences(term));
        if (dfs.size > 50_000) dfs.clear();
        dfs.set(term, d);
      }
      return d;
    },
    idf: (df) => {
      const n = Math.max(1, sections.length);
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    },
    postings: (field, term) => {
      const f = byName.get(field);
      return f ? termPostings(f, term) : [];
    },
    section: (internalId) => sections[internalId],
    terms: () => (terms ??= vocabulary(index)),
  };
}

/**
 * Every term of the index, in the order Orama's `tokenOccurrences` listed them (what the typo
 * corrector and the question language were given before issue 18's round 3, so ties among equal
 * candidates fall as before): field by field, in each the terms that are array indices ("80",
 * "443") first, ascending, as a JavaScript object lists its keys, then the others as first met.
 */
export function vocabulary(index: TermIndex): Set<string> {
  const out = new Set<string>();
  for (const f of index.fields) {
    const numeric: string[] = [];
    for (const term of f.terms) if (isArrayIndex(term)) numeric.push(term);
    numeric.sort((a, b) => Number(a) - Number(b));
    for (const term of numeric) out.add(term);
    for (const term of f.terms) if (!isArrayIndex(term)) out.add(term);
  }
  return out;
}

/** A key a JavaScript object orders before the others: a canonical integer below 2³² − 1. */
function isArrayIndex(term: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(term) && Number(term) < 4294967295;
}
