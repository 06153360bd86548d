import type { Kysely } from "kysely";
import type { StoreSchema } from "./schema.js";
import { OUTCOMES, type Outcome } from "./types.js";

/** One chart's x axis: every UTC day of the window, oldest first (days without a row count 0). */
export interface DailySeries {
  days: string[];
  /** Questions per day for each platform. */
  platforms: Record<string, number[]>;
  /** Questions per day for each outcome (answered, closest, nothing, invalid). */
  outcomes: Record<Outcome, number[]>;
  /** 👍 and 👎 per day. */
  votes: { up: number[]; down: number[] };
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (UTC) of a time, as the `day` column holds it. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * What the web dashboard draws, for the window [since, until): every day of it, with the
 * questions per platform and per outcome and the votes. Portable SQL (grouped by the `day`
 * column written with each question); votes are few, so they are bucketed here by their time.
 */
export async function dailySeries(db: Kysely<StoreSchema>, since: number, until: number): Promise<DailySeries> {
  const days: string[] = [];
  for (let t = Date.parse(`${utcDay(since)}T00:00:00Z`); t < until; t += DAY_MS) days.push(utcDay(t));
  const at = new Map(days.map((d, i) => [d, i]));
  const zeros = () => days.map(() => 0);

  const rows = await db
    .selectFrom("questions")
    .where("at", ">=", since)
    .where("at", "<", until)
    .select(["day", "platform", "outcome", (eb) => eb.fn.countAll().as("count")])
    .groupBy(["day", "platform", "outcome"])
    .execute();
  const platforms: Record<string, number[]> = {};
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, zeros()])) as Record<Outcome, number[]>;
  for (const r of rows) {
    const i = at.get(r.day);
    if (i === undefined) continue;
    const count = Number(r.count);
    (platforms[r.platform] ??= zeros())[i]! += count;
    if (r.outcome in outcomes) outcomes[r.outcome as Outcome][i]! += count;
  }

  const votes = { up: zeros(), down: zeros() };
  const feedback = await db
    .selectFrom("feedback")
    .where("at", ">=", since)
    .where("at", "<", until)
    .select(["at", "vote"])
    .execute();
  for (const f of feedback) {
    const i = at.get(utcDay(Number(f.at)));
    if (i !== undefined && (f.vote === "up" || f.vote === "down")) votes[f.vote][i]! += 1;
  }
  return { days, platforms, outcomes, votes };
}
