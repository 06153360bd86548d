import type { Answer, AnswerSection } from "../../answer/types.js";
import { answerMessage, missMessage, problemMessage } from "../wording.js";
import { ACTION_IDS, type ActionState, encodeActionValue } from "./action-value.js";
import { actions, type ButtonElement, button, context, type SlackBlock, type SlackMessage } from "./blocks.js";
import { escapeSlack, slackMention } from "./escape.js";
import { ELLIPSIS, SLACK_LIMITS, truncateEscaped } from "./limits.js";
import {
  renderAlternatives,
  renderCompare,
  renderHelp,
  renderMiss,
  renderSection,
  renderTopics,
} from "./render-kinds.js";

export interface SlackRenderOptions {
  /** Which result (0-based) to show; clamped to the answer's results. */
  page?: number;
  /** Link template for sources: `https://…/{file}#L{line}`. */
  sourceUrl?: string | undefined;
  /** Slack user id of who shared this answer publicly; shared answers carry no buttons. */
  sharedBy?: string;
  /** Only the runnable examples of the shown section (undefined: only for `examples`). */
  examplesOnly?: boolean | undefined;
  /** Buttons (next, examples, feedback, suggestions). Default true. */
  interactive?: boolean;
  /** The "Share in channel" button: only on ephemeral answers. Default true. */
  share?: boolean;
}

/** Blocks kept free at the end of every message: buttons and the "shared by" line. */
const RESERVED = 3;

/** What the footer buttons act on: the section shown and, for ranked sections, where it stands. */
interface Shown {
  section: AnswerSection;
  page: number;
  examplesOnly: boolean;
  /** Ranked sections only (not a comparison): how many there are, to page through. */
  total?: number;
}

function footerButtons(query: string, shown: Shown, share: boolean, answerId: string | undefined): ButtonElement[] {
  const { section, page, total, examplesOnly } = shown;
  // The answer's id rides on every button: a click re-renders the same answer, a vote joins its question.
  const id = answerId ? { a: answerId } : {};
  const base: ActionState = { q: query, p: page, ...id };
  if (examplesOnly) base.x = true;
  const buttons: ButtonElement[] = [];
  if (share) buttons.push(button("Share in channel", ACTION_IDS.share, encodeActionValue(base), "primary"));
  if (total !== undefined && page + 1 < total) {
    buttons.push(button("Next result", ACTION_IDS.next, encodeActionValue({ q: query, p: page + 1, ...id })));
  }
  if (total !== undefined) {
    if (examplesOnly)
      buttons.push(button("Full answer", ACTION_IDS.full, encodeActionValue({ q: query, p: page, ...id })));
    else if (section.examples.length > 0)
      buttons.push(
        button("Examples only", ACTION_IDS.examples, encodeActionValue({ q: query, p: page, x: true, ...id })),
      );
  }
  const vote = (v: "up" | "down") => encodeActionValue({ q: query, p: page, s: section.id, v, ...id });
  buttons.push(button("👍", ACTION_IDS.feedbackUp, vote("up")), button("👎", ACTION_IDS.feedbackDown, vote("down")));
  return buttons;
}

function fallbackText(answer: Answer, shown: AnswerSection | undefined): string {
  const raw = shown ? `${shown.title}: ${shown.summary.replace(/\s+/g, " ")}` : (answerMessage(answer) ?? answer.query);
  return truncateEscaped(escapeSlack(raw.replace(/[*_`#]/g, "")), SLACK_LIMITS.fallback);
}

/** The answer's own blocks (before "shared by" and the buttons), and the section the buttons act on. */
function body(
  answer: Answer,
  options: SlackRenderOptions,
  interactive: boolean,
  maxBlocks: number,
): { blocks: SlackBlock[]; shown?: Shown } {
  switch (answer.type) {
    case "help":
      return { blocks: renderHelp() };
    case "topics":
      return { blocks: renderTopics(answer.outline, options.sourceUrl, maxBlocks) };
    case "compare": {
      const section = answer.direct ?? answer.left ?? answer.right;
      const blocks = renderCompare(answer, options.sourceUrl, maxBlocks);
      return section
        ? { blocks, shown: { section, page: 0, examplesOnly: options.examplesOnly === true } }
        : { blocks };
    }
    case "miss":
      return { blocks: renderMiss(missMessage(answer.reason, answer.suggestions), answer.suggestions, interactive) };
    case "invalid":
      return { blocks: renderMiss(problemMessage(answer.problem), [], interactive) };
    case "sections": {
      const total = answer.sections.length;
      const page = Math.min(Math.max(0, Math.floor(options.page ?? 0)), total - 1);
      const section = answer.sections[page];
      if (!section) return { blocks: [] };
      const examplesOnly = options.examplesOnly ?? answer.command === "examples";
      // The first page of a closest match says so, and offers the next sections.
      const around = page === 0 ? renderAlternatives(answer, interactive) : { above: [], below: [] };
      const blocks = renderSection(section, {
        sourceUrl: options.sourceUrl,
        examplesOnly,
        index: page,
        total,
        maxBlocks: maxBlocks - around.above.length - around.below.length,
      });
      return { blocks: [...around.above, ...blocks, ...around.below], shown: { section, page, examplesOnly, total } };
    }
  }
}

/**
 * Answer → Block Kit message. Pure: the same answer and options always give the same blocks,
 * and the result always fits Slack's limits (clipped with "…" and a "more" link, never refused).
 */
export function renderSlackAnswer(answer: Answer, options: SlackRenderOptions = {}): SlackMessage {
  const interactive = options.interactive !== false && options.sharedBy === undefined;
  const share = interactive && options.share !== false;
  const maxBlocks = SLACK_LIMITS.blocks - RESERVED;
  const { blocks: own, shown } = body(answer, options, interactive, maxBlocks);
  let blocks = own.slice(0, maxBlocks);
  if (options.sharedBy !== undefined) {
    blocks.push(
      context(`shared by ${slackMention(options.sharedBy)} · asked \`/docker ${escapeSlack(answer.query)}\``),
    );
  }
  if (interactive && shown) blocks.push(actions(footerButtons(answer.query, shown, share, answer.id)));
  if (blocks.length > SLACK_LIMITS.blocks) blocks = [...blocks.slice(0, SLACK_LIMITS.blocks - 1), context(ELLIPSIS)];
  return { text: fallbackText(answer, shown?.section), blocks };
}

/** A short ephemeral message (errors, "working on it"). `markdownText` is already mrkdwn. */
export function renderSlackNotice(mrkdwnText: string): SlackMessage {
  return {
    text: mrkdwnText,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: mrkdwnText, verbatim: true } }],
  };
}
