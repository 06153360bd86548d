import { COMMAND_PREFIX, COMMANDS } from "../answer/commands.js";
import { type Locale, supportedLocale } from "../render/i18n/locale.js";
import { toSimplified } from "../search/to-simplified.js";

/** What says nothing about the asker's language: the command words, flags, code and links. */
const NEUTRAL = new RegExp(
  [
    "`[^`]*`",
    "https?://\\S+",
    `(?:^|\\s)/?${COMMAND_PREFIX}\\b`,
    `\\b(?:${COMMANDS.map((c) => c.name).join("|")}|vs)\\b`,
    "(?:^|\\s)--?[\\w-]+",
  ].join("|"),
  "giu",
);

/**
 * The language to answer a question in, from its script (Slack and Discord mentions and DMs,
 * which carry no locale): Chinese characters → Chinese, Traditional when it holds characters only
 * Traditional has (the search's own Traditional → Simplified conversion tells, not a second
 * detector); Latin words → English; nothing but commands and flags (`explain --restart`, `help`)
 * → `fallback`, the team's DEFAULT_LOCALE.
 */
export function questionLocale(text: string, fallback: Locale): Locale {
  const words = text.replace(NEUTRAL, " ");
  if (/\p{Script=Han}/u.test(words)) return toSimplified(words) !== words ? "zh-TW" : "zh-CN";
  if (/\p{Script=Latin}{2,}/u.test(words)) return "en";
  return fallback;
}

/**
 * A Discord interaction's language: the user's client locale when we speak it (zh-CN, zh-TW,
 * en-*), else the question's script.
 */
export function interactionLocale(clientLocale: string | undefined, text: string, fallback: Locale): Locale {
  return supportedLocale(clientLocale) ?? questionLocale(text, fallback);
}
