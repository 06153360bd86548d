import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackApp, type SlackApp } from "../../src/adapters/slack/index.js";
import { decodeActionValue } from "../../src/render/slack/index.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { BOOM, type CapturedLog, captureLogger, loadTestBot, SLOW } from "./fakes/slack-bot.js";
import { blockActions, eventCallback, postSigned, slashCommand } from "./fakes/slack-payloads.js";

const SECRET = "test-signing-secret";
const SOURCE_URL = "https://github.com/org/notes/blob/main/{file}#L{line}";

interface AckBody {
  response_type?: string;
  text: string;
  blocks: {
    type: string;
    text?: { text: string };
    fields?: { text: string }[];
    elements?: { action_id?: string; value?: string; text: string | { text: string } }[];
  }[];
}

let api: FakeSlackApi;
let slack: SlackApp;
let log: CapturedLog;
let eventsUrl: string;
let base: string;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const command = (text: string, responseId = "cmd") =>
  postSigned(eventsUrl, form(slashCommand(text, api.responseUrl(responseId))), { secret: SECRET });
const click = (actionId: string, value: string, responseId: string) =>
  postSigned(eventsUrl, form({ payload: JSON.stringify(blockActions(actionId, value, api.responseUrl(responseId))) }), {
    secret: SECRET,
  });
const buttonValue = (body: AckBody, actionId: string) =>
  body.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)?.value ?? "";
const headerOf = (body: { blocks?: unknown }) => (body.blocks as AckBody["blocks"])[0]?.text?.text;

beforeAll(async () => {
  api = await startFakeSlackApi();
  log = captureLogger();
  slack = createSlackApp({
    bot: await loadTestBot(),
    logger: log.logger,
    botToken: "xoxb-test",
    signingSecret: SECRET,
    port: 0,
    host: "127.0.0.1",
    apiUrl: api.apiUrl,
    links: { template: SOURCE_URL },
    retryConfig: { retries: 0 },
    // Many commands from one user: the limit has its own tests (faults-rate-limit).
    rateLimiter: false,
    // Shorter than the slow bot's delay, so the late-answer path runs; far above a real answer's time.
    ackBudgetMs: 1000,
    customRoutes: [{ path: "/healthz", method: "GET", handler: (_req, res) => res.writeHead(200).end("ok") }],
  });
  expect(slack.connected).toBe(false);
  await slack.start();
  const address = slack.address()!;
  base = `http://127.0.0.1:${address.port}`;
  eventsUrl = `${base}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await api?.close();
});

describe("Slack HTTP mode: /docker", () => {
  it("is connected once listening and serves custom routes on the same server", async () => {
    expect(slack.mode).toBe("http");
    expect(slack.connected).toBe(true);
    const res = await fetch(`${base}/healthz`);
    expect(await res.text()).toBe("ok");
  });

  it("answers `explain --restart` in the ack, ephemeral, with an unless-stopped example and buttons", async () => {
    const res = await command("explain --restart");
    expect(res.status).toBe(200);
    const body = (await res.json()) as AckBody;
    expect(body.response_type).toBe("ephemeral");
    const json = JSON.stringify(body.blocks);
    expect(json).toContain("--restart");
    const examples = body.blocks.filter((b) => b.text?.text.startsWith("*bash*\n```"));
    expect(examples.some((b) => b.text!.text.includes("unless-stopped"))).toBe(true);
    expect(json).toContain("<https://github.com/org/notes/blob/main/knowledge/docker-notes.md#L");
    const ids = body.blocks.flatMap((b) => b.elements ?? []).map((e) => e.action_id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "docker_share",
        "docker_next",
        "docker_examples",
        "docker_feedback_up",
        "docker_feedback_down",
      ]),
    );
  });

  it("finds the 端口映射 section for a Chinese question", async () => {
    const body = (await (await command("怎么把主机端口映射到容器")).json()) as AckBody;
    expect(headerOf(body)).toContain("端口映射");
    expect(JSON.stringify(body.blocks)).toMatch(/-p|8080/);
  });

  it("rejects a bad signature, missing headers and a stale timestamp with 401", async () => {
    const body = form(slashCommand("explain --restart", api.responseUrl("x")));
    expect((await postSigned(eventsUrl, body, { secret: SECRET, signature: "v0=" + "0".repeat(64) })).status).toBe(401);
    expect((await postSigned(eventsUrl, body, { secret: "another-secret" })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await postSigned(eventsUrl, body, { secret: SECRET, timestamp: stale })).status).toBe(401);
    const unsigned = await fetch(eventsUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(unsigned.status).toBe(401);
  });

  it("rejects a wrong content type even when signed", async () => {
    const body = form(slashCommand("explain --restart", api.responseUrl("x")));
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded; charset=utf-8"]) {
      const res = await postSigned(eventsUrl, body, { secret: SECRET, contentType });
      expect(res.status, contentType).toBe(400);
    }
  });

  it("a slow answer is acked with a placeholder, then sent to the response_url", async () => {
    const res = await command(`${SLOW} explain --restart`, "slow1");
    const body = (await res.json()) as AckBody;
    expect(body.text).toContain("Looking through the notes");
    const late = await api.waitFor((c) => c.method === "response:slow1");
    expect(late.body.replace_original).toBe(true);
    expect(late.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(late.body.blocks)).toContain("unless-stopped");
  });

  it("an empty command shows help", async () => {
    const body = (await (await command("")).json()) as AckBody;
    expect(JSON.stringify(body)).toMatch(/explain/);
  });

  it("a failing handler answers with an error id that the log carries with the stack", async () => {
    const res = await command(`explain ${BOOM}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as AckBody;
    const id = /Error id: `([0-9a-f]{8})`/.exec(body.text)?.[1];
    expect(id).toBeDefined();
    const line = log.lines.find((l) => l.errorId === id);
    expect((line?.err as { stack?: string })?.stack).toContain("the index exploded");
    // The process and the app are still up.
    expect((await command("explain --restart")).status).toBe(200);
  });
});

describe("Slack HTTP mode: buttons", () => {
  let first: AckBody;
  beforeAll(async () => {
    first = (await (await command("explain --restart")).json()) as AckBody;
  });

  it("Share in channel posts the answer publicly with who shared it, then removes the private copy", async () => {
    const res = await click("docker_share", buttonValue(first, "docker_share"), "share1");
    expect(res.status).toBe(200);
    const shared = await api.waitFor((c) => c.method === "response:share1" && c.body.response_type === "in_channel");
    expect(shared.body.replace_original).toBe(false);
    const json = JSON.stringify(shared.body.blocks);
    expect(json).toContain("shared by <@UALICE01>");
    expect(json).toContain("unless-stopped");
    expect(json).not.toContain("docker_share");
    await api.waitFor((c) => c.method === "response:share1" && c.body.delete_original === true);
  });

  it("Share falls back to chat.postMessage when the response_url is used up", async () => {
    await click("docker_share", buttonValue(first, "docker_share"), "expired1");
    const post = await api.waitFor(
      (c) => c.method === "chat.postMessage" && JSON.stringify(c.body.blocks).includes("shared by <@UALICE01>"),
    );
    expect(post.body.channel).toBe("C_GENERAL");
    expect(post.authorization).toBe("Bearer xoxb-test");
  });

  it("Next result replaces the message with the second section", async () => {
    const next = buttonValue(first, "docker_next");
    expect(decodeActionValue(next)?.p).toBe(1);
    await click("docker_next", next, "next1");
    const replaced = await api.waitFor((c) => c.method === "response:next1");
    expect(replaced.body.replace_original).toBe(true);
    expect(headerOf(replaced.body)).not.toBe(headerOf(first));
    expect(JSON.stringify(replaced.body.blocks)).toMatch(/result 2 of \d+/);
  });

  it("Examples only replaces the message with just the runnable blocks", async () => {
    await click("docker_examples", buttonValue(first, "docker_examples"), "ex1");
    const replaced = await api.waitFor((c) => c.method === "response:ex1");
    const blocks = replaced.body.blocks as AckBody["blocks"];
    const sections = blocks.filter((b) => b.type === "section").map((b) => b.text?.text ?? "");
    expect(sections.length).toBeGreaterThan(0);
    expect(sections.every((t) => t.includes("```"))).toBe(true);
    expect(JSON.stringify(blocks)).toContain("unless-stopped");
    expect(JSON.stringify(blocks)).toContain("docker_full");
  });

  it("👍 and 👎 are acknowledged and logged with the query and section", async () => {
    const up = buttonValue(first, "docker_feedback_up");
    await click("docker_feedback_up", up, "fb1");
    const thanks = await api.waitFor((c) => c.method === "response:fb1");
    expect(thanks.body.replace_original).toBe(false);
    const line = log.lines.find((l) => l.msg === "slack feedback" && l.feedback === "up");
    expect(line).toMatchObject({ query: "explain --restart", sectionId: decodeActionValue(up)?.s, user: "UALICE01" });
    await click("docker_feedback_down", buttonValue(first, "docker_feedback_down"), "fb2");
    await api.waitFor((c) => c.method === "response:fb2");
    expect(log.lines.some((l) => l.msg === "slack feedback" && l.feedback === "down")).toBe(true);
  });

  it("a click with a forged value is acknowledged and ignored", async () => {
    const res = await click("docker_next", "<!channel>", "forged");
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.calls.some((c) => c.method === "response:forged")).toBe(false);
  });
});

