import type { FeedbackSink } from "../../answer/hooks.js";
import type { Answer } from "../../answer/types.js";
import type { Logger } from "../../logger.js";
import { t } from "../../render/i18n/catalogue.js";
import type { Locale } from "../../render/i18n/locale.js";
import {
  ACTION_IDS,
  type ActionState,
  decodeActionValue,
  escapeSlack,
  reasonModal,
  renderSlackAnswer,
  renderSlackNotice,
  type SlackRenderOptions,
  slackMention,
} from "../../render/slack/index.js";
import type { SourceLinks } from "../../render/source-link.js";
import { type Ask, type Replier, type Surface, type Turn, type TurnContext, takeTurn } from "../turn.js";
import { type SlackAdminOptions, slackAdminReply } from "./admin.js";
import { conversed } from "./conversation.js";
import type { SlackIncoming, SlackReply } from "./incoming.js";

export interface SlackContext extends TurnContext {
  logger: Logger;
  /** Where source links point (`KNOWLEDGE_SOURCE_URL`, relative to `KNOWLEDGE_DIR`). */
  links?: SourceLinks | undefined;
  /** The language of questions that show none (`explain --restart`): DEFAULT_LOCALE. */
  defaultLocale: Locale;
  /** 👍/👎 and the 👎 modal's answer. */
  feedback: FeedbackSink;
  /** `/docker admin …` for the users in ADMIN_USER_IDS. */
  admin?: SlackAdminOptions;
  /** Opens a modal (views.open) for a click's trigger id. */
  openView?: (triggerId: string, view: Record<string, unknown>) => Promise<unknown>;
}

/** The logger for one incoming: who, where, and what was asked. */
export function logFor(logger: Logger, incoming: SlackIncoming): Logger {
  switch (incoming.kind) {
    case "slash":
      return logger.child({ user: incoming.userId, channel: incoming.channelId, query: incoming.text });
    case "message":
      return logger.child({
        user: incoming.userId,
        channel: incoming.channelId,
        query: incoming.text,
        where: incoming.surface,
      });
    case "shortcut":
      return logger.child({
        user: incoming.userId,
        channel: incoming.channelId,
        query: incoming.text,
        where: "shortcut",
      });
    case "click":
      return logger.child({ user: incoming.userId, channel: incoming.channelId, action: incoming.actionId });
  }
}

/** Answers anything that arrived from Slack; never throws (failures become an apology with an id in the log). */
export async function handleSlack(
  ctx: SlackContext,
  incoming: SlackIncoming,
  replier: Replier<SlackReply>,
  log: Logger,
): Promise<void> {
  const locale =
    incoming.kind === "click" ? (decodeActionValue(incoming.value)?.l ?? ctx.defaultLocale) : incoming.locale;
  const turn: Turn<SlackReply> = {
    asker: {
      platform: "slack",
      surface: surfaceOf(incoming),
      userId: incoming.userId,
    },
    log,
    replier,
    notice: privateNotice,
    locale,
  };
  switch (incoming.kind) {
    case "slash": {
      const admin = slackAdminReply(incoming.text, incoming.userId, ctx.admin ?? { adminUserIds: [] }, locale);
      const result = await takeTurn(
        ctx,
        { ...turn, failureContext: () => ({ command: incoming.command }) },
        async (ask) =>
          admin
            ? { message: await admin, audience: "private" }
            : { message: render(ctx, await ask(incoming.text), { locale }), audience: "private" },
      );
      if (result === "answered") log.info("slack slash command answered");
      if (result === "answered late") log.info("slack slash command answered late");
      return;
    }
    case "message": {
      if (incoming.surface === "followup" || incoming.surface === "channel")
        return conversed(ctx, { ...incoming, surface: incoming.surface }, turn, log);
      // A mention is answered in the channel's thread and belongs to the asker; a DM is theirs alone.
      const view: SlackRenderOptions =
        incoming.surface === "mention" && incoming.userId
          ? { locale, owner: incoming.userId }
          : { locale, share: false };
      const result = await takeTurn(ctx, turn, async (ask): Promise<SlackReply> => {
        const answer = await ask(incoming.text);
        return { message: render(ctx, answer, view), audience: "public", topic: { q: answer.query, a: answer.id } };
      });
      if (result === "answered") log.info("slack message answered");
      return;
    }
    case "shortcut": {
      // Privately to whoever used it; Share posts it in the message's thread.
      const result = await takeTurn(ctx, turn, async (ask) =>
        incoming.text.trim() === ""
          ? privateNotice(escapeSlack(t(locale, "conversation.noText")))
          : {
              message: render(ctx, await ask(incoming.text), { locale, shareInThread: incoming.threadTs }),
              audience: "private",
            },
      );
      if (result === "answered") log.info("slack shortcut answered");
      return;
    }
    case "click": {
      const state = decodeActionValue(incoming.value);
      const result = await takeTurn(
        ctx,
        { ...turn, failureContext: () => ({ query: incoming.value?.slice(0, 200) }) },
        (ask) => clicked(ctx, incoming, state, ask, log),
      );
      if (result === "answered" && state && incoming.actionId === ACTION_IDS.share)
        log.info({ page: state.p }, "slack answer shared");
      return;
    }
  }
}

