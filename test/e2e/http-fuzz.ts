import { connect } from "node:net";
import fc from "fast-check";
import { expect } from "vitest";

/**
 * A property test for any HTTP server the bot runs: requests built from random request lines,
 * paths (`//`, `//@`, `/%`, `/..` and friends), methods, headers and bodies are written over raw
 * TCP (so malformed request lines really reach the server's parser, which `fetch` would refuse
 * to send), and after each one the server must still answer its health path. A new server is
 * covered in one line:
 *
 *     await expectSurvivesFuzz({ port, paths: ["/", "/s/some-slug"] });
 *
 * fast-check shrinks a failure to the smallest request that breaks the server.
 */
export interface FuzzTarget {
  host?: string;
  port: number;
  /** Paths the server serves: the fuzz aims at them, mangled and plain, besides random ones. */
  paths?: string[];
  /** Headers that authenticate a body (a request signature), so bodies get past the signature check. */
  sign?: (body: Buffer) => Record<string, string>;
  /** Where liveness is checked after every request (default: this port, `/healthz`). */
  health?: { port?: number; path?: string };
  /** A 5xx answer counts as a failure unless allowed (default false: a 500 is a handler that threw). */
  allow5xx?: boolean;
}

export interface FuzzOptions {
  runs?: number;
  seed?: number;
  /** How long to wait for an answer before closing the connection (default 1500 ms). */
  timeoutMs?: number;
}

export interface FuzzRequest {
  method: string;
  target: string;
  version: string;
  headers: [string, string][];
  body: Buffer;
  /** Sign the body with `FuzzTarget.sign`. */
  signed: boolean;
  /** Declare a longer Content-Length than sent (the server must time the request out, not hang forever). */
  lie: boolean;
  /** Replace the whole request line with this (random bytes, no version, bare CR...). */
  rawLine?: string;
}

export interface Exchange {
  /** Every status code received, in order (100 Continue included). */
  statuses: number[];
  timedOut: boolean;
  bytes: Buffer;
}

const MANGLED = [
  "//",
  "//@",
  "/%",
  "/..",
  "/../..",
  "/%2e%2e/",
  "/%zz",
  "/%00",
  "//healthz",
  "/healthz/",
  "/healthz/..",
  "/healthz?",
  "/healthz#x",
  "/healthz%20",
  "*",
  "http://x/healthz",
  "http://[::1",
  "https://@/",
  "//[",
  "//@/x",
  "/\\",
  "/\\\\evil",
  "?x=1",
  "#",
  "",
  "/slack/events",
  "/interactions",
  "/%F0%9F%90%B3",
  "/🐳",
];

const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "PROPFIND", "get", "G E T"];

const HEADER_NAMES = [
  "content-type",
  "content-length",
  "transfer-encoding",
  "host",
  "connection",
  "expect",
  "upgrade",
  "accept",
  "x-slack-signature",
  "x-slack-request-timestamp",
  "x-slack-retry-num",
  "x-signature-ed25519",
  "x-signature-timestamp",
  "cookie",
  "authorization",
];

const CONTENT_TYPES = [
  "application/json",
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=utf-8",
  "text/plain",
  "multipart/form-data; boundary=x",
  "",
];

const printable = fc.string({ unit: fc.constantFrom(..."abcXYZ019-_.:/;=, \t%@\\\"'{}[]<>?#!~"), maxLength: 40 });

const methodArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...METHODS) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
);

function targetArb(paths: string[]): fc.Arbitrary<string> {
  const known = [...paths, ...MANGLED];
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...known) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...known), fc.constantFrom("", "?", "?a=1", "/..", "%", "//", "#x", ";x"), printable)
        .map(([p, glue, tail]) => p + glue + encodeURI(tail).slice(0, 40)),
    },
    { weight: 2, arbitrary: fc.webPath() },
    { weight: 1, arbitrary: fc.webUrl() },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  );
}

const versionArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant("HTTP/1.1") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.1x", "", "http/1.1", "HTTP/9.9"),
  },
);

const headerArb: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constant("content-type"), fc.constantFrom(...CONTENT_TYPES)) },
  {
    weight: 3,
    arbitrary: fc.tuple(
      fc.constantFrom(...HEADER_NAMES),
      fc.oneof(printable, fc.constantFrom("chunked", "100-continue", "keep-alive", "websocket", "-1", "1e9", "0x10")),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/), printable),
  },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })) },
);

const jsonBody = fc.oneof(
  fc.constantFrom("null", "[]", "{}", '"x"', "0", "true", '{"type":1}', '{"type":2,"data":{"options":5}}'),
  fc.json({ maxDepth: 3 }),
);
const formBody = fc
  .oneof(
    fc.dictionary(
      fc.constantFrom("payload", "command", "text", "ssl_check", "type", "user_id"),
      fc.oneof(printable, jsonBody),
    ),
  )
  .map((d) => new URLSearchParams(d).toString());

