import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type CustomRoute, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { Bot } from "../../answer/bot.js";
import { type AdminCommands, type FeedbackSink, NO_FEEDBACK } from "../../answer/hooks.js";
import type { Logger } from "../../logger.js";
import type { Locale } from "../../render/i18n/locale.js";
import type { SourceLinks } from "../../render/source-link.js";
import { type ConnectRetryOptions, connectWithBackoff, describeFailure } from "../connect-retry.js";
import { type RateLimiter, resolveRateLimiter } from "../rate-limit.js";
import { logFailure } from "../turn.js";
import { rejectedSlackToken } from "./auth-check.js";
import { registerListeners } from "./bolt-listeners.js";
import { toSlackLogger } from "./bolt-logger.js";
import { boundSlackText } from "./bound-text.js";
import type { SlackContext } from "./handlers.js";
import { registerHome } from "./home.js";
import { createSlackHttpServer } from "./http-server.js";
import { createResponseUrlSender, type ResponseUrlOptions } from "./response-url.js";

export interface SlackRetryConfig {
  retries: number;
  factor?: number;
  minTimeout?: number;
  maxTimeout?: number;
  randomize?: boolean;
}

/**
 * Web API retries when none are given: three attempts over about 3 s (plus any Retry-After a
 * 429 asks for). The library's own default keeps retrying for ~30 minutes, holding the handler
 * (and a shutdown waiting for it) long after the answer stopped being useful, and logging the
 * failure only then.
 */
export const DEFAULT_RETRY_CONFIG: SlackRetryConfig = {
  retries: 2,
  factor: 2,
  minTimeout: 1000,
  maxTimeout: 2000,
  randomize: false,
};

export interface SlackAppOptions {
  bot: Bot;
  logger: Logger;
  /** `xoxb-…`: Web API calls in both modes. */
  botToken: string;
  /** `xapp-…`: Socket Mode (the default). Takes precedence over `signingSecret`. */
  appToken?: string;
  /** HTTP mode: verifies request signatures on `POST /slack/events`. */
  signingSecret?: string;
  /** HTTP mode listen port (0 = any free port; see `address()`), default 3000. */
  port?: number | undefined;
  /** HTTP mode listen host, default all interfaces. */
  host?: string;
  /** Web API base, e.g. `https://slack.com/api/` (GovSlack, proxies, tests). Must end with `/`. */
  apiUrl?: string;
  /** Where source links point (`KNOWLEDGE_SOURCE_URL`, relative to `KNOWLEDGE_DIR`). */
  links?: SourceLinks;
  /** The language of questions that show none (`explain --restart`, `help`); default English. */
  defaultLocale?: Locale;
  /** Web API retries for answers (default `DEFAULT_RETRY_CONFIG`; the library's own retries for ~30 minutes). */
  retryConfig?: SlackRetryConfig;
  /**
   * Extra HTTP routes (`/healthz`, `/metrics`, exact paths) on the receiver's server, HTTP mode
   * only. Socket Mode opens no server (Bolt's would route with an unguarded `new URL`): the
   * runtime serves its probes on its own health server there.
   */
  customRoutes?: CustomRoute[];
  /** Slash command name, default `/docker`. */
  command?: string;
  /** Skip `auth.test` at start when both are known (tests, or to start without the API). */
  botId?: string;
  botUserId?: string;
  /**
   * `auth.test` at start: a rejected token stops the start (`CredentialsRejectedError` naming
   * SLACK_BOT_TOKEN); an unreachable API is retried with this backoff (default 1 s doubling to
   * 30 s) while `connected` stays false.
   */
  connectRetry?: ConnectRetryOptions;
  /** Answer within this before acking with "working on it" (default 2500 ms). */
  ackBudgetMs?: number;
  /** Per-user limit keyed `slack:<user id>` (default: 10 commands / 30 s); `false` turns it off. */
  rateLimiter?: RateLimiter | false;
  /** Web API request timeout (default 10 s; the library default is none). */
  requestTimeoutMs?: number;
  /** Retries and timeouts for response_url posts. */
  responseUrl?: ResponseUrlOptions;
  /**
   * Wraps the handling of every request (the answer and its delivery: the ack, chat.postMessage,
   * the response_url), so a shutdown draining in-flight work waits for replies, not only answers.
   */
  track?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Where 👍/👎 and the 👎 modal's answer go (default: nowhere). */
  feedback?: FeedbackSink;
  /** `/docker admin gaps|reload`, for `adminUserIds`. */
  admin?: AdminCommands;
  /** Slack user ids allowed to run admin commands (ADMIN_USER_IDS). */
  adminUserIds?: readonly string[];
  /** Channels where top-level questions get a confident answer in their thread (ANSWER_CHANNELS). */
  answerChannels?: readonly string[];
}

