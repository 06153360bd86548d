import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createRuntime, type Runtime } from "../../src/runtime/create-runtime.js";
import { FakeDiscordGateway } from "../e2e/fakes/discord-gateway.js";
import { slashCommand as discordCommand, userMessage } from "../e2e/fakes/discord-payloads.js";
import { BOT_USER, FakeDiscordRest } from "../e2e/fakes/discord-rest.js";
import { type FakeSlackApi, startFakeSlackApi } from "../e2e/fakes/slack-api.js";
import { postSigned, slashCommand as slackCommand } from "../e2e/fakes/slack-payloads.js";

const SECRETS = {
  SLACK_BOT_TOKEN: "xoxb-known-secret-bot-token-4242",
  SLACK_SIGNING_SECRET: "known-secret-signing-4242",
  DISCORD_TOKEN: "known.secret.discord-token-4242",
};

/** The runtime in-process, logging at trace level, with secrets it must never print. */
describe("runtime with Slack HTTP and Discord (in-process)", () => {
  const rest = new FakeDiscordRest();
  const gateway = new FakeDiscordGateway();
  const tmp = mkdtempSync(join(tmpdir(), "notes-runtime-"));
  const output: string[] = [];
  const exits: number[] = [];
  let slackApi: FakeSlackApi;
  let runtime: Runtime;
  let started: Promise<void>;
  let releaseReady!: () => void;

  beforeAll(async () => {
    slackApi = await startFakeSlackApi();
    const apiUrl = await rest.start();
    rest.gatewayUrl = await gateway.start();
    gateway.readyGate = new Promise((resolve) => (releaseReady = resolve));
    const config = loadConfig(
      {
        ...SECRETS,
        SLACK_API_URL: slackApi.apiUrl,
        DISCORD_API_URL: apiUrl,
        HEALTH_PORT: "0",
        METRICS_PORT: "0",
        HOST: "127.0.0.1",
        INDEX_FILE: join(tmp, "index.json"),
        LOG_LEVEL: "trace",
      },
      "/nonexistent/.env",
    );
    const logger = createLogger({ level: "trace", destination: { write: (s: string) => void output.push(s) } });
    // The config object itself is the likeliest thing to be logged by mistake: try it.
    logger.info(
      { config: { token: config.SLACK_BOT_TOKEN, signingSecret: config.SLACK_SIGNING_SECRET } },
      "config (redacted)",
    );
    runtime = await createRuntime({ config, logger, exit: (code) => exits.push(code), defaultMetrics: false });
    started = runtime.start();
  });

  afterAll(async () => {
    releaseReady?.();
    if (!runtime?.shutdown.started) await runtime?.shutdown.run("test over");
    await gateway.stop();
    await rest.stop();
    await slackApi?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("is not ready until Discord is READY, then ready", async () => {
    const deadline = Date.now() + 20_000;
    while (!runtime.adapters.find((a) => a.name === "slack")?.connected || gateway.identifies.length === 0) {
      if (Date.now() > deadline) throw new Error("slack never listened / discord never identified");
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(runtime.readiness()).toMatchObject({ ready: false, notReady: ["discord"] });
    releaseReady();
    await started;
    expect(runtime.readiness().ready).toBe(true);
    const res = await fetch(`http://127.0.0.1:${runtime.healthPort}/readyz`);
    expect(res.status).toBe(200);
  });

  it("answers on both platforms", async () => {
    const form = new URLSearchParams(slackCommand("explain --restart", slackApi.responseUrl("rt"))).toString();
    const res = await postSigned(`http://127.0.0.1:${runtime.healthPort}/slack/events`, form, {
      secret: SECRETS.SLACK_SIGNING_SECRET,
    });
    expect(JSON.stringify(await res.json())).toContain("unless-stopped");
    const payload = discordCommand("explain", { topic: "--restart" });
    gateway.dispatch("INTERACTION_CREATE", payload);
    await rest.waitFor((q) => q.path === `/interactions/${payload.id}/${payload.token}/callback`);
    // A mention reply is a REST call that carries the bot token in its Authorization header.
    const since = rest.requests.length;
    gateway.dispatch("MESSAGE_CREATE", userMessage(`<@${BOT_USER.id}> explain --restart`, { mentionsBot: true }));
    const reply = await rest.waitFor((q) => q.method === "POST" && /^\/channels\/\d+\/messages$/.test(q.path), since);
    expect(reply.headers.authorization).toBe(`Bot ${SECRETS.DISCORD_TOKEN}`);
    // Slack HTTP mode: HEALTH_PORT is Slack's public port; metrics are on their own.
    expect((await fetch(`http://127.0.0.1:${runtime.healthPort}/metrics`)).status).toBe(404);
    expect(runtime.metricsPort).not.toBe(runtime.healthPort);
    const metrics = await (await fetch(`http://127.0.0.1:${runtime.metricsPort}/metrics`)).text();
    for (const secret of Object.values(SECRETS)) expect(metrics).not.toContain(secret);
  });

  it("shuts down with exit code 0 and never logged a secret", async () => {
    await runtime.shutdown.run("test");
    expect(exits).toEqual([0]);
    expect(runtime.readiness().ready).toBe(false);
    const log = output.join("");
    expect(log).toContain("[redacted]");
    expect(log).toContain('"msg":"stopped"');
    for (const secret of Object.values(SECRETS)) expect(log).not.toContain(secret);
  });
});
