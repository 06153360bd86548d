import { answerSections } from "../../answer/answer-sections.js";
import type { Answer, AnswerSection, CompareAnswer, SectionsAnswer } from "../../answer/types.js";
import { truncate } from "../cut-text.js";
import { sourceHref } from "../source-link.js";
import { answerMessage, answerNote, helpText, missMessage, problemMessage } from "../wording.js";
import { answerButtons, shareButtons, suggestionButtons } from "./components.js";
import { cutMarkdown } from "./cut.js";
import { DOCKER_BLUE, fitEmbeds, sectionEmbed, sectionField } from "./embeds.js";
import { LIMITS } from "./limits.js";
import { toDiscordMarkdown } from "./markdown.js";
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
  const { ref, sourceUrl } = options;
  const isPublic = options.isPublic ?? false;
  switch (answer.type) {
    case "invalid":
      return message([], [], problemMessage(answer.problem));
    case "help":
      return message([helpEmbed()]);
    case "topics":
      return message([renderOutline(answer, sourceUrl)], ref ? shareButtons(ref, isPublic, answer.id) : []);
    case "miss":
      return message(
        [missEmbed(answer.query, missMessage(answer.reason, answer.suggestions))],
        refFor ? suggestionButtons(answer.suggestions, refFor) : [],
      );
    case "compare": {
      const note = answerNote(answer);
      return message(
        compareEmbeds(answer, sourceUrl),
        ref ? shareButtons(ref, isPublic, answer.id) : [],
        note ? toDiscordMarkdown(note) : undefined,
      );
    }
    case "sections":
      return sectionsMessage(answer, options, isPublic, refFor);
  }
}

function sectionsMessage(
  answer: SectionsAnswer,
  options: RenderOptions,
  isPublic: boolean,
  refFor?: (text: string) => string,
): DiscordMessage {
  const page = Math.min(Math.max(0, options.page ?? 0), answer.sections.length - 1);
  const section = answer.sections[page];
  if (!section) return message([missEmbed(answer.query, undefined)]);
  const embed = sectionEmbed(section, { sourceUrl: options.sourceUrl, examplesOnly: answer.command === "examples" });
  const more = moreResults(answer.sections, page, options.sourceUrl);
  if (more) embed.fields = [more];
  const rows = options.ref ? answerButtons(answer, page, options.ref, isPublic) : [];
  // The first page of a closest match says so, and offers the next two sections as buttons.
  const note = page === 0 ? answerNote(answer) : undefined;
  const next = page === 0 && answer.confidence === "low" ? answer.sections.slice(1, 3).map((s) => s.title) : [];
  const alternatives = refFor && next.length ? suggestionButtons(next, refFor) : [];
  return message([embed], [...rows, ...alternatives], note ? toDiscordMarkdown(note) : undefined);
}

/** Just the code blocks of one section (the Examples only button). */
export function renderExamples(answer: Answer, page: number, options: RenderOptions = {}): DiscordMessage {
  const section = answerSections(answer)[page];
  if (section) return message([sectionEmbed(section, { sourceUrl: options.sourceUrl, examplesOnly: true })]);
  return message([missEmbed(answer.query, answerMessage(answer))]);
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

/** "No answer for …": what the core said about the miss (markdown), or that nothing matched. */
function missEmbed(query: string, said: string | undefined): Embed {
  const text = said ? toDiscordMarkdown(said) : `Nothing in the notes matches \`${query.replace(/`/g, "'")}\`.`;
  return {
    title: truncate(`No answer for “${query}”`, LIMITS.title),
    description: cutMarkdown(text, LIMITS.description),
    color: 0x99aab5,
  };
}

function helpEmbed(): Embed {
  return {
    title: "How to ask",
    description: cutMarkdown(toDiscordMarkdown(helpText()), LIMITS.description),
    color: DOCKER_BLUE,
  };
}

function compareEmbeds(c: CompareAnswer, sourceUrl?: string): Embed[] {
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
    const url = sourceHref(sourceUrl, s.source);
    const title = truncate(s.title.replace(/[[\]]/g, ""), 120);
    return url ? `• [${title}](${url})` : `• ${title}`;
  });
  return { name: "More results", value: cutMarkdown(lines.join("\n"), LIMITS.fieldValue), inline: false };
}
