import { SLACK_LIMITS, truncateEscaped, truncateMrkdwn } from "./limits.js";

/** The subset of Block Kit this bot sends; kept local so src/render never imports Slack packages. */
export interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: "mrkdwn";
  text: string;
  /** True: Slack does not auto-link bare names or parse mentions in text we did not mark up. */
  verbatim?: boolean;
}

export interface ButtonElement {
  type: "button";
  text: PlainText;
  action_id: string;
  value?: string;
  url?: string;
  style?: "primary" | "danger";
}

export type SlackBlock =
  | { type: "header"; text: PlainText }
  | { type: "section"; text?: Mrkdwn; fields?: Mrkdwn[] }
  | { type: "context"; elements: Mrkdwn[] }
  | { type: "divider" }
  | { type: "actions"; elements: ButtonElement[] };

export interface SlackMessage {
  /** Fallback for notifications and screen readers. */
  text: string;
  blocks: SlackBlock[];
}

/** Slack rejects empty text objects, and notes can hold empty headings or examples. */
function nonEmpty(text: string): string {
  return text.trim() === "" ? "…" : text;
}

export function mrkdwn(text: string): Mrkdwn {
  return { type: "mrkdwn", text: nonEmpty(text), verbatim: true };
}

/** `escapedTitle` must already be escaped. */
export function header(escapedTitle: string): SlackBlock {
  const text = truncateEscaped(escapedTitle.trim() || "docker notes", SLACK_LIMITS.header);
  return { type: "header", text: { type: "plain_text", text, emoji: true } };
}

/** A mrkdwn section, clipped to the text limit with "…" and `more` (a link or a hint). */
export function section(text: string, more = ""): SlackBlock {
  return { type: "section", text: mrkdwn(truncateMrkdwn(text, SLACK_LIMITS.text, more)) };
}

export function fieldsSection(fields: string[], more = ""): SlackBlock {
  return {
    type: "section",
    fields: fields.slice(0, SLACK_LIMITS.fields).map((f) => mrkdwn(truncateMrkdwn(f || " ", SLACK_LIMITS.field, more))),
  };
}

export function context(...texts: string[]): SlackBlock {
  if (texts.every((t) => t.trim() === "")) texts = ["…"];
  return {
    type: "context",
    elements: texts
      .filter((t) => t.trim().length > 0)
      .slice(0, SLACK_LIMITS.contextElements)
      .map((t) => mrkdwn(truncateMrkdwn(t, SLACK_LIMITS.text))),
  };
}

export function button(label: string, actionId: string, value?: string, style?: "primary" | "danger"): ButtonElement {
  const b: ButtonElement = {
    type: "button",
    text: { type: "plain_text", text: nonEmpty(truncateEscaped(label, SLACK_LIMITS.buttonText)), emoji: true },
    action_id: actionId.slice(0, SLACK_LIMITS.actionId),
  };
  if (value !== undefined) b.value = value.slice(0, SLACK_LIMITS.buttonValue);
  if (style) b.style = style;
  return b;
}

export function actions(elements: ButtonElement[]): SlackBlock {
  return { type: "actions", elements: elements.slice(0, SLACK_LIMITS.actionsElements) };
}
