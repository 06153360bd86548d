import type { App, BlockAction, ButtonAction, RespondFn, webApi } from "@slack/bolt";
import { type FeedbackSink, NO_FEEDBACK } from "../../answer/hooks.js";
import type { Logger } from "../../logger.js";
import {
  ACTION_IDS,
  type ActionState,
  decodeActionValue,
  decodeReasonMeta,
  REASON_MODAL,
  reasonModal,
  renderSlackNotice,
} from "../../render/slack/index.js";
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
  /** 👍/👎 and the 👎 modal's answer. */
  feedback?: FeedbackSink;
}

interface ClickContext {
  state: ActionState;
  body: BlockAction;
  respond: RespondFn;
  client: webApi.WebClient;
  log: Logger;
  /** False for answers posted publicly (mention threads, DMs): no Share button there. */
  ephemeral: boolean;
  feedback: FeedbackSink;
}

/** A button re-renders the answer it is on: same id, not recorded as a new question. */
const same = (state: ActionState) => (state.a ? { answerId: state.a } : {});

/** Share: the same view, posted publicly with "shared by", then the private copy is removed. */
async function share({ state, body, respond, client, log }: ClickContext, answerer: Answerer): Promise<void> {
  const message = await answerer.reply(
    state.q,
    { page: state.p, examplesOnly: state.x, sharedBy: body.user.id },
    same(state),
  );
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
  const message = await answerer.reply(
    state.q,
    { page: state.p, examplesOnly: state.x ?? false, share: ephemeral },
    same(state),
  );
  await respond(toRespond(message, { replace_original: true, ...(ephemeral ? { response_type: "ephemeral" } : {}) }));
}

async function feedback({ state, body, respond, client, log, feedback: sink }: ClickContext): Promise<void> {
  const vote = state.v ?? "up";
  log.info({ feedback: vote, query: state.q, sectionId: state.s, page: state.p, answerId: state.a }, "slack feedback");
  sink.vote({
    platform: "slack",
    userId: body.user.id,
    vote,
    ...(state.a ? { answerId: state.a } : {}),
    ...(state.s ? { sectionId: state.s } : {}),
  });
  // 👎: "what were you looking for?" in a modal (optional; the vote counts either way).
  const trigger = (body as { trigger_id?: string }).trigger_id;
  if (vote === "down" && sink.asksReason && state.a && trigger) {
    await client.views
      .open({ trigger_id: trigger, view: reasonModal({ a: state.a, ...(state.s ? { s: state.s } : {}) }) as never })
      .catch((err: unknown) => log.warn({ err }, "could not open the feedback modal"));
  }
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
        const click: ClickContext = {
          state,
          body,
          respond,
          client,
          log,
          ephemeral: container?.is_ephemeral !== false,
          feedback: options.feedback ?? NO_FEEDBACK,
        };
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

  // The 👎 modal's answer: one line, stored with the vote it belongs to.
  app.view(REASON_MODAL.callbackId, async ({ ack, view, body }) => {
    await ack();
    const meta = decodeReasonMeta(view.private_metadata);
    const value = view.state.values[REASON_MODAL.blockId]?.[REASON_MODAL.actionId]?.value;
    const reason = typeof value === "string" ? value.trim() : "";
    if (!meta || !reason) return;
    (options.feedback ?? NO_FEEDBACK).reason({
      platform: "slack",
      userId: body.user.id,
      answerId: meta.a,
      reason,
      ...(meta.s ? { sectionId: meta.s } : {}),
    });
    logger.info({ answerId: meta.a, user: body.user.id }, "slack feedback reason");
  });
}
