import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import type { Hono } from "hono";
import { requestPath } from "../http/index.js";

/** A `.` or `..` segment, plain or percent-encoded: URL parsing would resolve it to another page. */
const DOTS = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The Hono app as a handler for one of our guarded servers (`http/createGuardedServer`: limits,
 * timeouts, a handler that cannot crash the process). The request target is routed with
 * `requestPath` first (issue 17: no `new URL` on a raw request line): what it refuses is a 404
 * here; what it accepts reaches Hono as an origin-form path with a fixed Host, so the adapter's
 * own URL building only ever sees well-formed input. The global Request/Response are left alone
 * (Bolt and discord.js share the process).
 */
export function webHandler(app: Hono): NodeHandler {
  const listener = getRequestListener(app.fetch, { overrideGlobalObjects: false });
  return async (req, res) => {
    const target = req.url ?? "";
    const path = requestPath(target);
    if (
      path === undefined ||
      !path.startsWith("/") ||
      path.startsWith("//") ||
      /[\\\s]/.test(path) ||
      DOTS.test(path)
    ) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    const q = target.indexOf("?");
    const query = target.startsWith("/") && q >= 0 ? target.slice(q).replace(/#.*$/, "") : "";
    req.url = path + query;
    req.headers.host = "localhost";
    await listener(req, res);
  };
}
