import { stemmer } from "stemmer";
import type { FlagTable } from "../knowledge/flag-table.js";
import { type CjkSegmenter, type CjkSegmenterName, createCjkSegmenter } from "./segment-cjk.js";
import { toSimplified } from "./to-simplified.js";

/** Text as it is matched: compatibility forms folded (full-width letters, ①), Traditional Chinese as Simplified, lower case. */
export function normalize(text: string): string {
  return toSimplified(text.normalize("NFKC")).toLowerCase();
}

/**
 * Text → index terms, the same way for documents and queries:
 * - docker flags stay whole (`--restart`, `-it`, `-e`); a known flag also yields its aliases
 *   (`-e` → `--env`) and combined short flags their letters (`-it` → `-i`, `-t`);
 * - Chinese runs are segmented into words;
 * - other words are lower-cased, split at punctuation and stemmed; stop words and lone Latin
 *   letters are dropped (a single letter would prefix-match half the corpus);
 * - `docker <word>` also yields the command's own term (`docker_ps`), for documents (`terms`).
 */
export interface Analyzer {
  segmenter: CjkSegmenter;
  /** Terms in reading order (with repeats): for phrase matching and document indexing. */
  terms(text: string): string[];
  /** One word or phrase of the glossary as terms (no flag aliases), for matching term sequences. */
  phrase(text: string): string[];
  isStopword(term: string): boolean;
}

export interface AnalyzerOptions {
  flags: FlagTable;
  stopwords: Set<string>;
  /** A segmenter by name, or one already made (the snapshot's vocabulary). */
  segmenter?: CjkSegmenterName | CjkSegmenter;
  /** Words the Chinese segmenter must keep whole (glossary terms). */
  dictionary?: string[];
}

// Flags: `--long-name`, `-x`, `-xyz` (combined short flags), not inside a word (`docker-compose`).
const TOKEN = /(?<![\p{L}\p{N}_-])(--?[a-zA-Z][a-zA-Z0-9-]*)|(\p{Script=Han}+)|([\p{L}\p{N}_]+(?:['’][\p{L}]+)?)/gu;

export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const { flags, stopwords } = options;
  const segmenter =
    typeof options.segmenter === "object"
      ? options.segmenter
      : createCjkSegmenter(options.segmenter ?? "jieba", options.dictionary ?? []);
  const stemCache = new Map<string, string>();
  const stem = (w: string): string => {
    let s = stemCache.get(w);
    if (s === undefined) {
      s = /^[a-z]+$/.test(w) ? stemmer(w) : w;
      if (stemCache.size > 50_000) stemCache.clear();
      stemCache.set(w, s);
    }
    return s;
  };
  const isStopword = (t: string) => stopwords.has(t);
  // The dictionary segmenter is the costliest step of analysis: a run of Chinese text is
  // segmented once, however often it is analysed again (document fields, ranking, headings, queries).
  const segmentCache = new Map<string, string[]>();
  const segment = (run: string): string[] => {
    let words = segmentCache.get(run);
    if (words === undefined) {
      words = segmenter.segment(run).filter((w) => w.trim() && !isStopword(w));
      if (segmentCache.size > 50_000) segmentCache.clear();
      segmentCache.set(run, words);
    }
    return words;
  };

  const run = (text: string, withAliases: boolean): string[] => {
    const out: string[] = [];
    const normalized = toSimplified(text.normalize("NFKC"));
    let dockerEnd = -1;
    for (const m of normalized.matchAll(TOKEN)) {
      if (m[1]) {
        const flag = m[1].startsWith("--") ? m[1].toLowerCase().replace(/-+$/, "") : m[1].replace(/-+$/, "");
        if (flag.length < 2 || flag === "--") continue;
        out.push(flag);
        if (withAliases) out.push(...flagVariants(flag, flags));
      } else if (m[2]) {
        for (const w of segment(m[2])) out.push(w);
      } else if (m[3]) {
        const word = m[3].toLowerCase().replace(/['’].*$/, "");
        if (word.length < 2 && !/\d/.test(word)) continue;
        if (isStopword(word)) continue;
        const s = stem(word);
        if (!isStopword(s)) out.push(s);
        // `docker ps`, `docker cp`: a command is a term of its own, so a section about `docker run`
        // is not taken for one about `docker cp` because both say `docker` and copy files.
        if (withAliases && dockerEnd >= 0 && /^[ \t]+$/.test(normalized.slice(dockerEnd, m.index)))
          out.push(commandTerm(s));
        dockerEnd = word === "docker" ? m.index + m[0].length : -1;
        continue;
      }
      dockerEnd = -1;
    }
    return out;
  };

  return { segmenter, terms: (text) => run(text, true), phrase: (text) => run(text, false), isStopword };
}

/** The index term of the docker command `docker <word>` (the word analysed). */
export function commandTerm(word: string): string {
  return `docker_${word}`;
}

/** `-e` → `--env`; `--env` → `-e`; `-it` → `-i`, `-t`, `--interactive`, `--tty`. */
export function flagVariants(flag: string, flags: FlagTable): string[] {
  const aliases = flags.aliases(flag).slice(1);
  if (aliases.length || flags.isKnown(flag)) return aliases;
  if (/^-[a-zA-Z]{2,4}$/.test(flag)) {
    const letters = [...flag.slice(1)].map((c) => "-" + c);
    if (letters.every((l) => flags.byShort.has(l))) return letters.flatMap((l) => [l, ...flags.aliases(l).slice(1)]);
  }
  return [];
}
