import { Events } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordBot, type DiscordBot } from "../../src/adapters/discord/index.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { silentLogger } from "../../src/logger.js";
import { type CallbackBody, captureLogger, embedText } from "./discord-helpers.js";
import { FakeDiscordGateway } from "./fakes/discord-gateway.js";
import { slashCommand } from "./fakes/discord-payloads.js";
import { FakeDiscordRest, type RecordedRequest, type RestFault } from "./fakes/discord-rest.js";

/**
 * Faults between the real discord.js client and Discord, on the local fakes, with the real core
 * (the Docker notes): REST 429/500 on interaction callbacks, and a gateway that drops the
 * connection, asks for a reconnect (op 7) or invalidates the session (op 9). After each, the
 * next interaction must be answered with the real answer.
 */

/** What Discord sends with a per-route 429 (headers in seconds, `retry_after` in the JSON body). */
const RATE_LIMITED: RestFault = {
  status: 429,
  headers: {
    "retry-after": "1",
    "x-ratelimit-limit": "1",
    "x-ratelimit-remaining": "0",
    "x-ratelimit-reset": String(Date.now() / 1000 + 1),
    "x-ratelimit-reset-after": "1.000",
    "x-ratelimit-bucket": "fake-bucket",
    "x-ratelimit-scope": "user",
  },
  body: { message: "You are being rate limited.", retry_after: 1.0, global: false },
};
const SERVER_ERROR: RestFault = { status: 500, body: { message: "500: Internal Server Error", code: 0 } };

