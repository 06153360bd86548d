import { beforeAll, describe, expect, it } from "vitest";
import { loadBot } from "../../src/answer/load-bot.js";
import { silentLogger } from "../../src/logger.js";
import { decodeCustomId } from "../../src/render/discord/index.js";
import { useDiscordGateway } from "./discord-harness.js";
import { buttons, type CallbackBody, captureLogger, embedText } from "./discord-helpers.js";
import { CHANNEL_ID } from "./fakes/discord-gateway.js";
import { autocomplete, buttonClick, slashCommand, USER, userMessage } from "./fakes/discord-payloads.js";
import { BOT_USER } from "./fakes/discord-rest.js";

const SOURCE = "https://github.com/org/notes/blob/main/{file}#L{line}";

/** The real discord.js client and the real index of knowledge/, against loopback fakes. */
describe("discord gateway end to end", () => {
  const { logger, lines } = captureLogger();
  const harness = useDiscordGateway(async () => ({
    bot: await loadBot({ logger: silentLogger }),
    logger,
    links: { template: SOURCE },
  }));
  const { rest, gateway, discord } = harness;

  async function interact(payload: { id: string; token: string }): Promise<CallbackBody> {
    const r = await harness.callback(payload);
    // Interaction callbacks authenticate with the token in the path, never the bot token.
    expect(r.headers.authorization).toBeUndefined();
    return r.body as CallbackBody;
  }

  async function explainRestart(options: Record<string, string | boolean> = {}): Promise<CallbackBody> {
    return interact(slashCommand("explain", { topic: "--restart", ...options }));
  }

  it("is connected after READY", () => {
    expect(discord().connected).toBe(true);
  });

  it("answers /docker explain topic:--restart privately with the section and an unless-stopped example", async () => {
    const body = await explainRestart();
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.allowed_mentions?.parse).toEqual([]);
    const text = embedText(body.data);
    expect(text).toContain("--restart");
    expect(body.data?.embeds?.[0]?.description).toMatch(/```\w*\n[^`]*unless-stopped[^`]*\n```/);
    expect(body.data?.embeds?.[0]?.url).toMatch(/^https:\/\/github\.com\/org\/notes\/blob\/main\/knowledge\/.+#L\d+$/);
    expect(body.data?.embeds?.[0]?.footer?.text).toMatch(/knowledge\/.+\.md:\d+$/);
    const bs = buttons(body.data);
    expect(bs.map((b) => b.label ?? b.emoji?.name)).toEqual(["Share", "Next result", "Examples only", "👍", "👎"]);
    for (const b of bs) expect(b.custom_id.length).toBeLessThanOrEqual(100);
  });

  it("posts publicly with public:true", async () => {
    const body = await explainRestart({ public: true });
    expect(body.type).toBe(4);
    expect(body.data?.flags ?? 0).toBe(0);
    expect(embedText(body.data)).toContain("unless-stopped");
    expect(buttons(body.data).map((b) => b.label)).not.toContain("Share");
  });

  it("autocompletes `res` with --restart among at most 25 choices", async () => {
    const body = await interact(autocomplete("explain", "topic", "res"));
    expect(body.type).toBe(8);
    const choices = body.data?.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain("--restart");
    for (const c of choices) expect(c.value.length).toBeLessThanOrEqual(100);
  });

  it("compares cmd and entrypoint: the direct comparison first, then two inline fields", async () => {
    const body = await interact(slashCommand("compare", { first: "cmd", second: "entrypoint" }));
    expect(body.type).toBe(4);
    const embeds = body.data?.embeds ?? [];
    expect(embeds[0]?.title).toMatch(/^Comparison: /);
    const fields = embeds[1]?.fields ?? [];
    expect(fields).toHaveLength(2);
    expect(fields.every((f) => f.inline)).toBe(true);
    expect(fields[0]?.name.toLowerCase()).toContain("cmd");
    expect(fields[1]?.name.toLowerCase()).toContain("entrypoint");
    expect(embedText(body.data)).toMatch(/ENTRYPOINT/);
  });

  it("finds 端口映射 for a Chinese question", async () => {
    const body = await interact(slashCommand("search", { query: "怎么把主机端口映射到容器" }));
    expect(body.type).toBe(4);
    expect(embedText(body.data)).toContain("端口映射");
    expect(embedText(body.data)).toMatch(/-p\s/);
  });

  it("answers a miss with suggestion buttons, and a suggestion click answers in place", async () => {
    const body = await interact(slashCommand("explain", { topic: "kubernetes ingress" }));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(embedText(body.data)).toContain("kubernetes ingress");
    const suggestions = buttons(body.data);
    expect(suggestions.length).toBeGreaterThan(0);
    const first = suggestions[0];
    expect(decodeCustomId(first?.custom_id ?? "")?.action).toBe("ask");
    const clicked = await interact(buttonClick(first?.custom_id ?? ""));
    expect(clicked.type).toBe(7);
    expect(clicked.data?.embeds?.length).toBeGreaterThan(0);
    expect(embedText(clicked.data)).not.toContain("No answer for");
  });

  describe("buttons under an answer", () => {
    let ids: Record<string, string> = {};
    beforeAll(async () => {
      const body = await explainRestart();
      ids = Object.fromEntries(buttons(body.data).map((b) => [decodeCustomId(b.custom_id)?.action ?? "", b.custom_id]));
    });

    it("Share posts the answer publicly, crediting the user without pinging", async () => {
      const body = await interact(buttonClick(ids.share ?? ""));
      expect(body.type).toBe(4);
      expect(body.data?.flags ?? 0).toBe(0);
      expect(body.data?.content).toBe(`shared by <@${USER.id}>`);
      expect(body.data?.allowed_mentions?.parse).toEqual([]);
      expect(embedText(body.data)).toContain("unless-stopped");
    });

    it("Next result replaces the message with the next ranked section", async () => {
      const first = await explainRestart();
      const body = await interact(buttonClick(ids.next ?? ""));
      expect(body.type).toBe(7);
      expect(body.data?.embeds?.[0]?.title).not.toBe(first.data?.embeds?.[0]?.title);
      expect(decodeCustomId(buttons(body.data)[1]?.custom_id ?? "")?.page).toBe(1);
    });

    it("Examples only shows just the code in place, and offers the full answer back", async () => {
      const body = await interact(buttonClick(ids.ex ?? ""));
      expect(body.type).toBe(7);
      expect(body.data?.embeds?.[0]?.description).toMatch(/^```/);
      expect(body.data?.embeds?.[0]?.description).toContain("unless-stopped");
      const labels = buttons(body.data).map((b) => b.label);
      expect(labels).toContain("Full answer");
      expect(labels).not.toContain("Examples only");
    });

    it("👍 and 👎 are acknowledged and logged with query and section", async () => {
      for (const action of ["up", "down"] as const) {
        const body = await interact(buttonClick(ids[action] ?? ""));
        expect(body.type).toBe(4);
        expect(body.data?.flags).toBe(64);
        expect(body.data?.content).toMatch(/Thanks/);
        const logged = lines.find((l) => l.feedback === action);
        expect(logged?.query).toContain("--restart");
        expect(String(logged?.section)).toMatch(/knowledge\/.+\.md#/);
      }
    });
  });

  describe("messages", () => {
    it("replies to a mention, ignoring bots and unmentioned chatter, without pinging", async () => {
      const since = rest.requests.length;
      gateway.dispatch("MESSAGE_CREATE", userMessage("just chatting about docker"));
      gateway.dispatch(
        "MESSAGE_CREATE",
        userMessage(`<@${BOT_USER.id}> explain --restart`, {
          mentionsBot: true,
          author: { ...USER, id: "7001", bot: true },
        }),
      );
      const mention = userMessage(`<@${BOT_USER.id}> 怎么把主机端口映射到容器`, { mentionsBot: true });
      gateway.dispatch("MESSAGE_CREATE", mention);
      const r = await rest.waitFor((q) => q.method === "POST" && q.path === `/channels/${CHANNEL_ID}/messages`, since);
      const body = r.body as CallbackBody["data"] & { message_reference?: { message_id: string } };
      // The first post answers the mention: the bot and the chatter were ignored.
      expect(body?.message_reference?.message_id).toBe(mention.id);
      expect(body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
      expect(embedText(body)).toContain("端口映射");
      expect(r.headers.authorization).toBe("Bot fake-token");
    });

    it("replies to a DM", async () => {
      const since = rest.requests.length;
      const dm = userMessage("explain --restart", { dm: true });
      gateway.dispatch("MESSAGE_CREATE", dm);
      const r = await rest.waitFor(
        (q) => q.method === "POST" && q.path === "/channels/800000000000000077/messages",
        since,
      );
      const body = r.body as CallbackBody["data"] & { message_reference?: { message_id: string } };
      expect(body?.message_reference?.message_id).toBe(dm.id);
      expect(body?.allowed_mentions?.parse).toEqual([]);
      expect(embedText(body)).toContain("unless-stopped");
    });
  });

  it("never logged an error", () => {
    expect(lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
