import type { Example } from "../knowledge/types.js";

export type CommandName = "explain" | "compare" | "search" | "examples" | "topics" | "help";

/** A parsed chat command; platform-neutral. */
export type Command =
  | { name: "explain"; topic: string; text: string }
  | { name: "compare"; a: string; b: string; text: string }
  | { name: "search"; query: string; text: string }
  | { name: "examples"; topic: string; text: string }
  | { name: "topics"; heading?: string; text: string }
  | { name: "help"; text: string };

/** A command the grammar refused (empty, too long, control characters, missing argument). */
export interface CommandError {
  name: "invalid";
  text: string;
  message: string;
}

export interface AnswerSection {
  id: string;
  headingPath: string[];
  title: string;
  /** Cleaned markdown summary of the section's prose (flags repaired, no code blocks). */
  summary: string;
  examples: Example[];
  source: { file: string; line: number };
  /** Relative score in (0, 1], 1 for the best section of this answer. */
  score: number;
}

export interface OutlineEntry {
  id: string;
  title: string;
  level: number;
  /** Depth below the outline's root (0 = top). */
  depth: number;
  source: { file: string; line: number };
}

/** Platform-neutral answer: the renderers (Slack, Discord, text, JSON) only read this. */
export interface Answer {
  /**
   * Names this answer for feedback: a new random id per question, kept when a button re-renders
   * the same answer (next result, share), so votes join the question they are about.
   */
  id?: string;
  /** The command that produced it; `invalid` when the grammar refused the text. */
  kind: CommandName | "invalid";
  /** The user's text as received (trimmed). */
  query: string;
  /** False when the bot says it found nothing relevant (misses, invalid input). */
  matched: boolean;
  /** Ranked best first. For `compare`: the direct comparison (if any), then the best for each side. */
  sections: AnswerSection[];
  /** For `compare`: which side each section answers. */
  compare?: { a: string; b: string; direct?: AnswerSection; left?: AnswerSection; right?: AnswerSection };
  /** For `topics`: the outline. */
  outline?: OutlineEntry[];
  /** Closest headings (titles) to offer when nothing matched. */
  suggestions: string[];
  /** A plain message: misses, help text, invalid input. Markdown. */
  message?: string;
}
