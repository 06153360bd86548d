import { COMMAND_PREFIX, COMMANDS } from "../answer/commands.js";
import type {
  Answer,
  CompareAnswer,
  Correction,
  InputProblem,
  MissReason,
  SectionsAnswer,
  UnknownFlag,
} from "../answer/types.js";
import { truncate } from "./cut-text.js";
import { enumerate, t } from "./i18n/catalogue.js";
import type { Locale } from "./i18n/locale.js";

/**
 * What the bot says in words about an answer, as markdown in the asker's language: the one place
 * answers become sentences (every renderer and the JSON contract's `message` read it), from the
 * message catalogue (`locales/*.yml`). Undefined when the sections speak for themselves.
 */
export interface WordingOptions {
  /**
   * The closest topics are shown as buttons next to the text (Slack, Discord): the text then
   * does not list them again. Default false (the console and JSON list them in the text).
   */
  suggestionsAsButtons?: boolean;
}

export function answerMessage(answer: Answer, locale: Locale = "en", options: WordingOptions = {}): string | undefined {
  switch (answer.type) {
    case "help":
      return helpText(locale);
    case "miss":
      return missMessage(answer.reason, options.suggestionsAsButtons ? [] : answer.suggestions, locale);
    case "invalid":
      return problemMessage(answer.problem, locale);
    case "compare":
    case "sections":
      return answerNote(answer, locale);
    case "topics":
      return undefined;
  }
}

/**
 * What an answer says above its sections: how a typo was read ("Did you mean `--network`?"), and
 * that a closest match may not be exactly what was asked. Undefined for a confident answer as typed.
 */
export function answerNote(answer: SectionsAnswer | CompareAnswer, locale: Locale = "en"): string | undefined {
  const parts = answer.type === "sections" ? (answer.corrections ?? []).map((c) => didYouMean(c, locale)) : [];
  if (answer.confidence === "low")
    parts.push(t(locale, answer.type === "compare" ? "closest.compareNote" : "closest.note"));
  return parts.length ? parts.join(locale === "en" ? " " : "") : undefined;
}

function didYouMean(c: Correction, locale: Locale): string {
  return t(locale, "closest.didYouMean", { read: c.read, typed: c.typed });
}

/** A miss in words; `suggestions` are listed in the text (pass none when they are buttons). */
export function missMessage(reason: MissReason, suggestions: string[], locale: Locale = "en"): string {
  const p = COMMAND_PREFIX;
  switch (reason.kind) {
    case "not-found": {
      const parts = [t(locale, "miss.notFound", { searched: quote(reason.searched) })];
      for (const c of reason.corrections ?? [])
        parts.push(t(locale, "closest.readAs", { typed: c.typed, read: c.read }));
      for (const f of reason.unknownFlags)
        parts.push(t(locale, "miss.unknownFlag", { flag: flagName(f), meaning: f.meaning }));
      if (suggestions.length)
        parts.push(
          t(locale, "miss.closest", {
            list: enumerate(
              locale,
              suggestions.map((s) => `“${s}”`),
            ),
          }),
        );
      return parts.join(locale === "en" ? " " : "");
    }
    case "no-examples":
      return t(locale, "miss.noExamples", { topic: quote(reason.topic), typed: reason.topic, prefix: p });
    case "no-comparison": {
      if (!reason.unknown) return t(locale, "miss.noComparison", { a: quote(reason.a), b: quote(reason.b) });
      const other = reason.unknown === reason.a ? reason.b : reason.a;
      return t(locale, "closest.oneSideMissing", { missing: quote(reason.unknown), other: quote(other) });
    }
  }
}

export function problemMessage(problem: InputProblem, locale: Locale = "en"): string {
  const prefix = COMMAND_PREFIX;
  switch (problem.kind) {
    case "too-long":
      return t(locale, "problem.tooLong", {
        length: problem.length,
        max: problem.max,
        over: problem.over ? "yes" : "no",
      });
    case "withheld":
      return t(locale, "problem.withheld");
    case "control-characters":
      return t(locale, "problem.controlCharacters");
    case "empty":
      return t(locale, "problem.empty", { prefix });
    case "no-word":
      return t(locale, "problem.noWord", { prefix });
    case "compare-needs-two":
      return t(locale, "problem.compareNeedsTwo", { prefix });
    case "needs-argument":
      return t(locale, "problem.needsArgument", { command: problem.command, example: problem.example, prefix });
  }
}

/** How to ask, from the command definitions (markdown): the one help text of every platform. */
export function helpText(locale: Locale = "en"): string {
  const lines = [t(locale, "help.intro", { prefix: COMMAND_PREFIX })];
  for (const c of COMMANDS) {
    const args = c.options
      .map((o) => {
        const name = t(locale, `options.${o.name}.name`);
        return o.required ? `<${name}>` : `[${name}]`;
      })
      .join(" ");
    lines.push(
      t(locale, "help.line", {
        usage: `/${COMMAND_PREFIX} ${c.name}${args ? " " + args : ""}`,
        description: t(locale, `commands.${c.name}.description`),
        examples: enumerate(
          locale,
          c.examples.map((e) => `\`/${COMMAND_PREFIX} ${e}\``),
        ),
      }),
    );
  }
  lines.push(
    t(locale, "help.anything", { prefix: COMMAND_PREFIX }),
    t(locale, "help.shortcut", { name: t(locale, "commands.askMessage.name") }),
    t(locale, "help.followups"),
    "",
    t(locale, "help.buttons"),
  );
  return lines.join("\n");
}

/** The private reply to a user over their budget. */
export function rateLimitMessage(retryAfterSeconds: number, locale: Locale = "en"): string {
  return t(locale, "notice.rateLimited", { seconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
}

/** The private reply when answering failed; the id is in the log with the stack. */
export function apologyMessage(errorId: string, locale: Locale = "en"): string {
  return t(locale, "notice.apology", { errorId });
}

/** `--gpus` (`-g`) as inline code. */
function flagName(f: UnknownFlag): string {
  return `\`${f.long}\`${f.short ? ` (\`${f.short}\`)` : ""}`;
}

/** A user's words inside a sentence, in curly quotes, cut to 80 characters. */
export function quote(s: string): string {
  return `“${truncate(s, 80)}”`;
}
