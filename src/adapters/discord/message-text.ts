/**
 * The question in a message that mentions the bot: the mention itself removed, and a slash
 * command picked from Discord's menu while typing (`</docker topics:123>`, a command mention)
 * read back as the text it shows (`/docker topics`).
 */
export function stripMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, "g"), " ")
    .replace(/<\/([\w-]+(?: [\w-]+){0,2}):\d+>/gu, "/$1")
    .replace(/\s+/g, " ")
    .trim();
}
