import { isConfident } from "../../answer/chatter.js";
import { chooseFollowUp } from "../../answer/follow-up.js";
import type { Answer } from "../../answer/types.js";
import type { Logger } from "../../logger.js";
import { t } from "../../render/i18n/catalogue.js";
import { escapeSlack, renderSlackAnswer, type SlackRenderOptions } from "../../render/slack/index.js";
import { quote } from "../../render/wording.js";
import { type Turn, takeTurn } from "../turn.js";
import type { SlackContext } from "./handlers.js";
import type { SlackIncoming, SlackReply } from "./incoming.js";

const render = (ctx: SlackContext, answer: Answer, view: SlackRenderOptions) =>
  renderSlackAnswer(answer, { ...view, links: ctx.links });

type Conversed = Extract<SlackIncoming, { kind: "message" }> & { surface: "followup" | "channel" };

/**
 * Messages nobody addressed to the bot with a command: a reply in its thread (read with the
 * thread's question, `answer/follow-up.ts`) and a top-level message in an answer channel
 * (answered in its thread only when the answer is confident, with "was this right?"). Both go
 * through the same turn as every question: rate limit, ask, render, reply.
 */
export async function conversed(ctx: SlackContext, incoming: Conversed, turn: Turn<SlackReply>, log: Logger) {
  const locale = incoming.locale;
  const owner = incoming.userId;
  if (incoming.surface === "followup") {
    const topic = incoming.topic ?? "";
    const result = await takeTurn(ctx, turn, async (ask): Promise<SlackReply | undefined> => {
      const choice = await chooseFollowUp((text) => ask(text, { record: false }), topic, incoming.text);
      const answer = await ask(choice.input);
      const notice = choice.context
        ? escapeSlack(t(locale, "conversation.context", { topic: quote(choice.context) }))
        : undefined;
      log.info({ topic, asked: choice.input }, "slack follow-up read");
      return {
        message: render(ctx, answer, { locale, owner, notice }),
        audience: "public",
        topic: { q: choice.input, a: answer.id },
      };
    });
    if (result === "answered") log.info("slack follow-up answered");
    return;
  }
  const result = await takeTurn(ctx, turn, async (ask): Promise<SlackReply | undefined> => {
    // Probed first and not recorded: what the bot keeps quiet about is nobody's question.
    if (!isConfident(await ask(incoming.text, { record: false }))) return undefined;
    const answer = await ask(incoming.text);
    if (!isConfident(answer)) return undefined;
    return {
      message: render(ctx, answer, { locale, owner, footer: escapeSlack(t(locale, "conversation.wasThisRight")) }),
      audience: "public",
      topic: { q: answer.query, a: answer.id },
    };
  });
  log.info({ result }, result === "answered" ? "slack answer channel answered" : "slack answer channel stayed silent");
}
