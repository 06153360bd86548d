import type { Section } from "../knowledge/types.js";
import { headsWith } from "../search/confidence.js";
import type { SearchEngine, SearchOutcome } from "../search/search-engine.js";
import { COMMAND_PREFIX, COMMANDS } from "./commands.js";
import { summarize } from "./summarize.js";
import type { Answer, AnswerSection, Command, OutlineEntry } from "./types.js";

/** Builds the platform-neutral answer for a parsed command. */
export async function buildAnswer(command: Command, engine: SearchEngine): Promise<Answer> {
  switch (command.name) {
    case "help":
      return {
        kind: "help",
        query: command.text,
        matched: true,
        confidence: "high",
        sections: [],
        suggestions: [],
        message: helpText(),
      };
    case "topics":
      return topics(command, engine);
    case "compare":
      return compare(command, engine);
    case "explain":
    case "examples":
    case "search": {
      const query = command.name === "search" ? command.query : command.topic;
      const outcome = await engine.search(query);
      if (!outcome.matched) return miss(command, query, outcome);
      // "what does `-it` mean" / "-e 是干什么的" asks to explain one flag.
      const kind = command.name === "search" && asksAboutOneFlag(outcome) ? "explain" : command.name;
      let sections = outcome.results.map((r) =>
        toAnswerSection(r.section, engine, r.score / outcome.results[0]!.score),
      );
      if (command.name === "examples") {
        sections = withExamples(outcome, engine);
        if (!sections.length) {
          return {
            kind: "examples",
            query: command.text,
            matched: false,
            sections: [],
            suggestions: outcome.results.map((r) => r.section.title).slice(0, 5),
            message: `The notes explain ${quote(query)} but have no runnable example for it. Try \`/${COMMAND_PREFIX} explain ${query}\`.`,
          };
        }
      }
      const note = answerNote(outcome);
      return {
        kind,
        query: command.text,
        matched: true,
        confidence: outcome.confidence === "high" ? "high" : "low",
        sections,
        suggestions: [],
        ...(note ? { message: note } : {}),
      };
    }
  }
}

function asksAboutOneFlag(outcome: SearchOutcome): boolean {
  const [only, ...others] = outcome.plan.groups;
  return !!only && !others.length && only.flags.length > 0;
}

/** What an answer says besides its sections: how a typo was read, and that a closest match may not be it. */
function answerNote(outcome: SearchOutcome): string | undefined {
  const parts = outcome.corrections.map((c) => `Did you mean \`${c.read}\`? (read for \`${c.typed}\`)`);
  if (outcome.confidence === "low")
    parts.push("This is the closest match in the notes: it may not be exactly what you asked.");
  return parts.length ? parts.join(" ") : undefined;
}

