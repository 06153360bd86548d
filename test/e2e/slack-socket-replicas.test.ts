import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { createRuntime, type Runtime } from "../../src/runtime/create-runtime.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { slashCommand } from "./fakes/slack-payloads.js";
import { type FakeSocketMode, startFakeSocketMode } from "./fakes/slack-socket.js";

/**
 * Slack Socket Mode with several replicas (issue 16): each runtime opens its own connection with
 * the same app token, Slack hands each envelope to one of them, and each is answered once (in its
 * ack). When a replica shuts down, the others take every envelope.
 */
describe("Slack Socket Mode on two replicas", () => {
  const tmp = mkdtempSync(join(tmpdir(), "socket-replicas-"));
  let api: FakeSlackApi;
  let socket: FakeSocketMode;
  const runtimes: Runtime[] = [];

  beforeAll(async () => {
    api = await startFakeSlackApi();
    socket = await startFakeSocketMode();
    api.setSocketUrl(socket.url);
    for (let i = 0; i < 2; i++) {
      const config = loadConfig(
        {
          SLACK_BOT_TOKEN: "xoxb-socket",
          SLACK_APP_TOKEN: "xapp-socket",
          SLACK_API_URL: api.apiUrl,
          HEALTH_PORT: "0",
          HOST: "127.0.0.1",
          INDEX_FILE: join(tmp, `index-${i}.json`),
          STORE: "off",
          RATE_LIMIT_COMMANDS: "1000",
        },
        "/nonexistent/.env",
      );
      const runtime = await createRuntime({
        config,
        logger: silentLogger,
        exit: () => undefined,
        defaultMetrics: false,
      });
      runtimes.push(runtime);
      await runtime.start();
    }
    while (socket.open() < 2) await new Promise((r) => setTimeout(r, 50));
  }, 60_000);

  afterAll(async () => {
    for (const r of runtimes) if (!r.shutdown.started) await r.shutdown.run("test over");
    await socket?.close();
    await api?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const ask = (n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        socket.send("slash_commands", slashCommand("explain --restart", api.responseUrl(`r${i}`), `U${i}`)),
      ),
    );

  it("answers each envelope once, from whichever replica Slack chose", async () => {
    const acks = await ask(30);
    expect(acks.every((a) => JSON.stringify(a.payload).includes("unless-stopped"))).toBe(true);
    expect(socket.acksByConnection).toEqual([15, 15]);
    // Answered in the ack: nothing went through a response_url as well.
    expect(api.calls.filter((c) => c.method.startsWith("response:"))).toEqual([]);
  });

  it("the remaining replica takes every envelope once one shuts down", async () => {
    await runtimes[0]!.shutdown.run("rolling deploy");
    while (socket.open() > 1) await new Promise((r) => setTimeout(r, 50));
    const acks = await ask(10);
    expect(acks.every((a) => JSON.stringify(a.payload).includes("unless-stopped"))).toBe(true);
    expect(socket.acksByConnection).toEqual([15, 25]);
  });
});
