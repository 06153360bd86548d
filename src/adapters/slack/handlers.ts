import type { FeedbackSink } from "../../answer/hooks.js";
import type { Answer } from "../../answer/types.js";
import type { Logger } from "../../logger.js";
import {
  ACTION_IDS,
  type ActionState,
  decodeActionValue,
  reasonModal,
  renderSlackAnswer,
  renderSlackNotice,
  type SlackRenderOptions,
} from "../../render/slack/index.js";
import { type Ask, type Replier, type Turn, type TurnContext, takeTurn } from "../turn.js";
import { type SlackAdminOptions, slackAdminReply } from "./admin.js";
import type { SlackIncoming, SlackReply } from "./incoming.js";

export interface SlackContext extends TurnContext {
  logger: Logger;
  /** Source link template: `https://github.com/org/notes/blob/main/{file}#L{line}`. */
  sourceUrl?: string | undefined;
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
  const turn: Turn<SlackReply> = {
    asker: {
      platform: "slack",
      surface: incoming.kind === "click" ? "button" : incoming.kind === "slash" ? "slash" : incoming.surface,
      userId: incoming.userId,
    },
    log,
    replier,
    notice: privateNotice,
  };
  switch (incoming.kind) {
    case "slash": {
      const admin = slackAdminReply(incoming.text, incoming.userId, ctx.admin ?? { adminUserIds: [] });
      const result = await takeTurn(
        ctx,
        { ...turn, failureContext: () => ({ command: incoming.command }) },
        async (ask) =>
          admin
            ? { message: await admin, audience: "private" }
            : { message: render(ctx, await ask(incoming.text)), audience: "private" },
      );
      if (result === "answered") log.info("slack slash command answered");
      if (result === "answered late") log.info("slack slash command answered late");
      return;
    }
    case "message": {
      const result = await takeTurn(ctx, turn, async (ask) => ({
        message: render(ctx, await ask(incoming.text), { share: false }),
        audience: "public",
      }));
      if (result === "answered") log.info("slack message answered");
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

function privateNotice(mrkdwnText: string): SlackReply {
  return { message: renderSlackNotice(mrkdwnText), audience: "private" };
}

function render(ctx: SlackContext, answer: Answer, view: Omit<SlackRenderOptions, "sourceUrl"> = {}) {
  return renderSlackAnswer(answer, ctx.sourceUrl === undefined ? view : { ...view, sourceUrl: ctx.sourceUrl });
}

/** Buttons carry the question in their value (stateless): each click asks it again and shows the view asked for. */
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
  const id = incoming.actionId;
  // A click re-renders the answer it is on: same id, not recorded as a new question.
  const again = { answerId: state.a };
  if (id === ACTION_IDS.share) {
    const view = { page: state.p, examplesOnly: state.x, sharedBy: incoming.userId };
    return { message: render(ctx, await ask(state.q, again), view), audience: "public", share: true };
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
        .openView(incoming.triggerId, reasonModal({ a: state.a, ...(state.s ? { s: state.s } : {}) }))
        .catch((err: unknown) => log.warn({ err }, "could not open the feedback modal"));
    }
    return privateNotice(vote === "up" ? "Thanks for the 👍" : "Thanks, noted 👎: we will improve this answer.");
  }
  if (
    id === ACTION_IDS.next ||
    id === ACTION_IDS.examples ||
    id === ACTION_IDS.full ||
    id.startsWith(ACTION_IDS.suggestPrefix)
  ) {
    const view = { page: state.p, examplesOnly: state.x ?? false, share: incoming.ephemeral };
    return {
      message: render(ctx, await ask(state.q, again), view),
      audience: incoming.ephemeral ? "private" : "public",
      replace: true,
    };
  }
  log.warn("ignored an unknown action");
  return undefined;
}
