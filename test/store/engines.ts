import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { StoreLocation } from "../../src/store/open-database.js";

/** The shared server the machine runs (trust auth); each run makes a database of its own on it. */
export const PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestEngine {
  name: "sqlite" | "postgres";
  /** A fresh, empty database for one test. */
  fresh(): Promise<StoreLocation>;
  /** Drops what `fresh` made. */
  cleanup(): Promise<void>;
}

/** Resolves to undefined (and says why, once) when no PostgreSQL answers on 127.0.0.1:5432. */
export async function postgresAvailable(url = PG_ADMIN_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch (err) {
    console.warn(
      `PostgreSQL tests skipped: no server answers at ${url} (${(err as Error).message}). ` +
        "Start one (pg_ctlcluster --skip-systemctl-redirect <version> main start) to run them; .ci/run does.",
    );
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function sqliteEngine(): TestEngine {
  const dirs: string[] = [];
  return {
    name: "sqlite",
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), "store-"));
      dirs.push(dir);
      return { sqlite: join(dir, "store.sqlite") };
    },
    async cleanup() {
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Databases named dnb_test_<pid>_<random>, created on the shared server and dropped after. */
export function postgresEngine(adminUrl = PG_ADMIN_URL): TestEngine {
  const made: string[] = [];
  const admin = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };
  return {
    name: "postgres",
    async fresh() {
      const name = `dnb_test_${process.pid}_${randomBytes(4).toString("hex")}`;
      await admin((c) => c.query(`create database ${name}`));
      made.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return { postgres: url.toString() };
    },
    async cleanup() {
      const names = made.splice(0);
      if (names.length === 0) return;
      await admin(async (c) => {
        for (const name of names) await c.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}
