import { randomBytes } from "node:crypto";
import type { AskOptions, Bot } from "../answer/bot.js";
import type { Answer, Command } from "../answer/types.js";
import type { Logger } from "../logger.js";
import type { Locale } from "../render/i18n/locale.js";
import { apologyMessage, rateLimitMessage } from "../render/wording.js";
import type { RateLimiter, RateLimitKind } from "./rate-limit.js";

/**
 * One question's way through any adapter, written once: rate limit → notice, ask → render →
 * reply (deferred when the platform has a deadline), and on failure a logged error id and the
 * apology that quotes it. Platforms only say how a payload becomes a `Turn` and how a reply is
 * delivered (`Replier`); every question passes here with who asked, where.
 */
export type Platform = "slack" | "discord" | "console";

/** Where on the platform the question was asked. */
export type Surface =
  | "slash"
  | "mention"
  | "dm"
  | "button"
  | "autocomplete"
  | "console"
  /** "Ask the notes" on someone's message (Slack message shortcut, Discord message context menu). */
  | "shortcut"
  /** A reply in a thread where the bot answered (Slack), or to the bot's message (Discord). */
  | "followup"
  /** A top-level message in an answer channel (ANSWER_CHANNELS). */
  | "channel"
  /** Slack's App Home tab being opened. */
  | "home";

export interface Asker {
  platform: Platform;
  surface: Surface;
  /** The platform's user id; undefined when it gives none (then no rate limit applies). */
  userId: string | undefined;
  /** The user's locale when the platform sends one (Discord's `locale`). */
  locale?: string;
}

/** How one platform delivers the replies of one turn. `R` is that platform's reply. */
export interface Replier<R> {
  /** True once a first response went out: an apology then replaces it (`edit`) instead of being sent. */
  readonly responded: boolean;
  /** The first (usually the only) response. */
  send(reply: R): Promise<void>;
  /** Replaces the first response (after `deferral.defer`, or with an apology). */
  edit(reply: R): Promise<void>;
  /**
   * Platforms that must respond within a deadline (Slack's ack, Discord's interaction response):
   * when the reply is not ready within `afterMs`, `defer` sends the "working on it" response and
   * the reply follows through `edit`.
   */
  deferral?: { afterMs: number; defer(): Promise<void> };
}

export interface Turn<R> {
  asker: Asker;
  /** The platform's logger for this question (user, channel, query). */
  log: Logger;
  replier: Replier<R>;
  /** The platform's short private message: the over-limit reply and the apology. */
  notice(text: string): R;
  /** The language of those notices (default English). */
  locale?: Locale;
  /** Extra fields for the failure's log line (the query, a button's id). */
  failureContext?(): Record<string, unknown>;
}

/** What the turn needs from the core. */
export interface TurnContext {
  bot: Bot;
  /** Per-user budget keyed `<platform>:<user id>`; none when undefined. */
  limiter?: RateLimiter | undefined;
}

/**
 * Asks the core on behalf of the turn's asker (an empty text is a request for help). A fresh
 * question is recorded (metrics, the store) with who asked and where; a button re-asking passes
 * the id of the answer it is on (`again`), which the new answer keeps, and is not recorded again.
 */
export type Ask = (input: string | Command, again?: AskAgain) => Promise<Answer>;

/**
 * `answerId`: a button re-asking the answer it is on. `record: false`: a probe (a follow-up read
 * alone and with its thread, an answer channel deciding whether to speak), answered but not
 * recorded; the question the adapter then answers with is asked once more and recorded.
 */
export interface AskAgain {
  answerId?: string | undefined;
  record?: false;
}

/** Surfaces where a question is typed (recorded); buttons and autocomplete only re-ask or suggest. */
function questionSurface(surface: Surface): AskOptions["surface"] {
  switch (surface) {
    case "slash":
    case "mention":
    case "dm":
    case "console":
    case "shortcut":
    case "followup":
    case "channel":
      return surface;
    case "button":
    case "autocomplete":
    case "home":
      return undefined;
  }
}

/** The options `bot.ask` gets for this asker. */
export function askOptions(asker: Asker, again?: AskAgain): AskOptions {
  const surface = again?.record === false ? undefined : questionSurface(asker.surface);
  return {
    platform: asker.platform,
    ...(asker.userId ? { userId: asker.userId } : {}),
    ...(asker.locale ? { locale: asker.locale } : {}),
    ...(again?.answerId ? { answerId: again.answerId } : surface ? { surface } : {}),
  };
}

