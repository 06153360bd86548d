import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { languageFile } from "../search/language-data.js";

/**
 * The phrasing the bot reads outside commands (knowledge/follow-up.yml): the openings that make a
 * thread reply lean on the thread's question ("what about…", 那…呢), and the chatter an answer
 * channel never answers ("thanks!", "lol"). Normalised (NFKC, lower case), longest first.
 */
export interface ConversationWords {
  continuation: string[];
  chatter: Set<string>;
}

let cached: ConversationWords | undefined;

export function loadConversationWords(file = languageFile("follow-up.yml")): ConversationWords {
  if (cached && file === languageFile("follow-up.yml")) return cached;
  const raw = parseYaml(readFileSync(file, "utf8")) as {
    continuation?: { en?: unknown[]; zh?: unknown[] };
    chatter?: { en?: unknown[]; zh?: unknown[] };
  };
  const list = (group: { en?: unknown[]; zh?: unknown[] } | undefined) =>
    [...(group?.en ?? []), ...(group?.zh ?? [])].map((w) => normalize(String(w))).filter(Boolean);
  const words: ConversationWords = {
    continuation: list(raw.continuation).sort((a, b) => b.length - a.length),
    chatter: new Set(list(raw.chatter)),
  };
  if (words.continuation.length === 0) throw new Error(`${file}: expected continuation.en / continuation.zh lists`);
  if (file === languageFile("follow-up.yml")) cached = words;
  return words;
}

export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}
