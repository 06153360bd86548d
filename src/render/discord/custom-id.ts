import { createHash } from "node:crypto";
import { commandText as grammarText } from "../../answer/parse-command.js";
import type { Command } from "../../answer/types.js";
import { LIMITS } from "./limits.js";

/**
 * Button custom ids carry the state needed to act on a click: `dn:<action>:<page>[.<answer id>]:<ref>`,
 * where ref is `t<query text>` when it fits in Discord's 100 characters (so buttons keep
 * working after a restart) and `k<key>` into a small in-memory LRU otherwise. The answer id
 * (12 characters) joins a vote to its question in the store; ids without it (older messages)
 * still work. `why` is the 👎 modal's id, in the same form.
 */
export type ButtonAction = "share" | "next" | "ex" | "up" | "down" | "ask" | "why";

export interface ButtonState {
  action: ButtonAction;
  page: number;
  ref: string;
  answerId?: string;
}

const PREFIX = "dn";
const ACTIONS: readonly ButtonAction[] = ["share", "next", "ex", "up", "down", "ask", "why"];
const ANSWER_ID = /^[A-Za-z0-9_-]{12}$/;
/** Room left for the ref: `dn:share:999.<12-char answer id>:` is the longest head. */
const MAX_REF = LIMITS.customId - `${PREFIX}:share:999.${"x".repeat(12)}:`.length;

export function encodeCustomId(state: ButtonState): string {
  const page = state.answerId && ANSWER_ID.test(state.answerId) ? `${state.page}.${state.answerId}` : `${state.page}`;
  const id = `${PREFIX}:${state.action}:${page}:${state.ref}`;
  if (id.length > LIMITS.customId) throw new Error(`custom_id over ${LIMITS.customId} chars: ${state.action}`);
  return id;
}

export function decodeCustomId(customId: string): ButtonState | undefined {
  const [prefix, action, pageField = "", ...rest] = customId.split(":");
  if (prefix !== PREFIX || !ACTIONS.includes(action as ButtonAction)) return undefined;
  const [page, answerId] = pageField.split(".");
  const n = Number(page);
  const ref = rest.join(":");
  if (!Number.isInteger(n) || n < 0 || !ref || page === "") return undefined;
  if (answerId !== undefined && !ANSWER_ID.test(answerId)) return undefined;
  return { action: action as ButtonAction, page: n, ref, ...(answerId ? { answerId } : {}) };
}

/** The text that asks the same question again through the grammar (a string is asked as typed). */
export function commandText(input: string | Command): string {
  return typeof input === "string" ? input.trim() : grammarText(input);
}

/** Maps long queries to short keys; the oldest fall out past `capacity`. */
export class QueryRefs {
  private readonly entries = new Map<string, string | Command>();

  constructor(private readonly capacity = 1000) {}

  refFor(input: string | Command): string {
    const text = commandText(input);
    if (text.length + 1 <= MAX_REF && !text.includes("\n")) return `t${text}`;
    const key = createHash("sha256").update(text).digest("base64url").slice(0, 16);
    this.entries.delete(key);
    this.entries.set(key, input);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return `k${key}`;
  }

  /** What to ask again for a ref; undefined when the key has fallen out of memory. */
  resolve(ref: string): string | Command | undefined {
    if (ref.startsWith("t")) return ref.slice(1);
    if (!ref.startsWith("k")) return undefined;
    const hit = this.entries.get(ref.slice(1));
    if (hit !== undefined) {
      this.entries.delete(ref.slice(1));
      this.entries.set(ref.slice(1), hit);
    }
    return hit;
  }
}
