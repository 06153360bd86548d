import type { Locale } from "../../render/i18n/locale.js";
import type { SlackMessage } from "../../render/slack/index.js";
import type { AnswerTopic } from "./thread-context.js";

/**
 * What arrived from Slack, whatever Bolt listener received it: the slash command, a mention or
 * DM, a button click. `bolt-listeners.ts` makes these from Bolt's payloads; `handlers.ts` answers
 * them, the way the Discord adapter answers its `Incoming`.
 */
export type SlackIncoming =
  | { kind: "slash"; userId: string; channelId: string; text: string; command: string; locale: Locale }
  | {
      kind: "message";
      /**
       * `followup`: a reply in a thread where the bot answered (with `topic`, read from the
       * thread); `channel`: a top-level message in an answer channel (ANSWER_CHANNELS).
       */
      surface: "mention" | "dm" | "followup" | "channel";
      userId: string | undefined;
      channelId: string;
      text: string;
      locale: Locale;
      /** The thread's question (`thread-context.ts`), for a follow-up. */
      topic?: string;
    }
  /** "Ask the notes" (a message shortcut) on someone's message: its text is the question. */
  | {
      kind: "shortcut";
      userId: string;
      channelId: string;
      text: string;
      /** Where Share posts: the message's thread (or the thread it starts). */
      threadTs: string;
      locale: Locale;
    }
  | {
      kind: "click";
      userId: string;
      channelId: string | undefined;
      actionId: string;
      value: string | undefined;
      /** The message the button is on is private (an ephemeral answer). */
      ephemeral: boolean;
      /** Lets the click open a modal (the 👎 "what were you looking for?"), for 3 seconds. */
      triggerId?: string;
    };

/** A Slack reply, delivered by the replier of the incoming's kind (`bolt-listeners.ts`). */
export interface SlackReply {
  message: SlackMessage;
  /** Only the asker sees it (ephemeral), or everyone in the channel or thread. */
  audience: "private" | "public";
  /** Clicks: replace the message the button is on instead of adding one. */
  replace?: boolean;
  /** Share: post for everyone (as the bot when the response_url is used up), then remove the private copy. */
  share?: boolean;
  /** Clicks: remove the message the button is on (the asker's Delete). */
  remove?: boolean;
  /** Share into this thread (an "Ask the notes" answer goes under the message asked about). */
  thread?: string;
  /** The question a public answer is for: posted as message metadata, read back by follow-ups. */
  topic?: AnswerTopic;
}
