import { createHmac } from "node:crypto";
import { resolve } from "node:path";
import { createRateLimiter } from "../adapters/rate-limit.js";
import { createSharedRateLimiter } from "../adapters/shared-rate-limit.js";
import type { Bot } from "../answer/bot.js";
import type { AdminCommands, FeedbackSink } from "../answer/hooks.js";
import { type Config, ConfigError, discordSharding, rateLimitSettings, slackMode } from "../config.js";
import { displayPath } from "../knowledge/load-knowledge.js";
import type { Logger } from "../logger.js";
import type { SourceLinks } from "../render/source-link.js";
import { type EventStore, loadQueryRef, pruneBuckets, saveQueryRef, takeToken } from "../store/index.js";
import type { HealthRoute } from "./health-server.js";
import type { TrackWork } from "./in-flight.js";

/** One chat platform connection as the runtime sees it: readiness, start, and the two shutdown phases. */
export interface RunningAdapter {
  name: string;
  /** For /readyz: socket open, gateway READY, server listening. */
  readonly connected: boolean;
  start(): Promise<void>;
  /** Shutdown, phase 1: stop accepting new work (listening servers close; requests in flight finish). */
  stopIntake?: () => Promise<void>;
  /** Shutdown, phase 2 (after in-flight answers): leave the platform. */
  stop(): Promise<void>;
  /** The port it listens on, for adapters that run an HTTP server. */
  port?(): number | undefined;
}

export interface AdapterPlan {
  slack?: "socket" | "http";
  discordGateway: boolean;
  discordHttp: boolean;
}

/** Which adapters the settings ask for; none means the console. */
export function planAdapters(config: Config): AdapterPlan {
  const plan: AdapterPlan = {
    // DISCORD_SHARDS=none: a replica that holds no shard never connects, so never answers gateway events.
    discordGateway: Boolean(config.DISCORD_TOKEN) && discordSharding(config) !== "none",
    discordHttp: Boolean(config.DISCORD_PUBLIC_KEY && config.DISCORD_PORT !== undefined),
  };
  const slack = slackMode(config);
  if (slack) plan.slack = slack;
  if (plan.discordHttp && config.DISCORD_PORT === config.HEALTH_PORT) {
    throw new ConfigError(
      `DISCORD_PORT (${config.DISCORD_PORT}) must differ from HEALTH_PORT: the Discord interactions endpoint gets its own listener. ` +
        "Pick another port for one of them (see .env.example).",
    );
  }
  return plan;
}

export function hasPlatform(plan: AdapterPlan): boolean {
  return Boolean(plan.slack || plan.discordGateway || plan.discordHttp);
}

export interface CreateAdaptersOptions {
  config: Config;
  plan: AdapterPlan;
  bot: Bot;
  /** Counts a whole handler (answer and reply) as in flight, so shutdown waits for the reply too. */
  track?: TrackWork;
  logger: Logger;
  /** Served by Slack's HTTP receiver when Slack runs in HTTP mode (one port for both). */
  healthRoutes: HealthRoute[];
  /** Where 👍/👎 and the 👎 reason go (metrics, the store). */
  feedback?: FeedbackSink;
  /** The gaps summary and reload, for admins. */
  admin?: AdminCommands;
  /** Paths in answers are relative to this (the runtime's root directory). */
  rootDir?: string;
  /** The store (STORE=on): long Discord questions are kept there; with PostgreSQL, rate limits too. */
  store?: EventStore | undefined;
}

/** Where answers link to: PUBLIC_URL's section pages, then `KNOWLEDGE_SOURCE_URL` (with `{file}` inside KNOWLEDGE_DIR). */
export function sourceLinks(config: Config, rootDir = process.cwd()): SourceLinks {
  return {
    publicUrl: config.PUBLIC_URL,
    template: config.KNOWLEDGE_SOURCE_URL,
    knowledgeDir: displayPath(resolve(rootDir, config.KNOWLEDGE_DIR), rootDir),
  };
}

/** The platform libraries a plan needs, imported by `loadAdapterModules`. */
export interface AdapterModules {
  slack?: typeof import("../adapters/slack/index.js");
  discord?: typeof import("../adapters/discord/index.js");
}

/**
 * Imports only the adapters the plan runs: discord.js and Bolt with their dependencies cost a
 * process ~26 and ~12 MB of RSS that a Slack-only or Discord-only replica never uses (measured on
 * the compiled bot: importing the Discord adapter after Slack's added 26.5 MB, Slack's after
 * Discord's 12.5 MB).
 */
export async function loadAdapterModules(plan: AdapterPlan): Promise<AdapterModules> {
  const [slack, discord] = await Promise.all([
    plan.slack ? import("../adapters/slack/index.js") : undefined,
    plan.discordGateway || plan.discordHttp ? import("../adapters/discord/index.js") : undefined,
  ]);
  return { ...(slack ? { slack } : {}), ...(discord ? { discord } : {}) };
}