export function toAnswerSection(section: Section, engine: SearchEngine, score = 1): AnswerSection {
  return {
    id: section.id,
    headingPath: section.headingPath,
    title: section.title,
    summary: summarize(section, engine.children(section)),
    examples: section.examples,
    source: { file: section.file, line: section.line },
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

async function compare(command: Extract<Command, { name: "compare" }>, engine: SearchEngine): Promise<Answer> {
  const [left, right, both] = await Promise.all([
    engine.search(command.a, { limit: 3 }),
    engine.search(command.b, { limit: 3 }),
    engine.search(`${command.a} ${command.b}`, { limit: 10 }),
  ]);
  const directHit = both.results.find(
    (r) => engine.headingCovers(r.section, command.a) && engine.headingCovers(r.section, command.b),
  );
  const direct = directHit ? withDifferences(directHit.section, engine) : undefined;
  const pick = (o: SearchOutcome, other?: string) =>
    o.results.find((r) => r.section.id !== direct?.id && r.section.id !== other)?.section;
  // Each side must be a topic of the notes, one a section heads with: a word met in passing
  // (`ADD` in a list of instructions) is no side of a comparison.
  const l = left.matched && headsWith(left.evidence) ? pick(left) : undefined;
  const r = right.matched && headsWith(right.evidence) ? pick(right, l?.id) : undefined;
  const lSec = l ? toAnswerSection(l, engine) : undefined;
  const rSec = r ? toAnswerSection(r, engine) : undefined;
  const sections = [direct, lSec, rSec].filter((s): s is AnswerSection => !!s);
  const missing = [!l && !direct ? command.a : undefined, !r && !direct ? command.b : undefined].filter(
    Boolean,
  ) as string[];
  // A comparison needs both sides: with one of them unknown to the notes (podman vs docker),
  // showing the other would answer a question nobody asked.
  if (!sections.length || (!direct && missing.length)) {
    const about =
      missing.length === 1
        ? `The notes say nothing about ${quote(missing[0]!)}, so they can't compare it with ${quote(missing[0] === command.a ? command.b : command.a)}.`
        : `The notes have nothing comparing ${quote(command.a)} and ${quote(command.b)}.`;
    return {
      kind: "compare",
      query: command.text,
      matched: false,
      sections: [],
      suggestions: [...left.suggestions, ...right.suggestions, ...left.results, ...right.results]
        .map((x) => (typeof x === "string" ? x : x.section.title))
        .filter((t, i, all) => all.indexOf(t) === i)
        .slice(0, 5),
      message: about,
    };
  }
  // Confident when a section compares the two itself, or each side is found with confidence.
  const sure = !!direct || (left.confidence === "high" && right.confidence === "high" && !!l && !!r);
  return {
    kind: "compare",
    query: command.text,
    matched: true,
    confidence: sure ? "high" : "low",
    sections,
    compare: {
      a: command.a,
      b: command.b,
      ...(direct ? { direct } : {}),
      ...(lSec ? { left: lSec } : {}),
      ...(rSec ? { right: rSec } : {}),
    },
    suggestions: [],
  };
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

async function topics(command: Extract<Command, { name: "topics" }>, engine: SearchEngine): Promise<Answer> {
  const all = engine.index.sections;
  let root: Section | undefined;
  if (command.heading) {
    const outcome = await engine.search(command.heading, { limit: 1 });
    root = outcome.matched ? outcome.results[0]!.section : undefined;
    if (!root) return miss(command, command.heading, outcome);
  }
  const within = root ? descendants(root, all) : all;
  const base = Math.min(...within.map((s) => s.level));
  const outline: OutlineEntry[] = within.map((s) => ({
    id: s.id,
    title: s.title,
    level: s.level,
    depth: Math.max(0, s.level - base),
    source: { file: s.file, line: s.line },
  }));
  return {
    kind: "topics",
    query: command.text,
    matched: true,
    confidence: "high",
    sections: root ? [toAnswerSection(root, engine)] : [],
    outline,
    suggestions: [],
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

function miss(command: Command, query: string, outcome: SearchOutcome): Answer {
  const parts = [`I found nothing about ${quote(query)} in the notes.`];
  for (const c of outcome.corrections) parts.push(`(I read \`${c.typed}\` as \`${c.read}\`.)`);
  for (const f of outcome.unknownFlags)
    parts.push(
      `\`${f.long}\`${f.short ? ` (\`${f.short}\`)` : ""} is a \`docker run\` flag the notes don't cover: ${f.meaning}.`,
    );
  if (outcome.suggestions.length) parts.push(`Closest topics: ${outcome.suggestions.map((s) => `“${s}”`).join(", ")}.`);
  return {
    kind: command.name,
    query: command.text,
    matched: false,
    sections: [],
    suggestions: outcome.suggestions,
    message: parts.join(" "),
  };
}

export function helpText(): string {
  const lines = [`Ask about the team's Docker notes, in English or 中文. Start with \`/${COMMAND_PREFIX}\`:`];
  for (const c of COMMANDS) {
    const args = c.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(" ");
    lines.push(
      `- \`/${COMMAND_PREFIX} ${c.name}${args ? " " + args : ""}\`: ${c.description}. e.g. ${c.examples.map((e) => `\`/${COMMAND_PREFIX} ${e}\``).join(", ")}`,
    );
  }
  lines.push(
    `- Any other text is a search: \`/${COMMAND_PREFIX} 怎么让容器自动重启\`, \`/${COMMAND_PREFIX} how do I limit memory\`.`,
  );
  return lines.join("\n");
}

function quote(s: string): string {
  return `“${s.length > 80 ? s.slice(0, 79) + "…" : s}”`;
}
