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

/**
 * Longest string a log line carries in any field (message, bindings, logged values); longer ones
 * are cut with a note of how much was dropped. Adapters already cut user text before logging it;
 * this holds for whatever else (a library's debug line with a whole payload, an error quoting its
 * input), so one request can never become one huge line.
 */
export const MAX_LOG_STRING = 2000;

export function createLogger(options: LoggerOptions = {}): Logger {
  const base = {
    level: options.level ?? "info",
    redact: { paths: REDACT, censor: "[redacted]" },
    formatters: { log: capStrings, bindings: capStrings },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === "string" ? capString(a) : a)),
        );
      },
    },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({ ...base, transport: { target: "pino-pretty", options: { colorize: true, destination: 2 } } });
  }
  return pino(base, pino.destination(2));
}

function capString(s: string): string {
  return s.length > MAX_LOG_STRING
    ? `${s.slice(0, MAX_LOG_STRING)}… [${s.length - MAX_LOG_STRING} more characters cut]`
    : s;
}

/**
 * Strings in plain objects and arrays, a few levels deep, cut to MAX_LOG_STRING. Returns the same
 * object when nothing is too long (the usual case costs a walk, no copy). Errors are left to
 * their serializer.
 */
function capStrings<T extends Record<string, unknown>>(obj: T): T {
  const cap = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return capString(v);
    if (depth > 4 || v === null || typeof v !== "object" || v instanceof Error) return v;
    if (Array.isArray(v)) {
      const out = v.map((x) => cap(x, depth + 1));
      return out.some((x, i) => x !== v[i]) ? out : v;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype) return v;
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = cap(x, depth + 1);
      if (out[k] !== x) changed = true;
    }
    return changed ? out : v;
  };
  return cap(obj, 0) as T;
}

/** A logger that drops everything: for tests and the JSON CLI. */
export const silentLogger: Logger = pino({ level: "silent" });
