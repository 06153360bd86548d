import { answerSections } from "../../answer/answer-sections.js";
import { COMMAND_PREFIX } from "../../answer/commands.js";
import {
  type ButtonState,
  type RenderOptions,
  reasonModal,
  renderNotice,
  renderShared,
} from "../../render/discord/index.js";
import { t } from "../../render/i18n/catalogue.js";
import type { Locale } from "../../render/i18n/locale.js";
import type { Ask } from "../turn.js";
import { type DeferMode, type HandlerContext, notice, type Reply, render } from "./context.js";
import type { Incoming } from "./incoming.js";

/** Button clicks: who may change a message, and what each button does. */
/**
 * How each button's slow answer is deferred: a change of view replaces the message when the
 * clicker may change it (a private answer, or the asker's own public one), else it becomes a
 * private copy; Delete removes the message; Share posts; the rest answer privately.
 */
export function deferMode(state: ButtonState | undefined, isPublic: boolean, isOwner: boolean): DeferMode {
  switch (state?.action) {
    case "next":
    case "ask":
    case "page":
    case "ex":
    case "full":
      return !isPublic || isOwner ? { ephemeral: false, forUpdate: true } : { ephemeral: true, forUpdate: false };
    case "del":
      return isOwner ? { ephemeral: false, forUpdate: true } : { ephemeral: true, forUpdate: false };
    case "share":
      // Sharing as a reply posts a new message: the click itself is only acknowledged.
      return state.replyTo ? { ephemeral: false, forUpdate: true } : { ephemeral: false, forUpdate: false };
    case "up":
    case "down":
    case "why":
    case undefined:
      return { ephemeral: true, forUpdate: false };
  }
}

export interface ClickContext {
  locale: Locale;
  /** The message the button is on is in the channel (not ephemeral). */
  isPublic: boolean;
  /** The clicker asked (or shared) that public answer. */
  isOwner: boolean;
}

export async function clicked(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "component" }>,
  state: ButtonState | undefined,
  ask: Ask,
  click: ClickContext,
): Promise<Reply> {
  const { locale, isPublic, isOwner } = click;
  const prefix = COMMAND_PREFIX;
  if (!state) return notice(t(locale, "notice.buttonUnsupported", { prefix }));
  if (state.action === "del") {
    if (isPublic && isOwner) {
      ctx.logger.info({ user: incoming.userId }, "discord answer deleted by its asker");
      return { ephemeral: false, remove: true, message: renderNotice("") };
    }
    return notice(t(locale, "notice.notYours", { asker: state.owner ? `<@${state.owner}>` : "" }));
  }
  const input = await ctx.refs.resolve(state.ref);
  if (input === undefined) return notice(t(locale, "notice.buttonExpired", { prefix }));
  // A click re-renders the answer it is on: same id, not recorded as a new question.
  const answer = await ask(input, { answerId: state.answerId });
  switch (state.action) {
    case "why":
      return notice(t(locale, "notice.buttonUnsupported", { prefix }));
    case "share":
      return {
        ephemeral: false,
        ...(state.replyTo ? { replyTo: state.replyTo } : {}),
        message: renderShared(answer, incoming.userId, {
          links: ctx.links,
          locale,
          page: state.page,
          ref: ctx.refs.refFor(input),
        }),
      };
    case "next":
    case "ask":
    case "page":
    case "ex":
    case "full": {
      const view: Omit<RenderOptions, "links" | "ref"> = {
        locale,
        page: state.action === "next" ? state.page + 1 : state.action === "ask" ? 0 : state.page,
        ...(state.action === "ex" ? { examplesOnly: true } : state.action === "full" ? { examplesOnly: false } : {}),
      };
      if (!isPublic) return { ephemeral: true, update: true, message: render(ctx, answer, input, view) };
      if (isOwner)
        return {
          ephemeral: false,
          update: true,
          message: render(ctx, answer, input, { ...view, isPublic: true, owner: incoming.userId }),
        };
      // Someone else's public answer: theirs to page, privately; the public one stays as it is.
      const content = state.owner ? t(locale, "notice.privateCopy", { asker: `<@${state.owner}>` }) : undefined;
      return { ephemeral: true, message: render(ctx, answer, input, { ...view, content }) };
    }
    case "up":
    case "down": {
      const section = answerSections(answer)[state.page];
      ctx.logger.info(
        {
          feedback: state.action,
          query: answer.query,
          section: section?.id,
          title: section?.title,
          page: state.page,
          answerId: state.answerId,
        },
        "discord feedback",
      );
      ctx.feedback.vote({
        platform: "discord",
        userId: incoming.userId,
        vote: state.action,
        ...(state.answerId ? { answerId: state.answerId } : {}),
        ...(section ? { sectionId: section.id } : {}),
      });
      // 👎: "what were you looking for?" (optional; closing the modal keeps the vote).
      if (state.action === "down" && ctx.feedback.asksReason && state.answerId)
        return {
          ...notice(t(locale, "notice.feedbackDown")),
          modal: reasonModal({ page: state.page, ref: state.ref, answerId: state.answerId }, locale),
        };
      return notice(t(locale, state.action === "up" ? "notice.feedbackUp" : "notice.feedbackDown"));
    }
  }
}
