import { createRequire } from "node:module";

/**
 * Chinese word segmentation. `jieba` (a dictionary segmenter) is the default: measured on the
 * dev set it beats `Intl.Segmenter` (which splits 镜像/重启/构建 into single characters on ICU
 * builds without a CJK dictionary) and character bigrams (docs/SEGMENTATION.md has the numbers).
 */
export type CjkSegmenterName = "jieba" | "intl" | "bigram";

export interface CjkSegmenter {
  name: CjkSegmenterName | "vocabulary";
  /** Words of a run of CJK text, finest useful granularity (search mode). */
  segment(run: string): string[];
}

const require = createRequire(import.meta.url);

interface JiebaInstance {
  cutForSearch(text: string, hmm?: boolean): string[];
  loadDict(dict: Uint8Array): void;
}

let jiebaBase: { Jieba: { withDict(dict: Uint8Array): JiebaInstance }; dict: Uint8Array } | undefined;

/** Whether this process has loaded jieba's dictionary (tests: notes in English never need it). */
export function jiebaLoaded(): boolean {
  return jiebaBase !== undefined;
}

/** `extraWords` (glossary terms) are added to the dictionary so 写时复制 or 工作目录 stay whole. */
export function createCjkSegmenter(name: CjkSegmenterName, extraWords: string[] = []): CjkSegmenter {
  if (name === "jieba") {
    // Loaded at the first Chinese run, not before: notes written in English never need the
    // dictionary (~50 MB of native memory and ~200 ms at every ingest and reload worker start).
    let jieba: JiebaInstance | undefined;
    const load = (): JiebaInstance => {
      jiebaBase ??= {
        Jieba: (require("@node-rs/jieba") as { Jieba: { withDict(dict: Uint8Array): JiebaInstance } }).Jieba,
        dict: (require("@node-rs/jieba/dict.js") as { dict: Uint8Array }).dict,
      };
      const loaded = jiebaBase.Jieba.withDict(jiebaBase.dict);
      const words = extraWords.filter((w) => /\p{Script=Han}/u.test(w) && !/\s/.test(w));
      if (words.length) loaded.loadDict(Buffer.from(words.map((w) => `${w} 100000 n`).join("\n"), "utf8"));
      return loaded;
    };
    return { name, segment: (run) => (jieba ??= load()).cutForSearch(run, true) };
  }
  if (name === "intl") {
    const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
    return { name, segment: (run) => [...segmenter.segment(run)].filter((s) => s.isWordLike).map((s) => s.segment) };
  }
  return {
    name,
    segment: (run) => {
      const chars = [...run];
      if (chars.length < 2) return chars;
      const out: string[] = [];
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
      return out;
    },
  };
}

/**
 * Longest-match segmentation against the words an index already holds (and the glossary's).
 * A bot that loads its index from a snapshot segments only questions, and a question's words
 * can only match words the documents were indexed with; so the index's own Chinese vocabulary
 * segments them consistently, without loading jieba (~65 MB of native dictionary, ~300 ms).
 * Characters of words the index doesn't know stay together, as one unknown word.
 */
export function createVocabularySegmenter(
  vocabulary: Iterable<string>,
  standalone: Iterable<string> = [],
): CjkSegmenter {
  // Single characters that are words by themselves (glossary terms such as 层 or 卷, stop words
  // such as 的): any other lone character the index holds is only a piece of a word it lacks
  // (时区 → 时, 区 in the index), and stays glued to its unknown neighbours.
  const single = new Set([...standalone].filter((w) => [...w].length === 1));
  const words = new Set<string>();
  let longest = 1;
  for (const w of vocabulary) {
    if (!/^\p{Script=Han}+$/u.test(w)) continue;
    words.add(w);
    longest = Math.max(longest, [...w].length);
  }
  return {
    name: "vocabulary",
    segment(run) {
      const chars = [...run];
      const out: string[] = [];
      let unknown = "";
      for (let i = 0; i < chars.length; ) {
        let n = Math.min(longest, chars.length - i);
        while (n > 1 && !words.has(chars.slice(i, i + n).join(""))) n--;
        const word = chars.slice(i, i + n).join("");
        // Characters of no known word stay together: 反向代理 is one word the notes lack (and
        // makes the bot abstain), not four characters to drop.
        if (n === 1 && (!words.has(word) || !single.has(word))) {
          unknown += word;
          i += 1;
          continue;
        }
        if (unknown) out.push(unknown);
        unknown = "";
        out.push(word);
        // Like search-mode segmentation, a long word also yields its known two-character parts.
        if (n > 2)
          for (let k = i; k + 2 <= i + n; k++)
            if (words.has(chars[k]! + chars[k + 1]!)) out.push(chars[k]! + chars[k + 1]!);
        i += n;
      }
      if (unknown) out.push(unknown);
      return out;
    },
  };
}
