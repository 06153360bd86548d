import type { App } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import { renderSlackNotice } from "../../render/slack/index.js";
import { type RateLimiter, rateLimitMessage } from "../rate-limit.js";
import type { Answerer } from "./answerer.js";
import { reportError } from "./errors.js";
import { slackTextToPlain } from "./slack-text.js";

export interface EventHandlerOptions {
  answerer: Answerer;
  logger: Logger;
  /** Per-user limit (`slack:<user id>`); none when undefined. */
  limiter?: RateLimiter;
}

/** The fields of message-like events this adapter reads (Bolt's union types are wider). */
interface MessageLike {
  text?: string;
  user?: string;
  channel: string;
  ts: string;
  thread_ts?: string;
  bot_id?: string;
  subtype?: string;
  channel_type?: string;
}

/** Bots (this one included) never get answers: two bots could otherwise talk forever. */
export function isFromBot(event: MessageLike): boolean {
  return Boolean(event.bot_id) || event.subtype === "bot_message";
}

export function registerEvents(app: App, options: EventHandlerOptions): void {
  const { answerer, logger, limiter } = options;

  async function answer(
    event: MessageLike,
    client: App["client"],
    where: "mention" | "dm",
    retryNum: number | undefined,
  ): Promise<void> {
    // Slack retries events it thinks we missed; answering twice would only add noise.
    if (retryNum !== undefined && retryNum > 0) return;
    const text = slackTextToPlain(event.text ?? "");
    const log = logger.child({ user: event.user, channel: event.channel, query: text, where });
    // Mentions answer in a thread (under the question, or in the thread it was asked in).
    const thread = where === "mention" ? { thread_ts: event.thread_ts ?? event.ts } : {};
    const limit = event.user ? limiter?.take(`slack:${event.user}`) : undefined;
    if (limit && !limit.allowed && event.user) {
      log.info({ retryAfterSeconds: limit.retryAfterSeconds }, "slack message rate limited");
      const notice = renderSlackNotice(rateLimitMessage(limit.retryAfterSeconds));
      const send =
        where === "mention"
          ? client.chat.postEphemeral({
              channel: event.channel,
              user: event.user,
              ...thread,
              text: notice.text,
              blocks: notice.blocks as never,
            })
          : client.chat.postMessage({ channel: event.channel, text: notice.text, blocks: notice.blocks as never });
      await send.catch((e: unknown) => log.warn({ err: e }, "could not send the rate limit notice"));
      return;
    }
    try {
      const message = await answerer.reply(
        text,
        { share: false },
        { surface: where, ...(event.user ? { userId: event.user } : {}) },
      );
      await client.chat.postMessage({
        channel: event.channel,
        ...thread,
        text: message.text,
        blocks: message.blocks as never,
      });
      log.info("slack message answered");
    } catch (err) {
      const apology = reportError(log, err, {});
      const send =
        where === "mention" && event.user
          ? client.chat.postEphemeral({
              channel: event.channel,
              user: event.user,
              ...thread,
              text: apology.text,
              blocks: apology.blocks as never,
            })
          : client.chat.postMessage({ channel: event.channel, text: apology.text, blocks: apology.blocks as never });
      await send.catch((e: unknown) => log.warn({ err: e }, "could not send the apology"));
    }
  }

  app.event("app_mention", async ({ event, client, context }) => {
    const e = event as unknown as MessageLike;
    if (isFromBot(e)) return;
    await answer(e, client, "mention", context.retryNum);
  });

  app.event("message", async ({ event, client, context }) => {
    const e = event as unknown as MessageLike;
    // Edits, deletions and joins arrive as subtypes: only fresh human DMs are questions.
    if (e.channel_type !== "im" || e.subtype !== undefined || isFromBot(e)) return;
    await answer(e, client, "dm", context.retryNum);
  });
}
