import type { Section } from "../knowledge/types.js";
import { headsWith } from "../search/confidence.js";
import type { TermGroup } from "../search/query-plan.js";
import type { SearchEngine, SearchOutcome } from "../search/search-engine.js";
import { summarize } from "./summarize.js";
import type { Answer, AnswerSection, Command, CompareAnswer, MissAnswer, OutlineEntry, TopicsAnswer } from "./types.js";

/** Builds the platform-neutral answer for a parsed command. */
export async function buildAnswer(command: Command, engine: SearchEngine): Promise<Answer> {
  switch (command.name) {
    case "help":
      return { type: "help", command: "help", query: command.text, matched: true };
    case "topics":
      return topics(command, engine);
    case "compare":
      return compare(command, engine);
    case "explain":
    case "examples":
    case "search": {
      const query = command.name === "search" ? command.query : command.topic;
      const outcome = await engine.search(query);
      if (!outcome.matched) return notFound(command, query, outcome);
      // "what does `-it` mean" / "-e 是干什么的" asks to explain one flag.
      const asked = command.name === "search" && asksAboutOneFlag(outcome) ? "explain" : command.name;
      let sections = outcome.results.map((r) =>
        toAnswerSection(r.section, engine, r.score / outcome.results[0]!.score),
      );
      if (command.name === "examples") {
        sections = withExamples(outcome, engine);
        if (!sections.length) {
          return {
            type: "miss",
            command: "examples",
            query: command.text,
            matched: false,
            reason: { kind: "no-examples", topic: query },
            suggestions: outcome.results.map((r) => r.section.title).slice(0, 5),
          };
        }
      }
      return {
        type: "sections",
        command: asked,
        query: command.text,
        matched: true,
        confidence: outcome.confidence === "high" ? "high" : "low",
        sections,
        ...(outcome.corrections.length ? { corrections: outcome.corrections } : {}),
      };
    }
  }
}

export function toAnswerSection(section: Section, engine: SearchEngine, score = 1): AnswerSection {
  return {
    id: section.id,
    headingPath: section.headingPath,
    title: section.title,
    summary: summarize(section, engine.children(section)),
    examples: section.examples,
    source: { file: section.file, line: section.line },
    ...(section.permalink ? { permalink: section.permalink } : {}),
    score: Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000,
  };
}

/** The runnable examples of the best matches; a chapter heading lends its subsections' examples. */
function withExamples(outcome: SearchOutcome, engine: SearchEngine): AnswerSection[] {
  const out: AnswerSection[] = [];
  const best = outcome.results[0]!.score;
  for (const r of outcome.results) {
    const own = r.section.examples.length ? [r.section] : engine.children(r.section).filter((c) => c.examples.length);
    for (const s of own) if (!out.some((o) => o.id === s.id)) out.push(toAnswerSection(s, engine, r.score / best));
  }
  return out.slice(0, 5);
}

/**
 * A comparison asked with context around its sides ("dockerfile 最后一行写 CMD 还是 ENTRYPOINT",
 * "for a web app, bridge or host"): the sides proper are the words next to the "or", the last
 * meaningful word of the first side and the first of the second. Tried only when the sides as
 * read find no comparison, and held to the same rule (a direct section, or both sides headed).
 */
async function compare(
  command: Extract<Command, { name: "compare" }>,
  engine: SearchEngine,
): Promise<CompareAnswer | MissAnswer> {
  const answer = await compareSides(command, engine);
  if (answer.matched) return answer;
  const a = sideCore(command.a, engine, "last");
  const b = sideCore(command.b, engine, "first");
  if (a === command.a && b === command.b) return answer;
  const core = await compareSides({ ...command, a, b }, engine);
  return core.matched ? core : answer;
}

/** The side's first or last whitespace-separated word that means something to the search (not `docker`, not 的). */
function sideCore(side: string, engine: SearchEngine, which: "first" | "last"): string {
  const words = side.split(/\s+/).filter((w) => engine.plan(w).groups.length > 0);
  if (words.length < 2) return side;
  return (which === "first" ? words[0] : words[words.length - 1])!;
}

