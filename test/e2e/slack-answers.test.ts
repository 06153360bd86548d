import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackApp, type SlackApp } from "../../src/adapters/slack/index.js";
import { ACTION_IDS, decodeActionValue } from "../../src/render/slack/index.js";
import { longSection } from "./fakes/long-section.js";
import { type FakeSlackApi, type RecordedCall, startFakeSlackApi } from "./fakes/slack-api.js";
import { captureLogger, loadTestBot, SLOW } from "./fakes/slack-bot.js";
import { blockActions, eventCallback, postSigned, slashCommand } from "./fakes/slack-payloads.js";

const SECRET = "test-signing-secret";
const ALICE = "UALICE01";
const BOB = "UBOB0001";

interface Block {
  type: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string; text: string | { text: string } }[];
}
interface Message {
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
  text?: string;
  blocks?: Block[];
}

let api: FakeSlackApi;
let slack: SlackApp;
let eventsUrl: string;
let n = 0;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
async function command(text: string): Promise<Message> {
  const res = await postSigned(eventsUrl, form(slashCommand(text, api.responseUrl(`cmd${++n}`))), { secret: SECRET });
  return (await res.json()) as Message;
}
/** Clicks a button as `user` on a private or public message; resolves with what went to the response_url. */
async function click(
  button: { action_id?: string; value?: string },
  options: { user?: string; ephemeral?: boolean } = {},
): Promise<Message> {
  const id = `click${++n}`;
  const payload = blockActions(button.action_id ?? "", button.value ?? "", api.responseUrl(id), options);
  await postSigned(eventsUrl, form({ payload: JSON.stringify(payload) }), { secret: SECRET });
  return (await api.waitFor((c) => c.method === `response:${id}`)).body;
}
async function mention(text: string, user: string): Promise<RecordedCall> {
  const ts = `17000${++n}.000100`;
  const event = { type: "app_mention", user, text: `<@UBOT> ${text}`, ts, channel: "C_GENERAL", event_ts: ts };
  await postSigned(eventsUrl, JSON.stringify(eventCallback(event, `Ev${n}`)), {
    secret: SECRET,
    contentType: "application/json",
  });
  return api.waitFor((c) => c.method === "chat.postMessage" && c.body.thread_ts === ts);
}
const buttonsOf = (m: Message) => (m.blocks ?? []).flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
const labels = (m: Message) => buttonsOf(m).map((e) => (typeof e.text === "string" ? e.text : e.text.text));
const button = (m: Message, actionId: string) => buttonsOf(m).find((e) => e.action_id === actionId)!;
const header = (m: Message) => m.blocks?.[0]?.text?.text;

