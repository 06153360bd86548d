/**
 * Cutting plain text for every renderer. Chat platforms count UTF-16 units, and a cut between
 * the two halves of a surrogate pair (an emoji, a rare CJK character) leaves an invalid string
 * that Slack and Discord show as "�" or refuse.
 */

/** The first `max` UTF-16 units of `text`, one fewer when the last would be half a surrogate pair. */
export function cutUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

/** `text` in at most `max` units, ending with `ellipsis` when it was cut. */
export function truncate(text: string, max: number, ellipsis = "…"): string {
  if (text.length <= max) return text;
  return cutUnits(text, max - ellipsis.length) + ellipsis;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
