/**
 * The notes' CommonMark as Discord shows it: Discord has no images, inline HTML or (in embeds)
 * reliable headings, so those become links, line breaks and bold text.
 */
export function toDiscordMarkdown(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, (_m, alt: string, url: string) => `[${alt || "image"}](${url})`)
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/?[a-z][a-z0-9-]*(\s[^<>]*)?>/gi, "")
    .replace(/^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm, "**$1**")
    .trim();
}
