import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackApp, DEFAULT_RETRY_CONFIG, type SlackApp } from "../../src/adapters/slack/create-slack-app.js";
import { type FakeSlackApi, type RecordedCall, startFakeSlackApi } from "./fakes/slack-api.js";
import { type CapturedLog, captureLogger, loadTestBot } from "./fakes/slack-bot.js";
import { eventCallback, postSigned } from "./fakes/slack-payloads.js";

/**
 * The Slack Web API never answering chat.postMessage (the request is held open), under a real
 * Bolt app in HTTP mode with the production retry config and a short per-request timeout: the
 * answer is given up on in bounded time, the failure is logged with the query, nothing rejects
 * unhandled, and the next mention is answered. (A response_url that never answers is covered in
 * faults-slack.test.ts.)
 */
const SECRET = "webapi-timeout-secret";
const TOKEN = "xoxb-webapi-timeout-token-7";
const TIMEOUT_MS = 400;

async function until(what: string, cond: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("Slack Web API: chat.postMessage never answers", () => {
  let api: FakeSlackApi;
  let slack: SlackApp;
  let log: CapturedLog;
  let url: string;
  let n = 0;
  const rejections: unknown[] = [];
  const onRejection = (r: unknown) => rejections.push(r);

  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    api = await startFakeSlackApi();
    log = captureLogger();
    slack = createSlackApp({
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
      requestTimeoutMs: TIMEOUT_MS,
    });
    await slack.start();
    url = `http://127.0.0.1:${slack.address()!.port}/slack/events`;
  });
  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    await slack?.stop();
    await api?.close();
  });

  const mention = async (text: string, user: string): Promise<string> => {
    n += 1;
    const ts = `17100${String(n).padStart(5, "0")}.000100`;
    const event = { type: "app_mention", user, text: `<@UBOT> ${text}`, ts, channel: "C_GENERAL", event_ts: ts };
    const res = await postSigned(url, JSON.stringify(eventCallback(event, `EvTimeout${n}`)), {
      secret: SECRET,
      contentType: "application/json",
    });
    // Events are acked at once: the hung Web API must not hold the ack.
    expect(res.status).toBe(200);
    return ts;
  };
  const posts = (ts: string): RecordedCall[] =>
    api.calls.filter((c) => c.method === "chat.postMessage" && c.body.thread_ts === ts);

  it("gives up after the timeout and its retries, logs the failure with the query, apologises, and answers the next mention", async () => {
    const attempts = DEFAULT_RETRY_CONFIG.retries + 1;
    api.failNext("chat.postMessage", ...Array.from({ length: attempts + 2 }, () => ({ hang: true })));
    const started = Date.now();
    const ts = await mention("explain --restart", "UCAROL01");
    try {
      await until("the failure in the log", () => log.lines.some((l) => l.msg === "slack handler failed"), 15_000);
    } finally {
      api.clearFaults();
    }
    const elapsed = Date.now() - started;
    // Every attempt was held open and cut off at TIMEOUT_MS; the retries waited 1 s then 2 s: bounded, not the library's default of no timeout.
    expect(posts(ts)).toHaveLength(attempts);
    expect(posts(ts).every((c) => c.status === undefined)).toBe(true);
    expect(JSON.stringify(posts(ts)[0]!.body.blocks)).toContain("unless-stopped");
    expect(elapsed).toBeGreaterThanOrEqual(attempts * TIMEOUT_MS + 1000 + 2000 - 100);
    expect(elapsed).toBeLessThan(8000);

    const failed = log.lines.find((l) => l.msg === "slack handler failed")!;
    expect(failed).toMatchObject({
      level: 50,
      query: "explain --restart",
      where: "mention",
      user: "UCAROL01",
      channel: "C_GENERAL",
    });
    expect(JSON.stringify(failed.err)).toMatch(/timeout|timed out|ECONNABORTED/i);
    const apology = await api.waitFor((c) => c.method === "chat.postEphemeral" && c.body.thread_ts === ts);
    expect(apology.body.user).toBe("UCAROL01");
    expect(String(apology.body.text)).toContain(String(failed.errorId));

    // chat.postMessage works again: the next mention is answered in its thread.
    const next = await mention("compare cmd entrypoint", "UDAVE001");
    await until("the next answer", () => posts(next).some((c) => c.status === 200), 5000);
    expect(JSON.stringify(posts(next)[0]!.body.blocks)).toContain("CMD vs ENTRYPOINT");
    // The log line follows the delivered reply: wait for it rather than race it on a busy machine.
    await until("the answer logged", () => log.lines.some((l) => l.msg === "slack message answered"), 5000);
    expect(log.lines.find((l) => l.msg === "slack message answered")).toMatchObject({
      query: "compare cmd entrypoint",
      user: "UDAVE001",
    });
    expect(slack.connected).toBe(true);
    expect(rejections).toEqual([]);
    expect(JSON.stringify(log.lines)).not.toContain(TOKEN);
  }, 20_000);
});
