import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackApp, type SlackApp } from "../../src/adapters/slack/index.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { BOOM, captureLogger, loadTestBot } from "./fakes/slack-bot.js";
import { blockActions, eventCallback, slashCommand } from "./fakes/slack-payloads.js";
import { type FakeSocketMode, startFakeSocketMode } from "./fakes/slack-socket.js";

interface Blocks {
  blocks: { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string }[] }[];
  response_type?: string;
  text?: string;
}

let api: FakeSlackApi;
let socket: FakeSocketMode;
let slack: SlackApp;

beforeAll(async () => {
  api = await startFakeSlackApi();
  socket = await startFakeSocketMode();
  api.setSocketUrl(socket.url);
  slack = createSlackApp({
    bot: await loadTestBot(),
    logger: captureLogger().logger,
    botToken: "xoxb-test",
    appToken: "xapp-test",
    apiUrl: api.apiUrl,
    retryConfig: { retries: 0 },
  });
  await slack.start();
  await socket.connected;
});

afterAll(async () => {
  // Bolt's stop() returns before the close handshake; our stop() waits for it, and so do we here,
  // or the ws server keeps the worker alive for ~30 s.
  await slack?.stop();
  await socket?.closed;
  expect(slack.connected).toBe(false);
  await socket?.close();
  await api?.close();
});

describe("Slack Socket Mode", () => {
  it("opened the connection with the app token and is connected", async () => {
    expect(slack.mode).toBe("socket");
    const open = await api.waitFor((c) => c.method === "apps.connections.open");
    expect(open.authorization).toBe("Bearer xapp-test");
    expect(slack.connected).toBe(true);
  });

  it("acks a slash command envelope with the answer", async () => {
    const ack = await socket.send("slash_commands", slashCommand("explain --restart", api.responseUrl("s1")));
    const payload = ack.payload as unknown as Blocks;
    expect(payload.response_type).toBe("ephemeral");
    expect(JSON.stringify(payload.blocks)).toContain("--restart");
    expect(JSON.stringify(payload.blocks)).toContain("unless-stopped");
  });

  it("acks a failing slash command with an apology carrying an error id", async () => {
    const ack = await socket.send("slash_commands", slashCommand(BOOM, api.responseUrl("s2")));
    expect((ack.payload as unknown as Blocks).text).toMatch(/Error id: `[0-9a-f]{8}`/);
  });

  it("answers an app_mention in a thread with chat.postMessage", async () => {
    const event = {
      type: "app_mention",
      user: "UBOB0001",
      text: "<@UBOT> 怎么把主机端口映射到容器",
      ts: "1700000300.000100",
      channel: "C_GENERAL",
      event_ts: "1700000300.000100",
    };
    const ack = await socket.send("events_api", eventCallback(event, "EvM1"));
    expect(ack.payload ?? {}).toEqual({});
    const post = await api.waitFor((c) => c.method === "chat.postMessage" && c.body.thread_ts === "1700000300.000100");
    expect(post.authorization).toBe("Bearer xoxb-test");
    expect(post.body.channel).toBe("C_GENERAL");
    expect((post.body.blocks as Blocks["blocks"])[0]?.text?.text).toContain("端口映射");
  });

  it("answers a DM in the DM and ignores messages from bots, itself included", async () => {
    const dm = (over: Record<string, unknown>, id: string) =>
      socket.send(
        "events_api",
        eventCallback(
          {
            type: "message",
            channel: "D_ALICE",
            channel_type: "im",
            text: "explain --restart",
            event_ts: "1",
            ...over,
          },
          id,
        ),
      );
    await dm({ user: "UBOT", bot_id: "BBOT", ts: "1700000400.000100" }, "EvSelf");
    await dm({ subtype: "bot_message", bot_id: "B_OTHER", ts: "1700000401.000100" }, "EvBot");
    await dm({ user: "UALICE01", subtype: "message_changed", ts: "1700000402.000100" }, "EvEdit");
    await dm({ user: "UALICE01", ts: "1700000403.000100" }, "EvHuman");
    const post = await api.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === "D_ALICE");
    expect(post.body.thread_ts).toBeUndefined();
    expect(JSON.stringify(post.body.blocks)).toContain("unless-stopped");
    await new Promise((r) => setTimeout(r, 150));
    expect(api.calls.filter((c) => c.body.channel === "D_ALICE")).toHaveLength(1);
  });

  it("acks block_actions envelopes and pages through results via the response_url", async () => {
    const first = (await socket.send("slash_commands", slashCommand("explain --restart", api.responseUrl("s3"))))
      .payload as unknown as Blocks;
    const next = first.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === "docker_next")!;
    const ack = await socket.send("interactive", blockActions("docker_next", next.value!, api.responseUrl("i1")));
    expect(ack.envelope_id).toBeDefined();
    const replaced = await api.waitFor((c) => c.method === "response:i1");
    expect(replaced.body.replace_original).toBe(true);
    expect(JSON.stringify(replaced.body.blocks)).toMatch(/result 2 of \d+/);

    const share = first.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === "docker_share")!;
    await socket.send("interactive", blockActions("docker_share", share.value!, api.responseUrl("i2")));
    const shared = await api.waitFor((c) => c.method === "response:i2" && c.body.response_type === "in_channel");
    expect(JSON.stringify(shared.body.blocks)).toContain("shared by <@UALICE01>");
  });
});
