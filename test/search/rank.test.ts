import { beforeAll, describe, expect, it } from "vitest";
import type { Section } from "../../src/knowledge/types.js";
import { createCandidateFinder } from "../../src/search/candidates.js";
import { planQuery } from "../../src/search/query-plan.js";
import { createRanker, type RankedSection } from "../../src/search/rank.js";
import { buildSectionIndex, type SectionIndex } from "../../src/search/section-index.js";
import { language } from "../helpers.js";

const { analyzer } = language();

function section(slug: string, title: string, text: string, code = ""): Section {
  return {
    id: `notes.md#${slug}`,
    file: "notes.md",
    line: 1,
    level: 2,
    slug,
    title,
    headingPath: ["Notes", title],
    text,
    examples: code ? [{ lang: "bash", code }] : [],
  };
}

const SECTIONS = [
  section("restart", "自动重启", "容器退出时让 Docker 自动重启它。", "docker run --restart always nginx"),
  section("restart-prose", "Policies", "A restart policy decides what happens when a container exits."),
  section("memory", "限制资源使用", "限制容器的内存和 CPU。", "docker run --memory 512m --cpus 1 nginx"),
  section("memory-body", "Other things", "Containers can use a lot of memory without limits."),
  section("logs", "查看容器日志", "docker logs 显示容器的输出。", "docker logs -f web"),
  section("attach", "Attach", "附加到一个正在运行的容器。"),
  section("filler", "Filler", "Nothing to see here about ships."),
];

let index: SectionIndex;
let rank: (q: string) => RankedSection[];
let ranker: ReturnType<typeof createRanker>;
beforeAll(() => {
  index = buildSectionIndex(SECTIONS, analyzer);
  ranker = createRanker(index.stats, analyzer);
  const find = createCandidateFinder(index.stats);
  rank = (q) => {
    const plan = planQuery(q, language());
    const candidates = find(
      plan.groups.map((g) => g.members.flat()),
      30,
    ).map((c) => ({ ...c, section: index.stats.section(c.internalId)! }));
    return ranker.rank(plan, candidates);
  };
});

describe("ranking", () => {
  it("covers the whole query in the section that says every part of it", () => {
    const [best] = rank("limit memory");
    expect(best!.section.title).toBe("限制资源使用");
    expect(best!.coverage).toBe(1);
    expect(best!.looseCoverage).toBe(1);
  });

  it("ranks a heading match over the same words in prose", () => {
    const titles = rank("查看容器日志").map((r) => r.section.title);
    expect(titles[0]).toBe("查看容器日志");
    const memory = rank("内存").map((r) => r.section.title);
    expect(memory.indexOf("限制资源使用")).toBeLessThan(memory.indexOf("Other things"));
  });

  it("ranks the section showing the flag itself over one that only says its bare name", () => {
    const ranked = rank("--restart");
    expect(ranked[0]!.section.title).toBe("自动重启");
    const prose = ranked.find((r) => r.section.title === "Policies")!;
    // `restart` is only an approximate way of saying `--restart`: it counts 0.4 towards answering…
    expect(prose.coverage).toBeCloseTo(0.4, 5);
    // …and in full towards listing the section among the others.
    expect(prose.looseCoverage).toBe(1);
  });

  it("reports partial coverage, weighted by how rare each part is", () => {
    const ranked = rank("limit memory ships");
    const best = ranked[0]!;
    expect(best.coverage).toBeGreaterThan(0);
    expect(best.coverage).toBeLessThan(1);
    const filler = ranked.find((r) => r.section.title === "Filler");
    expect(filler?.coverage ?? 0).toBeLessThan(best.coverage);
  });

  it("counts a group matched in the heading, and the section's score orders the list", () => {
    const ranked = rank("attach");
    expect(ranked[0]!.section.title).toBe("Attach");
    expect(ranked[0]!.titleGroups).toBe(1);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
  });

  it("says a group is unknown when no section holds any way of saying it", () => {
    const plan = planQuery("zorblax memory", language());
    expect(plan.groups.map((g) => ranker.unknown(g))).toEqual([true, false]);
  });

  it("weighs a rare group more than a common one", () => {
    const plan = planQuery("container ships", language());
    const [container, ships] = plan.groups.map((g) => ranker.groupWeight(g));
    expect(ships!).toBeGreaterThan(container!);
  });

  it("weighs a word no section holds less than a rare word the notes use: one unknown word cannot sink a match", () => {
    const plan = planQuery("zorblax memory", language());
    const [unknown, memory] = plan.groups.map((g) => ranker.groupWeight(g));
    expect(unknown!).toBeLessThan(memory!);
    const [best] = rank("zorblax limit memory");
    expect(best!.section.title).toBe("限制资源使用");
    expect(best!.coverage).toBeGreaterThan(0.5);
  });

  it("records where each part of the question is said (heading, path, body, code)", () => {
    const [best] = rank("查看容器日志");
    const logs = best!.groupFields;
    // every part is in the heading (bit 1)
    expect(logs.every((f) => f & 1)).toBe(true);
    expect(best!.groupSaid.every((x) => x === 1)).toBe(true);
  });
});

describe("what a word the notes lack weighs", () => {
  const weigh = (q: string, common: string[]) => {
    const r = createRanker(index.stats, analyzer, { common: new Set(common.map((w) => analyzer.phrase(w)[0]!)) });
    const plan = planQuery(q, language());
    return Object.fromEntries(plan.groups.map((g) => [g.label, ranker.unknown(g) ? r.evidenceWeight(g) : null]));
  };

  it("weighs a word of the basic vocabulary less than a rarer one: how the asker talks, not the topic", () => {
    const w = weigh("memory came sudo", ["came"]);
    expect(w.came).toBeGreaterThan(0);
    expect(w.sudo).toBeGreaterThan(w.came! * 3);
  });

  it("weighs unknown words more in the evidence for answering than in ranking", () => {
    const plan = planQuery("memory sudo", language());
    const sudo = plan.groups.find((g) => g.label === "sudo")!;
    expect(ranker.evidenceWeight(sudo)).toBeGreaterThan(ranker.groupWeight(sudo));
  });
});
