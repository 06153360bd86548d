import { answerSections } from "./answer-sections.js";
import type { Bot } from "./bot.js";
import type { Answer } from "./types.js";

/**
 * Secrets shorter than this are not looked for: a test value such as `s` would match every answer.
 * Real ones are far longer (Slack tokens ~55 characters, a signing secret 32, a Discord token ~70).
 */
export const MIN_SECRET_LENGTH = 8;

export interface WithheldAnswer {
  /** What was asked (the command text). */
  query: string;
  /** Sections (`file#slug`) whose text holds a secret: the notes to fix. */
  sections: string[];
}

export interface WithholdSecretsOptions {
  /** The values of every secret setting (see `secretValues` in src/config.ts). */
  secrets: readonly string[];
  /** Told about every answer withheld, to log it without the secret. */
  onWithheld?(info: WithheldAnswer): void;
}

/**
 * The second line of defence behind the notes' containment: every reply is built from what
 * `ask` and `autocomplete` return, so an answer (or a choice) holding the value of a configured
 * secret is replaced here, before any adapter renders it, whatever put the secret into the notes
 * (a pasted token, a link that slipped through). The check reads every string of the answer as
 * built, before rendering cuts or escapes anything, so a secret cannot hide behind a `\_` or be
 * sent half cut off.
 */
export function withholdSecrets(bot: Bot, options: WithholdSecretsOptions): Bot {
  const secrets = [...new Set(options.secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH).map(squash);
  if (secrets.length === 0) return bot;
  const holds = (value: unknown) => {
    const text = squash(strings(value).join("\n"));
    return secrets.some((secret) => text.includes(secret));
  };
  return {
    async ask(input, askOptions) {
      const answer = await bot.ask(input, askOptions);
      if (!holds(answer)) return answer;
      const query = typeof input === "string" ? input : input.text;
      const shown = [...answerSections(answer), ...(answer.type === "topics" ? answer.outline : [])];
      const sections = [...new Set(shown.filter((sec) => holds(sec)).map((sec) => sec.id))];
      options.onWithheld?.({ query: holds(query) ? "[a secret]" : query, sections });
      return withheld(answer.id);
    },
    async autocomplete(partial) {
      return (await bot.autocomplete(partial)).filter((c) => !holds(c));
    },
  };
}

function withheld(id: string | undefined): Answer {
  // Nothing of the question either: it may be what matched the secret. The id stays (feedback joins it).
  return {
    type: "invalid",
    command: "invalid",
    query: "",
    matched: false,
    problem: { kind: "withheld" },
    ...(id !== undefined ? { id } : {}),
  };
}

/**
 * Text as compared: without whitespace and the characters markdown turns into formatting or
 * escapes (`*`, `_`, backticks, `~`, `\\`), on both sides. Parsing a note drops emphasis markers
 * from a heading (`xoxb-1-*a*` becomes `xoxb-1-a`), rendering adds escapes and line breaks: the
 * secret is still recognised.
 */
function squash(text: string): string {
  return text.replace(/[\s*_`~\\]/g, "");
}

/** Every string in a plain value (answers are plain data: objects, arrays, strings, numbers). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}
