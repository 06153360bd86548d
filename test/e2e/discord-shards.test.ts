import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_ID, FakeDiscordGateway, GUILD_ID, shardOf } from "./fakes/discord-gateway.js";
import { slashCommand, userMessage } from "./fakes/discord-payloads.js";
import { FakeDiscordRest } from "./fakes/discord-rest.js";
import { type Child, eventually, freePort, kill, startMain } from "./main-helpers.js";

/** A second server whose id lands on the other of two shards. */
const OTHER_GUILD = String(BigInt(GUILD_ID) + (1n << 22n));
const OTHER_CHANNEL = String(BigInt(OTHER_GUILD) + 1n);
const DM = "800000000000000077";

/**
 * Gateway sharding (issue 16): two bot processes, DISCORD_SHARD_COUNT=2 and one shard each, against
 * the fake gateway, which routes each server's events to the connection holding
 * `(guild_id >> 22) % 2` as Discord does. Each server's interactions are answered exactly once, by
 * the process holding its shard.
 */
describe("Discord gateway shards in two processes", () => {
  const tmp = mkdtempSync(join(tmpdir(), "shards-"));
  const rest = new FakeDiscordRest();
  const gateway = new FakeDiscordGateway();
  const processes: Array<{ child: Child; health: number; shard: number }> = [];

  beforeAll(async () => {
    gateway.guilds = [GUILD_ID, OTHER_GUILD];
    const apiUrl = await rest.start();
    rest.gatewayUrl = await gateway.start();
    const start = async (shard: number) => {
      const health = await freePort();
      const child = startMain({
        DISCORD_TOKEN: "shard.test.token",
        DISCORD_API_URL: apiUrl,
        DISCORD_SHARD_COUNT: "2",
        DISCORD_SHARDS: String(shard),
        HEALTH_PORT: String(health),
        HOST: "127.0.0.1",
        INDEX_FILE: join(tmp, "index.json"),
        STORE: "off",
      });
      processes.push({ child, health, shard });
      await eventually(
        async () => (await fetch(`http://127.0.0.1:${health}/readyz`)).status === 200,
        90_000,
        `shard ${shard} ready (${child.stderr().slice(-400)})`,
      );
    };
    // One after the other: the second loads the index snapshot the first wrote.
    await start(0);
    await start(1);
  }, 200_000);

  afterAll(async () => {
    for (const p of processes) kill(p.child);
    await Promise.all(processes.map((p) => p.child.exited));
    await gateway.stop();
    await rest.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("each process identifies with its own shard and gets only its servers", () => {
    expect(gateway.identifies.map((d) => (d as { shard: number[] }).shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(shardOf(GUILD_ID, 2)).not.toBe(shardOf(OTHER_GUILD, 2));
    for (const p of processes) {
      const ready = p.child
        .stderr()
        .split("\n")
        .filter((l) => l.includes("discord gateway ready"))
        .map((l) => JSON.parse(l) as { shards: number[]; guilds: number });
      expect(ready).toEqual([expect.objectContaining({ shards: [p.shard], guilds: 1 })]);
    }
  });

  it("answers each server's interactions exactly once", async () => {
    const payloads = [GUILD_ID, OTHER_GUILD, GUILD_ID, OTHER_GUILD, OTHER_GUILD, GUILD_ID].map((guild, i) => {
      const p = slashCommand("explain", { topic: i % 2 ? "--restart" : "-p" });
      if (guild === GUILD_ID) return p;
      const channel = { id: OTHER_CHANNEL, type: 0, guild_id: OTHER_GUILD };
      return { ...p, guild_id: OTHER_GUILD, channel_id: OTHER_CHANNEL, channel };
    });
    const shards = payloads.map((p) => gateway.dispatch("INTERACTION_CREATE", p));
    expect(shards).toEqual([0, 1, 0, 1, 1, 0].map((n) => (n === 0 ? shardOf(GUILD_ID, 2) : shardOf(OTHER_GUILD, 2))));
    const callbacks = (p: { id: string; token: string }) =>
      rest.requests.filter((r) => r.method === "POST" && r.path === `/interactions/${p.id}/${p.token}/callback`);
    await eventually(async () => payloads.every((p) => callbacks(p).length >= 1), 30_000, "every interaction answered");
    // A moment for a second answer, were there one.
    await new Promise((r) => setTimeout(r, 500));
    expect(payloads.map((p) => callbacks(p).length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(payloads.map((p) => (callbacks(p)[0]?.body as { type: number }).type)).toEqual([4, 4, 4, 4, 4, 4]);
  });

  it("answers a mention in each server through the process holding it, and a DM through shard 0", async () => {
    const since = rest.requests.length;
    const inFirst = userMessage("<@900000000000000001> explain --restart", { mentionsBot: true });
    const inOther = {
      ...userMessage("<@900000000000000001> explain -p", { mentionsBot: true }),
      guild_id: OTHER_GUILD,
      channel_id: OTHER_CHANNEL,
    };
    const dm = userMessage("explain --rm", { dm: true });
    expect(gateway.dispatch("MESSAGE_CREATE", inFirst)).toBe(shardOf(GUILD_ID, 2));
    expect(gateway.dispatch("MESSAGE_CREATE", inOther)).toBe(shardOf(OTHER_GUILD, 2));
    expect(gateway.dispatch("MESSAGE_CREATE", dm)).toBe(0);
    const posted = (channel: string) =>
      rest.requests.slice(since).filter((r) => r.method === "POST" && r.path === `/channels/${channel}/messages`);
    await eventually(
      async () => posted(CHANNEL_ID).length >= 1 && posted(OTHER_CHANNEL).length >= 1 && posted(DM).length >= 1,
      30_000,
      "mentions answered",
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(posted(CHANNEL_ID)).toHaveLength(1);
    expect(posted(OTHER_CHANNEL)).toHaveLength(1);
    expect(posted(DM)).toHaveLength(1);
  });
});