const bodyArb: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(Buffer.alloc(0)) },
  { weight: 4, arbitrary: jsonBody.map((s) => Buffer.from(s)) },
  { weight: 3, arbitrary: formBody.map((s) => Buffer.from(s)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
);

export function requestArb(target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    method: methodArb,
    target: targetArb(target.paths ?? []),
    version: versionArb,
    headers: fc.array(headerArb, { maxLength: 6 }),
    body: bodyArb,
    signed: target.sign ? fc.boolean() : fc.constant(false),
    lie: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    rawLine: fc.option(
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(
          "GET",
          "GET /",
          "GET  / HTTP/1.1",
          "GET / HTTP/1.1 extra",
          " / HTTP/1.1",
          "\u0000\u0001",
          "GET\r/",
        ),
      ),
      { freq: 8 },
    ),
  }) as fc.Arbitrary<FuzzRequest>;
}

/** The request's bytes: request line, headers (ours and the fuzz's), a Content-Length that matches unless lying. */
export function encode(req: FuzzRequest, target: FuzzTarget): Buffer {
  const line = req.rawLine ?? `${req.method} ${req.target} ${req.version}`.trimEnd();
  const headers: [string, string][] = [["host", "127.0.0.1"], ...req.headers];
  if (req.signed && target.sign) headers.push(...Object.entries(target.sign(req.body)));
  const hasLength = req.headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k));
  if (!hasLength) headers.push(["content-length", String(req.body.length + (req.lie ? 100 : 0))]);
  const head = [line, ...headers.map(([k, v]) => `${k}: ${v}`)].join("\r\n");
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, "latin1"), req.body]);
}

/** Writes `bytes`, half-closes, and collects whatever comes back until the server closes or `timeoutMs`. */
export function exchange(host: string, port: number, bytes: Buffer, timeoutMs: number): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let timedOut = false;
    const socket = connect({ host, port }, () => {
      socket.write(bytes);
      socket.end();
    });
    const timer = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, timeoutMs);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", (err: NodeJS.ErrnoException) => {
      // A reset after (or instead of) an answer is the server refusing the request: fine.
      if (err.code !== "ECONNRESET" && err.code !== "EPIPE") {
        clearTimeout(timer);
        reject(err);
      }
    });
    socket.on("close", () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const statuses = [...all.toString("latin1").matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3})/g)].map((m) =>
        Number(m[1]),
      );
      resolve({ statuses, timedOut, bytes: all });
    });
  });
}

/** One GET over raw TCP: the status, or undefined when nothing answered within `timeoutMs`. */
export async function probe(host: string, port: number, path: string, timeoutMs = 3000): Promise<number | undefined> {
  const got = await exchange(
    host,
    port,
    Buffer.from(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`),
    timeoutMs,
  ).catch(() => undefined);
  return got?.statuses.at(-1);
}

/**
 * A request whose bytes are all there by construction: the server has everything it needs to
 * answer, so silence (a handler that never ends the response) is a failure. Lying lengths, the
 * fuzz's own Content-Length or Transfer-Encoding, raw request lines and CONNECT may leave the
 * server rightly waiting for more.
 */
function isComplete(req: FuzzRequest): boolean {
  return (
    !req.lie &&
    req.rawLine === undefined &&
    !/^connect$/i.test(req.method) &&
    !req.headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k))
  );
}

function show(req: FuzzRequest, target: FuzzTarget): string {
  return JSON.stringify(encode(req, target).toString("latin1").slice(0, 400));
}

/**
 * Runs the property: every complete request is answered, never with a 5xx unless allowed, and
 * the health path answers 200 after each one. Returns how the server answered, for the test to report.
 */
export async function expectSurvivesFuzz(target: FuzzTarget, options: FuzzOptions = {}): Promise<Map<number, number>> {
  const host = target.host ?? "127.0.0.1";
  const healthPort = target.health?.port ?? target.port;
  const healthPath = target.health?.path ?? "/healthz";
  const timeoutMs = options.timeoutMs ?? 1500;
  const seen = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(requestArb(target), async (req) => {
      const got = await exchange(host, target.port, encode(req, target), timeoutMs);
      const final = got.statuses.filter((s) => s >= 200).at(-1);
      if (final !== undefined) seen.set(final, (seen.get(final) ?? 0) + 1);
      if (isComplete(req)) expect(got.statuses.length, `no HTTP answer to ${show(req, target)}`).toBeGreaterThan(0);
      if (!target.allow5xx && final !== undefined)
        expect(final, `a ${final} for ${show(req, target)}`).toBeLessThan(500);
      expect(await probe(host, healthPort, healthPath), `${healthPath} after the request`).toBe(200);
    }),
    { numRuns: options.runs ?? 200, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
  );
  return seen;
}
