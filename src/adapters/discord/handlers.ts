import { randomBytes } from "node:crypto";
import type { Bot, Choice } from "../../answer/bot.js";
import { ADMIN_COMMAND, findCommand } from "../../answer/commands.js";
import { type AdminCommands, type FeedbackSink, NO_FEEDBACK } from "../../answer/hooks.js";
import type { Answer, Command } from "../../answer/types.js";
import type { Logger } from "../../logger.js";
import {
  commandText,
  type DiscordMessage,
  decodeCustomId,
  LIMITS,
  QueryRefs,
  REASON_INPUT,
  reasonModal,
  renderAnswer,
  renderExamples,
  renderNotice,
  renderShared,
} from "../../render/discord/index.js";
import { type RateLimiter, rateLimitMessage, resolveRateLimiter } from "../rate-limit.js";
import { PUBLIC_OPTION } from "./command-data.js";
import type { Incoming, Responder } from "./incoming.js";

export interface HandlerContext {
  bot: Bot;
  logger: Logger;
  refs: QueryRefs;
  sourceUrl?: string;
  /** Answers slower than this are deferred and followed up (Discord allows 3 s for the first response). */
  deferAfterMs: number;
  /** Per-user limit keyed `discord:<user id>`; none when undefined. */
  limiter?: RateLimiter;
  /** 👍/👎 and the 👎 modal's answer. */
  feedback: FeedbackSink;
  /** `/docker-admin gaps|reload`. */
  admin?: AdminCommands;
}

export function createHandlerContext(options: {
  bot: Bot;
  logger: Logger;
  sourceUrl?: string;
  deferAfterMs?: number;
  refs?: QueryRefs;
  rateLimiter?: RateLimiter | false;
  feedback?: FeedbackSink;
  admin?: AdminCommands;
}): HandlerContext {
  return {
    feedback: options.feedback ?? NO_FEEDBACK,
    ...(options.admin ? { admin: options.admin } : {}),
    bot: options.bot,
    logger: options.logger,
    sourceUrl: options.sourceUrl,
    refs: options.refs ?? new QueryRefs(),
    deferAfterMs: options.deferAfterMs ?? 2000,
    limiter: resolveRateLimiter(options.rateLimiter),
  };
}

/** Spends one token for the user; when over budget, says so (logged) and returns the wait. */
export function overLimit(
  ctx: HandlerContext,
  userId: string | undefined,
  kind: "command" | "autocomplete",
): number | undefined {
  if (!ctx.limiter || !userId) return undefined;
  const decision = ctx.limiter.take(`discord:${userId}`, kind);
  if (decision.allowed) return undefined;
  ctx.logger.info({ user: userId, kind, retryAfterSeconds: decision.retryAfterSeconds }, "discord rate limited");
  return decision.retryAfterSeconds;
}

/** Handles any interaction; never throws (errors become an apology with an id in the log). */
export async function handleInteraction(ctx: HandlerContext, incoming: Incoming, responder: Responder): Promise<void> {
  try {
    if (incoming.kind === "autocomplete") {
      // Over budget: no choices (autocomplete can't show a message); the user can still send the command.
      if (overLimit(ctx, incoming.userId, "autocomplete") !== undefined) return await responder.choices([]);
      return await responder.choices(await autocomplete(ctx, incoming.focused.value));
    }
    const wait = overLimit(ctx, incoming.userId, "command");
    if (wait !== undefined) return await responder.reply(renderNotice(rateLimitMessage(wait)), true);
    if (incoming.kind === "command") {
      if (incoming.command === ADMIN_COMMAND) return await handleAdmin(ctx, incoming, responder);
      return await handleCommand(ctx, incoming, responder);
    }
    if (incoming.kind === "modal") return await handleModal(ctx, incoming, responder);
    return await handleComponent(ctx, incoming, responder);
  } catch (err) {
    await apologize(ctx, responder, err, incoming);
  }
}

/** Text from a mention or a DM → the reply message (public, with buttons). */
export async function answerText(
  ctx: HandlerContext,
  text: string,
  from: { userId: string; surface: "mention" | "dm" },
): Promise<DiscordMessage> {
  const query = text.trim() || "help";
  const answer = await ctx.bot.ask(query, { platform: "discord", ...from });
  return render(ctx, answer, query, { isPublic: true });
}

