import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { HTTP_LIMITS, type HttpLimits, serverOptions } from "./limits.js";
import { HttpError } from "./read-body.js";

/** What a guarded server reports; a pino logger fits. */
export interface HttpLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface GuardedServerOptions {
  /** Names the server in log lines (`health`, `slack`, `discord-http`). */
  name: string;
  logger?: HttpLog;
  limits?: Partial<HttpLimits>;
}

/**
 * `http.createServer` for every server the bot runs: the limits of `HTTP_LIMITS`, and a handler
 * that can neither throw nor reject past this point. A synchronous throw or a rejected promise
 * becomes a logged 500 (or the answer an `HttpError` names); the process keeps serving. Request
 * and response stream errors (a client that resets mid-body) are absorbed too: without a
 * listener they would be thrown as uncaught exceptions.
 */
export function createGuardedServer(handler: HttpHandler, options: GuardedServerOptions): Server {
  const limits = { ...HTTP_LIMITS, ...options.limits };
  const server = createServer(serverOptions(limits), (req, res) => {
    req.on("error", () => undefined);
    res.on("error", () => undefined);
    const fail = (err: unknown) => answerError(res, err, options);
    try {
      const pending = handler(req, res);
      if (pending) pending.catch(fail);
    } catch (err) {
      fail(err);
    }
  });
  applyLimits(server, limits);
  return server;
}

/** The limits that are properties of a server rather than `createServer` options. */
export function applyLimits(server: Server, limits: HttpLimits = HTTP_LIMITS): void {
  server.maxConnections = limits.maxConnections;
  server.maxHeadersCount = limits.maxHeadersCount;
  server.setTimeout(limits.idleTimeoutMs, (socket) => socket.destroy());
}

function answerError(res: ServerResponse, err: unknown, options: GuardedServerOptions): void {
  const known = err instanceof HttpError;
  if (!known) options.logger?.error({ err, server: options.name }, "http request handler failed");
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const status = known ? err.status : 500;
  res
    .writeHead(status, { "content-type": "application/json", connection: "close" })
    .end(JSON.stringify({ error: known ? err.message : "internal error" }));
}

/** A JSON answer with `cache-control: no-store` (probes, webhooks). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
}
