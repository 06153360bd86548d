import { answerSections } from "../../answer/answer-sections.js";
import type { Bot, Choice } from "../../answer/bot.js";
import { ADMIN_COMMAND, COMMAND_PREFIX, findCommand } from "../../answer/commands.js";
import { type AdminCommands, type FeedbackSink, NO_FEEDBACK } from "../../answer/hooks.js";
import type { Answer, Command } from "../../answer/types.js";
import type { Logger } from "../../logger.js";
import { truncate } from "../../render/cut-text.js";
import {
  type ButtonState,
  type DiscordMessage,
  type DiscordModal,
  decodeCustomId,
  isSnowflake,
  LIMITS,
  REASON_INPUT,
  type RenderOptions,
  reasonModal,
  renderAnswer,
  renderNotice,
  renderShared,
} from "../../render/discord/index.js";
import { t } from "../../render/i18n/catalogue.js";
import { type Locale, supportedLocale } from "../../render/i18n/locale.js";
import type { SourceLinks } from "../../render/source-link.js";
import { interactionLocale, questionLocale } from "../question-locale.js";
import { type RateLimiter, resolveRateLimiter } from "../rate-limit.js";
import { type Ask, type Asker, logFailure, overLimit, type Replier, type Turn, takeTurn } from "../turn.js";
import { PUBLIC_OPTION, TARGET_OPTION } from "./command-data.js";
import type { Incoming, Responder } from "./incoming.js";
import { commandText, QueryRefs } from "./query-refs.js";

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
interface Reply {
  message: DiscordMessage;
  ephemeral: boolean;
  update?: boolean;
  remove?: boolean;
  modal?: DiscordModal;
}

/** How a slow reply is deferred: privately or not, as an update of the clicked message or not. */
interface DeferMode {
  ephemeral: boolean;
  forUpdate: boolean;
}

/** Handles anything that arrived (interaction, mention, DM); never throws (failures become an apology with an id in the log). */
export async function handleIncoming(ctx: HandlerContext, incoming: Incoming, responder: Responder): Promise<void> {
  switch (incoming.kind) {
    case "autocomplete":
      return handleAutocomplete(ctx, incoming, responder);
    case "command": {
      if (incoming.command === ADMIN_COMMAND) return handleAdmin(ctx, incoming, responder);
      const command = toCommand(incoming.subcommand, incoming.options);
      const target = incoming.options[TARGET_OPTION];
      const forTarget = typeof target === "string" && isSnowflake(target) ? target : undefined;
      // An answer for someone has to be in the channel for them to see it.
      const isPublic = incoming.options[PUBLIC_OPTION] === true || forTarget !== undefined;
      const locale = interactionLocale(incoming.locale, command?.text ?? "", ctx.defaultLocale);
      const turn = interactionTurn(ctx, incoming, responder, { ephemeral: !isPublic, forUpdate: false }, locale);
      await takeTurn(ctx, turn, async (ask) => {
        if (!command)
          return notice(t(locale, "problem.unknownSubcommand", { name: incoming.subcommand, prefix: COMMAND_PREFIX }));
        const answer = await ask(command);
        // Refusals and misses stay private even when asked publicly: nothing useful to show others.
        const shown = isPublic && answer.matched;
        const content =
          shown && forTarget
            ? t(locale, "shared.for", { target: `<@${forTarget}>`, asker: `<@${incoming.userId}>` })
            : undefined;
        return {
          ephemeral: !shown,
          message: render(ctx, answer, command, {
            locale,
            isPublic: shown,
            owner: incoming.userId,
            content,
            mention: shown ? forTarget : undefined,
          }),
        };
      });
      return;
    }
    case "component": {
      const state = decodeCustomId(incoming.customId);
      const locale = supportedLocale(incoming.locale) ?? ctx.defaultLocale;
      const isPublic = !incoming.messageEphemeral;
      const isOwner = state?.owner !== undefined && state.owner === incoming.userId;
      const turn = interactionTurn(ctx, incoming, responder, deferMode(state, isPublic, isOwner), locale);
      await takeTurn(ctx, turn, (ask) => clicked(ctx, incoming, state, ask, { locale, isPublic, isOwner }));
      return;
    }
    case "modal":
      return handleModal(ctx, incoming, responder);
    case "message": {
      const log = ctx.logger.child({ user: incoming.userId, channel: incoming.channelId, where: incoming.surface });
      const locale = questionLocale(incoming.text, ctx.defaultLocale);
      const turn: Turn<Reply> = {
        asker: { platform: "discord", surface: incoming.surface, userId: incoming.userId },
        log,
        replier: replier(responder, undefined, ctx.deferAfterMs),
        notice,
        locale,
        failureContext: () => ({ message: incoming.messageId, channel: incoming.channelId, query: incoming.text }),
      };
      // A mention is answered in the channel and belongs to the asker; a DM is theirs alone anyway.
      const owner = incoming.surface === "mention" ? incoming.userId : undefined;
      await takeTurn(ctx, turn, async (ask) => ({
        ephemeral: false,
        message: render(ctx, await ask(incoming.text), incoming.text.trim() || "help", {
          locale,
          isPublic: true,
          owner,
        }),
      }));
      return;
    }
  }
}

