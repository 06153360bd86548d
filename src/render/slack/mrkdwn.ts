import { breakFences } from "../fences.js";
import { escapeSlack, slackLink } from "./escape.js";

/**
 * Markdown (as the notes are written) → Slack mrkdwn. Slack has its own dialect: `*bold*`,
 * `_italic_`, `~strike~`, `<url|label>`, no headings and no list syntax, so those are rewritten.
 * Everything that is not markup we produce is escaped first.
 */

// Inline code, then [label](url "title") (one level of parentheses allowed inside the URL),
// found in one pass so neither is formatted inside the other.
const INLINE = /(`+)([\s\S]*?[^`])\1(?!`)|\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+"[^"]*")?\)/g;

const BOLD_MARK = "\u0001";
// Code spans and links are swapped for \u0002<n>\u0003 while emphasis is rewritten around them,
// so `**`--restart`**` still becomes bold code.
const SLOT = /\u0002(\d+)\u0003/g;

function emphasis(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, `${BOLD_MARK}$1${BOLD_MARK}`)
    .replace(/__(?=\S)([\s\S]*?\S)__/g, `${BOLD_MARK}$1${BOLD_MARK}`)
    .replace(/(?<![*\w])\*(?=\S)([^*\n]*?\S)\*(?![*\w])/g, "_$1_")
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "~$1~")
    .replace(new RegExp(BOLD_MARK, "g"), "*");
}

/** One line of inline markdown → mrkdwn. */
export function inlineToMrkdwn(text: string): string {
  const slots: string[] = [];
  const clean = text.replace(/[\u0001-\u0003]/g, "");
  const marked = clean.replace(
    INLINE,
    (_all, ticks: string | undefined, code: string | undefined, label: string | undefined, url: string | undefined) => {
      // Slack inline code cannot hold a backtick; a look-alike keeps the text readable.
      slots.push(
        ticks !== undefined
          ? "`" + escapeSlack((code ?? "").trim().replace(/`/g, "ˋ")) + "`"
          : slackLink(url ?? "", label ?? ""),
      );
      return `\u0002${slots.length - 1}\u0003`;
    },
  );
  return emphasis(escapeSlack(marked)).replace(SLOT, (_m, i: string) => slots[Number(i)] ?? "");
}

/** A code block's content, escaped and unable to close the fence early. */
export function fenceSafe(code: string): string {
  return breakFences(escapeSlack(code));
}

/** A block of markdown (several lines) → mrkdwn. */
export function markdownToMrkdwn(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let inFence = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      out.push("```");
      continue;
    }
    if (inFence) {
      out.push(fenceSafe(line));
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      out.push(`*${inlineToMrkdwn((heading[1] ?? "").replace(/\*\*/g, ""))}*`);
      continue;
    }
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (bullet) {
      const depth = Math.floor((bullet[1] ?? "").replace(/\t/g, "    ").length / 2);
      out.push(`${"    ".repeat(depth)}• ${inlineToMrkdwn(bullet[2] ?? "")}`);
      continue;
    }
    const ordered = /^(\s*)(\d+)[.)]\s+(.*)$/.exec(line);
    if (ordered) {
      const depth = Math.floor((ordered[1] ?? "").replace(/\t/g, "    ").length / 2);
      out.push(`${"    ".repeat(depth)}${ordered[2]}. ${inlineToMrkdwn(ordered[3] ?? "")}`);
      continue;
    }
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (quote) {
      // A leading `>` is Slack's quote marker and cannot form a link on its own.
      out.push(`>${inlineToMrkdwn(quote[1] ?? "")}`);
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push("───");
      continue;
    }
    out.push(inlineToMrkdwn(line));
  }
  if (inFence) out.push("```");
  return out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
