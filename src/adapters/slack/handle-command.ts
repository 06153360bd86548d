import type { App, RespondArguments } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import { renderSlackNotice, type SlackMessage } from "../../render/slack/index.js";
import { type RateLimiter, rateLimitMessage } from "../rate-limit.js";
import { type SlackAdminOptions, slackAdminReply } from "./admin.js";
import { type Answerer, within } from "./answerer.js";
import { reportError } from "./errors.js";
import { createResponseUrlSender, ResponseUrlError, type ResponseUrlSender } from "./response-url.js";
import { slackTextToPlain } from "./slack-text.js";

export interface CommandHandlerOptions {
  answerer: Answerer;
  logger: Logger;
  /** The slash command, `/docker` unless the manifest names it otherwise. */
  command: string;
  /**
   * How long to wait for the answer before acking with "working on it" and sending the answer
   * through `response_url` instead. Slack drops acks after 3 s; the rest is network headroom.
   */
  ackBudgetMs: number;
  /** Per-user limit (`slack:<user id>`); none when undefined. */
  limiter?: RateLimiter;
  /** Late answers and apologies go through this (retries 429/5xx/timeouts within Slack's limits). */
  sendToResponseUrl?: ResponseUrlSender;
  /** `/docker admin …` for the users in ADMIN_USER_IDS. */
  admin?: SlackAdminOptions;
}

/** Our blocks are a strict subset of Bolt's; the cast only bridges the two type declarations. */
export function toRespond(message: SlackMessage, extra: Partial<RespondArguments> = {}): RespondArguments {
  return { ...extra, text: message.text, blocks: message.blocks } as unknown as RespondArguments;
}

export function registerCommand(app: App, options: CommandHandlerOptions): void {
  const { answerer, logger, command, limiter } = options;
  const sendLate = options.sendToResponseUrl ?? createResponseUrlSender();
  app.command(command, async ({ command: payload, ack, respond: boltRespond }) => {
    const text = slackTextToPlain(payload.text ?? "");
    const log = logger.child({ user: payload.user_id, channel: payload.channel_id, query: text });
    const respond = (args: RespondArguments) =>
      payload.response_url ? sendLate(payload.response_url, args, log) : boltRespond(args);
    const limit = limiter?.take(`slack:${payload.user_id}`);
    if (limit && !limit.allowed) {
      log.info({ retryAfterSeconds: limit.retryAfterSeconds }, "slack slash command rate limited");
      await ack(
        toRespond(renderSlackNotice(rateLimitMessage(limit.retryAfterSeconds)), { response_type: "ephemeral" }),
      );
      return;
    }
    let acked = false;
    try {
      const pending =
        slackAdminReply(text, payload.user_id, options.admin ?? { adminUserIds: [] }) ??
        answerer.reply(text, {}, { surface: "command", userId: payload.user_id });
      const message = await within(pending, options.ackBudgetMs);
      if (message) {
        acked = true;
        await ack(toRespond(message, { response_type: "ephemeral" }));
        log.info("slack slash command answered");
        return;
      }
      acked = true;
      await ack(toRespond(renderSlackNotice("_Looking through the notes…_"), { response_type: "ephemeral" }));
      await respond(toRespond(await pending, { response_type: "ephemeral", replace_original: true }));
      log.info("slack slash command answered late");
    } catch (err) {
      if (err instanceof ResponseUrlError) {
        // The way back to the user is gone (retries spent or the URL expired): an apology would fail too.
        log.error(
          { err, attempts: err.attempts, status: err.status },
          "slack answer could not be delivered to the response_url",
        );
        return;
      }
      const apology = toRespond(reportError(log, err, { command }), { response_type: "ephemeral" });
      if (!acked) await ack(apology);
      else await respond(apology).catch((e: unknown) => log.warn({ err: e }, "could not send the apology"));
    }
  });
}
