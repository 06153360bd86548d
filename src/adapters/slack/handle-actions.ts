import type { App, BlockAction, ButtonAction, RespondFn, webApi } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import { ACTION_IDS, type ActionState, decodeActionValue, renderSlackNotice } from "../../render/slack/index.js";
import { type RateLimiter, rateLimitMessage } from "../rate-limit.js";
import type { Answerer } from "./answerer.js";
import { reportError } from "./errors.js";
import { toRespond } from "./handle-command.js";
import { createResponseUrlSender, type ResponseUrlSender } from "./response-url.js";

export interface ActionHandlerOptions {
  answerer: Answerer;
  logger: Logger;
  /** Per-user limit (`slack:<user id>`), shared with commands; none when undefined. */
  limiter?: RateLimiter;
  /** Replies go through this (retries 429/5xx/timeouts within Slack's limits). */
  sendToResponseUrl?: ResponseUrlSender;
}

interface ClickContext {
  state: ActionState;
  body: BlockAction;
  respond: RespondFn;
  client: webApi.WebClient;
  log: Logger;
  /** False for answers posted publicly (mention threads, DMs): no Share button there. */
  ephemeral: boolean;
}

/** Share: the same view, posted publicly with "shared by", then the private copy is removed. */
async function share({ state, body, respond, client, log }: ClickContext, answerer: Answerer): Promise<void> {
  const message = await answerer.reply(state.q, { page: state.p, examplesOnly: state.x, sharedBy: body.user.id });
  try {
    await respond(toRespond(message, { response_type: "in_channel", replace_original: false }));
  } catch (err) {
    // An expired response_url (30 min, 5 uses): post as the bot instead, if it may write there.
    const channel = body.channel?.id;
    if (!channel) throw err;
    log.warn({ err }, "response_url failed; sharing with chat.postMessage");
    await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never });
  }
  await respond({ delete_original: true }).catch((err: unknown) =>
    log.debug({ err }, "could not delete the ephemeral answer"),
  );
  log.info({ page: state.p }, "slack answer shared");
}

async function replaceView({ state, respond, ephemeral }: ClickContext, answerer: Answerer): Promise<void> {
  const message = await answerer.reply(state.q, { page: state.p, examplesOnly: state.x ?? false, share: ephemeral });
  await respond(toRespond(message, { replace_original: true, ...(ephemeral ? { response_type: "ephemeral" } : {}) }));
}

async function feedback({ state, body, respond, log }: ClickContext): Promise<void> {
  // Stored by a later issue; for now the log line is the record.
  log.info(
    { feedback: state.v, query: state.q, sectionId: state.s, page: state.p, user: body.user.id },
    "slack feedback",
  );
  await respond(
    toRespond(
      renderSlackNotice(state.v === "up" ? "Thanks for the 👍" : "Thanks, noted 👎: we will improve this answer."),
      {
        response_type: "ephemeral",
        replace_original: false,
      },
    ),
  );
}

export function registerActions(app: App, options: ActionHandlerOptions): void {
  const { answerer, logger, limiter } = options;
  const send = options.sendToResponseUrl ?? createResponseUrlSender();
  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: /^docker_/ },
    async ({ action, body, ack, respond: boltRespond, client }) => {
      await ack();
      const log = logger.child({ user: body.user.id, channel: body.channel?.id, action: action.action_id });
      const respond = (
        body.response_url
          ? (args: Parameters<RespondFn>[0]) => send(body.response_url, args as never, log)
          : boltRespond
      ) as RespondFn;
      const limit = limiter?.take(`slack:${body.user.id}`);
      if (limit && !limit.allowed) {
        log.info({ retryAfterSeconds: limit.retryAfterSeconds }, "slack click rate limited");
        await respond(
          toRespond(renderSlackNotice(rateLimitMessage(limit.retryAfterSeconds)), {
            response_type: "ephemeral",
            replace_original: false,
          }),
        ).catch((e: unknown) => log.warn({ err: e }, "could not send the rate limit notice"));
        return;
      }
      try {
        const state = decodeActionValue(action.value);
        if (!state) {
          log.warn({ value: action.value?.slice(0, 200) }, "ignored a click with an unknown value");
          return;
        }
        const container = (body as { container?: { is_ephemeral?: boolean } }).container;
        const click: ClickContext = { state, body, respond, client, log, ephemeral: container?.is_ephemeral !== false };
        const id = action.action_id;
        if (id === ACTION_IDS.share) await share(click, answerer);
        else if (id === ACTION_IDS.feedbackUp || id === ACTION_IDS.feedbackDown) await feedback(click);
        else if (
          id === ACTION_IDS.next ||
          id === ACTION_IDS.examples ||
          id === ACTION_IDS.full ||
          id.startsWith(ACTION_IDS.suggestPrefix)
        ) {
          await replaceView(click, answerer);
        } else log.warn("ignored an unknown action");
      } catch (err) {
        const apology = reportError(log, err, { query: action.value?.slice(0, 200) });
        await respond(toRespond(apology, { response_type: "ephemeral", replace_original: false })).catch((e: unknown) =>
          log.warn({ err: e }, "could not send the apology"),
        );
      }
    },
  );
}
