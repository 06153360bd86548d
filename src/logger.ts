import { type Logger, pino } from "pino";

export type { Logger };

/** Keys whose values never reach the log, wherever they appear in a logged object. */
const REDACT = [
  "token",
  "*.token",
  "appToken",
  "*.appToken",
  "botToken",
  "*.botToken",
  "signingSecret",
  "*.signingSecret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "password",
  "*.password",
  "secret",
  "*.secret",
];

export interface LoggerOptions {
  level?: string;
  /** Pretty, human-readable lines (for a terminal); JSON otherwise. */
  pretty?: boolean;
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const base = { level: options.level ?? "info", redact: { paths: REDACT, censor: "[redacted]" } };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({ ...base, transport: { target: "pino-pretty", options: { colorize: true, destination: 2 } } });
  }
  return pino(base, pino.destination(2));
}

/** A logger that drops everything: for tests and the JSON CLI. */
export const silentLogger: Logger = pino({ level: "silent" });
