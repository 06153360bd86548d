import type { SectionsAnswer } from "../../answer/types.js";
import { truncate } from "../cut-text.js";
import { type ButtonAction, encodeCustomId } from "./custom-id.js";

import { LIMITS } from "./limits.js";
import type { ActionRow, Button } from "./types.js";

const MAX_PAGE = 999;

function button(
  action: ButtonAction,
  page: number,
  ref: string,
  look: Pick<Button, "style" | "label" | "emoji" | "disabled">,
  answerId?: string,
): Button {
  const state = { action, page: Math.min(page, MAX_PAGE), ref, ...(answerId ? { answerId } : {}) };
  const b: Button = { type: 2, custom_id: encodeCustomId(state), ...look };
  if (b.label) b.label = truncate(b.label, LIMITS.buttonLabel);
  if (!b.disabled) delete b.disabled;
  return b;
}

/** Share, Next result, Examples only, 👍, 👎 under a section answer: exactly one full row. */
export function answerButtons(answer: SectionsAnswer, page: number, ref: string, isPublic: boolean): ActionRow[] {
  const section = answer.sections[page];
  const id = answer.id;
  const buttons: Button[] = [];
  if (!isPublic) buttons.push(button("share", page, ref, { style: 1, label: "Share" }, id));
  buttons.push(
    button("next", page, ref, { style: 2, label: "Next result", disabled: page + 1 >= answer.sections.length }, id),
  );
  buttons.push(
    button(
      "ex",
      page,
      ref,
      { style: 2, label: "Examples only", disabled: !section || section.examples.length === 0 },
      id,
    ),
  );
  buttons.push(button("up", page, ref, { style: 2, emoji: { name: "👍" } }, id));
  buttons.push(button("down", page, ref, { style: 2, emoji: { name: "👎" } }, id));
  return [{ type: 1, components: buttons }];
}

/** Share and feedback only (compare, topics): there is no "next" to move to. */
export function shareButtons(ref: string, isPublic: boolean, answerId?: string): ActionRow[] {
  const buttons: Button[] = [];
  if (!isPublic) buttons.push(button("share", 0, ref, { style: 1, label: "Share" }, answerId));
  buttons.push(button("up", 0, ref, { style: 2, emoji: { name: "👍" } }, answerId));
  buttons.push(button("down", 0, ref, { style: 2, emoji: { name: "👎" } }, answerId));
  return [{ type: 1, components: buttons }];
}

/**
 * One button per suggestion (up to two rows of five). A click asks `explain <title>`; the
 * ref for each comes from `refFor` because a long title may not fit in a custom id.
 */
export function suggestionButtons(suggestions: string[], refFor: (text: string) => string): ActionRow[] {
  const unique = [...new Set(suggestions.map((s) => s.trim()).filter(Boolean))].slice(0, 2 * LIMITS.buttonsPerRow);
  const rows: ActionRow[] = [];
  unique.forEach((title, i) => {
    const b = button("ask", 0, refFor(`explain ${title}`), { style: 2, label: title });
    if (i % LIMITS.buttonsPerRow === 0) rows.push({ type: 1, components: [] });
    rows.at(-1)?.components.push(b);
  });
  return rows;
}
