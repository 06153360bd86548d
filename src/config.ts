import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";
import { isSystemPath } from "./knowledge/system-paths.js";
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
/** A boolean that is on unless set to a false value. */
const boolDefaultTrue = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => !(v === "false" || v === "0" || v === "no"));
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));
/**
 * Numbers are written in decimal: `z.coerce.number()` would also take `0x10` (16), `1e3` and
 * `" "` (0). Empty means unset, like for every other setting.
 */
const decimal = (pattern: RegExp, what: string) =>
  optional.pipe(
    z
      .string()
      .regex(pattern, { message: `must be ${what}` })
      .transform(Number)
      .optional(),
  );
const integer = (min: number, max: number, what: string) =>
  decimal(/^\d{1,9}$/, what).pipe(
    z
      .number()
      .int()
      .min(min, { message: `must be ${what}` })
      .max(max, { message: `must be ${what}` })
      .optional(),
  );
/**
 * A TCP port: 1–65535, or 0 for "any free port" (what tests and one-off runs use; the log says
 * which port was picked). Unset (or empty) is the default: 3000 for HEALTH_PORT, off for DISCORD_PORT.
 */
const PORT = "a decimal port number from 1 to 65535 (or 0 for any free port); leave it empty for the default";
const port = () => integer(0, 65535, PORT);
const portOr = (fallback: number) => port().transform((v): number => v ?? fallback);
const countOr = (fallback: number) =>
  integer(1, 1_000_000_000, "a whole number of at least 1").transform((v): number => v ?? fallback);
const url = z.string().url().optional();

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

/** The web pages' stylesheet and scripts (`public/`), served under /assets/. */
export const WEB_ASSETS_DIR = join(INSTALL_ROOT, "public");

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
  /**
   * Where people reach the bot's web pages (`https://notes.example.com`): set, the process serves
   * them (a page per section, search, /admin) and every answer links to its section's page. Off
   * by default: a chat bot opens no public pages unless asked to.
   */
  PUBLIC_URL: optional.pipe(
    z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i, {
        message: "must be an http(s) URL without query or fragment, e.g. https://notes.example.com",
      })
      .transform((v) => v.replace(/\/+$/, ""))
      .optional(),
  ),
  /**
   * The web pages' own listener. Unset: they are served beside /healthz on HEALTH_PORT, or, when
   * Slack's HTTP receiver owns HEALTH_PORT, this must be set (Slack's port stays Slack's).
   */
  WEB_PORT: port(),
  /**
   * How many reverse proxies (an ingress, nginx) stand in front of the web pages. 0: the socket's
   * address is the client's, and X-Forwarded-For (which anyone can write) is ignored. N: the client
   * is read from X-Forwarded-For, N hops back from the socket, so the per-client search and sign-in
   * limits are per person, not one budget for everyone behind the proxy.
   */
  TRUST_PROXY_HOPS: integer(0, 10, "a whole number of proxies from 0 to 10").transform((v): number => v ?? 0),
  /** Opens /admin (the maintainers' dashboard); unset keeps /admin off. At least 16 characters. */
  ADMIN_TOKEN: optional.pipe(
    z.string().min(16, { message: "must be at least 16 characters (e.g. openssl rand -hex 24)" }).optional(),
  ),
  KNOWLEDGE_WATCH: bool,
  /**
   * Follow symlinks that lead out of KNOWLEDGE_DIR. Off: a link in contributed notes must not
   * pull /proc/self/environ or /usr/lib into the answers. /proc, /sys and /dev stay refused.
   */
  KNOWLEDGE_FOLLOW_OUTSIDE_LINKS: bool,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_PRETTY: z.enum(["auto", "true", "false"]).default("auto"),
  HEALTH_PORT: portOr(3000),
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
  /**
   * Gateway sharding (discord.js): how many shards the bot has in all, or `auto` (Discord's
   * recommended count, every shard in this process). Unset: discord.js decides (one shard for a
   * bot in fewer than 2,500 servers).
   */
  DISCORD_SHARD_COUNT: optional.pipe(
    z
      .string()
      .regex(/^(auto|[1-9]\d{0,4})$/, { message: "must be `auto` or a whole number of shards from 1 to 99999" })
      .optional(),
  ),
  /**
   * The shards this process holds: ids such as `0`, `0,2` or `4-7` (below DISCORD_SHARD_COUNT),
   * `auto` (all of them), or `none` (no gateway connection: a replica serving the HTTP interactions
   * endpoint only). Unset: all of DISCORD_SHARD_COUNT's shards.
   */
  DISCORD_SHARDS: optional.pipe(
    z
      .string()
      .regex(/^(auto|none|\d{1,5}(-\d{1,5})?(\s*,\s*\d{1,5}(-\d{1,5})?)*)$/, {
        message: "must be shard ids such as 0, 0,2 or 4-7, or `auto`, or `none`",
      })
      .optional(),
  ),
  RATE_LIMIT_COMMANDS: countOr(RATE_LIMIT_DEFAULTS.commands),
  RATE_LIMIT_WINDOW_SECONDS: decimal(/^\d{1,9}(?:\.\d+)?$/, "a number of seconds, e.g. 30 or 1.5")
    .pipe(z.number().positive({ message: "must be more than 0 seconds" }).optional())
    .transform((v): number => v ?? RATE_LIMIT_DEFAULTS.windowSeconds),
  /** Autocomplete requests per user per window: every keystroke is one, so the budget is larger. */
  RATE_LIMIT_AUTOCOMPLETE: countOr(RATE_LIMIT_DEFAULTS.autocomplete),
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
  STORE_RETENTION_DAYS: countOr(90),
  /** `false` keeps outcomes only: no query text and no 👎 reasons. */
  STORE_QUERY_TEXT: boolDefaultTrue,
  /**
   * How long a fresh question's reply waits for its row to be written (ms; 0: never waits).
   * Default 500 with DATABASE_URL, 0 with SQLite: see `storeWriteWaitMs`.
   */
  STORE_WRITE_WAIT_MS: integer(0, 10_000, "a number of milliseconds from 0 to 10000"),
  /**
   * The key of the HMAC that turns user ids into the stored hash. Unset with SQLite: a random key
   * is made once and kept in `<STORE_FILE>.key`. Required with DATABASE_URL (replicas must share it).
   */
  STORE_HASH_SECRET: optional.pipe(
    z.string().min(16, { message: "must be at least 16 characters (e.g. openssl rand -hex 32)" }).optional(),
  ),
  /**
   * Answer channels (opt-in, default none): Slack channel ids (C…) and Discord channel ids
   * (snowflakes), comma-separated, where every top-level question gets an answer in its thread,
   * only when the answer is confident (anything else, chatter included, gets silence). Needs
   * Slack's channels:history (message.channels) and Discord's privileged Message Content intent.
   */
  ANSWER_CHANNELS: optional
    .pipe(
      z
        .string()
        .regex(/^\s*[A-Z0-9]+(\s*,\s*[A-Z0-9]+)*\s*,?\s*$/, {
          message: "must be channel ids separated by commas, e.g. C012ABCDEF,812345678901234567",
        })
        .optional(),
    )
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
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

