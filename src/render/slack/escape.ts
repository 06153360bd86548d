/**
 * Slack parses `<…>` as links and mentions (`<!channel>`, `<@U123>`), and `&` starts an entity.
 * Escaping exactly these three characters makes any text from the notes or from users inert.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const SAFE_URL = /^(https?:\/\/|mailto:)[^\s<>]+$/i;

/** A mrkdwn link, or the escaped label alone when the URL is not http(s)/mailto. */
export function slackLink(url: string, label: string): string {
  const text = escapeSlack(label).replace(/\|/g, "∣");
  if (!SAFE_URL.test(url)) return text;
  // `|` would end the URL part and `>` the link: percent-encode them; `&` must be an entity.
  const href = url.replace(/\|/g, "%7C").replace(/&/g, "&amp;");
  return `<${href}|${text}>`;
}

/** Slack user ids look like U…/W…; anything else is shown escaped rather than as a mention. */
export function slackMention(userId: string): string {
  return /^[UW][A-Z0-9]{2,30}$/.test(userId) ? `<@${userId}>` : escapeSlack(userId);
}
