import { type Kysely, PostgresAdapter, sql } from "kysely";
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration";

/**
 * Versioned migrations, the same for SQLite and PostgreSQL (Kysely's schema builder writes each
 * engine's SQL). Never edit one that has shipped: add the next. Kysely's Migrator records what
 * ran in `store_migration` and takes a lock (a row lock on PostgreSQL), so replicas starting
 * together migrate once.
 */
export const MIGRATIONS: Record<string, Migration> = {
  "001-questions-and-feedback": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("questions")
        .addColumn("answer_id", "varchar(32)", (c) => c.primaryKey())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("day", "varchar(10)", (c) => c.notNull())
        .addColumn("platform", "varchar(16)", (c) => c.notNull())
        .addColumn("surface", "varchar(16)", (c) => c.notNull())
        .addColumn("locale", "varchar(16)")
        .addColumn("kind", "varchar(16)", (c) => c.notNull())
        .addColumn("query", "text")
        .addColumn("query_norm", "text")
        .addColumn("outcome", "varchar(16)", (c) => c.notNull())
        .addColumn("section_id", "text")
        .addColumn("heading_path", "text")
        .addColumn("latency_ms", "double precision", (c) => c.notNull())
        .addColumn("user_hash", "varchar(64)")
        .execute();
      await db.schema.createIndex("questions_at").on("questions").column("at").execute();
      await db.schema.createIndex("questions_user").on("questions").column("user_hash").execute();
      await db.schema
        .createTable("feedback")
        .addColumn("answer_id", "varchar(32)", (c) => c.notNull())
        .addColumn("user_hash", "varchar(64)", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("platform", "varchar(16)", (c) => c.notNull())
        .addColumn("vote", "varchar(8)", (c) => c.notNull())
        .addColumn("section_id", "text")
        .addColumn("reason", "text")
        // One vote per user per answer: a second press updates this row.
        .addPrimaryKeyConstraint("feedback_pk", ["answer_id", "user_hash"])
        .execute();
      await db.schema.createIndex("feedback_at").on("feedback").column("at").execute();
      await db.schema.createIndex("feedback_user").on("feedback").column("user_hash").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("feedback").execute();
      await db.schema.dropTable("questions").execute();
    },
  },
  // Answers gained a confidence (a confident answer or a closest match); kept beside the outcome.
  "002-question-confidence": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("questions").addColumn("confidence", "varchar(8)").execute();
      await db.schema.createIndex("questions_section").on("questions").column("section_id").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("questions_section").execute();
      await db.schema.alterTable("questions").dropColumn("confidence").execute();
    },
  },
  // Several replicas (issue 16): the per-user rate limit shared over PostgreSQL, and the long
  // questions Discord buttons point to (a custom id holds 100 characters), so a click on any
  // replica finds its question. Buckets are rebuilt from nothing in a few seconds, so on
  // PostgreSQL they are UNLOGGED (no WAL: cheaper per command; emptied after a server crash).
  "003-shared-state": {
    async up(db: Kysely<unknown>) {
      const unlogged = isPostgres(db);
      const buckets = unlogged
        ? db.schema.createTable("rate_limit_buckets").modifyFront(sql`unlogged`)
        : db.schema.createTable("rate_limit_buckets");
      await buckets
        .addColumn("key", "varchar(200)", (c) => c.primaryKey())
        .addColumn("tokens", "double precision", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("allowed", "boolean", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("rate_limit_buckets_at").on("rate_limit_buckets").column("at").execute();
      await db.schema
        .createTable("query_refs")
        .addColumn("key", "varchar(32)", (c) => c.primaryKey())
        .addColumn("query", "text", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("query_refs_at").on("query_refs").column("at").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("query_refs").execute();
      await db.schema.dropTable("rate_limit_buckets").execute();
    },
  },
};

/** The migrations run on both engines; a few statements differ (UNLOGGED is PostgreSQL's). */
function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export const LATEST_VERSION = Object.keys(MIGRATIONS).sort().at(-1)!;

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export function createMigrator(db: Kysely<unknown>): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: "store_migration",
    migrationLockTableName: "store_migration_lock",
  });
}

/** Brings the schema to `target` (default the latest); throws with the failing migration's name. */
export async function migrate(db: Kysely<unknown>, target: string = LATEST_VERSION): Promise<string[]> {
  const migrator = createMigrator(db);
  const { error, results } = await migrator.migrateTo(target);
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`store migration ${failed ?? "(setup)"} failed: ${message}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The newest migration applied, or undefined on an empty database. */
export async function currentVersion(db: Kysely<unknown>): Promise<string | undefined> {
  const all = await createMigrator(db).getMigrations();
  return all.filter((m) => m.executedAt).at(-1)?.name;
}
