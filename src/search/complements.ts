/**
 * Directional complements (进去, 出来…): after a verb they say where its action goes (传进去 "pass
 * in", 拷出来 "copy out", 放不进去 "can't put in"), and are no verb of their own; the glossary
 * reads 进去 alone as entering a container (exec). The words are data (`directional_complements:`
 * in knowledge/stopwords.yml).
 */
export interface ComplementWords {
  /** The complements (进去, 进来, 出来, 出去). */
  words: string[];
  /** What may stand between a verb and its complement (不, 得: 放不进去, 拷得出来). */
  infixes: string[];
  /** Words that stand before a verb without being one (直接进去, 再进去: still entering). */
  adverbs?: string[];
}

export interface Complements {
  /**
   * A Chinese run with each complement that follows a verb replaced by `gap`. One at the start of
   * the run, after a stop word or an adverb (怎么进去 with 怎么 removed, 可以进去, 直接进去) is the verb
   * itself and stays; so does one inside a longer glossary term (`covered`).
   */
  strip(
    run: string,
    gap: string,
    isStopword: (word: string) => boolean,
    covered: (from: number, to: number) => boolean,
  ): string;
}

const NONE: Complements = { strip: (run) => run };
/** The longest stop word looked for before a complement (需要, 然后: two characters; 为什么: three). */
const LONGEST_STOPWORD = 4;

export function compileComplements(data: ComplementWords | undefined): Complements {
  if (!data?.words.length) return NONE;
  const words = [...data.words].sort((a, b) => b.length - a.length);
  const adverbs = data.adverbs ?? [];
  return {
    strip(run, gap, isStopword, covered) {
      let out = run;
      for (const word of words)
        for (let at = run.indexOf(word); at >= 0; at = run.indexOf(word, at + 1)) {
          if (covered(at, at + word.length)) continue;
          let before = run.slice(0, at);
          const infix = data.infixes.find((i) => before.endsWith(i));
          if (infix) before = before.slice(0, -infix.length);
          // The run's start, a gap (a glossary term or a quantity taken out) or a stop word: no verb.
          const last = before.at(-1);
          if (!last || !/\p{Script=Han}/u.test(last)) continue;
          let stop = adverbs.some((a) => before.endsWith(a));
          for (let n = 1; n <= LONGEST_STOPWORD && n <= before.length && !stop; n++)
            stop = isStopword(before.slice(-n));
          if (stop) continue;
          out = out.slice(0, at) + gap.repeat(word.length) + out.slice(at + word.length);
        }
      return out;
    },
  };
}
