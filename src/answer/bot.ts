import type { Answer, Command } from "./types.js";

export interface Choice {
  /** What the user sees (≤ 100 chars). */
  name: string;
  /** What is sent back as the option value (≤ 100 chars). */
  value: string;
}

export interface AskOptions {
  /** Where the question came from, for metrics and logs. */
  platform?: "slack" | "discord" | "console" | "cli";
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
