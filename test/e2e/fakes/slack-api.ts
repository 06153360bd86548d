import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the app made to the fake Web API or to a fake response_url. */
export interface RecordedCall {
  /** Web API method (`chat.postMessage`) or `response:<id>` for a response_url. */
  method: string;
  authorization: string | undefined;
  contentType: string | undefined;
  /** Form fields or JSON, with `blocks` parsed back from its JSON string. */
  body: Record<string, unknown>;
  /** The HTTP status the fake answered (a scripted fault, or 200); none while a `hang` or `delayMs` answer is pending, or after its caller went away. */
  status?: number;
  /** When it arrived (Date.now()). */
  at?: number;
}

/**
 * A scripted fault for one call to a Web API method: an HTTP failure (`status`), a slow answer
 * (`delayMs` without `status`: the usual reply, late), or no answer at all (`hang`: the request is
 * held open until `close()`).
 */
export interface SlackApiFault {
  status?: number;
  delayMs?: number;
  hang?: boolean;
  /** e.g. `{ "retry-after": "1" }` with a 429. */
  headers?: Record<string, string>;
  body?: string;
}

export interface FakeSlackApi {
  /** Base for the WebClient, ending with `/`. */
  apiUrl: string;
  calls: RecordedCall[];
  /** A response_url the fake records; ids starting with `expired` answer 404 like a used-up URL. */
  responseUrl(id: string): string;
  /** Resolves with the first call (from now on or already recorded) that matches. */
  waitFor(match: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** The next calls to `method` get these answers, one each, in order; then the method works again. */
  failNext(method: string, ...faults: SlackApiFault[]): void;
  /** Drops faults not used yet. */
  clearFaults(): void;
  /** Where `apps.connections.open` sends the Socket Mode client. */
  setSocketUrl(url: string): void;
  /** While set, `auth.test` answers `{ ok: false, error }` (e.g. `invalid_auth`: a rejected bot token). */
  authError: string | undefined;
  /**
   * The channels' messages as Slack keeps them: what the bot posted (chat.postMessage, as UBOT /
   * BBOT, with its metadata) and what a test seeded (people's messages). `conversations.replies`
   * reads them back: a thread's parent and replies, metadata only with `include_all_metadata`.
   */
  seedMessage(channel: string, message: SlackStoredMessage): void;
  /** `conversations.replies` answers `{ ok: false, error }` while set (e.g. `missing_scope`). */
  repliesError: string | undefined;
  close(): Promise<void>;
}

export interface SlackStoredMessage {
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  blocks?: unknown;
  metadata?: unknown;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parse(raw: string, contentType: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = contentType?.startsWith("application/json")
    ? (JSON.parse(raw || "{}") as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(raw));
  if (typeof body.blocks === "string") body.blocks = JSON.parse(body.blocks);
  if (typeof body.metadata === "string") body.metadata = JSON.parse(body.metadata);
  return body;
}

/** `port`: listen there (a test that starts with the API unreachable brings it up later); default any. */
export async function startFakeSlackApi(options: { port?: number } = {}): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const waiters: { match: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }[] = [];
  let socketUrl = "";
  const faults = new Map<string, SlackApiFault[]>();
  let ts = 1700000000;
  const state: { authError: string | undefined; repliesError: string | undefined } = {
    authError: undefined,
    repliesError: undefined,
  };
  const messages = new Map<string, SlackStoredMessage[]>();
  const store = (channel: string, m: SlackStoredMessage) =>
    messages.set(channel, [...(messages.get(channel) ?? []), m]);

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://x");
      const contentType = req.headers["content-type"];
      const body = parse(await readBody(req), contentType);
      const response = url.pathname.startsWith("/response/");
      const method = response
        ? `response:${url.pathname.slice("/response/".length)}`
        : url.pathname.replace(/^\/api\//, "");
      const call: RecordedCall = {
        method,
        authorization: req.headers.authorization,
        contentType,
        body,
        at: Date.now(),
      };
      const fault = response ? undefined : faults.get(method)?.shift();
      const status = fault?.status ?? (method.startsWith("response:expired") ? 404 : 200);
      // A held or late answer gets its status once (and if) it is actually sent.
      if (!fault?.hang && !fault?.delayMs) call.status = status;
      calls.push(call);
      for (const w of [...waiters]) {
        if (w.match(call)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(call);
        }
      }
      if (fault?.hang) return;
      if (fault?.delayMs) {
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        // The caller gave up (or exited) meanwhile: nothing was delivered.
        if (res.destroyed || req.socket.destroyed) return;
        call.status = status;
      }
      if (fault?.status !== undefined) {
        res.writeHead(fault.status, { "content-type": "text/plain", ...fault.headers });
        res.end(fault.body ?? "fault");
        return;
      }
      if (response) {
        res.writeHead(method.startsWith("response:expired") ? 404 : 200, { "content-type": "text/plain" });
        res.end(method.startsWith("response:expired") ? "expired_url" : "ok");
        return;
      }
      const reply = (data: Record<string, unknown>) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, ...data }));
      };
      if (method === "auth.test" && state.authError) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: state.authError }));
        return;
      }
      if (method === "auth.test")
        return reply({
          user_id: "UBOT",
          bot_id: "BBOT",
          team_id: "T1",
          user: "docker-notes",
          url: "https://t.slack.com/",
        });
      if (method === "apps.connections.open") return reply({ url: socketUrl });
      if (method === "chat.postMessage" || method === "chat.postEphemeral") {
        ts += 1;
        if (method === "chat.postMessage")
          store(String(body.channel), {
            ts: `${ts}.000100`,
            ...(typeof body.thread_ts === "string" ? { thread_ts: body.thread_ts } : {}),
            user: "UBOT",
            bot_id: "BBOT",
            text: typeof body.text === "string" ? body.text : "",
            blocks: body.blocks,
            ...(body.metadata ? { metadata: body.metadata } : {}),
          });
        return reply({ channel: body.channel, ts: `${ts}.000100`, message_ts: `${ts}.000100` });
      }
      if (method === "conversations.replies") {
        if (state.repliesError) {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ ok: false, error: state.repliesError }));
          return;
        }
        const parent = String(body.ts);
        const withMeta = body.include_all_metadata === true || body.include_all_metadata === "true";
        const thread = (messages.get(String(body.channel)) ?? [])
          .filter((m) => m.ts === parent || m.thread_ts === parent)
          .sort((a, b) => Number(a.ts) - Number(b.ts))
          .map(({ metadata, ...m }) => (withMeta && metadata ? { ...m, metadata } : m));
        return reply({ messages: thread, has_more: false });
      }
      return reply({});
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    get authError() {
      return state.authError;
    },
    get repliesError() {
      return state.repliesError;
    },
    set repliesError(value) {
      state.repliesError = value;
    },
    seedMessage: (channel, message) => store(channel, message),
    set authError(value) {
      state.authError = value;
    },
    apiUrl: `${base}/api/`,
    calls,
    responseUrl: (id) => `${base}/response/${id}`,
    failNext: (method, ...list) => {
      faults.set(method, [...(faults.get(method) ?? []), ...list]);
    },
    clearFaults: () => faults.clear(),
    setSocketUrl: (url) => {
      socketUrl = url;
    },
    waitFor(match, timeoutMs = 5000) {
      const found = calls.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`no matching Slack call in ${timeoutMs} ms; got ${calls.map((c) => c.method).join(", ")}`),
            ),
          timeoutMs,
        );
        waiters.push({ match, resolve: (c) => (clearTimeout(timer), resolve(c)) });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
