import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type EvalCase, EvalSetError, parseCases, questionKey, requireLabels } from "../../scripts/eval/cases.js";
import { countProblems } from "../../scripts/eval/counts.js";
import { evaluate, type SetResult } from "../../scripts/eval/evaluate.js";
import { labelProblems } from "../../scripts/eval/labels.js";
import { formatText, toJson } from "../../scripts/eval/report.js";
import { disagreements } from "../../scripts/eval/run.js";
import { type AnswerView, judge, metrics, metricsBy } from "../../scripts/eval/score.js";
import { assignSplits } from "../../scripts/eval/split.js";
import { ROOT } from "../helpers.js";

const c = (fields: Partial<EvalCase>, line = 1): EvalCase => ({ q: "q", line, ...fields });
const answer = (paths: string[][], matched = true, confidence?: "high" | "low"): AnswerView => ({
  matched,
  headingPaths: paths,
  ...(confidence ? { confidence } : {}),
});
const RUN = ["Docker run", "docker run的配置命令"];

describe("judge (score.mjs's rule)", () => {
  it("ranks the first relevant section among the top five, matching any heading on the path", () => {
    const wants = c({ any: ["自动重启"] });
    expect(judge(wants, answer([[...RUN, "7. 自动重启"]])).rank).toBe(1);
    expect(
      judge(
        wants,
        answer([
          [...RUN, "3. 端口映射"],
          [...RUN, "7. 自动重启"],
        ]),
      ).rank,
    ).toBe(2);
    const six = Array.from({ length: 5 }, () => [...RUN, "3. 端口映射"]);
    expect(judge(wants, answer([...six, [...RUN, "7. 自动重启"]])).rank).toBe(0);
    expect(judge(c({ any: ["docker run的配置命令"] }), answer([[...RUN, "3. 端口映射"]])).rank).toBe(1);
  });

  it("normalises like score.mjs: NFKC, case and spaces", () => {
    const outcome = judge(
      c({ any: ["bridge network(桥接网络)"] }),
      answer([["Docker network", "1. Bridge Network（桥接网络）"]]),
    );
    expect(outcome.rank).toBe(1);
  });

  it("needs every string of `all` within the top k for rank 1", () => {
    const both = c({ all: ["Bridge Network", "Host Network"], k: 2 });
    const net = (t: string) => ["Docker network", t];
    expect(judge(both, answer([net("1. Bridge Network"), net("2. Host Network")])).rank).toBe(1);
    expect(judge(both, answer([net("1. Bridge Network"), net("4. None Network"), net("2. Host Network")])).rank).toBe(
      0,
    );
  });

  it("counts nothing for an answer that says nothing was found, and passes a negative only then", () => {
    expect(judge(c({ any: ["自动重启"] }), answer([[...RUN, "7. 自动重启"]], false)).rank).toBe(0);
    expect(judge(c({ none: true }), answer([], false)).ok).toBe(true);
    expect(judge(c({ none: true }), answer([[...RUN, "7. 自动重启"]])).ok).toBe(false);
  });
});

