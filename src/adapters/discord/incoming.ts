import type { Choice } from "../../answer/bot.js";
import type { DiscordMessage, DiscordModal } from "../../render/discord/index.js";

/**
 * An interaction as the handlers see it, whether it came over the gateway (discord.js) or the
 * HTTP endpoint (raw JSON): both transports convert to this and share one set of handlers.
 */
export type Incoming =
  | {
      kind: "command";
      userId: string;
      subcommand: string;
      options: Record<string, string | number | boolean>;
      /** `docker` (default) or `docker-admin`. */
      command?: string;
      /** The user's client locale (`zh-CN`, `en-US`). */
      locale?: string;
      /** The member's permissions in the channel (a decimal bitfield), for admin commands. */
      permissions?: string;
    }
  | { kind: "autocomplete"; subcommand: string; focused: { name: string; value: string }; userId?: string }
  | { kind: "component"; userId: string; customId: string; messageEphemeral: boolean }
  /** A submitted modal (the 👎 "what were you looking for?"): its text inputs by custom id. */
  | { kind: "modal"; userId: string; customId: string; fields: Record<string, string> };

/** How a handler answers; the gateway maps it to discord.js calls, HTTP to response JSON. */
export interface Responder {
  /** True once the first response (reply, update, defer or choices) went out. */
  readonly responded: boolean;
  /** A new message (callback type 4). */
  reply(message: DiscordMessage, ephemeral: boolean): Promise<void>;
  /** Replace the message the clicked button is on (type 7). */
  update(message: DiscordMessage): Promise<void>;
  /** "Thinking…" for a slow answer (type 5, or 6 before an update). */
  defer(ephemeral: boolean, forUpdate: boolean): Promise<void>;
  /** Fill in the deferred (or replace the first) response. */
  edit(message: DiscordMessage): Promise<void>;
  /** Autocomplete choices (type 8). */
  choices(choices: Choice[]): Promise<void>;
  /** A modal in answer to a button (type 9). */
  modal(modal: DiscordModal): Promise<void>;
}

export const EPHEMERAL = 64;
