import { describe, expect, it } from "vitest";
import type { Section } from "../../src/knowledge/types.js";
import { createCandidateFinder } from "../../src/search/candidates.js";
import { indexStats } from "../../src/search/index-stats.js";
import { createTermIndexBuilder, type TermIndex } from "../../src/search/term-index.js";

/** An index of documents whose fields' terms are their words (FIELDS order: title, path, body, code). */
function db(docs: { title?: string; body?: string }[]): { index: TermIndex; sections: Section[] } {
  const builder = createTermIndexBuilder();
  const words = (text = "") => [...new Set(text.split(/\s+/).filter(Boolean))];
  for (const d of docs) builder.add([words(d.title), [], words(d.body), []]);
  const sections = docs.map((_, i) => ({ id: `d${i}` }) as Section);
  return { index: builder.finish(), sections };
}
const body = (d: ReturnType<typeof db>) => {
  const stats = indexStats(d.index, d.sections);
  return (term: string) => [...stats.postings(stats.fields.find((f) => f.name === "body")!, term)].sort();
};

describe("candidate retrieval", () => {
  it("looks terms up exactly: no prefix matches", async () => {
    const d = db([{ body: "run" }, { body: "running runner" }, { body: "run runtime" }]);
    const postings = body(d);
    expect(postings("run")).toEqual([0, 2]);
    expect(postings("ru")).toEqual([]);
    expect(postings("runtime")).toEqual([2]);
  });

  it("lets rare terms choose candidates and bounds the work for common ones", async () => {
    const docs = Array.from({ length: 6000 }, (_, i) => ({
      body: `docker run image ${i % 7 === 0 ? "zorblax" : ""}`,
      title: i % 100 === 0 ? "docker" : "",
    }));
    const d = db(docs);
    const find = createCandidateFinder(indexStats(d.index, d.sections));
    const stats = { chosen: 0 };
    const rare = find([["zorblax"], ["docker"]], 10, stats);
    expect(stats.chosen).toBe(Math.ceil(6000 / 7));
    expect(rare).toHaveLength(10);
    find([["docker"], ["run"]], 10, stats);
    expect(stats.chosen).toBeLessThanOrEqual(4000);
    const onlyCommon = find([["docker"]], 10, stats);
    expect(stats.chosen).toBe(60);
    // heading matches score higher than body matches
    expect(onlyCommon[0]!.internalId % 100).toBe(0);
  });

  it("scores sections holding every term above sections holding one", async () => {
    const d = db([{ body: "limit memory" }, { body: "limit cpu" }, { body: "memory" }]);
    const [first] = createCandidateFinder(indexStats(d.index, d.sections))([["limit"], ["memory"]], 3);
    expect(first!.internalId).toBe(0);
  });

  it("chooses a section whose heading says all of the query but one rare word of the asker's", async () => {
    const docs = [
      ...Array.from({ length: 3000 }, (_, i) => ({ body: i % 10 === 0 ? "remove container running" : "filler text" })),
      ...Array.from({ length: 40 }, () => ({ body: "still" })),
      { title: "force remove running container", body: "use force" },
    ];
    const d = db(docs);
    const found = createCandidateFinder(indexStats(d.index, d.sections))(
      [["remove"], ["container"], ["still"], ["running"]],
      100,
    );
    expect(found.map((c) => c.internalId)).toContain(docs.length - 1);
  });
});
