import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallbackBody, embedText } from "./discord-helpers.js";
import { FakeDiscordGateway } from "./fakes/discord-gateway.js";
import { slashCommand as discordCommand } from "./fakes/discord-payloads.js";
import { FakeDiscordRest } from "./fakes/discord-rest.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { postSigned, slashCommand as slackCommand } from "./fakes/slack-payloads.js";
import { type Child, eventually, freePort, kill, startMain } from "./main-helpers.js";

const SLACK_TOKEN = "xoxb-e2e-main-token-0001";
const SIGNING_SECRET = "e2e-main-signing-secret";
const DISCORD_TOKEN = "e2e.main.discord-token";

/** `main` as users run it, with Slack (HTTP) and Discord (gateway) pointed at loopback fakes. */
describe("main with Slack HTTP and Discord", () => {
  const rest = new FakeDiscordRest();
  const gateway = new FakeDiscordGateway();
  let slackApi: FakeSlackApi;
  let child: Child | undefined;
  let base: string;
  let metricsBase: string;
  let releaseReady!: () => void;
  const tmp = mkdtempSync(join(tmpdir(), "notes-main-"));

  beforeAll(async () => {
    slackApi = await startFakeSlackApi();
    const apiUrl = await rest.start();
    rest.gatewayUrl = await gateway.start();
    gateway.readyGate = new Promise((resolve) => (releaseReady = resolve));
    const port = await freePort();
    const metricsPort = await freePort();
    base = `http://127.0.0.1:${port}`;
    metricsBase = `http://127.0.0.1:${metricsPort}`;
    child = startMain({
      HEALTH_PORT: String(port),
      METRICS_PORT: String(metricsPort),
      HOST: "127.0.0.1",
      INDEX_FILE: join(tmp, "index.json"),
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slackApi.apiUrl,
      DISCORD_TOKEN,
      DISCORD_API_URL: apiUrl,
    });
  }, 60_000);

  afterAll(async () => {
    releaseReady?.();
    kill(child);
    await gateway.stop();
    await rest.stop();
    await slackApi?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("serves /healthz on the Slack receiver's port, and /readyz is 503 until Discord is READY", async () => {
    await eventually(
      async () => (await fetch(`${base}/healthz`)).ok,
      60_000,
      `/healthz (stderr: ${child?.stderr().slice(-2000)})`,
    );
    await eventually(async () => gateway.identifies.length > 0, 30_000, "the Discord IDENTIFY");
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { notReady: string[]; checks: Record<string, boolean> };
    expect(body.notReady).toEqual(["discord"]);
    expect(body.checks).toMatchObject({ index: true, slack: true, discord: false });
    releaseReady();
    await eventually(async () => (await fetch(`${base}/readyz`)).status === 200, 30_000, "/readyz 200");
  }, 90_000);

  it("answers a signed Slack slash command with the restart section", async () => {
    const form = new URLSearchParams(slackCommand("explain --restart", slackApi.responseUrl("main"))).toString();
    const res = await postSigned(`${base}/slack/events`, form, { secret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain("unless-stopped");
  });

  it("answers a Discord INTERACTION_CREATE with a callback", async () => {
    const since = rest.requests.length;
    const payload = discordCommand("explain", { topic: "--restart" });
    gateway.dispatch("INTERACTION_CREATE", payload);
    const r = await rest.waitFor(
      (q) => q.method === "POST" && q.path === `/interactions/${payload.id}/${payload.token}/callback`,
      since,
      10_000,
    );
    expect(embedText((r.body as CallbackBody).data)).toContain("unless-stopped");
  });

  it("exposes metrics for both platforms on METRICS_PORT, without any secret, and not on Slack's public port", async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const text = await (await fetch(`${metricsBase}/metrics`)).text();
    expect(text).toMatch(/docker_notes_commands_total\{kind="explain",platform="slack"\} 1/);
    expect(text).toMatch(/docker_notes_commands_total\{kind="explain",platform="discord"\} 1/);
    expect(text).toMatch(/docker_notes_index_sections \d{2,}/);
    expect(text).toContain("process_resident_memory_bytes");
    for (const secret of [SLACK_TOKEN, SIGNING_SECRET, DISCORD_TOKEN]) expect(text).not.toContain(secret);
  });

  it("exits 0 within 10 s of SIGTERM, having logged no secret", async () => {
    const sent = Date.now();
    child!.proc.kill("SIGTERM");
    const { code, at } = await child!.exited;
    expect(code).toBe(0);
    expect(at - sent).toBeLessThan(10_000);
    const log = child!.stderr();
    expect(log).toContain('"msg":"stopped"');
    for (const secret of [SLACK_TOKEN, SIGNING_SECRET, DISCORD_TOKEN]) expect(log).not.toContain(secret);
    // The first run built the index and saved it for the next one.
    expect(existsSync(join(tmp, "index.json"))).toBe(true);
  }, 20_000);
});

describe("npm start with no settings: the console", () => {
  let child: Child | undefined;
  const tmp = mkdtempSync(join(tmpdir(), "notes-console-"));
  afterAll(() => {
    kill(child);
    rmSync(tmp, { recursive: true, force: true });
  });

  it("answers piped commands with or without /docker, and exits 0 on EOF", async () => {
    child = startMain(
      { HEALTH_PORT: String(await freePort()), HOST: "127.0.0.1", INDEX_FILE: join(tmp, "data", "index.json") },
      { command: ["npm", "start", "--silent"] },
    );
    child.proc.stdin!.end("/docker explain --restart\nexplain --volume\n");
    const { code } = await child.exited;
    expect(code, child.stderr()).toBe(0);
    const out = child.stdout();
    expect(out).toContain("unless-stopped");
    expect(out.indexOf("7. 自动重启")).toBeGreaterThanOrEqual(0);
    expect(out.indexOf("7. 自动重启")).toBeLessThan(out.indexOf("4. 挂载卷"));
    // Logs went to stderr only: stdout holds answers, not JSON log lines.
    expect(out).not.toContain('"level"');
    expect(child.stderr()).toContain('"level"');
    expect(existsSync(join(tmp, "data", "index.json"))).toBe(true);
  }, 90_000);
});
