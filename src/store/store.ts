import { type CompiledQuery, type Insertable, type Kysely, sql } from "kysely";
import type { Logger } from "../logger.js";
import { migrate } from "./migrations.js";
import { normalizeQuery } from "./normalize.js";
import {
  type Engine,
  type OpenedDatabase,
  type OpenOptions,
  openDatabase,
  type StoreLocation,
} from "./open-database.js";
import type { QuestionsTable, StoreSchema } from "./schema.js";
import { MAX_QUERY, MAX_REASON, type StoreEvent } from "./types.js";
import { hashUser } from "./user-hash.js";

export interface StoreOptions {
  location: StoreLocation;
  /** HMAC key for user ids (see user-hash.ts). */
  hashKey: string;
  /** False: no query text and no 👎 reasons are written (STORE_QUERY_TEXT=false). Default true. */
  keepQueryText?: boolean;
  /** Rows older than this are deleted at start and every `pruneEveryMs` (default 90 days). */
  retentionDays?: number;
  logger?: Pick<Logger, "info" | "warn" | "error">;
  /** Events per transaction (default 200). */
  batchSize?: number;
  /** How often the queue is written (default 1000 ms). */
  flushMs?: number;
  /** Events waiting beyond this are dropped (default 10,000). */
  maxQueue?: number;
  /** At most one "dropped" log line per this interval (default 60 s). */
  dropLogMs?: number;
  /** Retention pass interval (default 6 h). */
  pruneEveryMs?: number;
  /** Every dropped event (metrics). */
  onDropped?(count: number): void;
  /** Every event written (metrics, tests). */
  onWritten?(count: number): void;
  open?: OpenOptions;
  now?: () => number;
}

export interface StoreStats {
  queued: number;
  written: number;
  dropped: number;
  /** False after a failed write or open, until the next one succeeds. */
  healthy: boolean;
}

export interface EventStore {
  readonly engine: Engine;
  /** Queues the event and returns at once; never throws. */
  record(event: StoreEvent): void;
  /**
   * Queues the event and has it written at the next turn of the event loop (with whatever else
   * was queued meanwhile): resolves true once it is in the database, false when it was dropped, the
   * store is known to be down, or `waitMs` passed first (it then stays queued). Never rejects.
   */
  recordAndWait(event: StoreEvent, waitMs: number): Promise<boolean>;
  /** Writes everything queued so far (what fails is dropped and counted). */
  flush(): Promise<void>;
  /** Opens and migrates now; false (and logged) when the database can't be reached. */
  connect(): Promise<boolean>;
  /** Deletes rows older than the retention; returns how many. */
  prune(): Promise<number>;
  /** Deletes every row of one person (their platform user id is hashed the same way). */
  forget(platform: string, userId: string): Promise<{ questions: number; feedback: number }>;
  /** The open database for reading (report), opening it if needed. Throws when it can't. */
  database(): Promise<Kysely<StoreSchema>>;
  /**
   * The open database for shared state (rate limit buckets, query refs), without queueing behind
   * the batched writes as `database()` does. Throws when it can't be opened.
   */
  connection(): Promise<Kysely<StoreSchema>>;
  readonly stats: StoreStats;
  /** Starts the flush and retention timers (the runtime does; CLI tools don't). */
  start(): void;
  /** Flushes (bounded by `timeoutMs`), stops the timers and closes the database. */
  close(timeoutMs?: number): Promise<void>;
}

const DAY_MS = 86_400_000;

type QuestionRow = Required<Insertable<QuestionsTable>>;
/** Every column of a question row, in the order `questionRow` builds them (and Kysely compiles them). */
export const QUESTION_COLUMNS = [
  "answer_id",
  "at",
  "day",
  "platform",
  "surface",
  "locale",
  "kind",
  "query",
  "query_norm",
  "outcome",
  "confidence",
  "section_id",
  "heading_path",
  "latency_ms",
  "user_hash",
] as const satisfies ReadonlyArray<keyof QuestionRow>;

