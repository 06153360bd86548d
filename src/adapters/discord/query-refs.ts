import { createHash } from "node:crypto";
import { commandText as grammarText } from "../../answer/parse-command.js";
import type { Command } from "../../answer/types.js";
import type { Logger } from "../../logger.js";
import { MAX_REF } from "../../render/discord/custom-id.js";

/** The text that asks the same question again through the grammar (a string is asked as typed). */
export function commandText(input: string | Command): string {
  return typeof input === "string" ? input.trim() : grammarText(input);
}

/** Where long questions are kept for every replica (the store's `query_refs`). */
export interface SharedRefs {
  save(key: string, text: string): Promise<void>;
  load(key: string): Promise<string | undefined>;
}

export interface QueryRefsOptions {
  /** Keys kept in memory (default 1000); the oldest fall out. */
  capacity?: number;
  /** With the store: a click on any replica (or after a restart) finds its question. */
  shared?: SharedRefs | undefined;
  /** How long a reply waits for its keys to be saved (default 2000 ms; then it goes anyway). */
  saveWaitMs?: number;
  logger?: Pick<Logger, "warn"> | undefined;
}

/**
 * Button state for questions too long for a custom id: maps them to short content-addressed keys
 * (the same question, the same key on every replica). Kept in memory (the oldest fall out past
 * `capacity`) and, with a store, saved there: `settled()` waits for those saves so a reply never
 * goes out with a button another replica could not resolve. The renderer only receives `refFor`;
 * one instance serves the gateway and the HTTP endpoint.
 */
export class QueryRefs {
  private readonly entries = new Map<string, string | Command>();
  private readonly pending = new Set<Promise<void>>();
  private readonly capacity: number;

  constructor(private readonly options: QueryRefsOptions = {}) {
    this.capacity = options.capacity ?? 1000;
  }

  refFor(input: string | Command): string {
    const text = commandText(input);
    if (text.length + 1 <= MAX_REF && !text.includes("\n")) return `t${text}`;
    const key = createHash("sha256").update(text).digest("base64url").slice(0, 16);
    const known = this.entries.has(key);
    this.remember(key, input);
    if (!known && this.options.shared) {
      const saving = this.options.shared.save(key, text).catch((err: unknown) => {
        // Answered anyway: the button works on this replica, perhaps not on another.
        this.options.logger?.warn({ err, key }, "could not save a button's question to the store");
      });
      this.pending.add(saving);
      void saving.finally(() => this.pending.delete(saving));
    }
    return `k${key}`;
  }

  /** Resolves when every key handed out so far is saved (or `saveWaitMs` has passed). */
  async settled(): Promise<void> {
    if (this.pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.pending),
      new Promise((resolve) => {
        timer = setTimeout(resolve, this.options.saveWaitMs ?? 2000);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  /** What to ask again for a ref, from memory only (log lines). */
  peek(ref: string): string | Command | undefined {
    if (ref.startsWith("t")) return ref.slice(1);
    return ref.startsWith("k") ? this.entries.get(ref.slice(1)) : undefined;
  }

  /** What to ask again for a ref; undefined when neither memory nor the store has the key. */
  async resolve(ref: string): Promise<string | Command | undefined> {
    if (ref.startsWith("t")) return ref.slice(1);
    if (!ref.startsWith("k")) return undefined;
    const key = ref.slice(1);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.remember(key, hit);
      return hit;
    }
    const stored = await this.options.shared?.load(key).catch((err: unknown) => {
      this.options.logger?.warn({ err, key }, "could not read a button's question from the store");
      return undefined;
    });
    if (stored !== undefined) this.remember(key, stored);
    return stored;
  }

  private remember(key: string, input: string | Command): void {
    this.entries.delete(key);
    this.entries.set(key, input);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
