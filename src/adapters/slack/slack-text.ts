/**
 * Slack sends message and command text in its own markup: `&lt;` `&gt;` `&amp;` for the three
 * special characters, `<@U123>` for mentions, `<https://x|label>` for links. The core wants
 * what the user typed, so this turns it back into plain text.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, " ")
    .replace(/<#C[A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<!(?:here|channel|everyone)(?:\|[^>]*)?>/g, " ")
    .replace(/<([^>|]+)\|([^>]*)>/g, "$2")
    .replace(/<([^>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
