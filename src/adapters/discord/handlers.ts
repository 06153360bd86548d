import type { Choice } from "../../answer/bot.js";
import { ADMIN_COMMAND, COMMAND_PREFIX, findCommand } from "../../answer/commands.js";
import type { Command } from "../../answer/types.js";
import { truncate } from "../../render/cut-text.js";
import { decodeCustomId, isSnowflake, LIMITS, REASON_INPUT, renderNotice } from "../../render/discord/index.js";
import { t } from "../../render/i18n/catalogue.js";
import { type Locale, supportedLocale } from "../../render/i18n/locale.js";
import { interactionLocale } from "../question-locale.js";
import { type Asker, logFailure, overLimit, type Turn, takeTurn } from "../turn.js";
import { clicked, deferMode } from "./clicks.js";
import { PUBLIC_OPTION, TARGET_OPTION } from "./command-data.js";
import { type DeferMode, type HandlerContext, notice, type Reply, render, replier } from "./context.js";
import type { Incoming, Responder } from "./incoming.js";
import { answerMessage } from "./messages.js";
import { commandText } from "./query-refs.js";

export { createHandlerContext, type HandlerContext } from "./context.js";

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
    case "context": {
      const locale = interactionLocale(incoming.locale, incoming.text, ctx.defaultLocale);
      const turn: Turn<Reply> = {
        ...interactionTurn(ctx, incoming, responder, { ephemeral: true, forUpdate: false }, locale),
        failureContext: () => ({ interaction: incoming.kind, message: incoming.messageId, query: incoming.text }),
      };
      // Privately to whoever used it; its Share replies to the message.
      await takeTurn(ctx, turn, async (ask) =>
        incoming.text.trim() === ""
          ? notice(t(locale, "conversation.noText"))
          : {
              ephemeral: true,
              message: render(ctx, await ask(incoming.text), incoming.text, { locale, replyTo: incoming.messageId }),
            },
      );
      return;
    }
    case "message":
      return answerMessage(ctx, incoming, responder);
  }
}

function asker(incoming: Extract<Incoming, { kind: "command" | "component" | "autocomplete" | "context" }>): Asker {
  const surfaces = {
    command: "slash",
    component: "button",
    autocomplete: "autocomplete",
    context: "shortcut",
  } as const;
  return {
    platform: "discord",
    surface: surfaces[incoming.kind],
    userId: incoming.userId,
    ...(incoming.locale ? { locale: incoming.locale } : {}),
  };
}

function interactionTurn(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "command" | "component" | "context" }>,
  responder: Responder,
  mode: DeferMode,
  locale: Locale,
): Turn<Reply> {
  return {
    asker: asker(incoming),
    log: ctx.logger,
    replier: replier(ctx, responder, mode, ctx.deferAfterMs),
    notice,
    locale,
    failureContext: () => ({
      interaction: incoming.kind,
      query: incoming.kind === "context" ? incoming.text : queryOf(ctx, incoming),
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
  const input = state ? ctx.refs.peek(state.ref) : undefined;
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
    if ((await overLimit(ctx, asker(incoming), ctx.logger, "autocomplete")) !== undefined)
      return await responder.choices([]);
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
