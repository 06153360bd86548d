import type { Kysely } from "kysely";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { currentVersion, LATEST_VERSION, MIGRATIONS, migrate } from "../../src/store/migrations.js";
import { openDatabase, type StoreLocation } from "../../src/store/open-database.js";
import { buildReport } from "../../src/store/report.js";
import { createStore, type EventStore, type StoreOptions } from "../../src/store/store.js";
import { hashUser } from "../../src/store/user-hash.js";
import { postgresAvailable, postgresEngine, sqliteEngine, type TestEngine } from "./engines.js";
import { question, T0 } from "./fixtures.js";

const KEY = "test-key-0123456789abcdef";
const hasPostgres = await postgresAvailable();

/** The same suite against each engine: the store must behave identically on both. */
function suite(engine: TestEngine): void {
  const stores: EventStore[] = [];
  const make = async (over: Partial<StoreOptions> = {}): Promise<{ store: EventStore; location: StoreLocation }> => {
    const location = await engine.fresh();
    const store = createStore({ location, hashKey: KEY, now: () => T0, ...over });
    stores.push(store);
    return { store, location };
  };
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });
  afterAll(() => engine.cleanup());

  it("migrates an empty database to the latest version", async () => {
    const { store } = await make();
    expect(await store.connect()).toBe(true);
    expect(await currentVersion((await store.database()) as unknown as Kysely<unknown>)).toBe(LATEST_VERSION);
  });

  it("stores a question with its outcome, and the user only as a keyed hash", async () => {
    const { store } = await make();
    store.record(question({ confidence: "high" }));
    await store.flush();
    const rows = await (await store.database()).selectFrom("questions").selectAll().execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect({ ...row, at: Number(row.at) }).toEqual({
      answer_id: "a1",
      at: T0,
      day: "2026-01-15",
      platform: "slack",
      surface: "slash",
      locale: "en",
      kind: "explain",
      query: "explain --restart",
      query_norm: "explain --restart",
      outcome: "answered",
      confidence: "high",
      section_id: "docker-run/restart",
      heading_path: "Docker run › 7. 自动重启",
      latency_ms: 3.21,
      user_hash: hashUser(KEY, "slack", "U123"),
    });
    expect(JSON.stringify(rows)).not.toContain("U123");
    expect(store.stats).toMatchObject({ written: 1, dropped: 0, queued: 0, healthy: true });
  });

  it("keeps one vote per user per answer: a second press changes it, a 👍 withdraws the 👎's reason", async () => {
    const { store } = await make();
    const vote = (userId: string, v: "up" | "down") =>
      store.record({ type: "feedback", answerId: "a1", at: T0, platform: "discord", userId, vote: v, sectionId: "s1" });
    vote("u1", "down");
    store.record({
      type: "reason",
      answerId: "a1",
      at: T0,
      platform: "discord",
      userId: "u1",
      reason: "  how to\n restart  ",
    });
    vote("u2", "up");
    await store.flush();
    const db = await store.database();
    const read = () =>
      db.selectFrom("feedback").select(["user_hash", "vote", "reason", "section_id"]).orderBy("vote").execute();
    expect(await read()).toEqual([
      { user_hash: hashUser(KEY, "discord", "u1"), vote: "down", reason: "how to restart", section_id: "s1" },
      { user_hash: hashUser(KEY, "discord", "u2"), vote: "up", reason: null, section_id: "s1" },
    ]);
    vote("u1", "up");
    vote("u2", "down");
    await store.flush();
    expect((await read()).map((r) => [r.vote, r.reason])).toEqual([
      ["down", null],
      ["up", null],
    ]);
  });

  it("STORE_QUERY_TEXT=false keeps outcomes only: no query text, no reasons", async () => {
    const { store } = await make({ keepQueryText: false });
    store.record(question());
    store.record({ type: "feedback", answerId: "a1", at: T0, platform: "slack", userId: "U1", vote: "down" });
    store.record({ type: "reason", answerId: "a1", at: T0, platform: "slack", userId: "U1", reason: "secret text" });
    await store.flush();
    const db = await store.database();
    const q = await db.selectFrom("questions").select(["query", "query_norm", "outcome"]).execute();
    expect(q).toEqual([{ query: null, query_norm: null, outcome: "answered" }]);
    expect(await db.selectFrom("feedback").select(["vote", "reason"]).execute()).toEqual([
      { vote: "down", reason: null },
    ]);
  });

  it("deletes rows older than the retention", async () => {
    let now = T0;
    const { store } = await make({ retentionDays: 90, now: () => now });
    store.record(question({ answerId: "old", at: T0 - 91 * 86_400_000 }));
    store.record(question({ answerId: "new", at: T0 - 89 * 86_400_000 }));
    store.record({
      type: "feedback",
      answerId: "old",
      at: T0 - 91 * 86_400_000,
      platform: "slack",
      userId: "U1",
      vote: "up",
    });
    await store.flush();
    expect(await store.prune()).toBe(2);
    const ids = await (await store.database()).selectFrom("questions").select("answer_id").execute();
    expect(ids).toEqual([{ answer_id: "new" }]);
    now = T0 + 2 * 86_400_000;
    expect(await store.prune()).toBe(1);
  });

  it("forgets one person: their questions and votes go, everyone else's stay", async () => {
    const { store } = await make();
    store.record(question({ answerId: "a1", userId: "U1" }));
    store.record(question({ answerId: "a2", userId: "U2" }));
    store.record({ type: "feedback", answerId: "a2", at: T0, platform: "slack", userId: "U1", vote: "down" });
    store.record({ type: "feedback", answerId: "a1", at: T0, platform: "slack", userId: "U2", vote: "up" });
    expect(await store.forget("slack", "U1")).toEqual({ questions: 1, feedback: 1 });
    const db = await store.database();
    expect(await db.selectFrom("questions").select("answer_id").execute()).toEqual([{ answer_id: "a2" }]);
    expect(await db.selectFrom("feedback").select("answer_id").execute()).toEqual([{ answer_id: "a1" }]);
    // The same id on another platform is another person.
    expect(await store.forget("discord", "U2")).toEqual({ questions: 0, feedback: 0 });
  });

  it("bounds the queue: events past maxQueue are dropped and counted, never blocking", async () => {
    const dropped: number[] = [];
    const { store } = await make({ maxQueue: 5, batchSize: 100, onDropped: (c) => dropped.push(c) });
    for (let i = 0; i < 8; i++) store.record(question({ answerId: `q${i}` }));
    expect(store.stats).toMatchObject({ queued: 5, dropped: 3 });
    expect(dropped).toEqual([1, 1, 1]);
    await store.flush();
    expect(store.stats).toMatchObject({ queued: 0, written: 5, dropped: 3 });
  });

  it("writes every column right when a batch reuses the SQL compiled for its size", async () => {
    const { store } = await make();
    const batch = (n: number) =>
      [0, 1, 2].map((i) =>
        question({
          answerId: `b${n}-${i}`,
          at: T0 + n * 1000 + i,
          platform: i === 1 ? "discord" : "slack",
          surface: i === 2 ? "dm" : "slash",
          locale: i === 1 ? "zh-CN" : "en",
          kind: i === 2 ? "search" : "explain",
          query: `question ${n}-${i}`,
          outcome: i === 2 ? "nothing" : "answered",
          confidence: i === 0 ? "high" : undefined,
          sectionId: i === 2 ? undefined : `s${n}${i}`,
          headingPath: i === 2 ? undefined : [`H${n}`, `h${i}`],
          latencyMs: n + i / 10,
          userId: `U${n}${i}`,
        }),
      );
    for (const n of [1, 2]) {
      for (const e of batch(n)) store.record(e);
      await store.flush();
    }
    const rows = await (await store.database()).selectFrom("questions").selectAll().orderBy("answer_id").execute();
    const expected = [1, 2].flatMap((n) =>
      batch(n).map((e) => ({
        answer_id: e.answerId,
        at: e.at,
        day: "2026-01-15",
        platform: e.platform,
        surface: e.surface,
        locale: e.locale,
        kind: e.kind,
        query: e.query,
        query_norm: e.query,
        outcome: e.outcome,
        confidence: e.confidence ?? null,
        section_id: e.sectionId ?? null,
        heading_path: e.headingPath?.join(" › ") ?? null,
        latency_ms: e.latencyMs,
        user_hash: hashUser(KEY, e.platform, e.userId!),
      })),
    );
    expect(rows.map((r) => ({ ...r, at: Number(r.at) }))).toEqual(expected);
  });

  it("ignores a question recorded twice (the same answer id)", async () => {
    const { store } = await make();
    store.record(question());
    await store.flush();
    store.record(question({ query: "again" }));
    await store.flush();
    const rows = await (await store.database()).selectFrom("questions").select("query").execute();
    expect(rows).toEqual([{ query: "explain --restart" }]);
  });

  it("migrates a store of the previous schema version, keeping its rows", async () => {
    const location = await engine.fresh();
    const versions = Object.keys(MIGRATIONS).sort();
    const previous = versions.at(-2)!;
    const old = await openDatabase(location);
    await migrate(old.db as unknown as Kysely<unknown>, previous);
    expect(await currentVersion(old.db as unknown as Kysely<unknown>)).toBe(previous);
    // A row as the previous version wrote it (no confidence column yet).
    await (old.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto("questions")
      .values({
        answer_id: "v1",
        at: T0,
        day: "2026-01-15",
        platform: "discord",
        surface: "slash",
        kind: "search",
        query: "old question",
        query_norm: "old question",
        outcome: "nothing",
        latency_ms: 1,
      })
      .execute();
    await old.close();
    const store = createStore({ location, hashKey: KEY });
    stores.push(store);
    store.record(question({ answerId: "v2", confidence: "low", outcome: "closest" }));
    await store.flush();
    const db = await store.database();
    expect(await currentVersion(db as unknown as Kysely<unknown>)).toBe(LATEST_VERSION);
    const rows = await db
      .selectFrom("questions")
      .select(["answer_id", "query", "confidence"])
      .orderBy("answer_id")
      .execute();
    expect(rows).toEqual([
      { answer_id: "v1", query: "old question", confidence: null },
      { answer_id: "v2", query: "explain --restart", confidence: "low" },
    ]);
  });

  it("reads the report with the same SQL on this engine", async () => {
    const { store } = await make();
    store.record(question({ answerId: "a1", outcome: "nothing", query: "How to run GPU?", sectionId: undefined }));
    store.record(
      question({
        answerId: "a2",
        outcome: "nothing",
        query: "how to run gpu",
        platform: "discord",
        at: T0 + 86_400_000,
      }),
    );
    store.record(question({ answerId: "a3" }));
    store.record({
      type: "feedback",
      answerId: "a3",
      at: T0,
      platform: "slack",
      userId: "U9",
      vote: "down",
      sectionId: "docker-run/restart",
    });
    store.record({
      type: "reason",
      answerId: "a3",
      at: T0,
      platform: "slack",
      userId: "U9",
      reason: "restart policy on swarm",
    });
    await store.flush();
    const report = await buildReport(await store.database(), { since: T0 - 86_400_000, until: T0 + 2 * 86_400_000 });
    expect(report.totals).toEqual({ questions: 3, answered: 1, closest: 0, nothing: 2, invalid: 0 });
    expect(report.perDay).toEqual([
      { day: "2026-01-15", counts: { slack: 2 }, total: 2 },
      { day: "2026-01-16", counts: { discord: 1 }, total: 1 },
    ]);
    expect(report.unanswered).toEqual([{ question: "How to run GPU?", count: 2, nothing: 2, closest: 0 }]);
    expect(report.downvoted).toEqual([
      {
        sectionId: "docker-run/restart",
        section: "Docker run › 7. 自动重启",
        down: 1,
        up: 0,
        asked: ["explain --restart"],
        reasons: ["restart policy on swarm"],
      },
    ]);
    expect(report.mostAsked).toEqual([
      { sectionId: "docker-run/restart", section: "Docker run › 7. 自动重启", count: 1 },
    ]);
  });
}

describe("store on SQLite", () => suite(sqliteEngine()));
describe.skipIf(!hasPostgres)("store on PostgreSQL (127.0.0.1:5432, a database of its own)", () =>
  suite(postgresEngine()),
);
