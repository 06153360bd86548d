import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBot } from "../../src/answer/load-bot.js";
import { silentLogger } from "../../src/logger.js";
import { createHealthRoutes, createHealthServer, type HealthServer } from "../../src/runtime/health-server.js";
import { createMetrics } from "../../src/runtime/metrics.js";
import type { Manifest } from "../../src/search/knowledge-base.js";

const manifest: Pick<Manifest, "sectionCount" | "exampleCount" | "builtAt"> = {
  sectionCount: 131,
  exampleCount: 72,
  builtAt: new Date(Date.now() - 90_000).toISOString(),
};

describe("health server", () => {
  const state = { index: false, discord: false, draining: false };
  const metrics = createMetrics({
    manifest: () => (state.index ? manifest : undefined),
    adapters: () => [{ name: "discord", connected: state.discord }],
  });
  const routes = createHealthRoutes({
    metrics,
    checks: () => [
      { name: "index", ready: () => state.index },
      { name: "discord", ready: () => state.discord },
    ],
    draining: () => state.draining,
  });
  let server: HealthServer;
  let base: string;
  let bot: Awaited<ReturnType<typeof loadBot>>;

  beforeAll(async () => {
    // Loaded before the server's first request: building the bot holds this process's event loop
    // for seconds on a loaded machine, and a keep-alive socket the server closes meanwhile made
    // the next fetch fail with ECONNRESET (a test artefact: client and server share one loop).
    bot = await loadBot({ logger: silentLogger, onAnswer: (answer, info) => metrics.onAnswer(answer, info) });
    server = createHealthServer(routes);
    base = `http://127.0.0.1:${await server.start(0, "127.0.0.1")}`;
  });
  afterAll(() => server.stop());

  it("/healthz is 200 as soon as the process is up", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("/readyz is 503 naming what is not ready, then 200, then 503 while draining", async () => {
    let res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "not ready", notReady: ["index", "discord"] });
    state.index = true;
    res = await fetch(`${base}/readyz`);
    expect(await res.json()).toMatchObject({ notReady: ["discord"], checks: { index: true, discord: false } });
    state.discord = true;
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", checks: { index: true, discord: true } });
    state.draining = true;
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { notReady: string[] }).notReady).toEqual(["shutting down"]);
    state.draining = false;
  });

  it("/metrics counts commands by kind and platform, misses and latency, and shows the index", async () => {
    await bot.ask("/docker explain --restart", { platform: "slack" });
    await bot.ask("explain --restart", { platform: "discord" });
    await bot.ask("/docker explain --gpus-are-not-in-the-notes", { platform: "discord" });
    await bot.ask("/docker explain", { platform: "console" });
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain('docker_notes_commands_total{kind="explain",platform="slack"} 1');
    expect(text).toContain('docker_notes_commands_total{kind="explain",platform="discord"} 2');
    expect(text).toContain('docker_notes_misses_total{kind="explain",platform="discord"} 1');
    // A refused command is counted, but is not a miss of the notes.
    expect(text).toMatch(/docker_notes_commands_total\{kind="invalid",platform="console"\} 1/);
    expect(text).not.toMatch(/docker_notes_misses_total\{kind="invalid"/);
    expect(text).toContain('docker_notes_answer_duration_seconds_count{platform="discord"} 2');
    expect(text).toContain("docker_notes_index_sections 131");
    const age = Number(/docker_notes_index_age_seconds ([\d.]+)/.exec(text)?.[1]);
    expect(age).toBeGreaterThanOrEqual(89);
    expect(text).toContain('docker_notes_adapter_connected{adapter="discord"} 1');
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("answers 404 for other paths and 405 for other methods", async () => {
    expect((await fetch(`${base}/slack/events`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: "POST" })).status).toBe(405);
  });
});
