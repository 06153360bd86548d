import { beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/answer/bot.js";
import { loadBot } from "../../src/answer/load-bot.js";
import type { Answer } from "../../src/answer/types.js";
import { silentLogger } from "../../src/logger.js";
import { decodeCustomId } from "../../src/render/discord/index.js";
import { useDiscordGateway } from "./discord-harness.js";
import { buttons, type CallbackBody, embedText } from "./discord-helpers.js";
import { CHANNEL_ID } from "./fakes/discord-gateway.js";
import { BOB, buttonClick, type Sender, slashCommand, USER, userMessage } from "./fakes/discord-payloads.js";
import { BOT_USER } from "./fakes/discord-rest.js";
import { longSection } from "./fakes/long-section.js";

/**
 * issue 12 on Discord, the real discord.js client against loopback fakes: Chinese UI for a zh-CN
 * client, placeholders kept, long sections cut whole, topics paged, buttons that belong to the
 * asker (strangers get a private copy, the asker may delete), and the target option.
 */
describe("discord answers people can read, copy and trust", () => {
  const { rest, gateway, interact } = useDiscordGateway(async () => {
    const real = await loadBot({ logger: silentLogger });
    const bot: Bot = {
      ask: (input, options) =>
        (typeof input === "string" ? input : input.text).includes("long logging")
          ? Promise.resolve(longSection())
          : real.ask(input, options),
      autocomplete: (p) => real.autocomplete(p),
    };
    return { bot, logger: silentLogger };
  });

  const byAction = (body: CallbackBody) =>
    Object.fromEntries(buttons(body.data).map((b) => [decodeCustomId(b.custom_id)?.action ?? "", b]));

  it("answers a zh-CN client with Chinese UI, and a zh-TW client with Taiwan wording", async () => {
    const zh = await interact(slashCommand("explain", { topic: "--restart" }, false, { locale: "zh-CN" }));
    const labels = buttons(zh.data).map((b) => b.label ?? b.emoji?.name);
    expect(labels).toEqual(["分享", "下一条结果", "只看示例", "👍", "👎"]);
    const tw = await interact(slashCommand("explain", { topic: "--restart" }, false, { locale: "zh-TW" }));
    expect(buttons(tw.data).map((b) => b.label ?? b.emoji?.name)).toEqual([
      "分享",
      "下一筆結果",
      "只看範例",
      "👍",
      "👎",
    ]);
    const miss = await interact(slashCommand("explain", { topic: "--gpus" }, false, { locale: "zh-CN" }));
    expect(miss.data?.embeds?.[0]?.title).toBe("没有找到关于 “explain --gpus” 的答案");
    expect(embedText(miss.data)).toContain("笔记里没有找到关于 “--gpus” 的内容。");
    const help = await interact(slashCommand("help", {}, false, { locale: "zh-TW" }));
    expect(help.data?.embeds?.[0]?.title).toBe("怎麼向 Docker 筆記機器人提問");
  });

  it("keeps <placeholders> inside inline code and in help", async () => {
    const help = await interact(slashCommand("help", {}));
    expect(help.data?.embeds?.[0]?.description).toContain("`/docker explain <topic>`");
    expect(help.data?.embeds?.[0]?.description).toContain("`/docker compare <first> <second>`");
    const exec = await interact(slashCommand("explain", { topic: "docker exec -it" }));
    expect(embedText(exec.data)).toContain("**`docker exec -it <container_id> <command>`**");
  });

  it("cuts a 6,000-character section keeping a whole example and no cut line, and says what it left out", async () => {
    const body = await interact(slashCommand("explain", { topic: "long logging" }));
    const d = body.data?.embeds?.[0]?.description ?? "";
    const source = (longSection() as Extract<Answer, { type: "sections" }>).sections[0]!;
    expect(source.summary.length + source.examples.reduce((n, e) => n + e.code.length, 0)).toBeGreaterThan(6000);
    // The first example, whole.
    expect(d).toContain("```bash\n" + source.examples[0]!.code + "\n```");
    // Every code line shown is a whole line of an example.
    const allLines = new Set(source.examples.flatMap((e) => e.code.split("\n")));
    for (const block of d.matchAll(/```bash\n([\s\S]*?)\n```/g))
      for (const line of block[1]!.split("\n")) expect(allLines.has(line), line).toBe(true);
    expect(d).toMatch(
      /\*Not shown here: \d+ paragraphs(, | and )\d+ examples?\.\* The whole section: `knowledge\/docker-notes\.md:300`$/,
    );
  });

  it("pages the topics with Previous and Next", async () => {
    const first = await interact(slashCommand("topics", {}));
    expect(first.data?.embeds?.[0]?.footer?.text).toMatch(/^Page 1 of (\d+) · \d+ headings$/);
    const next = byAction(first).page;
    expect(next?.label).toBe("Next");
    const second = await interact(buttonClick(next!.custom_id));
    expect(second.type).toBe(7);
    expect(second.data?.embeds?.[0]?.footer?.text).toMatch(/^Page 2 of/);
    expect(second.data?.embeds?.[0]?.description).not.toBe(first.data?.embeds?.[0]?.description);
  });

  describe("a public answer belongs to its asker", () => {
    let answer: CallbackBody;
    beforeAll(async () => {
      answer = await interact(slashCommand("search", { query: "network", public: true }));
    });

    it("is public, without Share, with the asker's Delete", () => {
      expect(answer.data?.flags ?? 0).toBe(0);
      const ids = buttons(answer.data).map((b) => decodeCustomId(b.custom_id));
      expect(ids.map((s) => s?.action)).toEqual(["next", "ex", "up", "down", "del"]);
      for (const s of ids) expect(s?.owner).toBe(USER.id);
      for (const b of buttons(answer.data)) expect(b.custom_id.length).toBeLessThanOrEqual(100);
    });

    it("a stranger pressing Next gets a private copy; the public answer is unchanged", async () => {
      const since = rest.requests.length;
      const body = await interact(buttonClick(byAction(answer).next!.custom_id, false, { user: BOB }));
      expect(body.type).toBe(4);
      expect(body.data?.flags).toBe(64);
      expect(body.data?.content).toBe(`Only <@${USER.id}> can page this answer, so here is your own copy.`);
      expect(body.data?.allowed_mentions?.parse).toEqual([]);
      expect(body.data?.allowed_mentions?.users).toBeUndefined();
      expect(body.data?.embeds?.[0]?.title).not.toBe(answer.data?.embeds?.[0]?.title);
      // The copy is Bob's own: private buttons, with Share.
      expect(buttons(body.data).map((b) => decodeCustomId(b.custom_id)?.action)[0]).toBe("share");
      // Nothing edited or deleted the public message.
      await new Promise((r) => setTimeout(r, 100));
      expect(rest.requests.slice(since).filter((r) => r.method !== "POST")).toEqual([]);
    });

    it("the asker pressing Next pages it in place", async () => {
      const body = await interact(buttonClick(byAction(answer).next!.custom_id, false));
      expect(body.type).toBe(7);
      expect(decodeCustomId(buttons(body.data)[0]!.custom_id)).toMatchObject({ page: 1, owner: USER.id });
    });

    it("only the asker can delete it", async () => {
      const del = byAction(answer).del!;
      const refused = await interact(buttonClick(del.custom_id, false, { user: BOB }));
      expect(refused.data?.flags).toBe(64);
      expect(refused.data?.content).toBe(`Only <@${USER.id}>, who asked, can delete this answer.`);
      const since = rest.requests.length;
      const click = buttonClick(del.custom_id, false);
      const deferred = await interact(click);
      expect(deferred.type).toBe(6);
      const gone = await rest.waitFor(
        (r) => r.method === "DELETE" && r.path.endsWith(`/${click.token}/messages/@original`),
        since,
      );
      expect(gone.status).toBe(204);
    });
  });

  it("answers for a target member, mentioning only them", async () => {
    const body = await interact(slashCommand("explain", { topic: "--restart", target: BOB.id }));
    expect(body.data?.flags ?? 0).toBe(0);
    expect(body.data?.content).toBe(`For <@${BOB.id}>, asked by <@${USER.id}>:`);
    expect(body.data?.allowed_mentions).toMatchObject({ parse: [], users: [BOB.id] });
    expect(embedText(body.data)).toContain("unless-stopped");
    // Someone typing a mention into a question pings nobody.
    const typed = await interact(slashCommand("search", { query: "<@&1> @everyone restart", target: BOB.id }));
    expect(typed.data?.allowed_mentions?.parse).toEqual([]);
    expect(typed.data?.allowed_mentions?.users ?? [BOB.id]).toEqual([BOB.id]);
  });

  it("titles a `/docker topics` typed in a mention (a command mention) as the whole outline", async () => {
    const since = rest.requests.length;
    gateway.dispatch("MESSAGE_CREATE", userMessage(`<@${BOT_USER.id}> </docker topics:555>`, { mentionsBot: true }));
    const r = await rest.waitFor((q) => q.method === "POST" && q.path === `/channels/${CHANNEL_ID}/messages`, since);
    const body = r.body as CallbackBody["data"];
    expect(body?.embeds?.[0]?.title).toBe("Topics in the notes");
  });

  it("answers a Chinese mention in Chinese", async () => {
    const since = rest.requests.length;
    gateway.dispatch("MESSAGE_CREATE", userMessage(`<@${BOT_USER.id}> 怎麼讓容器自動重啟`, { mentionsBot: true }));
    const r = await rest.waitFor((q) => q.method === "POST" && q.path === `/channels/${CHANNEL_ID}/messages`, since);
    const labels = buttons(r.body as CallbackBody["data"]).map((b) => b.label ?? b.emoji?.name);
    expect(labels).toContain("刪除");
  });
});

export type { Sender };