export interface SlackApp {
  readonly app: App;
  readonly mode: "socket" | "http";
  /** Socket Mode: the websocket is open; HTTP: the server is listening. For /readyz. */
  readonly connected: boolean;
  start(): Promise<void>;
  /** Resolves once the websocket has closed or the server stopped listening. */
  stop(): Promise<void>;
  /** HTTP mode, after start: where the server listens. */
  address(): { host: string; port: number } | undefined;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { logger } = options;
  const slackLogger = toSlackLogger(logger);
  const mode: "socket" | "http" = options.appToken ? "socket" : "http";
  if (mode === "http" && !options.signingSecret) {
    throw new Error("Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)");
  }
  const clientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
    // A hung Slack API call must not hold a handler (and its memory) forever.
    timeout: options.requestTimeoutMs ?? 10_000,
  };
  const customRoutes = options.customRoutes ?? [];
  const receiver =
    mode === "socket"
      ? new SocketModeReceiver({
          appToken: options.appToken ?? "",
          logger: slackLogger,
          // apps.connections.open goes through these client options (apiUrl, retries).
          installerOptions: { clientOptions },
        })
      : // Only its request listener is used: createSlackHttpServer owns the server and the routes.
        new HTTPReceiver({ signingSecret: options.signingSecret ?? "", logger: slackLogger });

  const knownBot = Boolean(options.botId && options.botUserId);
  const app = new App({
    token: options.botToken,
    receiver,
    logger: slackLogger,
    // Socket Mode's apps.connections.open keeps the options above; answers get bounded retries.
    clientOptions: { ...clientOptions, retryConfig: options.retryConfig ?? DEFAULT_RETRY_CONFIG },
    ...(knownBot ? { botId: options.botId, botUserId: options.botUserId } : {}),
    // Bolt's own auth.test runs in the constructor and is never awaited: a rejected token leaves
    // a failed promise that every event then trips over, and a start that looks fine. start()
    // runs it instead, through app.init(), and waits for the answer.
    deferInitialization: true,
    tokenVerificationEnabled: !knownBot,
  });

  const { track } = options;
  // Global middleware resolves `next()` once every listener has finished.
  if (track) app.use(({ next }) => track(() => next()));
  app.use(boundSlackText);
  const context: SlackContext = {
    bot: options.bot,
    logger,
    links: options.links,
    defaultLocale: options.defaultLocale ?? "en",
    limiter: resolveRateLimiter(options.rateLimiter),
    feedback: options.feedback ?? NO_FEEDBACK,
    admin: { adminUserIds: options.adminUserIds ?? [], ...(options.admin ? { admin: options.admin } : {}) },
    openView: (triggerId, view) => app.client.views.open({ trigger_id: triggerId, view: view as never }),
  };
  registerListeners(app, context, {
    command: options.command ?? "/docker",
    ackBudgetMs: options.ackBudgetMs ?? 2500,
    sendToResponseUrl: createResponseUrlSender(options.responseUrl),
    answerChannels: options.answerChannels ?? [],
  });
  registerHome(app, context);
  // Anything a listener did not catch itself (middleware, Bolt internals): logged, process stays up.
  app.error(async (error) => {
    logFailure(logger, "slack", error, { where: "bolt" });
  });

  let connected = false;
  let initialized = false;
  let socketStarted = false;
  let server: Server | undefined;
  const stopping = new AbortController();
  /** app.init() (auth.test) until Slack answers; false when stopped first. */
  const verifyToken = async (): Promise<boolean> => {
    const done = await connectWithBackoff(
      async () => {
        await app.init();
        return true;
      },
      {
        ...options.connectRetry,
        signal: stopping.signal,
        classify: (error) => rejectedSlackToken(error),
        onRetry: (error, delayMs, attempt) =>
          logger.warn(
            { reason: describeFailure(error), retryInMs: delayMs, attempt },
            "slack auth.test failed; retrying (/readyz stays 503 until Slack answers)",
          ),
      },
    );
    initialized = done === true;
    if (initialized) logger.info("slack bot token verified (auth.test)");
    return initialized;
  };
  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on("connected", () => {
      connected = true;
      logger.info("slack socket mode connected");
    });
    receiver.client.on("disconnected", () => {
      connected = false;
    });
    receiver.client.on("reconnecting", () => {
      connected = false;
      logger.warn("slack socket mode reconnecting");
    });
  }

  return {
    app,
    mode,
    get connected() {
      return connected;
    },
    async start() {
      if (receiver instanceof HTTPReceiver) {
        // Listen first: in HTTP mode this server also answers the probes while the token is checked.
        const http = createSlackHttpServer({ receiver, routes: customRoutes, ready: () => initialized, logger });
        server = http;
        await new Promise<void>((resolve, reject) => {
          http.once("error", reject);
          http.listen(options.port ?? 3000, options.host, () => {
            http.off("error", reject);
            resolve();
          });
        });
        logger.info({ address: http.address() }, "slack http receiver listening");
        if (await verifyToken()) connected = true;
      } else if (await verifyToken()) {
        socketStarted = true;
        // apps.connections.open, with the app-level token: a rejection names that variable.
        await app.start().catch((error: unknown) => {
          throw rejectedSlackToken(error, "SLACK_APP_TOKEN") ?? error;
        });
      }
    },
    async stop() {
      stopping.abort();
      if (receiver instanceof SocketModeReceiver) {
        // Bolt's stop() returns before the close handshake ends; wait for it (bounded).
        const closed = connected
          ? new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, 3000);
              receiver.client.once("disconnected", () => {
                clearTimeout(timer);
                resolve();
              });
            })
          : Promise.resolve();
        if (socketStarted) await app.stop();
        await closed;
      } else if (server) {
        const http = server;
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        // Keep-alive sockets would hold close() open for seconds; in-flight requests still finish.
        http.closeIdleConnections();
        await closed;
        server = undefined;
      }
      connected = false;
    },
    address() {
      const a = server?.address() as AddressInfo | null | undefined;
      return a ? { host: a.address, port: a.port } : undefined;
    },
  };
}
