import { create, insertMultiple, search } from "@orama/orama";
import { radix } from "@orama/orama/trees";
import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * patches/@orama+orama+3.1.18.patch: RadixNode.findAllWords de-duplicated each word's documents
 * with `Array#includes` in a loop, quadratic in the number of matching documents (~1.5 s for a
 * common word at 75,000 sections). These tests count the work instead of timing it.
 */
describe("orama radix findAllWords (patched)", () => {
  afterEach(() => vi.restoreAllMocks());

  const countIncludes = () => vi.spyOn(Array.prototype, "includes");

  it("collects every document of a word without an Array#includes scan per document", () => {
    const tree = new radix.RadixTree();
    const n = 5000;
    for (let id = 1; id <= n; id++) tree.insert(id % 2 ? "docker" : "dockerfile", id);
    const includes = countIncludes();
    const out = tree.find({ term: "dock", exact: false });
    const scans = includes.mock.calls.length;
    includes.mockRestore();
    expect(Object.keys(out).sort()).toEqual(["docker", "dockerfile"]);
    expect(out.docker).toHaveLength(n / 2);
    expect(out.dockerfile).toHaveLength(n / 2);
    expect(new Set([...out.docker!, ...out.dockerfile!]).size).toBe(n);
    // Unpatched: one includes() per (word, document) pair, i.e. n calls scanning up to n/2 each.
    expect(scans).toBe(0);
  });

  it("still de-duplicates when the output already holds documents for the word", () => {
    const tree = new radix.RadixTree();
    for (const id of [1, 2, 3]) tree.insert("restart", id);
    const node = tree.c.get("r")!;
    // An output already holding IDs for the word (the branch a caller with shared output takes):
    // findAllWords resets it first, so the result is exactly the node's documents, each once.
    const output: Record<string, number[]> = { restart: [3, 4] };
    node.findAllWords(output, "restart", true, 0);
    expect(output.restart).toEqual([1, 2, 3]);
  });

  it("matches every section through the public search API, with linear work", async () => {
    const db = create({ schema: { body: "string" } as const });
    const n = 3000;
    await insertMultiple(
      db,
      Array.from({ length: n }, (_, i) => ({ id: String(i), body: `docker run example ${i}` })),
      500,
    );
    const includes = countIncludes();
    const res = await search(db, { term: "docker", limit: 10 });
    const scans = includes.mock.calls.length;
    includes.mockRestore();
    expect(res.count).toBe(n);
    expect(res.hits).toHaveLength(10);
    expect(scans).toBeLessThan(n / 10);
  });
});