function notice(text: string): Reply {
  return { message: renderNotice(text), ephemeral: true };
}

function replier(responder: Responder, mode: DeferMode | undefined, afterMs: number): Replier<Reply> {
  return {
    get responded() {
      return responder.responded;
    },
    send: (r) =>
      r.modal
        ? responder.modal(r.modal)
        : r.remove
          ? responder.remove()
          : r.update
            ? responder.update(r.message)
            : responder.reply(r.message, r.ephemeral),
    edit: (r) => (r.remove ? responder.remove() : responder.edit(r.message)),
    ...(mode ? { deferral: { afterMs, defer: () => responder.defer(mode.ephemeral, mode.forUpdate) } } : {}),
  };
}

function asker(incoming: Extract<Incoming, { kind: "command" | "component" | "autocomplete" }>): Asker {
  return {
    platform: "discord",
    surface: incoming.kind === "command" ? "slash" : incoming.kind === "component" ? "button" : "autocomplete",
    userId: incoming.userId,
    ...(incoming.locale ? { locale: incoming.locale } : {}),
  };
}

function interactionTurn(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "command" | "component" }>,
  responder: Responder,
  mode: DeferMode,
  locale: Locale,
): Turn<Reply> {
  return {
    asker: asker(incoming),
    log: ctx.logger,
    replier: replier(responder, mode, ctx.deferAfterMs),
    notice,
    locale,
    failureContext: () => ({
      interaction: incoming.kind,
      query: queryOf(ctx, incoming),
      ...(incoming.kind === "component" ? { customId: incoming.customId } : {}),
    }),
  };
}

/** What the user asked, for the log line of a failure (the command text, or a button's query). */
function queryOf(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "command" | "component" }>,
): string | undefined {
  if (incoming.kind === "command") return toCommand(incoming.subcommand, incoming.options)?.text ?? incoming.subcommand;
  const state = decodeCustomId(incoming.customId);
  const input = state ? ctx.refs.resolve(state.ref) : undefined;
  return input === undefined ? undefined : commandText(input);
}

/** Autocomplete can't be deferred: past this, an empty list beats an expired interaction. */
const AUTOCOMPLETE_BUDGET_MS = 2500;

async function handleAutocomplete(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "autocomplete" }>,
  responder: Responder,
): Promise<void> {
  try {
    // Over budget: no choices (autocomplete can't show a message); the user can still send the command.
    if (overLimit(ctx, asker(incoming), ctx.logger, "autocomplete") !== undefined) return await responder.choices([]);
    await responder.choices(await autocomplete(ctx, incoming.focused.value));
  } catch (err) {
    logFailure(ctx.logger, "discord", err, { interaction: incoming.kind, query: incoming.focused.value });
    if (!responder.responded)
      await responder
        .choices([])
        .catch((again: unknown) => ctx.logger.warn({ err: again }, "could not send the apology"));
  }
}

