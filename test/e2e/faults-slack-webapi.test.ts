import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSlackApp, type SlackApp, type SlackAppOptions } from "../../src/adapters/slack/index.js";
import { type FakeSlackApi, type RecordedCall, startFakeSlackApi } from "./fakes/slack-api.js";
import { type CapturedLog, captureLogger, loadTestBot } from "./fakes/slack-bot.js";
import { eventCallback, postSigned } from "./fakes/slack-payloads.js";

/**
 * The Slack Web API failing under a real Bolt app in HTTP mode, with the real notes: an @mention
 * is answered with chat.postMessage in its thread, which here gets a 429 with Retry-After, or a
 * 500 on every attempt.
 */
const SECRET = "webapi-faults-secret";
const TOKEN = "xoxb-webapi-faults-token-42";

let eventCounter = 0;

async function until(what: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Env {
  api: FakeSlackApi;
  slack: SlackApp;
  log: CapturedLog;
  /** Posts a signed app_mention; resolves with its ts (the thread the answer belongs in) once acked. */
  mention(text: string, user?: string): Promise<string>;
  posts(ts: string): RecordedCall[];
}

async function setup(retryConfig: SlackAppOptions["retryConfig"]): Promise<Env> {
  const api = await startFakeSlackApi();
  const log = captureLogger();
  const slack = createSlackApp({
    bot: await loadTestBot(),
    logger: log.logger,
    botToken: TOKEN,
    signingSecret: SECRET,
    port: 0,
    host: "127.0.0.1",
    apiUrl: api.apiUrl,
    botId: "BBOT",
    botUserId: "UBOT",
    rateLimiter: false,
    ...(retryConfig ? { retryConfig } : {}),
  });
  await slack.start();
  const url = `http://127.0.0.1:${slack.address()!.port}/slack/events`;
  return {
    api,
    slack,
    log,
    async mention(text, user = "UALICE01") {
      const n = ++eventCounter;
      const ts = `17000${String(n).padStart(5, "0")}.000100`;
      const event = { type: "app_mention", user, text: `<@UBOT> ${text}`, ts, channel: "C_GENERAL", event_ts: ts };
      const res = await postSigned(url, JSON.stringify(eventCallback(event, `EvFault${n}`)), {
        secret: SECRET,
        contentType: "application/json",
      });
      expect(res.status).toBe(200);
      return ts;
    },
    posts: (ts) => api.calls.filter((c) => c.method === "chat.postMessage" && c.body.thread_ts === ts),
  };
}

async function teardown(env: Env | undefined): Promise<void> {
  await env?.slack.stop();
  await env?.api.close();
}

const rejections: unknown[] = [];
const onRejection = (r: unknown) => rejections.push(r);
beforeAll(() => void process.on("unhandledRejection", onRejection));
afterAll(() => void process.off("unhandledRejection", onRejection));
afterEach(() => expect(rejections).toEqual([]));

describe("Slack Web API faults (retries allowed)", () => {
  let env: Env;
  beforeAll(async () => {
    env = await setup({ retries: 2, factor: 1, minTimeout: 10, maxTimeout: 50 });
  });
  afterAll(() => teardown(env));

  it("chat.postMessage answers 429 with Retry-After: 1 once: the answer is sent again after the wait, in the thread", async () => {
    env.api.failNext("chat.postMessage", { status: 429, headers: { "retry-after": "1" }, body: "ratelimited" });
    const ts = await env.mention("explain --restart");
    await until("the answer", () => env.posts(ts).some((c) => c.status === 200));
    const posts = env.posts(ts);
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(posts[1]!.at! - posts[0]!.at!).toBeGreaterThanOrEqual(950);
    const answer = posts[1]!;
    expect(answer.body.channel).toBe("C_GENERAL");
    expect(answer.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.stringify(answer.body.blocks)).toContain("docker run --restart unless-stopped my_image");
    await until("the log line", () => env.log.lines.some((l) => l.msg === "slack message answered"));
    expect(env.log.lines.find((l) => l.msg === "slack message answered")).toMatchObject({
      query: "explain --restart",
      where: "mention",
    });
    expect(env.log.lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it("chat.postMessage answers 500 on every attempt: the failure is logged with the query, the user gets a private apology, and the next mention is answered", async () => {
    env.api.failNext(
      "chat.postMessage",
      ...Array.from({ length: 10 }, () => ({ status: 500, body: "internal_error" })),
    );
    const ts = await env.mention("explain -p", "UBOB0001");
    try {
      await until("the failure in the log", () => env.log.lines.some((l) => l.msg === "slack handler failed"));
    } finally {
      env.api.clearFaults();
    }
    // 1 attempt + 2 retries, all 500.
    expect(env.posts(ts).map((c) => c.status)).toEqual([500, 500, 500]);
    const failed = env.log.lines.find((l) => l.msg === "slack handler failed")!;
    expect(failed).toMatchObject({
      level: 50,
      query: "explain -p",
      where: "mention",
      user: "UBOB0001",
      channel: "C_GENERAL",
    });
    expect(JSON.stringify(failed.err)).toContain("500");
    const apology = await env.api.waitFor((c) => c.method === "chat.postEphemeral" && c.body.thread_ts === ts);
    expect(apology.body.user).toBe("UBOB0001");
    expect(String(apology.body.text)).toContain(String(failed.errorId));

    const next = await env.mention("explain --restart");
    await until("the next answer", () => env.posts(next).some((c) => c.status === 200));
    expect(JSON.stringify(env.posts(next)[0]!.body.blocks)).toContain("unless-stopped");
    expect(env.slack.connected).toBe(true);
    expect(JSON.stringify(env.log.lines)).not.toContain(TOKEN);
  });
});

describe("Slack Web API faults with the default retry config (as in production)", () => {
  let env: Env;
  beforeAll(async () => {
    env = await setup(undefined);
  });
  afterAll(() => teardown(env));

  it("a chat.postMessage that keeps failing is given up on within seconds (not the library's ~30 minutes) and logged with the query", async () => {
    env.api.failNext("chat.postMessage", ...Array.from({ length: 20 }, () => ({ status: 503, body: "unavailable" })));
    const started = Date.now();
    const ts = await env.mention("explain --restart");
    try {
      await until("the failure in the log", () => env.log.lines.some((l) => l.msg === "slack handler failed"), 20_000);
    } finally {
      env.api.clearFaults();
    }
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(env.posts(ts).length).toBeGreaterThanOrEqual(2);
    expect(env.log.lines.find((l) => l.msg === "slack handler failed")).toMatchObject({ query: "explain --restart" });
  });
});