async function compareSides(
  command: Extract<Command, { name: "compare" }>,
  engine: SearchEngine,
): Promise<CompareAnswer | MissAnswer> {
  const [left, right, both] = await Promise.all([
    engine.search(command.a, { limit: 3 }),
    engine.search(command.b, { limit: 3 }),
    engine.search(`${command.a} ${command.b}`, { limit: 10 }),
  ]);
  const directHit = both.results.find(
    (r) => engine.headingCovers(r.section, command.a) && engine.headingCovers(r.section, command.b),
  );
  const direct = directHit
    ? withDifferences(aspectSection(directHit.section, command, engine) ?? directHit.section, engine)
    : undefined;
  const pick = (o: SearchOutcome, other?: string) =>
    o.results.find((r) => r.section.id !== direct?.id && r.section.id !== other)?.section;
  // Each side must be a topic of the notes, one a section heads with: a word met in passing
  // (`ADD` in a list of instructions) is no side of a comparison.
  const l = left.matched && headsWith(left.evidence) ? pick(left) : undefined;
  const r = right.matched && headsWith(right.evidence) ? pick(right, l?.id) : undefined;
  // A comparison needs both sides: with one of them unknown to the notes (podman vs docker),
  // showing the other would answer a question nobody asked.
  if (!direct && (!l || !r)) {
    const unknown = l ? command.b : r ? command.a : undefined;
    const titles = [...left.ranked, ...right.ranked].map((x) => x.section.title);
    return {
      type: "miss",
      command: "compare",
      query: command.text,
      matched: false,
      reason: { kind: "no-comparison", a: command.a, b: command.b, ...(unknown ? { unknown } : {}) },
      suggestions: [...new Set([...left.suggestions, ...right.suggestions, ...titles])].slice(0, 5),
    };
  }
  // Confident when a section compares the two itself, or each side is found with confidence.
  const sure = !!direct || (left.confidence === "high" && right.confidence === "high");
  return {
    type: "compare",
    command: "compare",
    query: command.text,
    matched: true,
    confidence: sure ? "high" : "low",
    a: command.a,
    b: command.b,
    ...(direct ? { direct } : {}),
    ...(l ? { left: toAnswerSection(l, engine) } : {}),
    ...(r ? { right: toAnswerSection(r, engine) } : {}),
  };
}

/**
 * What a comparison asks about beyond its two sides (容器跟虛擬機哪個比較安全 → 安全, "is a
 * container faster than a VM" → faster): the first subsection of the comparison chapter whose
 * heading says it (隔离性和安全性), which answers more exactly than the whole chapter.
 */
/** A word said by more than this share of the sections is no aspect of a comparison. */
const COMMON_ASPECT = 0.2;

function aspectSection(
  chapter: Section,
  command: Extract<Command, { name: "compare" }>,
  engine: SearchEngine,
): Section | undefined {
  // Whatever says a side or "difference" (`/docker compare` reads as `docker compare`, 区别 among its ways) is no aspect.
  const said = (g: TermGroup) => g.members.map((m) => m.join(" "));
  const sides = new Set([command.a, command.b, "difference"].flatMap((t) => engine.plan(t).groups.flatMap(said)));
  // …nor a word most sections say (`docker`, as in `/docker 镜像和容器的区别`): it tells no subsection apart.
  const { stats } = engine.index;
  const common = (g: TermGroup) => g.members[0]!.every((t) => stats.df(t) > COMMON_ASPECT * stats.docsCount());
  const aspect = engine
    .plan(command.text)
    .groups.filter((g) => !g.flags.length && !said(g).some((m) => sides.has(m)) && !common(g));
  if (!aspect.length) return undefined;
  const below = (s: Section): Section[] => engine.children(s).flatMap((c) => [c, ...below(c)]);
  return below(chapter).find((s) => aspect.some((g) => engine.headingCovers(s, g.label)));
}

/**
 * A comparison chapter often keeps the point in a subsection ("主要区别", "Key differences"):
 * show it with the chapter's own introduction.
 */
function withDifferences(section: Section, engine: SearchEngine): AnswerSection {
  const answer = toAnswerSection(section, engine);
  const key = engine.children(section).find((c) => c.text && engine.headingCovers(c, "difference"));
  if (key) answer.summary = [answer.summary, `**${key.title}**`, summarize(key)].filter(Boolean).join("\n\n");
  return answer;
}

async function topics(
  command: Extract<Command, { name: "topics" }>,
  engine: SearchEngine,
): Promise<TopicsAnswer | MissAnswer> {
  const all = engine.index.sections;
  let root: Section | undefined;
  if (command.heading) {
    const outcome = await engine.search(command.heading, { limit: 1 });
    root = outcome.matched ? outcome.results[0]!.section : undefined;
    if (!root) return notFound(command, command.heading, outcome);
  }
  const within = root ? descendants(root, all) : all;
  const base = Math.min(...within.map((s) => s.level));
  const outline: OutlineEntry[] = within.map((s) => ({
    id: s.id,
    title: s.title,
    level: s.level,
    depth: Math.max(0, s.level - base),
    source: { file: s.file, line: s.line },
    ...(s.permalink ? { permalink: s.permalink } : {}),
  }));
  return {
    type: "topics",
    command: "topics",
    query: command.text,
    matched: true,
    ...(command.heading ? { heading: command.heading } : {}),
    ...(root ? { root: toAnswerSection(root, engine) } : {}),
    outline,
  };
}

function descendants(root: Section, all: Section[]): Section[] {
  const ids = new Set([root.id]);
  const out = [root];
  for (const s of all) {
    if (!s.parentId || !ids.has(s.parentId)) continue;
    ids.add(s.id);
    out.push(s);
  }
  return out;
}

function notFound(command: Exclude<Command, { name: "help" }>, searched: string, outcome: SearchOutcome): MissAnswer {
  return {
    type: "miss",
    command: command.name,
    query: command.text,
    matched: false,
    reason: {
      kind: "not-found",
      searched,
      unknownFlags: outcome.unknownFlags,
      ...(outcome.corrections.length ? { corrections: outcome.corrections } : {}),
    },
    suggestions: outcome.suggestions,
  };
}

function asksAboutOneFlag(outcome: SearchOutcome): boolean {
  const [only, ...others] = outcome.plan.groups;
  return !!only && !others.length && only.flags.length > 0;
}
