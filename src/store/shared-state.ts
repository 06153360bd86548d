import { type Kysely, sql } from "kysely";
import type { StoreSchema } from "./schema.js";

/**
 * What replicas share besides the events (issue 16): token buckets for the per-user rate limit and
 * the long questions Discord buttons point to. Plain functions over the store's open database; the
 * adapters decide when to use them (only with PostgreSQL for the buckets: alone, a process limits
 * in memory).
 */

export interface BucketTake {
  /** `<kind>|<platform>:<user>`. */
  key: string;
  /** Tokens a full bucket holds. */
  capacity: number;
  /** Tokens refilled per millisecond. */
  ratePerMs: number;
  /** Milliseconds since the epoch (the replica's clock; the stored time never goes back). */
  now: number;
}

export interface BucketResult {
  allowed: boolean;
  /** Tokens left after this take. */
  tokens: number;
}

/**
 * Spends one token of a shared bucket in one statement: `INSERT … ON CONFLICT DO UPDATE …
 * RETURNING`, so two replicas taking at once are serialised by the row lock and neither reads a
 * stale level. A missing row is a full bucket. PostgreSQL only (GREATEST/LEAST).
 */
export async function takeToken(db: Kysely<StoreSchema>, take: BucketTake): Promise<BucketResult> {
  const capacity = sql`${take.capacity}::double precision`;
  const now = sql`${Math.round(take.now)}::bigint`;
  const level = sql`least(${capacity}, b.tokens + greatest(0, ${now} - b.at) * ${take.ratePerMs}::double precision)`;
  const result = await sql<{ tokens: number; allowed: boolean }>`
    insert into rate_limit_buckets as b (key, tokens, at, allowed)
    values (${take.key}, ${capacity} - 1, ${now}, true)
    on conflict (key) do update set
      tokens = case when ${level} >= 1 then ${level} - 1 else ${level} end,
      allowed = ${level} >= 1,
      at = greatest(b.at, ${now})
    returning tokens, allowed`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error("rate limit bucket update returned no row");
  return { allowed: row.allowed, tokens: Number(row.tokens) };
}

/** Deletes buckets idle since `before` (they are full again: the same as no row). */
export async function pruneBuckets(db: Kysely<StoreSchema>, before: number): Promise<number> {
  const r = await db.deleteFrom("rate_limit_buckets").where("at", "<", before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Keeps a question under its key (content-addressed: the same key always holds the same text). */
export async function saveQueryRef(db: Kysely<StoreSchema>, key: string, query: string, at: number): Promise<void> {
  await db
    .insertInto("query_refs")
    .values({ key, query, at })
    .onConflict((oc) => oc.column("key").doUpdateSet({ at: (eb) => eb.ref("excluded.at") }))
    .execute();
}

export async function loadQueryRef(db: Kysely<StoreSchema>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom("query_refs").select("query").where("key", "=", key).executeTakeFirst();
  return row?.query;
}
