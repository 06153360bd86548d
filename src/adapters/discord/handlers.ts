import { answerSections } from "../../answer/answer-sections.js";
import type { Bot, Choice } from "../../answer/bot.js";
import { findCommand } from "../../answer/commands.js";
import type { Answer, Command } from "../../answer/types.js";
import type { Logger } from "../../logger.js";
import { truncate } from "../../render/cut-text.js";
import {
  type ButtonState,
  type DiscordMessage,
  decodeCustomId,
  LIMITS,
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
}

export function createHandlerContext(options: {
  bot: Bot;
  logger: Logger;
  sourceUrl?: string | undefined;
  deferAfterMs?: number | undefined;
  refs?: QueryRefs | undefined;
  rateLimiter?: RateLimiter | false | undefined;
}): HandlerContext {
  return {
    bot: options.bot,
    logger: options.logger,
    sourceUrl: options.sourceUrl,
    refs: options.refs ?? new QueryRefs(),
    deferAfterMs: options.deferAfterMs ?? 2000,
    limiter: resolveRateLimiter(options.rateLimiter),
  };
}

/** A Discord reply: the message, whether only the asker sees it, and whether it replaces the clicked one. */
interface Reply {
  message: DiscordMessage;
  ephemeral: boolean;
  update?: boolean;
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
    send: (r) => (r.update ? responder.update(r.message) : responder.reply(r.message, r.ephemeral)),
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
  const answer = await ask(input);
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
          user: incoming.userId,
        },
        "discord feedback",
      );
      return notice(
        state.action === "up" ? "Thanks, glad it helped! 👍" : "Thanks for telling us; the notes will get better. 👎",
      );
    }
  }
}