async function autocomplete(ctx: HandlerContext, partial: string): Promise<Choice[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Choice[]>((resolve) => {
    timer = setTimeout(() => {
      ctx.logger.warn({ partial }, "discord autocomplete too slow; answered with no choices");
      resolve([]);
    }, AUTOCOMPLETE_BUDGET_MS);
  });
  const choices = await Promise.race([ctx.bot.autocomplete(partial.slice(0, 200)), late]).finally(() =>
    clearTimeout(timer),
  );
  // A value over 100 chars is rejected by Discord and can't be shortened without changing it.
  return choices
    .filter((c) => c.value.length > 0 && c.value.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((c) => ({ name: truncate(c.name, LIMITS.choiceName), value: c.value }));
}

function render(
  ctx: HandlerContext,
  answer: Answer,
  input: string | Command,
  opts: Omit<RenderOptions, "links" | "ref">,
): DiscordMessage {
  const refFor = (text: string): string => ctx.refs.refFor(text);
  return renderAnswer(answer, { ...opts, links: ctx.links, ref: ctx.refs.refFor(input) }, refFor);
}

/** Builds a `Command` from subcommand options; the grammar's own checks run inside `bot.ask`. */
export function toCommand(subcommand: string, options: Record<string, string | number | boolean>): Command | undefined {
  const def = findCommand(subcommand);
  if (!def) return undefined;
  const get = (name: string): string => String(options[name] ?? "").trim();
  const text = [def.name, ...def.options.map((o) => get(o.name))].filter(Boolean).join(" ");
  switch (def.name) {
    case "explain":
    case "examples":
      return { name: def.name, topic: get("topic"), text };
    case "compare":
      return { name: "compare", a: get("first"), b: get("second"), text };
    case "search":
      return { name: "search", query: get("query"), text };
    case "topics":
      return get("heading") ? { name: "topics", heading: get("heading"), text } : { name: "topics", text };
    case "help":
      return { name: "help", text };
  }
}

/**
 * How each button's slow answer is deferred: a change of view replaces the message when the
 * clicker may change it (a private answer, or the asker's own public one), else it becomes a
 * private copy; Delete removes the message; Share posts; the rest answer privately.
 */
function deferMode(state: ButtonState | undefined, isPublic: boolean, isOwner: boolean): DeferMode {
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
      return { ephemeral: false, forUpdate: false };
    case "up":
    case "down":
    case "why":
    case undefined:
      return { ephemeral: true, forUpdate: false };
  }
}

interface ClickContext {
  locale: Locale;
  /** The message the button is on is in the channel (not ephemeral). */
  isPublic: boolean;
  /** The clicker asked (or shared) that public answer. */
  isOwner: boolean;
}

async function clicked(
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
  const input = ctx.refs.resolve(state.ref);
  if (input === undefined) return notice(t(locale, "notice.buttonExpired", { prefix }));
  // A click re-renders the answer it is on: same id, not recorded as a new question.
  const answer = await ask(input, { answerId: state.answerId });
  switch (state.action) {
    case "why":
      return notice(t(locale, "notice.buttonUnsupported", { prefix }));
    case "share":
      return {
        ephemeral: false,
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

/** The 👎 modal submitted: the one line is stored with the vote (which already has the section). */
async function handleModal(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "modal" }>,
  responder: Responder,
): Promise<void> {
  const locale = supportedLocale(incoming.locale) ?? ctx.defaultLocale;
  try {
    const state = decodeCustomId(incoming.customId);
    const reason = (incoming.fields[REASON_INPUT] ?? "").trim();
    if (state?.action === "why" && state.answerId && reason) {
      ctx.feedback.reason({ platform: "discord", userId: incoming.userId, answerId: state.answerId, reason });
      ctx.logger.info({ answerId: state.answerId, user: incoming.userId }, "discord feedback reason");
    }
    await responder.reply(renderNotice(t(locale, "notice.feedbackDown")), true);
  } catch (err) {
    logFailure(ctx.logger, "discord", err, { interaction: incoming.kind, customId: incoming.customId });
  }
}

/** Manage Server (1 << 5) or Administrator (1 << 3). */
const MANAGE_GUILD = 1n << 5n;
const ADMINISTRATOR = 1n << 3n;

function mayAdminister(permissions: string | undefined): boolean {
  try {
    const bits = BigInt(permissions ?? "0");
    return (bits & MANAGE_GUILD) !== 0n || (bits & ADMINISTRATOR) !== 0n;
  } catch {
    return false;
  }
}

/**
 * `/docker-admin gaps [since]` and `/docker-admin reload`, always private. Discord hides the
 * command from members without Manage Server (`default_member_permissions`), but a server can
 * change that: the permission is checked here as well.
 */
async function handleAdmin(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "command" }>,
  responder: Responder,
): Promise<void> {
  const locale = supportedLocale(incoming.locale) ?? ctx.defaultLocale;
  const turn = interactionTurn(ctx, incoming, responder, { ephemeral: true, forUpdate: false }, locale);
  await takeTurn(ctx, turn, async () => {
    if (!mayAdminister(incoming.permissions)) return notice(t(locale, "admin.discordNotAllowed"));
    if (!ctx.admin) return notice(t(locale, "admin.unavailable"));
    ctx.logger.info({ admin: incoming.subcommand, user: incoming.userId }, "discord admin command");
    const since = incoming.options.since;
    if (incoming.subcommand === "reload") return notice(await ctx.admin.reload(locale));
    if (incoming.subcommand === "gaps")
      return notice(await ctx.admin.gaps(typeof since === "string" && since.trim() ? since.trim() : undefined, locale));
    return notice(t(locale, "admin.unknownSubcommand", { name: incoming.subcommand }));
  });
}
