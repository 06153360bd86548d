import { type Kysely, sql } from "kysely";
import type { StoreSchema } from "./schema.js";

/** A section of the notes as the report names it. */
export interface SectionRef {
  id: string;
  headingPath: string[];
}

export interface ReportOptions {
  /** Start of the window (ms since the epoch). */
  since: number;
  /** End of the window (default now). */
  until: number;
  /** Rows per list (default 10). */
  limit?: number;
  /** Every section of the index being served: names sections and finds the ones never reached. */
  sections?: SectionRef[];
}

export interface GapsReport {
  since: string;
  until: string;
  totals: { questions: number; answered: number; closest: number; nothing: number; invalid: number };
  feedback: { up: number; down: number };
  platforms: string[];
  /** Questions per UTC day and platform, oldest first. */
  perDay: Array<{ day: string; counts: Record<string, number>; total: number }>;
  /** Questions that got nothing or only a closest match, grouped by normalised text. */
  unanswered: Array<{ question: string; count: number; nothing: number; closest: number }>;
  /** Sections with the most 👎: what was asked and what people said they were looking for. */
  downvoted: Array<{
    section: string;
    sectionId: string;
    down: number;
    up: number;
    asked: string[];
    reasons: string[];
  }>;
  /** Sections shown first most often. */
  mostAsked: Array<{ section: string; sectionId: string; count: number }>;
  /** Sections of the index no question reached in the window (undefined without the index). */
  neverReached?: { count: number; of: number; sections: string[] };
}

const n = (v: unknown): number => Number(v ?? 0);

