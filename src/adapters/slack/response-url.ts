import type { RespondArguments } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import { DeliveryError } from "../turn.js";

/**
 * Posting to a `response_url` with the retries Slack allows. A response_url takes 5 uses in
 * 30 minutes, so at most `retries` (default 2) more attempts follow a 429 (after its
 * Retry-After, when that is short enough), a 5xx or a timeout; a 4xx other than 429 (expired
 * URL) is final. Every attempt is bounded by `timeoutMs`. The last error is thrown so the
 * caller logs it with the query.
 */
export interface ResponseUrlOptions {
  /** Extra attempts after the first (default 2: three uses of the five Slack allows). */
  retries?: number;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** Wait before retrying a 5xx or a timeout (default 1000 ms, doubled each time). */
  backoffMs?: number;
  /** A longer Retry-After is not waited for (default 15 s): the failure is reported instead. */
  maxRetryAfterSeconds?: number;
  fetch?: typeof fetch;
}

/** The response_url could not take the reply: the way back to that user is gone (see `DeliveryError`). */
export class ResponseUrlError extends DeliveryError {
  override name = "ResponseUrlError";
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly attempts: number,
  ) {
    super(message, "the response_url", { attempts, status });
  }
}

export type ResponseUrlSender = (url: string, message: RespondArguments, log?: Logger) => Promise<void>;

export function createResponseUrlSender(options: ResponseUrlOptions = {}): ResponseUrlSender {
  const retries = Math.max(0, Math.min(4, options.retries ?? 2));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const backoffMs = options.backoffMs ?? 1000;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 15;
  const doFetch = options.fetch ?? globalThis.fetch;

  return async (url, message, log) => {
    let last: ResponseUrlError | undefined;
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      let wait = backoffMs * 2 ** (attempt - 1);
      try {
        const res = await doFetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(message),
          signal: AbortSignal.timeout(timeoutMs),
        });
        // The body is not needed; reading it frees the connection.
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) return;
        last = new ResponseUrlError(`response_url answered ${res.status}`, res.status, attempt);
        if (res.status === 429) {
          const after = Number.parseInt(res.headers.get("retry-after") ?? "", 10);
          if (Number.isFinite(after) && after > maxRetryAfter) break;
          if (Number.isFinite(after) && after >= 0) wait = after * 1000;
        } else if (res.status < 500) break;
      } catch (err) {
        const timedOut = (err as Error).name === "TimeoutError" || (err as Error).name === "AbortError";
        last = new ResponseUrlError(
          timedOut ? `response_url timed out after ${timeoutMs} ms` : `response_url failed: ${(err as Error).message}`,
          undefined,
          attempt,
        );
      }
      if (attempt <= retries) {
        log?.warn(
          { attempt, status: last.status, waitMs: wait, reason: last.message },
          "response_url failed; retrying",
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    throw last ?? new ResponseUrlError("response_url failed", undefined, 0);
  };
}
