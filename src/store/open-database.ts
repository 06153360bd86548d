import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import type { StoreSchema } from "./schema.js";

export type StoreLocation = { sqlite: string } | { postgres: string };
export type Engine = "sqlite" | "postgres";

export interface OpenedDatabase {
  db: Kysely<StoreSchema>;
  engine: Engine;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Called for errors no query is waiting for (a pooled PostgreSQL connection dropped by the server). */
  onBackgroundError?: (err: Error) => void;
  /**
   * SQLite: how long a write waits for another process's lock (ms, default 100). better-sqlite3
   * waits synchronously, so this is time the event loop stands still: keep it short, the batch is
   * counted as dropped instead.
   */
  busyTimeoutMs?: number;
  /** PostgreSQL: connect and statement timeouts (ms, default 3000). */
  timeoutMs?: number;
}

/**
 * Opens (creating the file if needed) without migrating. SQLite runs in WAL mode so the report
 * can read while the bot writes; PostgreSQL gets a small pool (writes are batched; the shared rate
 * limit adds one short statement per command) whose idle-connection errors are reported instead of crashing the process.
 * Each driver is loaded only when it is used: a bot on SQLite never loads pg, nor the reverse
 * (a few MB of idle RSS each).
 */
export async function openDatabase(location: StoreLocation, options: OpenOptions = {}): Promise<OpenedDatabase> {
  if ("postgres" in location) {
    const { default: pg } = await import("pg");
    const timeout = options.timeoutMs ?? 3000;
    const pool = new pg.Pool({
      connectionString: location.postgres,
      // Batched writes need one or two; with replicas each command also takes a rate-limit token
      // and long Discord questions are kept here (one short statement each).
      max: 4,
      connectionTimeoutMillis: timeout,
      idleTimeoutMillis: 30_000,
      statement_timeout: timeout,
      query_timeout: timeout + 500,
    });
    pool.on("error", (err) => options.onBackgroundError?.(err));
    // A connection checked out when the server goes away emits "error" outside any query (the
    // pool only listens while it is idle): without a listener that would end the process.
    pool.on("connect", (client) => client.on("error", (err) => options.onBackgroundError?.(err)));
    const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: "postgres", close: () => db.destroy() };
  }
  const { default: Database } = await import("better-sqlite3");
  if (location.sqlite !== ":memory:") mkdirSync(dirname(location.sqlite), { recursive: true });
  const sqlite = new Database(location.sqlite, { timeout: options.busyTimeoutMs ?? 100 });
  sqlite.pragma("journal_mode = WAL");
  // WAL + NORMAL: a crash may lose the last batch, never corrupt the file; no fsync per batch.
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine: "sqlite", close: () => db.destroy() };
}
