import { createHash } from "node:crypto";
import { commandText as grammarText } from "../../answer/parse-command.js";
import type { Command } from "../../answer/types.js";
import { MAX_REF } from "../../render/discord/custom-id.js";

/** The text that asks the same question again through the grammar (a string is asked as typed). */
export function commandText(input: string | Command): string {
  return typeof input === "string" ? input.trim() : grammarText(input);
}

/**
 * Button state for questions too long for a custom id: maps them to short keys; the oldest fall
 * out past `capacity`. State held by the adapter (the renderer only receives `refFor`); one
 * instance serves the gateway and the HTTP endpoint.
 */
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
