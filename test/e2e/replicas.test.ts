import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCustomId } from "../../src/render/discord/custom-id.js";
import { postgresAvailable, postgresEngine } from "../store/engines.js";
import { postSignedInteraction } from "./discord-helpers.js";
import { buttonClick, slashCommand as discordCommand, USER } from "./fakes/discord-payloads.js";
import { FakeDiscordRest } from "./fakes/discord-rest.js";
import { RoundRobinProxy } from "./fakes/round-robin-proxy.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { postSigned, slashCommand as slackCommand } from "./fakes/slack-payloads.js";
import { type Child, eventually, freePort, kill, startMain } from "./main-helpers.js";

/**
 * Issue 16's test: three bot processes on loopback sharing one PostgreSQL store, behind a
 * round-robin proxy for each public endpoint (Slack's HTTP receiver, Discord's interactions
 * endpoint). 3,000 signed commands, while one replica is killed with SIGKILL and started again:
 * every request the proxy answered was answered exactly once (counted at the fakes: the HTTP
 * answer plus any response_url / webhook follow-up), every answer's question is in the store, a
 * Discord button rendered by one replica works on another, one user's budget holds across replicas.
 */
const hasPostgres = await postgresAvailable();
const SIGNING = "replicas-signing-secret";
const APP_ID = "900000000000000009";
const TOTAL = 3000;
const CONCURRENCY = 12;
/** Below the budget for everyone in the load: 10 commands an hour each. */
const USERS = 400;

interface Replica {
  slackPort: number;
  discordPort: number;
  child?: Child;
}

interface SlackReply {
  text?: string;
  blocks?: Array<{ elements?: Array<{ action_id?: string; value?: string }> }>;
}
interface DiscordReply {
  type: number;
  data?: { content?: string; embeds?: unknown[]; components?: Array<{ components: Array<{ custom_id?: string }> }> };
}

const QUESTIONS = ["--restart", "-p", "--rm", "cmd entrypoint", "端口映射", "数据卷", "network", "-v"];

