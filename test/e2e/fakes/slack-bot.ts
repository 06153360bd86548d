import type { Bot } from "../../../src/answer/bot.js";
import { loadBot } from "../../../src/answer/load-bot.js";
import { createLogger, type Logger, silentLogger } from "../../../src/logger.js";

/** A text that makes the test bot throw, to exercise the adapters' error path. */
export const BOOM = "boom-please-fail";

/** A text that makes the test bot answer after SLOW_MS (the rest of the text is asked as usual). */
export const SLOW = "slow-please";
export const SLOW_MS = 1500;

/** The real core (the Docker notes in knowledge/), except that BOOM throws and SLOW delays. */
export async function loadTestBot(): Promise<Bot> {
  const bot = await loadBot({ logger: silentLogger });
  return {
    ask: (input, options) => {
      const text = typeof input === "string" ? input : input.text;
      if (text.includes(BOOM)) return Promise.reject(new Error("the index exploded"));
      if (text.includes(SLOW)) {
        const rest = text.replace(SLOW, "").trim();
        return new Promise((resolve) => setTimeout(resolve, SLOW_MS)).then(() => bot.ask(rest, options));
      }
      return bot.ask(input, options);
    },
    autocomplete: (partial) => bot.autocomplete(partial),
  };
}

export interface CapturedLog {
  logger: Logger;
  lines: Record<string, unknown>[];
}

/** A real pino logger whose JSON lines are kept for assertions. */
export function captureLogger(): CapturedLog {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: "debug",
    destination: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) },
  });
  return { logger, lines };
}
