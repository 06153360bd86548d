import { readFileSync } from "node:fs";
import wordListPath from "word-list";

/**
 * Whether a word is an English word (`existing`, `replication`, `main`): such a word is what the
 * asker meant, never a typo to read as the closest word of the notes (`existing` is one swap from
 * `exits`, `replication` two edits from `replace`). The list is `word-list` (MIT, ~274,000 words,
 * 2.8 MB, one a line, nearly sorted). It is kept as its text, cut into runs of words sharing their
 * first two letters; a run becomes a Set the first time a word of it is asked. A Set of all its
 * words would cost ~40 MB and ~0.5 s; this reads the file in ~40 ms the first time a word the
 * notes don't know is close to one they do, then answers in well under a µs.
 */
let runs: Map<string, string> | undefined;
const sets = new Map<string, Set<string>>();

function load(): Map<string, string> {
  // word-list's entry point is the path of its words.txt (importing it reads nothing).
  const text = readFileSync(wordListPath, "utf8");
  const out = new Map<string, string>();
  let start = 0;
  let key = text.slice(0, 2);
  for (let at = 0; at <= text.length; ) {
    const end = text.indexOf("\n", at);
    const stop = end < 0 ? text.length : end;
    const prefix = text.slice(at, Math.min(at + 2, stop));
    if (prefix !== key || end < 0) {
      // A run ends where the first two letters change; the list's few words out of order join their run again.
      const run = end < 0 ? text.slice(start) : text.slice(start, at);
      out.set(key, (out.get(key) ?? "\n") + run + (run.endsWith("\n") ? "" : "\n"));
      start = at;
      key = prefix;
    }
    if (end < 0) break;
    at = end + 1;
  }
  return out;
}

export function isEnglishWord(word: string): boolean {
  if (!/^[a-z]+$/.test(word)) return false;
  runs ??= load();
  const key = word.slice(0, 2);
  let set = sets.get(key);
  if (!set) sets.set(key, (set = new Set((runs.get(key) ?? "").split("\n"))));
  return set.has(word);
}
