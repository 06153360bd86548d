import type { webApi } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import { decodeActionValue } from "../../render/slack/index.js";
import { slackTextToPlain } from "./slack-text.js";

/**
 * A thread's context is read back from the thread itself, never from this process's memory, so
 * any replica answers a follow-up the same way: every answer the bot posts in a channel or thread
 * carries Slack message metadata naming the question it answered, and `conversations.replies`
 * (with `include_all_metadata`) gives it back. Buttons' values (which carry the question too)
 * are the fallback for answers posted before the metadata existed.
 */
export const ANSWER_EVENT = "docker_notes_answer";

export interface AnswerTopic {
  /** The question the answer was for (what a follow-up is read with). */
  q: string;
  /** The answer's id. */
  a?: string | undefined;
}

/** Slack's `metadata` argument for a posted answer. */
export function answerMetadata(topic: AnswerTopic): { event_type: string; event_payload: Record<string, string> } {
  return {
    event_type: ANSWER_EVENT,
    event_payload: { q: topic.q.slice(0, 500), ...(topic.a ? { a: topic.a } : {}) },
  };
}

interface ThreadMessage {
  user?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  blocks?: Array<{ elements?: Array<{ value?: string }> }>;
}

/** Who the bot is, as Bolt's context knows it (auth.test). */
export interface BotIdentity {
  botId?: string | undefined;
  botUserId?: string | undefined;
}

/** Threads longer than this many pages of replies are read only that far (the oldest answers). */
const MAX_PAGES = 3;

/**
 * The question of this bot's latest answer in the thread, or undefined when it never answered
 * there (or the thread can't be read: no `channels:history`, a deleted thread; logged).
 */
export async function threadTopic(
  client: webApi.WebClient,
  where: { channel: string; threadTs: string },
  me: BotIdentity,
  log: Logger,
): Promise<string | undefined> {
  const messages: ThreadMessage[] = [];
  try {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await client.conversations.replies({
        channel: where.channel,
        ts: where.threadTs,
        include_all_metadata: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      messages.push(...((res.messages ?? []) as ThreadMessage[]));
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
  } catch (err) {
    log.warn({ err, channel: where.channel }, "could not read the thread (conversations.replies); answered without it");
    return undefined;
  }
  const mine = (m: ThreadMessage) =>
    (me.botId !== undefined && m.bot_id === me.botId) || (me.botUserId !== undefined && m.user === me.botUserId);
  for (const m of messages.reverse()) {
    if (!mine(m)) continue;
    const payload = m.metadata?.event_type === ANSWER_EVENT ? m.metadata.event_payload : undefined;
    // Read as what a user typed: whatever markup a message holds (`<!channel>`) is not a topic.
    if (typeof payload?.q === "string" && slackTextToPlain(payload.q)) return slackTextToPlain(payload.q);
    for (const block of m.blocks ?? [])
      for (const element of block.elements ?? []) {
        const q = decodeActionValue(element.value)?.q.trim();
        if (q) return q;
      }
  }
  return undefined;
}
