import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { createRuntime, type Runtime } from "../../src/runtime/create-runtime.js";
import { postSignedInteraction } from "../e2e/discord-helpers.js";
import { slashCommand as discordCommand } from "../e2e/fakes/discord-payloads.js";
import { type FakeSlackApi, startFakeSlackApi } from "../e2e/fakes/slack-api.js";
import { slashCommand as slackCommand } from "../e2e/fakes/slack-payloads.js";
import { type FakeSocketMode, startFakeSocketMode } from "../e2e/fakes/slack-socket.js";
import { freePort } from "../e2e/main-helpers.js";

/** Slack in Socket Mode (our own health server) and Discord's HTTP interactions endpoint. */
describe("runtime with Slack Socket Mode and Discord HTTP interactions", () => {
  const tmp = mkdtempSync(join(tmpdir(), "notes-runtime-socket-"));
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const publicHex = Buffer.from(publicKey.export({ format: "jwk" }).x ?? "", "base64url").toString("hex");
  const exits: number[] = [];
  let api: FakeSlackApi;
  let socket: FakeSocketMode;
  let runtime: Runtime;
  let discordPort: number;

  beforeAll(async () => {
    api = await startFakeSlackApi();
    socket = await startFakeSocketMode();
    api.setSocketUrl(socket.url);
    discordPort = await freePort();
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: "xoxb-socket",
        SLACK_APP_TOKEN: "xapp-socket",
        SLACK_API_URL: api.apiUrl,
        DISCORD_PUBLIC_KEY: publicHex,
        DISCORD_APPLICATION_ID: "900000000000000009",
        DISCORD_PORT: String(discordPort),
        HEALTH_PORT: "0",
        HOST: "127.0.0.1",
        INDEX_FILE: join(tmp, "index.json"),
      },
      "/nonexistent/.env",
    );
    runtime = await createRuntime({
      config,
      logger: silentLogger,
      exit: (code) => exits.push(code),
      defaultMetrics: false,
    });
    await runtime.start();
    await socket.connected;
  });

  afterAll(async () => {
    if (!runtime?.shutdown.started) await runtime?.shutdown.run("test over");
    await socket?.close();
    await api?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("serves health on its own port and is ready with both adapters", async () => {
    expect(runtime.adapters.map((a) => a.name)).toEqual(["slack", "discord-http"]);
    const res = await fetch(`http://127.0.0.1:${runtime.healthPort}/readyz`);
    expect(await res.json()).toEqual({ status: "ready", checks: { index: true, slack: true, "discord-http": true } });
  });

  it("answers over the socket and over signed Discord HTTP", async () => {
    const ack = await socket.send("slash_commands", slackCommand("explain --restart", api.responseUrl("s")));
    expect(JSON.stringify(ack.payload)).toContain("unless-stopped");
    const res = await postSignedInteraction(
      `http://127.0.0.1:${discordPort}/interactions`,
      discordCommand("explain", { topic: "--restart" }),
      privateKey,
    );
    expect(JSON.stringify(await res.json())).toContain("unless-stopped");
  });

  it("closes the socket and both servers on shutdown, exit code 0", async () => {
    await runtime.shutdown.run("test");
    await socket.closed;
    expect(exits).toEqual([0]);
    await expect(fetch(`http://127.0.0.1:${runtime.healthPort}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${discordPort}/interactions`, { method: "POST" })).rejects.toThrow();
  });
});
