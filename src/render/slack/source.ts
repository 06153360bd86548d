import { t } from "../i18n/catalogue.js";
import type { Locale } from "../i18n/locale.js";
import { type Linkable, type SourceLinks, sectionHref } from "../source-link.js";
import { escapeSlack, slackLink } from "./escape.js";

/** `file:line`, linked when a template is configured. */
export function sourceLabel(links: SourceLinks | undefined, target: Linkable): string {
  const label = `${target.source.file}:${target.source.line}`;
  const href = sectionHref(links, target);
  return href ? slackLink(href, label) : escapeSlack(label);
}

/** What a clipped text ends with: a link to the full section, or where to find it. */
export function moreSuffix(links: SourceLinks | undefined, target: Linkable, locale: Locale = "en"): string {
  const href = sectionHref(links, target);
  const where = `${target.source.file}:${target.source.line}`;
  return href
    ? ` ${slackLink(href, t(locale, "section.more"))}`
    : ` (${escapeSlack(t(locale, "section.moreIn", { where }))})`;
}
