/**
 * The notes' CommonMark as Discord shows it: Discord has no images, inline HTML or (in embeds)
 * reliable headings, so those become links, line breaks and bold text. Only HTML tags are taken
 * out, and never inside code: `docker exec -it <container_id> <command>` and the help's
 * `/docker explain <topic>` keep their placeholders (a loose tag pattern used to eat them).
 */
const HTML_TAGS =
  "a|abbr|b|big|blockquote|br|center|code|del|details|div|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|s|small|span|strike|strong|sub|summary|sup|table|tbody|td|th|thead|tr|u|ul";
const TAG = new RegExp(`</?(?:${HTML_TAGS})\\b(?:\\s[^<>]*)?/?>`, "gi");
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function toDiscordMarkdown(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      out.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      out.push(line);
      continue;
    }
    out.push(outsideCode(line, proseLine).replace(/^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/, "**$1**"));
  }
  return out.join("\n").trim();
}

function proseLine(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, (_m, alt: string, url: string) => `[${alt || "image"}](${url})`)
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(TAG, "");
}

/** Applies `f` to the parts of a line outside inline code spans. */
function outsideCode(line: string, f: (text: string) => string): string {
  let out = "";
  let last = 0;
  for (const m of line.matchAll(/(`+)[\s\S]*?[^`]\1(?!`)|(`+)\2(?!`)/g)) {
    out += f(line.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + f(line.slice(last));
}