describe("metrics", () => {
  const pos = c({ any: ["A"] });
  const neg = c({ none: true, cats: ["negative"] });
  it("reports R@1, R@3, MRR@5, false nothing and negatives answered", () => {
    const m = metrics([
      judge(pos, answer([["A"]])),
      judge(pos, answer([["B"], ["C"], ["A"]])),
      judge(pos, answer([], false)),
      judge(neg, answer([["A"]])),
      judge(neg, answer([], false)),
    ]);
    expect(m).toMatchObject({ positives: 3, falseNothing: 1, negatives: 2, negativesAnswered: 1 });
    expect(m.r1).toBeCloseTo(1 / 3);
    expect(m.r3).toBeCloseTo(2 / 3);
    expect(m.mrr5).toBeCloseTo((1 + 1 / 3) / 3);
    expect(m.negativesConfident).toBeNull();
    expect(m.lowConfidence).toBeNull();
  });

  it("counts the misses whose first three suggested headings hold a relevant one", () => {
    const miss = (suggestions: string[]) => ({ matched: false, headingPaths: [], suggestions });
    const m = metrics([
      judge(pos, miss(["B", "A"])),
      judge(pos, miss(["B", "C", "D", "A"])),
      judge(pos, miss([])),
      judge(neg, miss(["A"])),
    ]);
    expect(m).toMatchObject({ falseNothing: 3, nothingSuggested: 1 });
  });

  it("counts confident answers to negatives and closest-match answers once answers carry confidence", () => {
    const m = metrics([
      judge(neg, answer([["A"]], true, "high")),
      judge(neg, answer([["A"]], true, "low")),
      judge(pos, answer([["A"]], true, "low")),
    ]);
    expect(m).toMatchObject({ negativesAnswered: 2, negativesConfident: 1, lowConfidence: 1 });
  });

  it("groups by category, a case counting in each of its categories", () => {
    const groups = metricsBy(
      [judge(c({ any: ["A"], cats: ["typo", "compare"] }), answer([["A"]])), judge(neg, answer([], false))],
      (x) => x.cats ?? [],
    );
    expect(Object.keys(groups)).toEqual(["compare", "negative", "typo"]);
    expect(groups.typo!.r1).toBe(1);
    expect(groups.negative!.r1).toBeNull();
  });
});

describe("set files", () => {
  it("reports the file and line of a bad case", () => {
    expect(() => parseCases('{"q":"a","any":["x"]}\n\n{"q":"b"}\n', "set.jsonl")).toThrow(
      /set\.jsonl:3: .*exactly one of any, all, none/,
    );
    expect(() => parseCases("{nope", "set.jsonl")).toThrow(EvalSetError);
    expect(() => parseCases('{"q":"a","any":["x"],"lang":"fr"}', "set.jsonl")).toThrow(/set\.jsonl:1: lang/);
  });

  it("requires lang, cats and split on natural sets, and none exactly with the negative category", () => {
    const ok = parseCases('{"q":"a","none":true,"lang":"en","cats":["negative"],"split":"test"}', "f");
    expect(requireLabels(ok, "f")).toHaveLength(1);
    const bare = parseCases('{"q":"a","any":["x"]}', "f");
    expect(() => requireLabels(bare, "f")).toThrow("f:1: missing lang, cats, split");
    const wrong = parseCases('{"q":"a","any":["x"],"lang":"en","cats":["negative"],"split":"tune"}', "f");
    expect(() => requireLabels(wrong, "f")).toThrow(/must go together/);
  });

  it("treats questions that differ only in case, spacing, punctuation or emoji as duplicates", () => {
    expect(questionKey("Hey bot, -v? 😭")).toBe(questionKey("hey bot -v"));
    expect(questionKey("端口映射")).not.toBe(questionKey("端口影射"));
  });
});

describe("label check", () => {
  const headings = [
    { headingPath: ["Docker run"] },
    { headingPath: ["Docker run", "7. 自动重启"] },
    { headingPath: ["Docker run", "总结"] },
    { headingPath: ["Docker network"] },
    { headingPath: ["Docker network", "总结"] },
    ...Array.from({ length: 20 }, (_, i) => ({ headingPath: ["Docker run", `${i}. flag`] })),
  ];
  it("flags strings that match no heading, too many sections, or only a repeated title", () => {
    const problems = labelProblems(
      [
        c({ any: ["自动重启"] }, 1),
        c({ any: ["重启策略"] }, 2),
        c({ any: ["Docker run"] }, 3),
        c({ any: ["总结"] }, 4),
      ],
      headings,
      "f",
    );
    expect(problems).toEqual([
      'f:2: "重启策略" matches no heading (q)',
      'f:3: "Docker run" matches 23 sections (at most 15): too broad (q)',
      'f:4: "总结" only names the title "总结", repeated under 2 parents (q)',
    ]);
  });

  it("accepts a repeated title the case marks as answering everywhere", () => {
    expect(labelProblems([c({ any: ["总结"], repeatedOk: ["总结"] })], headings, "f")).toEqual([]);
  });
});

