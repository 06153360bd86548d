import { answerSections } from "../../answer/answer-sections.js";
import type { Answer, AnswerSection, CompareAnswer, SectionsAnswer, TopicsAnswer } from "../../answer/types.js";
import { truncate } from "../cut-text.js";
import { t } from "../i18n/catalogue.js";
import type { Locale } from "../i18n/locale.js";
import { type SourceLinks, sectionHref } from "../source-link.js";
import { answerMessage, answerNote, helpText, quote } from "../wording.js";
import { type ButtonContext, pageButtons, sectionButtons, shareButtons, suggestionButtons } from "./components.js";
import { isSnowflake } from "./custom-id.js";
import { cutMarkdown } from "./cut.js";
import { DOCKER_BLUE, fitEmbeds, sectionEmbed, sectionField } from "./embeds.js";
import { LIMITS } from "./limits.js";
import { toDiscordMarkdown } from "./markdown.js";
import { renderOutline } from "./outline.js";
import type { ActionRow, DiscordMessage, Embed, EmbedField, RenderOptions } from "./types.js";

export const NO_MENTIONS = { parse: [] } as const satisfies DiscordMessage["allowed_mentions"];

function message(embeds: Embed[], components: ActionRow[], options: RenderOptions): DiscordMessage {
  const m: DiscordMessage = {
    embeds: fitEmbeds(embeds),
    components: components.slice(0, LIMITS.rows),
    allowed_mentions: { parse: [] },
  };
  if (options.content) m.content = truncate(options.content, LIMITS.content);
  // Only the member the answer is for is pinged, and only when the text names them.
  if (isSnowflake(options.mention) && m.content?.includes(`<@${options.mention}>`))
    m.allowed_mentions = { parse: [], users: [options.mention] };
  return m;
}

/**
 * Answer → a Discord message (embeds, buttons, no pings but the one asked for) in the asker's
 * language. `refFor` turns a follow-up question into button state; without it (or without
 * `options.ref`) the message has no buttons.
 */
export function renderAnswer(
  answer: Answer,
  given: RenderOptions = {},
  refFor?: (text: string) => string,
): DiscordMessage {
  let options = given;
  const locale = options.locale ?? "en";
  const { ref, links } = options;
  const ctx: ButtonContext | undefined = ref
    ? {
        ref,
        isPublic: options.isPublic ?? false,
        owner: options.isPublic ? options.owner : undefined,
        answerId: answer.id,
        locale,
        replyTo: options.replyTo,
      }
    : undefined;
  if (options.footer) options = { ...options, content: [options.content, options.footer].filter(Boolean).join("\n") };
  switch (answer.type) {
    case "invalid":
      return message([], [], { ...options, content: answerMessage(answer, locale) });
    case "help":
      return message([helpEmbed(locale)], [], options);
    case "topics":
      return topicsMessage(answer, options, ctx);
    case "miss":
      return message(
        [
          missEmbed(
            answer.query,
            answerMessage(answer, locale, { suggestionsAsButtons: Boolean(refFor) }),
            locale,
            answer.suggestions.length > 0 && Boolean(refFor),
          ),
        ],
        refFor ? suggestionButtons(answer.suggestions, refFor, { ...(ctx ?? { isPublic: false, locale }), ref }) : [],
        options,
      );
    case "compare":
      return message(
        compareEmbeds(answer, links, locale),
        ctx ? shareButtons(ctx) : [],
        withNote(options, answerNote(answer, locale)),
      );
    case "sections":
      return sectionsMessage(answer, options, ctx, refFor);
  }
}

function sectionsMessage(
  answer: SectionsAnswer,
  options: RenderOptions,
  ctx: ButtonContext | undefined,
  refFor: ((text: string) => string) | undefined,
): DiscordMessage {
  const locale = options.locale ?? "en";
  const page = Math.min(Math.max(0, options.page ?? 0), answer.sections.length - 1);
  const section = answer.sections[page];
  if (!section) return message([missEmbed(answer.query, undefined, locale)], [], options);
  const examplesOnly = options.examplesOnly ?? answer.command === "examples";
  const embed = sectionEmbed(section, { links: options.links, locale, examplesOnly });
  const more = moreResults(answer.sections, page, options.links, locale);
  if (more) embed.fields = [more];
  const buttons = ctx
    ? sectionButtons(
        { page, total: answer.sections.length, examplesOnly, hasExamples: section.examples.length > 0 },
        ctx,
      )
    : [];
  // The first page of a closest match says so, and offers the next two sections as buttons.
  const note = page === 0 ? answerNote(answer, locale) : undefined;
  const next = page === 0 && answer.confidence === "low" ? answer.sections.slice(1, 3).map((s) => s.title) : [];
  const alternatives = refFor && ctx && next.length ? suggestionButtons(next, refFor, { ...ctx, ref: undefined }) : [];
  return message([embed], [...buttons, ...alternatives], withNote(options, note));
}

