import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordBot, type DiscordBot } from "../../src/adapters/discord/index.js";
import { createRateLimiter } from "../../src/adapters/rate-limit.js";
import { createSlackApp, type SlackApp } from "../../src/adapters/slack/index.js";
import { type CallbackBody, captureLogger as discordLogger } from "./discord-helpers.js";
import { fakeBot } from "./fakes/discord-fake-bot.js";
import { FakeDiscordGateway } from "./fakes/discord-gateway.js";
import { autocomplete, slashCommand as discordCommand, userMessage } from "./fakes/discord-payloads.js";
import { FakeDiscordRest } from "./fakes/discord-rest.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { captureLogger } from "./fakes/slack-bot.js";
import { blockActions, eventCallback, postSigned, slashCommand } from "./fakes/slack-payloads.js";

/**
 * The per-user limit through the real Bolt app and the real discord.js client, with the
 * adapters' default limiter (10 commands / 30 s, autocomplete 60 / 30 s).
 */
const SECRET = "rate-limit-secret";
const FAST = /You're asking fast — try again in \d+ s/;

describe("rate limit: Slack HTTP", () => {
  let api: FakeSlackApi;
  let slack: SlackApp;
  let url: string;
  const log = captureLogger();
  const form = (f: Record<string, string>) => new URLSearchParams(f).toString();
  const command = async (text: string, user: string) => {
    const res = await postSigned(url, form(slashCommand(text, api.responseUrl(`rl-${user}`), user)), {
      secret: SECRET,
    });
    return (await res.json()) as { text: string; response_type?: string };
  };

  beforeAll(async () => {
    api = await startFakeSlackApi();
    slack = createSlackApp({
      bot: fakeBot(),
      logger: log.logger,
      botToken: "xoxb-rate",
      signingSecret: SECRET,
      port: 0,
      host: "127.0.0.1",
      apiUrl: api.apiUrl,
      retryConfig: { retries: 0 },
      botId: "BBOT",
      botUserId: "UBOT",
    });
    await slack.start();
    url = `http://127.0.0.1:${slack.address()!.port}/slack/events`;
  });
  afterAll(async () => {
    await slack?.stop();
    await api?.close();
  });

  it("answers 10 commands in the window and tells the 11th, privately, to wait", async () => {
    for (let i = 0; i < 10; i++) expect((await command("explain --restart", "UFAST01")).text).not.toMatch(FAST);
    const eleventh = await command("explain --restart", "UFAST01");
    expect(eleventh.response_type).toBe("ephemeral");
    expect(eleventh.text).toMatch(FAST);
    expect(log.lines.some((l) => l.msg === "slack rate limited" && l.surface === "slash" && l.user === "UFAST01")).toBe(
      true,
    );
  });

  it("keys the budget by user: someone else is still answered", async () => {
    expect((await command("explain --restart", "UCALM01")).text).not.toMatch(FAST);
  });

  it("counts mentions against the same budget and answers over-budget ones with an ephemeral notice", async () => {
    const event = {
      type: "app_mention",
      user: "UFAST01",
      text: "<@UBOT> explain --restart",
      channel: "C_GENERAL",
      ts: "1700000000.000900",
    };
    const res = await postSigned(url, JSON.stringify(eventCallback(event, "EvRate1")), {
      secret: SECRET,
      contentType: "application/json",
    });
    expect(res.status).toBe(200);
    const notice = await api.waitFor(
      (c) => c.method === "chat.postEphemeral" && String(c.body.text).includes("asking fast"),
    );
    expect(notice.body.user).toBe("UFAST01");
  });

  it("counts button clicks too", async () => {
    const payload = blockActions(
      "docker_next",
      JSON.stringify({ q: "explain --restart", p: 1 }),
      api.responseUrl("rl-click"),
      { user: "UFAST01" },
    );
    await postSigned(url, form({ payload: JSON.stringify(payload) }), { secret: SECRET });
    const call = await api.waitFor((c) => c.method === "response:rl-click");
    expect(String(call.body.text)).toMatch(FAST);
    expect(call.body.replace_original).toBe(false);
  });
});

describe("rate limit: Discord gateway", () => {
  const rest = new FakeDiscordRest();
  const gateway = new FakeDiscordGateway();
  let discord: DiscordBot;
  const { logger, lines } = discordLogger();

  const interact = async (payload: { id: string; token: string }): Promise<CallbackBody> => {
    const since = rest.requests.length;
    gateway.dispatch("INTERACTION_CREATE", payload);
    return (await rest.waitFor((q) => q.path === `/interactions/${payload.id}/${payload.token}/callback`, since))
      .body as CallbackBody;
  };

  beforeAll(async () => {
    const apiUrl = await rest.start();
    rest.gatewayUrl = await gateway.start();
    discord = createDiscordBot({ bot: fakeBot(), logger, token: "fake-token", apiUrl });
    await discord.start();
  });
  afterAll(async () => {
    await discord?.stop();
    await gateway.stop();
    await rest.stop();
  });

  it("answers 10 slash commands and tells the 11th, ephemerally, to wait", async () => {
    for (let i = 0; i < 10; i++) {
      const body = await interact(discordCommand("explain", { topic: "--restart" }));
      expect(body.data?.content ?? "").not.toMatch(FAST);
      expect(body.data?.embeds?.length).toBe(1);
    }
    const body = await interact(discordCommand("explain", { topic: "--restart" }));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(FAST);
    expect(body.data?.allowed_mentions?.parse).toEqual([]);
    expect(lines.some((l) => l.msg === "discord rate limited" && l.kind === "command")).toBe(true);
  });

  it("autocomplete has its own budget: still answered after the commands ran out", async () => {
    const body = await interact(autocomplete("explain", "topic", "res"));
    expect(body.data?.choices?.length).toBeGreaterThan(0);
  });

  it("a mention over budget gets the notice as a reply that pings nobody", async () => {
    const since = rest.requests.length;
    gateway.dispatch("MESSAGE_CREATE", userMessage("<@900000000000000001> explain --restart", { mentionsBot: true }));
    const r = await rest.waitFor((q) => q.method === "POST" && q.path.endsWith("/messages"), since);
    const b = r.body as { content: string; allowed_mentions: unknown };
    expect(b.content).toMatch(FAST);
    expect(b.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});

describe("rate limit: Discord autocomplete budget", () => {
  const rest = new FakeDiscordRest();
  const gateway = new FakeDiscordGateway();
  let discord: DiscordBot;

  beforeAll(async () => {
    const apiUrl = await rest.start();
    rest.gatewayUrl = await gateway.start();
    const rateLimiter = createRateLimiter({ commands: 2, autocomplete: 5, windowSeconds: 30 });
    discord = createDiscordBot({
      bot: fakeBot(),
      logger: discordLogger().logger,
      token: "fake-token",
      apiUrl,
      rateLimiter,
    });
    await discord.start();
  });
  afterAll(async () => {
    await discord?.stop();
    await gateway.stop();
    await rest.stop();
  });

  it("answers the autocomplete budget (larger than the command one), then no choices", async () => {
    const results: number[] = [];
    for (let i = 0; i < 6; i++) {
      const payload = autocomplete("explain", "topic", "res");
      const since = rest.requests.length;
      gateway.dispatch("INTERACTION_CREATE", payload);
      const r = await rest.waitFor((q) => q.path === `/interactions/${payload.id}/${payload.token}/callback`, since);
      results.push((r.body as CallbackBody).data?.choices?.length ?? -1);
    }
    expect(results.slice(0, 5).every((n) => n > 0)).toBe(true);
    expect(results[5]).toBe(0);
  });
});
