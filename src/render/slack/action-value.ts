import { cutUnits } from "../cut-text.js";
import { isLocale, type Locale } from "../i18n/locale.js";
import { SLACK_LIMITS } from "./limits.js";

/**
 * Buttons carry all the state a click needs (Slack gives it back in `value`, up to 2000
 * characters), so the adapter keeps no per-message memory, survives restarts and works on any
 * replica: the query is simply asked again, in the language it was answered in, and a public
 * answer's buttons name who asked so nobody else changes it.
 */
export const ACTION_IDS = {
  share: "docker_share",
  next: "docker_next",
  examples: "docker_examples",
  full: "docker_full",
  feedbackUp: "docker_feedback_up",
  feedbackDown: "docker_feedback_down",
  /** Topics: the page before and after (the value's `p` is the page to show). */
  pagePrevious: "docker_page_previous",
  pageNext: "docker_page_next",
  /** The asker removes a public answer. */
  delete: "docker_delete",
  /** Followed by the suggestion's index, so ids stay unique within a message. */
  suggestPrefix: "docker_suggest_",
} as const;

/** A Slack message timestamp (`1700000000.000100`). */
export const SLACK_TS = /^\d{1,12}\.\d{1,9}$/;

export interface ActionState {
  /** The text to ask the bot (the original query, or `explain <suggestion>`). */
  q: string;
  /** Which section (0-based) of the answer to show. */
  p: number;
  /** Examples only. */
  x?: boolean;
  /** Section id, for feedback. */
  s?: string;
  /** Feedback vote. */
  v?: "up" | "down";
  /** The Slack user who asked (or shared) a public answer: only their clicks change it. */
  u?: string;
  /** The answer's language. */
  l?: Locale;
  /** The answer's id: a click re-renders the same answer, a vote is joined to its question. */
  a?: string;
  /**
   * Share posts into this thread (the `ts` of the message "Ask the notes" was used on, or of its
   * thread) instead of the channel.
   */
  t?: string;
}

/** JSON of the state, shortening the query (then the section id) until it fits a button value. */
export function encodeActionValue(state: ActionState): string {
  let s: ActionState = { ...state };
  let json = JSON.stringify(s);
  if (json.length > SLACK_LIMITS.buttonValue && s.s !== undefined) {
    s = { ...s, s: cutUnits(s.s, 200) };
    json = JSON.stringify(s);
  }
  while (json.length > SLACK_LIMITS.buttonValue && s.q.length > 0) {
    s = { ...s, q: cutUnits(s.q, Math.max(0, s.q.length - (json.length - SLACK_LIMITS.buttonValue) - 8)) };
    json = JSON.stringify(s);
  }
  return json;
}

/** Undefined for anything that is not a value we produced (clicks are user-controlled input). */
export function decodeActionValue(value: string | undefined): ActionState | undefined {
  if (!value) return undefined;
  try {
    const raw: unknown = JSON.parse(value);
    if (typeof raw !== "object" || raw === null) return undefined;
    const r = raw as Record<string, unknown>;
    if (typeof r.q !== "string") return undefined;
    const state: ActionState = { q: r.q, p: typeof r.p === "number" && Number.isInteger(r.p) && r.p >= 0 ? r.p : 0 };
    if (r.x === true) state.x = true;
    if (typeof r.s === "string") state.s = r.s;
    if (r.v === "up" || r.v === "down") state.v = r.v;
    if (typeof r.u === "string" && /^[UW][A-Z0-9]{2,30}$/.test(r.u)) state.u = r.u;
    if (isLocale(r.l)) state.l = r.l;
    if (typeof r.a === "string" && /^[A-Za-z0-9_-]{1,32}$/.test(r.a)) state.a = r.a;
    if (typeof r.t === "string" && SLACK_TS.test(r.t)) state.t = r.t;
    return state;
  } catch {
    return undefined;
  }
}
