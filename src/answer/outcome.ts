import type { Answer } from "./types.js";

/**
 * The one mapping from an answer to what the store and metrics call its outcome. A matched answer
 * the engine is not confident about (`confidence: "low"`) is a closest match; a refused command is
 * `invalid` (the user's typo, not a gap in the notes).
 */
export type AnswerOutcome = "answered" | "closest" | "nothing" | "invalid";

export function outcomeOf(answer: Answer): AnswerOutcome {
  if (answer.type === "invalid") return "invalid";
  if (answer.type === "miss") return "nothing";
  return (answer as { confidence?: string }).confidence === "low" ? "closest" : "answered";
}

export function confidenceOf(answer: Answer): string | undefined {
  const c = (answer as { confidence?: unknown }).confidence;
  return typeof c === "string" ? c : undefined;
}
