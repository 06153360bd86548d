import { COMMAND_PREFIX, COMMANDS } from "../../answer/commands.js";
import type { Answer, AnswerSection } from "../../answer/types.js";
import { answerButtons, shareButtons, suggestionButtons } from "./components.js";
import { cutMarkdown, truncate } from "./cut.js";
import { DOCKER_BLUE, fitEmbeds, sectionEmbed, sectionField } from "./embeds.js";
import { LIMITS } from "./limits.js";
import { sourceLink, toDiscordMarkdown } from "./markdown.js";
import { renderOutline } from "./outline.js";
import type { DiscordMessage, Embed, EmbedField, RenderOptions } from "./types.js";

export const NO_MENTIONS = { parse: [] } as const satisfies DiscordMessage["allowed_mentions"];

function message(embeds: Embed[], components: DiscordMessage["components"] = [], content?: string): DiscordMessage {
  const m: DiscordMessage = {
    embeds: fitEmbeds(embeds),
    components: components.slice(0, LIMITS.rows),
    allowed_mentions: { parse: [] },
  };
  if (content) m.content = truncate(content, LIMITS.content);
  return m;
}

/**
 * Answer → a Discord message (embeds, buttons, no pings). `refFor` turns a follow-up question
 * into button state; without it (or without `options.ref`) the message has no buttons.
 */
export function renderAnswer(
  answer: Answer,
  options: RenderOptions = {},
  refFor?: (text: string) => string,
): DiscordMessage {
  const ref = options.ref;
  const isPublic = options.isPublic ?? false;
  if (answer.kind === "invalid")
    return message([], [], answer.message ?? "I could not read that command. Try `/docker help`.");
  if (answer.kind === "help") return message([helpEmbed(answer)]);
  if (answer.kind === "topics" && answer.outline) {
    return message([renderOutline(answer, options.sourceUrl)], ref ? shareButtons(ref, isPublic, answer.id) : []);
  }
  if (!answer.matched || answer.sections.length === 0) {
    return message([missEmbed(answer)], refFor ? suggestionButtons(answer.suggestions, refFor) : []);
  }
  if (answer.kind === "compare" && answer.compare) {
    return message(compareEmbeds(answer, options.sourceUrl), ref ? shareButtons(ref, isPublic, answer.id) : []);
  }
  const page = Math.min(Math.max(0, options.page ?? 0), answer.sections.length - 1);
  const section = answer.sections[page] as AnswerSection;
  const embed = sectionEmbed(section, { sourceUrl: options.sourceUrl, examplesOnly: answer.kind === "examples" });
  const more = moreResults(answer.sections, page, options.sourceUrl);
  if (more) embed.fields = [more];
  return message([embed], ref ? answerButtons(answer, page, ref, isPublic) : []);
}

/** Just the code blocks of one section (the Examples only button). */
export function renderExamples(answer: Answer, page: number, options: RenderOptions = {}): DiscordMessage {
  const section = answer.sections[page];
  if (!section) return message([missEmbed(answer)]);
  return message([sectionEmbed(section, { sourceUrl: options.sourceUrl, examplesOnly: true })]);
}

/** A public copy of an answer, credited to the user who shared it (the mention pings nobody). */
export function renderShared(answer: Answer, userId: string, options: RenderOptions = {}): DiscordMessage {
  const own = renderAnswer(answer, { ...options, ref: undefined, isPublic: true });
  return {
    ...own,
    components: [],
    content: truncate(`shared by <@${userId}>`, LIMITS.content),
    allowed_mentions: { parse: [] },
  };
}

/** A short private text (acknowledgements, apologies). */
export function renderNotice(text: string): DiscordMessage {
  return { content: truncate(text, LIMITS.content), embeds: [], components: [], allowed_mentions: { parse: [] } };
}

function missEmbed(answer: Answer): Embed {
  // The core's message usually names the closest topics already; only list them when it doesn't.
  const lines = [
    answer.message
      ? toDiscordMarkdown(answer.message)
      : `Nothing in the notes matches \`${answer.query.replace(/`/g, "'")}\`.`,
  ];
  if (!answer.message && answer.suggestions.length > 0)
    lines.push(
      "Closest topics: " +
        answer.suggestions
          .slice(0, 10)
          .map((s) => `**${s}**`)
          .join(" · "),
    );
  return {
    title: truncate(`No answer for “${answer.query}”`, LIMITS.title),
    description: cutMarkdown(lines.join("\n\n"), LIMITS.description),
    color: 0x99aab5,
  };
}

function helpEmbed(answer: Answer): Embed {
  const fallback = COMMANDS.map(
    (c) =>
      `**/${COMMAND_PREFIX} ${c.name}** — ${c.description}\n` +
      c.examples.map((e) => `\`/${COMMAND_PREFIX} ${e}\``).join(" · "),
  ).join("\n\n");
  const text = answer.message ? toDiscordMarkdown(answer.message) : fallback;
  return { title: "How to ask", description: cutMarkdown(text, LIMITS.description), color: DOCKER_BLUE };
}

function compareEmbeds(answer: Answer, sourceUrl?: string): Embed[] {
  const c = answer.compare;
  if (!c) return [];
  const side: Embed = {
    title: truncate(`${c.a} vs ${c.b}`, LIMITS.title),
    color: DOCKER_BLUE,
    fields: [sectionField(c.a, c.left, sourceUrl), sectionField(c.b, c.right, sourceUrl)],
  };
  if (!c.direct) return [side];
  // Two embeds share the 6000 total: the fields take up to ~2.6k, the direct section the rest.
  return [side, sectionEmbed(c.direct, { sourceUrl, maxDescription: 3000 })];
}

function moreResults(sections: AnswerSection[], page: number, sourceUrl?: string): EmbedField | undefined {
  const rest = sections.slice(page + 1, page + 6);
  if (rest.length === 0) return undefined;
  const lines = rest.map((s) => {
    const url = sourceLink(sourceUrl, s.source);
    const title = truncate(s.title.replace(/[[\]]/g, ""), 120);
    return url ? `• [${title}](${url})` : `• ${title}`;
  });
  return { name: "More results", value: cutMarkdown(lines.join("\n"), LIMITS.fieldValue), inline: false };
}
