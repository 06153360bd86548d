import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackApp, type SlackApp } from "../../src/adapters/slack/index.js";
import { createResponseUrlSender, ResponseUrlError } from "../../src/adapters/slack/response-url.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { captureLogger, loadTestBot, SLOW } from "./fakes/slack-bot.js";
import { postSigned, slashCommand } from "./fakes/slack-payloads.js";

/** A response_url that answers from a script: status codes, Retry-After, or silence. */
async function scriptedUrl(script: Array<{ status: number; retryAfter?: number } | "hang">) {
  const seen: Array<{ at: number; body: string }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ at: Date.now(), body: Buffer.concat(chunks).toString("utf8") });
      const step = script[seen.length - 1] ?? { status: 200 };
      if (step === "hang") return;
      res
        .writeHead(step.status, step.retryAfter !== undefined ? { "retry-after": String(step.retryAfter) } : {})
        .end(step.status === 200 ? "ok" : "err");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/response/x`,
    seen,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

describe("response_url faults", () => {
  it("retries a 429 after its Retry-After, then delivers", async () => {
    const target = await scriptedUrl([{ status: 429, retryAfter: 1 }, { status: 200 }]);
    await createResponseUrlSender({ backoffMs: 10 })(target.url, { text: "hi" });
    expect(target.seen).toHaveLength(2);
    expect(target.seen[1]!.at - target.seen[0]!.at).toBeGreaterThanOrEqual(900);
    await target.close();
  });

  it("retries 500s and timeouts at most twice (Slack allows 5 uses), then throws with the attempts", async () => {
    const target = await scriptedUrl(["hang", { status: 500 }, { status: 502 }, { status: 200 }]);
    const err = await createResponseUrlSender({ backoffMs: 10, timeoutMs: 200 })(target.url, {
      text: "hi",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseUrlError);
    expect((err as ResponseUrlError).attempts).toBe(3);
    expect(target.seen).toHaveLength(3);
    await target.close();
  });

  it("does not retry an expired URL (404) nor wait for a Retry-After longer than allowed", async () => {
    const expired = await scriptedUrl([{ status: 404 }]);
    await expect(createResponseUrlSender({ backoffMs: 10 })(expired.url, { text: "x" })).rejects.toMatchObject({
      status: 404,
      attempts: 1,
    });
    const slow = await scriptedUrl([{ status: 429, retryAfter: 3600 }]);
    await expect(createResponseUrlSender({ backoffMs: 10 })(slow.url, { text: "x" })).rejects.toMatchObject({
      status: 429,
      attempts: 1,
    });
    await expired.close();
    await slow.close();
  });
});

describe("Slack app: a late answer whose response_url keeps failing", () => {
  let api: FakeSlackApi;
  let slack: SlackApp;
  const log = captureLogger();
  const rejections: unknown[] = [];
  const onRejection = (r: unknown) => rejections.push(r);
  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    api = await startFakeSlackApi();
    slack = createSlackApp({
      bot: await loadTestBot(),
      logger: log.logger,
      botToken: "xoxb-secret-token-123",
      signingSecret: "faults-secret",
      port: 0,
      host: "127.0.0.1",
      apiUrl: api.apiUrl,
      retryConfig: { retries: 0 },
      botId: "BBOT",
      botUserId: "UBOT",
      ackBudgetMs: 200,
      rateLimiter: false,
      responseUrl: { backoffMs: 10, timeoutMs: 300 },
    });
    await slack.start();
  });
  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    await slack?.stop();
    await api?.close();
  });

  it("logs the failure with the query, stays up, and leaks no token", async () => {
    const target = await scriptedUrl([{ status: 500 }, "hang", { status: 503 }]);
    const url = `http://127.0.0.1:${slack.address()!.port}/slack/events`;
    const body = new URLSearchParams(slashCommand(`${SLOW} explain --restart`, target.url)).toString();
    const ack = await postSigned(url, body, { secret: "faults-secret" });
    expect(((await ack.json()) as { text: string }).text).toContain("Looking through the notes");
    const deadline = Date.now() + 8000;
    while (
      !log.lines.some((l) => l.msg === "slack answer could not be delivered to the response_url") &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 50));
    const line = log.lines.find((l) => l.msg === "slack answer could not be delivered to the response_url");
    expect(line?.query).toContain("explain --restart");
    expect(line?.attempts).toBe(3);
    expect(target.seen).toHaveLength(3);
    expect(rejections).toEqual([]);
    const again = await postSigned(
      url,
      new URLSearchParams(slashCommand("explain --restart", api.responseUrl("ok"))).toString(),
      { secret: "faults-secret" },
    );
    expect(again.status).toBe(200);
    expect(JSON.stringify(log.lines)).not.toContain("xoxb-secret-token-123");
    expect(JSON.stringify(log.lines)).not.toContain("faults-secret");
    await target.close();
  });
});
