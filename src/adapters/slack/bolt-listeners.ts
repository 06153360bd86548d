import type {
  AckFn,
  App,
  BlockAction,
  ButtonAction,
  MessageShortcut,
  RespondArguments,
  RespondFn,
  webApi,
} from "@slack/bolt";
import { isChatter } from "../../answer/chatter.js";
import { MESSAGE_COMMAND } from "../../answer/commands.js";
import { boundInput } from "../../answer/parse-command.js";
import type { Logger } from "../../logger.js";
import { t } from "../../render/i18n/catalogue.js";
import type { Locale } from "../../render/i18n/locale.js";
import { decodeReasonMeta, REASON_MODAL, renderSlackNotice, type SlackMessage } from "../../render/slack/index.js";
import { questionLocale } from "../question-locale.js";
import type { Replier } from "../turn.js";
import { handleSlack, logFor, type SlackContext } from "./handlers.js";
import type { SlackIncoming, SlackReply } from "./incoming.js";
import type { ResponseUrlSender } from "./response-url.js";
import { slackTextToPlain } from "./slack-text.js";
import { answerMetadata, type BotIdentity, threadTopic } from "./thread-context.js";

export interface ListenerOptions {
  /** The slash command, `/docker` unless the manifest names it otherwise. */
  command: string;
  /**
   * How long to wait for the answer before acking with "working on it" and sending the answer
   * through `response_url` instead. Slack drops acks after 3 s; the rest is network headroom.
   */
  ackBudgetMs: number;
  /** Late answers and click replies go through this (retries 429/5xx/timeouts within Slack's limits). */
  sendToResponseUrl: ResponseUrlSender;
  /** Channel ids where every top-level question gets a confident answer in its thread (ANSWER_CHANNELS). */
  answerChannels?: readonly string[];
}

/**
 * Bolt's payloads → `SlackIncoming`, and Bolt's ack/respond/Web API → a `Replier` for each;
 * everything in between is `handleSlack`.
 */
