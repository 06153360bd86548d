import { LIMITS } from "./limits.js";

/**
 * Button custom ids carry the state needed to act on a click: `dn:<action>:<page>:<ref>`,
 * where ref is `t<query text>` when it fits in Discord's 100 characters (so buttons keep
 * working after a restart) and `k<key>` into the adapter's memory otherwise
 * (`adapters/discord/query-refs.ts`).
 */
export type ButtonAction = "share" | "next" | "ex" | "up" | "down" | "ask";

export interface ButtonState {
  action: ButtonAction;
  page: number;
  ref: string;
}

const PREFIX = "dn";
const ACTIONS: readonly ButtonAction[] = ["share", "next", "ex", "up", "down", "ask"];
/** Room left for the ref: `dn:share:999:` is the longest head. */
export const MAX_REF = LIMITS.customId - `${PREFIX}:share:999:`.length;

export function encodeCustomId(state: ButtonState): string {
  const id = `${PREFIX}:${state.action}:${state.page}:${state.ref}`;
  if (id.length > LIMITS.customId) throw new Error(`custom_id over ${LIMITS.customId} chars: ${state.action}`);
  return id;
}

export function decodeCustomId(customId: string): ButtonState | undefined {
  const [prefix, action, page, ...rest] = customId.split(":");
  if (prefix !== PREFIX || !ACTIONS.includes(action as ButtonAction)) return undefined;
  const n = Number(page);
  const ref = rest.join(":");
  if (!Number.isInteger(n) || n < 0 || !ref) return undefined;
  return { action: action as ButtonAction, page: n, ref };
}
