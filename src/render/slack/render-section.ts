import type { AnswerSection } from "../../answer/types.js";
import type { Example } from "../../knowledge/types.js";
import { cutUnits } from "../cut-text.js";
import { context, header, type SlackBlock, section } from "./blocks.js";
import { escapeSlack } from "./escape.js";
import { dropPartialEntity, SLACK_LIMITS } from "./limits.js";
import { fenceSafe, markdownToMrkdwn } from "./mrkdwn.js";
import { moreSuffix, sourceLabel } from "./source.js";

export interface SectionRenderOptions {
  sourceUrl?: string | undefined;
  examplesOnly?: boolean;
  /** 0-based position of this section among the answer's results, and their count. */
  index: number;
  total: number;
  /** How many blocks this section may use (the caller keeps room for buttons). */
  maxBlocks: number;
}

export function breadcrumb(headingPath: string[]): string {
  return headingPath.map((h) => escapeSlack(h)).join(" › ");
}

/** One example as a fenced block, its language on the line above (Slack fences take no language). */
export function exampleText(example: Example, more: string): string {
  const lang = escapeSlack(example.lang || "text");
  const fence = "```\n" + fenceSafe(example.code.replace(/\s+$/, "")) + "\n```";
  const full = `*${lang}*\n${fence}`;
  if (full.length <= SLACK_LIMITS.text) return full;
  // Clip the code inside the fence so the block still renders as code.
  const room = SLACK_LIMITS.text - lang.length - more.length - 20;
  const code = dropPartialEntity(cutUnits(fenceSafe(example.code), room));
  return `*${lang}*\n\`\`\`\n${code}…\n\`\`\`${more}`;
}

export function sectionContext(
  s: AnswerSection,
  options: Pick<SectionRenderOptions, "sourceUrl" | "index" | "total">,
): SlackBlock {
  const parts = [breadcrumb(s.headingPath), sourceLabel(options.sourceUrl, s.source)];
  if (options.total > 1) parts.push(`result ${options.index + 1} of ${options.total}`);
  return context(parts.filter(Boolean).join("  ·  "));
}

/** Header, breadcrumb + source, summary and examples, within `maxBlocks`. */
export function renderSection(s: AnswerSection, options: SectionRenderOptions): SlackBlock[] {
  const more = moreSuffix(options.sourceUrl, s.source);
  const blocks: SlackBlock[] = [header(escapeSlack(s.title)), sectionContext(s, options)];
  if (!options.examplesOnly) {
    const summary = markdownToMrkdwn(s.summary);
    if (summary) blocks.push(section(summary, more));
  } else if (s.examples.length === 0) {
    blocks.push(section("_No runnable examples in this section._"));
  }
  // One block stays free for the "more examples" note.
  const room = Math.max(0, options.maxBlocks - blocks.length - 1);
  const shown = s.examples.slice(0, room);
  for (const example of shown) blocks.push(section(exampleText(example, more)));
  const hidden = s.examples.length - shown.length;
  if (hidden > 0) blocks.push(context(`…and ${hidden} more example${hidden === 1 ? "" : "s"}${more}`));
  return blocks.slice(0, options.maxBlocks);
}
