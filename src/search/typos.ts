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

export interface TypoOptions {
  /**
   * How a Chinese word sounds (toneless pinyin, pinyin.ts): a word typed with a homophone the IME
   * offered (日制 → 日志) is read as the known word that sounds the same. None: characters only.
   */
  sound?: (han: string) => string;
  /** Whether a word as typed is a word of the language (`existing`): then it is meant, not a typo. None: no word is. */
  isWord?: (word: string) => boolean;
}

export interface TypoCorrector {
  /** The known term closest to an unknown analysed word (a stem), if close enough. */
  word(term: string): string | undefined;
  /** Whether a word as typed is a word of the language, so no typo (`existing` is not `exits`). */
  isWord(word: string): boolean;
  /** The known flag closest to an unknown flag (`--netwrok` → `--network`), if close enough. */
  flag(flag: string): string | undefined;
  /**
   * A run of Chinese with mistyped characters, read with the known word meant, where every
   * character replaced is one the notes don't know there (`unknownAt`; never a particle):
   * - a known word of four or more characters that differs by one character (端口影射 → 端口映射);
   * - a known word of two or more characters that sounds the same (IME homophones: 日制 → 日志,
   *   映相档 → 映像档), differing by one character (two from four characters).
   * Returns the run with such words replaced, and what was replaced.
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
/** A homophone may be this short: sounding the same is far stronger evidence than one character in common. */
const MIN_SOUND_WORD = 2;
/** Characters a homophone may differ by: one in a short word, two from four characters. */
const soundDiffs = (n: number) => (n >= 4 ? 2 : 1);
const TWO_EDITS_FROM = 9;
const MIN_FLAG_NAME = 4;
/** From two letters (`--rn`), a flag name is read only as the one known flag that close. */
const MIN_SHORT_FLAG_NAME = 2;

export function createTypoCorrector(vocabulary: () => TypoVocabulary, options: TypoOptions = {}): TypoCorrector {
  let buckets: Map<string, [string, number][]> | undefined;
  /** Chinese words of the notes by length, position and the character there (`2:0:日` holds 日志). */
  let byCharacter: Map<string, [string, number][]> | undefined;
  const bucketsOf = () => {
    if (!buckets) {
      buckets = new Map();
      byCharacter = new Map();
      const best = new Map<string, number>();
      for (const [term, df] of vocabulary().terms) {
        if (!/^(?:--?)?[a-z][a-z0-9-]+$/.test(term) && !SOUND_WORD.test(term)) continue;
        best.set(term, Math.max(df, best.get(term) ?? 0));
      }
      const add = (map: Map<string, [string, number][]>, key: string, entry: [string, number]) => {
        const list = map.get(key) ?? [];
        list.push(entry);
        map.set(key, list);
      };
      for (const [term, df] of best) {
        if (SOUND_WORD.test(term)) {
          const chars = [...term];
          if (df > 0) chars.forEach((c, k) => add(byCharacter!, `${chars.length}:${k}:${c}`, [term, df]));
          if (!HAN_WORD.test(term)) continue;
        }
        add(buckets, HAN_WORD.test(term) ? hanKey(term[0]!, [...term].length) : bucketKey(term), [term, df]);
      }
    }
    return buckets;
  };
  const sounds = new Map<string, string>();
  const soundOf = (han: string): string => {
    let s = sounds.get(han);
    if (s === undefined) {
      s = options.sound!(han);
      if (sounds.size >= 20_000) sounds.clear();
      sounds.set(han, s);
    }
    return s;
  };
  /** The known word that sounds like `window` (at `at` in the run), differing only where the notes know no word. */
  const homophone = (window: string[], at: number, unknownAt: (index: number) => boolean): string | undefined => {
    if (!options.sound) return undefined;
    const n = window.length;
    bucketsOf();
    let found: string | undefined;
    let foundDf = 0;
    let sound: string | undefined;
    const seen = new Set<string>();
    for (let k = 0; k < n; k++) {
      for (const [candidate, df] of byCharacter!.get(`${n}:${k}:${window[k]}`) ?? []) {
        if (seen.has(candidate) || df <= foundDf) continue;
        seen.add(candidate);
        const c = [...candidate];
        let diffs = 0;
        let fits = true;
        for (let j = 0; j < n && fits; j++)
          if (c[j] !== window[j]) {
            diffs++;
            fits = diffs <= soundDiffs(n) && unknownAt(at + j);
          }
        if (!fits || diffs === 0) continue;
        sound ??= soundOf(window.join(""));
        if (soundOf(candidate) === sound) {
          found = candidate;
          foundDf = df;
        }
      }
    }
    return found;
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
    isWord: (word) => !!options.isWord?.(word),
    word(term) {
      // A word without vowels is an abbreviation (`ctrl`, `pwd`, `src`), not a misspelt word.
      if (!/^[a-z]+$/.test(term) || !/[aeiouy]/.test(term)) return undefined;
      // Four letters: two neighbours swapped (`exce` → `exec`), or any one edit when only one known
      // word is that close (`mout` → `mount`); with several (`mout`: `mount`, `most`?) it is no surer.
      if (term.length === MIN_WORD_LENGTH - 1)
        return swapped(term, bucketsOf().get(bucketKey(term)) ?? []) ?? onlyOne(term, bucketsOf().get(bucketKey(term)));
      if (term.length < MIN_WORD_LENGTH) return undefined;
      return closest(term, term.length >= TWO_EDITS_FROM ? 2 : 1);
    },
    han(run, unknownAt) {
      const chars = [...run];
      const fixes: { from: string; to: string }[] = [];
      for (let i = 0; i < chars.length; i++) {
        for (let n = Math.min(MAX_HAN_WORD, chars.length - i); n >= MIN_SOUND_WORD; n--) {
          const window = chars.slice(i, i + n);
          if (!window.some((_, k) => unknownAt(i + k))) continue;
          let found: string | undefined;
          let foundDf = 0;
          for (const [candidate, df] of n >= MIN_HAN_WORD ? (bucketsOf().get(hanKey(window[0]!, n)) ?? []) : []) {
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
          found ??= homophone(window, i, unknownAt);
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
      // `--rn`: a short long name, read only as the one flag of its length one letter or one swap away.
      if (flag.startsWith("--") && name.length >= MIN_SHORT_FLAG_NAME && name.length < MIN_FLAG_NAME)
        return onlyOne(flag, bucketsOf().get(bucketKey(flag)), true);
      // `-memroy`: a long name typed with one dash (as exported notes often print it) is a long flag.
      if (name.length < MIN_FLAG_NAME || (!flag.startsWith("--") && !/^-[a-z]{4,}$/.test(flag))) return undefined;
      return closest(`--${name}`, name.length >= TWO_EDITS_FROM ? 2 : 1);
    },
  };
}

const HAN_WORD = new RegExp(`^\\p{Script=Han}{${MIN_HAN_WORD},${MAX_HAN_WORD}}$`, "u");
const SOUND_WORD = new RegExp(`^\\p{Script=Han}{${MIN_SOUND_WORD},${MAX_HAN_WORD}}$`, "u");

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

/**
 * The one known term one edit from `term` (of the same length when `sameLength`), if exactly one
 * is: with two or more that close, which was meant is a guess.
 */
function onlyOne(term: string, candidates: [string, number][] = [], sameLength = false): string | undefined {
  let found: string | undefined;
  for (const [c] of candidates) {
    if (c === term || (sameLength && c.length !== term.length) || distance(term, c, 1) > 1) continue;
    if (found !== undefined && found !== c) return undefined;
    found = c;
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
