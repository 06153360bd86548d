import type { Answer, Command } from "./types.js";

export interface Choice {
  /** What the user sees (≤ 100 chars). */
  name: string;
  /** What is sent back as the option value (≤ 100 chars). */
  value: string;
}

export interface AskOptions {
  /** Where the question came from, for metrics and logs. */
  platform?: "slack" | "discord" | "console" | "cli" | "web";
  /**
   * Set for a fresh question (it is then recorded: metrics, the store): slash command, mention,
   * DM, console, web. Left out when a button asks again (`answerId`) and for the CLI.
   */
  surface?: Surface;
  /** The platform user id (hashed before it is stored). */
  userId?: string;
  /** The user's locale when the platform gives it (Discord interactions). */
  locale?: string;
  /** Re-rendering an answer already given (a button): keeps its id; not recorded again. */
  answerId?: string;
}

/** Where a fresh question was typed (a button re-asking is not one). */
export type Surface = "slash" | "mention" | "dm" | "console" | "web" | "shortcut" | "followup" | "channel";

/** What the bot tells its `onAnswer` hook about each answer. */
export interface AnswerInfo extends Omit<AskOptions, "platform"> {
  platform: string;
  ms: number;
}

/**
 * The core as the adapters see it. Adapters never touch the index: they turn payloads into text
 * or a `Command`, call `ask`, and render the `Answer`.
 */
export interface Bot {
  /** Answers any text the grammar accepts (a leading `/docker` is optional), or a parsed command. Never throws for bad input. */
  ask(input: string | Command, options?: AskOptions): Promise<Answer>;
  /** Up to 25 ranked choices (flags and section titles) for a partly typed value. */
  autocomplete(partial: string): Promise<Choice[]>;
}
