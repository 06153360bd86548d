import { truncate } from "../cut-text.js";
import { t } from "../i18n/catalogue.js";
import type { Locale } from "../i18n/locale.js";

/**
 * The "what were you looking for?" modal a 👎 opens (views.open). `private_metadata` carries the
 * answer id and section back with the submission, so nothing is kept between the two requests.
 */
export const REASON_MODAL = { callbackId: "docker_feedback_reason", blockId: "reason", actionId: "reason" } as const;
export const MAX_REASON_LENGTH = 300;

export interface ReasonMeta {
  /** Answer id. */
  a: string;
  /** Section id the 👎 was on. */
  s?: string;
}

export function reasonModal(meta: ReasonMeta, locale: Locale = "en"): Record<string, unknown> {
  return {
    type: "modal",
    callback_id: REASON_MODAL.callbackId,
    private_metadata: JSON.stringify(meta).slice(0, 3000),
    // Slack cuts nothing: a title over 24 characters refuses the whole modal.
    title: { type: "plain_text", text: truncate(t(locale, "feedback.title"), 24) },
    submit: { type: "plain_text", text: t(locale, "feedback.submit") },
    close: { type: "plain_text", text: t(locale, "feedback.close") },
    blocks: [
      {
        type: "input",
        block_id: REASON_MODAL.blockId,
        optional: true,
        label: { type: "plain_text", text: t(locale, "feedback.label") },
        hint: { type: "plain_text", text: t(locale, "feedback.hint") },
        element: {
          type: "plain_text_input",
          action_id: REASON_MODAL.actionId,
          max_length: MAX_REASON_LENGTH,
          placeholder: { type: "plain_text", text: t(locale, "feedback.placeholder") },
        },
      },
    ],
  };
}

export function decodeReasonMeta(raw: string | undefined): ReasonMeta | undefined {
  try {
    const v = JSON.parse(raw ?? "") as Record<string, unknown>;
    if (typeof v.a !== "string") return undefined;
    return typeof v.s === "string" ? { a: v.a, s: v.s } : { a: v.a };
  } catch {
    return undefined;
  }
}
