import { escapeSlack, slackLink } from "./escape.js";

export interface SourceRef {
  file: string;
  line: number;
}

/**
 * Fills a template such as `https://github.com/org/notes/blob/main/{file}#L{line}`.
 * Path segments are percent-encoded (file names may be Chinese or hold spaces).
 */
export function sourceHref(template: string | undefined, source: SourceRef): string | undefined {
  if (!template) return undefined;
  const file = source.file.split("/").map(encodeURIComponent).join("/");
  return template.replace(/\{file\}/g, file).replace(/\{line\}/g, String(source.line));
}

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
