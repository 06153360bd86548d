import { isConfident } from "../../answer/chatter.js";
import { chooseFollowUp } from "../../answer/follow-up.js";
import { t } from "../../render/i18n/catalogue.js";
import { quote } from "../../render/wording.js";
import { questionLocale } from "../question-locale.js";
import { type Turn, takeTurn } from "../turn.js";
import { type HandlerContext, notice, type Reply, render, replier } from "./context.js";
import type { Incoming, Responder } from "./incoming.js";

type MessageIncoming = Extract<Incoming, { kind: "message" }>;

/**
 * Messages (gateway only): a mention or DM is answered as asked; a reply to the bot's message is
 * read with the question that message answered (`answer/follow-up.ts`); a top-level message in
 * an answer channel is answered only when the answer is confident, and nothing else is said
 * there (not even a rate-limit notice or an apology: nobody asked the bot).
 */
export async function answerMessage(ctx: HandlerContext, incoming: MessageIncoming, responder: Responder) {
  const log = ctx.logger.child({ user: incoming.userId, channel: incoming.channelId, where: incoming.surface });
  const locale = questionLocale(incoming.text, ctx.defaultLocale);
  const quiet = incoming.surface === "channel";
  const turn: Turn<Reply> = {
    asker: { platform: "discord", surface: incoming.surface, userId: incoming.userId },
    log,
    replier: quiet
      ? silentNotices(replier(ctx, responder, undefined, ctx.deferAfterMs))
      : replier(ctx, responder, undefined, ctx.deferAfterMs),
    notice,
    locale,
    failureContext: () => ({ message: incoming.messageId, channel: incoming.channelId, query: incoming.text }),
  };
  // A DM is theirs alone anyway; anywhere else the answer belongs to the asker.
  const owner = incoming.surface === "dm" ? undefined : incoming.userId;
  const view = { locale, isPublic: true, owner };
  const result = await takeTurn(ctx, turn, async (ask): Promise<Reply | undefined> => {
    if (incoming.surface === "followup" && incoming.topic) {
      const choice = await chooseFollowUp((text) => ask(text, { record: false }), incoming.topic, incoming.text);
      const content = choice.context ? t(locale, "conversation.context", { topic: quote(choice.context) }) : undefined;
      log.info({ topic: incoming.topic, asked: choice.input }, "discord follow-up read");
      return { ephemeral: false, message: render(ctx, await ask(choice.input), choice.input, { ...view, content }) };
    }
    if (quiet) {
      // Probed first and not recorded: what the bot keeps quiet about is nobody's question.
      if (!isConfident(await ask(incoming.text, { record: false }))) return undefined;
      const answer = await ask(incoming.text);
      if (!isConfident(answer)) return undefined;
      const footer = t(locale, "conversation.wasThisRight");
      return { ephemeral: false, message: render(ctx, answer, incoming.text, { ...view, footer }) };
    }
    return {
      ephemeral: false,
      message: render(ctx, await ask(incoming.text), incoming.text.trim() || "help", view),
    };
  });
  if (quiet)
    log.info(
      { result },
      result === "answered" ? "discord answer channel answered" : "discord answer channel stayed silent",
    );
}

/** Private notices can't be private on a message: in an answer channel they are dropped (logged by the turn). */
function silentNotices(inner: ReturnType<typeof replier>): ReturnType<typeof replier> {
  return {
    get responded() {
      return inner.responded;
    },
    send: (r) => (r.ephemeral ? Promise.resolve() : inner.send(r)),
    edit: (r) => (r.ephemeral ? Promise.resolve() : inner.edit(r)),
  };
}
