import type { SearchEngine } from "../search/search-engine.js";
import { newAnswerId } from "./answer-id.js";
import type { AnswerInfo, Bot } from "./bot.js";
import { buildAnswer } from "./build-answer.js";
import { checkCommand, isCommandError, parseCommand } from "./parse-command.js";
import type { Answer, Command } from "./types.js";

export interface BotHooks {
  /** Called after every answer (metrics, logs). */
  onAnswer?(answer: Answer, info: AnswerInfo): void;
}

/**
 * The core behind every adapter. `engine` is a function so a reloaded index can be swapped in
 * atomically: a question in flight keeps the engine it started with.
 */
export function createBot(engine: () => SearchEngine, hooks: BotHooks = {}): Bot {
  return {
    async ask(input, options = {}) {
      const started = performance.now();
      const command: Command | ReturnType<typeof parseCommand> =
        typeof input === "string" ? parseCommand(input) : checkCommand(input);
      const answer: Answer = isCommandError(command)
        ? { type: "invalid", command: "invalid", query: command.text, matched: false, problem: command.problem }
        : await buildAnswer(command, engine());
      answer.id = options.answerId ?? newAnswerId();
      const { platform, ...rest } = options;
      hooks.onAnswer?.(answer, { ...rest, platform: platform ?? "unknown", ms: performance.now() - started });
      return answer;
    },
    async autocomplete(partial) {
      return engine().autocomplete(String(partial ?? "").slice(0, 200));
    },
  };
}
