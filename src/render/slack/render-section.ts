import type { AnswerSection } from "../../answer/types.js";
import type { Example } from "../../knowledge/types.js";
import { fitSection, leftOutText } from "../fit-section.js";
import { t } from "../i18n/catalogue.js";
import type { Locale } from "../i18n/locale.js";
import type { SourceLinks } from "../source-link.js";
import { context, header, type SlackBlock, section } from "./blocks.js";
import { escapeSlack } from "./escape.js";
import { SLACK_LIMITS } from "./limits.js";
import { fenceSafe, markdownToMrkdwn } from "./mrkdwn.js";
import { moreSuffix, sourceLabel } from "./source.js";

export interface SectionRenderOptions {
  links?: SourceLinks | undefined;
  locale: Locale;
  examplesOnly?: boolean;
  /** 0-based position of this section among the answer's results, and their count. */
  index: number;
  total: number;
  /** How many blocks this section may use (the caller keeps room for buttons). */
  maxBlocks: number;
}

/** Room in one block for text, keeping some for the "more" suffix a clipped block ends with. */
const BLOCK_ROOM = SLACK_LIMITS.text - 100;

export function breadcrumb(headingPath: string[]): string {
  return headingPath.map((h) => escapeSlack(h)).join(" › ");
}

/** One example as a fenced block, its language on the line above (Slack fences take no language). */
export function exampleText(example: Example): string {
  const lang = escapeSlack(example.lang || "text");
  return `*${lang}*\n\`\`\`\n${fenceSafe(example.code.replace(/\s+$/, ""))}\n\`\`\``;
}

export function sectionContext(
  s: AnswerSection,
  options: Pick<SectionRenderOptions, "links" | "index" | "total" | "locale">,
): SlackBlock {
  const parts = [breadcrumb(s.headingPath), sourceLabel(options.links, s)];
  if (options.total > 1)
    parts.push(t(options.locale, "section.result", { n: options.index + 1, total: options.total }));
  return context(parts.filter(Boolean).join("  ·  "));
}

/**
 * Header, breadcrumb + source, the prose in one block and each example in its own, within
 * `maxBlocks`: the first example is kept whole, prose is cut first at a paragraph or sentence,
 * code only at a line end, and a last line says what was left out and links the whole section.
 */
export function renderSection(s: AnswerSection, options: SectionRenderOptions): SlackBlock[] {
  const { locale } = options;
  const blocks: SlackBlock[] = [header(escapeSlack(s.title)), sectionContext(s, options)];
  // Room for the prose block, the note about what was left out, and the examples.
  const exampleBlocks = Math.max(1, options.maxBlocks - blocks.length - 2);
  const fitted = fitSection(s, {
    room: BLOCK_ROOM * (exampleBlocks + 1),
    proseRoom: BLOCK_ROOM,
    exampleRoom: BLOCK_ROOM,
    maxExamples: exampleBlocks,
    proseLength: (p) => markdownToMrkdwn(p).length,
    exampleLength: (e) => exampleText(e).length,
    ...(options.examplesOnly ? { examplesOnly: true } : {}),
  });
  const more = moreSuffix(options.links, s, locale);
  const prose = markdownToMrkdwn(fitted.paragraphs.join("\n\n"));
  if (prose) blocks.push(section(prose, more));
  else if (options.examplesOnly && s.examples.length === 0)
    blocks.push(section(`_${t(locale, "section.noExamples")}_`));
  for (const example of fitted.examples) blocks.push(section(exampleText(example), more));
  const note = leftOutText(fitted.leftOut, locale);
  if (note) {
    const whole = t(locale, "section.seeWhole", { where: sourceLabel(options.links, s) });
    blocks.push(context(`_${escapeSlack(note)}_ ${whole}`));
  }
  return blocks.slice(0, options.maxBlocks);
}
