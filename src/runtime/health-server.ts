import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGuardedServer, type HttpLog, requestPath, sendJson } from "../http/index.js";
import type { Metrics } from "./metrics.js";

/** Something `/readyz` waits for: the index, each configured adapter. */
export interface ReadinessCheck {
  name: string;
  ready(): boolean;
}

export interface HealthRoutesOptions {
  metrics: Metrics;
  /** Read on every probe: adapters come and go (reconnects), the index is swapped. */
  checks: () => ReadinessCheck[];
  /** Set once shutdown starts, so a load balancer stops sending work before the adapters go. */
  draining?: () => boolean;
  /** Serve /metrics with these routes (default true); false when it has a port of its own or none. */
  metricsRoute?: boolean;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The same shape as Bolt's `CustomRoute`, kept structural so this file never imports a chat library. */
export interface HealthRoute {
  path: string;
  method: string[];
  handler: Handler;
}

export interface HealthRoutes {
  routes: HealthRoute[];
  /** For a plain node:http server: answers and returns true when the path is one of ours. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

export function readiness(options: Pick<HealthRoutesOptions, "checks" | "draining">): {
  ready: boolean;
  checks: Record<string, boolean>;
  notReady: string[];
} {
  const checks: Record<string, boolean> = {};
  for (const c of options.checks()) checks[c.name] = c.ready();
  const notReady = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
  if (options.draining?.()) notReady.push("shutting down");
  return { ready: notReady.length === 0, checks, notReady };
}

/** `/healthz`, `/readyz` and `/metrics`, usable by our own server or as Slack receiver routes. */
export function createHealthRoutes(options: HealthRoutesOptions): HealthRoutes {
  const json = sendJson;
  const routes: HealthRoute[] = [
    { path: "/healthz", method: ["GET", "HEAD"], handler: (_req, res) => json(res, 200, { status: "ok" }) },
    {
      path: "/readyz",
      method: ["GET", "HEAD"],
      handler: (_req, res) => {
        const r = readiness(options);
        json(
          res,
          r.ready ? 200 : 503,
          r.ready
            ? { status: "ready", checks: r.checks }
            : { status: "not ready", notReady: r.notReady, checks: r.checks },
        );
      },
    },
    ...(options.metricsRoute === false ? [] : [metricsRoute(options.metrics)]),
  ];
  return routeHandler(routes);
}

/** `/healthz` alone: for the web pages' own listener (WEB_PORT), so a load balancer can probe it. */
export function createLivenessRoutes(): HealthRoutes {
  return routeHandler([
    { path: "/healthz", method: ["GET", "HEAD"], handler: (_req, res) => sendJson(res, 200, { status: "ok" }) },
  ]);
}

/** `/metrics` alone: for its own listener (METRICS_PORT), off the public Slack port. */
export function createMetricsRoutes(metrics: Metrics): HealthRoutes {
  return routeHandler([metricsRoute(metrics)]);
}

function metricsRoute(metrics: Metrics): HealthRoute {
  return {
    path: "/metrics",
    method: ["GET"],
    handler: (_req, res) => {
      metrics.render().then(
        ({ contentType, body }) => res.writeHead(200, { "content-type": contentType }).end(body),
        (err: unknown) =>
          res.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${(err as Error).message}`),
      );
    },
  };
}

function routeHandler(routes: HealthRoute[]): HealthRoutes {
  return {
    routes,
    handle(req, res) {
      const path = requestPath(req.url);
      const route = routes.find((r) => r.path === path);
      if (!route) return false;
      if (!route.method.includes(req.method ?? "GET")) {
        res.writeHead(405, { allow: route.method.join(", ") }).end();
        return true;
      }
      route.handler(req, res);
      return true;
    },
  };
}

export interface HealthServer {
  readonly server: Server;
  /** Resolves with the bound port (0 picks a free one). */
  start(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Our own server for the routes, used unless Slack's HTTP receiver already listens on HEALTH_PORT.
 * `fallback` answers every other path (the web pages, when they share this port).
 */
export function createHealthServer(
  routes: HealthRoutes,
  logger?: HttpLog,
  fallback?: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  name = "health",
): HealthServer {
  const server = createGuardedServer(
    (req, res) => {
      if (routes.handle(req, res)) return;
      if (fallback) return fallback(req, res);
      sendJson(res, 404, { error: "not found" });
    },
    { name, ...(logger ? { logger } : {}) },
  );
  return {
    server,
    start: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        // Probes are short; keep-alive sockets from a scraper would otherwise hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
