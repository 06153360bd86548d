import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordBot } from "../../src/adapters/discord/index.js";
import type { Bot } from "../../src/answer/bot.js";
import { buttons, type CallbackBody, captureLogger, embedText } from "./discord-helpers.js";
import { fakeBot } from "./fakes/discord-fake-bot.js";
import { FakeDiscordGateway } from "./fakes/discord-gateway.js";
import { autocomplete, buttonClick, slashCommand, userMessage } from "./fakes/discord-payloads.js";
import { FakeDiscordRest } from "./fakes/discord-rest.js";

/**
 * The real discord.js client against fakes, with a hand-made core that is slow or fails on
 * demand: deferral and the error path can't be driven through the real index.
 */
async function setup(bot: Bot, deferAfterMs = 2000) {
  const rest = new FakeDiscordRest();
  const gateway = new FakeDiscordGateway();
  const apiUrl = await rest.start();
  rest.gatewayUrl = await gateway.start();
  const { logger, lines } = captureLogger();
  const discord = createDiscordBot({ bot, logger, token: "fake-token", apiUrl, deferAfterMs });
  await discord.start();
  return { rest, gateway, discord, lines };
}

async function interact(
  env: { rest: FakeDiscordRest; gateway: FakeDiscordGateway },
  payload: { id: string; token: string },
): Promise<CallbackBody> {
  const since = env.rest.requests.length;
  env.gateway.dispatch("INTERACTION_CREATE", payload);
  const r = await env.rest.waitFor((q) => q.path === `/interactions/${payload.id}/${payload.token}/callback`, since);
  return r.body as CallbackBody;
}

describe("discord gateway: failures", () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup(fakeBot({ fail: true }));
  });
  afterAll(async () => {
    await env.discord.stop();
    await env.gateway.stop();
    await env.rest.stop();
  });

  it("connects with non-privileged intents only and reports connected", () => {
    expect(env.discord.connected).toBe(true);
    const identify = env.gateway.identifies[0] as { intents: number; token: string };
    // Guilds (1) | GuildMessages (512) | DirectMessages (4096); no MessageContent (32768).
    expect(identify.intents).toBe(1 | 512 | 4096);
    expect(identify.token).toBe("fake-token");
  });

  it("apologises privately with an error id that is in the log with the stack", async () => {
    const body = await interact(env, slashCommand("explain", { topic: "--restart", public: true }));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    const id = /Error id: `([0-9a-f]{8})`/.exec(body.data?.content ?? "")?.[1];
    expect(id).toBeDefined();
    const logged = env.lines.find((l) => l.errorId === id);
    expect((logged?.err as { stack?: string })?.stack).toContain("index exploded");
    expect(env.discord.connected).toBe(true);
  });

  it("answers a failing autocomplete with no choices", async () => {
    const body = await interact(env, autocomplete("explain", "topic", "res"));
    expect(body).toEqual({ type: 8, data: { choices: [] } });
  });

  it("apologises in a reply when a mention fails", async () => {
    const since = env.rest.requests.length;
    env.gateway.dispatch(
      "MESSAGE_CREATE",
      userMessage("<@900000000000000001> explain --restart", { mentionsBot: true }),
    );
    const r = await env.rest.waitFor((q) => q.method === "POST" && q.path.endsWith("/messages"), since);
    const b = r.body as { content: string; allowed_mentions: unknown };
    expect(b.content).toMatch(/Error id: `[0-9a-f]{8}`/);
    expect(b.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});

describe("discord gateway: slow answers", () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup(fakeBot({ delayMs: 150 }), 30);
  });
  afterAll(async () => {
    await env.discord.stop();
    await env.gateway.stop();
    await env.rest.stop();
  });

  it("defers, then edits the original response with the answer", async () => {
    const payload = slashCommand("explain", { topic: "--restart" });
    const since = env.rest.requests.length;
    const first = await interact(env, payload);
    expect(first).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await env.rest.waitFor(
      (q) => q.method === "PATCH" && q.path === `/webhooks/900000000000000009/${payload.token}/messages/@original`,
      since,
    );
    const data = edit.body as CallbackBody["data"];
    expect(embedText(data)).toContain("unless-stopped");
    expect(data?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    // The follow-up went through once: no apology edit after a failed one.
    await new Promise((r) => setTimeout(r, 50));
    expect(env.rest.requests.slice(since).filter((q) => q.method === "PATCH")).toHaveLength(1);
    expect(env.lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it("defers a Next result click as an update", async () => {
    const first = await interact(env, buttonClick("dn:next:0:texplain --restart"));
    expect(first.type).toBe(6);
  });

  it("keeps button state working", async () => {
    const body = await interact(env, buttonClick("dn:share:0:texplain --restart"));
    expect(body.type).toBe(5);
    expect(buttons(body.data)).toEqual([]);
  });
});
