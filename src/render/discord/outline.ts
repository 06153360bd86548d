import type { OutlineEntry, TopicsAnswer } from "../../answer/types.js";
import { truncate } from "../cut-text.js";
import { t } from "../i18n/catalogue.js";
import type { Locale } from "../i18n/locale.js";
import { clampPage, outlinePages } from "../outline-pages.js";
import { type SourceLinks, sectionHref } from "../source-link.js";
import { DOCKER_BLUE } from "./embeds.js";
import { LIMITS } from "./limits.js";
import type { Embed } from "./types.js";

export interface OutlinePage {
  embed: Embed;
  page: number;
  pages: number;
}

/** One page of the outline as an indented list, with "page n of m" in the footer. */
export function renderOutline(
  answer: TopicsAnswer,
  options: { links?: SourceLinks | undefined; locale: Locale; page?: number | undefined },
): OutlinePage {
  const { locale, links } = options;
  const line = (e: OutlineEntry): string => {
    // Discord trims leading spaces, so indent with em spaces.
    const indent = "\u2003".repeat(Math.min(e.depth, 6));
    const title = truncate(e.title.replace(/[[\]]/g, ""), 150);
    const url = sectionHref(links, e);
    return `${indent}• ${url ? `[${title}](${url})` : title}`;
  };
  const pages = outlinePages(answer.outline, (e) => line(e).length, LIMITS.description - 100);
  const page = clampPage(options.page, pages.length);
  const heading = answer.heading;
  const embed: Embed = {
    title: truncate(
      heading ? t(locale, "topics.titleUnder", { heading: `“${heading}”` }) : t(locale, "topics.title"),
      LIMITS.title,
    ),
    description: (pages[page] ?? []).map(line).join("\n") || `_${t(locale, "topics.none")}_`,
    color: DOCKER_BLUE,
  };
  if (pages.length > 1)
    embed.footer = {
      text: t(locale, "topics.page", { page: page + 1, pages: pages.length, count: answer.outline.length }),
    };
  return { embed, page, pages: pages.length };
}