describe("splits", () => {
  const base = (q: string, cats: NonNullable<EvalCase["cats"]> = ["colloquial"], lang: "en" | "zh-CN" = "en") => ({
    ...c({ q }),
    lang,
    cats,
  });
  const many = Array.from({ length: 40 }, (_, i) => base(`question ${i}`, i % 4 ? ["colloquial"] : ["typo"]));

  it("is deterministic and independent of line order, stratified to about half", () => {
    const a = assignSplits(many);
    const b = assignSplits([...many].reverse());
    const split = (xs: typeof a) => Object.fromEntries(xs.map((x) => [x.q, x.split]));
    expect(split(a)).toEqual(split(b));
    for (const cat of ["typo", "colloquial"] as const) {
      const inCat = a.filter((x) => x.cats.includes(cat));
      expect(inCat.filter((x) => x.split === "test").length).toBe(inCat.length / 2);
    }
  });

  it("keeps the split a case already has and puts seeds in tune", () => {
    const fixed = { ...base("kept"), split: "test" as const };
    const out = assignSplits([fixed, base("seed", ["colloquial", "seed"]), ...many]);
    expect(out[0]!.split).toBe("test");
    expect(out[1]!.split).toBe("tune");
  });

  it("reports a category missing from a split and a short set", () => {
    const labelled = assignSplits(many).map((x) => (x.cats.includes("typo") ? { ...x, split: "tune" as const } : x));
    expect(countProblems(labelled, { total: 50 })).toEqual([
      "questions: 40, want at least 50",
      "test split: 15 of 40, want about half",
      "category typo has no case in the test split",
    ]);
  });
});

describe("report", () => {
  const pos = c({ q: "secret test question", any: ["A"], split: "test" });
  const out = judge(pos, answer([["B"]]));
  const other = judge(pos, answer([["A"]]));
  const m = metrics([out]);
  const result: SetResult = {
    name: "natural",
    file: "eval/natural.jsonl",
    knowledgeDir: "knowledge",
    load: [],
    warnings: [],
    splits: [
      {
        split: "test",
        cases: 1,
        paths: {
          memory: { outcomes: [out], all: m, byCategory: {}, byLang: {} },
          snapshot: { outcomes: [other], all: metrics([other]), byCategory: {}, byLang: {} },
        },
        disagreements: disagreements([out], [other]),
      },
    ],
  };

  it("never prints a test question unless asked", () => {
    const hidden = formatText([result], { split: "all", verbose: true, showTest: false });
    expect(hidden).not.toContain("secret test question");
    expect(hidden).toContain("load paths disagree on 1 of 1 (--show-test lists them)");
    const shown = formatText([result], { split: "all", verbose: true, showTest: true });
    expect(shown).toContain("secret test question  ->  memory: B rank -  |  snapshot: A rank 1");
  });

  it("prints only the split asked for, and numbers without questions as JSON", () => {
    expect(formatText([result], { split: "tune", verbose: false, showTest: false })).not.toContain("natural · test");
    const json = JSON.stringify(toJson([result]));
    expect(json).not.toContain("secret");
    expect(json).toContain('"disagreements":1');
  });
});

describe("evaluate", () => {
  it("skips a set whose notes are absent, with the reason", async () => {
    const [r] = await evaluate(undefined, [
      {
        name: "cli-docs",
        file: join(ROOT, "eval", "cli-docs.jsonl"),
        knowledgeDir: join(ROOT, "no-such-notes"),
        labelled: true,
      },
    ]);
    expect(r).toMatchObject({ name: "cli-docs", skipped: "no-such-notes is absent", splits: [] });
    expect(formatText([r!], { split: "all", verbose: false, showTest: false })).toContain(
      "skipped: no-such-notes is absent",
    );
  });
});
