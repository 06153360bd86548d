import { LIMITS } from "./limits.js";

/**
 * Button custom ids carry the state needed to act on a click: `dn:<action>:<page>[.<answer id>]:<ref>`,
 * where ref is `t<query text>` when it fits in Discord's 100 characters (so buttons keep
 * working after a restart) and `k<key>` into the adapter's memory otherwise
 * (`adapters/discord/query-refs.ts`). The answer id (12 characters) joins a vote to its question
 * in the store; ids without it (older messages) still work. `why` is the 👎 modal's id.
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
/** Room left for the ref: `dn:share:999.<12-character answer id>:` is the longest head. */
export const MAX_REF = LIMITS.customId - `${PREFIX}:share:999.${"x".repeat(12)}:`.length;

export function encodeCustomId(state: ButtonState): string {
  const page = state.answerId && ANSWER_ID.test(state.answerId) ? `${state.page}.${state.answerId}` : `${state.page}`;
  const id = `${PREFIX}:${state.action}:${page}:${state.ref}`;
  if (id.length > LIMITS.customId) throw new Error(`custom_id over ${LIMITS.customId} chars: ${state.action}`);
  return id;
}

export function decodeCustomId(customId: string): ButtonState | undefined {
  const [prefix, action, pageField = "", ...rest] = customId.split(":");
  if (prefix !== PREFIX || !ACTIONS.includes(action as ButtonAction)) return undefined;
  const [page = "", answerId] = pageField.split(".");
  const n = Number(page);
  const ref = rest.join(":");
  if (page === "" || !Number.isInteger(n) || n < 0 || !ref) return undefined;
  if (answerId !== undefined && !ANSWER_ID.test(answerId)) return undefined;
  return { action: action as ButtonAction, page: n, ref, ...(answerId ? { answerId } : {}) };
}
