import { RATE_LIMIT_DEFAULTS } from "../config.js";

/**
 * Per-user rate limits for every adapter: one token bucket per `platform:userId` and kind.
 * Commands (slash commands, mentions, DMs, button clicks) share one budget; autocomplete, which
 * fires on every keystroke, has its own larger one. No timers: buckets refill lazily and idle
 * ones are pruned on use, so a limiter never keeps the process alive.
 */

export type RateLimitKind = "command" | "autocomplete";

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until the next request of this kind would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Spends one token for `key` (e.g. `slack:U123`) or says how long to wait. */
  take(key: string, kind?: RateLimitKind): RateLimitDecision | Promise<RateLimitDecision>;
  /** Buckets currently held in this process (tests, metrics). */
  readonly size: number;
}

/** The in-process limiter: decides at once. */
export interface LocalRateLimiter extends RateLimiter {
  take(key: string, kind?: RateLimitKind): RateLimitDecision;
}

export interface RateLimitOptions {
  /** Commands per window (default 10, `RATE_LIMIT_DEFAULTS` in src/config.ts). */
  commands?: number;
  /** Window in seconds over which `commands` refill (default 30). */
  windowSeconds?: number;
  /** Autocomplete requests per window (default 60). */
  autocomplete?: number;
  /** Autocomplete window in seconds (default: `windowSeconds`). */
  autocompleteWindowSeconds?: number;
  /** Clock in milliseconds (tests). */
  now?: () => number;
  /** Prune idle buckets once this many are held (default 10,000). */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export interface Budget {
  capacity: number;
  /** Tokens per millisecond. */
  rate: number;
}

/** The capacity and refill rate of each kind, from the options (defaults in `RATE_LIMIT_DEFAULTS`). */
export function rateLimitBudgets(options: RateLimitOptions = {}): Record<RateLimitKind, Budget> {
  const windowSeconds = positive(options.windowSeconds, RATE_LIMIT_DEFAULTS.windowSeconds);
  return {
    command: budget(positive(options.commands, RATE_LIMIT_DEFAULTS.commands), windowSeconds),
    autocomplete: budget(
      positive(options.autocomplete, RATE_LIMIT_DEFAULTS.autocomplete),
      positive(options.autocompleteWindowSeconds, windowSeconds),
    ),
  };
}

/** Whole seconds until a bucket at `tokens` holds one again. */
export function retryAfter(tokens: number, bud: Budget): number {
  return Math.max(1, Math.ceil((1 - tokens) / bud.rate / 1000));
}

export function createRateLimiter(options: RateLimitOptions = {}): LocalRateLimiter {
  const now = options.now ?? (() => Date.now());
  const budgets = rateLimitBudgets(options);
  const maxKeys = positive(options.maxKeys, 10_000);
  const buckets = new Map<string, Bucket>();

  const level = (b: Bucket, budget: Budget, t: number): number =>
    Math.min(budget.capacity, b.tokens + Math.max(0, t - b.at) * budget.rate);

  const prune = (t: number): void => {
    for (const [key, b] of buckets) {
      const kind = key.slice(0, key.indexOf("|")) as RateLimitKind;
      const bud = budgets[kind] ?? budgets.command;
      if (level(b, bud, t) >= bud.capacity) buckets.delete(key);
    }
  };

  return {
    get size() {
      return buckets.size;
    },
    take(key, kind = "command") {
      const t = now();
      const bud = budgets[kind];
      const id = `${kind}|${key}`;
      if (!buckets.has(id) && buckets.size >= maxKeys) prune(t);
      const b = buckets.get(id) ?? { tokens: bud.capacity, at: t };
      b.tokens = level(b, bud, t);
      b.at = t;
      buckets.set(id, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { allowed: true, retryAfterSeconds: 0 };
      }
      return { allowed: false, retryAfterSeconds: retryAfter(b.tokens, bud) };
    },
  };
}

/** `false` turns limiting off (trusted callers, load tests); `undefined` means the defaults. */
export function resolveRateLimiter(option: RateLimiter | false | undefined): RateLimiter | undefined {
  if (option === false) return undefined;
  return option ?? createRateLimiter();
}

function budget(capacity: number, windowSeconds: number): Budget {
  return { capacity, rate: capacity / (windowSeconds * 1000) };
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
