import { answerSections } from "../answer/answer-sections.js";
import type { Answer, AnswerSection, OutlineEntry } from "../answer/types.js";
import { answerMessage } from "./wording.js";

/**
 * The batch contract of `ask --json` (docs/ARCHITECTURE.md, "Contracts"): one object per command,
 * keys in this order: query, command, matched, confidence (`high` | `low`, matched answers only),
 * results, then suggestions, message and outline when there are any.
 */
export function renderJson(answer: Answer): string {
  const { suggestions, outline } = extras(answer);
  const message = answerMessage(answer);
  return JSON.stringify({
    query: answer.query,
    command: answer.command,
    matched: answer.matched,
    ...(answer.matched ? { confidence: confidenceOf(answer) } : {}),
    results: answerSections(answer).map(result),
    ...(suggestions?.length ? { suggestions } : {}),
    ...(message ? { message } : {}),
    ...(outline ? { outline: outline.map((o) => ({ title: o.title, depth: o.depth, source: o.source })) } : {}),
  });
}

function extras(answer: Answer): { suggestions?: string[]; outline?: OutlineEntry[] } {
  switch (answer.type) {
    case "miss":
      return { suggestions: answer.suggestions };
    case "topics":
      return { outline: answer.outline };
    case "sections":
    case "compare":
    case "help":
    case "invalid":
      return {};
  }
}

/** Sections and comparisons carry how sure they are; an outline or the help is what was asked. */
function confidenceOf(answer: Answer): "high" | "low" {
  return answer.type === "sections" || answer.type === "compare" ? answer.confidence : "high";
}

function result(s: AnswerSection) {
  return {
    headingPath: s.headingPath,
    title: s.title,
    score: s.score,
    summary: s.summary,
    examples: s.examples,
    source: s.source,
  };
}
