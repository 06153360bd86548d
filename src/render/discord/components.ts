import { truncate } from "../cut-text.js";
import { t } from "../i18n/catalogue.js";
import type { Locale } from "../i18n/locale.js";
import { type ButtonAction, encodeCustomId } from "./custom-id.js";
import { LIMITS } from "./limits.js";
import type { ActionRow, Button } from "./types.js";

const MAX_PAGE = 999;

/** What every button of one message carries: the question, who owns a public answer, the language. */
export interface ButtonContext {
  ref: string;
  isPublic: boolean;
  /** Set on public answers: the asker (or sharer), the only one whose clicks change the message. */
  owner?: string | undefined;
  /** The answer's id, so a vote joins the question it is about in the store. */
  answerId?: string | undefined;
  locale: Locale;
  /** Share replies to this message (an "Ask the notes" answer). */
  replyTo?: string | undefined;
}

function button(
  action: ButtonAction,
  page: number,
  ctx: Pick<ButtonContext, "ref" | "owner" | "answerId" | "replyTo">,
  look: Pick<Button, "style" | "label" | "emoji" | "disabled">,
): Button {
  const state = {
    action,
    page: Math.min(page, MAX_PAGE),
    ref: ctx.ref,
    ...(ctx.owner ? { owner: ctx.owner } : {}),
    ...(ctx.answerId ? { answerId: ctx.answerId } : {}),
    ...(action === "share" && ctx.replyTo ? { replyTo: ctx.replyTo } : {}),
  };
  const b: Button = { type: 2, custom_id: encodeCustomId(state), ...look };
  if (b.label) b.label = truncate(b.label, LIMITS.buttonLabel);
  if (!b.disabled) delete b.disabled;
  return b;
}

function rows(buttons: Button[]): ActionRow[] {
  const out: ActionRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow)
    out.push({ type: 1, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  return out;
}

function share(ctx: ButtonContext, page: number): Button[] {
  return ctx.isPublic ? [] : [button("share", page, ctx, { style: 1, label: t(ctx.locale, "buttons.shareShort") })];
}

function votes(ctx: ButtonContext, page: number): Button[] {
  return [
    button("up", page, ctx, { style: 2, emoji: { name: "👍" } }),
    button("down", page, ctx, { style: 2, emoji: { name: "👎" } }),
  ];
}

/** The asker's Delete, on its own row (python-discord's tags do the same with a 🗑️ reaction). */
function deleteRow(ctx: ButtonContext): ActionRow[] {
  if (!ctx.isPublic || !ctx.owner) return [];
  return [
    {
      type: 1,
      components: [button("del", 0, ctx, { style: 4, label: t(ctx.locale, "buttons.delete"), emoji: { name: "🗑️" } })],
    },
  ];
}

/** Share, Next result, Examples only (or Full answer), 👍, 👎 under a section answer; Delete when public. */
export function sectionButtons(
  view: { page: number; total: number; examplesOnly: boolean; hasExamples: boolean },
  ctx: ButtonContext,
): ActionRow[] {
  const { page } = view;
  const buttons: Button[] = [...share(ctx, page)];
  buttons.push(
    button("next", page, ctx, { style: 2, label: t(ctx.locale, "buttons.next"), disabled: page + 1 >= view.total }),
  );
  buttons.push(
    view.examplesOnly
      ? button("full", page, ctx, { style: 2, label: t(ctx.locale, "buttons.fullAnswer") })
      : button("ex", page, ctx, {
          style: 2,
          label: t(ctx.locale, "buttons.examplesOnly"),
          disabled: !view.hasExamples,
        }),
  );
  buttons.push(...votes(ctx, page));
  return [...rows(buttons), ...deleteRow(ctx)];
}

/** Share and feedback only (compare): there is no "next" to move to. */
export function shareButtons(ctx: ButtonContext): ActionRow[] {
  return [...rows([...share(ctx, 0), ...votes(ctx, 0)]), ...deleteRow(ctx)];
}

/** Previous / Next page of the outline, and Share. */
export function pageButtons(page: number, pages: number, ctx: ButtonContext): ActionRow[] {
  const buttons: Button[] = [];
  if (pages > 1) {
    buttons.push(
      // The ids differ even when disabled: the pages they lead to do (page − 1 or 0, and page + 1).
      button("page", Math.max(0, page - 1), ctx, {
        style: 2,
        label: t(ctx.locale, "buttons.previousPage"),
        disabled: page === 0,
      }),
      button("page", page + 1, ctx, {
        style: 2,
        label: t(ctx.locale, "buttons.nextPage"),
        disabled: page + 1 >= pages,
      }),
    );
  }
  buttons.push(...share(ctx, page));
  return buttons.length ? [...rows(buttons), ...deleteRow(ctx)] : deleteRow(ctx);
}

/**
 * One button per suggestion (up to two rows of five). A click asks `explain <title>`; the
 * ref for each comes from `refFor` because a long title may not fit in a custom id.
 */
export function suggestionButtons(
  suggestions: string[],
  refFor: (text: string) => string,
  ctx: Omit<ButtonContext, "ref"> & { ref?: string | undefined },
): ActionRow[] {
  const unique = [...new Set(suggestions.map((s) => s.trim()).filter(Boolean))].slice(0, 2 * LIMITS.buttonsPerRow);
  const buttons = unique.map((title) =>
    button("ask", 0, { ref: refFor(`explain ${title}`), owner: ctx.owner }, { style: 2, label: title }),
  );
  return [...rows(buttons), ...(ctx.ref ? deleteRow({ ...ctx, ref: ctx.ref }) : [])];
}
