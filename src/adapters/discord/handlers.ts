import { answerSections } from "../../answer/answer-sections.js";
import type { Bot, Choice } from "../../answer/bot.js";
import { ADMIN_COMMAND, findCommand } from "../../answer/commands.js";
import { type AdminCommands, type FeedbackSink, NO_FEEDBACK } from "../../answer/hooks.js";
import type { Answer, Command } from "../../answer/types.js";
import type { Logger } from "../../logger.js";
import { truncate } from "../../render/cut-text.js";
import {
  type ButtonState,
  type DiscordMessage,
  type DiscordModal,
  decodeCustomId,
  LIMITS,
  REASON_INPUT,
  reasonModal,
  renderAnswer,
  renderExamples,
  renderNotice,
  renderShared,
} from "../../render/discord/index.js";
import { type RateLimiter, resolveRateLimiter } from "../rate-limit.js";
import { type Ask, type Asker, logFailure, overLimit, type Replier, type Turn, takeTurn } from "../turn.js";
import { PUBLIC_OPTION } from "./command-data.js";
import type { Incoming, Responder } from "./incoming.js";
import { commandText, QueryRefs } from "./query-refs.js";

export interface HandlerContext {
  bot: Bot;
  logger: Logger;
  refs: QueryRefs;
  sourceUrl?: string | undefined;
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
  sourceUrl?: string | undefined;
  deferAfterMs?: number | undefined;
  refs?: QueryRefs | undefined;
  rateLimiter?: RateLimiter | false | undefined;
  feedback?: FeedbackSink | undefined;
  admin?: AdminCommands | undefined;
}): HandlerContext {
  return {
    feedback: options.feedback ?? NO_FEEDBACK,
    admin: options.admin,
    bot: options.bot,
    logger: options.logger,
    sourceUrl: options.sourceUrl,
    refs: options.refs ?? new QueryRefs(),
    deferAfterMs: options.deferAfterMs ?? 2000,
    limiter: resolveRateLimiter(options.rateLimiter),
  };
}

/**
 * A Discord reply: the message, whether only the asker sees it, and whether it replaces the
 * clicked one; or a modal (the 👎's "what were you looking for?", in answer to the click).
 */
