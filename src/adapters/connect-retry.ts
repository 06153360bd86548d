/**
 * Connecting to a chat platform at start: a rejected credential stops the start (retrying would
 * not help; the message names the setting to fix), anything else (the API unreachable, a 5xx, a
 * rate limit) is retried with exponential backoff while /readyz says "not ready".
 */

/** The platform refused a token: the process should stop and say which variable to fix. */
export class CredentialsRejectedError extends Error {
  override name = "CredentialsRejectedError";
  constructor(
    /** The setting that holds the rejected credential, e.g. `SLACK_BOT_TOKEN`. */
    readonly variable: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ConnectRetryOptions {
  /** First wait after a failure (default 1 s); doubled after each failure. */
  minDelayMs?: number;
  /** Longest wait between attempts (default 30 s). */
  maxDelayMs?: number;
}

export interface ConnectWithBackoffOptions extends ConnectRetryOptions {
  /** Aborting stops the attempts (shutdown during start); the promise then resolves with `undefined`. */
  signal?: AbortSignal;
  /** Turns a failure into a `CredentialsRejectedError` when it is one; other failures are retried. */
  classify(error: unknown): CredentialsRejectedError | undefined;
  /** Told about every failure that will be retried. */
  onRetry(error: unknown, delayMs: number, attempt: number): void;
}

/** Calls `connect` until it succeeds, a credential is rejected (thrown) or `signal` aborts (resolves `undefined`). */
export async function connectWithBackoff<T>(
  connect: () => Promise<T>,
  options: ConnectWithBackoffOptions,
): Promise<T | undefined> {
  const max = options.maxDelayMs ?? 30_000;
  let delay = Math.min(options.minDelayMs ?? 1000, max);
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) return undefined;
    try {
      return await connect();
    } catch (error) {
      if (options.signal?.aborted) return undefined;
      const rejected = options.classify(error);
      if (rejected) throw rejected;
      options.onRetry(error, delay, attempt);
    }
    await sleep(delay, options.signal);
    delay = Math.min(delay * 2, max);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** A short description of a connection failure for the log (no stack: it repeats every attempt). */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
