import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { CustomRoute, HTTPReceiver } from "@slack/bolt";
import { createGuardedServer, HTTP_LIMITS, readBody, requestPath, sendJson } from "../../http/index.js";
import type { Logger } from "../../logger.js";

export interface SlackHttpServerOptions {
  /** Bolt's receiver: its request listener verifies the signature and dispatches the event. */
  receiver: HTTPReceiver;
  /** Exact paths served beside Slack's (`/healthz`, `/readyz`, `/metrics`). */
  routes: CustomRoute[];
  /** Where Slack POSTs (default `/slack/events`). */
  endpoint?: string;
  /** False until the bot token is verified: events meanwhile get a 503 (Slack retries them). */
  ready(): boolean;
  logger: Logger;
  maxBodyBytes?: number;
}

/**
 * The HTTP server in front of Bolt's `HTTPReceiver` (which then only handles `POST
 * /slack/events`). Bolt's own server reads bodies up to 4 MB with Node's 300 s timeouts, and
 * a signed body of JSON `null` makes its request handler throw after the signature check,
 * leaving the socket open and the rejection unhandled. Here the request is routed without
 * `new URL`, the body is read with the limits of every server we run and must be a JSON object
 * (or a form) before Bolt sees it; Bolt reuses the buffered body (`rawBody`).
 */
export function createSlackHttpServer(options: SlackHttpServerOptions): Server {
  const endpoint = options.endpoint ?? "/slack/events";
  const maxBody = options.maxBodyBytes ?? HTTP_LIMITS.maxBodyBytes;
  return createGuardedServer(
    async (req, res) => {
      const path = requestPath(req.url);
      const route = options.routes.find((r) => r.path === path);
      if (route) return serveRoute(route, req, res);
      if (path !== endpoint) return sendJson(res, 404, { error: "not found" });
      if (req.method !== "POST") {
        res.writeHead(405, { allow: "POST" }).end();
        return;
      }
      const raw = await readBody(req, maxBody);
      if (!isEventBody(raw, req.headers["content-type"])) return sendJson(res, 400, { error: "malformed body" });
      if (!options.ready()) {
        res.writeHead(503, { "retry-after": "5" }).end();
        return;
      }
      Object.assign(req, { rawBody: raw });
      options.receiver.requestListener(req, res);
    },
    { name: "slack", logger: options.logger },
  );
}

function serveRoute(route: CustomRoute, req: IncomingMessage, res: ServerResponse): void {
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toUpperCase());
  if (!methods.includes(req.method ?? "")) {
    res.writeHead(405, { allow: methods.join(", ") }).end();
    return;
  }
  route.handler(Object.assign(req, { params: {} }), res);
}

/**
 * What Bolt will parse the body as must be an object: a form (whose `payload` field, when
 * present, is a JSON object) or a JSON object. Mirrors Bolt's `parseHTTPRequestBody`.
 */
function isEventBody(raw: Buffer, contentType: string | undefined): boolean {
  const text = raw.toString("utf8");
  try {
    if (contentType === "application/x-www-form-urlencoded") {
      // Bolt parses `payload` only when there is exactly one; otherwise it uses the form itself.
      const payload = new URLSearchParams(text).getAll("payload");
      return payload.length !== 1 || isObject(JSON.parse(payload[0]!));
    }
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null;
}
