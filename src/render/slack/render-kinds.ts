import { COMMAND_PREFIX } from "../../answer/commands.js";
import type { AnswerSection, CompareAnswer, OutlineEntry, SectionsAnswer, TopicsAnswer } from "../../answer/types.js";
import { truncate } from "../cut-text.js";
import { t } from "../i18n/catalogue.js";
import type { Locale } from "../i18n/locale.js";
import { clampPage, outlinePages } from "../outline-pages.js";
import { type SourceLinks, sectionHref } from "../source-link.js";
import { answerNote, helpText } from "../wording.js";
import { ACTION_IDS, type ActionState, encodeActionValue } from "./action-value.js";
import { actions, button, context, fieldsSection, header, type SlackBlock, section } from "./blocks.js";
import { escapeSlack, slackLink } from "./escape.js";
import { SLACK_LIMITS } from "./limits.js";
import { markdownToMrkdwn } from "./mrkdwn.js";
import { breadcrumb, exampleText, renderSection } from "./render-section.js";
import { moreSuffix, sourceLabel } from "./source.js";

/**
 * Around the first section of a closest match (or an answer that read a typo): the note above it
 * (markdown), and below it the next sections as buttons that show them. `state` makes a button's
 * value (the answer's question, owner, language and id, with the page to show).
 */
export function renderAlternatives(
  answer: SectionsAnswer,
  interactive: boolean,
  locale: Locale,
  state: (page: number) => string,
): { above: SlackBlock[]; below: SlackBlock[] } {
  const note = answerNote(answer, locale);
  const above = note ? [context(markdownToMrkdwn(note))] : [];
  const next = answer.confidence === "low" ? answer.sections.slice(1, 3) : [];
  if (!next.length) return { above, below: [] };
  if (!interactive)
    return {
      above,
      below: [context(escapeSlack(t(locale, "closest.or", { list: next.map((s) => s.title).join(" · ") })))],
    };
  const buttons = next.map((s, i) => button(escapeSlack(s.title), `${ACTION_IDS.suggestPrefix}${i}`, state(i + 1)));
  return { above, below: [context(escapeSlack(t(locale, "closest.orMaybe"))), actions(buttons)] };
}

/**
 * Misses and invalid input: the message (markdown). The closest headings are buttons that ask
 * again when the message is interactive; otherwise the message itself lists them (once either way).
 */
export function renderMiss(
  message: string,
  suggestions: string[],
  interactive: boolean,
  locale: Locale,
  base: Omit<ActionState, "q" | "p">,
): SlackBlock[] {
  const blocks: SlackBlock[] = [section(markdownToMrkdwn(message))];
  const offered = suggestions
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 10);
  if (offered.length === 0 || !interactive) return blocks;
  blocks.push(context(escapeSlack(t(locale, "miss.closestPrompt"))));
  blocks.push(
    actions(
      offered.map((s, i) =>
        button(
          escapeSlack(s),
          `${ACTION_IDS.suggestPrefix}${i}`,
          encodeActionValue({ ...base, q: `explain ${s}`, p: 0 }),
        ),
      ),
    ),
  );
  return blocks;
}

function sideText(label: string, s: AnswerSection | undefined, links: SourceLinks | undefined, locale: Locale): string {
  if (!s) return `*${escapeSlack(label)}*\n_${escapeSlack(t(locale, "compare.notFound"))}_`;
  const body = markdownToMrkdwn(s.summary);
  const head = `*${escapeSlack(t(locale, "compare.side", { side: label, title: s.title }))}*  ${sourceLabel(links, s)}`;
  return `${head}\n${body}`;
}

/** Compare: the direct comparison if the notes have one, then both sides in two columns. */
export function renderCompare(
  cmp: CompareAnswer,
  links: SourceLinks | undefined,
  maxBlocks: number,
  locale: Locale,
): SlackBlock[] {
  const blocks: SlackBlock[] = [header(escapeSlack(t(locale, "compare.title", { a: cmp.a, b: cmp.b })))];
  const note = answerNote(cmp, locale);
  if (note) blocks.push(context(markdownToMrkdwn(note)));
  if (cmp.direct) {
    const d = cmp.direct;
    blocks.push(
      context(
        `*${escapeSlack(t(locale, "compare.direct"))}*  ·  ${breadcrumb(d.headingPath)}  ·  ${sourceLabel(links, d)}`,
      ),
    );
    blocks.push(section(markdownToMrkdwn(d.summary), moreSuffix(links, d, locale)));
  }
  const more = (s: AnswerSection | undefined) => (s ? moreSuffix(links, s, locale) : "");
  // Fields are clipped one by one; each side gets its own "more" link.
  const left = fieldsSection([sideText(cmp.a, cmp.left, links, locale)], more(cmp.left));
  const right = fieldsSection([sideText(cmp.b, cmp.right, links, locale)], more(cmp.right));
  const fields = [
    ...(left.type === "section" ? (left.fields ?? []) : []),
    ...(right.type === "section" ? (right.fields ?? []) : []),
  ];
  blocks.push({ type: "section", fields });
  for (const [label, s] of [
    [cmp.a, cmp.left],
    [cmp.b, cmp.right],
  ] as const) {
    const example = s?.examples[0];
    if (example && blocks.length < maxBlocks) {
      blocks.push(context(escapeSlack(t(locale, "compare.exampleFor", { side: label }))));
      blocks.push(section(exampleText(example), more(s)));
    }
  }
  return blocks.slice(0, maxBlocks);
}

/** One page of the outline, indented, in one block; the buttons below move between pages. */
export function renderTopics(
  answer: TopicsAnswer,
  links: SourceLinks | undefined,
  locale: Locale,
  page: number | undefined,
): { blocks: SlackBlock[]; page: number; pages: number } {
  const title = answer.heading
    ? t(locale, "topics.titleUnder", { heading: `“${answer.heading}”` })
    : t(locale, "topics.title");
  const blocks: SlackBlock[] = [header(escapeSlack(title))];
  const line = (e: OutlineEntry): string => {
    const href = sectionHref(links, e);
    const title = truncate(e.title, 150);
    const text = href ? slackLink(href, title) : escapeSlack(title);
    return `${"    ".repeat(Math.min(e.depth, 6))}• ${text}`;
  };
  const pages = outlinePages(answer.outline, (e) => line(e).length, SLACK_LIMITS.text - 100);
  const shown = clampPage(page, pages.length);
  const lines = (pages[shown] ?? []).map(line);
  if (lines.length) blocks.push(section(lines.join("\n")));
  else blocks.push(section(`_${escapeSlack(t(locale, "topics.none"))}_`));
  if (pages.length > 1)
    blocks.push(
      context(
        escapeSlack(t(locale, "topics.page", { page: shown + 1, pages: pages.length, count: answer.outline.length })) +
          `  ·  \`/${COMMAND_PREFIX} topics ‹${t(locale, "options.heading.name")}›\``,
      ),
    );
  return { blocks, page: shown, pages: pages.length };
}

/** Help: the one help text (`render/wording.ts`) as mrkdwn. */
export function renderHelp(locale: Locale): SlackBlock[] {
  return [header(escapeSlack(t(locale, "help.title"))), section(markdownToMrkdwn(helpText(locale)))];
}

export { renderSection };