export function registerListeners(app: App, ctx: SlackContext, options: ListenerOptions): void {
  const { sendToResponseUrl: send } = options;

  app.command(options.command, async ({ command: payload, ack, respond: boltRespond }) => {
    const text = slackTextToPlain(payload.text ?? "");
    const incoming: SlackIncoming = {
      kind: "slash",
      userId: payload.user_id,
      channelId: payload.channel_id,
      text,
      command: options.command,
      locale: questionLocale(text, ctx.defaultLocale),
    };
    const log = logFor(ctx.logger, incoming);
    const respond = (args: RespondArguments) =>
      payload.response_url ? send(payload.response_url, args, log) : boltRespond(args);
    await handleSlack(ctx, incoming, slashReplier(ack, respond, options.ackBudgetMs, incoming.locale), log);
  });

  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: /^docker_/ },
    async ({ action, body, ack, respond: boltRespond, client }) => {
      await ack();
      const container = (body as { container?: { is_ephemeral?: boolean } }).container;
      const incoming: SlackIncoming = {
        kind: "click",
        userId: body.user.id,
        channelId: body.channel?.id,
        actionId: action.action_id,
        value: action.value,
        ephemeral: container?.is_ephemeral !== false,
        ...(body.trigger_id ? { triggerId: body.trigger_id } : {}),
      };
      const log = logFor(ctx.logger, incoming);
      const respond = (
        body.response_url
          ? (args: Parameters<RespondFn>[0]) => send(body.response_url, args as never, log)
          : boltRespond
      ) as RespondFn;
      await handleSlack(ctx, incoming, clickReplier(respond, client, incoming.channelId, log), log);
    },
  );

  // The 👎 modal's answer: one line, stored with the vote it belongs to.
  app.view(REASON_MODAL.callbackId, async ({ ack, view, body }) => {
    await ack();
    const meta = decodeReasonMeta(view.private_metadata);
    const value = view.state.values[REASON_MODAL.blockId]?.[REASON_MODAL.actionId]?.value;
    const reason = typeof value === "string" ? value.trim() : "";
    if (!meta || !reason) return;
    ctx.feedback.reason({
      platform: "slack",
      userId: body.user.id,
      answerId: meta.a,
      reason,
      ...(meta.s ? { sectionId: meta.s } : {}),
    });
    ctx.logger.info({ answerId: meta.a, user: body.user.id }, "slack feedback reason");
  });

  // "Ask the notes" on a message: acked at once (no reply in the ack), answered privately.
  app.shortcut<MessageShortcut>(
    { type: "message_action", callback_id: MESSAGE_COMMAND.callbackId },
    async ({ shortcut, ack, client }) => {
      await ack();
      const text = slackTextToPlain(boundInput(shortcut.message.text ?? ""));
      const incoming: SlackIncoming = {
        kind: "shortcut",
        userId: shortcut.user.id,
        channelId: shortcut.channel.id,
        text,
        threadTs: (shortcut.message as { thread_ts?: string }).thread_ts ?? shortcut.message.ts,
        locale: questionLocale(text, ctx.defaultLocale),
      };
      const log = logFor(ctx.logger, incoming);
      await handleSlack(ctx, incoming, shortcutReplier(shortcut, client, send, log), log);
    },
  );

  const onMessage = async (
    event: MessageLike,
    client: webApi.WebClient,
    surface: "mention" | "dm" | "followup" | "channel",
    topic?: string,
  ) => {
    const text = slackTextToPlain(event.text ?? "");
    const incoming: SlackIncoming = {
      kind: "message",
      surface,
      userId: event.user,
      channelId: event.channel,
      text,
      locale: questionLocale(text, ctx.defaultLocale),
      ...(topic ? { topic } : {}),
    };
    // Mentions, follow-ups and answer channels answer in a thread (under the question, or in the
    // thread it was asked in); a DM in the DM.
    const threadTs = surface === "dm" ? undefined : (event.thread_ts ?? event.ts);
    await handleSlack(ctx, incoming, messageReplier(client, incoming, threadTs), logFor(ctx.logger, incoming));
  };
  const answerChannels = new Set(options.answerChannels ?? []);
  /** The question of the bot's answer in this message's thread, if it is a reply in one. */
  const topicOf = (e: MessageLike, client: webApi.WebClient, me: BotIdentity) =>
    e.thread_ts && e.thread_ts !== e.ts
      ? threadTopic(client, { channel: e.channel, threadTs: e.thread_ts }, me, ctx.logger)
      : Promise.resolve(undefined);

  app.event("app_mention", async ({ event, client, context }) => {
    const e = event as unknown as MessageLike;
    // Slack retries events it thinks we missed; answering twice would only add noise.
    if (isFromBot(e) || isRetry(context.retryNum)) return;
    // A mention in a thread where the bot answered is a follow-up too.
    const topic = await topicOf(e, client, context);
    await onMessage(e, client, topic ? "followup" : "mention", topic);
  });

  app.event("message", async ({ event, client, context }) => {
    const e = event as unknown as MessageLike;
    // Edits, deletions and joins arrive as subtypes: only fresh human messages are questions.
    if (e.subtype !== undefined || isFromBot(e) || isRetry(context.retryNum)) return;
    if (e.channel_type === "im") return onMessage(e, client, "dm");
    // A mention also arrives as app_mention, which answers it.
    if (context.botUserId && e.text?.includes(`<@${context.botUserId}>`)) return;
    if (e.thread_ts && e.thread_ts !== e.ts) {
      const topic = await topicOf(e, client, context);
      if (topic) await onMessage(e, client, "followup", topic);
      return;
    }
    if (!answerChannels.has(e.channel) || isChatter(slackTextToPlain(e.text ?? ""))) return;
    await onMessage(e, client, "channel");
  });
}

/** Our blocks are a strict subset of Bolt's; the cast only bridges the two type declarations. */
export function toRespond(message: SlackMessage, extra: Partial<RespondArguments> = {}): RespondArguments {
  return { ...extra, text: message.text, blocks: message.blocks } as unknown as RespondArguments;
}

function responseType(reply: SlackReply): "ephemeral" | "in_channel" {
  return reply.audience === "private" ? "ephemeral" : "in_channel";
}

/**
 * The slash command: the reply is the ack when ready within the budget; otherwise the ack says
 * "working on it" and the reply replaces it through the response_url.
 */
function slashReplier(
  ack: AckFn<string | RespondArguments>,
  respond: (args: RespondArguments) => Promise<unknown>,
  ackBudgetMs: number,
  locale: Locale,
): Replier<SlackReply> {
  let acked = false;
  return {
    get responded() {
      return acked;
    },
    async send(reply) {
      acked = true;
      await ack(toRespond(reply.message, { response_type: responseType(reply) }));
    },
    async edit(reply) {
      await respond(toRespond(reply.message, { response_type: responseType(reply), replace_original: true }));
    },
    deferral: {
      afterMs: ackBudgetMs,
      async defer() {
        acked = true;
        await ack(toRespond(renderSlackNotice(`_${t(locale, "notice.working")}_`), { response_type: "ephemeral" }));
      },
    },
  };
}

