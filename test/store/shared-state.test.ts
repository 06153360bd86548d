import { sql } from "kysely";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { QueryRefs } from "../../src/adapters/discord/query-refs.js";
import { createSharedRateLimiter } from "../../src/adapters/shared-rate-limit.js";
import type { Logger } from "../../src/logger.js";
import { loadQueryRef, pruneBuckets, saveQueryRef, takeToken } from "../../src/store/shared-state.js";
import { createStore, type EventStore } from "../../src/store/store.js";
import { postgresAvailable, postgresEngine, sqliteEngine } from "./engines.js";
import { question } from "./fixtures.js";

const KEY = "test-key-0123456789abcdef";
const hasPostgres = await postgresAvailable();
const stores: EventStore[] = [];

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

describe.skipIf(!hasPostgres)("shared state on PostgreSQL (issue 16)", () => {
  const engine = postgresEngine();
  afterAll(() => engine.cleanup());

  /** Two stores on one database: two replicas. */
  const replicas = async (n = 2): Promise<EventStore[]> => {
    const location = await engine.fresh();
    const made = Array.from({ length: n }, () => createStore({ location, hashKey: KEY }));
    stores.push(...made);
    for (const s of made) expect(await s.connect()).toBe(true);
    return made;
  };

  it("keeps the rate limit buckets in an UNLOGGED table", async () => {
    const [a] = await replicas(1);
    const db = await a!.connection();
    const r = await sql<{ relpersistence: string; relname: string }>`
      select relname, relpersistence from pg_class where relname in ('rate_limit_buckets', 'query_refs') order by relname`.execute(
      db,
    );
    expect(r.rows).toEqual([
      { relname: "query_refs", relpersistence: "p" },
      { relname: "rate_limit_buckets", relpersistence: "u" },
    ]);
  });

  it("spends exactly the budget when replicas take tokens at the same moment", async () => {
    const [a, b] = await replicas(2);
    const dbs = [await a!.connection(), await b!.connection()];
    const now = 1_700_000_000_000;
    // 10 tokens, no refill to speak of: 60 concurrent takes from two pools, 10 allowed.
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        takeToken(dbs[i % 2]!, { key: "command|slack:U1", capacity: 10, ratePerMs: 1e-9, now }),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    // Another user has a budget of their own.
    expect((await takeToken(dbs[0]!, { key: "command|slack:U2", capacity: 10, ratePerMs: 1e-9, now })).allowed).toBe(
      true,
    );
    // Refilled with time: one token per second here, and the level never passes the capacity.
    const later = await takeToken(dbs[1]!, {
      key: "command|slack:U1",
      capacity: 10,
      ratePerMs: 1 / 1000,
      now: now + 1500,
    });
    expect(later.allowed).toBe(true);
    expect(later.tokens).toBeCloseTo(0.5, 3);
    const much = await takeToken(dbs[1]!, {
      key: "command|slack:U1",
      capacity: 10,
      ratePerMs: 1 / 1000,
      now: now + 1e6,
    });
    expect(much).toEqual({ allowed: true, tokens: 9 });
    // A replica whose clock is behind does not refill the bucket twice.
    const behind = await takeToken(dbs[0]!, { key: "command|slack:U1", capacity: 10, ratePerMs: 1 / 1000, now: now });
    expect(behind).toEqual({ allowed: true, tokens: 8 });
    expect(await pruneBuckets(dbs[0]!, now + 1)).toBe(1);
  });

  it("holds one user's budget across two limiters (one per replica)", async () => {
    const [a, b] = await replicas(2);
    const limiter = (s: EventStore) =>
      createSharedRateLimiter({
        commands: 5,
        windowSeconds: 60,
        take: async (t) => takeToken(await s.connection(), t),
      });
    const [la, lb] = [limiter(a!), limiter(b!)];
    const decisions = [];
    for (let i = 0; i < 8; i++) decisions.push(await (i % 2 ? lb : la).take("discord:U9"));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false, false]);
    expect(decisions[5]?.retryAfterSeconds).toBeGreaterThanOrEqual(11);
    expect(decisions[5]?.retryAfterSeconds).toBeLessThanOrEqual(12);
    // Autocomplete is a budget of its own.
    expect((await la.take("discord:U9", "autocomplete")).allowed).toBe(true);
  });

  it("finds a long question saved by one replica from another", async () => {
    const [a, b] = await replicas(2);
    const save = (s: EventStore) => ({
      save: async (key: string, text: string) => saveQueryRef(await s.connection(), key, text, Date.now()),
      load: async (key: string) => loadQueryRef(await s.connection(), key),
    });
    const onA = new QueryRefs({ shared: save(a!) });
    const onB = new QueryRefs({ shared: save(b!) });
    const long = `explain ${"怎么让容器在宿主机重启以后自动启动并且保留原来的端口映射和数据卷".repeat(3)}`;
    const ref = onA.refFor(long);
    expect(ref.startsWith("k")).toBe(true);
    await onA.settled();
    expect(await onB.resolve(ref)).toBe(long);
    // Content-addressed: the same question gets the same key on every replica.
    expect(onB.refFor(long)).toBe(ref);
    expect(await onB.resolve("kUnknownKey000000")).toBeUndefined();
  });
});

