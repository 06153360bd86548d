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

/**
 * Why the bot refused: the grammar refused the text, or (`withheld`) the answer held the value of
 * one of the bot's secret settings. Data, not a sentence: the renderers word it (`render/wording.ts`).
 */
export type InputProblem =
  /** `over`: the text arrived cut (`boundInput`), so it is longer than `length`. */
  | { kind: "too-long"; length: number; max: number; over?: true }
  | { kind: "withheld" }
  | { kind: "control-characters" }
  | { kind: "empty" }
  | { kind: "no-word" }
  | { kind: "compare-needs-two" }
  /** `explain`, `examples` or `search` with nothing after it; `example` is valid input after `/docker `. */
  | { kind: "needs-argument"; command: CommandName; example: string };

/** A command the grammar refused (empty, too long, control characters, missing argument). */
export interface CommandError {
  name: "invalid";
  text: string;
  problem: InputProblem;
}

export interface AnswerSection {
  id: string;
  headingPath: string[];
  title: string;
  /** Cleaned markdown summary of the section's prose (flags repaired, no code blocks). */
  summary: string;
  examples: Example[];
  source: { file: string; line: number };
  /** The section's web page slug (`/s/<permalink>`), when the index has one. */
  permalink?: string;
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
  permalink?: string;
}

/** A `docker run` flag the flag table knows but the notes don't cover. */
export interface UnknownFlag {
  long: string;
  short?: string;
  meaning: string;
}

/**
 * Platform-neutral answers, one type per outcome (discriminated by `type`, the way mdast's nodes
 * are). The renderers (Slack, Discord, text, JSON) each handle them with one exhaustive `switch`;
 * answers carry data (what was asked, what was found, what is missing), never sentences, so the
 * wording lives in one place of the render layer.
 */
export type Answer = SectionsAnswer | CompareAnswer | TopicsAnswer | HelpAnswer | MissAnswer | InvalidAnswer;

export type AnswerType = Answer["type"];

interface Asked {
  /** The user's text as received (trimmed). */
  query: string;
  /**
   * Names this answer for feedback: a new random id per question, kept when a button re-renders
   * the same answer (next result, share), so votes join the question they are about.
   */
  id?: string;
}

/**
 * How sure an answer is: `high` when its first section says what was asked; `low` when it is the
 * closest match (it covers the question's domain words but not all of it). "Nothing" is a miss.
 */
export type Confidence = "high" | "low";

/** A flag or word read as another than typed (a typo): "did you mean `--network`?". */
export interface Correction {
  typed: string;
  read: string;
}

/** `explain`, `search`, `examples`: the matching sections. */
export interface SectionsAnswer extends Asked {
  type: "sections";
  command: "explain" | "search" | "examples";
  matched: true;
  confidence: Confidence;
  /** Ranked best first; never empty. For `examples`, only sections with runnable examples. For a closest match, the next ones are the alternatives to offer. */
  sections: AnswerSection[];
  /** Typos read as known flags or words (absent when there were none). */
  corrections?: Correction[];
}

/** `compare`: the notes' direct comparison, if any, and the best section for each side. */
export interface CompareAnswer extends Asked {
  type: "compare";
  command: "compare";
  matched: true;
  a: string;
  b: string;
  /** `high` with a direct section or both sides found confidently. */
  confidence: Confidence;
  direct?: AnswerSection;
  left?: AnswerSection;
  right?: AnswerSection;
}

/** `topics`: the outline of the notes, or below one heading. */
export interface TopicsAnswer extends Asked {
  type: "topics";
  command: "topics";
  matched: true;
  /** The heading the user asked for; undefined for the whole outline. */
  heading?: string;
  /** The section at the top of the outline when a heading was asked for. */
  root?: AnswerSection;
  outline: OutlineEntry[];
}

export interface HelpAnswer extends Asked {
  type: "help";
  command: "help";
  matched: true;
}

/** Why the notes had no answer. */
export type MissReason =
  /** Nothing covers `searched` well enough; `unknownFlags` are flags the notes don't cover. */
  | { kind: "not-found"; searched: string; unknownFlags: UnknownFlag[]; corrections?: Correction[] }
  /** `examples`: sections about `topic` exist, but none has a runnable example. */
  | { kind: "no-examples"; topic: string }
  /**
   * `compare`: no section about both, and not both sides found; `unknown` is the side the notes
   * say nothing about when the other one is found (a comparison needs both).
   */
  | { kind: "no-comparison"; a: string; b: string; unknown?: string };

/** The bot says plainly that the notes have no answer, and offers the closest headings. */
export interface MissAnswer extends Asked {
  type: "miss";
  command: Exclude<CommandName, "help">;
  matched: false;
  reason: MissReason;
  /** Closest headings (titles), best first. */
  suggestions: string[];
}

/** Text the grammar refused. */
export interface InvalidAnswer extends Asked {
  type: "invalid";
  command: "invalid";
  matched: false;
  problem: InputProblem;
}
