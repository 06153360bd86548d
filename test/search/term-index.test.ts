import { join } from "node:path";
import { type AnyOrama, create, insertMultiple } from "@orama/orama";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { FIELDS, SCHEMA } from "../../src/search/fields.js";
import { indexStats } from "../../src/search/index-stats.js";
import { buildSectionIndex, toDoc } from "../../src/search/section-index.js";
import {
  createTermIndexBuilder,
  loadTermIndex,
  saveTermIndex,
  type TermIndex,
  termPostings,
} from "../../src/search/term-index.js";
import { flags, language, ROOT } from "../helpers.js";

/**
 * Issue 18, round 3: the typed-array index answers every question retrieval asks exactly as
 * Orama 3.1.18's index did (the index before this round): per document and field the same terms,
 * tf (to the bit) and length; per term the same document count and postings in the same order;
 * the same average field lengths (to the bit); the vocabulary in the same order.
 */

/** A node of Orama's radix tree (`trees/radix.js`). */
interface RadixNode {
  s: string;
  w: string;
  e: boolean;
  d: Set<number>;
  c: Map<string, RadixNode>;
}
interface OramaIndex {
  indexes: Record<string, { node: RadixNode }>;
  frequencies: Record<string, Record<number, Record<string, number> | undefined>>;
  tokenOccurrences: Record<string, Record<string, number>>;
  fieldLengths: Record<string, Record<number, number | undefined>>;
  avgFieldLength: Record<string, number>;
}

/** Orama's index of documents of the given fields' terms, made as section-index.ts made it before. */
async function oramaOf(docs: string[][][]): Promise<OramaIndex> {
  const db = create({
    schema: SCHEMA,
    sort: { enabled: false },
    // A field's text is its terms as JSON: the tokenizer gives them back as they are.
    components: {
      tokenizer: {
        language: "english",
        normalizationCache: new Map(),
        tokenize: (raw: string) => JSON.parse(raw) as string[],
      },
    },
  }) as AnyOrama;
  const asText = (d: string[][]) => Object.fromEntries(FIELDS.map((f, fi) => [f, JSON.stringify(d[fi])]));
  await insertMultiple(db, docs.map((d, i) => ({ id: `d${i}`, ...asText(d) })) as never[], 1000);
  return db.data.index as unknown as OramaIndex;
}

/** Documents holding exactly `term` in one radix tree (what index-stats.ts read before). */
function radixPostings(root: RadixNode, term: string): number[] {
  let node = root;
  let pos = 0;
  while (pos < term.length) {
    const child = node.c.get(term[pos]!);
    if (!child || !term.startsWith(child.s, pos)) return [];
    pos += child.s.length;
    node = child;
  }
  return node.e && node.w === term ? [...node.d] : [];
}

function expectSameAsOrama(mine: TermIndex, orama: OramaIndex, docsCount: number) {
  const stats = indexStats(
    mine,
    Array.from({ length: docsCount }, () => ({}) as never),
  );
  const vocabulary: string[] = [];
  FIELDS.forEach((name, fi) => {
    const field = stats.fields[fi]!;
    expect(mine.fields[fi]!.avgLength).toBe(orama.avgFieldLength[name]);
    for (let id = 0; id < docsCount; id++) {
      const doc = field.doc(id)!;
      const theirs = orama.frequencies[name]![id + 1]!;
      expect(doc.length).toBe(orama.fieldLengths[name]![id + 1]);
      expect([...doc.terms()].sort()).toEqual(Object.keys(theirs).sort());
      for (const [term, tf] of Object.entries(theirs)) expect(doc.tf(term)).toBe(tf);
    }
    for (const [term, n] of Object.entries(orama.tokenOccurrences[name]!)) {
      expect(field.occurrences(term)).toBe(n);
      expect([...termPostings(mine.fields[fi]!, term)]).toEqual(
        radixPostings(orama.indexes[name]!.node, term).map((id) => id - 1),
      );
      if (n) vocabulary.push(term);
    }
  });
  expect([...stats.terms()]).toEqual([...new Set(vocabulary)]);
}

const WORDS = ["run", "docker", "80", "443", "0", "007", "1e3", "容器", "镜像", "-p", "--rm", "4294967295", "12"];

describe("term index", () => {
  it("holds what Orama's index held, over random documents", async () => {
    const field = fc.uniqueArray(fc.constantFrom(...WORDS), { maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(field, field, field, field), { minLength: 1, maxLength: 40 }),
        async (docs) => {
          const builder = createTermIndexBuilder();
          for (const d of docs) builder.add(d);
          expectSameAsOrama(builder.finish(), await oramaOf(docs), docs.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  // (Also run over docker-cli-docs, outside the repository, while writing this: the same.)
  it("holds what Orama's index held, over the notes", async () => {
    const { analyzer } = language();
    const index = buildSectionIndex(loadKnowledge(join(ROOT, "knowledge"), flags, ROOT).sections, analyzer);
    const docs = index.sections.map((s) => {
      const doc = toDoc(s);
      return FIELDS.map((f) => [...new Set(analyzer.terms(doc[f]))]);
    });
    expectSameAsOrama(index.terms, await oramaOf(docs), docs.length);
    // Saved and loaded, the same index.
    expect(loadTermIndex(saveTermIndex(index.terms))).toEqual(index.terms);
  }, 120_000);

  it("refuses a document whose terms repeat (its length and tf would not be Orama's)", () => {
    expect(() => createTermIndexBuilder().add([["run", "run"], [], [], []])).toThrow(/repeat run/);
  });

  it("refuses saved lists that do not fit together", () => {
    const builder = createTermIndexBuilder();
    builder.add([["a", "b"], [], ["c"], []]);
    builder.add([["b"], [], [], ["d"]]);
    const saved = saveTermIndex(builder.finish());
    const damaged = (change: (s: typeof saved) => void) => {
      const copy = structuredClone(saved);
      change(copy);
      return () => loadTermIndex(copy);
    };
    expect(damaged(() => {})).not.toThrow();
    expect(damaged((s) => (s.docsCount = 3))).toThrow(/does not list 3 documents/);
    expect(damaged((s) => (s.fields.title.terms = ["a"]))).toThrow(/out of range/);
    expect(damaged((s) => (s.fields.title.terms = ["a", "a"]))).toThrow(/lists a term twice/);
    expect(damaged((s) => (s.fields.code.docTerms = [new Uint8Array(3)]))).toThrow(/not a list of int32/);
    expect(damaged((s) => delete (s.fields as Partial<typeof s.fields>).path)).toThrow(/path field has no terms/);
  });
});
