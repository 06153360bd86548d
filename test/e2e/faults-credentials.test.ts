import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CredentialsRejectedError } from "../../src/adapters/connect-retry.js";
import { createDiscordBot } from "../../src/adapters/discord/index.js";
import { createSlackApp } from "../../src/adapters/slack/index.js";
import { silentLogger } from "../../src/logger.js";
import { fakeBot } from "./fakes/discord-fake-bot.js";
import { FakeDiscordGateway } from "./fakes/discord-gateway.js";
import { FakeDiscordRest } from "./fakes/discord-rest.js";
import { startFakeSlackApi } from "./fakes/slack-api.js";
import { loadTestBot } from "./fakes/slack-bot.js";
import { postSigned, slashCommand } from "./fakes/slack-payloads.js";
import { startFakeSocketMode } from "./fakes/slack-socket.js";
import { type Child, eventually, freePort, kill, startMain } from "./main-helpers.js";

/**
 * Issue 17, point 3: a token the platform rejects stops the start with a message naming the
 * variable; an unreachable platform keeps /readyz at 503 and is retried until it answers. Against
 * the bot as deployed (`node src/main.ts`) and the fakes.
 */
const SLACK_TOKEN = "xoxb-credentials-e2e-0001";
const SIGNING_SECRET = "credentials-signing-secret-0123";
const DISCORD_TOKEN = "credentials.discord.e2e-token";
const tmp = mkdtempSync(join(tmpdir(), "notes-credentials-"));
const children: Child[] = [];
afterAll(() => {
  for (const c of children) kill(c);
  rmSync(tmp, { recursive: true, force: true });
});

function start(env: Record<string, string>): Child {
  const child = startMain(
    { HOST: "127.0.0.1", INDEX_FILE: join(tmp, "index.json"), LOG_LEVEL: "info", ...env },
    { stdin: "ignore" },
  );
  children.push(child);
  return child;
}

async function readyz(port: number): Promise<{ status: number; notReady?: string[] }> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { ...((await res.json()) as { notReady?: string[] }), status: res.status };
}

describe("Slack bot token", () => {
  it("rejected (invalid_auth): the start stops with exit 1 and a message naming SLACK_BOT_TOKEN", async () => {
    const api = await startFakeSlackApi();
    api.authError = "invalid_auth";
    const child = start({
      HEALTH_PORT: String(await freePort()),
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.apiUrl,
    });
    const { code } = await child.exited;
    await api.close();
    expect(code).toBe(1);
    const err = child.stderr();
    expect(err).toMatch(/Slack rejected SLACK_BOT_TOKEN \(auth\.test: invalid_auth\)/);
    expect(err).not.toContain(SLACK_TOKEN);
    expect(api.calls.filter((c) => c.method === "auth.test")).toHaveLength(1);
  }, 60_000);

  it("unreachable: /readyz is 503 and commands get 503 until the API answers, then both work", async () => {
    const apiPort = await freePort();
    const port = await freePort();
    const child = start({
      HEALTH_PORT: String(port),
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `http://127.0.0.1:${apiPort}/api/`,
    });
    await eventually(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000, "/healthz");
    await eventually(async () => child.stderr().includes("slack auth.test failed; retrying"), 30_000, "a logged retry");
    expect(await readyz(port)).toMatchObject({ status: 503, notReady: ["slack"] });
    const form = new URLSearchParams(slashCommand("explain --restart", "http://127.0.0.1:1/r")).toString();
    expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, form, { secret: SIGNING_SECRET })).status).toBe(
      503,
    );
    const api = await startFakeSlackApi({ port: apiPort });
    await eventually(async () => (await readyz(port)).status === 200, 40_000, "/readyz 200 once Slack answers");
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, form, { secret: SIGNING_SECRET });
    expect(await res.text()).toContain("unless-stopped");
    expect(child.proc.exitCode).toBeNull();
    await api.close();
  }, 90_000);

  it("Socket Mode: a rejected bot token fails start() before the socket is opened", async () => {
    const api = await startFakeSlackApi();
    const socket = await startFakeSocketMode();
    api.setSocketUrl(socket.url);
    api.authError = "token_revoked";
    const slack = createSlackApp({
      bot: await loadTestBot(),
      logger: silentLogger,
      botToken: SLACK_TOKEN,
      appToken: "xapp-credentials",
      apiUrl: api.apiUrl,
      retryConfig: { retries: 0 },
    });
    const err = await slack.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsRejectedError);
    expect((err as CredentialsRejectedError).variable).toBe("SLACK_BOT_TOKEN");
    expect(api.calls.map((c) => c.method)).not.toContain("apps.connections.open");
    expect(slack.connected).toBe(false);
    await slack.stop();
    await socket.close();
    await api.close();
  });

  it("Socket Mode: a rejected app-level token names SLACK_APP_TOKEN", async () => {
    const api = await startFakeSlackApi();
    api.failNext("apps.connections.open", {
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ok: false, error: "invalid_auth" }),
    });
    const slack = createSlackApp({
      bot: await loadTestBot(),
      logger: silentLogger,
      botToken: SLACK_TOKEN,
      appToken: "xapp-credentials-wrong",
      apiUrl: api.apiUrl,
      retryConfig: { retries: 0 },
    });
    const err = await slack.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsRejectedError);
    expect((err as CredentialsRejectedError).variable).toBe("SLACK_APP_TOKEN");
    expect((err as Error).message).toMatch(/Slack rejected SLACK_APP_TOKEN \(apps\.connections\.open: invalid_auth\)/);
    await slack.stop();
    await api.close();
  });
});