describe.skipIf(!hasPostgres)("three replicas behind a load balancer (issue 16)", () => {
  const tmp = mkdtempSync(join(tmpdir(), "replicas-"));
  const pgEngine = postgresEngine();
  const rest = new FakeDiscordRest();
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const publicHex = Buffer.from(publicKey.export({ format: "jwk" }).x ?? "", "base64url").toString("hex");
  const replicas: Replica[] = [];
  let slackApi: FakeSlackApi;
  let slackProxy: RoundRobinProxy;
  let discordProxy: RoundRobinProxy;
  let env: (r: Replica) => Record<string, string>;
  let databaseUrl = "";

  const start = (r: Replica): Child => {
    r.child = startMain(env(r));
    return r.child;
  };
  const ready = (r: Replica) =>
    eventually(
      async () => (await fetch(`http://127.0.0.1:${r.slackPort}/readyz`)).status === 200,
      90_000,
      `replica on ${r.slackPort} ready (${r.child?.stderr().slice(-500)})`,
    );

  beforeAll(async () => {
    slackApi = await startFakeSlackApi();
    const restUrl = await rest.start();
    const location = await pgEngine.fresh();
    databaseUrl = "postgres" in location ? location.postgres : "";
    for (let i = 0; i < 3; i++) replicas.push({ slackPort: await freePort(), discordPort: await freePort() });
    env = (r) => ({
      SLACK_BOT_TOKEN: "xoxb-replicas",
      SLACK_SIGNING_SECRET: SIGNING,
      SLACK_API_URL: slackApi.apiUrl,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: publicHex,
      DISCORD_PORT: String(r.discordPort),
      DISCORD_API_URL: restUrl,
      HEALTH_PORT: String(r.slackPort),
      HOST: "127.0.0.1",
      INDEX_FILE: join(tmp, "index.json"),
      DATABASE_URL: databaseUrl,
      STORE_HASH_SECRET: "replicas-hash-secret-0123456789",
      RATE_LIMIT_COMMANDS: "10",
      RATE_LIMIT_WINDOW_SECONDS: "3600",
      LOG_LEVEL: "warn",
    });
    // All at once, as a deployment starts them (the index snapshot is written by rename).
    for (const r of replicas) start(r);
    await Promise.all(replicas.map(ready));
    slackProxy = new RoundRobinProxy(replicas.map((r) => r.slackPort));
    discordProxy = new RoundRobinProxy(replicas.map((r) => r.discordPort));
    await slackProxy.start();
    await discordProxy.start();
  }, 240_000);

  afterAll(async () => {
    for (const r of replicas) kill(r.child);
    await Promise.all(replicas.flatMap((r) => (r.child ? [r.child.exited] : [])));
    await slackProxy?.stop();
    await discordProxy?.stop();
    await rest.stop();
    await slackApi?.close();
    await pgEngine.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });

  const slack = async (
    port: number,
    i: number,
    user: string,
    text = `explain ${QUESTIONS[i % QUESTIONS.length]}`,
  ): Promise<SlackReply | undefined> => {
    const body = new URLSearchParams(slackCommand(text, slackApi.responseUrl(`s${i}`), user)).toString();
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, { secret: SIGNING });
    return res.status === 200 ? ((await res.json()) as SlackReply) : undefined;
  };
  const discord = async (port: number, payload: unknown): Promise<DiscordReply | undefined> => {
    const res = await postSignedInteraction(`http://127.0.0.1:${port}/`, payload, privateKey);
    return res.status === 200 ? ((await res.json()) as DiscordReply) : undefined;
  };
  const discordUser = (n: number) => ({ ...USER, id: String(700000000000100000n + BigInt(n)) });
  const slackAnswerId = (r: SlackReply): string | undefined => {
    const value = r.blocks?.flatMap((b) => b.elements ?? []).find((e) => e.action_id === "docker_feedback_up")?.value;
    return value ? (JSON.parse(value) as { a?: string }).a : undefined;
  };
  const discordAnswerId = (r: DiscordReply): string | undefined =>
    (r.data?.components ?? [])
      .flatMap((row) => row.components)
      .map((b) => decodeCustomId(b.custom_id ?? "")?.answerId)
      .find(Boolean);

  it("a Discord button rendered by one replica works on another (its long question is in the store)", async () => {
    const [a, , c] = replicas;
    const long = "how do I make a container restart automatically after the host reboots, with docker run";
    const asked = await discord(a!.discordPort, discordCommand("search", { query: long }));
    expect(asked?.type).toBe(4);
    const buttons = (asked?.data?.components ?? []).flatMap((row) => row.components);
    const withKey = buttons
      .map((b) => ({ id: b.custom_id ?? "", state: decodeCustomId(b.custom_id ?? "") }))
      .find((b) => b.state?.ref.startsWith("k") && ["ex", "next", "full"].includes(b.state.action));
    expect(withKey, JSON.stringify(buttons)).toBeDefined();
    const clicked = await discord(c!.discordPort, buttonClick(withKey!.id));
    expect(clicked?.type).toBe(7);
    expect(JSON.stringify(clicked?.data)).not.toContain("expired");
    expect(clicked?.data?.embeds?.length).toBeGreaterThan(0);
  });

  it("holds one user's budget across the three replicas", async () => {
    const replies: string[] = [];
    for (let i = 0; i < 24; i++) {
      const r = await slack(replicas[i % 3]!.slackPort, 100_000 + i, "UHEAVY01", "explain --restart");
      replies.push(r && slackAnswerId(r) ? "answered" : (r?.text ?? "failed"));
    }
    expect(replies.filter((r) => r === "answered")).toHaveLength(10);
    expect(replies.slice(10).filter((r) => !r.startsWith("You're asking fast"))).toEqual([]);
  });

  it("answers every accepted command exactly once and stores it, while a replica is killed and restarted", async () => {
    const accepted: Array<{ platform: "slack" | "discord"; i: number; token?: string; answerId?: string }> = [];
    const ackedAnswers = new Map<string, number>();
    let rejected = 0;
    let sent = 0;
    const one = async (i: number): Promise<void> => {
      if (i % 2 === 0) {
        const r = await slack(slackProxy.port, i, `U${String(i % USERS).padStart(8, "0")}`);
        if (!r) return void rejected++;
        const answerId = slackAnswerId(r);
        accepted.push({ platform: "slack", i, ...(answerId ? { answerId } : {}) });
        if (answerId) ackedAnswers.set(`s${i}`, 1);
      } else {
        const payload = discordCommand("explain", { topic: QUESTIONS[i % QUESTIONS.length]! }, false, {
          user: discordUser(i % USERS),
        });
        const r = await discord(discordProxy.port, payload);
        if (!r) return void rejected++;
        const answerId = discordAnswerId(r);
        accepted.push({ platform: "discord", i, token: payload.token, ...(answerId ? { answerId } : {}) });
        if (r.type === 4) ackedAnswers.set(payload.token, 1);
      }
    };
    const run = async (count: number, during?: () => Promise<void>) => {
      const first = sent;
      sent += count;
      let next = first;
      const workers = Array.from({ length: CONCURRENCY }, async () => {
        while (next < first + count) await one(next++);
      });
      await Promise.all([...workers, during?.()]);
    };
    const victim = replicas[1]!;
    const started = Date.now();
    await run(1000);
    // Killed in the middle of the load: its requests in flight fail at the proxy (502), no more.
    await run(800, async () => {
      await new Promise((r) => setTimeout(r, 500));
      victim.child!.proc.kill("SIGKILL");
      await victim.child!.exited;
    });
    const servedBefore = slackProxy.served[1]! + discordProxy.served[1]!;
    start(victim);
    await run(600, () => ready(victim).then(() => undefined));
    await ready(victim);
    await run(TOTAL - sent);
    const seconds = (Date.now() - started) / 1000;

    expect(slackProxy.served[1]! + discordProxy.served[1]!).toBeGreaterThan(servedBefore);
    expect(rejected).toBeLessThanOrEqual(CONCURRENCY);
    expect(accepted.length + rejected).toBe(TOTAL);
    // Answered exactly once: in the HTTP answer, or (late) once through response_url / the webhook.
    await eventually(
      async () =>
        accepted.every((a) => {
          const key = a.platform === "slack" ? `s${a.i}` : a.token!;
          return (ackedAnswers.get(key) ?? 0) + followUps(a.platform, key) >= 1;
        }),
      30_000,
      "late answers",
    );
    const counts = accepted.map((a) => {
      const key = a.platform === "slack" ? `s${a.i}` : a.token!;
      return (ackedAnswers.get(key) ?? 0) + followUps(a.platform, key);
    });
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    // Every answer given is a stored question (the replies waited for their rows).
    const ids = accepted.flatMap((a) => (a.answerId ? [a.answerId] : []));
    expect(ids.length).toBeGreaterThan(accepted.length * 0.9);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ answer_id: string }>("select answer_id from questions");
      const stored = new Set(rows.map((r) => r.answer_id));
      expect(ids.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await client.end();
    }
    console.info(
      `replicas: ${accepted.length} answered, ${rejected} refused at the kill, ${Math.round(TOTAL / seconds)} commands/s`,
    );
  }, 240_000);

  function followUps(platform: "slack" | "discord", key: string): number {
    if (platform === "slack") return slackApi.calls.filter((c) => c.method === `response:${key}`).length;
    return rest.requests.filter(
      (r) => r.method === "PATCH" && r.path === `/webhooks/${APP_ID}/${key}/messages/@original`,
    ).length;
  }
});
