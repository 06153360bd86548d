import { COMMAND_PREFIX, COMMANDS } from "../answer/commands.js";
import type { Answer, CompareAnswer, Correction, InputProblem, MissReason, SectionsAnswer } from "../answer/types.js";
import { truncate } from "./cut-text.js";

/**
 * What the bot says in words about an answer, in English markdown: the one place answers become
 * sentences (every renderer and the JSON contract's `message` read it), so a message catalogue
 * can replace it. Undefined when the sections speak for themselves.
 */
export function answerMessage(answer: Answer): string | undefined {
  switch (answer.type) {
    case "help":
      return helpText();
    case "miss":
      return missMessage(answer.reason, answer.suggestions);
    case "invalid":
      return problemMessage(answer.problem);
    case "compare":
    case "sections":
      return answerNote(answer);
    case "topics":
      return undefined;
  }
}

/**
 * What an answer says above its sections: how a typo was read ("Did you mean `--network`?"), and
 * that a closest match may not be exactly what was asked. Undefined for a confident answer as typed.
 */
export function answerNote(answer: SectionsAnswer | CompareAnswer): string | undefined {
  const parts = answer.type === "sections" ? (answer.corrections ?? []).map(didYouMean) : [];
  if (answer.confidence === "low")
    parts.push(
      answer.type === "compare"
        ? "The notes don't compare these two directly: here is what they say about each."
        : "This is the closest match in the notes: it may not be exactly what you asked.",
    );
  return parts.length ? parts.join(" ") : undefined;
}

function didYouMean(c: Correction): string {
  return `Did you mean \`${c.read}\`? (read for \`${c.typed}\`)`;
}

export function missMessage(reason: MissReason, suggestions: string[]): string {
  switch (reason.kind) {
    case "not-found": {
      const parts = [`I found nothing about ${quote(reason.searched)} in the notes.`];
      for (const c of reason.corrections ?? []) parts.push(`(I read \`${c.typed}\` as \`${c.read}\`.)`);
      for (const f of reason.unknownFlags)
        parts.push(
          `\`${f.long}\`${f.short ? ` (\`${f.short}\`)` : ""} is a \`docker run\` flag the notes don't cover: ${f.meaning}.`,
        );
      if (suggestions.length) parts.push(`Closest topics: ${suggestions.map((s) => `“${s}”`).join(", ")}.`);
      return parts.join(" ");
    }
    case "no-examples":
      return `The notes explain ${quote(reason.topic)} but have no runnable example for it. Try \`/${COMMAND_PREFIX} explain ${reason.topic}\`.`;
    case "no-comparison": {
      if (!reason.unknown) return `The notes have nothing comparing ${quote(reason.a)} and ${quote(reason.b)}.`;
      const other = reason.unknown === reason.a ? reason.b : reason.a;
      return `The notes say nothing about ${quote(reason.unknown)}, so they can't compare it with ${quote(other)}.`;
    }
  }
}

export function problemMessage(problem: InputProblem): string {
  const p = COMMAND_PREFIX;
  switch (problem.kind) {
    case "too-long":
      return `That is too long (${problem.over ? "over " : ""}${problem.length} characters). Ask in at most ${problem.max} characters.`;
    case "withheld":
      return "I can't show this answer: the notes it comes from contain one of the bot's own secrets. The maintainers have been told.";
    case "control-characters":
      return "That contains control characters. Type the question as plain text.";
    case "empty":
      return `Ask me something, e.g. \`/${p} explain --restart\`. Try \`/${p} help\`.`;
    case "no-word":
      return `I need a word or a flag to look up, e.g. \`/${p} explain --restart\`.`;
    case "compare-needs-two":
      return `Compare needs two things, e.g. \`/${p} compare cmd entrypoint\` or \`/${p} compare image vs container\`.`;
    case "needs-argument":
      return `\`${problem.command}\` needs something to look up, e.g. \`/${p} ${problem.example}\`.`;
  }
}

/** How to ask, from the command definitions (markdown): the one help text of every platform. */
export function helpText(): string {
  const lines = [`Ask about the team's Docker notes, in English or 中文. Start with \`/${COMMAND_PREFIX}\`:`];
  for (const c of COMMANDS) {
    const args = c.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(" ");
    lines.push(
      `- \`/${COMMAND_PREFIX} ${c.name}${args ? " " + args : ""}\`: ${c.description}. e.g. ${c.examples.map((e) => `\`/${COMMAND_PREFIX} ${e}\``).join(", ")}`,
    );
  }
  lines.push(
    `- Any other text is a search: \`/${COMMAND_PREFIX} 怎么让容器自动重启\`, \`/${COMMAND_PREFIX} how do I limit memory\`.`,
  );
  return lines.join("\n");
}

/** The private reply to a user over their budget. */
export function rateLimitMessage(retryAfterSeconds: number): string {
  return `You're asking fast — try again in ${Math.max(1, Math.ceil(retryAfterSeconds))} s.`;
}

/** The private reply when answering failed; the id is in the log with the stack. */
export function apologyMessage(errorId: string): string {
  return `Sorry, something went wrong while answering. Error id: \`${errorId}\` (the team can find it in the log).`;
}

/** A user's words inside a sentence, in curly quotes, cut to 80 characters. */
function quote(s: string): string {
  return `“${truncate(s, 80)}”`;
}
