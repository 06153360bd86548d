import { type SourceRef, sourceHref } from "../source-link.js";
import { escapeSlack, slackLink } from "./escape.js";
/** `file:line`, linked when a template is configured. */
export function sourceLabel(template: string | undefined, source: SourceRef): string {
  const label = `${source.file}:${source.line}`;
  const href = sourceHref(template, source);
  return href ? slackLink(href, label) : escapeSlack(label);
}

/** What a clipped text ends with: a link to the full section, or where to find it. */
export function moreSuffix(template: string | undefined, source: SourceRef): string {
  const href = sourceHref(template, source);
  return href ? ` ${slackLink(href, "more")}` : ` (more in ${escapeSlack(`${source.file}:${source.line}`)})`;
}
