/**
 * What adapters report besides answers, and the admin actions they may offer. Plain interfaces:
 * the runtime implements them (metrics, the store, the knowledge reload); adapters only call them.
 */

export interface VoteEvent {
  /** The answer voted on; undefined on buttons from before answers had ids (counted, not stored). */
  answerId?: string;
  platform: "slack" | "discord" | "web";
  userId: string;
  vote: "up" | "down";
  /** The section shown when the button was pressed. */
  sectionId?: string;
}

export interface ReasonEvent extends Omit<VoteEvent, "vote"> {
  /** The one line typed after a 👎: what they were looking for. */
  reason: string;
}

export interface FeedbackSink {
  /** Whether a 👎 asks "what were you looking for?" (off when query text is not stored). */
  readonly asksReason: boolean;
  vote(event: VoteEvent): void;
  reason(event: ReasonEvent): void;
}

export interface AdminCommands {
  /** False when nothing is stored (STORE=off): there are no gaps to show (Slack's App Home leaves them out). */
  readonly storeOn?: boolean;
  /** The gaps summary as markdown, for `since` (7d, 24h, 2w; default 7d), in `locale` (a catalogue locale, default en). */
  gaps(since?: string, locale?: string): Promise<string>;
  /** Re-reads the notes now; says what happened, in `locale`. */
  reload(locale?: string): Promise<string>;
}

/** Logs nothing, stores nothing: for adapters created without a runtime (tests, scripts). */
export const NO_FEEDBACK: FeedbackSink = { asksReason: false, vote: () => undefined, reason: () => undefined };