/**
 * Every setting whose value is a secret. No answer holding one of these values is ever sent
 * (src/answer/withhold-secrets.ts); a test fails when a setting named like a secret
 * (`*_TOKEN`, `*_SECRET`, `*_PASSWORD`, `*_KEY`…) is added without being listed here.
 */
export const SECRET_SETTINGS = [
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "DISCORD_TOKEN",
  "STORE_HASH_SECRET",
  "ADMIN_TOKEN",
  // The URL as a whole, and its password on its own (see secretValues).
  "DATABASE_URL",
] as const satisfies readonly (keyof Config)[];

/** The configured values of `SECRET_SETTINGS`, and the password inside a URL-valued one. */
export function secretValues(c: Config): string[] {
  const values = SECRET_SETTINGS.map((k) => c[k]).filter((v): v is string => typeof v === "string" && v.length > 0);
  const passwords = values.flatMap((v) => {
    if (!URL.canParse(v)) return [];
    const password = new URL(v).password;
    return password ? [decodeURIComponent(password)] : [];
  });
  return [...values, ...passwords];
}

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
  checkPaths(result.data);
  return result.data;
}

/**
 * Paths that would make the start hang or read the process's own secrets: INDEX_FILE on
 * /dev/zero reads forever, on /proc/self/fd/0 waits for stdin; KNOWLEDGE_DIR under /proc would
 * index the environment. An unwritable INDEX_FILE folder is not an error: the index then stays
 * in memory (read-only containers, see docs/container.md).
 */
function checkPaths(c: Config): void {
  const problems: string[] = [];
  const files: [string, string | undefined, string][] = [
    ["INDEX_FILE", c.INDEX_FILE, "data/index.json"],
    ["STORE_FILE", c.STORE_FILE, "data/store.sqlite"],
  ];
  for (const [name, value, example] of files) {
    if (!value) continue;
    const path = resolve(value);
    const real = resolveExisting(path);
    if (isSystemPath(real))
      problems.push(
        `${name} (${value}) resolves to ${real}: it cannot live under /proc, /sys or /dev. Use a file in a writable folder, e.g. ${example}.`,
      );
    else if (existsSync(path) && !statSync(path, { throwIfNoEntry: false })?.isFile())
      problems.push(
        `${name} (${value}) exists and is not a regular file (a folder, a device or a pipe). Point it at a file, e.g. ${example}.`,
      );
  }
  const knowledgeReal = resolveExisting(resolve(c.KNOWLEDGE_DIR));
  if (isSystemPath(knowledgeReal))
    problems.push(
      `KNOWLEDGE_DIR (${c.KNOWLEDGE_DIR}) resolves to ${knowledgeReal}: notes cannot be read from /proc, /sys or /dev.`,
    );
  if (problems.length) throw new ConfigError(`Invalid paths:\n  ${problems.join("\n  ")}`);
}