function surfaceOf(incoming: SlackIncoming): Surface {
  switch (incoming.kind) {
    case "click":
      return "button";
    case "slash":
      return "slash";
    case "shortcut":
      return "shortcut";
    case "message":
      return incoming.surface;
  }
}

export function privateNotice(mrkdwnText: string): SlackReply {
  return { message: renderSlackNotice(mrkdwnText), audience: "private" };
}

function render(ctx: SlackContext, answer: Answer, view: SlackRenderOptions) {
  return renderSlackAnswer(answer, { ...view, links: ctx.links });
}

/** Buttons that change what the message shows (the rest share, vote or delete). */
function changesView(actionId: string): boolean {
  return (
    actionId === ACTION_IDS.next ||
    actionId === ACTION_IDS.examples ||
    actionId === ACTION_IDS.full ||
    actionId === ACTION_IDS.pagePrevious ||
    actionId === ACTION_IDS.pageNext ||
    actionId.startsWith(ACTION_IDS.suggestPrefix)
  );
}

/**
 * Buttons carry the question in their value (stateless): each click asks it again and shows the
 * view asked for. On a public answer (`u` in the value) only the asker's clicks change it;
 * anyone else gets the view as a private copy, and only the asker may delete it.
 */
async function clicked(
  ctx: SlackContext,
  incoming: Extract<SlackIncoming, { kind: "click" }>,
  state: ActionState | undefined,
  ask: Ask,
  log: Logger,
): Promise<SlackReply | undefined> {
  if (!state) {
    log.warn({ value: incoming.value?.slice(0, 200) }, "ignored a click with an unknown value");
    return undefined;
  }
  const locale = state.l ?? ctx.defaultLocale;
  const id = incoming.actionId;
  const isOwner = state.u !== undefined && state.u === incoming.userId;
  // A click re-renders the answer it is on: same id, not recorded as a new question.
  const again = { answerId: state.a };
  if (id === ACTION_IDS.share) {
    const view = { locale, page: state.p, examplesOnly: state.x, sharedBy: incoming.userId };
    const answer = await ask(state.q, again);
    return {
      message: render(ctx, answer, view),
      audience: "public",
      share: true,
      topic: { q: state.q, a: answer.id },
      ...(state.t ? { thread: state.t } : {}),
    };
  }
  if (id === ACTION_IDS.feedbackUp || id === ACTION_IDS.feedbackDown) {
    const vote = state.v ?? (id === ACTION_IDS.feedbackUp ? "up" : "down");
    log.info(
      { feedback: vote, query: state.q, sectionId: state.s, page: state.p, answerId: state.a },
      "slack feedback",
    );
    ctx.feedback.vote({
      platform: "slack",
      userId: incoming.userId,
      vote,
      ...(state.a ? { answerId: state.a } : {}),
      ...(state.s ? { sectionId: state.s } : {}),
    });
    // 👎: "what were you looking for?" in a modal (optional; the vote counts either way).
    if (vote === "down" && ctx.feedback.asksReason && state.a && incoming.triggerId && ctx.openView) {
      await ctx
        .openView(incoming.triggerId, reasonModal({ a: state.a, ...(state.s ? { s: state.s } : {}) }, locale))
        .catch((err: unknown) => log.warn({ err }, "could not open the feedback modal"));
    }
    return privateNotice(escapeSlack(t(locale, vote === "up" ? "notice.feedbackUp" : "notice.feedbackDown")));
  }
  if (id === ACTION_IDS.delete) {
    if (isOwner && !incoming.ephemeral) {
      log.info("slack answer deleted by its asker");
      return { message: renderSlackNotice(""), audience: "public", remove: true };
    }
    return privateNotice(notYours(locale, state.u));
  }
  if (changesView(id)) {
    const view = { locale, page: state.p, examplesOnly: state.x ?? false };
    if (incoming.ephemeral)
      return { message: render(ctx, await ask(state.q, again), view), audience: "private", replace: true };
    if (isOwner)
      return {
        message: render(ctx, await ask(state.q, again), { ...view, owner: incoming.userId }),
        audience: "public",
        replace: true,
      };
    // Someone else's public answer: theirs to page, privately; the public one stays as it is.
    const notice = state.u
      ? escapeSlack(t(locale, "notice.privateCopy", { asker: "\u0000" })).replace("\u0000", slackMention(state.u))
      : undefined;
    return {
      message: render(ctx, await ask(state.q, again), { ...view, notice }),
      audience: "private",
      replace: false,
    };
  }
  log.warn("ignored an unknown action");
  return undefined;
}

function notYours(locale: Locale, owner: string | undefined): string {
  return escapeSlack(t(locale, "notice.notYours", { asker: "\u0000" })).replace(
    "\u0000",
    owner ? slackMention(owner) : "",
  );
}
