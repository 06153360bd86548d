import { type ConversationWords, loadConversationWords, normalize } from "./conversation-words.js";
import { outcomeOf } from "./outcome.js";
import type { Answer } from "./types.js";

/**
 * Answer channels (ANSWER_CHANNELS) answer every top-level question, so they must tell questions
 * from chatter first, without searching: a message that is only links, mentions, emoji and
 * punctuation, or only one of the chatter phrases of knowledge/follow-up.yml ("thanks!", "lol",
 * 收到), is never a question.
 */
export function isChatter(text: string, words: ConversationWords = loadConversationWords()): boolean {
  const bare = normalize(text)
    .replace(/\b(?:https?:\/\/|www\.)\S+/gu, " ")
    .replace(/<[@#!][^>]*>/gu, " ")
    // Pings are not words: "@everyone lol" is "lol".
    .replace(/@(?:everyone|here|channel)\b/gu, " ");
  // Nothing left that could name a topic: no letter, digit or Han character.
  if (!/[\p{L}\p{N}]/u.test(bare)) return true;
  const phrase = bare
    .replace(/[^\p{L}\p{N}\s+'-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (words.chatter.has(phrase)) return true;
  // "thanks a lot", "ok thanks", "haha nice": every word chatter.
  const parts = phrase.split(" ");
  return parts.length <= 4 && parts.every((p) => words.chatter.has(p) || /^(?:a|lot|so|much|very|all|guys)$/.test(p));
}

/** Only a confident answer is posted where nobody asked the bot: a closest match or a miss stays silent. */
export function isConfident(answer: Answer): boolean {
  return (answer.type === "sections" || answer.type === "compare") && outcomeOf(answer) === "answered";
}
