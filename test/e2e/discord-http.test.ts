import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordHttpServer, type DiscordHttpServer } from "../../src/adapters/discord/index.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { silentLogger } from "../../src/logger.js";
import { decodeCustomId } from "../../src/render/discord/index.js";
import { buttons, type CallbackBody, embedText } from "./discord-helpers.js";
import { fakeBot } from "./fakes/discord-fake-bot.js";
import { APP_ID } from "./fakes/discord-gateway.js";
import { autocomplete, BOB, buttonClick, slashCommand, USER } from "./fakes/discord-payloads.js";
import { FakeDiscordRest } from "./fakes/discord-rest.js";

function keyPair(): { privateKey: KeyObject; publicHex: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const x = publicKey.export({ format: "jwk" }).x ?? "";
  return { privateKey, publicHex: Buffer.from(x, "base64url").toString("hex") };
}

const keys = keyPair();

async function post(
  port: number,
  payload: unknown,
  opts: { key?: KeyObject; headers?: Record<string, string>; tamper?: boolean } = {},
): Promise<{ status: number; body: CallbackBody }> {
  const raw = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + raw), opts.key ?? keys.privateKey).toString("hex");
  const headers = opts.headers ?? {
    "content-type": "application/json",
    "x-signature-ed25519": signature,
    "x-signature-timestamp": timestamp,
  };
  const res = await fetch(`http://127.0.0.1:${port}/interactions`, {
    method: "POST",
    headers,
    body: opts.tamper ? raw.replace("explain", "examples") : raw,
  });
  return { status: res.status, body: (await res.json()) as CallbackBody };
}

describe("discord HTTP interactions", () => {
  let server: DiscordHttpServer;
  let port = 0;
  beforeAll(async () => {
    const bot = await loadBot({ logger: silentLogger });
    server = createDiscordHttpServer({ bot, logger: silentLogger, publicKey: keys.publicHex });
    port = await server.start(0, "127.0.0.1");
  });
  afterAll(async () => {
    await server.stop();
  });

  it("answers PING with PONG when signed", async () => {
    expect(await post(port, { type: 1, id: "1", application_id: APP_ID, token: "t" })).toEqual({
      status: 200,
      body: { type: 1 },
    });
  });

  it("rejects a missing signature, another key's signature and a tampered body with 401", async () => {
    const ping = { type: 1, id: "1", application_id: APP_ID, token: "t" };
    expect((await post(port, ping, { headers: { "content-type": "application/json" } })).status).toBe(401);
    expect((await post(port, ping, { key: keyPair().privateKey })).status).toBe(401);
    expect((await post(port, slashCommand("explain", { topic: "--restart" }), { tamper: true })).status).toBe(401);
    expect(
      (await post(port, ping, { headers: { "x-signature-ed25519": "zz", "x-signature-timestamp": "1" } })).status,
    ).toBe(401);
  });

  it("answers /docker explain topic:--restart in the response body", async () => {
    const { status, body } = await post(port, slashCommand("explain", { topic: "--restart" }));
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    expect(embedText(body.data)).toContain("--restart");
    expect(embedText(body.data)).toContain("unless-stopped");
  });

  it("answers autocomplete and buttons with the same handlers", async () => {
    const choices = await post(port, autocomplete("explain", "topic", "res"));
    expect(choices.body.type).toBe(8);
    expect(choices.body.data?.choices?.map((c) => c.value)).toContain("--restart");
    const ex = await post(port, buttonClick("dn:ex:0:texplain --restart"));
    // On a private answer, Examples only changes it in place.
    expect(ex.body.type).toBe(7);
    expect(ex.body.data?.embeds?.[0]?.description).toContain("unless-stopped");
  });
});

describe("discord HTTP interactions: slow answers", () => {
  const rest = new FakeDiscordRest();
  const tracked: number[] = [];
  let server: DiscordHttpServer;
  let port = 0;
  beforeAll(async () => {
    const apiUrl = await rest.start();
    // `track` is what shutdown waits on: it must hold until the follow-up has been sent.
    const track = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } finally {
        tracked.push(rest.requests.filter((r) => r.method === "PATCH").length);
      }
    };
    server = createDiscordHttpServer({
      bot: fakeBot({ delayMs: 150 }),
      logger: silentLogger,
      publicKey: keys.publicHex,
      apiUrl,
      deferAfterMs: 30,
      track,
    });
    port = await server.start(0, "127.0.0.1");
  });
  afterAll(async () => {
    await server.stop();
    await rest.stop();
  });

  it("defers in the response body and follows up through the webhook", async () => {
    const payload = slashCommand("explain", { topic: "--restart" });
    const { body } = await post(port, payload);
    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await rest.waitFor((r) => r.method === "PATCH");
    expect(edit.path).toBe(`/webhooks/${APP_ID}/${payload.token}/messages/@original`);
    expect(edit.headers.authorization).toBeUndefined();
    expect(embedText(edit.body as CallbackBody["data"])).toContain("unless-stopped");
    await new Promise((r) => setTimeout(r, 50));
    expect(tracked).toEqual([1]);
  });
});

describe("discord HTTP interactions: the asker's language and buttons", () => {
  const rest = new FakeDiscordRest();
  let server: DiscordHttpServer;
  let port = 0;
  beforeAll(async () => {
    const apiUrl = await rest.start();
    const bot = await loadBot({ logger: silentLogger });
    server = createDiscordHttpServer({ bot, logger: silentLogger, publicKey: keys.publicHex, apiUrl });
    port = await server.start(0, "127.0.0.1");
  });
  afterAll(async () => {
    await server.stop();
    await rest.stop();
  });

  it("answers a zh-TW client in Traditional Chinese", async () => {
    const { body } = await post(port, slashCommand("explain", { topic: "--restart" }, false, { locale: "zh-TW" }));
    expect(buttons(body.data).map((b) => b.label ?? b.emoji?.name)).toEqual([
      "分享",
      "下一筆結果",
      "只看範例",
      "👍",
      "👎",
    ]);
  });

  it("a public answer: the target is the only one mentioned, a stranger is refused Delete, the asker deletes it", async () => {
    const { body } = await post(port, slashCommand("explain", { topic: "--restart", target: BOB.id }));
    expect(body.data?.allowed_mentions).toEqual({ parse: [], users: [BOB.id] });
    const del = buttons(body.data).find((b) => decodeCustomId(b.custom_id)?.action === "del")!;
    const refused = await post(port, buttonClick(del.custom_id, false, { user: BOB }));
    expect(refused.body.data?.content).toBe(`Only <@${USER.id}>, who asked, can delete this answer.`);
    const click = buttonClick(del.custom_id, false);
    const since = rest.requests.length;
    const deferred = await post(port, click);
    expect(deferred.body).toEqual({ type: 6 });
    const gone = await rest.waitFor(
      (r) => r.method === "DELETE" && r.path.includes(`/${click.token}/messages/@original`),
      since,
    );
    expect(gone.status).toBe(204);
  });
});