/** Every figure of `npm run report`, the admin command and the web dashboard: plain data, read with portable SQL. */
export async function buildReport(db: Kysely<StoreSchema>, options: ReportOptions): Promise<GapsReport> {
  const limit = options.limit ?? 10;
  const { since, until } = options;
  const inWindow = <T extends "questions" | "feedback">(table: T) =>
    db
      .selectFrom(table as "questions")
      .where("at", ">=", since)
      .where("at", "<", until);
  const names = new Map((options.sections ?? []).map((s) => [s.id, s.headingPath.join(" › ")]));
  const nameOf = (id: string, stored?: string | null) => names.get(id) ?? stored ?? id;

  const outcomes = await inWindow("questions")
    .select(["outcome", (eb) => eb.fn.countAll().as("count")])
    .groupBy("outcome")
    .execute();
  const totals = { questions: 0, answered: 0, closest: 0, nothing: 0, invalid: 0 };
  for (const row of outcomes) {
    totals.questions += n(row.count);
    if (row.outcome in totals) totals[row.outcome as keyof typeof totals] += n(row.count);
  }

  const votes = await db
    .selectFrom("feedback")
    .where("at", ">=", since)
    .where("at", "<", until)
    .select(["vote", (eb) => eb.fn.countAll().as("count")])
    .groupBy("vote")
    .execute();
  const feedback = { up: 0, down: 0 };
  for (const v of votes) if (v.vote === "up" || v.vote === "down") feedback[v.vote] += n(v.count);

  const dayRows = await inWindow("questions")
    .select(["day", "platform", (eb) => eb.fn.countAll().as("count")])
    .groupBy(["day", "platform"])
    .orderBy("day")
    .orderBy("platform")
    .execute();
  const platforms = [...new Set(dayRows.map((r) => r.platform))].sort();
  const perDay: GapsReport["perDay"] = [];
  for (const r of dayRows) {
    let row = perDay.at(-1);
    if (row?.day !== r.day) perDay.push((row = { day: r.day, counts: {}, total: 0 }));
    row.counts[r.platform] = n(r.count);
    row.total += n(r.count);
  }

  const unanswered = await inWindow("questions")
    .where("outcome", "in", ["nothing", "closest"])
    .where("query_norm", "is not", null)
    .select([
      "query_norm",
      (eb) => eb.fn.countAll().as("count"),
      (eb) => eb.fn.min("query").as("example"),
      sql<number>`sum(case when outcome = 'nothing' then 1 else 0 end)`.as("nothing"),
    ])
    .groupBy("query_norm")
    .orderBy(sql`count(*)`, "desc")
    .orderBy("query_norm")
    .limit(limit)
    .execute();

  const down = await db
    .selectFrom("feedback")
    .where("at", ">=", since)
    .where("at", "<", until)
    .where("section_id", "is not", null)
    .select([
      "section_id",
      sql<number>`sum(case when vote = 'down' then 1 else 0 end)`.as("down"),
      sql<number>`sum(case when vote = 'up' then 1 else 0 end)`.as("up"),
    ])
    .groupBy("section_id")
    .having(sql`sum(case when vote = 'down' then 1 else 0 end)`, ">", 0)
    .orderBy(sql`sum(case when vote = 'down' then 1 else 0 end)`, "desc")
    .orderBy("section_id")
    .limit(limit)
    .execute();
  const downIds = down.map((d) => d.section_id!);
  const details = downIds.length
    ? await db
        .selectFrom("feedback as f")
        .leftJoin("questions as q", "q.answer_id", "f.answer_id")
        .where("f.at", ">=", since)
        .where("f.at", "<", until)
        .where("f.vote", "=", "down")
        .where("f.section_id", "in", downIds)
        .select(["f.section_id as sectionId", "q.query as query", "q.heading_path as path", "f.reason as reason"])
        .orderBy("f.at", "desc")
        .orderBy("f.answer_id")
        .execute()
    : [];

  const asked = await inWindow("questions")
    .where("section_id", "is not", null)
    .where("outcome", "in", ["answered", "closest"])
    .select(["section_id", (eb) => eb.fn.countAll().as("count"), (eb) => eb.fn.max("heading_path").as("path")])
    .groupBy("section_id")
    .orderBy(sql`count(*)`, "desc")
    .orderBy("section_id")
    .limit(limit)
    .execute();

  let neverReached: GapsReport["neverReached"];
  if (options.sections) {
    const reached = await inWindow("questions")
      .where("section_id", "is not", null)
      .select("section_id")
      .distinct()
      .execute();
    const seen = new Set(reached.map((r) => r.section_id));
    const missing = options.sections.filter((s) => !seen.has(s.id));
    neverReached = {
      count: missing.length,
      of: options.sections.length,
      sections: missing.slice(0, limit).map((s) => s.headingPath.join(" › ")),
    };
  }

  return {
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    totals,
    feedback,
    platforms,
    perDay,
    unanswered: unanswered.map((u) => ({
      question: u.example ?? u.query_norm ?? "",
      count: n(u.count),
      nothing: n(u.nothing),
      closest: n(u.count) - n(u.nothing),
    })),
    downvoted: down.map((d) => {
      const mine = details.filter((x) => x.sectionId === d.section_id);
      const uniq = (xs: Array<string | null>) => [...new Set(xs.filter((x): x is string => Boolean(x)))].slice(0, 3);
      return {
        sectionId: d.section_id!,
        section: nameOf(d.section_id!, mine.find((m) => m.path)?.path),
        down: n(d.down),
        up: n(d.up),
        asked: uniq(mine.map((m) => m.query)),
        reasons: uniq(mine.map((m) => m.reason)),
      };
    }),
    mostAsked: asked.map((a) => ({
      sectionId: a.section_id!,
      section: nameOf(a.section_id!, a.path),
      count: n(a.count),
    })),
    ...(neverReached ? { neverReached } : {}),
  };
}

/** `7d`, `24h`, `2w` (or a bare number of days) → milliseconds. */
export function parseSince(text: string): number {
  const m = /^(\d+)\s*([hdw]?)$/i.exec(text.trim());
  if (!m) throw new Error(`--since wants a duration like 7d, 24h or 2w (got "${text}")`);
  const unit = (m[2] || "d").toLowerCase();
  const hours = unit === "h" ? 1 : unit === "w" ? 24 * 7 : 24;
  return Number(m[1]) * hours * 3_600_000;
}