/**
 * The way back to the user is gone (a response_url used up or expired): logged, and no apology
 * is attempted since it would go the same way.
 */
export class DeliveryError extends Error {
  override name = "DeliveryError";
  constructor(
    message: string,
    /** What could not be reached, for the log line ("the response_url"). */
    readonly target: string,
    /** Logged with the error (attempts, status). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export type TurnResult = "answered" | "answered late" | "nothing sent" | "limited" | "failed";

/**
 * Runs one question: the rate limit, then `work` (which asks through `ask` and renders the
 * platform's reply, or returns undefined when it has nothing to send), delivered through the
 * turn's replier. Never throws.
 */
export async function takeTurn<R>(
  context: TurnContext,
  turn: Turn<R>,
  work: (ask: Ask) => Promise<R | undefined>,
): Promise<TurnResult> {
  const { asker, log, replier } = turn;
  const wait = await overLimit(context, asker, log);
  if (wait !== undefined) {
    await replier
      .send(turn.notice(rateLimitMessage(wait, turn.locale)))
      .catch((err: unknown) => log.warn({ err }, "could not send the rate limit notice"));
    return "limited";
  }
  const ask: Ask = (input, again) =>
    context.bot.ask(typeof input === "string" && input.trim() === "" ? "help" : input, askOptions(asker, again));
  try {
    return await deliver(replier, work(ask));
  } catch (err) {
    if (err instanceof DeliveryError) {
      log.error({ err, ...err.details }, `${asker.platform} answer could not be delivered to ${err.target}`);
      return "failed";
    }
    const errorId = logFailure(log, asker.platform, err, turn.failureContext?.() ?? {});
    const apology = turn.notice(apologyMessage(errorId, turn.locale));
    try {
      if (replier.responded) await replier.edit(apology);
      else await replier.send(apology);
    } catch (again) {
      log.warn({ err: again }, "could not send the apology");
    }
    return "failed";
  }
}

/**
 * Spends one token of the asker's budget; when over it, logs that and returns the wait in
 * seconds. Undefined: go ahead.
 */
export async function overLimit(
  context: TurnContext,
  asker: Asker,
  log: Logger,
  kind: RateLimitKind = "command",
): Promise<number | undefined> {
  if (!context.limiter || !asker.userId) return undefined;
  const decision = await context.limiter.take(`${asker.platform}:${asker.userId}`, kind);
  if (decision.allowed) return undefined;
  log.info(
    { user: asker.userId, surface: asker.surface, kind, retryAfterSeconds: decision.retryAfterSeconds },
    `${asker.platform} rate limited`,
  );
  return decision.retryAfterSeconds;
}

/** Logs a handler failure with a fresh error id (the apology quotes it, so a user's report finds the stack). */
export function logFailure(log: Logger, platform: Platform, err: unknown, context: Record<string, unknown>): string {
  const errorId = randomBytes(4).toString("hex");
  log.error({ err, errorId, ...context }, `${platform} handler failed`);
  return errorId;
}

const SLOW = Symbol("slow");

/** Sends the reply when ready; past the replier's deadline, defers first and edits the reply in. */
async function deliver<R>(replier: Replier<R>, work: Promise<R | undefined>): Promise<TurnResult> {
  const { deferral } = replier;
  if (deferral) {
    // Observed here so a failure after the defer can't surface as an unhandled rejection.
    work.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<typeof SLOW>((resolve) => {
      timer = setTimeout(() => resolve(SLOW), deferral.afterMs);
    });
    try {
      const first = await Promise.race([work, slow]);
      if (first !== SLOW) return await sendIfAny(replier, first);
    } finally {
      clearTimeout(timer);
    }
    await deferral.defer();
    const late = await work;
    if (late === undefined) return "nothing sent";
    await replier.edit(late);
    return "answered late";
  }
  return sendIfAny(replier, await work);
}

async function sendIfAny<R>(replier: Replier<R>, reply: R | undefined): Promise<TurnResult> {
  if (reply === undefined) return "nothing sent";
  await replier.send(reply);
  return "answered";
}
