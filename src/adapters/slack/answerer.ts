import type { AskOptions, Bot } from "../../answer/bot.js";
import type { Answer } from "../../answer/types.js";
import { renderSlackAnswer, type SlackMessage, type SlackRenderOptions } from "../../render/slack/index.js";

/** Who asked and where (a fresh question), or which answer a button re-renders. */
export type AskContext = Pick<AskOptions, "surface" | "userId" | "answerId">;

export interface Answerer {
  ask(text: string, context?: AskContext): Promise<Answer>;
  render(answer: Answer, view?: Omit<SlackRenderOptions, "sourceUrl">): SlackMessage;
  /** Ask and render in one go. */
  reply(text: string, view?: Omit<SlackRenderOptions, "sourceUrl">, context?: AskContext): Promise<SlackMessage>;
}

/** Binds the bot and the source link template so handlers only say what to ask and how to show it. */
export function createAnswerer(bot: Bot, sourceUrl: string | undefined): Answerer {
  const ask = (text: string, context: AskContext = {}) =>
    bot.ask(text.trim() === "" ? "help" : text, { ...context, platform: "slack" });
  const render = (answer: Answer, view: Omit<SlackRenderOptions, "sourceUrl"> = {}) =>
    renderSlackAnswer(answer, sourceUrl === undefined ? view : { ...view, sourceUrl });
  return {
    ask,
    render,
    reply: async (text, view, context) => render(await ask(text, context), view),
  };
}

/** Resolves with the value, or with `undefined` once `ms` have passed (the promise keeps running). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
