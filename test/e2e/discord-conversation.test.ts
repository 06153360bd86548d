import { describe, expect, it } from "vitest";
import { createDiscordBot } from "../../src/adapters/discord/index.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { silentLogger } from "../../src/logger.js";
import { useDiscordGateway } from "./discord-harness.js";
import { buttons, type CallbackBody, captureLogger, embedText } from "./discord-helpers.js";
import { CHANNEL_ID, FakeDiscordGateway, MESSAGE_CONTENT_INTENT } from "./fakes/discord-gateway.js";
import { BOB, buttonClick, messageContextMenu, USER, userMessage } from "./fakes/discord-payloads.js";
import { BOT_USER, FakeDiscordRest, type RecordedRequest } from "./fakes/discord-rest.js";

const ANSWERS = "800000000000000055";

/**
 * Issue 15 on Discord, with the real discord.js client and the real index: "Ask the notes" (the
 * message context-menu command), replies to the bot's answers read with their question (read back
 * from Discord's messages), answer channels (with the privileged Message Content intent).
 */
describe("discord: Ask the notes, follow-ups, answer channels", () => {
  const { logger, lines } = captureLogger();
  const { rest, gateway, discord, interact } = useDiscordGateway(
    async () => ({ bot: await loadBot({ logger: silentLogger }), logger, answerChannels: [ANSWERS] }),
    { messageContent: true },
  );

  const posted = (since: number, match: (r: RecordedRequest) => boolean = () => true) =>
    rest.waitFor((r) => r.method === "POST" && /^\/channels\/[^/]+\/messages$/.test(r.path) && match(r), since);
  const body = (r: RecordedRequest) =>
    r.body as NonNullable<CallbackBody["data"]> & { message_reference?: { message_id: string } };
  const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

  it("asked for Message Content and is connected", () => {
    expect(((gateway.identifies.at(-1) as { intents: number }).intents & MESSAGE_CONTENT_INTENT) !== 0).toBe(true);
    expect(discord().answerChannels).toBe(true);
  });

  it("answers 'Ask the notes' privately, and Share replies to the message", async () => {
    const target = userMessage("how do I make a container restart automatically? @everyone", { author: BOB });
    const answer = await interact(messageContextMenu(target));
    expect(answer.type).toBe(4);
    expect(answer.data?.flags).toBe(64);
    expect(answer.data?.allowed_mentions?.parse).toEqual([]);
    expect(embedText(answer.data)).toContain("自动重启");
    const share = buttons(answer.data).find((b) => b.label === "Share");
    expect(share?.custom_id).toContain(":^");
    const since = rest.requests.length;
    const click = await interact(buttonClick(share!.custom_id));
    // The click is acknowledged without a change; the answer is a reply to the message asked about.
    expect(click.type).toBe(6);
    const reply = await posted(since);
    expect(reply.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(body(reply).message_reference?.message_id).toBe(target.id);
    expect(body(reply).allowed_mentions).toMatchObject({ parse: [], replied_user: false });
    expect(body(reply).content).toContain(`shared by <@${USER.id}>`);
  });

  it("reads a reply to its answer with the question that answer was for", async () => {
    const question = userMessage(`<@${BOT_USER.id}> explain --restart`, { mentionsBot: true });
    rest.seedMessage({ ...question, author: USER });
    let since = rest.requests.length;
    gateway.dispatch("MESSAGE_CREATE", question);
    const first = await posted(since, (r) => body(r).message_reference?.message_id === question.id);
    const answer = first.body as Record<string, unknown>;
    const stored = [...rest.messages.values()].find(
      (m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === question.id,
    ) as Record<string, unknown> & { id: string };
    expect(embedText(answer as never)).toContain("自动重启");

    since = rest.requests.length;
    const followUp = userMessage("what about with compose?", { author: BOB, replyTo: stored });
    gateway.dispatch("MESSAGE_CREATE", { ...followUp, mentions: [BOT_USER] });
    const reply = await posted(since, (r) => body(r).message_reference?.message_id === followUp.id);
    expect(body(reply).content).toContain("Read with this thread's question: “--restart”");
    expect(embedText(body(reply))).toMatch(/compose/i);

    since = rest.requests.length;
    const newTopic = userMessage("how do I map a port", { author: BOB, replyTo: stored });
    gateway.dispatch("MESSAGE_CREATE", { ...newTopic, mentions: [BOT_USER] });
    const fresh = await posted(since, (r) => body(r).message_reference?.message_id === newTopic.id);
    expect(embedText(body(fresh))).toContain("端口映射");
    expect(body(fresh).content ?? "").not.toContain("Read with");
  });

  it("answers a confident question in an answer channel, with was-this-right", async () => {
    const since = rest.requests.length;
    const q = userMessage("how do I map a port to the container?", { channelId: ANSWERS });
    gateway.dispatch("MESSAGE_CREATE", q);
    const reply = await posted(since, (r) => body(r).message_reference?.message_id === q.id);
    expect(reply.path).toBe(`/channels/${ANSWERS}/messages`);
    expect(embedText(body(reply))).toContain("端口映射");
    expect(body(reply).content).toContain("Was this right?");
    expect(buttons(body(reply)).map((b) => b.emoji?.name)).toEqual(expect.arrayContaining(["👍", "👎"]));
  });

  it("stays silent in an answer channel on a negative, chatter and a link", async () => {
    const since = rest.requests.length;
    for (const t of [
      "how do I configure kubernetes ingress tls",
      "thanks!",
      "lol",
      "https://example.com/page",
      "@everyone lol",
    ])
      gateway.dispatch("MESSAGE_CREATE", userMessage(t, { channelId: ANSWERS }));
    await settle();
    expect(rest.requests.slice(since).filter((r) => r.method === "POST")).toEqual([]);
    expect(lines.filter((l) => l.msg === "discord answer channel stayed silent")).toHaveLength(1);
  });

  it("leaves other channels' messages alone", async () => {
    const since = rest.requests.length;
    gateway.dispatch("MESSAGE_CREATE", userMessage("how do I map a port to the container?"));
    await settle();
    expect(rest.requests.slice(since).filter((r) => r.method === "POST")).toEqual([]);
  });
});

describe("discord without the Message Content intent", () => {
  it("starts anyway and logs that answer channels are off", async () => {
    const rest = new FakeDiscordRest();
    const gateway = new FakeDiscordGateway();
    const { logger, lines } = captureLogger();
    const apiUrl = await rest.start();
    rest.gatewayUrl = await gateway.start();
    const discord = createDiscordBot({
      bot: await loadBot({ logger: silentLogger }),
      logger,
      token: "fake-token",
      apiUrl,
      answerChannels: [ANSWERS],
      connectRetry: { minDelayMs: 10, maxDelayMs: 20 },
    });
    try {
      await discord.start();
      expect(discord.connected).toBe(true);
      expect(discord.answerChannels).toBe(false);
      const [first, second] = gateway.identifies as Array<{ intents: number }>;
      expect(first!.intents & MESSAGE_CONTENT_INTENT).not.toBe(0);
      expect(second!.intents & MESSAGE_CONTENT_INTENT).toBe(0);
      const warning = lines.find((l) => String(l.msg).startsWith("discord answer channels are off"));
      expect(warning?.msg).toContain("Message Content Intent");
      // Mentions still work without it.
      const since = rest.requests.length;
      const q = userMessage(`<@${BOT_USER.id}> explain --restart`, { mentionsBot: true });
      gateway.dispatch("MESSAGE_CREATE", q);
      await rest.waitFor((r) => r.method === "POST" && r.path === `/channels/${CHANNEL_ID}/messages`, since);
    } finally {
      await discord.stop();
      await gateway.stop();
      await rest.stop();
    }
  });
});