interface Reply {
  message: DiscordMessage;
  ephemeral: boolean;
  update?: boolean;
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
      const isPublic = incoming.options[PUBLIC_OPTION] === true;
      const turn = interactionTurn(ctx, incoming, responder, { ephemeral: !isPublic, forUpdate: false });
      await takeTurn(ctx, turn, async (ask) => {
        if (!command) return notice(`Unknown subcommand \`${incoming.subcommand}\`. Try \`/docker help\`.`);
        const answer = await ask(command);
        // Refusals and misses stay private even when asked publicly: nothing useful to show others.
        return {
          ephemeral: !isPublic || !answer.matched,
          message: render(ctx, answer, command, { isPublic: isPublic && answer.matched }),
        };
      });
      return;
    }
    case "component": {
      const state = decodeCustomId(incoming.customId);
      const turn = interactionTurn(ctx, incoming, responder, deferMode(state));
      await takeTurn(ctx, turn, (ask) => clicked(ctx, incoming, state, ask));
      return;
    }
    case "modal":
      return handleModal(ctx, incoming, responder);
    case "message": {
      const log = ctx.logger.child({ user: incoming.userId, channel: incoming.channelId, where: incoming.surface });
      const turn: Turn<Reply> = {
        asker: { platform: "discord", surface: incoming.surface, userId: incoming.userId },
        log,
        replier: replier(responder, undefined, ctx.deferAfterMs),
        notice,
        failureContext: () => ({ message: incoming.messageId, channel: incoming.channelId, query: incoming.text }),
      };
      await takeTurn(ctx, turn, async (ask) => ({
        ephemeral: false,
        message: render(ctx, await ask(incoming.text), incoming.text.trim() || "help", { isPublic: true }),
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
        : r.update
          ? responder.update(r.message)
          : responder.reply(r.message, r.ephemeral),
    edit: (r) => responder.edit(r.message),
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
): Turn<Reply> {
  return {
    asker: asker(incoming),
    log: ctx.logger,
    replier: replier(responder, mode, ctx.deferAfterMs),
    notice,
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
  opts: { isPublic: boolean; page?: number },
): DiscordMessage {
  const refFor = (text: string): string => ctx.refs.refFor(text);
  return renderAnswer(
    answer,
    { sourceUrl: ctx.sourceUrl, ref: ctx.refs.refFor(input), isPublic: opts.isPublic, page: opts.page },
    refFor,
  );
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
      return { name: "compare", a: get("a"), b: get("b"), text };
    case "search":
      return { name: "search", query: get("query"), text };
    case "topics":
      return get("heading") ? { name: "topics", heading: get("heading"), text } : { name: "topics", text };
    case "help":
      return { name: "help", text };
  }
}

/** How each button's slow answer is deferred: Next and suggestions replace the message; the rest reply. */
function deferMode(state: ButtonState | undefined): DeferMode {
  switch (state?.action) {
    case "next":
    case "ask":
      return { ephemeral: false, forUpdate: true };
    case "share":
      return { ephemeral: false, forUpdate: false };
    case "ex":
    case "up":
    case "down":
    case "why":
    case undefined:
      return { ephemeral: true, forUpdate: false };
  }
}

async function clicked(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "component" }>,
  state: ButtonState | undefined,
  ask: Ask,
): Promise<Reply> {
  if (!state) return notice("This button is no longer supported. Ask again with `/docker`.");
  const input = ctx.refs.resolve(state.ref);
  if (input === undefined) return notice("This button has expired. Ask again with `/docker`.");
  // A click re-renders the answer it is on: same id, not recorded as a new question.
  const answer = await ask(input, { answerId: state.answerId });
  const isPublic = !incoming.messageEphemeral;
  switch (state.action) {
    case "share":
      return {
        ephemeral: false,
        message: renderShared(answer, incoming.userId, { sourceUrl: ctx.sourceUrl, page: state.page }),
      };
    case "next":
      return {
        ephemeral: false,
        update: true,
        message: render(ctx, answer, input, { isPublic, page: state.page + 1 }),
      };
    case "ask":
      return { ephemeral: false, update: true, message: render(ctx, answer, input, { isPublic }) };
    case "ex":
      return { ephemeral: true, message: renderExamples(answer, state.page, { sourceUrl: ctx.sourceUrl }) };
    case "why":
      return notice("This button is no longer supported. Ask again with `/docker`.");
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
          ...notice("Thanks for telling us; the notes will get better. 👎"),
          modal: reasonModal({ page: state.page, ref: state.ref, answerId: state.answerId }),
        };
      return notice(
        state.action === "up" ? "Thanks, glad it helped! 👍" : "Thanks for telling us; the notes will get better. 👎",
      );
    }
  }
}

/** The 👎 modal submitted: the one line is stored with the vote (which already has the section). */
async function handleModal(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "modal" }>,
  responder: Responder,
): Promise<void> {
  try {
    const state = decodeCustomId(incoming.customId);
    const reason = (incoming.fields[REASON_INPUT] ?? "").trim();
    if (state?.action === "why" && state.answerId && reason) {
      ctx.feedback.reason({ platform: "discord", userId: incoming.userId, answerId: state.answerId, reason });
      ctx.logger.info({ answerId: state.answerId, user: incoming.userId }, "discord feedback reason");
    }
    await responder.reply(renderNotice("Thanks for telling us; the notes will get better. 👎"), true);
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
  const turn = interactionTurn(ctx, incoming, responder, { ephemeral: true, forUpdate: false });
  await takeTurn(ctx, turn, async () => {
    if (!mayAdminister(incoming.permissions))
      return notice("`/docker-admin` is for members with the Manage Server permission.");
    if (!ctx.admin) return notice("Admin commands are not available in this process.");
    ctx.logger.info({ admin: incoming.subcommand, user: incoming.userId }, "discord admin command");
    const since = incoming.options.since;
    if (incoming.subcommand === "reload") return notice(await ctx.admin.reload());
    if (incoming.subcommand === "gaps")
      return notice(await ctx.admin.gaps(typeof since === "string" && since.trim() ? since.trim() : undefined));
    return notice(`Unknown subcommand \`${incoming.subcommand}\`: use gaps or reload.`);
  });
}
