/**
 * Cutting text to Discord's limits without breaking markdown: long sections are cut at a
 * paragraph or code-block boundary, and a code fence is never left open (an open fence would
 * swallow the rest of the embed into one grey box).
 */

import { cutUnits } from "../cut-text.js";
import { breakFences } from "../fences.js";

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

interface Block {
  text: string;
  fence?: { open: string; close: string };
}

/** Splits markdown into paragraphs and whole fenced code blocks; an unclosed fence is closed. */
export function splitBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ text: paragraph.join("\n") });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const open = FENCE.exec(line);
    if (open?.[1]) {
      flush();
      const marker = open[1];
      const body: string[] = [line];
      let closed = false;
      for (i += 1; i < lines.length; i++) {
        const inner = lines[i] ?? "";
        body.push(inner);
        const close = FENCE.exec(inner);
        if (close?.[1] && close[1][0] === marker[0] && close[1].length >= marker.length && inner.trim() === close[1]) {
          closed = true;
          break;
        }
      }
      if (!closed) body.push(marker);
      blocks.push({ text: body.join("\n"), fence: { open: line, close: marker } });
      continue;
    }
    if (line.trim() === "") flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

/**
 * Cuts `markdown` to at most `max` characters at a block boundary, appending `more` (a link or
 * "…") on its own line when anything was dropped. Every fence in the result is closed.
 */
export function cutMarkdown(markdown: string, max: number, more = "…"): string {
  const blocks = splitBlocks(markdown);
  const whole = blocks.map((b) => b.text).join("\n\n");
  if (whole.length <= max) return whole;
  const suffix = more.length + 1 > max ? "" : more;
  const budget = max - (suffix ? suffix.length + 1 : 0);
  const kept: string[] = [];
  let used = 0;
  for (const block of blocks) {
    const sep = kept.length > 0 ? 2 : 0;
    if (used + sep + block.text.length <= budget) {
      kept.push(block.text);
      used += sep + block.text.length;
      continue;
    }
    // Only split a block when whole blocks would leave most of the room empty.
    const room = budget - used - sep;
    if (used < budget / 2 && room > 20) {
      const part = block.fence ? cutFence(block, room) : cutParagraph(block.text, room);
      if (part) kept.push(part);
    }
    break;
  }
  const body = kept.join("\n\n");
  if (!suffix) return body;
  return body ? `${body}\n${suffix}` : suffix;
}

/** Keeps whole lines of a code block and closes the fence again. */
function cutFence(block: Block, room: number): string | undefined {
  const lines = block.text.split("\n");
  const open = lines[0] ?? "```";
  const close = block.fence?.close ?? "```";
  const kept: string[] = [];
  let used = open.length + 1 + close.length;
  for (const line of lines.slice(1, -1)) {
    if (used + line.length + 1 > room) break;
    kept.push(line);
    used += line.length + 1;
  }
  if (kept.length === 0) return undefined;
  return [open, ...kept, close].join("\n");
}

/** Cuts prose at the last sentence end or space that fits, keeping inline code balanced. */
function cutParagraph(text: string, room: number): string | undefined {
  let cut = cutUnits(text, room - 2);
  const stop = Math.max(cut.lastIndexOf("。"), cut.lastIndexOf(". "), cut.lastIndexOf("\n"), cut.lastIndexOf(" "));
  if (stop > room / 2) cut = cut.slice(0, stop + 1).trimEnd();
  if (!cut) return undefined;
  if ((cut.match(/`/g) ?? []).length % 2 === 1) cut += "`";
  return cut + "…";
}

/** A fenced block for a code example; backtick runs inside the code can't close the fence early. */
export function codeBlock(code: string, lang: string): string {
  const safeLang = /^[\w+#.-]{0,20}$/.test(lang) ? lang : "";
  const safeCode = breakFences(code).replace(/\s+$/, "");
  return "```" + safeLang + "\n" + safeCode + "\n```";
}
