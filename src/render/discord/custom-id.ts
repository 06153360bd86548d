import { LIMITS } from "./limits.js";

/**
 * Button custom ids carry everything a click needs, so any process can act on it (replicas, a
 * restart): `dn:<action>:<page>[.<answer id>][:@<owner>]:<ref>`.
 * - `ref` is `t<query text>` when it fits in Discord's 100 characters, else `k<key>` into the
 *   adapter's `QueryRefs` (`adapters/discord/query-refs.ts`): the one piece of button state kept
 *   in memory, for questions longer than about 60 characters.
 * - The answer id (12 characters) joins a vote to its question in the store; ids without it
 *   (older messages) still work. `why` is the 👎 modal's id.
 * - `owner` (base 36 of the user id) is set on public answers: only that user pages, changes or
 *   deletes the message; anyone else gets a private copy.
 * - `replyTo` (`^<base 36 of a message id>`, in the owner's place: an "Ask the notes" answer is
 *   private, so it has no owner) is the message Share replies to.
 */
export type ButtonAction = "share" | "next" | "ex" | "full" | "up" | "down" | "ask" | "page" | "del" | "why";

export interface ButtonState {
  action: ButtonAction;
  page: number;
  ref: string;
  answerId?: string;
  /** The Discord user id of who asked (or shared) a public answer. */
  owner?: string;
  /** The message Share replies to (an "Ask the notes" answer). */
  replyTo?: string;
}

const PREFIX = "dn";
const ACTIONS: readonly ButtonAction[] = ["share", "next", "ex", "full", "up", "down", "ask", "page", "del", "why"];
const ANSWER_ID = /^[A-Za-z0-9_-]{12}$/;
/** Room left for the ref: `dn:share:999.<12-character answer id>:@<13 base-36 digits>:` is the longest head. */
export const MAX_REF = LIMITS.customId - `${PREFIX}:share:999.${"x".repeat(12)}:@${"z".repeat(13)}:`.length;

export function encodeCustomId(state: ButtonState): string {
  const page = state.answerId && ANSWER_ID.test(state.answerId) ? `${state.page}.${state.answerId}` : `${state.page}`;
  const owner =
    state.owner && isSnowflake(state.owner)
      ? `@${BigInt(state.owner).toString(36)}:`
      : state.replyTo && isSnowflake(state.replyTo)
        ? `^${BigInt(state.replyTo).toString(36)}:`
        : "";
  const id = `${PREFIX}:${state.action}:${page}:${owner}${state.ref}`;
  if (id.length > LIMITS.customId) throw new Error(`custom_id over ${LIMITS.customId} chars: ${state.action}`);
  return id;
}

export function decodeCustomId(customId: string): ButtonState | undefined {
  const [prefix, action, pageField = "", ...rest] = customId.split(":");
  if (prefix !== PREFIX || !ACTIONS.includes(action as ButtonAction)) return undefined;
  const [page = "", answerId] = pageField.split(".");
  const n = Number(page);
  let owner: string | undefined;
  let replyTo: string | undefined;
  if (rest[0]?.startsWith("@")) {
    owner = fromBase36(rest.shift()!.slice(1));
    if (!owner) return undefined;
  } else if (rest[0]?.startsWith("^")) {
    replyTo = fromBase36(rest.shift()!.slice(1));
    if (!replyTo) return undefined;
  }
  const ref = rest.join(":");
  if (page === "" || !Number.isInteger(n) || n < 0 || !ref) return undefined;
  if (answerId !== undefined && !ANSWER_ID.test(answerId)) return undefined;
  return {
    action: action as ButtonAction,
    page: n,
    ref,
    ...(answerId ? { answerId } : {}),
    ...(owner ? { owner } : {}),
    ...(replyTo ? { replyTo } : {}),
  };
}

/** A Discord snowflake is at most 20 decimal digits; anything else is not a user id we wrote. */
function fromBase36(text: string): string | undefined {
  if (!/^[0-9a-z]{1,13}$/.test(text)) return undefined;
  let n = 0n;
  for (const c of text) n = n * 36n + BigInt(Number.parseInt(c, 36));
  const id = n.toString();
  return id.length <= 20 ? id : undefined;
}

/** Discord user ids (snowflakes): digits only. */
export function isSnowflake(id: string | undefined): id is string {
  return typeof id === "string" && /^\d{1,20}$/.test(id);
}
