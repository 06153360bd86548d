import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";
import { LOCALES } from "./render/i18n/locale.js";

/**
 * The only reader of `process.env`. Every setting is validated at start; a bad one stops the
 * start with the variable's name and how to fix it. `.env` in the working directory is read when
 * present (real environment variables win).
 */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes");
const port = (fallback?: number) => {
  const base = z.coerce.number().int().min(0).max(65535);
  return fallback === undefined ? base.optional() : base.default(fallback);
};
/** A boolean that is on unless set to a false value. */
const boolDefaultTrue = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => !(v === "false" || v === "0" || v === "no"));
const url = z.string().url().optional();
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

/** The install (the repository, or /app in the image): bundled data is found from here, whatever the working directory. */
const INSTALL_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Where the language data (glossary, stop words, flag tables: the `*.yml` files) is read. A file
 * in `dir` wins; the image keeps a copy in `fallbackDir`, so a team that mounts a folder of notes
 * only over `knowledge/` still gets them (Dockerfile).
 */
export const LANGUAGE_PATHS = {
  dir: join(INSTALL_ROOT, "knowledge"),
  fallbackDir: join(INSTALL_ROOT, "defaults"),
} as const;

/** The message catalogue (`locales/<locale>.yml`): what the bot says, in every language it speaks. */
export const LOCALES_DIR = join(INSTALL_ROOT, "locales");

/**
 * Per-user budgets (`RATE_LIMIT_*`): ten commands in 30 s is more than a person types, and stops
 * a script or a stuck client from taking the bot from everyone; autocomplete fires on every
 * keystroke, so it gets more.
 */
export const RATE_LIMIT_DEFAULTS = { commands: 10, windowSeconds: 30, autocomplete: 60 } as const;

export const ConfigSchema = z.object({
  KNOWLEDGE_DIR: z.string().min(1).default("knowledge"),
  INDEX_FILE: z.string().min(1).default("data/index.json"),
  KNOWLEDGE_SOURCE_URL: optional.pipe(
    z
      .string()
      .includes("{file}", {
        message:
          "must contain {file} (and usually #L{line}), e.g. https://github.com/org/notes/blob/main/{file}#L{line}",
      })
      .optional(),
  ),
  KNOWLEDGE_WATCH: bool,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_PRETTY: z.enum(["auto", "true", "false"]).default("auto"),
  HEALTH_PORT: port(3000),
  /**
   * Where /metrics is served, on its own listener. Unset: on HEALTH_PORT, except in Slack HTTP
   * mode, where HEALTH_PORT is the public port Slack posts to and metrics stay off.
   */
  METRICS_PORT: port(),
  HOST: z.string().default("0.0.0.0"),
  SLACK_BOT_TOKEN: optional.pipe(
    z
      .string()
      .startsWith("xoxb-", {
        message: "must be a bot token starting with xoxb- (Slack app › OAuth & Permissions › Bot User OAuth Token)",
      })
      .optional(),
  ),
  SLACK_APP_TOKEN: optional.pipe(
    z
      .string()
      .startsWith("xapp-", {
        message:
          "must be an app-level token starting with xapp- (Slack app › Basic Information › App-Level Tokens, scope connections:write)",
      })
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: optional.pipe(url),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional.pipe(
    z
      .string()
      .regex(/^\d+$/, { message: "must be the numeric application id (Developer Portal › General Information)" })
      .optional(),
  ),
  DISCORD_GUILD_ID: optional.pipe(
    z
      .string()
      .regex(/^\d+$/, {
        message: "must be a numeric server id (enable Developer Mode, right-click the server › Copy Server ID)",
      })
      .optional(),
  ),
  DISCORD_API_URL: optional.pipe(url),
  DISCORD_PUBLIC_KEY: optional.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, {
        message: "must be the 64-hex-character public key (Developer Portal › General Information)",
      })
      .optional(),
  ),
  DISCORD_PORT: port(),
  RATE_LIMIT_COMMANDS: z.coerce.number().int().min(1).default(RATE_LIMIT_DEFAULTS.commands),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().positive().default(RATE_LIMIT_DEFAULTS.windowSeconds),
  /** Autocomplete requests per user per window: every keystroke is one, so the budget is larger. */
  RATE_LIMIT_AUTOCOMPLETE: z.coerce.number().int().min(1).default(RATE_LIMIT_DEFAULTS.autocomplete),
  SEGMENTER: z.enum(["jieba", "intl", "bigram"]).default("jieba"),
  /**
   * The language of the console, and of chat answers whose question shows no language of its own
   * (`/docker explain --restart`, `help`). Slack and Discord mentions follow the question's script
   * (Han → zh-CN, or zh-TW when Traditional); Discord commands follow the user's client language.
   */
  DEFAULT_LOCALE: z.enum(LOCALES).default("en"),
  /** Questions, outcomes and feedback are stored (docs/privacy.md); `off` stores nothing. */
  STORE: z.enum(["on", "off"]).default("on"),
  /** SQLite file when DATABASE_URL is unset; default `store.sqlite` beside INDEX_FILE (data/store.sqlite). */
  STORE_FILE: optional,
  /** PostgreSQL instead of the SQLite file (several replicas share one store). */
  DATABASE_URL: optional.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: "must be a PostgreSQL URL, e.g. postgres://bot:secret@db:5432/notes" })
      .optional(),
  ),
  /** Rows older than this many days are deleted (at start, then every 6 hours). */
  STORE_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  /** `false` keeps outcomes only: no query text and no 👎 reasons. */
  STORE_QUERY_TEXT: boolDefaultTrue,
  /**
   * The key of the HMAC that turns user ids into the stored hash. Unset with SQLite: a random key
   * is made once and kept in `<STORE_FILE>.key`. Required with DATABASE_URL (replicas must share it).
   */
  STORE_HASH_SECRET: optional.pipe(
    z.string().min(16, { message: "must be at least 16 characters (e.g. openssl rand -hex 32)" }).optional(),
  ),
  /** Slack user ids (comma-separated) allowed to run `/docker admin …`. */
  ADMIN_USER_IDS: optional.transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  ),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads `.env` (if any) under the real environment, validates, and checks that platform settings are complete. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, dotenvFile = ".env"): Config {
  const fromFile = existsSync(dotenvFile) ? parseDotenv(readFileSync(dotenvFile)) : {};
  const merged = { ...fromFile, ...env };
  const result = ConfigSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(
      `Invalid configuration (environment or .env):\n${lines.join("\n")}\nSee .env.example for every variable.`,
    );
  }
  checkComplete(result.data);
  return result.data;
}

