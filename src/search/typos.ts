/**
 * Typo tolerance: a flag or an English word no section contains is read as the closest one the
 * notes (or the flag table, or the glossary) know, by Damerau–Levenshtein distance:
 * - words: 1 edit from 5 letters, 2 from 9; shorter words are never corrected (`ram`, `tls`, `pod`
 *   are words, not typos); the first letter must match (typos rarely hit it, and it keeps the
 *   search to one small bucket of the vocabulary);
 * - flags: the same on the name after the dashes, from 4 letters (`--netwrok` → `--network`).
 * The closest wins, then the one more sections hold. A correction only makes the question the one
 * spelled right: it can never answer what the correctly spelled question would not.
 */
export interface TypoVocabulary {
  /** Every known term (index terms, glossary words, flag names) with how many sections hold it. */
  terms: Iterable<[term: string, df: number]>;
}

export interface TypoCorrector {
  /** The known term closest to an unknown analysed word (a stem), if close enough. */
  word(term: string): string | undefined;
  /** The known flag closest to an unknown flag (`--netwrok` → `--network`), if close enough. */
  flag(flag: string): string | undefined;
  /**
   * A run of Chinese with one mistyped character (端口影射, 環境變術 → 环境变术): the known word of
   * four or more characters it differs from by that one character, which must be one the notes
   * don't know there (`unknownAt`; never a particle). Returns the run with such words replaced, and what was replaced.
   */
  han(run: string, unknownAt: (index: number) => boolean): { run: string; fixes: { from: string; to: string }[] };
}

export const MIN_WORD_LENGTH = 5;
/** Below this length only substitutions and swaps are read as typos, not letters added or dropped. */
const MIN_INDEL_LENGTH = 6;
/**
 * Chinese words this long and longer may be corrected (one character): in shorter windows a
 * particle next to a word (服务外, 主机吗) looks like a typo of a longer word (服务器, 主机名).
 */
const MIN_HAN_WORD = 4;
const MAX_HAN_WORD = 6;
const TWO_EDITS_FROM = 9;
const MIN_FLAG_NAME = 4;

export function createTypoCorrector(vocabulary: () => TypoVocabulary): TypoCorrector {
  let buckets: Map<string, [string, number][]> | undefined;
  const bucketsOf = () => {
    if (!buckets) {
      buckets = new Map();
      const best = new Map<string, number>();
      for (const [term, df] of vocabulary().terms) {
        if (!/^(?:--?)?[a-z][a-z0-9-]+$/.test(term) && !HAN_WORD.test(term)) continue;
        best.set(term, Math.max(df, best.get(term) ?? 0));
      }
      for (const [term, df] of best) {
        const key = HAN_WORD.test(term) ? hanKey(term[0]!, [...term].length) : bucketKey(term);
        const list = buckets.get(key) ?? [];
        list.push([term, df]);
        buckets.set(key, list);
      }
    }
    return buckets;
  };
  const closest = (term: string, tolerance: number): string | undefined => {
    let found: string | undefined;
    let foundDistance = tolerance + 1;
    let foundDf = -1;
    for (const [candidate, df] of bucketsOf().get(bucketKey(term)) ?? []) {
      if (Math.abs(candidate.length - term.length) > tolerance || candidate === term) continue;
      // A letter added or dropped in a five-letter word makes another word (`exist` → `exit`).
      if (term.length < MIN_INDEL_LENGTH && candidate.length !== term.length) continue;
      const d = distance(term, candidate, tolerance);
      if (d < foundDistance || (d === foundDistance && df > foundDf)) {
        found = candidate;
        foundDistance = d;
        foundDf = df;
      }
    }
    return foundDistance <= tolerance ? found : undefined;
  };
  return {
    word(term) {
      if (!/^[a-z]+$/.test(term)) return undefined;
      // Four letters: only two neighbours swapped (`exce` → `exec`); any other edit of so short a
      // word makes another word (`mout` is not surely `mount`).
      if (term.length === MIN_WORD_LENGTH - 1) return swapped(term, bucketsOf().get(bucketKey(term)) ?? []);
      if (term.length < MIN_WORD_LENGTH) return undefined;
      return closest(term, term.length >= TWO_EDITS_FROM ? 2 : 1);
    },
    han(run, unknownAt) {
      const chars = [...run];
      const fixes: { from: string; to: string }[] = [];
      for (let i = 0; i < chars.length; i++) {
        for (let n = Math.min(MAX_HAN_WORD, chars.length - i); n >= MIN_HAN_WORD; n--) {
          const window = chars.slice(i, i + n);
          let found: string | undefined;
          let foundDf = 0;
          for (const [candidate, df] of bucketsOf().get(hanKey(window[0]!, n)) ?? []) {
            const c = [...candidate];
            let diff = -1;
            let diffs = 0;
            for (let k = 0; k < n && diffs < 2; k++)
              if (c[k] !== window[k]) {
                diffs++;
                diff = k;
              }
            if (diffs === 1 && unknownAt(i + diff) && df > foundDf) {
              found = candidate;
              foundDf = df;
            }
          }
          if (found) {
            fixes.push({ from: window.join(""), to: found });
            chars.splice(i, n, ...found);
            i += n - 1;
            break;
          }
        }
      }
      return { run: chars.join(""), fixes };
    },
    flag(flag) {
      const name = flag.replace(/^-+/, "");
      // `-memroy`: a long name typed with one dash (as exported notes often print it) is a long flag.
      if (name.length < MIN_FLAG_NAME || (!flag.startsWith("--") && !/^-[a-z]{4,}$/.test(flag))) return undefined;
      return closest(`--${name}`, name.length >= TWO_EDITS_FROM ? 2 : 1);
    },
  };
}

const HAN_WORD = new RegExp(`^\\p{Script=Han}{${MIN_HAN_WORD},${MAX_HAN_WORD}}$`, "u");

/** The known term (most sections first) that is `term` with two neighbouring letters swapped. */
function swapped(term: string, candidates: [string, number][]): string | undefined {
  let found: string | undefined;
  let foundDf = -1;
  for (const [c, df] of candidates) {
    if (c.length !== term.length || c === term || df <= foundDf) continue;
    let i = 0;
    while (i < c.length && c[i] === term[i]) i++;
    if (c[i] === term[i + 1] && c[i + 1] === term[i] && c.slice(i + 2) === term.slice(i + 2)) {
      found = c;
      foundDf = df;
    }
  }
  return found;
}

/** Chinese words by length and first character. */
function hanKey(first: string, length: number): string {
  return `han:${length}:${first}`;
}

/** Flags with flags, words with words, by first letter. */
function bucketKey(term: string): string {
  const flag = /^-+/.exec(term)?.[0] ?? "";
  return flag + (term[flag.length] ?? "");
}

/** Optimal-string-alignment distance (a swap of neighbours is one edit), or max + 1 once it exceeds `max`. */
export function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}
