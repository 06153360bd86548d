import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../../logger.js";

/**
 * Bolt wants its own Logger interface; this forwards to our pino logger so Bolt's lines share
 * the process's format, level and redaction. Bolt's debug chatter goes to pino's debug.
 */
export function toSlackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: "bolt" });
  const line = (msg: unknown[]) =>
    msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(" ");
  let level: LogLevel = LogLevel.INFO;
  return {
    // Socket Mode logs every envelope whole at debug: don't even build the line when debug is off.
    debug: (...msg: unknown[]) => {
      if (child.isLevelEnabled("debug")) child.debug(line(msg));
    },
    info: (...msg: unknown[]) => child.info(line(msg)),
    warn: (...msg: unknown[]) => child.warn(line(msg)),
    error: (...msg: unknown[]) => {
      const err = msg.find((m): m is Error => m instanceof Error);
      if (err) child.error({ err }, line(msg));
      else child.error(line(msg));
    },
    // Levels are owned by our logger's configuration; Bolt's calls are recorded, not applied.
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
