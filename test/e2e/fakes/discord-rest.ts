import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path without the `/api/v10` prefix and query, e.g. `/interactions/1/tok/callback`. */
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** What the fake answered (a scripted fault, or the normal reply). */
  status?: number;
  /** When it arrived (Date.now()). */
  at?: number;
}

/** A scripted failure for the next interaction callback: status, extra headers and JSON body. */
export interface RestFault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const CALLBACK = /^\/interactions\/[^/]+\/[^/]+\/callback$/;

export const BOT_USER = {
  id: "900000000000000001",
  username: "docker-notes",
  discriminator: "0",
  bot: true,
  avatar: null,
  global_name: null,
};

/**
 * Discord's REST API on loopback, as much as the bot uses: /gateway/bot, interaction callbacks
 * (a bare 204, or discord.js fails to parse the reply), webhook edits, channel messages and
 * command registration. Every request is recorded for assertions.
 */
export class FakeDiscordRest {
  readonly requests: RecordedRequest[] = [];
  /** Interaction callback POSTs take these in order (one each) before being answered normally. */
  readonly callbackFaults: RestFault[] = [];
  gatewayUrl = "ws://127.0.0.1:1";
  /** While true, GET /gateway/bot answers 401 as Discord does for a wrong or reset token. */
  rejectToken = false;
  private server: Server | undefined;
  private waiters: Array<{ match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  private nextId = 1000;

  /** `port`: listen there (a test that starts with Discord unreachable brings it up later); default any. */
  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://x");
        const raw = Buffer.concat(chunks).toString("utf8");
        const record: RecordedRequest = {
          method: req.method ?? "GET",
          path: decodeURIComponent(url.pathname).replace(/^\/api\/v10/, ""),
          query: url.search,
          headers: req.headers,
          body: raw ? (JSON.parse(raw) as unknown) : undefined,
          at: Date.now(),
        };
        this.requests.push(record);
        const fault = record.method === "POST" && CALLBACK.test(record.path) ? this.callbackFaults.shift() : undefined;
        const [status, body] = fault ? [fault.status, fault.body] : this.answer(record);
        record.status = status;
        const headers = fault?.headers ?? {};
        if (body === undefined) res.writeHead(status, headers).end();
        else res.writeHead(status, { ...headers, "content-type": "application/json" }).end(JSON.stringify(body));
        for (const w of [...this.waiters]) {
          if (w.match(record)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(record);
          }
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
  }

  /** The next request matching `match` (including one already recorded after `since`). */
  waitFor(match: (r: RecordedRequest) => boolean, since = 0, timeoutMs = 5000): Promise<RecordedRequest> {
    const seen = this.requests.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("fake REST: no matching request in time")), timeoutMs);
      this.waiters.push({ match, resolve: (r) => (clearTimeout(timer), resolve(r)) });
    });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(r: RecordedRequest): [number, unknown] {
    if (r.method === "GET" && r.path === "/gateway/bot" && this.rejectToken)
      return [401, { message: "401: Unauthorized", code: 0 }];
    if (r.method === "GET" && r.path === "/gateway/bot") {
      return [
        200,
        {
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      ];
    }
    if (r.method === "POST" && CALLBACK.test(r.path)) return [204, undefined];
    const edit = /^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.exec(r.path);
    if (edit && r.method === "PATCH") return [200, this.message("100", r.body)];
    // Deleting the message a button is on (after a deferred update): a bare 204 like Discord's.
    if (edit && r.method === "DELETE") return [204, undefined];
    const post = /^\/channels\/([^/]+)\/messages$/.exec(r.path);
    if (post && r.method === "POST") {
      const m = this.message(post[1] ?? "", r.body);
      this.messages.set(String(m.id), m);
      return [200, m];
    }
    const get = /^\/channels\/([^/]+)\/messages\/([^/]+)$/.exec(r.path);
    if (get && r.method === "GET") {
      const m = this.messages.get(get[2] ?? "");
      return m ? [200, m] : [404, { message: "Unknown Message", code: 10008 }];
    }
    if (r.method === "PUT" && /^\/applications\/[^/]+(\/guilds\/[^/]+)?\/commands$/.test(r.path)) {
      const body = (r.body as Array<Record<string, unknown>>) ?? [];
      return [200, body.map((c, i) => ({ id: String(5000 + i), application_id: "1", version: "1", ...c }))];
    }
    return [404, { message: "Unknown route in fake", code: 0 }];
  }

  /**
   * Messages as Discord keeps them: what the bot posted (with its `message_reference`) and what a
   * test seeded (people's messages); GET /channels/{c}/messages/{id} reads them back.
   */
  readonly messages = new Map<string, Record<string, unknown>>();

  seedMessage(message: Record<string, unknown> & { id: string }): void {
    this.messages.set(message.id, message);
  }

  private message(channelId: string, body: unknown): Record<string, unknown> {
    const b = (body ?? {}) as Record<string, unknown>;
    const ref = b.message_reference as { message_id?: string } | undefined;
    return {
      ...(ref?.message_id
        ? { message_reference: { message_id: ref.message_id, channel_id: channelId }, type: 19 }
        : {}),
      id: String(this.nextId++),
      channel_id: channelId,
      author: BOT_USER,
      content: b.content ?? "",
      embeds: b.embeds ?? [],
      components: b.components ?? [],
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      flags: b.flags ?? 0,
      ...(ref?.message_id ? { type: 19 } : { type: 0 }),
    };
  }
}
