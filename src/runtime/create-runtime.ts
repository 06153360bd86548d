import { dirname, join, resolve } from "node:path";
import { type ConsoleAdapter, createConsoleAdapter } from "../adapters/console/index.js";
import { createBot } from "../answer/create-bot.js";
import { withholdSecrets } from "../answer/withhold-secrets.js";
import { type Config, rateLimitSettings, secretValues, WEB_ASSETS_DIR } from "../config.js";
import type { Logger } from "../logger.js";
import { preloadCatalogue } from "../render/i18n/catalogue.js";
import { VERSION } from "../version.js";
import { clientAddress, createWebApp, loadAssets, type NodeHandler, webHandler } from "../web/index.js";
import {
  createAdapters,
  hasPlatform,
  loadAdapterModules,
  planAdapters,
  type RunningAdapter,
  sourceLinks,
} from "./adapters.js";
import {
  createHealthRoutes,
  createHealthServer,
  createMetricsRoutes,
  createLivenessRoutes as createWebRoutes,
  type HealthServer,
  readiness,
} from "./health-server.js";
import { trackInFlight } from "./in-flight.js";
import { loadIndex } from "./load-index.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { awaitingStore, createRecording, type Recording } from "./recording.js";
import { type KnowledgeRef, type KnowledgeWatcher, watchKnowledge } from "./reload.js";
import { createShutdown, type Shutdown } from "./shutdown.js";

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  /** Paths in answers are shown relative to this (default the working directory). */
  rootDir?: string;
  /**
   * With no chat platform configured: the console on these streams, or `false` for headless
   * (health and metrics only: a container started without a terminal or tokens).
   */
  console?:
    | { input?: NodeJS.ReadableStream & { isTTY?: boolean }; output?: NodeJS.WritableStream & { isTTY?: boolean } }
    | false;
  /** Process exit (tests pass a spy). */
  exit?: (code: number) => void;
  /** Knowledge polling interval (tests). */
  watchIntervalMs?: number;
  /** Process metrics in /metrics (default on). */
  defaultMetrics?: boolean;
}

export interface Runtime {
  readonly adapters: RunningAdapter[];
  readonly metrics: Metrics;
  /** Metrics and the store for questions and feedback. */
  readonly recording: Recording;
  readonly ref: Partial<KnowledgeRef>;
  readonly shutdown: Shutdown;
  /** Where /healthz listens once started (our server or Slack's). */
  readonly healthPort: number | undefined;
  /** Where the web pages listen (WEB_PORT, or HEALTH_PORT); undefined without PUBLIC_URL. */
  readonly webPort: number | undefined;
  /** Where /metrics listens (METRICS_PORT, or HEALTH_PORT); undefined when it is off. */
  readonly metricsPort: number | undefined;
  readonly console: ConsoleAdapter | undefined;
  readiness(): ReturnType<typeof readiness>;
  /** Loads the index, then starts the health server and every adapter; rejects when one cannot start. */
  start(): Promise<void>;
}

