import type { TopicsAnswer } from "../../answer/types.js";
import { truncate } from "../cut-text.js";
import { sourceHref } from "../source-link.js";
import { DOCKER_BLUE } from "./embeds.js";
import { LIMITS } from "./limits.js";
import type { Embed } from "./types.js";

/** The outline as an indented list; whole lines only, with a count of what didn't fit. */
export function renderOutline(answer: TopicsAnswer, sourceUrl?: string): Embed {
  const entries = answer.outline;
  const lines: string[] = [];
  let used = 0;
  const reserve = 40;
  for (const [i, e] of entries.entries()) {
    // Discord trims leading spaces, so indent with em spaces.
    const indent = "\u2003".repeat(Math.min(e.depth, 6));
    const title = truncate(e.title.replace(/[[\]]/g, ""), 150);
    const url = sourceHref(sourceUrl, e.source);
    const line = `${indent}• ${url ? `[${title}](${url})` : title}`;
    if (used + line.length + 1 > LIMITS.description - reserve) {
      lines.push(`… and ${entries.length - i} more`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  const heading = answer.heading;
  return {
    title: truncate(heading ? `Topics under “${heading}”` : "Topics in the notes", LIMITS.title),
    description: lines.join("\n") || "_No headings found._",
    color: DOCKER_BLUE,
  };
}
