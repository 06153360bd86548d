import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/adapters/rate-limit.js";
import { createSlackApp, type SlackApp } from "../../src/adapters/slack/index.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { silentLogger } from "../../src/logger.js";
import { useDiscordGateway } from "./discord-harness.js";
import { captureLogger } from "./discord-helpers.js";
import { messageContextMenu, userMessage } from "./fakes/discord-payloads.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { loadTestBot } from "./fakes/slack-bot.js";
import { appHomeOpened, eventCallback, messageShortcut } from "./fakes/slack-payloads.js";
import { type FakeSocketMode, startFakeSocketMode } from "./fakes/slack-socket.js";

/** Rate limits and mention safety on issue 15's surfaces: one command per user per 10 minutes here. */
const limiter = () => createRateLimiter({ commands: 1, windowSeconds: 600 });
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
const ANSWERS = "800000000000000055";

describe("slack: limits and mention safety on shortcuts, answer channels, follow-ups and App Home", () => {
  let api: FakeSlackApi;
  let socket: FakeSocketMode;
  let slack: SlackApp;
  let n = 0;
  const send = (payload: Record<string, unknown>) => socket.send("events_api", eventCallback(payload, `EvL${++n}`));
  const channelMessage = (user: string, text: string, ts: string, extra: Record<string, unknown> = {}) =>
    send({ type: "message", channel_type: "channel", channel: "C_ANSWERS", user, text, ts, event_ts: "1", ...extra });

  beforeAll(async () => {
    api = await startFakeSlackApi();
    socket = await startFakeSocketMode();
    api.setSocketUrl(socket.url);
    slack = createSlackApp({
      bot: await loadTestBot(),
      logger: silentLogger,
      botToken: "xoxb-test",
      appToken: "xapp-test",
      apiUrl: api.apiUrl,
      retryConfig: { retries: 0 },
      answerChannels: ["C_ANSWERS"],
      rateLimiter: limiter(),
    });
    await slack.start();
    await socket.connected;
  });

  afterAll(async () => {
    await slack?.stop();
    await socket?.closed;
    await socket?.close();
    await api?.close();
  });

  it("a second shortcut over the budget gets the private 'asking fast' notice", async () => {
    const q = { text: "explain --restart", ts: "1700005000.000100" };
    await socket.send("interactive", messageShortcut(q, api.responseUrl("l1"), { user: "ULIMIT01" }));
    await socket.send("interactive", messageShortcut(q, api.responseUrl("l2"), { user: "ULIMIT01" }));
    expect(JSON.stringify((await api.waitFor((c) => c.method === "response:l1")).body.blocks)).toContain("自动重启");
    const limited = await api.waitFor((c) => c.method === "response:l2");
    expect(limited.body.response_type).toBe("ephemeral");
    expect(limited.body.text).toContain("You're asking fast");
  });

  it("an answer channel answers once within the budget, then stays silent (no notice in the channel)", async () => {
    const before = api.calls.length;
    await channelMessage("ULIMIT02", "how do I map a port to the container?", "1700005100.000100");
    await channelMessage("ULIMIT02", "how do I make a container restart automatically?", "1700005101.000100");
    await settle();
    const chat = api.calls.slice(before).filter((c) => c.method.startsWith("chat."));
    expect(chat.map((c) => c.method)).toEqual(["chat.postMessage"]);
    expect(chat[0]?.body.thread_ts).toBe("1700005100.000100");
  });

  it("escapes @channel and @everyone from a thread's question and a follow-up", async () => {
    api.seedMessage("C_GENERAL", { ts: "1700005200.000100", user: "UBOB0001", text: "q" });
    api.seedMessage("C_GENERAL", {
      ts: "1700005201.000100",
      thread_ts: "1700005200.000100",
      user: "UBOT",
      bot_id: "BBOT",
      text: "answer",
      metadata: { event_type: "docker_notes_answer", event_payload: { q: "<!channel> --restart <!everyone>" } },
    });
    const before = api.calls.length;
    await send({
      type: "message",
      channel_type: "channel",
      channel: "C_GENERAL",
      user: "ULIMIT03",
      text: "what about with compose? <!here>",
      ts: "1700005202.000100",
      thread_ts: "1700005200.000100",
      event_ts: "1",
    });
    const posted = await api.waitFor((c) => c.method === "chat.postMessage" && api.calls.indexOf(c) >= before);
    const all = JSON.stringify(posted.body.blocks) + String(posted.body.text);
    expect(all).toContain("Read with this thread's question");
    expect(all).not.toMatch(/<!(?:channel|everyone|here)>/);
  });

  it("App Home openings over the budget publish nothing more", async () => {
    const before = api.calls.length;
    await send(appHomeOpened("ULIMIT04"));
    await send(appHomeOpened("ULIMIT04"));
    await settle();
    expect(api.calls.slice(before).filter((c) => c.method === "views.publish")).toHaveLength(1);
  });
});

describe("discord: limits and mention safety on the context menu and answer channels", () => {
  const member = (id: string) => ({
    id,
    username: `u${id.slice(-2)}`,
    discriminator: "0",
    avatar: null,
    global_name: "member",
    bot: false,
  });

  const { rest, gateway, interact } = useDiscordGateway(
    async () => ({
      bot: await loadBot({ logger: silentLogger }),
      logger: captureLogger().logger,
      rateLimiter: limiter(),
      answerChannels: [ANSWERS],
    }),
    { messageContent: true },
  );

  it("a second 'Ask the notes' over the budget gets the private 'asking fast' notice", async () => {
    const user = member("700000000000000031");
    const target = userMessage("explain --restart");
    expect((await interact(messageContextMenu(target, { user }))).data?.embeds?.length).toBeGreaterThan(0);
    const limited = await interact(messageContextMenu(target, { user }));
    expect(limited.data?.flags).toBe(64);
    expect(limited.data?.content).toContain("You're asking fast");
  });

  it("an answer channel answers once within the budget, pinging nobody, then stays silent", async () => {
    const author = member("700000000000000032");
    const since = rest.requests.length;
    gateway.dispatch(
      "MESSAGE_CREATE",
      userMessage("@everyone how do I map a port to the container?", { channelId: ANSWERS, author }),
    );
    gateway.dispatch(
      "MESSAGE_CREATE",
      userMessage("how do I make a container restart automatically?", { channelId: ANSWERS, author }),
    );
    await settle();
    const posts = rest.requests.slice(since).filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    const body = posts[0]?.body as { allowed_mentions?: { parse: string[]; replied_user?: boolean } };
    expect(body.allowed_mentions?.parse).toEqual([]);
    expect(body.allowed_mentions?.replied_user).toBe(false);
  });
});