describe("Discord token", () => {
  it("rejected (401 on /gateway/bot): the start stops with exit 1 and a message naming DISCORD_TOKEN", async () => {
    const rest = new FakeDiscordRest();
    const apiUrl = await rest.start();
    rest.rejectToken = true;
    const child = start({ HEALTH_PORT: String(await freePort()), DISCORD_TOKEN, DISCORD_API_URL: apiUrl });
    const { code } = await child.exited;
    await rest.stop();
    expect(code).toBe(1);
    expect(child.stderr()).toMatch(/Discord rejected DISCORD_TOKEN/);
    expect(child.stderr()).not.toContain(DISCORD_TOKEN);
  }, 60_000);

  it("rejected at IDENTIFY (close 4004): start() fails with the variable's name instead of waiting", async () => {
    const rest = new FakeDiscordRest();
    const gateway = new FakeDiscordGateway();
    const apiUrl = await rest.start();
    rest.gatewayUrl = await gateway.start();
    gateway.rejectIdentify = true;
    const discord = createDiscordBot({ bot: fakeBot(), logger: silentLogger, token: "bad-token", apiUrl });
    const started = Date.now();
    const err = await discord.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsRejectedError);
    expect((err as CredentialsRejectedError).variable).toBe("DISCORD_TOKEN");
    expect(Date.now() - started).toBeLessThan(10_000);
    await discord.stop();
    await gateway.stop();
    await rest.stop();
  });

  it("unreachable: /readyz is 503 naming discord until Discord answers, then 200", async () => {
    const restPort = await freePort();
    const port = await freePort();
    const child = start({
      HEALTH_PORT: String(port),
      DISCORD_TOKEN,
      DISCORD_API_URL: `http://127.0.0.1:${restPort}/api`,
    });
    await eventually(async () => child.stderr().includes("discord login failed; retrying"), 60_000, "a logged retry");
    expect(await readyz(port)).toMatchObject({ status: 503, notReady: ["discord"] });
    const rest = new FakeDiscordRest();
    const gateway = new FakeDiscordGateway();
    await rest.start(restPort);
    rest.gatewayUrl = await gateway.start();
    await eventually(async () => (await readyz(port)).status === 200, 60_000, "/readyz 200 once Discord answers");
    expect(child.proc.exitCode).toBeNull();
    expect(gateway.identifies.length).toBeGreaterThan(0);
    kill(child);
    await gateway.stop();
    await rest.stop();
  }, 120_000);
});