/** Logs the error with an id and returns the apology that quotes it. */
export function errorNotice(ctx: HandlerContext, err: unknown, context: Record<string, unknown>): DiscordMessage {
  const errorId = randomBytes(4).toString("hex");
  ctx.logger.error({ err, errorId, ...context }, "discord handler failed");
  return renderNotice(
    `Sorry, something went wrong while answering. Error id: \`${errorId}\` (the team can find it in the log).`,
  );
}

async function apologize(ctx: HandlerContext, responder: Responder, err: unknown, incoming: Incoming): Promise<void> {
  const notice = errorNotice(ctx, err, {
    interaction: incoming.kind,
    query: queryOf(ctx, incoming),
    ...(incoming.kind === "component" ? { customId: incoming.customId } : {}),
  });
  try {
    if (incoming.kind === "autocomplete") {
      if (!responder.responded) await responder.choices([]);
    } else if (responder.responded) await responder.edit(notice);
    else await responder.reply(notice, true);
  } catch (again) {
    ctx.logger.error({ err: again }, "discord apology failed");
  }
}

/** What the user asked, for the log line of a failure (the command text, the partial being typed, or a button's query). */
function queryOf(ctx: HandlerContext, incoming: Incoming): string | undefined {
  switch (incoming.kind) {
    case "command":
      return toCommand(incoming.subcommand, incoming.options)?.text ?? incoming.subcommand;
    case "autocomplete":
      return incoming.focused.value;
    case "modal":
    case "component": {
      const state = decodeCustomId(incoming.customId);
      const input = state ? ctx.refs.resolve(state.ref) : undefined;
      return input === undefined ? undefined : commandText(input);
    }
  }
}

/** Autocomplete can't be deferred: past this, an empty list beats an expired interaction. */
const AUTOCOMPLETE_BUDGET_MS = 2500;

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
    .map((c) => ({
      name: c.name.length <= LIMITS.choiceName ? c.name : c.name.slice(0, LIMITS.choiceName - 1) + "…",
      value: c.value,
    }));
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

async function handleCommand(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "command" }>,
  responder: Responder,
): Promise<void> {
  const command = toCommand(incoming.subcommand, incoming.options);
  if (!command)
    return responder.reply(renderNotice(`Unknown subcommand \`${incoming.subcommand}\`. Try \`/docker help\`.`), true);
  const isPublic = incoming.options[PUBLIC_OPTION] === true;
  const asked = {
    platform: "discord" as const,
    surface: "command" as const,
    userId: incoming.userId,
    ...(incoming.locale ? { locale: incoming.locale } : {}),
  };
  const work = ctx.bot.ask(command, asked).then((answer) => ({
    // Refusals and misses stay private even when asked publicly: nothing useful to show others.
    ephemeral: !isPublic || answer.kind === "invalid" || !answer.matched,
    message: render(ctx, answer, command, { isPublic: isPublic && answer.kind !== "invalid" && answer.matched }),
  }));
  await withDeferral(ctx, responder, work, !isPublic, false);
}

async function handleComponent(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "component" }>,
  responder: Responder,
): Promise<void> {
  const state = decodeCustomId(incoming.customId);
  if (!state)
    return responder.reply(renderNotice("This button is no longer supported. Ask again with `/docker`."), true);
  const input = ctx.refs.resolve(state.ref);
  if (input === undefined)
    return responder.reply(renderNotice("This button has expired. Ask again with `/docker`."), true);
  // A click re-renders the answer it is on: same id, not a new question.
  const ask = (): Promise<Answer> =>
    ctx.bot.ask(input, { platform: "discord", ...(state.answerId ? { answerId: state.answerId } : {}) });
  const isPublic = !incoming.messageEphemeral;
  switch (state.action) {
    case "share":
      return withDeferral(
        ctx,
        responder,
        ask().then((a) => ({
          ephemeral: false,
          message: renderShared(a, incoming.userId, { sourceUrl: ctx.sourceUrl, page: state.page }),
        })),
        false,
        false,
      );
    case "next":
      return withDeferral(
        ctx,
        responder,
        ask().then((a) => ({
          ephemeral: false,
          update: true,
          message: render(ctx, a, input, { isPublic, page: state.page + 1 }),
        })),
        false,
        true,
      );
    case "ask":
      return withDeferral(
        ctx,
        responder,
        ask().then((a) => ({ ephemeral: false, update: true, message: render(ctx, a, input, { isPublic }) })),
        false,
        true,
      );
    case "ex":
      return withDeferral(
        ctx,
        responder,
        ask().then((a) => ({ ephemeral: true, message: renderExamples(a, state.page, { sourceUrl: ctx.sourceUrl }) })),
        true,
        false,
      );
    case "why":
      return responder.reply(renderNotice("This button is no longer supported. Ask again with `/docker`."), true);
    case "up":
    case "down": {
      const answer = await ask();
      const section = answer.sections[state.page];
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
        return responder.modal(reasonModal({ page: state.page, ref: state.ref, answerId: state.answerId }));
      return responder.reply(
        renderNotice(
          state.action === "up" ? "Thanks, glad it helped! 👍" : "Thanks for telling us; the notes will get better. 👎",
        ),
        true,
      );
    }
  }
}

