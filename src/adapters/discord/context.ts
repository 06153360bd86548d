import type { Bot } from "../../answer/bot.js";
import type { AdminCommands, FeedbackSink } from "../../answer/hooks.js";
import { NO_FEEDBACK } from "../../answer/hooks.js";
import type { Answer, Command } from "../../answer/types.js";
import type { Logger } from "../../logger.js";
import {
  type DiscordMessage,
  type DiscordModal,
  type RenderOptions,
  renderAnswer,
  renderNotice,
} from "../../render/discord/index.js";
import type { Locale } from "../../render/i18n/locale.js";
import type { SourceLinks } from "../../render/source-link.js";
import { type RateLimiter, resolveRateLimiter } from "../rate-limit.js";
import type { Replier } from "../turn.js";
import type { Responder } from "./incoming.js";
import { QueryRefs } from "./query-refs.js";

/** What every Discord handler (commands, clicks, messages, admin) shares, and its replies. */
export interface HandlerContext {
  bot: Bot;
  logger: Logger;
  refs: QueryRefs;
  /** Where source links point (`KNOWLEDGE_SOURCE_URL`, relative to `KNOWLEDGE_DIR`). */
  links?: SourceLinks | undefined;
  /** The language of mentions and DMs that show none, and of clients we don't speak: DEFAULT_LOCALE. */
  defaultLocale: Locale;
  /** Answers slower than this are deferred and followed up (Discord allows 3 s for the first response). */
  deferAfterMs: number;
  /** Per-user limit keyed `discord:<user id>`; none when undefined. */
  limiter?: RateLimiter | undefined;
  /** 👍/👎 and the 👎 modal's answer. */
  feedback: FeedbackSink;
  /** `/docker-admin gaps|reload`. */
  admin?: AdminCommands | undefined;
}

export function createHandlerContext(options: {
  bot: Bot;
  logger: Logger;
  links?: SourceLinks | undefined;
  defaultLocale?: Locale | undefined;
  deferAfterMs?: number | undefined;
  refs?: QueryRefs | undefined;
  rateLimiter?: RateLimiter | false | undefined;
  feedback?: FeedbackSink | undefined;
  admin?: AdminCommands | undefined;
}): HandlerContext {
  return {
    bot: options.bot,
    logger: options.logger,
    links: options.links,
    defaultLocale: options.defaultLocale ?? "en",
    refs: options.refs ?? new QueryRefs(),
    deferAfterMs: options.deferAfterMs ?? 2000,
    limiter: resolveRateLimiter(options.rateLimiter),
    feedback: options.feedback ?? NO_FEEDBACK,
    admin: options.admin,
  };
}

/**
 * A Discord reply: the message, whether only the asker sees it, and whether it replaces (or
 * removes) the clicked one; or a modal (the 👎's "what were you looking for?", in answer to the click).
 */
export interface Reply {
  message: DiscordMessage;
  ephemeral: boolean;
  /** Share as a reply to this message (an "Ask the notes" answer), where the transport can. */
  replyTo?: string;
  update?: boolean;
  remove?: boolean;
  modal?: DiscordModal;
}

/** How a slow reply is deferred: privately or not, as an update of the clicked message or not. */
export interface DeferMode {
  ephemeral: boolean;
  forUpdate: boolean;
}

/** A short private text. */
export function notice(text: string): Reply {
  return { message: renderNotice(text), ephemeral: true };
}

/** An answer with its buttons: the question they re-ask is kept by `QueryRefs`. */
export function render(
  ctx: HandlerContext,
  answer: Answer,
  input: string | Command,
  opts: Omit<RenderOptions, "links" | "ref">,
): DiscordMessage {
  const refFor = (text: string): string => ctx.refs.refFor(text);
  return renderAnswer(answer, { ...opts, links: ctx.links, ref: ctx.refs.refFor(input) }, refFor);
}

/** A turn's replier over a transport's responder (deferring first when `mode` is given). */
export function replier(
  ctx: HandlerContext,
  responder: Responder,
  mode: DeferMode | undefined,
  afterMs: number,
): Replier<Reply> {
  const replyTo = responder.replyTo?.bind(responder);
  // A reply's buttons may be pressed on another replica: their long questions are saved first.
  const saved = async (): Promise<void> => ctx.refs.settled();
  return {
    get responded() {
      return responder.responded;
    },
    send: async (r) => {
      await saved();
      if (r.replyTo && replyTo) {
        // Posted as a reply to the message asked about; the click is acknowledged without a change.
        await replyTo(r.replyTo, r.message);
        return responder.defer(false, true);
      }
      return r.modal
        ? responder.modal(r.modal)
        : r.remove
          ? responder.remove()
          : r.update
            ? responder.update(r.message)
            : responder.reply(r.message, r.ephemeral);
    },
    edit: async (r) => {
      await saved();
      if (r.replyTo && replyTo) return replyTo(r.replyTo, r.message);
      return r.remove ? responder.remove() : responder.edit(r.message);
    },
    ...(mode ? { deferral: { afterMs, defer: () => responder.defer(mode.ephemeral, mode.forUpdate) } } : {}),
  };
}