describe.skipIf(!hasPostgres)("replies that wait for their row (STORE_WRITE_WAIT_MS)", () => {
  const engine = postgresEngine();
  afterAll(() => engine.cleanup());

  it("resolves once the row is in the database, batching what was queued at the same moment", async () => {
    const location = await engine.fresh();
    let batches = 0;
    // A flush timer that never fires on its own: only the wait makes it write.
    const store = createStore({ location, hashKey: KEY, flushMs: 3_600_000, onWritten: () => batches++ });
    stores.push(store);
    const written = await Promise.all(
      ["a1", "a2", "a3"].map((id) => store.recordAndWait(question({ answerId: id }), 5000)),
    );
    expect(written).toEqual([true, true, true]);
    expect(batches).toBe(1);
    const rows = await (await store.connection()).selectFrom("questions").select("answer_id").execute();
    expect(rows.map((r) => r.answer_id).sort()).toEqual(["a1", "a2", "a3"]);
  });

  it("does not hold replies while the database is down", async () => {
    const store = createStore({
      location: { postgres: "postgres://postgres@127.0.0.1:1/nothing" },
      hashKey: KEY,
      open: { timeoutMs: 200 },
    });
    stores.push(store);
    const first = Date.now();
    expect(await store.recordAndWait(question(), 5000)).toBe(false);
    expect(Date.now() - first).toBeLessThan(4000);
    // Known to be down now: the next reply does not wait at all.
    const second = Date.now();
    expect(await store.recordAndWait(question({ answerId: "a2" }), 5000)).toBe(false);
    expect(Date.now() - second).toBeLessThan(50);
  });
});

describe("shared state without PostgreSQL", () => {
  it("migrates the new tables on SQLite too (query refs survive a restart)", async () => {
    const engine = sqliteEngine();
    const location = await engine.fresh();
    const first = createStore({ location, hashKey: KEY });
    stores.push(first);
    await saveQueryRef(await first.connection(), "k1", "explain a long question", 1);
    await first.close();
    const second = createStore({ location, hashKey: KEY });
    stores.push(second);
    expect(await loadQueryRef(await second.connection(), "k1")).toBe("explain a long question");
    await engine.cleanup();
  });

  it("falls back to this process's limit when the store fails or is slow, and says so once", async () => {
    const warnings: string[] = [];
    let mode: "fail" | "hang" = "fail";
    const limiter = createSharedRateLimiter({
      commands: 2,
      windowSeconds: 60,
      timeoutMs: 30,
      take: () => (mode === "fail" ? Promise.reject(new Error("ECONNREFUSED")) : new Promise(() => undefined)),
      logger: {
        warn: (...args: unknown[]) => void warnings.push(String(args[1])),
        info: () => undefined,
      } as Pick<Logger, "warn" | "info">,
    });
    expect((await limiter.take("slack:U1")).allowed).toBe(true);
    mode = "hang";
    expect((await limiter.take("slack:U1")).allowed).toBe(true);
    expect((await limiter.take("slack:U1")).allowed).toBe(false);
    expect(warnings).toEqual(["shared rate limit unavailable: limiting in this process until the store answers"]);
  });

  it("answers with the button even when saving its question fails", async () => {
    const warned: unknown[] = [];
    const refs = new QueryRefs({
      shared: { save: () => Promise.reject(new Error("down")), load: () => Promise.reject(new Error("down")) },
      logger: { warn: (o: unknown) => warned.push(o) },
    });
    const ref = refs.refFor("x".repeat(200));
    await refs.settled();
    expect(warned).toHaveLength(1);
    // Still known in this process.
    expect(await refs.resolve(ref)).toBe("x".repeat(200));
    expect(await new QueryRefs({ shared: refs["options"].shared }).resolve(ref)).toBeUndefined();
  });
});