/** The 👎 modal submitted: the one line is stored with the vote. */
async function handleModal(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "modal" }>,
  responder: Responder,
): Promise<void> {
  const state = decodeCustomId(incoming.customId);
  const reason = (incoming.fields[REASON_INPUT] ?? "").trim();
  if (state?.action === "why" && state.answerId && reason) {
    // The section was stored with the vote the modal follows.
    ctx.feedback.reason({ platform: "discord", userId: incoming.userId, answerId: state.answerId, reason });
    ctx.logger.info({ answerId: state.answerId, user: incoming.userId }, "discord feedback reason");
  }
  return responder.reply(renderNotice("Thanks for telling us; the notes will get better. 👎"), true);
}

/** Manage Server (1 << 5) or Administrator (1 << 3): Discord also hides the command from others by default. */
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

/** `/docker-admin gaps [since]` and `/docker-admin reload`, always private. */
async function handleAdmin(
  ctx: HandlerContext,
  incoming: Extract<Incoming, { kind: "command" }>,
  responder: Responder,
): Promise<void> {
  // default_member_permissions can be changed per server; the permission is checked here as well.
  if (!mayAdminister(incoming.permissions))
    return responder.reply(renderNotice("`/docker-admin` is for members with the Manage Server permission."), true);
  if (!ctx.admin) return responder.reply(renderNotice("Admin commands are not available in this process."), true);
  const admin = ctx.admin;
  const since = incoming.options.since;
  const work =
    incoming.subcommand === "reload"
      ? admin.reload()
      : incoming.subcommand === "gaps"
        ? admin.gaps(typeof since === "string" && since.trim() ? since.trim() : undefined)
        : Promise.resolve(`Unknown subcommand \`${incoming.subcommand}\`: use gaps or reload.`);
  ctx.logger.info({ admin: incoming.subcommand, user: incoming.userId }, "discord admin command");
  await withDeferral(
    ctx,
    responder,
    work.then((text) => ({ ephemeral: true, message: renderNotice(text) })),
    true,
    false,
  );
}

interface Outcome {
  message: DiscordMessage;
  ephemeral: boolean;
  /** Replace the clicked message instead of sending a new one. */
  update?: boolean;
}

/**
 * Sends the answer directly when it is ready within `deferAfterMs`; otherwise defers first
 * (Discord drops interactions not answered within 3 s) and edits the deferred response.
 */
async function withDeferral(
  ctx: HandlerContext,
  responder: Responder,
  work: Promise<Outcome>,
  ephemeral: boolean,
  forUpdate: boolean,
): Promise<void> {
  // Observed here so a failure after the defer can't surface as an unhandled rejection.
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<"slow">((resolve) => {
    timer = setTimeout(() => resolve("slow"), ctx.deferAfterMs);
  });
  try {
    const first = await Promise.race([work, slow]);
    if (first !== "slow") {
      if (first.update) return await responder.update(first.message);
      return await responder.reply(first.message, first.ephemeral);
    }
  } finally {
    clearTimeout(timer);
  }
  await responder.defer(ephemeral, forUpdate);
  const outcome = await work;
  await responder.edit(outcome.message);
}
