import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createStore, type EventStore } from "../../src/store/store.js";
import { question } from "./fixtures.js";
import { ThrowawayCluster } from "./throwaway-cluster.js";

const KEY = "test-key-0123456789abcdef";
const quietLog = () => {
  const lines: Array<{ level: string; msg: string; obj: unknown }> = [];
  const at = (level: string) => (obj: unknown, msg?: string) => lines.push({ level, msg: msg ?? String(obj), obj });
  return { lines, logger: { info: at("info"), warn: at("warn"), error: at("error") } as never };
};

const stores: EventStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close(500);
});

describe("SQLite faults", () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), "store-fault-"));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) {
      unprotect(d);
      rmSync(d, { recursive: true, force: true });
    }
  });

  it("a file locked by another process: the batch is dropped and counted quickly, writing resumes after", async () => {
    const file = join(tmp(), "store.sqlite");
    const log = quietLog();
    const store = createStore({ location: { sqlite: file }, hashKey: KEY, logger: log.logger });
    stores.push(store);
    expect(await store.connect()).toBe(true);
    const other = new Database(file);
    other.exec("BEGIN EXCLUSIVE");
    store.record(question({ answerId: "while-locked" }));
    const t0 = performance.now();
    await store.flush();
    // better-sqlite3 waits synchronously for the lock: bounded by the busy timeout (100 ms).
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(store.stats).toMatchObject({ dropped: 1, written: 0, healthy: false });
    expect(log.lines.some((l) => l.level === "warn" && /events dropped/.test(l.msg))).toBe(true);
    other.exec("COMMIT");
    other.close();
    store.record(question({ answerId: "after" }));
    await store.flush();
    expect(store.stats).toMatchObject({ dropped: 1, written: 1, healthy: true });
    expect(log.lines.some((l) => /writing again/.test(l.msg))).toBe(true);
  });

  const readOnly = protectable();
  it.skipIf(readOnly !== true)(
    `a read-only store file and folder: events dropped and counted, resumes once writable${readOnly === true ? "" : ` (skipped: ${readOnly})`}`,
    async () => {
      const dir = tmp();
      const file = join(dir, "store.sqlite");
      // A store made by an earlier run, then the folder and file became read-only (a read-only mount).
      const first = createStore({ location: { sqlite: file }, hashKey: KEY });
      first.record(question({ answerId: "before" }));
      await first.flush();
      await first.close();
      protect(dir);
      const log = quietLog();
      const store = createStore({ location: { sqlite: file }, hashKey: KEY, logger: log.logger });
      stores.push(store);
      for (let i = 0; i < 3; i++) store.record(question({ answerId: `ro${i}` }));
      await store.flush();
      expect(store.stats).toMatchObject({ dropped: 3, written: 0, healthy: false });
      expect(log.lines.some((l) => l.level === "error")).toBe(true);
      unprotect(dir);
      store.record(question({ answerId: "writable-again" }));
      await store.flush();
      expect(store.stats).toMatchObject({ written: 1, healthy: true });
      const ids = await (await store.database())
        .selectFrom("questions")
        .select("answer_id")
        .orderBy("answer_id")
        .execute();
      expect(ids.map((r) => r.answer_id)).toEqual(["before", "writable-again"]);
    },
  );

  it("a store path that can't be created (a file where the folder should be): dropped, never thrown", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "not-a-dir"), "x");
    const store = createStore({
      location: { sqlite: join(dir, "not-a-dir", "store.sqlite") },
      hashKey: KEY,
      logger: quietLog().logger,
    });
    stores.push(store);
    expect(await store.connect()).toBe(false);
    expect(() => store.record(question())).not.toThrow();
    await store.flush();
    expect(store.stats).toMatchObject({ dropped: 1, healthy: false });
  });
});

const clusterProblem = ThrowawayCluster.unavailable();
describe.skipIf(clusterProblem !== undefined)(
  `PostgreSQL stopped mid-run (a throwaway cluster of its own)${clusterProblem ? ` (skipped: ${clusterProblem})` : ""}`,
  () => {
    const cluster = new ThrowawayCluster();
    beforeAll(() => cluster.init(), 60_000);
    afterAll(() => cluster.destroy(), 60_000);

    it("drops and counts while the server is down, never throws or blocks, and resumes when it is back", async () => {
      const log = quietLog();
      const dropped: number[] = [];
      const store = createStore({
        location: { postgres: cluster.url },
        hashKey: KEY,
        logger: log.logger,
        onDropped: (n) => dropped.push(n),
        open: { timeoutMs: 1000 },
      });
      stores.push(store);
      store.record(question({ answerId: "up-1" }));
      await store.flush();
      expect(store.stats).toMatchObject({ written: 1, dropped: 0 });

      await cluster.stop();
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        store.record(question({ answerId: `down-${i}` }));
        expect(performance.now() - t0).toBeLessThan(50);
      }
      await store.flush();
      expect(store.stats).toMatchObject({ written: 1, dropped: 5, healthy: false });
      expect(dropped.reduce((a, b) => a + b, 0)).toBe(5);
      expect(log.lines.filter((l) => /events dropped/.test(l.msg))).toHaveLength(1);

      await cluster.start();
      store.record(question({ answerId: "up-2" }));
      await store.flush();
      expect(store.stats).toMatchObject({ written: 2, dropped: 5, healthy: true });
      const ids = await (await store.database())
        .selectFrom("questions")
        .select("answer_id")
        .orderBy("answer_id")
        .execute();
      expect(ids.map((r) => r.answer_id)).toEqual(["up-1", "up-2"]);
    }, 60_000);
  },
);

/** Whether this process can make a folder read-only for itself: chmod for a user, chattr +i for root. */
function protectable(): true | string {
  const dir = mkdtempSync(join(tmpdir(), "ro-probe-"));
  try {
    protect(dir);
    try {
      mkdirSync(join(dir, "x"));
      return "this user can write to read-only folders and chattr +i is not available";
    } catch {
      return true;
    } finally {
      unprotect(dir);
    }
  } catch (err) {
    return `can't make a folder read-only here (${(err as Error).message})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function protect(dir: string): void {
  if (process.getuid?.() === 0) execFileSync("chattr", ["-R", "+i", dir], { stdio: "pipe" });
  else {
    chmodSync(join(dir, "store.sqlite"), 0o444);
    chmodSync(dir, 0o555);
  }
}

function unprotect(dir: string): void {
  try {
    if (process.getuid?.() === 0) execFileSync("chattr", ["-R", "-i", dir], { stdio: "pipe" });
    else chmodSync(dir, 0o755);
  } catch {
    // Already writable, or gone.
  }
}