/** The answer's own note (a typo read, a closest match) under whatever text the message has. */
function withNote(options: RenderOptions, note: string | undefined): RenderOptions {
  if (!note) return options;
  return { ...options, content: [options.content, toDiscordMarkdown(note)].filter(Boolean).join("\n") };
}

function topicsMessage(answer: TopicsAnswer, options: RenderOptions, ctx: ButtonContext | undefined): DiscordMessage {
  const { embed, page, pages } = renderOutline(answer, {
    links: options.links,
    locale: options.locale ?? "en",
    page: options.page,
  });
  return message([embed], ctx ? pageButtons(page, pages, ctx) : [], options);
}

/** Just the code blocks of one section. */
export function renderExamples(answer: Answer, page: number, options: RenderOptions = {}): DiscordMessage {
  const locale = options.locale ?? "en";
  const section = answerSections(answer)[page];
  if (section)
    return message([sectionEmbed(section, { links: options.links, locale, examplesOnly: true })], [], options);
  return message([missEmbed(answer.query, answerMessage(answer, locale), locale)], [], options);
}

/**
 * A public copy of an answer, credited to the user who shared it (the mention pings nobody).
 * With `options.ref` it keeps its buttons, owned by the sharer.
 */
export function renderShared(answer: Answer, userId: string, options: RenderOptions = {}): DiscordMessage {
  const locale = options.locale ?? "en";
  return renderAnswer(answer, {
    ...options,
    isPublic: true,
    owner: userId,
    content: t(locale, "shared.byShort", { user: `<@${userId}>` }),
    mention: undefined,
  });
}

/** A short private text (acknowledgements, apologies). */
export function renderNotice(text: string): DiscordMessage {
  return { content: truncate(text, LIMITS.content), embeds: [], components: [], allowed_mentions: { parse: [] } };
}

/** "No answer for …": what the core said about the miss (markdown), or that nothing matched. */
function missEmbed(query: string, said: string | undefined, locale: Locale, offersTopics = false): Embed {
  const text = said
    ? toDiscordMarkdown(said)
    : t(locale, "miss.nothingMatches", { query: `\`${query.replace(/`/g, "'")}\`` });
  const prompt = offersTopics ? `\n\n${t(locale, "miss.closestPrompt")}` : "";
  return {
    title: truncate(t(locale, "miss.title", { query: quote(query) }), LIMITS.title),
    description: cutMarkdown(text + prompt, LIMITS.description),
    color: 0x99aab5,
  };
}

function helpEmbed(locale: Locale): Embed {
  return {
    title: t(locale, "help.title"),
    description: cutMarkdown(toDiscordMarkdown(helpText(locale)), LIMITS.description),
    color: DOCKER_BLUE,
  };
}

/** The notes' own comparison first (it answers the question), then each side in a column. */
function compareEmbeds(c: CompareAnswer, links: SourceLinks | undefined, locale: Locale): Embed[] {
  const title = truncate(t(locale, "compare.title", { a: c.a, b: c.b }), LIMITS.title);
  const sides: EmbedField[] = [sectionField(c.a, c.left, links, locale), sectionField(c.b, c.right, links, locale)];
  const note = answerMessage(c, locale);
  if (!c.direct)
    return [{ title, color: DOCKER_BLUE, ...(note ? { description: toDiscordMarkdown(note) } : {}), fields: sides }];
  // Two embeds share the 6000 total: the direct section takes up to 3000, the sides the rest.
  const direct = sectionEmbed(c.direct, { links, locale, maxDescription: 3000 });
  direct.title = truncate(`${t(locale, "compare.direct")}: ${direct.title ?? ""}`, LIMITS.title);
  return [direct, { title, color: DOCKER_BLUE, fields: sides }];
}

function moreResults(
  sections: AnswerSection[],
  page: number,
  links: SourceLinks | undefined,
  locale: Locale,
): EmbedField | undefined {
  const rest = sections.slice(page + 1, page + 6);
  if (rest.length === 0) return undefined;
  const lines = rest.map((s) => {
    const url = sectionHref(links, s);
    const title = truncate(s.title.replace(/[[\]]/g, ""), 120);
    return url ? `• [${title}](${url})` : `• ${title}`;
  });
  return {
    name: t(locale, "section.moreResults"),
    value: cutMarkdown(lines.join("\n"), LIMITS.fieldValue),
    inline: false,
  };
}
