import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackApp, type SlackApp } from "../../src/adapters/slack/index.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { captureLogger, loadTestBot } from "./fakes/slack-bot.js";
import { appHomeOpened, blockActions, eventCallback, messageShortcut } from "./fakes/slack-payloads.js";
import { type FakeSocketMode, startFakeSocketMode } from "./fakes/slack-socket.js";

type Block = {
  type: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string; text?: string }[];
};

/**
 * The surfaces of issue 15 through the real Bolt app (Socket Mode) and the real index: "Ask the
 * notes" on a message, follow-ups read with the thread's question (read back from the thread
 * with conversations.replies), answer channels.
 */
let api: FakeSlackApi;
let socket: FakeSocketMode;
let slack: SlackApp;
const { logger, lines } = captureLogger();
let event = 0;

beforeAll(async () => {
  api = await startFakeSlackApi();
  socket = await startFakeSocketMode();
  api.setSocketUrl(socket.url);
  slack = createSlackApp({
    bot: await loadTestBot(),
    logger,
    botToken: "xoxb-test",
    appToken: "xapp-test",
    apiUrl: api.apiUrl,
    retryConfig: { retries: 0 },
    answerChannels: ["C_ANSWERS"],
    rateLimiter: false,
    adminUserIds: ["UADMIN01"],
    admin: {
      storeOn: true,
      gaps: async () => "**2 questions** found nothing: `kubernetes ingress` <!channel>",
      reload: async () => "reloaded",
    },
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

const text = (blocks: unknown) => JSON.stringify(blocks);
const buttons = (blocks: unknown) => (blocks as Block[]).flatMap((b) => b.elements ?? []);

function message(over: Record<string, unknown>) {
  event += 1;
  return socket.send(
    "events_api",
    eventCallback(
      { type: "message", channel_type: "channel", user: "UALICE01", event_ts: "1", ...over },
      `EvC${event}`,
    ),
  );
}

function mention(over: Record<string, unknown>) {
  event += 1;
  return socket.send(
    "events_api",
    eventCallback(
      { type: "app_mention", user: "UALICE01", channel: "C_GENERAL", event_ts: "1", ...over },
      `EvM${event}`,
    ),
  );
}

async function settle(ms = 300) {
  await new Promise((r) => setTimeout(r, ms));
}

describe("Ask the notes (message shortcut)", () => {
  it("answers the message's text privately, and Share posts it in that message's thread", async () => {
    const ack = await socket.send(
      "interactive",
      messageShortcut(
        { text: "how do I make a container restart automatically?", ts: "1700001000.000100" },
        api.responseUrl("sc1"),
      ),
    );
    expect(ack.payload ?? {}).toEqual({});
    const answer = await api.waitFor((c) => c.method === "response:sc1");
    expect(answer.body.response_type).toBe("ephemeral");
    expect(text(answer.body.blocks)).toContain("自动重启");
    const share = buttons(answer.body.blocks).find((b) => b.action_id === "docker_share");
    expect((JSON.parse(share?.value ?? "{}") as { t?: string }).t).toBe("1700001000.000100");

    await socket.send("interactive", blockActions("docker_share", share!.value!, api.responseUrl("sc1-share")));
    const posted = await api.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.thread_ts === "1700001000.000100",
    );
    expect(posted.body.channel).toBe("C_GENERAL");
    expect(text(posted.body.blocks)).toContain("shared by <@UALICE01>");
    // The thread remembers what was answered (read back by follow-ups), not this process.
    expect((posted.body.metadata as { event_type: string }).event_type).toBe("docker_notes_answer");
    const removed = await api.waitFor((c) => c.method === "response:sc1-share");
    expect(removed.body.delete_original).toBe(true);
  });

  it("uses the thread of a message that is itself a reply, and escapes what the message says", async () => {
    await socket.send(
      "interactive",
      messageShortcut(
        { text: "<!everyone> port mapping <@UBOB0001>", ts: "1700001100.000200", thread_ts: "1700001100.000100" },
        api.responseUrl("sc2"),
      ),
    );
    const answer = await api.waitFor((c) => c.method === "response:sc2");
    expect(text(answer.body.blocks)).not.toMatch(/<!everyone>|<!channel>|<!here>/);
    const share = buttons(answer.body.blocks).find((b) => b.action_id === "docker_share");
    expect((JSON.parse(share?.value ?? "{}") as { t?: string }).t).toBe("1700001100.000100");
  });

  it("says so when the message has no text", async () => {
    await socket.send("interactive", messageShortcut({ text: "", ts: "1700001200.000100" }, api.responseUrl("sc3")));
    const answer = await api.waitFor((c) => c.method === "response:sc3");
    expect(answer.body.text).toContain("no text");
  });
});

describe("thread follow-ups", () => {
  it("reads a reply with the thread's question, read back from the thread", async () => {
    // alice mentions the bot; it answers about --restart in the thread.
    await mention({ text: "<@UBOT> explain --restart", ts: "1700002000.000100" });
    await api.waitFor((c) => c.method === "chat.postMessage" && c.body.thread_ts === "1700002000.000100");
    // bob replies in the thread without mentioning the bot.
    await message({
      user: "UBOB0001",
      text: "what about with compose?",
      ts: "1700002001.000100",
      thread_ts: "1700002000.000100",
      channel: "C_GENERAL",
    });
    const replies = await api.waitFor((c) => c.method === "conversations.replies" && c.body.ts === "1700002000.000100");
    expect(String(replies.body.include_all_metadata)).toBe("true");
    const posted = await api.waitFor(
      (c) =>
        c.method === "chat.postMessage" &&
        c.body.thread_ts === "1700002000.000100" &&
        text(c.body.blocks).includes("Read with"),
    );
    expect(text(posted.body.blocks)).toContain("Read with this thread's question: “--restart”");
    expect(text(posted.body.blocks)).toMatch(/compose/i);
    expect((posted.body.metadata as { event_payload: { q: string } }).event_payload.q).toBe("--restart compose");
  });

  it("a new topic in the reply wins over the thread's", async () => {
    const before = api.calls.length;
    await message({
      user: "UBOB0001",
      text: "how do I map a port",
      ts: "1700002002.000100",
      thread_ts: "1700002000.000100",
      channel: "C_GENERAL",
    });
    const posted = await api.waitFor(
      (c) =>
        c.method === "chat.postMessage" && api.calls.indexOf(c) >= before && c.body.thread_ts === "1700002000.000100",
    );
    expect(text(posted.body.blocks)).toContain("端口映射");
    expect(text(posted.body.blocks)).not.toContain("Read with");
  });

  it("ignores replies in threads where the bot never answered", async () => {
    api.seedMessage("C_GENERAL", { ts: "1700003000.000100", user: "UBOB0001", text: "lunch?" });
    const before = api.calls.length;
    await message({
      user: "UALICE01",
      text: "explain --restart",
      ts: "1700003001.000100",
      thread_ts: "1700003000.000100",
      channel: "C_GENERAL",
    });
    await api.waitFor((c) => c.method === "conversations.replies" && c.body.ts === "1700003000.000100");
    await settle();
    expect(api.calls.slice(before).filter((c) => c.method === "chat.postMessage")).toHaveLength(0);
  });

  it("answers a mention in the thread alone when the thread can't be read", async () => {
    api.repliesError = "missing_scope";
    const before = api.calls.length;
    try {
      await mention({ text: "<@UBOT> port mapping", ts: "1700002003.000100", thread_ts: "1700002000.000100" });
      const posted = await api.waitFor(
        (c) =>
          c.method === "chat.postMessage" && api.calls.indexOf(c) >= before && c.body.thread_ts === "1700002000.000100",
      );
      expect(text(posted.body.blocks)).toContain("端口映射");
      expect(text(posted.body.blocks)).not.toContain("Read with");
      expect(lines.some((l) => String(l.msg).includes("could not read the thread"))).toBe(true);
    } finally {
      api.repliesError = undefined;
    }
  });
});

describe("answer channels", () => {
  it("answers a confident top-level question in its thread, with was-this-right 👍/👎", async () => {
    await message({ text: "how do I map a port to the container?", ts: "1700004000.000100", channel: "C_ANSWERS" });
    const posted = await api.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.thread_ts === "1700004000.000100",
    );
    expect(posted.body.channel).toBe("C_ANSWERS");
    expect(text(posted.body.blocks)).toContain("端口映射");
    expect(text(posted.body.blocks)).toContain("Was this right?");
    const ids = buttons(posted.body.blocks).map((b) => b.action_id);
    expect(ids).toContain("docker_feedback_up");
    expect(ids).toContain("docker_feedback_down");
  });

  it("stays silent on a negative, on chatter and on a link, and searches no chatter", async () => {
    const before = api.calls.length;
    const quiet = [
      "how do I configure kubernetes ingress tls",
      "thanks!",
      "lol",
      "https://example.com/some/page",
      "ok thanks 🙏",
    ];
    for (const [i, t] of quiet.entries()) await message({ text: t, ts: `170000410${i}.000100`, channel: "C_ANSWERS" });
    await settle(500);
    expect(
      api.calls
        .slice(before)
        .filter((c) => c.method.startsWith("chat."))
        .map((c) => JSON.stringify(c.body).slice(0, 300)),
    ).toEqual([]);
    const silent = lines.filter((l) => l.msg === "slack answer channel stayed silent");
    // Only the real question was searched; chatter never reached the turn.
    expect(silent.length).toBe(1);
  });

  it("leaves other channels' top-level messages alone", async () => {
    const before = api.calls.length;
    await message({ text: "how do I map a port to the container?", ts: "1700004200.000100", channel: "C_RANDOM" });
    await settle();
    expect(api.calls.slice(before).filter((c) => c.method.startsWith("chat."))).toHaveLength(0);
  });
});

describe("App Home", () => {
  type View = { type: string; blocks: Array<{ type: string; text?: { text: string } }> };
  async function open(user: string): Promise<View> {
    const before = api.calls.length;
    event += 1;
    await socket.send("events_api", eventCallback(appHomeOpened(user), `EvH${event}`));
    const call = await api.waitFor((c) => c.method === "views.publish" && api.calls.indexOf(c) >= before);
    expect(call.body.user_id).toBe(user);
    return JSON.parse(String(call.body.view)) as View;
  }

  it("publishes what the bot can do, five examples and the top topics, within Block Kit limits", async () => {
    const view = await open("UALICE01");
    expect(view.type).toBe("home");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const b of view.blocks) {
      if (b.type === "header") expect(b.text!.text.length).toBeLessThanOrEqual(150);
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    }
    const all = JSON.stringify(view.blocks);
    expect(all).toContain("What I can do");
    expect(all).toContain("Ask the notes");
    expect(all.match(/• `\/docker [^`…]+`/g)).toHaveLength(5);
    expect(all).toContain("Top topics in the notes");
    expect(all).toContain("docker run的配置命令");
    // The gaps summary is for admins only.
    expect(all).not.toContain("what the notes are missing");
  });

  it("adds the gaps summary for an admin, escaped", async () => {
    const all = JSON.stringify((await open("UADMIN01")).blocks);
    expect(all).toContain("what the notes are missing");
    expect(all).toContain("kubernetes ingress");
    expect(all).not.toContain("<!channel>");
  });

  it("ignores the Messages tab", async () => {
    const before = api.calls.length;
    event += 1;
    await socket.send("events_api", eventCallback(appHomeOpened("UALICE01", "messages"), `EvH${event}`));
    await settle();
    expect(api.calls.slice(before).filter((c) => c.method === "views.publish")).toHaveLength(0);
  });
});
