import type { Bot } from "../answer/bot.js";

/** Counts `work` as in flight until its promise settles. */
export type TrackWork = <T>(work: () => Promise<T>) => Promise<T>;

export interface TrackedBot {
  bot: Bot;
  /**
   * Counts other work too: an adapter wraps each handler in it, so the reply sent after an answer
   * is built (chat.postMessage, a response_url, slow or retried) is part of the drain.
   */
  track: TrackWork;
  /** Answers being built (and tracked replies being sent) right now. */
  count(): number;
  /** Resolves true once nothing is in flight, false if `timeoutMs` passed first. */
  idle(timeoutMs: number): Promise<boolean>;
}

/**
 * Wraps the bot so shutdown can wait for the answers already started. Adapters only see `Bot`,
 * so every platform (and the console) is covered without touching them.
 */
export function trackInFlight(inner: Bot): TrackedBot {
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  const settle = () => {
    inFlight -= 1;
    if (inFlight === 0) {
      const ws = waiters;
      waiters = [];
      for (const w of ws) w();
    }
  };
  const track: TrackWork = <T>(work: () => Promise<T>): Promise<T> => {
    inFlight += 1;
    let p: Promise<T>;
    try {
      p = work();
    } catch (error) {
      settle();
      return Promise.reject(error);
    }
    return p.finally(settle);
  };
  return {
    bot: {
      ask: (input, options) => track(() => inner.ask(input, options)),
      autocomplete: (partial) => track(() => inner.autocomplete(partial)),
    },
    track,
    count: () => inFlight,
    idle(timeoutMs) {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref();
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