async function until(what: string, cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("discord faults (real discord.js client, real notes)", () => {
  const rest = new FakeDiscordRest();
  const gateway = new FakeDiscordGateway();
  const { logger, lines } = captureLogger();
  const rejections: unknown[] = [];
  const onRejection = (r: unknown) => rejections.push(r);
  const shardResumes: number[] = [];
  const shardReadies: number[] = [];
  let discord: DiscordBot;

  const callbacks = (payload: { id: string; token: string }): RecordedRequest[] =>
    rest.requests.filter(
      (q) => q.method === "POST" && q.path === `/interactions/${payload.id}/${payload.token}/callback`,
    );

  /** Dispatches a `/docker explain <topic>` and resolves with the callback the fake accepted (204). */
  async function ask(topic: string): Promise<{ body: CallbackBody; attempts: RecordedRequest[] }> {
    const payload = slashCommand("explain", { topic });
    gateway.dispatch("INTERACTION_CREATE", payload);
    const ok = await rest.waitFor(
      (q) => q.path === `/interactions/${payload.id}/${payload.token}/callback` && q.status === 204,
      0,
      15_000,
    );
    return { body: ok.body as CallbackBody, attempts: callbacks(payload) };
  }

  function expectRestartAnswer(body: CallbackBody): void {
    expect(body.type).toBe(4);
    const text = embedText(body.data);
    expect(text).toContain("自动重启");
    expect(text).toContain("docker run --restart unless-stopped my_image");
    expect(body.data?.allowed_mentions?.parse).toEqual([]);
  }

  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    const apiUrl = await rest.start();
    rest.gatewayUrl = await gateway.start();
    const bot = await loadBot({ logger: silentLogger });
    discord = createDiscordBot({ bot, logger, token: "fake-token", apiUrl, rateLimiter: false });
    discord.client.on(Events.ShardResume, (id) => shardResumes.push(id));
    discord.client.on(Events.ShardReady, (id) => shardReadies.push(id));
    await discord.start();
  });

  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    await discord?.stop();
    await gateway.stop();
    await rest.stop();
  });

  it("answers normally (baseline for the faults below)", async () => {
    const { body, attempts } = await ask("--restart");
    expectRestartAnswer(body);
    expect(attempts).toHaveLength(1);
  });

  it("REST 429 on the interaction callback: discord.js waits Retry-After and the answer arrives", async () => {
    rest.callbackFaults.push(RATE_LIMITED);
    const { body, attempts } = await ask("--restart");
    expect(attempts.map((a) => a.status)).toEqual([429, 204]);
    // Waited the second Discord asked for, and sent the same answer again.
    expect(attempts[1]!.at! - attempts[0]!.at!).toBeGreaterThanOrEqual(950);
    expect(attempts[1]!.body).toEqual(attempts[0]!.body);
    expectRestartAnswer(body);
    expect(lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
    expect(rejections).toEqual([]);
  });

  it("REST 500 once on the interaction callback: retried, the answer arrives", async () => {
    rest.callbackFaults.push(SERVER_ERROR);
    const { body, attempts } = await ask("--restart");
    expect(attempts.map((a) => a.status)).toEqual([500, 204]);
    expectRestartAnswer(body);
    expect(lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it("REST 500 on every attempt: the failure is logged with the query, nothing is unhandled, the next interaction is answered", async () => {
    for (let i = 0; i < 10; i++) rest.callbackFaults.push(SERVER_ERROR);
    const payload = slashCommand("explain", { topic: "-p" });
    gateway.dispatch("INTERACTION_CREATE", payload);
    try {
      await until("the failure in the log", () => lines.some((l) => l.msg === "discord handler failed"));
    } finally {
      rest.callbackFaults.length = 0;
    }
    const failed = lines.find((l) => l.msg === "discord handler failed")!;
    expect(failed.level).toBe(50);
    expect(failed.query).toBe("explain -p");
    expect(String((failed.err as { message?: string }).message)).toMatch(/Internal Server Error|500/);
    // discord.js gave up after its retries (1 + 3 by default), all on the same callback.
    const attempts = callbacks(payload);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.every((a) => a.status === 500)).toBe(true);
    // Give a stray rejection the chance to surface before checking.
    await new Promise((r) => setTimeout(r, 100));
    expect(rejections).toEqual([]);
    expect(discord.connected).toBe(true);
    expectRestartAnswer((await ask("--restart")).body);
  });

  it("gateway closes with 4000 after READY: the client RESUMEs the session and answers the next interaction", async () => {
    const before = { connections: gateway.connections, resumes: gateway.resumes.length, readies: shardResumes.length };
    gateway.closeClient(4000);
    await until("a RESUME", () => gateway.resumes.length > before.resumes);
    await until("ShardResume", () => shardResumes.length > before.readies);
    expect(gateway.connections).toBe(before.connections + 1);
    expect(gateway.resumes.at(-1)).toMatchObject({
      token: "fake-token",
      session_id: "fake-session",
      seq: expect.any(Number) as unknown,
    });
    expect(gateway.identifies).toHaveLength(1);
    expect(discord.connected).toBe(true);
    expectRestartAnswer((await ask("--restart")).body);
  });

  it("gateway drops the TCP connection (1006): the client resumes and answers", async () => {
    const before = { connections: gateway.connections, resumes: gateway.resumes.length };
    gateway.closeClient("terminate");
    await until("a RESUME", () => gateway.resumes.length > before.resumes);
    expect(gateway.connections).toBe(before.connections + 1);
    expect(gateway.identifies).toHaveLength(1);
    expectRestartAnswer((await ask("--restart")).body);
  });

  it("op 7 RECONNECT: the client reconnects, resumes and answers", async () => {
    const before = { connections: gateway.connections, resumes: gateway.resumes.length };
    gateway.sendOp(7, null);
    await until("a RESUME", () => gateway.resumes.length > before.resumes);
    expect(gateway.connections).toBe(before.connections + 1);
    expect(gateway.identifies).toHaveLength(1);
    expectRestartAnswer((await ask("--restart")).body);
  });

  it("op 9 INVALID_SESSION (d: false): the client identifies again (new READY) and answers", async () => {
    const before = { identifies: gateway.identifies.length, readies: shardReadies.length };
    gateway.sendOp(9, false);
    // discord.js throttles identifies to one per 5 s (plus up to 1.5 s jitter).
    await until("a new IDENTIFY", () => gateway.identifies.length > before.identifies, 25_000);
    await until("ShardReady", () => shardReadies.length > before.readies);
    expect(gateway.identifies.at(-1)).toMatchObject({ token: "fake-token", intents: 1 | 512 | 4096 });
    expect(discord.connected).toBe(true);
    expectRestartAnswer((await ask("--restart")).body);
  });

  it("a refused RESUME (op 9 in reply to op 6): the client falls back to IDENTIFY and answers", async () => {
    const before = { identifies: gateway.identifies.length, resumes: gateway.resumes.length };
    gateway.refuseResume = true;
    try {
      gateway.closeClient(4000);
      await until("a RESUME", () => gateway.resumes.length > before.resumes);
      await until("a new IDENTIFY", () => gateway.identifies.length > before.identifies, 25_000);
    } finally {
      gateway.refuseResume = false;
    }
    expectRestartAnswer((await ask("--restart")).body);
    expect(rejections).toEqual([]);
  });
});
