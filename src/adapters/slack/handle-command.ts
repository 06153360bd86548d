import type { App, RespondArguments } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import { renderSlackNotice, type SlackMessage } from "../../render/slack/index.js";
import { within, type Answerer } from "./answerer.js";
import { reportError } from "./errors.js";
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
}

/** Our blocks are a strict subset of Bolt's; the cast only bridges the two type declarations. */
export function toRespond(message: SlackMessage, extra: Partial<RespondArguments> = {}): RespondArguments {
  return { ...extra, text: message.text, blocks: message.blocks } as unknown as RespondArguments;
}

export function registerCommand(app: App, options: CommandHandlerOptions): void {
  const { answerer, logger, command } = options;
  app.command(command, async ({ command: payload, ack, respond }) => {
    const text = slackTextToPlain(payload.text ?? "");
    const log = logger.child({ user: payload.user_id, channel: payload.channel_id, query: text });
    let acked = false;
    try {
      const pending = answerer.reply(text);
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
      const apology = toRespond(reportError(log, err, { command }), { response_type: "ephemeral" });
      if (!acked) await ack(apology);
      else await respond(apology).catch((e: unknown) => log.warn({ err: e }, "could not send the apology"));
    }
  });
}