export function createAdapters(options: CreateAdaptersOptions, modules: AdapterModules): RunningAdapter[] {
  const { config, plan, bot, logger } = options;
  const adapters: RunningAdapter[] = [];
  const links = sourceLinks(config, options.rootDir);
  const defaultLocale = config.DEFAULT_LOCALE;
  // One budget per user across every adapter, from RATE_LIMIT_*; across replicas too when they share
  // a PostgreSQL store (one atomic statement per command), else in this process.
  const store = options.store;
  const bucketKey = (key: string): string =>
    createHmac("sha256", config.STORE_HASH_SECRET ?? "")
      .update(key)
      .digest("base64url")
      .slice(0, 32);
  const rateLimiter =
    store?.engine === "postgres"
      ? createSharedRateLimiter({
          ...rateLimitSettings(config),
          // The bucket's key is the user as the store keeps them: a keyed hash, never the raw id.
          take: async (take) => takeToken(await store.connection(), { ...take, key: bucketKey(take.key) }),
          prune: async (before) => pruneBuckets(await store.connection(), before),
          logger: logger.child({ component: "rate-limit" }),
        })
      : createRateLimiter(rateLimitSettings(config));
  const extras = {
    ...(options.feedback ? { feedback: options.feedback } : {}),
    ...(options.admin ? { admin: options.admin } : {}),
  };
  if (plan.slack && config.SLACK_BOT_TOKEN && modules.slack) {
    const slack = modules.slack.createSlackApp({
      bot,
      logger: logger.child({ adapter: "slack" }),
      botToken: config.SLACK_BOT_TOKEN,
      rateLimiter,
      ...extras,
      adminUserIds: config.ADMIN_USER_IDS,
      answerChannels: config.ANSWER_CHANNELS,
      ...(options.track ? { track: options.track } : {}),
      ...(config.SLACK_APP_TOKEN
        ? { appToken: config.SLACK_APP_TOKEN }
        : { signingSecret: config.SLACK_SIGNING_SECRET ?? "" }),
      ...(plan.slack === "http"
        ? { port: config.HEALTH_PORT, host: config.HOST, customRoutes: options.healthRoutes }
        : {}),
      ...(config.SLACK_API_URL
        ? { apiUrl: config.SLACK_API_URL.endsWith("/") ? config.SLACK_API_URL : `${config.SLACK_API_URL}/` }
        : {}),
      links,
      defaultLocale,
    });
    const http = plan.slack === "http";
    adapters.push({
      name: "slack",
      get connected() {
        return slack.connected;
      },
      start: () => slack.start(),
      // HTTP: closing the server is how intake stops; Bolt lets requests in flight finish.
      ...(http ? { stopIntake: () => slack.stop() } : {}),
      stop: () => (http ? Promise.resolve() : slack.stop()),
      port: () => slack.address()?.port,
    });
  }
  const discordModule = modules.discord;
  if (!discordModule) return adapters;
  const { createDiscordBot, createDiscordHttpServer, QueryRefs } = discordModule;
  // One button-state store for both Discord paths: clicks on gateway replies may arrive over HTTP,
  // and, through the store, on another replica.
  const refs = new QueryRefs({
    logger,
    // STORE_QUERY_TEXT=false: no question text is written anywhere, these included.
    shared:
      store && config.STORE_QUERY_TEXT
        ? {
            save: async (key, text) => saveQueryRef(await store.connection(), key, text, Date.now()),
            load: async (key) => loadQueryRef(await store.connection(), key),
          }
        : undefined,
  });
  const sharding = discordSharding(config);
  if (plan.discordGateway && config.DISCORD_TOKEN) {
    const discord = createDiscordBot({
      ...(sharding && sharding !== "none" ? { sharding } : {}),
      bot,
      logger,
      token: config.DISCORD_TOKEN,
      refs,
      answerChannels: config.ANSWER_CHANNELS,
      ...extras,
      ...(options.track ? { track: options.track } : {}),
      rateLimiter,
      ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
      links,
      defaultLocale,
    });
    adapters.push({
      name: "discord",
      get connected() {
        return discord.connected;
      },
      start: () => discord.start(),
      stop: () => discord.stop(),
    });
  }
  if (plan.discordHttp && config.DISCORD_PUBLIC_KEY && config.DISCORD_PORT !== undefined) {
    const port = config.DISCORD_PORT;
    const http = createDiscordHttpServer({
      bot,
      logger,
      publicKey: config.DISCORD_PUBLIC_KEY,
      refs,
      ...extras,
      rateLimiter,
      ...(options.track ? { track: options.track } : {}),
      ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
      links,
      defaultLocale,
    });
    adapters.push({
      name: "discord-http",
      get connected() {
        return http.server.listening;
      },
      async start() {
        const bound = await http.start(port, config.HOST);
        logger.info({ adapter: "discord-http", port: bound }, "discord interactions endpoint listening");
      },
      // Stop accepting, let answers being built finish; the connections are cut in phase 2.
      stopIntake: async () => {
        http.server.close();
        http.server.closeIdleConnections();
      },
      stop: () => http.stop(),
    });
  } else if (config.DISCORD_PUBLIC_KEY) {
    logger.warn("DISCORD_PUBLIC_KEY is set but DISCORD_PORT is not: the HTTP interactions endpoint is off");
  }
  return adapters;
}
