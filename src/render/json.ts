import type { Answer } from "../answer/types.js";

/** The batch contract of `ask --json` (DESIGN.md): one object per command. */
export function renderJson(answer: Answer): string {
  return JSON.stringify({
    query: answer.query,
    command: answer.kind,
    matched: answer.matched,
    ...(answer.confidence ? { confidence: answer.confidence } : {}),
    results: answer.sections.map((s) => ({
      headingPath: s.headingPath,
      title: s.title,
      score: s.score,
      summary: s.summary,
      examples: s.examples,
      source: s.source,
    })),
    ...(answer.suggestions.length ? { suggestions: answer.suggestions } : {}),
    ...(answer.message ? { message: answer.message } : {}),
    ...(answer.outline
      ? { outline: answer.outline.map((o) => ({ title: o.title, depth: o.depth, source: o.source })) }
      : {}),
  });
}