/** Partial platform settings are a mistake worth stopping for: say what is missing and where it comes from. */
function checkComplete(c: Config): void {
  const problems: string[] = [];
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    problems.push(
      "SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode: Slack app › Basic Information › App-Level Tokens, scope connections:write) nor SLACK_SIGNING_SECRET (HTTP mode: Basic Information › App Credentials) is.",
    );
  }
  if ((c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET) && !c.SLACK_BOT_TOKEN) {
    problems.push(
      "SLACK_BOT_TOKEN is missing (Slack app › OAuth & Permissions › Bot User OAuth Token, starts with xoxb-).",
    );
  }
  if (c.DISCORD_PUBLIC_KEY && !c.DISCORD_APPLICATION_ID) {
    problems.push(
      "DISCORD_PUBLIC_KEY is set but DISCORD_APPLICATION_ID is missing (Developer Portal › General Information).",
    );
  }
  if (c.STORE === "on" && c.DATABASE_URL && !c.STORE_HASH_SECRET) {
    problems.push(
      "DATABASE_URL is set but STORE_HASH_SECRET is not: replicas sharing one store must hash user ids with the same key (e.g. openssl rand -hex 32), or set STORE=off.",
    );
  }
  if (problems.length)
    throw new ConfigError(`Incomplete configuration:\n  ${problems.join("\n  ")}\nSee .env.example.`);
}

/** The per-user rate limits, for `createRateLimiter`: one budget per user across every adapter. */
export function rateLimitSettings(c: Config): { commands: number; windowSeconds: number; autocomplete: number } {
  return {
    commands: c.RATE_LIMIT_COMMANDS,
    windowSeconds: c.RATE_LIMIT_WINDOW_SECONDS,
    autocomplete: c.RATE_LIMIT_AUTOCOMPLETE,
  };
}

/** Where the store lives: PostgreSQL when DATABASE_URL is set, else a SQLite file. */
export function storeLocation(c: Config): { postgres: string } | { sqlite: string } | undefined {
  if (c.STORE === "off") return undefined;
  if (c.DATABASE_URL) return { postgres: c.DATABASE_URL };
  return { sqlite: c.STORE_FILE ?? join(dirname(c.INDEX_FILE), "store.sqlite") };
}

export function slackMode(c: Config): "socket" | "http" | undefined {
  if (!c.SLACK_BOT_TOKEN) return undefined;
  return c.SLACK_APP_TOKEN ? "socket" : "http";
}