/**
 * Storing never delays or breaks an answer: `record` only pushes to a bounded queue; a timer
 * writes the queue in batches, one transaction each. A batch that fails (database stopped,
 * disk full, file locked or read-only, migration impossible) is dropped and counted, the
 * connection is reopened on the next attempt, and writing resumes when the database is back.
 */
export function createStore(options: StoreOptions): EventStore {
  const engine: Engine = "postgres" in options.location ? "postgres" : "sqlite";
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? 200;
  const maxQueue = options.maxQueue ?? 10_000;
  const flushMs = options.flushMs ?? 1000;
  const dropLogMs = options.dropLogMs ?? 60_000;
  const keepText = options.keepQueryText ?? true;
  const retentionMs = (options.retentionDays ?? 90) * DAY_MS;
  const log = options.logger;
  const queue: StoreEvent[] = [];
  // Whoever waits for an event to be written (recordAndWait), by event.
  const waiters = new WeakMap<StoreEvent, (written: boolean) => void>();
  const settle = (events: StoreEvent[], written: boolean) => {
    for (const e of events) {
      const w = waiters.get(e);
      if (w) {
        waiters.delete(e);
        w(written);
      }
    }
  };
  const stats: StoreStats = { queued: 0, written: 0, dropped: 0, healthy: true };
  let opened: OpenedDatabase | undefined;
  let connecting: Promise<OpenedDatabase> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;
  let soon: NodeJS.Immediate | undefined;
  let closed = false;
  // Drops since the last log line, and why.
  let unlogged = 0;
  let lastReason = "";
  let lastDropLog = Number.NEGATIVE_INFINITY;
  let dropLogTimer: NodeJS.Timeout | undefined;

  const logDrops = () => {
    dropLogTimer = undefined;
    if (unlogged === 0) return;
    lastDropLog = now();
    log?.warn(
      { dropped: unlogged, droppedTotal: stats.dropped, reason: lastReason, engine },
      "store unavailable: events dropped (answers are not affected)",
    );
    unlogged = 0;
  };

  const drop = (count: number, reason: string) => {
    if (count <= 0) return;
    stats.dropped += count;
    unlogged += count;
    lastReason = reason;
    options.onDropped?.(count);
    // One line a minute at most: the first drop is logged at once, later ones summed up.
    const wait = lastDropLog + dropLogMs - now();
    if (wait <= 0) logDrops();
    else if (!dropLogTimer) {
      dropLogTimer = setTimeout(logDrops, wait);
      dropLogTimer.unref();
    }
  };

  const fail = async (count: number, err: unknown) => {
    const wasHealthy = stats.healthy;
    stats.healthy = false;
    drop(count, describe(err));
    if (wasHealthy) log?.error({ err, engine }, "store write failed; dropping events until the database is back");
    // A broken connection is replaced on the next attempt (a restarted server, a replaced file).
    const old = opened;
    opened = undefined;
    await old?.close().catch(() => undefined);
  };

  const connectOnce = async (): Promise<OpenedDatabase> => {
    if (opened) return opened;
    connecting ??= (async () => {
      const db = await openDatabase(options.location, {
        ...options.open,
        onBackgroundError: (err) => log?.warn({ err: describe(err), engine }, "store connection lost"),
      });
      try {
        await migrate(db.db as unknown as Kysely<unknown>);
      } catch (err) {
        await db.close().catch(() => undefined);
        throw err;
      }
      opened = db;
      return db;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  /** Runs store work one piece at a time (SQLite has one connection; order keeps votes in sequence). */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };

  const writeQueued = async (): Promise<void> => {
    while (queue.length > 0) {
      const batch = queue.splice(0, batchSize);
      stats.queued = queue.length;
      try {
        const { db } = await connectOnce();
        await writeBatch(db, batch);
        settle(batch, true);
        stats.written += batch.length;
        options.onWritten?.(batch.length);
        if (!stats.healthy) {
          stats.healthy = true;
          log?.info({ engine, droppedTotal: stats.dropped }, "store writing again");
        }
      } catch (err) {
        settle(batch, false);
        await fail(batch.length, err);
        // Try again at the next tick rather than failing every batch queued behind this one now.
        return;
      }
    }
  };

  const writeBatch = async (db: Kysely<StoreSchema>, batch: StoreEvent[]): Promise<void> => {
    await db.transaction().execute(async (trx) => {
      const questions = batch.flatMap((e) => (e.type === "question" ? [questionRow(e)] : []));
      if (questions.length) await trx.executeQuery(insertQuestions(trx, questions));
      // Votes in order: a second press on the same answer updates the first.
      for (const e of batch) {
        if (e.type === "question" || (e.type === "reason" && !keepText)) continue;
        const row = {
          answer_id: e.answerId,
          user_hash: userHash(e.platform, e.userId),
          at: e.at,
          platform: e.platform,
          vote: e.type === "feedback" ? e.vote : "down",
          section_id: e.sectionId ?? null,
          reason: e.type === "reason" ? oneLine(e.reason, MAX_REASON) : null,
        };
        const sectionId = sql<string | null>`coalesce(excluded.section_id, feedback.section_id)`;
        await trx
          .insertInto("feedback")
          .values(row)
          .onConflict((oc) =>
            oc.columns(["answer_id", "user_hash"]).doUpdateSet(
              e.type === "feedback"
                ? {
                    vote: (eb) => eb.ref("excluded.vote"),
                    at: (eb) => eb.ref("excluded.at"),
                    section_id: sectionId,
                    // A 👍 after a 👎 withdraws the reason given with the 👎.
                    reason: sql<string | null>`case when excluded.vote = 'up' then null else feedback.reason end`,
                  }
                : { vote: "down", reason: (eb) => eb.ref("excluded.reason"), section_id: sectionId },
            ),
          )
          .execute();
      }
    });
  };

  /**
   * Kysely builds and compiles a 200-row insert in ~3 ms, most of a batch's cost on the event
   * loop. The SQL only depends on the number of rows, so it is compiled once per count and the
   * parameters are laid out in the same order (row by row, columns in QUESTION_COLUMNS order).
   */
  const compiled = new Map<number, CompiledQuery>();
  const insertQuestions = (db: Kysely<StoreSchema>, rows: QuestionRow[]): CompiledQuery => {
    let template = compiled.get(rows.length);
    if (!template) {
      template = db
        .insertInto("questions")
        .values(rows)
        .onConflict((oc) => oc.column("answer_id").doNothing())
        .compile();
      compiled.set(rows.length, template);
      return template;
    }
    return { ...template, parameters: rows.flatMap((r) => QUESTION_COLUMNS.map((c) => r[c])) };
  };

  // The same user asks many questions: their HMAC is computed once (bounded memory).
  const hashes = new Map<string, string>();
  const userHash = (platform: string, userId: string): string => {
    const key = `${platform}:${userId}`;
    let hash = hashes.get(key);
    if (hash === undefined) {
      if (hashes.size >= 10_000) hashes.clear();
      hash = hashUser(options.hashKey, platform, userId);
      hashes.set(key, hash);
    }
    return hash;
  };

  const questionRow = (e: Extract<StoreEvent, { type: "question" }>): QuestionRow => {
    const query = keepText ? oneLine(e.query, MAX_QUERY) : null;
    return {
      answer_id: e.answerId,
      at: e.at,
      day: new Date(e.at).toISOString().slice(0, 10),
      platform: e.platform,
      surface: e.surface,
      locale: e.locale ?? null,
      kind: e.kind,
      query,
      query_norm: query === null ? null : normalizeQuery(query) || null,
      outcome: e.outcome,
      confidence: e.confidence ?? null,
      section_id: e.sectionId ?? null,
      heading_path: e.headingPath?.length ? e.headingPath.join(" › ") : null,
      latency_ms: Math.round(e.latencyMs * 100) / 100,
      user_hash: e.userId ? userHash(e.platform, e.userId) : null,
    };
  };

  const flush = (): Promise<void> => serial(writeQueued);

  const prune = (): Promise<number> =>
    serial(async () => {
      const { db } = await connectOnce();
      const cutoff = now() - retentionMs;
      const q = await db.deleteFrom("questions").where("at", "<", cutoff).executeTakeFirst();
      const f = await db.deleteFrom("feedback").where("at", "<", cutoff).executeTakeFirst();
      // Buttons older than the retention lose their long question ("this button has expired").
      const r = await db.deleteFrom("query_refs").where("at", "<", cutoff).executeTakeFirst();
      const deleted = Number(q.numDeletedRows) + Number(f.numDeletedRows) + Number(r.numDeletedRows);
      if (deleted)
        log?.info({ deleted, retentionDays: options.retentionDays ?? 90 }, "store retention: old rows deleted");
      return deleted;
    });

  const schedule = () => {
    if (soon || closed) return;
    soon = setImmediate(() => {
      soon = undefined;
      void flush();
    });
  };

  const record = (event: StoreEvent): void => {
    if (closed) return drop(1, "store closed");
    if (queue.length >= maxQueue) return drop(1, "queue full (database too slow or down)");
    queue.push(event);
    if (queue.length >= batchSize) schedule();
  };

  return {
    engine,
    get stats() {
      return { ...stats, queued: queue.length };
    },
    record,
    recordAndWait(event, waitMs) {
      if (closed || queue.length >= maxQueue || !stats.healthy || waitMs <= 0) {
        record(event);
        return Promise.resolve(false);
      }
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(event);
          resolve(false);
        }, waitMs);
        waiters.set(event, (written) => {
          clearTimeout(timer);
          resolve(written);
        });
        queue.push(event);
        schedule();
      });
    },
    flush,
    async connect() {
      try {
        await serial(connectOnce);
        return true;
      } catch (err) {
        stats.healthy = false;
        log?.error({ err, engine }, "store unavailable; answers continue, events are dropped until it is back");
        return false;
      }
    },
    prune,
    forget: async (platform, userId) => {
      await flush();
      return serial(async () => {
        const { db } = await connectOnce();
        const hash = hashUser(options.hashKey, platform, userId);
        const q = await db.deleteFrom("questions").where("user_hash", "=", hash).executeTakeFirst();
        const f = await db.deleteFrom("feedback").where("user_hash", "=", hash).executeTakeFirst();
        return { questions: Number(q.numDeletedRows), feedback: Number(f.numDeletedRows) };
      });
    },
    database: async () => (await serial(connectOnce)).db,
    connection: async () => {
      if (closed) throw new Error("store closed");
      return (await connectOnce()).db;
    },
    start() {
      if (timer || closed) return;
      timer = setInterval(() => void flush(), flushMs);
      timer.unref();
      const pruneQuietly = () =>
        void prune().catch((err: unknown) => log?.warn({ err: describe(err) }, "store retention pass failed"));
      pruneQuietly();
      pruneTimer = setInterval(pruneQuietly, options.pruneEveryMs ?? 6 * 3_600_000);
      pruneTimer.unref();
    },
    async close(timeoutMs = 3000) {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      clearInterval(pruneTimer);
      if (soon) clearImmediate(soon);
      let t: NodeJS.Timeout | undefined;
      await Promise.race([
        flush(),
        new Promise((resolve) => {
          t = setTimeout(resolve, timeoutMs);
        }),
      ]).finally(() => clearTimeout(t));
      if (queue.length) {
        const left = queue.splice(0);
        settle(left, false);
        drop(left.length, "shutdown before the database answered");
      }
      if (dropLogTimer) {
        clearTimeout(dropLogTimer);
        logDrops();
      }
      await serial(async () => {
        const old = opened;
        opened = undefined;
        await old?.close();
      }).catch(() => undefined);
    },
  };
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : line.slice(0, max - 1) + "…";
}

/** A short reason for logs and the drop line: SQLite and pg errors carry a code. */
function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    return code ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
