import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createRuntime, type Runtime } from "../../src/runtime/create-runtime.js";
import { hashUser } from "../../src/store/user-hash.js";
import { postgresAvailable, postgresEngine } from "../store/engines.js";
import { postSignedInteraction } from "./discord-helpers.js";
import { FakeDiscordGateway } from "./fakes/discord-gateway.js";
import {
  adminCommand,
  buttonClick,
  USER as DISCORD_USER,
  slashCommand as discordCommand,
  modalSubmit,
  userMessage,
} from "./fakes/discord-payloads.js";
import { FakeDiscordRest } from "./fakes/discord-rest.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import {
  blockActions,
  eventCallback,
  postSigned,
  slashCommand as slackCommand,
  viewSubmission,
} from "./fakes/slack-payloads.js";
import { freePort } from "./main-helpers.js";

const SIGNING = "store-e2e-signing-secret";
const HASH_KEY = "store-e2e-hash-key-0123456789";
const ADMIN = "UADMIN01";
const hasPostgres = await postgresAvailable();

interface Block {
  elements?: Array<{ action_id?: string; value?: string }>;
  text?: { text: string };
}
type Button = { custom_id?: string };

/**
 * The whole path, as deployed: the real runtime (Bolt over HTTP, discord.js over the fake gateway,
 * the Discord HTTP endpoint), questions, votes and the 👎 modal, and the rows they leave in the store.
 */