/** The real path of `path`, or of its nearest existing ancestor with the rest appended. */
function resolveExisting(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const up = dirname(path);
    if (up === path) return path;
    return resolve(resolveExisting(up), basename(path));
  }
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
  const shards = shardProblem(c);
  if (shards) problems.push(shards);
  if (c.STORE === "on" && c.DATABASE_URL && !c.STORE_HASH_SECRET) {
    problems.push(
      "DATABASE_URL is set but STORE_HASH_SECRET is not: replicas sharing one store must hash user ids with the same key (e.g. openssl rand -hex 32), or set STORE=off.",
    );
  }
  if (c.PUBLIC_URL && c.WEB_PORT === undefined && slackMode(c) === "http") {
    problems.push(
      "PUBLIC_URL is set and Slack's HTTP receiver owns HEALTH_PORT: set WEB_PORT, the web pages' own port (Slack's public port serves Slack only).",
    );
  }
  if (c.WEB_PORT !== undefined && c.WEB_PORT !== 0 && c.WEB_PORT === c.HEALTH_PORT) {
    problems.push("WEB_PORT must differ from HEALTH_PORT (leave WEB_PORT unset to serve the pages beside /healthz).");
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

/** What this process holds of the Discord gateway: discord.js's `shards`/`shardCount`, or no connection at all. */
export type DiscordSharding = { shards: number[] | "auto"; shardCount?: number } | "none" | undefined;

export function discordSharding(c: Config): DiscordSharding {
  const count = c.DISCORD_SHARD_COUNT;
  const held = c.DISCORD_SHARDS;
  if (held === "none") return "none";
  if (count === undefined && held === undefined) return undefined;
  if (count === undefined || count === "auto") return { shards: "auto" };
  const total = Number(count);
  const ids = held === undefined || held === "auto" ? [...Array(total).keys()] : shardIds(held);
  return { shards: ids, shardCount: total };
}

/** `0,2,4-6` → [0, 2, 4, 5, 6]. */
function shardIds(list: string): number[] {
  const ids = new Set<number>();
  for (const part of list.split(",")) {
    const [from = "", to] = part.trim().split("-");
    for (let id = Number(from); id <= Number(to ?? from); id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

function shardProblem(c: Config): string | undefined {
  const held = c.DISCORD_SHARDS;
  if (held === undefined || held === "none" || held === "auto") return undefined;
  const count = c.DISCORD_SHARD_COUNT;
  if (count === undefined || count === "auto")
    return `DISCORD_SHARDS=${held} needs DISCORD_SHARD_COUNT, the number of shards in all (every replica the same), e.g. DISCORD_SHARD_COUNT=4.`;
  const ids = shardIds(held);
  const outside = ids.filter((id) => id >= Number(count));
  if (ids.length === 0) return `DISCORD_SHARDS=${held} names no shard (a range such as 4-7 goes upwards).`;
  if (outside.length)
    return `DISCORD_SHARDS=${held}: shard ${outside.join(", ")} does not exist with DISCORD_SHARD_COUNT=${count} (shard ids go from 0 to ${Number(count) - 1}).`;
  return undefined;
}

/** Where the store lives: PostgreSQL when DATABASE_URL is set, else a SQLite file. */
export function storeLocation(c: Config): { postgres: string } | { sqlite: string } | undefined {
  if (c.STORE === "off") return undefined;
  if (c.DATABASE_URL) return { postgres: c.DATABASE_URL };
  return { sqlite: c.STORE_FILE ?? join(dirname(c.INDEX_FILE), "store.sqlite") };
}

/**
 * Replicas behind a load balancer get killed (a node lost, a rolling deploy past its grace
 * period): with a shared PostgreSQL store each reply waits up to 500 ms for its question's row
 * (written with the others of the same moment, a few ms), so an answered question is a stored
 * one. Alone on SQLite the write stays in the background: storing never delays an answer
 * (issue 13), and a crash may lose the last second's rows. A store that is down is not waited for.
 */
export function storeWriteWaitMs(c: Config): number {
  return c.STORE_WRITE_WAIT_MS ?? (c.DATABASE_URL ? 500 : 0);
}

export function slackMode(c: Config): "socket" | "http" | undefined {
  if (!c.SLACK_BOT_TOKEN) return undefined;
  return c.SLACK_APP_TOKEN ? "socket" : "http";
}