beforeAll(async () => {
  api = await startFakeSlackApi();
  const real = await loadTestBot();
  slack = createSlackApp({
    // "long logging" answers with a 6,000-character section; everything else is the real notes.
    bot: {
      ask: (input, options) =>
        (typeof input === "string" ? input : input.text).includes("long logging")
          ? Promise.resolve(longSection())
          : real.ask(input, options),
      autocomplete: (p) => real.autocomplete(p),
    },
    logger: captureLogger().logger,
    botToken: "xoxb-test",
    signingSecret: SECRET,
    port: 0,
    host: "127.0.0.1",
    apiUrl: api.apiUrl,
    retryConfig: { retries: 0 },
    rateLimiter: false,
    ackBudgetMs: 1000,
  });
  await slack.start();
  eventsUrl = `http://127.0.0.1:${slack.address()!.port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await api?.close();
});

describe("Slack: the asker's language", () => {
  it("answers a Chinese question with Chinese UI, a Traditional one in Taiwan wording", async () => {
    const zh = await command("怎么把主机端口映射到容器");
    expect(labels(zh)).toEqual(["分享到频道", "下一条结果", "只看示例", "👍", "👎"]);
    expect(JSON.stringify(zh.blocks)).toContain("第 1 条，共");
    const tw = await command("怎麼查看容器的日誌");
    // The bot's own words in Taiwan wording; the notes are shown as written (here Simplified).
    expect(labels(tw)).toEqual(["分享到頻道", "下一筆結果", "只看範例", "👍", "👎"]);
    expect(JSON.stringify(tw.blocks)).toContain("第 1 筆，共");
    const en = await command("how do I limit memory");
    expect(labels(en)).toContain("Share in channel");
  });

  it("says 'nothing found' in Chinese and keeps the language on every click", async () => {
    const miss = await command("怎么配置 kubernetes ingress");
    expect(miss.blocks?.[0]?.text?.text).toMatch(/^笔记里没有找到关于/);
    expect((miss.blocks?.[1] as { elements?: { text: string }[] }).elements?.[0]?.text).toBe("笔记里最接近的主题：");
    const next = await click(buttonsOf(miss)[0]!);
    expect(decodeActionValue(buttonsOf(next)[0]?.value)?.l).toBe("zh-CN");
    expect(labels(next)).toContain("分享到频道");
  });

  it("says 'closest match' and 'did you mean' in the asker's language", async () => {
    const closest = await command("怎么安装 kubernetes ingress 网络");
    const said = JSON.stringify(closest.blocks);
    expect(said).toContain("这是笔记里最接近的内容，可能不完全是你要问的。");
    const typo = await command("explain --netwrok");
    expect(JSON.stringify(typo.blocks)).toContain("Did you mean `--network`? (read for `--netwrok`)");
  });

  it("a question with no language of its own is in DEFAULT_LOCALE (English here), and the slow placeholder too", async () => {
    const plain = await command("explain --restart");
    expect(labels(plain)).toContain("Share in channel");
    const slow = await command(`${SLOW} 怎么让容器自动重启`);
    expect(slow.text).toBe("_正在翻阅笔记…_");
  });
});

describe("Slack: a public answer belongs to its asker", () => {
  let answer: Message;
  beforeAll(async () => {
    answer = (await mention("search network", ALICE)).body;
  });

  it("a mention's answer carries the asker on every button, and a Delete", () => {
    const ids = buttonsOf(answer).map((b) => b.action_id);
    expect(ids).toEqual([
      ACTION_IDS.next,
      ACTION_IDS.examples,
      ACTION_IDS.feedbackUp,
      ACTION_IDS.feedbackDown,
      ACTION_IDS.delete,
    ]);
    for (const b of buttonsOf(answer)) expect(decodeActionValue(b.value)?.u).toBe(ALICE);
  });

  it("a stranger pressing Next gets a private copy; the public answer is unchanged", async () => {
    const before = api.calls.length;
    const copy = await click(button(answer, ACTION_IDS.next), { user: BOB, ephemeral: false });
    expect(copy.response_type).toBe("ephemeral");
    expect(copy.replace_original).toBe(false);
    expect(copy.blocks?.[0]?.text?.text ?? JSON.stringify(copy.blocks?.[0])).toContain(
      `Only <@${ALICE}> can page this answer, so here is your own copy.`,
    );
    expect(header({ blocks: copy.blocks?.slice(1) ?? [] })).not.toBe(header(answer));
    // Bob's copy is his: a Share button, no owner.
    expect(buttonsOf(copy)[0]?.action_id).toBe(ACTION_IDS.share);
    expect(decodeActionValue(buttonsOf(copy)[0]?.value)?.u).toBeUndefined();
    // Nothing replaced or edited the public answer.
    const after = api.calls.slice(before);
    expect(after.filter((c) => c.method === "chat.update" || c.body.replace_original === true)).toEqual([]);
  });

  it("the asker pressing Next pages it in place, still theirs", async () => {
    const paged = await click(button(answer, ACTION_IDS.next), { user: ALICE, ephemeral: false });
    expect(paged.replace_original).toBe(true);
    expect(paged.response_type).toBeUndefined();
    // Now on the second result: its Next leads to the third, and still names Alice.
    expect(decodeActionValue(buttonsOf(paged)[0]?.value)).toMatchObject({ p: 2, u: ALICE });
  });

  it("only the asker can delete it", async () => {
    const refused = await click(button(answer, ACTION_IDS.delete), { user: BOB, ephemeral: false });
    expect(refused.response_type).toBe("ephemeral");
    expect(refused.text).toBe(`Only <@${ALICE}>, who asked, can delete this answer.`);
    expect(refused.delete_original).toBeUndefined();
    const deleted = await click(button(answer, ACTION_IDS.delete), { user: ALICE, ephemeral: false });
    expect(deleted).toEqual({ delete_original: true });
  });

  it("a shared answer belongs to the one who shared it", async () => {
    const mine = await command("explain --restart");
    const shared = await click(button(mine, ACTION_IDS.share), { user: ALICE });
    expect(shared.response_type).toBe("in_channel");
    for (const b of buttonsOf(shared)) expect(decodeActionValue(b.value)?.u).toBe(ALICE);
    expect(buttonsOf(shared).map((b) => b.action_id)).toContain(ACTION_IDS.delete);
  });
});

describe("Slack: topics", () => {
  it("pages the outline with Next and Previous instead of one huge message", async () => {
    const first = await command("topics");
    expect(JSON.stringify(first).length).toBeLessThan(6000);
    expect(JSON.stringify(first.blocks)).toMatch(/Page 1 of \d+/);
    const second = await click(button(first, ACTION_IDS.pageNext));
    expect(second.replace_original).toBe(true);
    expect(JSON.stringify(second.blocks)).toMatch(/Page 2 of \d+/);
    expect(labels(second)).toEqual(["Previous", "Next", "Share in channel"]);
    const back = await click(button(second, ACTION_IDS.pagePrevious));
    expect(JSON.stringify(back.blocks)).toMatch(/Page 1 of/);
  });

  it("a `/docker topics` typed in a mention is the whole outline, not topics under “/docker topics”", async () => {
    const post = await mention("/docker topics", ALICE);
    expect(header(post.body as Message)).toBe("Topics in the notes");
  });
});

describe("Slack: a long section", () => {
  it("keeps a whole example and no cut line in a 6,000-character section, and says what it left out", async () => {
    const body = await command("explain long logging");
    const source = longSection();
    if (source.type !== "sections") throw new Error("expected sections");
    const section = source.sections[0]!;
    expect(section.summary.length + section.examples.reduce((n, e) => n + e.code.length, 0)).toBeGreaterThan(6000);
    const texts = (body.blocks ?? []).flatMap((b) =>
      b.type === "section"
        ? [b.text?.text ?? ""]
        : b.type === "context"
          ? [(b.elements?.[0] as { text?: string } | undefined)?.text ?? ""]
          : [],
    );
    const code = texts.filter((t) => t.startsWith("*bash*\n```"));
    expect(code[0]).toBe("*bash*\n```\n" + section.examples[0]!.code + "\n```");
    const allLines = new Set(section.examples.flatMap((e) => e.code.split("\n")));
    for (const block of code)
      for (const line of block.split("\n").slice(2, -1)) expect(allLines.has(line), line).toBe(true);
    expect(
      texts.some((t) =>
        /^_Not shown here: \d+ paragraphs?[^_]*\._ The whole section: knowledge\/docker-notes\.md:300$/.test(t),
      ),
    ).toBe(true);
    expect(JSON.stringify(body).length).toBeLessThan(12_000);
  });
});
