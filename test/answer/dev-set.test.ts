import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answerSections } from "../../src/answer/answer-sections.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { ROOT } from "../helpers.js";

/** The dev set scored in process, with score.mjs's relevance rule: fails below R@1 0.90. */
const norm = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
interface Case {
  q: string;
  any?: string[];
  all?: string[];
  k?: number;
  none?: boolean;
}

describe("dev set", () => {
  it("keeps R@1 ≥ 0.90, R@3 ≥ 0.97 and abstains on every no-answer case", async () => {
    const file = join(ROOT, "..", "shared", "eval", "dev.jsonl");
    const cases = readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Case);
    const bot = await loadBot({
      knowledgeDir: join(ROOT, "knowledge"),
      indexFile: join(ROOT, "test/fixtures/no-such-index.json"),
      rootDir: ROOT,
    });
    let positives = 0,
      r1 = 0,
      r3 = 0,
      negatives = 0,
      abstained = 0;
    const misses: string[] = [];
    for (const c of cases) {
      const a = await bot.ask(c.q);
      const relevant = (path: string[], wants: string[]) =>
        wants.some((w) => path.some((h) => norm(h).includes(norm(w))));
      if (c.none) {
        negatives++;
        if (!a.matched) abstained++;
        else misses.push(`answered: ${c.q}`);
        continue;
      }
      positives++;
      let rank = 0;
      if (a.matched && c.all)
        rank = c.all.every((w) =>
          answerSections(a)
            .slice(0, c.k ?? 4)
            .some((s) => relevant(s.headingPath, [w])),
        )
          ? 1
          : 0;
      else if (a.matched)
        rank =
          answerSections(a)
            .slice(0, 5)
            .findIndex((s) => relevant(s.headingPath, c.any!)) + 1;
      if (rank === 1) r1++;
      if (rank >= 1 && rank <= 3) r3++;
      if (rank !== 1) misses.push(`rank ${rank}: ${c.q}`);
    }
    const summary = { R1: r1 / positives, R3: r3 / positives, abstain: `${abstained}/${negatives}`, misses };
    expect(summary.R1, JSON.stringify(summary)).toBeGreaterThanOrEqual(0.9);
    expect(summary.R3, JSON.stringify(summary)).toBeGreaterThanOrEqual(0.97);
    expect(abstained).toBe(negatives);
  });
});
