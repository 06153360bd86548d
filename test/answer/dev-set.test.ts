import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCases } from "../../scripts/eval/cases.js";
import { answerAll } from "../../scripts/eval/run.js";
import { describeMiss, metrics } from "../../scripts/eval/score.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { ROOT } from "../helpers.js";

/** The dev set (eval/dev.jsonl, the in-repo copy of the team's dev set) scored in process with score.mjs's rule. */
describe("dev set", () => {
  it("keeps R@1 ≥ 0.90, R@3 ≥ 0.97 and abstains on every no-answer case", async () => {
    const cases = readCases(join(ROOT, "eval", "dev.jsonl"));
    const bot = await loadBot({
      knowledgeDir: join(ROOT, "knowledge"),
      indexFile: join(ROOT, "test/fixtures/no-such-index.json"),
      rootDir: ROOT,
    });
    const outcomes = await answerAll(bot, cases);
    const m = metrics(outcomes);
    const summary = JSON.stringify({ ...m, misses: outcomes.filter((o) => !o.ok).map(describeMiss) });
    expect(m.r1, summary).toBeGreaterThanOrEqual(0.9);
    expect(m.r3, summary).toBeGreaterThanOrEqual(0.97);
    expect(m.negatives, summary).toBe(3);
    expect(m.negativesAnswered, summary).toBe(0);
  });
});
