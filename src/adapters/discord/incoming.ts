import type { Choice } from "../../answer/bot.js";
import { boundInput } from "../../answer/parse-command.js";
import type { DiscordMessage, DiscordModal } from "../../render/discord/index.js";

/**
 * What arrived, whether over the gateway (discord.js) or the HTTP endpoint (raw JSON): both
 * transports convert to this and share one handler (`handlers.ts`).
 */
export type Incoming =
  | {
      kind: "command";
      userId: string;
      locale?: string;
      subcommand: string;
      options: Record<string, string | number | boolean>;
      /** `docker` (the default) or `docker-admin`. */
      command?: string;
      /** The member's permissions in the channel (a decimal bitfield), for admin commands. */
      permissions?: string;
    }
  | {
      kind: "autocomplete";
      subcommand: string;
      focused: { name: string; value: string };
      userId?: string;
      locale?: string;
    }
  | { kind: "component"; userId: string; locale?: string; customId: string; messageEphemeral: boolean }
  /** A submitted modal (the 👎 "what were you looking for?"): its text inputs by custom id. */
  | { kind: "modal"; userId: string; locale?: string; customId: string; fields: Record<string, string> }
  /**
   * A message that mentions the bot, or a DM (gateway only); `followup`: a reply to the bot's
   * message (with `topic`, the question that message answered, read back from the messages);
   * `channel`: a top-level message in an answer channel (ANSWER_CHANNELS).
   */
  | {
      kind: "message";
      userId: string;
      surface: "mention" | "dm" | "followup" | "channel";
      text: string;
      messageId: string;
      channelId: string;
      topic?: string;
    }
  /** "Ask the notes" (the message context-menu command) on a message: its content is the question. */
  | { kind: "context"; userId: string; locale?: string; messageId: string; channelId: string; text: string };

/**
 * How the handler answers; the gateway maps it to discord.js calls, HTTP to response JSON, a
 * message to a reply.
 */
export interface Responder {
  /** True once the first response (reply, update, defer or choices) went out. */
  readonly responded: boolean;
  /** A new message (callback type 4; a reply to a message). */
  reply(message: DiscordMessage, ephemeral: boolean): Promise<void>;
  /** Replace the message the clicked button is on (type 7). */
  update(message: DiscordMessage): Promise<void>;
  /** "Thinking…" for a slow answer (type 5, or 6 before an update). */
  defer(ephemeral: boolean, forUpdate: boolean): Promise<void>;
  /** Fill in the deferred (or replace the first) response. */
  edit(message: DiscordMessage): Promise<void>;
  /** Autocomplete choices (type 8). */
  choices(choices: Choice[]): Promise<void>;
  /** Delete the message the clicked button is on (the asker's Delete on a public answer). */
  remove(): Promise<void>;
  /** A modal in answer to a button (type 9). */
  modal(modal: DiscordModal): Promise<void>;
  /**
   * Posts `message` in the interaction's channel as a reply to `messageId` (Share on an "Ask the
   * notes" answer); absent where the bot can't post on its own (the HTTP endpoint has no token).
   */
  replyTo?(messageId: string, message: DiscordMessage): Promise<void>;
}

export const EPHEMERAL = 64;

/** Discord's own limit for names and custom ids: anything longer did not come from Discord. */
const MAX_ID = 100;

/**
 * Applied by both transports as they convert: every string the user controls is cut by
 * `boundInput` (ids to Discord's 100 characters) before any handler logs or parses it.
 */
export function boundIncoming(incoming: Incoming): Incoming {
  switch (incoming.kind) {
    case "command":
      return {
        ...incoming,
        subcommand: incoming.subcommand.slice(0, MAX_ID),
        options: Object.fromEntries(
          Object.entries(incoming.options).map(([k, v]) => [
            k.slice(0, MAX_ID),
            typeof v === "string" ? boundInput(v) : v,
          ]),
        ),
      };
    case "autocomplete":
      return {
        ...incoming,
        subcommand: incoming.subcommand.slice(0, MAX_ID),
        focused: { name: incoming.focused.name.slice(0, MAX_ID), value: boundInput(incoming.focused.value) },
      };
    case "component":
      return { ...incoming, customId: incoming.customId.slice(0, MAX_ID) };
    case "modal":
      return {
        ...incoming,
        customId: incoming.customId.slice(0, MAX_ID),
        fields: Object.fromEntries(
          Object.entries(incoming.fields).map(([k, v]) => [k.slice(0, MAX_ID), boundInput(v)]),
        ),
      };
    case "message":
      return {
        ...incoming,
        text: boundInput(incoming.text),
        ...(incoming.topic ? { topic: boundInput(incoming.topic) } : {}),
      };
    case "context":
      return { ...incoming, text: boundInput(incoming.text) };
  }
}