describe("Slack HTTP mode: events", () => {
  it("answers an app_mention in a thread and ignores bots", async () => {
    const json = (event: Record<string, unknown>, id: string) => JSON.stringify(eventCallback(event, id));
    const botMsg = {
      type: "app_mention",
      user: "UOTHERBOT",
      bot_id: "B_OTHER",
      text: "<@UBOT> explain --restart",
      ts: "1700000100.000100",
      channel: "C_GENERAL",
      event_ts: "1700000100.000100",
    };
    expect(
      (await postSigned(eventsUrl, json(botMsg, "EvBot"), { secret: SECRET, contentType: "application/json" })).status,
    ).toBe(200);
    const human = {
      type: "app_mention",
      user: "UBOB0001",
      text: "<@UBOT> explain --restart",
      ts: "1700000200.000100",
      channel: "C_GENERAL",
      event_ts: "1700000200.000100",
    };
    expect(
      (await postSigned(eventsUrl, json(human, "EvHuman"), { secret: SECRET, contentType: "application/json" })).status,
    ).toBe(200);
    const post = await api.waitFor((c) => c.method === "chat.postMessage" && c.body.thread_ts === "1700000200.000100");
    expect(post.body.channel).toBe("C_GENERAL");
    expect(JSON.stringify(post.body.blocks)).toContain("unless-stopped");
    expect(JSON.stringify(post.body.blocks)).not.toContain("docker_share");
    expect(api.calls.filter((c) => c.body.thread_ts === "1700000100.000100")).toHaveLength(0);
  });
});
