import type { Answer, AnswerSection } from "../../answer/types.js";
import { ACTION_IDS, type ActionState, encodeActionValue } from "./action-value.js";
import { actions, type ButtonElement, button, context, type SlackBlock, type SlackMessage } from "./blocks.js";
import { escapeSlack, slackMention } from "./escape.js";
import { ELLIPSIS, SLACK_LIMITS, truncateEscaped } from "./limits.js";
import { renderCompare, renderHelp, renderMiss, renderSection, renderTopics } from "./render-kinds.js";

export interface SlackRenderOptions {
  /** Which result (0-based) to show; clamped to the answer's results. */
  page?: number;
  /** Link template for sources: `https://…/{file}#L{line}`. */
  sourceUrl?: string;
  /** Slack user id of who shared this answer publicly; shared answers carry no buttons. */
  sharedBy?: string;
  /** Only the runnable examples of the shown section. */
  examplesOnly?: boolean;
  /** Buttons (next, examples, feedback, suggestions). Default true. */
  interactive?: boolean;
  /** The "Share in channel" button: only on ephemeral answers. Default true. */
  share?: boolean;
}

/** Blocks kept free at the end of every message: buttons and the "shared by" line. */
const RESERVED = 3;

function footerButtons(answer: Answer, shown: AnswerSection, page: number, opts: SlackRenderOptions): ButtonElement[] {
  const base: ActionState = { q: answer.query, p: page, ...(answer.id ? { a: answer.id } : {}) };
  if (opts.examplesOnly) base.x = true;
  const buttons: ButtonElement[] = [];
  if (opts.share !== false)
    buttons.push(button("Share in channel", ACTION_IDS.share, encodeActionValue(base), "primary"));
  if (answer.kind !== "compare" && page + 1 < answer.sections.length) {
    buttons.push(button("Next result", ACTION_IDS.next, encodeActionValue({ ...base, p: page + 1, x: undefined })));
  }
  if (answer.kind !== "compare") {
    if (opts.examplesOnly)
      buttons.push(button("Full answer", ACTION_IDS.full, encodeActionValue({ ...base, x: undefined })));
    else if (shown.examples.length > 0) {
      buttons.push(button("Examples only", ACTION_IDS.examples, encodeActionValue({ ...base, x: true })));
    }
  }
  const vote = (v: "up" | "down") => encodeActionValue({ ...base, x: undefined, s: shown.id, v });
  buttons.push(button("👍", ACTION_IDS.feedbackUp, vote("up")), button("👎", ACTION_IDS.feedbackDown, vote("down")));
  return buttons;
}

function fallbackText(answer: Answer, shown: AnswerSection | undefined): string {
  const raw = shown ? `${shown.title}: ${shown.summary.replace(/\s+/g, " ")}` : (answer.message ?? answer.query);
  return truncateEscaped(escapeSlack(raw.replace(/[*_`#]/g, "")), SLACK_LIMITS.fallback);
}

/**
 * Answer → Block Kit message. Pure: the same answer and options always give the same blocks,
 * and the result always fits Slack's limits (clipped with "…" and a "more" link, never refused).
 */
export function renderSlackAnswer(answer: Answer, options: SlackRenderOptions = {}): SlackMessage {
  const interactive = options.interactive !== false && options.sharedBy === undefined;
  const opts: SlackRenderOptions = { ...options, share: interactive && options.share !== false };
  const maxBlocks = SLACK_LIMITS.blocks - RESERVED;
  let blocks: SlackBlock[];
  let shown: AnswerSection | undefined;
  let page = 0;

  if (answer.kind === "help") blocks = renderHelp(answer);
  else if (answer.kind === "topics") blocks = renderTopics(answer, opts.sourceUrl, maxBlocks);
  else if (answer.kind === "compare" && answer.compare && answer.matched) {
    blocks = renderCompare(answer, opts.sourceUrl, maxBlocks);
    shown = answer.compare.direct ?? answer.compare.left ?? answer.compare.right;
  } else if (!answer.matched || answer.sections.length === 0) blocks = renderMiss(answer, interactive);
  else {
    page = Math.min(Math.max(0, Math.floor(options.page ?? 0)), answer.sections.length - 1);
    shown = answer.sections[page];
    const examplesOnly = options.examplesOnly ?? answer.kind === "examples";
    opts.examplesOnly = examplesOnly;
    blocks = shown
      ? renderSection(shown, {
          sourceUrl: opts.sourceUrl,
          examplesOnly,
          index: page,
          total: answer.sections.length,
          maxBlocks,
        })
      : [];
  }

  blocks = blocks.slice(0, maxBlocks);
  if (options.sharedBy !== undefined) {
    blocks.push(
      context(`shared by ${slackMention(options.sharedBy)} · asked \`/docker ${escapeSlack(answer.query)}\``),
    );
  }
  if (interactive && shown) blocks.push(actions(footerButtons(answer, shown, page, opts)));
  if (blocks.length > SLACK_LIMITS.blocks) blocks = [...blocks.slice(0, SLACK_LIMITS.blocks - 1), context(ELLIPSIS)];
  return { text: fallbackText(answer, shown), blocks };
}

/** A short ephemeral message (errors, "working on it"). `markdownText` is already mrkdwn. */
export function renderSlackNotice(mrkdwnText: string): SlackMessage {
  return {
    text: mrkdwnText,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: mrkdwnText, verbatim: true } }],
  };
}
