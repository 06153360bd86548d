import { type ConversationWords, loadConversationWords, normalize } from "./conversation-words.js";
import { outcomeOf } from "./outcome.js";
import type { Answer } from "./types.js";

/**
 * A reply in a thread where the bot answered: asked alone, or with the thread's question.
 * - A reply that leans on the thread ("what about with compose?", 那 compose 呢) is read with the
 *   thread's question (`--restart compose`) whenever that finds something.
 * - Otherwise a reply the notes answer confidently on its own is a new topic, and wins.
 * - Otherwise (weak or nothing alone) the combined question is used when it finds more.
 * `probe` answers without recording; the adapter then asks the chosen text once, for real.
 */
export interface FollowUpChoice {
  /** The text to ask. */
  input: string;
  /** The thread's question it was read with (what the answer says it used); none when asked alone. */
  context?: string;
}

export type Probe = (text: string) => Promise<Answer>;

/** How strong an answer is: confident, a closest match, or nothing. */
function strength(answer: Answer): number {
  switch (outcomeOf(answer)) {
    case "answered":
      return 2;
    case "closest":
      return 1;
    case "nothing":
    case "invalid":
      return 0;
  }
}

export async function chooseFollowUp(
  probe: Probe,
  topic: string,
  reply: string,
  words: ConversationWords = loadConversationWords(),
): Promise<FollowUpChoice> {
  const { rest, leaning } = splitContinuation(reply, words);
  const subject = topicOf(topic);
  if (!subject) return { input: reply };
  const combined = `${subject} ${rest}`.trim();
  const alone = leaning && rest === "" ? undefined : await probe(reply);
  if (!leaning && alone && strength(alone) === 2) return { input: reply };
  const together = await probe(combined);
  const better = strength(together) > 0 && (leaning || !alone || strength(together) > strength(alone));
  return better ? { input: combined, context: subject } : { input: reply };
}

/** The reply without its leaning opening ("what about", 那…呢), and whether it had one. */
export function splitContinuation(reply: string, words: ConversationWords): { rest: string; leaning: boolean } {
  const text = normalize(reply).replace(/[?？!！。.,，]+$/u, "");
  let rest = text;
  let leaning = false;
  // 呢 at the end asks "and what about…" in Chinese whatever the opening.
  if (/呢$/u.test(rest)) {
    rest = rest.replace(/呢$/u, "").trim();
    leaning = true;
  }
  // Openings stack ("and what about with compose"): strip them one after another.
  for (let found = true; found; ) {
    found = false;
    for (const phrase of words.continuation) {
      if (!rest.startsWith(phrase)) continue;
      const after = rest.slice(phrase.length);
      // Latin phrases end at a word boundary ("and" is not the start of "android").
      if (!/\p{Script=Han}/u.test(phrase) && after !== "" && /^[\p{L}\p{N}_-]/u.test(after)) continue;
      rest = after.replace(/^[\s,，:：]+/u, "").trim();
      leaning = found = true;
      break;
    }
  }
  return { rest, leaning };
}

/** The thread's question without its command word (`explain --restart` → `--restart`). */
export function topicOf(question: string): string {
  return question
    .trim()
    .replace(/^\/?docker\s+/i, "")
    .replace(/^(?:explain|search|examples)\s+/i, "")
    .trim()
    .slice(0, 200);
}
