import type { AnyOrama, RawData } from "@orama/orama";
import type { Section } from "../knowledge/types.js";
import { FIELDS, type Field } from "./fields.js";

/**
 * The one door into Orama's internals. Candidate retrieval and re-ranking read Orama's inverted
 * index directly (its `search` scores every matching document before `limit` applies, see
 * candidates.ts), so the shapes they rely on are declared here, once, and checked when the index
 * is opened: an Orama upgrade that moves them fails loudly here instead of answering nothing.
 * Statistics (document frequency, IDF, postings) are computed here and nowhere else.
 */

/** A node of Orama's radix tree (`trees/radix.js`): `s` the edge's characters, `w` the word so far, `e` end of a word, `d` its documents. */
export interface RadixNode {
  s: string;
  w: string;
  e: boolean;
  d: Set<number> | number[];
  c: Map<string, RadixNode>;
}

/** Orama's per-field term statistics (`components/index.js`). */
interface OramaIndex {
  indexes: Record<string, { node: RadixNode } | undefined>;
  /** Per document, term → occurrences ÷ field length (Orama's `tf`). */
  frequencies: Record<string, Record<number, Record<string, number> | undefined> | undefined>;
  /** Term → number of documents whose field holds it (the tokenizer de-duplicates terms per document). */
  tokenOccurrences: Record<string, Record<string, number> | undefined>;
  fieldLengths: Record<string, Record<number, number | undefined> | undefined>;
  avgFieldLength: Record<string, number | undefined>;
}

interface OramaData {
  index: OramaIndex;
  docs: { docs: Record<number, { section: Section } | undefined> };
}

/** One field's statistics, as plain lookups for the hot loops of retrieval and ranking. */
export interface FieldStats {
  name: Field;
  /** The field's radix tree (absent for a field no document has). */
  tree: RadixNode | undefined;
  /** Internal id → term → occurrences ÷ field length. */
  frequencies: Record<number, Record<string, number> | undefined>;
  /** Term → documents holding it in this field. */
  occurrences: Record<string, number>;
  lengths: Record<number, number | undefined>;
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
  /** Documents holding exactly `term` in one field (no prefix expansion). */
  postings: (field: FieldStats, term: string) => Iterable<number>;
  /** The section stored with an internal document id. */
  section: (internalId: number) => Section | undefined;
  /** Every term any document holds, in any field: the index's vocabulary. */
  terms: () => Set<string>;
}

function oramaData(db: AnyOrama): OramaData {
  const data = db.data as unknown as Partial<OramaData>;
  if (!data?.index?.frequencies || !data.index.tokenOccurrences || !data.docs?.docs)
    throw new Error("Orama's index layout changed: src/search/index-stats.ts must be updated for this Orama version");
  return data as OramaData;
}

export function indexStats(db: AnyOrama, docsCount: () => number): IndexStats {
  const data = oramaData(db);
  const index = data.index;
  // Orama replaces these objects only when an index is loaded into a fresh instance: reading
  // them once per IndexStats is safe (a reload builds a new engine and a new IndexStats).
  const fields: FieldStats[] = FIELDS.map((name) => ({
    name,
    tree: index.indexes[name]?.node,
    frequencies: index.frequencies[name] ?? {},
    occurrences: index.tokenOccurrences[name] ?? {},
    lengths: index.fieldLengths[name] ?? {},
    avgLength: index.avgFieldLength[name] || 1,
  }));
  const dfs = new Map<string, number>();
  return {
    fields,
    docsCount,
    df: (term) => {
      let d = dfs.get(term);
      if (d === undefined) {
        d = 0;
        for (const f of fields) d = Math.max(d, f.occurrences[term] ?? 0);
        if (dfs.size > 50_000) dfs.clear();
        dfs.set(term, d);
      }
      return d;
    },
    idf: (df) => {
      const n = Math.max(1, docsCount());
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    },
    postings: (field, term) => {
      return field.tree ? postings(field.tree, term) : [];
    },
    section: (internalId) => {
      return data.docs.docs[internalId]?.section;
    },
    terms: () => {
      const out = new Set<string>();
      for (const f of fields) for (const term of Object.keys(f.occurrences)) if (f.occurrences[term]) out.add(term);
      return out;
    },
  };
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

/** Every term of a saved index (any field): the vocabulary a snapshot was built with. */
export function snapshotTerms(raw: RawData): string[] {
  const occurrences = (raw as unknown as { index?: Partial<OramaIndex> }).index?.tokenOccurrences ?? {};
  const out = new Set<string>();
  // A term whose last document was removed (an incremental reload) stays in Orama's table at 0.
  for (const field of Object.values(occurrences))
    for (const [term, n] of Object.entries(field ?? {})) if (n) out.add(term);
  return [...out];
}
