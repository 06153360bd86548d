import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createRuntime } from "../../src/runtime/create-runtime.js";
import { ThrowawayCluster } from "../store/throwaway-cluster.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { postSigned, slashCommand } from "./fakes/slack-payloads.js";

const SIGNING = "faults-store-signing";

/** The runtime with Slack over HTTP and the store at `store`; its logs kept for assertions. */
async function startBot(store: Record<string, string>, tmp: string, api: FakeSlackApi) {
  const lines: Array<Record<string, unknown>> = [];
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: "xoxb-faults-store",
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_API_URL: api.apiUrl,
      HEALTH_PORT: "0",
      // Slack HTTP mode: metrics are served on a port of their own, never on Slack's public one.
      METRICS_PORT: "0",
      HOST: "127.0.0.1",
      INDEX_FILE: join(tmp, "index.json"),
      STORE_HASH_SECRET: "faults-store-hash-key-0123",
      RATE_LIMIT_COMMANDS: "1000",
      ...store,
    },
    "/nonexistent/.env",
  );
  const logger = createLogger({
    level: "info",
    destination: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) },
  });
  const runtime = await createRuntime({ config, logger, defaultMetrics: false, exit: () => undefined });
  await runtime.start();
  const url = `http://127.0.0.1:${runtime.healthPort}`;
  const ask = async (text: string) => {
    const form = new URLSearchParams(slashCommand(text, api.responseUrl("f"))).toString();
    const res = await postSigned(`${url}/slack/events`, form, { secret: SIGNING });
    return { status: res.status, body: JSON.stringify(await res.json()) };
  };
  const dropped = async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${runtime.metricsPort}/metrics`)).text();
    return Number(/^store_events_dropped_total (\d+)/m.exec(metrics)?.[1] ?? Number.NaN);
  };
  return { runtime, ask, dropped, lines };
}

const clusterProblem = ThrowawayCluster.unavailable();
describe.skipIf(clusterProblem !== undefined)(
  `PostgreSQL stopped while the bot runs${clusterProblem ? ` (skipped: ${clusterProblem})` : ""}`,
  () => {
    const cluster = new ThrowawayCluster();
    const tmp = mkdtempSync(join(tmpdir(), "faults-store-"));
    let api: FakeSlackApi;
    let bot: Awaited<ReturnType<typeof startBot>>;
    beforeAll(async () => {
      await cluster.init();
      api = await startFakeSlackApi();
      bot = await startBot({ DATABASE_URL: cluster.url }, tmp, api);
    }, 60_000);
    afterAll(async () => {
      await bot?.runtime.shutdown.run("test over");
      await api?.close();
      await cluster.destroy();
      rmSync(tmp, { recursive: true, force: true });
    }, 60_000);

    it("answers continue, drops are counted and logged, and storing resumes when the server is back", async () => {
      const store = bot.runtime.recording.store!;
      expect((await bot.ask("explain --restart")).body).toContain("unless-stopped");
      await store.flush();
      expect(store.stats.written).toBe(1);

      await cluster.stop();
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const answer = await bot.ask("explain --restart");
        expect(answer.status).toBe(200);
        expect(answer.body).toContain("unless-stopped");
        expect(performance.now() - t0).toBeLessThan(2000);
      }
      await store.flush();
      expect(await bot.dropped()).toBe(5);
      expect(bot.lines.some((l) => /events dropped/.test(String(l.msg)) && l.dropped !== undefined)).toBe(true);

      await cluster.start();
      await bot.ask("explain -p");
      await store.flush();
      expect(store.stats).toMatchObject({ written: 2, dropped: 5, healthy: true });
      expect(bot.lines.some((l) => l.msg === "store writing again")).toBe(true);
      const rows = await (await store.database()).selectFrom("questions").select("query").orderBy("at").execute();
      expect(rows.map((r) => r.query)).toEqual(["explain --restart", "explain -p"]);
    }, 60_000);
  },
);

describe("SQLite store that can't be written (a read-only data folder)", () => {
  const tmp = mkdtempSync(join(tmpdir(), "faults-store-ro-"));
  const dir = join(tmp, "ro");
  let api: FakeSlackApi;
  let bot: Awaited<ReturnType<typeof startBot>>;
  let protectedDir = false;
  beforeAll(async () => {
    mkdirSync(dir);
    // Root ignores permission bits: chattr +i makes the folder read-only even for root.
    try {
      if (process.getuid?.() === 0) execFileSync("chattr", ["+i", dir], { stdio: "pipe" });
      else execFileSync("chmod", ["0555", dir]);
      protectedDir = true;
    } catch {
      protectedDir = false;
    }
    api = await startFakeSlackApi();
    bot = await startBot({ STORE_FILE: join(dir, "store.sqlite") }, tmp, api);
  });
  afterAll(async () => {
    await bot?.runtime.shutdown.run("test over");
    await api?.close();
    try {
      if (process.getuid?.() === 0) execFileSync("chattr", ["-i", dir], { stdio: "pipe" });
      else execFileSync("chmod", ["0755", dir]);
    } catch {
      // not protected
    }
    rmSync(tmp, { recursive: true, force: true });
  });

  it("starts, answers, and counts every question as dropped", async (ctx) => {
    if (!protectedDir) ctx.skip();
    for (let i = 0; i < 3; i++) expect((await bot.ask("explain --restart")).body).toContain("unless-stopped");
    await bot.runtime.recording.store!.flush();
    expect(await bot.dropped()).toBe(3);
    expect(bot.runtime.readiness().ready).toBe(true);
  });
});
