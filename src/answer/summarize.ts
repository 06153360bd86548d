import type { Section } from "../knowledge/types.js";

/**
 * The section's prose as a clean summary: labels that only introduce an example ("**示例**:",
 * "**Example:**") are dropped since examples are shown on their own, and blank runs collapse.
 */
export function summarize(section: Section, children: Section[] = []): string {
  const lines = section.text
    .split("\n")
    .filter((line) => !/^\s*(?:[-*+]\s*)?\*\*(?:示例|例子|举例|examples?)\s*[:：]?\s*\*\*\s*[:：]?\s*$/i.test(line));
  const text = dedentBlock(lines.join("\n"))
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (text) return text;
  // A heading with nothing of its own (a chapter): say what it holds.
  if (children.length) return children.map((c) => `- ${c.title}`).join("\n");
  return "";
}

/** Prose indented by the export (4 spaces) would read as a code block in chat: remove the common indent. */
function dedentBlock(text: string): string {
  const lines = text.split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return common ? lines.map((l) => l.slice(Math.min(common, /^ */.exec(l)![0].length))).join("\n") : text;
}