/**
 * Everything `npm start` runs, minus process concerns (signals, config, exit codes), so tests can
 * run it in-process. Adapters are created before the index exists: the bot reads the index through
 * `ref` per question, which is also how a reload swaps it.
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const rootDir = options.rootDir ?? process.cwd();
  const plan = planAdapters(config);
  const adapterModules = await loadAdapterModules(plan);
  const ref: Partial<KnowledgeRef> = {};
  let draining = false;
  let healthPort: number | undefined;
  let watcher: KnowledgeWatcher | undefined;
  let healthServer: HealthServer | undefined;
  let metricsServer: HealthServer | undefined;
  let metricsPort: number | undefined;
  let webServer: HealthServer | undefined;
  let webPort: number | undefined;
  const adapters: RunningAdapter[] = [];

  const metrics = createMetrics({
    manifest: () => ref.current?.manifest,
    adapters: () => adapters,
    ...(options.defaultMetrics === undefined ? {} : { defaultMetrics: options.defaultMetrics }),
  });
  const recording = createRecording({
    config,
    logger,
    metrics,
    sections: () => ref.current?.engine.index.sections.map((s) => ({ id: s.id, headingPath: s.headingPath })),
    reload: async () =>
      watcher
        ? watcher.reload({ onlyIfChanged: true })
        : { result: "kept", reason: "the notes are still loading", issues: [] },
  });
  const core = createBot(
    () => {
      if (!ref.current) throw new Error("the index is not loaded yet");
      return ref.current.engine;
    },
    { onAnswer: (answer, info) => recording.onAnswer(answer, info) },
  );
  // Every adapter (and the console) asks through this one wrapper: no reply can carry a secret's value.
  const guarded = withholdSecrets(core, {
    secrets: secretValues(config),
    onWithheld: ({ query, sections }) =>
      logger.error(
        { query, sections },
        "answer withheld: the notes hold the value of a secret setting (a token or signing secret); remove it from the notes and rotate it",
      ),
  });
  const tracked = trackInFlight(awaitingStore(guarded, recording));
  // The web pages (PUBLIC_URL): the same bot (secrets withheld, answers recorded as platform "web").
  const web: NodeHandler | undefined = config.PUBLIC_URL
    ? webHandler(
        createWebApp({
          bot: tracked.bot,
          sections: () => ref.current?.engine.index.sections,
          publicUrl: config.PUBLIC_URL,
          links: sourceLinks(config, rootDir),
          defaultLocale: config.DEFAULT_LOCALE,
          assets: loadAssets(WEB_ASSETS_DIR),
          ...(config.ADMIN_TOKEN ? { adminToken: config.ADMIN_TOKEN } : {}),
          ...(recording.store ? { database: () => recording.store!.database() } : {}),
          rateLimit: rateLimitSettings(config),
          clientOf: (c) => {
            const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
            return clientAddress(
              incoming?.socket?.remoteAddress,
              c.req.header("x-forwarded-for"),
              config.TRUST_PROXY_HOPS,
            );
          },
        }),
      )
    : undefined;
  const webOnHealth = web !== undefined && config.WEB_PORT === undefined;
  const checks = () => [
    { name: "index", ready: () => ref.current !== undefined },
    ...adapters.map((a) => ({ name: a.name, ready: () => a.connected })),
  ];
  // /metrics never shares Slack's public HTTP port: its own port when METRICS_PORT is set, else
  // beside /healthz unless that port is Slack's (then off; the start log says how to turn it on).
  const metricsOwnPort = config.METRICS_PORT !== undefined;
  const metricsOnHealth = !metricsOwnPort && plan.slack !== "http";
  const health = createHealthRoutes({ metrics, checks, draining: () => draining, metricsRoute: metricsOnHealth });
  adapters.push(
    ...createAdapters(
      {
        config,
        plan,
        bot: tracked.bot,
        track: tracked.track,
        logger,
        healthRoutes: health.routes,
        rootDir,
        feedback: recording.feedback,
        admin: recording.admin,
        store: recording.store,
      },
      adapterModules,
    ),
  );

  let consoleAdapter: ConsoleAdapter | undefined;
  if (!hasPlatform(plan) && options.console !== false) {
    const streams = options.console ?? {};
    consoleAdapter = createConsoleAdapter({
      bot: tracked.bot,
      logger,
      historyFile: join(dirname(resolve(rootDir, config.INDEX_FILE)), "console-history"),
      locale: config.DEFAULT_LOCALE,
      links: sourceLinks(config, rootDir),
      ...(streams.input ? { input: streams.input } : {}),
      ...(streams.output ? { output: streams.output } : {}),
    });
    const c = consoleAdapter;
    adapters.push({
      name: "console",
      get connected() {
        return c.connected;
      },
      start: async () => c.start(),
      stopIntake: () => c.stop(),
      stop: async () => undefined,
    });
  }
  const slackServesHealth = plan.slack === "http";

  const shutdown = createShutdown({
    logger,
    ...(options.exit ? { exit: options.exit } : {}),
    onStart: () => (draining = true),
    stopIntake: () =>
      adapters.filter((a) => a.stopIntake).map((a) => ({ name: `${a.name}: stop intake`, run: () => a.stopIntake!() })),
    idle: (ms) => tracked.idle(ms),
    disconnect: () => adapters.map((a) => ({ name: `${a.name}: disconnect`, run: () => a.stop() })),
    close: () => [
      ...(watcher ? [{ name: "knowledge watcher", run: () => watcher!.stop() }] : []),
      ...(healthServer ? [{ name: "health server", run: () => healthServer!.stop() }] : []),
      ...(metricsServer ? [{ name: "metrics server", run: () => metricsServer!.stop() }] : []),
      ...(webServer ? [{ name: "web server", run: () => webServer!.stop() }] : []),
      ...(recording.store ? [{ name: "store", run: () => recording.close() }] : []),
    ],
  });

  return {
    adapters,
    metrics,
    recording,
    ref,
    shutdown,
    console: consoleAdapter,
    get healthPort() {
      return healthPort;
    },
    get webPort() {
      return webPort;
    },
    get metricsPort() {
      return metricsPort ?? (metricsOnHealth ? healthPort : undefined);
    },
    readiness: () => readiness({ checks, draining: () => draining }),
    async start() {
      logger.info(
        {
          version: VERSION,
          adapters: adapters.map((a) => a.name),
          healthPort: config.HEALTH_PORT,
          knowledgeDir: config.KNOWLEDGE_DIR,
          watch: config.KNOWLEDGE_WATCH,
        },
        "starting docker-notes-bot",
      );
      if (!hasPlatform(plan)) {
        logger.info(
          consoleAdapter
            ? "no Slack or Discord settings: starting the console"
            : "no Slack or Discord settings and no terminal: running headless (health and metrics only); see .env.example",
        );
      }
      recording.start();
      // Our own health server comes up first, so probes answer (503) while the index builds.
      if (!slackServesHealth) {
        healthServer = createHealthServer(health, logger, webOnHealth ? web : undefined);
        try {
          healthPort = await healthServer.start(config.HEALTH_PORT ?? 3000, config.HOST);
          logger.info(
            { port: healthPort },
            webOnHealth
              ? "health server listening (/healthz, /readyz, /metrics and the web pages)"
              : "health server listening (/healthz, /readyz, /metrics)",
          );
        } catch (error) {
          healthServer = undefined;
          // At a terminal the prompt matters more than probes; a server without its probes should not start.
          if (!consoleAdapter) throw error;
          logger.warn(
            { port: config.HEALTH_PORT, err: error },
            "health server could not listen; the console works without it (set HEALTH_PORT)",
          );
        }
      }
      if (metricsOwnPort) {
        metricsServer = createHealthServer(createMetricsRoutes(metrics));
        metricsPort = await metricsServer.start(config.METRICS_PORT ?? 0, config.HOST);
        logger.info({ port: metricsPort }, "metrics server listening (/metrics)");
      } else if (!metricsOnHealth) {
        logger.info(
          "/metrics is off: HEALTH_PORT is Slack's public HTTP port; set METRICS_PORT to serve it on a port of its own",
        );
      }
      if (web && !webOnHealth) {
        webServer = createHealthServer(createWebRoutes(), logger, web, "web");
        webPort = await webServer.start(config.WEB_PORT ?? 0, config.HOST);
        logger.info({ port: webPort, publicUrl: config.PUBLIC_URL }, "web pages listening");
      } else if (webOnHealth) webPort = healthPort;
      logger.debug({ messages: preloadCatalogue() }, "message catalogue loaded");
      const kb = await loadIndex({
        knowledgeDir: config.KNOWLEDGE_DIR,
        followOutsideLinks: config.KNOWLEDGE_FOLLOW_OUTSIDE_LINKS,
        indexFile: config.INDEX_FILE,
        rootDir,
        segmenter: config.SEGMENTER,
        logger,
      });
      if (shutdown.started) return;
      ref.current = kb;
      // Always made (the admin command reloads through it); it polls the folder only with KNOWLEDGE_WATCH.
      {
        watcher = watchKnowledge({
          ref: ref as KnowledgeRef,
          logger,
          knowledgeDir: config.KNOWLEDGE_DIR,
          followOutsideLinks: config.KNOWLEDGE_FOLLOW_OUTSIDE_LINKS,
          rootDir,
          segmenter: config.SEGMENTER,
          toolVersion: VERSION,
          indexFile: config.INDEX_FILE,
          ...(options.watchIntervalMs ? { intervalMs: options.watchIntervalMs } : {}),
          onReload: (o) => metrics.recordReload(o.result === "swapped" ? "swapped" : "kept"),
        });
        if (config.KNOWLEDGE_WATCH) watcher.start();
      }
      // Concurrently: /readyz reports each platform as it connects.
      await Promise.all(
        adapters.map(async (a) => {
          try {
            await a.start();
          } catch (error) {
            throw new Error(`${a.name} could not start: ${(error as Error).message}`, { cause: error });
          }
        }),
      );
      if (slackServesHealth) healthPort = adapters.find((a) => a.name === "slack")?.port?.();
      // A shutdown while a platform was still being retried ends the start quietly.
      if (shutdown.started) return;
      logger.info({ adapters: adapters.map((a) => a.name) }, "ready");
    },
  };
}
