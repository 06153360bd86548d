import type { ColumnType } from "kysely";

/**
 * The tables as Kysely sees them. Times are milliseconds since the epoch in a BIGINT (PostgreSQL
 * returns those as strings: read them through `Number`). `day` is the UTC date, written with the
 * row so that grouping by day is the same SQL on both engines.
 */
type BigIntColumn = ColumnType<number | string, number, number>;

export interface QuestionsTable {
  answer_id: string;
  at: BigIntColumn;
  day: string;
  platform: string;
  surface: string;
  locale: string | null;
  kind: string;
  query: string | null;
  query_norm: string | null;
  outcome: string;
  /** Added in migration 002. */
  confidence: string | null;
  section_id: string | null;
  heading_path: string | null;
  latency_ms: number;
  user_hash: string | null;
}

export interface FeedbackTable {
  answer_id: string;
  user_hash: string;
  at: BigIntColumn;
  platform: string;
  vote: string;
  section_id: string | null;
  reason: string | null;
}

/** Migration 003: one token bucket per `<kind>|<platform>:<user>`, shared by replicas (PostgreSQL). */
export interface RateLimitBucketsTable {
  key: string;
  tokens: number;
  at: BigIntColumn;
  /** Whether the last take was allowed (what `RETURNING` reports). */
  allowed: boolean;
}

/** Migration 003: the questions too long for a Discord custom id, by content-addressed key. */
export interface QueryRefsTable {
  key: string;
  query: string;
  at: BigIntColumn;
}

export interface StoreSchema {
  questions: QuestionsTable;
  feedback: FeedbackTable;
  rate_limit_buckets: RateLimitBucketsTable;
  query_refs: QueryRefsTable;
}