function storeSuite(engine: "sqlite" | "postgres"): void {
  const tmp = mkdtempSync(join(tmpdir(), "store-e2e-"));
  const rest = new FakeDiscordRest();
  const gateway = new FakeDiscordGateway();
  const pg = postgresEngine();
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const publicHex = Buffer.from(publicKey.export({ format: "jwk" }).x ?? "", "base64url").toString("hex");
  let slackApi: FakeSlackApi;
  let runtime: Runtime;
  let slackUrl = "";
  let discordHttpUrl = "";

  beforeAll(async () => {
    slackApi = await startFakeSlackApi();
    const apiUrl = await rest.start();
    rest.gatewayUrl = await gateway.start();
    const location = engine === "postgres" ? await pg.fresh() : undefined;
    const discordPort = await freePort();
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: "xoxb-store-e2e",
        SLACK_SIGNING_SECRET: SIGNING,
        SLACK_API_URL: slackApi.apiUrl,
        DISCORD_TOKEN: "store.e2e.token",
        DISCORD_API_URL: apiUrl,
        DISCORD_APPLICATION_ID: "900000000000000009",
        DISCORD_PUBLIC_KEY: publicHex,
        DISCORD_PORT: String(discordPort),
        HEALTH_PORT: "0",
        // Slack HTTP mode: metrics are served on a port of their own, never on Slack's public one.
        METRICS_PORT: "0",
        HOST: "127.0.0.1",
        INDEX_FILE: join(tmp, "index.json"),
        STORE_HASH_SECRET: HASH_KEY,
        ADMIN_USER_IDS: ADMIN,
        RATE_LIMIT_COMMANDS: "1000",
        ...(location && "postgres" in location ? { DATABASE_URL: location.postgres } : {}),
      },
      "/nonexistent/.env",
    );
    runtime = await createRuntime({
      config,
      logger: createLogger({ level: "silent" }),
      defaultMetrics: false,
      exit: () => undefined,
    });
    await runtime.start();
    slackUrl = `http://127.0.0.1:${runtime.healthPort}/slack/events`;
    discordHttpUrl = `http://127.0.0.1:${discordPort}/`;
  });

  afterAll(async () => {
    if (runtime && !runtime.shutdown.started) await runtime.shutdown.run("test over");
    await gateway.stop();
    await rest.stop();
    await slackApi?.close();
    await pg.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const slash = async (text: string, user: string) => {
    const res = await postSigned(slackUrl, form(slackCommand(text, slackApi.responseUrl(`r-${user}`), user)), {
      secret: SIGNING,
    });
    return (await res.json()) as { text: string; blocks: Block[] };
  };
  const slackButton = (blocks: Block[], actionId: string) =>
    blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)?.value ?? "";
  const store = async () => {
    await runtime.recording.store!.flush();
    return runtime.recording.store!.database();
  };
  const discordReply = async (payload: { id: string; token: string }) => {
    const r = await rest.waitFor((q) => q.path === `/interactions/${payload.id}/${payload.token}/callback`);
    return r.body as {
      type: number;
      data: { custom_id?: string; content?: string; components?: Array<{ components: Button[] }> };
    };
  };
  const discordHttp = async (payload: unknown) => {
    const res = await postSignedInteraction(discordHttpUrl, payload, privateKey);
    return (await res.json()) as {
      type: number;
      data: { custom_id?: string; components?: Array<{ components: Button[] }> };
    };
  };

  let slackAnswerId = "";

  it("Slack: a slash command, a mention and a DM are stored with their surface, outcome and section", async () => {
    const answer = await slash("explain --restart", "UALICE01");
    const vote = JSON.parse(slackButton(answer.blocks, "docker_feedback_down")) as { a: string; s: string };
    expect(vote.a).toMatch(/^[A-Za-z0-9_-]{12}$/);
    slackAnswerId = vote.a;
    await slash("explain --gpus", "UALICE01");
    const post = (event: Record<string, unknown>, id: string) =>
      postSigned(slackUrl, JSON.stringify(eventCallback(event, id)), {
        secret: SIGNING,
        contentType: "application/json",
      });
    await post(
      { type: "app_mention", user: "UBOB0001", text: "<@UBOT> 怎么让容器自动重启", channel: "C1", ts: "1.1" },
      "EvM",
    );
    await post(
      { type: "message", channel_type: "im", user: "UBOB0001", text: "port mapping", channel: "D1", ts: "1.2" },
      "EvD",
    );
    await slackApi.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === "D1");
    const db = await store();
    const rows = await db
      .selectFrom("questions")
      .select(["answer_id", "surface", "query", "outcome", "section_id", "user_hash", "locale", "kind"])
      .where("platform", "=", "slack")
      .orderBy("at")
      .execute();
    expect(rows.map((r) => [r.surface, r.query, r.outcome])).toEqual([
      ["slash", "explain --restart", "answered"],
      ["slash", "explain --gpus", "nothing"],
      ["mention", "怎么让容器自动重启", "answered"],
      ["dm", "port mapping", "answered"],
    ]);
    expect(rows[0]).toMatchObject({ answer_id: slackAnswerId, section_id: vote.s, kind: "explain", locale: "en" });
    expect(rows[2]?.locale).toBe("zh");
    expect(rows[0]?.user_hash).toBe(hashUser(HASH_KEY, "slack", "UALICE01"));
    expect(JSON.stringify(rows)).not.toContain("UALICE01");
  });

  it("Slack: Next result re-renders the same answer (same id, no new question); 👍 then 👎 is one vote; the 👎 modal's line is stored", async () => {
    const answer = await slash("explain --restart", "UCAROL01");
    const next = slackButton(answer.blocks, "docker_next");
    const before = await (await store()).selectFrom("questions").select("answer_id").execute();
    const res = await postSigned(
      slackUrl,
      form({ payload: JSON.stringify(blockActions("docker_next", next, slackApi.responseUrl("next"))) }),
      { secret: SIGNING },
    );
    expect(res.status).toBe(200);
    const replaced = await slackApi.waitFor((c) => c.method === "response:next");
    expect(JSON.stringify(replaced.body)).toContain((JSON.parse(next) as { a: string }).a);
    expect(await (await store()).selectFrom("questions").select("answer_id").execute()).toHaveLength(before.length);

    const click = (actionId: string, value: string, user: string, id: string) =>
      postSigned(
        slackUrl,
        form({ payload: JSON.stringify(blockActions(actionId, value, slackApi.responseUrl(id), { user })) }),
        { secret: SIGNING },
      );
    const first = await slash("explain --restart", "UDAVE001");
    const up = slackButton(first.blocks, "docker_feedback_up");
    const down = slackButton(first.blocks, "docker_feedback_down");
    const answerId = (JSON.parse(down) as { a: string }).a;
    await click("docker_feedback_up", up, "UDAVE001", "up1");
    await click("docker_feedback_down", down, "UDAVE001", "down1");
    const opened = await slackApi.waitFor((c) => c.method === "views.open");
    const view = JSON.parse(String(opened.body.view)) as { callback_id: string; private_metadata: string };
    expect(opened.body.trigger_id).toBe("1.2.4");
    expect(view.callback_id).toBe("docker_feedback_reason");
    const submitted = await postSigned(
      slackUrl,
      form({
        payload: JSON.stringify(
          viewSubmission(
            view.callback_id,
            view.private_metadata,
            { blockId: "reason", actionId: "reason", value: "restart only on failure" },
            "UDAVE001",
          ),
        ),
      }),
      { secret: SIGNING },
    );
    expect(submitted.status).toBe(200);
    const votes = await (await store())
      .selectFrom("feedback")
      .select(["answer_id", "vote", "reason", "platform", "user_hash", "section_id"])
      .where("answer_id", "=", answerId)
      .execute();
    expect(votes).toEqual([
      {
        answer_id: answerId,
        vote: "down",
        reason: "restart only on failure",
        platform: "slack",
        user_hash: hashUser(HASH_KEY, "slack", "UDAVE001"),
        section_id: (JSON.parse(down) as { s: string }).s,
      },
    ]);
  });

  it("Slack: /docker admin gaps is for ADMIN_USER_IDS, and shows what was stored", async () => {
    const refused = await slash("admin gaps", "UALICE01");
    expect(refused.text).toContain("ADMIN_USER_IDS");
    const gaps = await slash("admin gaps 7d", ADMIN);
    expect(gaps.text).toContain("What the notes are missing");
    expect(gaps.text).toContain("explain --gpus");
    expect(gaps.text).toContain("restart only on failure");
    const reload = await slash("admin reload", ADMIN);
    expect(reload.text).toMatch(/not changed|Reloaded/);
  });

  it("Discord: a command, a mention, 👎 with its modal, over the gateway and the HTTP endpoint, land in the store", async () => {
    const cmd = discordCommand("explain", { topic: "--restart" });
    gateway.dispatch("INTERACTION_CREATE", { ...cmd, locale: "zh-CN" });
    const reply = await discordReply(cmd);
    const ids = (reply.data.components ?? []).flatMap((r) => r.components.map((c) => c.custom_id ?? ""));
    const down = ids.find((id) => id.startsWith("dn:down:"))!;
    const answerId = /^dn:down:0\.([A-Za-z0-9_-]{12}):/.exec(down)?.[1];
    expect(answerId).toBeDefined();

    const click = buttonClick(down);
    gateway.dispatch("INTERACTION_CREATE", click);
    const modal = await discordReply(click);
    expect(modal.type).toBe(9);
    expect(modal.data.custom_id).toMatch(new RegExp(`^dn:why:0\\.${answerId}:`));
    const submit = modalSubmit(modal.data.custom_id!, { reason: "restart policy in compose" });
    gateway.dispatch("INTERACTION_CREATE", submit);
    expect((await discordReply(submit)).data.content).toContain("Thanks");

    gateway.dispatch("MESSAGE_CREATE", userMessage(`<@900000000000000001> 端口映射`, { mentionsBot: true }));
    await rest.waitFor((r) => r.method === "POST" && /^\/channels\/[^/]+\/messages$/.test(r.path));

    const viaHttp = await discordHttp(discordCommand("search", { query: "limit cpu usage" }));
    expect(viaHttp.type).toBe(4);
    const httpDown = (viaHttp.data.components ?? [])
      .flatMap((r) => r.components)
      .find((c) => c.custom_id?.startsWith("dn:down:"));
    const httpModal = await discordHttp(buttonClick(httpDown!.custom_id!));
    expect(httpModal.type).toBe(9);
    const httpThanks = await discordHttp(modalSubmit(httpModal.data.custom_id!, { reason: "cgroup cpu quota" }));
    expect(httpThanks.type).toBe(4);

    const db = await store();
    const rows = await db
      .selectFrom("questions")
      .select(["answer_id", "surface", "query", "locale", "user_hash"])
      .where("platform", "=", "discord")
      .orderBy("at")
      .execute();
    expect(rows.map((r) => [r.surface, r.query])).toEqual([
      ["slash", "explain --restart"],
      ["mention", "端口映射"],
      ["slash", "search limit cpu usage"],
    ]);
    expect(rows[0]).toMatchObject({
      answer_id: answerId,
      locale: "zh-CN",
      user_hash: hashUser(HASH_KEY, "discord", DISCORD_USER.id),
    });
    const votes = await db
      .selectFrom("feedback")
      .select(["vote", "reason"])
      .where("platform", "=", "discord")
      .orderBy("reason")
      .execute();
    expect(votes).toEqual([
      { vote: "down", reason: "cgroup cpu quota" },
      { vote: "down", reason: "restart policy in compose" },
    ]);
  });

  it("Discord: /docker-admin needs Manage Server; with it, the gaps summary", async () => {
    const denied = adminCommand("gaps", {}, "0");
    gateway.dispatch("INTERACTION_CREATE", denied);
    expect((await discordReply(denied)).data.content).toContain("Manage Server");
    const allowed = adminCommand("gaps", { since: "7d" }, "32");
    gateway.dispatch("INTERACTION_CREATE", allowed);
    const summary = (await discordReply(allowed)).data.content ?? "";
    expect(summary).toContain("What the notes are missing");
    expect(summary).toContain("restart policy in compose");
  });

  it("/metrics counts answers by outcome, votes and drops", async () => {
    const body = await (await fetch(`http://127.0.0.1:${runtime.metricsPort}/metrics`)).text();
    expect(body).toMatch(/^notes_answers_total\{outcome="answered"\} \d+/m);
    expect(body).toMatch(/^notes_answers_total\{outcome="nothing"\} [1-9]/m);
    expect(body).toMatch(/^notes_feedback_total\{vote="down"\} [3-9]/m);
    expect(body).toMatch(/^notes_feedback_total\{vote="up"\} [1-9]/m);
    expect(body).toMatch(/^store_events_dropped_total 0$/m);
  });
}

describe("store through the real adapters (SQLite)", () => storeSuite("sqlite"));
describe.skipIf(!hasPostgres)("store through the real adapters (PostgreSQL)", () => storeSuite("postgres"));
