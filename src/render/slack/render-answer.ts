import type { Answer, AnswerSection } from "../../answer/types.js";
import { t } from "../i18n/catalogue.js";
import type { Locale } from "../i18n/locale.js";
import type { SourceLinks } from "../source-link.js";
import { answerMessage } from "../wording.js";
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
  /** The asker's language (default English). */
  locale?: Locale | undefined;
  /** Which result (or page of the outline), 0-based; clamped to what the answer has. */
  page?: number | undefined;
  /** Where source links point (`KNOWLEDGE_SOURCE_URL`, relative to `KNOWLEDGE_DIR`). */
  links?: SourceLinks | undefined;
  /** Slack user id of who shared this answer publicly ("shared by"); they own its buttons. */
  sharedBy?: string | undefined;
  /**
   * The answer is public and this user asked it (a mention) or shared it: the buttons carry the
   * id, so only their clicks change the message (anyone else gets a private copy), and they get
   * Delete. Implied by `sharedBy`.
   */
  owner?: string | undefined;
  /** Only the runnable examples of the shown section (undefined: only for `examples`). */
  examplesOnly?: boolean | undefined;
  /** Buttons (next, examples, feedback, suggestions, pages). Default true. */
  interactive?: boolean | undefined;
  /** The "Share in channel" button: only on private answers. Default true. */
  share?: boolean | undefined;
  /** A line above the answer (mrkdwn), e.g. why this is a private copy. */
  notice?: string | undefined;
  /** A line just above the buttons (mrkdwn), e.g. "Was this right?" beside the 👍/👎. */
  footer?: string | undefined;
  /** Share posts into this thread (`ts`): "Ask the notes" answers go under the message asked about. */
  shareInThread?: string | undefined;
}

/** Blocks kept free at the end of every message: buttons, Delete and the "shared by" line. */
const RESERVED = 4;

/** What the footer buttons act on: the section shown and, for ranked sections, where it stands. */
interface Shown {
  section: AnswerSection;
  page: number;
  examplesOnly: boolean;
  /** Ranked sections only (not a comparison): how many there are, to page through. */
  total?: number;
}

interface ButtonBase {
  query: string;
  locale: Locale;
  owner: string | undefined;
  share: boolean;
  /** The answer's id: a click re-renders the same answer, a vote joins its question in the store. */
  answerId: string | undefined;
  /** Share posts into this thread. */
  thread: string | undefined;
}

/** A button's value: what it asks for, plus who owns the answer, its language and its id. */
function state(base: ButtonBase, s: Omit<ActionState, "q" | "u" | "l" | "a">): string {
  const full: ActionState = { q: base.query, ...s };
  if (base.owner) full.u = base.owner;
  if (base.locale !== "en") full.l = base.locale;
  if (base.answerId) full.a = base.answerId;
  if (base.thread && s.v === undefined) full.t = base.thread;
  return encodeActionValue(full);
}

function footerButtons(base: ButtonBase, shown: Shown): ButtonElement[] {
  const { section, page, total, examplesOnly } = shown;
  const { locale } = base;
  const buttons: ButtonElement[] = [];
  if (base.share)
    buttons.push(
      button(
        t(locale, "buttons.share"),
        ACTION_IDS.share,
        state(base, { p: page, ...(examplesOnly ? { x: true } : {}) }),
        "primary",
      ),
    );
  if (total !== undefined && page + 1 < total)
    buttons.push(button(t(locale, "buttons.next"), ACTION_IDS.next, state(base, { p: page + 1 })));
  if (total !== undefined) {
    if (examplesOnly) buttons.push(button(t(locale, "buttons.fullAnswer"), ACTION_IDS.full, state(base, { p: page })));
    else if (section.examples.length > 0)
      buttons.push(button(t(locale, "buttons.examplesOnly"), ACTION_IDS.examples, state(base, { p: page, x: true })));
  }
  const vote = (v: "up" | "down") => state(base, { p: page, s: section.id, v });
  buttons.push(button("👍", ACTION_IDS.feedbackUp, vote("up")), button("👎", ACTION_IDS.feedbackDown, vote("down")));
  return buttons;
}

function pageButtons(base: ButtonBase, page: number, pages: number): ButtonElement[] {
  const { locale } = base;
  const buttons: ButtonElement[] = [];
  if (page > 0)
    buttons.push(button(t(locale, "buttons.previousPage"), ACTION_IDS.pagePrevious, state(base, { p: page - 1 })));
  if (page + 1 < pages)
    buttons.push(button(t(locale, "buttons.nextPage"), ACTION_IDS.pageNext, state(base, { p: page + 1 })));
  if (base.share)
    buttons.push(button(t(locale, "buttons.share"), ACTION_IDS.share, state(base, { p: page }), "primary"));
  return buttons;
}

