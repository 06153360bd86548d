import { t } from "../i18n/catalogue.js";
import type { Locale } from "../i18n/locale.js";
import { encodeCustomId } from "./custom-id.js";

/** Discord's modal: a title and one short text input (API JSON, types 1 row and 4 text input). */
export interface DiscordModal {
  custom_id: string;
  title: string;
  components: Array<{
    type: 1;
    components: Array<{
      type: 4;
      custom_id: string;
      style: 1;
      label: string;
      required: boolean;
      max_length: number;
      placeholder: string;
    }>;
  }>;
}

export const REASON_INPUT = "reason";
export const MAX_REASON_LENGTH = 300;

/** "What were you looking for?" after a 👎; the submission comes back as `dn:why:<page>.<answer id>:<ref>`. */
export function reasonModal(
  state: { page: number; ref: string; answerId: string },
  locale: Locale = "en",
): DiscordModal {
  return {
    custom_id: encodeCustomId({ action: "why", ...state }),
    title: t(locale, "feedback.title"),
    components: [
      {
        type: 1,
        components: [
          {
            type: 4,
            custom_id: REASON_INPUT,
            style: 1,
            label: t(locale, "feedback.label"),
            required: false,
            max_length: MAX_REASON_LENGTH,
            placeholder: t(locale, "feedback.placeholder"),
          },
        ],
      },
    ],
  };
}