/**
 * A click (acked already): replies go through the response_url. Share posts for everyone, as the
 * bot when the response_url is used up (30 minutes, 5 uses), then removes the private copy.
 */
function clickReplier(
  respond: RespondFn,
  client: webApi.WebClient,
  channelId: string | undefined,
  log: Logger,
): Replier<SlackReply> {
  const send = async (reply: SlackReply): Promise<void> => {
    if (reply.remove) {
      await respond({ delete_original: true });
      return;
    }
    if (!reply.share) {
      const type = reply.audience === "private" || !reply.replace ? { response_type: responseType(reply) } : {};
      await respond(toRespond(reply.message, { ...type, replace_original: reply.replace === true }));
      return;
    }
    const post = (thread: string | undefined) =>
      client.chat.postMessage({
        channel: channelId ?? "",
        ...(thread ? { thread_ts: thread } : {}),
        text: reply.message.text,
        blocks: reply.message.blocks,
        ...(reply.topic ? { metadata: answerMetadata(reply.topic) } : {}),
      });
    // Into the thread of the message asked about: only the Web API posts in a thread.
    let shared = false;
    if (reply.thread && channelId) {
      try {
        await post(reply.thread);
        shared = true;
      } catch (err) {
        log.warn({ err }, "could not share into the thread (is the bot in the channel?); sharing in the channel");
      }
    }
    if (!shared) {
      try {
        await respond(toRespond(reply.message, { response_type: "in_channel", replace_original: false }));
      } catch (err) {
        if (!channelId) throw err;
        log.warn({ err }, "response_url failed; sharing with chat.postMessage");
        await post(undefined);
      }
    }
    await respond({ delete_original: true }).catch((err: unknown) =>
      log.debug({ err }, "could not delete the ephemeral answer"),
    );
  };
  return { responded: false, send, edit: send };
}

/** A mention or a DM: public replies are posted (in the mention's thread); private ones are ephemeral in a channel. */
function messageReplier(
  client: webApi.WebClient,
  incoming: Extract<SlackIncoming, { kind: "message" }>,
  threadTs: string | undefined,
): Replier<SlackReply> {
  const thread = threadTs ? { thread_ts: threadTs } : {};
  const send = async (reply: SlackReply): Promise<void> => {
    const { text, blocks } = reply.message;
    // Nobody asked the bot in an answer channel: its notices (over the limit, an apology) stay in the log.
    if (reply.audience === "private" && incoming.surface === "channel") return;
    if (reply.audience === "private" && incoming.surface !== "dm" && incoming.userId)
      await client.chat.postEphemeral({
        channel: incoming.channelId,
        user: incoming.userId,
        ...thread,
        text,
        blocks,
      });
    else
      await client.chat.postMessage({
        channel: incoming.channelId,
        ...thread,
        text,
        blocks,
        ...(reply.topic && threadTs ? { metadata: answerMetadata(reply.topic) } : {}),
      });
  };
  return { responded: false, send, edit: send };
}

/**
 * "Ask the notes": the private answer goes through the shortcut's response_url (works in any
 * channel, the bot need not be in it); without one, chat.postEphemeral in the channel.
 */
function shortcutReplier(
  shortcut: MessageShortcut,
  client: webApi.WebClient,
  send: ResponseUrlSender,
  log: Logger,
): Replier<SlackReply> {
  const deliver = async (reply: SlackReply): Promise<void> => {
    const args = toRespond(reply.message, { response_type: "ephemeral" });
    if (shortcut.response_url) await send(shortcut.response_url, args, log);
    else
      await client.chat.postEphemeral({
        channel: shortcut.channel.id,
        user: shortcut.user.id,
        text: reply.message.text,
        blocks: reply.message.blocks,
      });
  };
  return { responded: false, send: deliver, edit: deliver };
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
function isFromBot(event: MessageLike): boolean {
  return Boolean(event.bot_id) || event.subtype === "bot_message";
}

function isRetry(retryNum: number | undefined): boolean {
  return retryNum !== undefined && retryNum > 0;
}
