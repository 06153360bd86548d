import { cutUnits } from "../cut-text.js";

/**
 * Slack's documented Block Kit limits. Every renderer clips to these instead of letting Slack
 * reject the whole message with `invalid_blocks` (which the user would only see as silence).
 */
export const SLACK_LIMITS = {
  /** `text` of a section or context element. */
  text: 3000,
  /** Each entry of a section's `fields`. */
  field: 2000,
  fields: 10,
  blocks: 50,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  contextElements: 10,
  /** Top-level fallback `text` (notifications, screen readers): kept short on purpose. */
  fallback: 300,
} as const;

export const ELLIPSIS = "…";

/** Drops a trailing half of an HTML entity (`&am`) that a cut may leave behind. */
export function dropPartialEntity(text: string): string {
  return text.replace(/&[a-z]{0,4}$/, "");
}

/**
 * Truncates already-escaped plain text to `max` characters, ending with "…" when cut.
 */
export function truncateEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  return dropPartialEntity(cutUnits(text, max - ELLIPSIS.length)) + ELLIPSIS;
}

/**
 * Truncates mrkdwn to `max` characters, ending with "…" and `more` (e.g. ` <url|more>`).
 * Never leaves a half link (`<url|te`), a half entity or an unclosed ``` fence, because Slack
 * would then show raw markup.
 */
export function truncateMrkdwn(text: string, max: number, more = ""): string {
  if (text.length <= max) return text;
  const fenceClose = "\n```";
  const budget = max - ELLIPSIS.length - more.length - fenceClose.length;
  let cut = dropPartialEntity(cutUnits(text, Math.max(0, budget)));
  const open = cut.lastIndexOf("<");
  if (open > cut.lastIndexOf(">")) cut = cut.slice(0, open);
  const fences = cut.split("```").length - 1;
  if (fences % 2 === 1) return `${cut}${ELLIPSIS}${fenceClose}${more}`;
  return `${cut}${ELLIPSIS}${more}`;
}
