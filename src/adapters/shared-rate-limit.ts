import type { Logger } from "../logger.js";
import type { BucketResult, BucketTake } from "../store/index.js";
import {
  createRateLimiter,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimitKind,
  type RateLimitOptions,
  rateLimitBudgets,
  retryAfter,
} from "./rate-limit.js";

export interface SharedRateLimitOptions extends RateLimitOptions {
  /** Spends one token of a bucket in the shared store (`takeToken` over PostgreSQL). */
  take(take: BucketTake): Promise<BucketResult>;
  /** Deletes buckets idle since `before` (run at most once a minute, in the background). */
  prune?(before: number): Promise<unknown>;
  /**
   * Past this many milliseconds the store's answer is not waited for: this process decides alone
   * (its own in-memory bucket), so a slow or stopped database never holds an answer (default 250).
   */
  timeoutMs?: number;
  logger?: Pick<Logger, "warn" | "info">;
}

const PRUNE_EVERY_MS = 60_000;
const LOG_EVERY_MS = 60_000;

/**
 * One user's budget across every replica (issue 16): each command is one atomic statement on the
 * shared store's bucket. When the store fails or is slow, the decision falls back to this
 * process's own limiter (a user can then get up to one budget per replica: the trade-off of
 * answering rather than refusing while the database is away), logged once a minute.
 */
export function createSharedRateLimiter(options: SharedRateLimitOptions): RateLimiter {
  const now = options.now ?? (() => Date.now());
  const budgets = rateLimitBudgets(options);
  const local = createRateLimiter(options);
  const timeoutMs = options.timeoutMs ?? 250;
  const longestWindowMs = Math.max(...Object.values(budgets).map((b) => b.capacity / b.rate));
  let lastPrune = now();
  let lastLog = Number.NEGATIVE_INFINITY;
  let fallbacks = 0;

  const fallBack = (key: string, kind: RateLimitKind, err: unknown): RateLimitDecision => {
    fallbacks++;
    const t = now();
    if (t - lastLog >= LOG_EVERY_MS) {
      lastLog = t;
      options.logger?.warn(
        { err: err instanceof Error ? err.message : String(err), fallbacks },
        "shared rate limit unavailable: limiting in this process until the store answers",
      );
      fallbacks = 0;
    }
    return local.take(key, kind);
  };

  const maybePrune = (t: number) => {
    if (!options.prune || t - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = t;
    options.prune(t - 2 * longestWindowMs).catch(() => undefined);
  };

  return {
    get size() {
      return local.size;
    },
    async take(key, kind = "command") {
      const t = now();
      const bud = budgets[kind];
      maybePrune(t);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        const r = await Promise.race([
          options.take({ key: `${kind}|${key}`, capacity: bud.capacity, ratePerMs: bud.rate, now: t }),
          late,
        ]);
        return r.allowed
          ? { allowed: true, retryAfterSeconds: 0 }
          : { allowed: false, retryAfterSeconds: retryAfter(r.tokens, bud) };
      } catch (err) {
        return fallBack(key, kind, err);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
