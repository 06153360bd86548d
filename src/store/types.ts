/**
 * What the store keeps (docs/privacy.md says why): one row per question asked, one per vote.
 * Plain data, no chat library: adapters and the runtime build these, the store writes them.
 */

/** How the question was answered; `invalid` is input the grammar refused (a typo, not a gap). */
export type Outcome = "answered" | "closest" | "nothing" | "invalid";
export const OUTCOMES: readonly Outcome[] = ["answered", "closest", "nothing", "invalid"];

/** Where in a platform the question was typed. */
export type Surface = "slash" | "mention" | "dm" | "console" | "web" | "shortcut" | "followup" | "channel";

export type Vote = "up" | "down";

export interface QuestionEvent {
  type: "question";
  /** Joins the votes to the question; carried by the answer's buttons. */
  answerId: string;
  /** Milliseconds since the epoch. */
  at: number;
  platform: string;
  surface: Surface;
  /** The user's locale when the platform tells it (Discord), else the question's language. */
  locale?: string;
  /** The command: explain, compare, search, … or invalid. */
  kind: string;
  /** What the user typed (dropped before writing when STORE_QUERY_TEXT=false). */
  query: string;
  outcome: Outcome;
  /** `high`/`low` when the answer carries one. */
  confidence?: string;
  /** The top section shown, if any. */
  sectionId?: string;
  headingPath?: string[];
  latencyMs: number;
  /** The platform's user id; hashed (HMAC) before it is queued, never stored. */
  userId?: string;
}

export interface FeedbackEvent {
  type: "feedback";
  answerId: string;
  at: number;
  platform: string;
  userId: string;
  vote: Vote;
  /** The section the vote was given on (the page the user was looking at). */
  sectionId?: string;
}

/** The one line a 👎 may add: "what were you looking for?". */
export interface ReasonEvent {
  type: "reason";
  answerId: string;
  at: number;
  platform: string;
  userId: string;
  reason: string;
  sectionId?: string;
}

export type StoreEvent = QuestionEvent | FeedbackEvent | ReasonEvent;

/** Longest stored 👎 reason and query (a chat line, not an essay). */
export const MAX_REASON = 300;
export const MAX_QUERY = 1000;
