import { COMMAND_PREFIX } from "../../answer/commands.js";
import type { AnswerSection, CompareAnswer, OutlineEntry, SectionsAnswer } from "../../answer/types.js";
import { cutUnits } from "../cut-text.js";
import { sourceHref } from "../source-link.js";
import { answerNote, helpText } from "../wording.js";
import { ACTION_IDS, encodeActionValue } from "./action-value.js";
import { actions, button, context, fieldsSection, header, type SlackBlock, section } from "./blocks.js";
import { escapeSlack, slackLink } from "./escape.js";
import { SLACK_LIMITS } from "./limits.js";
import { markdownToMrkdwn } from "./mrkdwn.js";
import { breadcrumb, exampleText, renderSection } from "./render-section.js";
import { moreSuffix, sourceLabel } from "./source.js";

/**
 * Around the first section of a closest match (or an answer that read a typo): the note above it
 * (markdown), and below it the next sections as buttons that show them.
 */
export function renderAlternatives(
  answer: SectionsAnswer,
  interactive: boolean,
): { above: SlackBlock[]; below: SlackBlock[] } {
  const note = answerNote(answer);
  const above = note ? [context(markdownToMrkdwn(note))] : [];
  const next = answer.confidence === "low" ? answer.sections.slice(1, 3) : [];
  if (!next.length) return { above, below: [] };
  if (!interactive) return { above, below: [context(`Or: ${next.map((s) => escapeSlack(s.title)).join(" · ")}`)] };
  const buttons = next.map((s, i) =>
    button(escapeSlack(s.title), `${ACTION_IDS.suggestPrefix}${i}`, encodeActionValue({ q: answer.query, p: i + 1 })),
  );
  return { above, below: [context("Or maybe:"), actions(buttons)] };
}

/** Misses and invalid input: the message (markdown), then the closest headings as buttons that ask again. */
export function renderMiss(message: string, suggestions: string[], interactive: boolean): SlackBlock[] {
  const blocks: SlackBlock[] = [section(markdownToMrkdwn(message))];
  const offered = suggestions
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 10);
  if (offered.length === 0) return blocks;
  if (!interactive) {
    blocks.push(context(`Closest: ${offered.map((s) => escapeSlack(s)).join(" · ")}`));
    return blocks;
  }
  blocks.push(context("Did you mean:"));
  blocks.push(
    actions(
      offered.map((s, i) =>
        button(escapeSlack(s), `${ACTION_IDS.suggestPrefix}${i}`, encodeActionValue({ q: `explain ${s}`, p: 0 })),
      ),
    ),
  );
  return blocks;
}

function sideText(label: string, s: AnswerSection | undefined, sourceUrl: string | undefined): string {
  if (!s) return `*${escapeSlack(label)}*\n_Not found in the notes._`;
  const body = markdownToMrkdwn(s.summary);
  const head = `*${escapeSlack(label)}: ${escapeSlack(s.title)}*  ${sourceLabel(sourceUrl, s.source)}`;
  return `${head}\n${body}`;
}

/** Compare: the direct comparison if the notes have one, then both sides in two columns. */
export function renderCompare(cmp: CompareAnswer, sourceUrl: string | undefined, maxBlocks: number): SlackBlock[] {
  const blocks: SlackBlock[] = [header(`${escapeSlack(cmp.a)} vs ${escapeSlack(cmp.b)}`)];
  const note = answerNote(cmp);
  if (note) blocks.push(context(markdownToMrkdwn(note)));
  if (cmp.direct) {
    const d = cmp.direct;
    blocks.push(context(`${breadcrumb(d.headingPath)}  ·  ${sourceLabel(sourceUrl, d.source)}`));
    blocks.push(section(markdownToMrkdwn(d.summary), moreSuffix(sourceUrl, d.source)));
  }
  const more = (s: AnswerSection | undefined) => (s ? moreSuffix(sourceUrl, s.source) : "");
  // Fields are clipped one by one; each side gets its own "more" link.
  const left = fieldsSection([sideText(cmp.a, cmp.left, sourceUrl)], more(cmp.left));
  const right = fieldsSection([sideText(cmp.b, cmp.right, sourceUrl)], more(cmp.right));
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
      blocks.push(context(`Example for ${escapeSlack(label)}`));
      blocks.push(section(exampleText(example, more(s))));
    }
  }
  return blocks.slice(0, maxBlocks);
}

/** The outline, indented, split over as many sections as the text limit needs. */
export function renderTopics(outline: OutlineEntry[], sourceUrl: string | undefined, maxBlocks: number): SlackBlock[] {
  const blocks: SlackBlock[] = [header("Topics in the notes")];
  const lines = outline.map((e) => {
    const href = sourceHref(sourceUrl, e.source);
    const title = href ? slackLink(href, e.title) : escapeSlack(e.title);
    return `${"    ".repeat(Math.min(e.depth, 6))}• ${title}`;
  });
  const chunks: string[][] = [];
  let size = 0;
  for (const line of lines) {
    const piece = cutUnits(line, SLACK_LIMITS.text - 1);
    const current = chunks[chunks.length - 1];
    if (!current || size + 1 + piece.length > SLACK_LIMITS.text) {
      chunks.push([piece]);
      size = piece.length;
    } else {
      current.push(piece);
      size += 1 + piece.length;
    }
  }
  // Keep one block for the "more headings" note.
  const room = Math.max(0, maxBlocks - blocks.length - 1);
  const shown = chunks.slice(0, room);
  for (const chunk of shown) blocks.push(section(chunk.join("\n")));
  const hidden = outline.length - shown.reduce((n, c) => n + c.length, 0);
  if (hidden > 0) blocks.push(context(`…and ${hidden} more headings: try \`/${COMMAND_PREFIX} topics ‹heading›\``));
  if (outline.length === 0) blocks.push(section("_No headings found._"));
  return blocks.slice(0, maxBlocks);
}

/** Help: the one help text (`render/wording.ts`) as mrkdwn. */
export function renderHelp(): SlackBlock[] {
  return [header("How to ask the docker notes bot"), section(markdownToMrkdwn(helpText()))];
}

export { renderSection };