function fallbackText(answer: Answer, shown: AnswerSection | undefined, locale: Locale): string {
  const raw = shown
    ? `${shown.title}: ${shown.summary.replace(/\s+/g, " ")}`
    : (answerMessage(answer, locale) ?? answer.query);
  return truncateEscaped(escapeSlack(raw.replace(/[*_`#]/g, "")), SLACK_LIMITS.fallback);
}

/** The answer's own blocks (before "shared by" and the buttons), and the buttons that go with them. */
function body(
  answer: Answer,
  options: SlackRenderOptions,
  base: ButtonBase,
  interactive: boolean,
  maxBlocks: number,
): { blocks: SlackBlock[]; shown?: Shown; buttons: ButtonElement[] } {
  const locale = base.locale;
  const links = options.links;
  switch (answer.type) {
    case "help":
      return { blocks: renderHelp(locale), buttons: [] };
    case "topics": {
      const { blocks, page, pages } = renderTopics(answer, links, locale, options.page);
      return { blocks, buttons: interactive ? pageButtons(base, page, pages) : [] };
    }
    case "compare": {
      const section = answer.direct ?? answer.left ?? answer.right;
      const blocks = renderCompare(answer, links, maxBlocks, locale);
      const shown = section ? { section, page: 0, examplesOnly: options.examplesOnly === true } : undefined;
      return { blocks, ...(shown ? { shown } : {}), buttons: interactive && shown ? footerButtons(base, shown) : [] };
    }
    case "miss":
    case "invalid": {
      const suggestions = answer.type === "miss" ? answer.suggestions : [];
      const message = answerMessage(answer, locale, { suggestionsAsButtons: interactive }) ?? "";
      const own = { ...(base.owner ? { u: base.owner } : {}), ...(locale !== "en" ? { l: locale } : {}) };
      return { blocks: renderMiss(message, suggestions, interactive, locale, own), buttons: [] };
    }
    case "sections": {
      const total = answer.sections.length;
      const page = Math.min(Math.max(0, Math.floor(options.page ?? 0)), total - 1);
      const section = answer.sections[page];
      if (!section) return { blocks: [], buttons: [] };
      const examplesOnly = options.examplesOnly ?? answer.command === "examples";
      // The first page of a closest match says so, and offers the next sections.
      const around =
        page === 0
          ? renderAlternatives(answer, interactive, locale, (p) => state(base, { p }))
          : { above: [], below: [] };
      const blocks = renderSection(section, {
        links,
        locale,
        examplesOnly,
        index: page,
        total,
        maxBlocks: maxBlocks - around.above.length - around.below.length,
      });
      const shown = { section, page, examplesOnly, total };
      return {
        blocks: [...around.above, ...blocks, ...around.below],
        shown,
        buttons: interactive ? footerButtons(base, shown) : [],
      };
    }
  }
}

/**
 * Answer → Block Kit message in the asker's language. Pure: the same answer and options always
 * give the same blocks, and the result always fits Slack's limits (clipped with "…" and a "more"
 * link, never refused).
 */
export function renderSlackAnswer(answer: Answer, options: SlackRenderOptions = {}): SlackMessage {
  const locale = options.locale ?? "en";
  // Only a real user id travels in button values; anything else owns nothing.
  const claimed = options.sharedBy ?? options.owner;
  const owner = claimed && /^[UW][A-Z0-9]{2,30}$/.test(claimed) ? claimed : undefined;
  const interactive = options.interactive !== false;
  const base: ButtonBase = {
    query: answer.query,
    locale,
    owner,
    share: interactive && options.share !== false && claimed === undefined,
    answerId: answer.id,
    thread: options.shareInThread,
  };
  const maxBlocks = SLACK_LIMITS.blocks - RESERVED - (options.notice ? 1 : 0) - (options.footer ? 1 : 0);
  const { blocks: own, shown, buttons } = body(answer, options, base, interactive, maxBlocks);
  let blocks = [...(options.notice ? [context(options.notice)] : []), ...own.slice(0, maxBlocks)];
  if (options.sharedBy !== undefined) {
    blocks.push(
      context(
        escapeSlack(t(locale, "shared.by", { user: "\u0000", query: `/docker ${answer.query}` })).replace(
          "\u0000",
          slackMention(options.sharedBy),
        ),
      ),
    );
  }
  if (options.footer) blocks.push(context(options.footer));
  if (buttons.length) blocks.push(actions(buttons));
  if (interactive && owner) blocks.push(actions([deleteButton(base)]));
  if (blocks.length > SLACK_LIMITS.blocks) blocks = [...blocks.slice(0, SLACK_LIMITS.blocks - 1), context(ELLIPSIS)];
  return { text: fallbackText(answer, shown?.section, locale), blocks };
}

function deleteButton(base: ButtonBase): ButtonElement {
  return button(`🗑️ ${t(base.locale, "buttons.delete")}`, ACTION_IDS.delete, state(base, { p: 0 }), "danger");
}

/** A short ephemeral message (errors, "working on it"). `markdownText` is already mrkdwn. */
export function renderSlackNotice(mrkdwnText: string): SlackMessage {
  return {
    text: mrkdwnText,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: mrkdwnText, verbatim: true } }],
  };
}
