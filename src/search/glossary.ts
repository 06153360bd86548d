import { type Analyzer, normalize } from "./analyzer.js";
import { escapeRegExp } from "./regexp.js";
import { runSteps, type Steps } from "./time-slices.js";

/** A term to look for: every one of its terms must be present (a phrase such as `working directory`). */
export type Member = string[];

export interface Glossary {
  /** Synonym members of the group containing this phrase (terms joined by a space), if any. */
  lookup(phraseKey: string): Member[] | undefined;
  /** Chinese terms, longest first, for substring matching in a query. */
  hanTerms: string[];
  /** Longest English phrase, in terms. */
  maxPhrase: number;
  /**
   * Phrases whose meaning is in their small words (`no network`, `shut down`, `log in`, `out of
   * memory`): the analyzer drops stop words, which would leave `network` standing for the none
   * network. They are found in the question's text as written, longest first. `members`: the
   * group's, then the phrase as analysed (`network`), which says it only approximately (`strong`).
   */
  phrases: { pattern: RegExp; text: string; members: Member[]; strong: number }[];
  /** Every one-word Latin term (analysed → as written, every way it is written, its group's members): words a typo may have meant. */
  words: Map<string, { text: string; spellings: string[]; members: Member[] }>;
}

/**
 * Compiles `glossary.yml` groups with the analyzer so that glossary terms and text are compared
 * as the same index terms (stemmed English, segmented Chinese).
 */
export function compileGlossary(groups: string[][], analyzer: Analyzer): Glossary {
  return runSteps(compileGlossarySteps(groups, analyzer));
}

/** `compileGlossary` a step at a time: it yields every few dozen groups (a reload compiles it on the thread answering questions). */
export function* compileGlossarySteps(groups: string[][], analyzer: Analyzer): Steps<Glossary> {
  const byKey = new Map<string, Member[]>();
  const hanTerms = new Set<string>();
  let maxPhrase = 1;
  // Each term is analysed once (it is needed three times below): this runs on the main thread at every reload.
  const analysed = new Map<string, Member>();
  const memberOf = (term: string): Member => {
    let m = analysed.get(term);
    if (!m) analysed.set(term, (m = toMember(term, analyzer)));
    return m;
  };
  const phrases: Glossary["phrases"] = [];
  let done = 0;
  for (const group of groups) {
    if ((++done & STEP_GROUPS) === 0) yield;
    // A phrase that loses words to stop words ("log in" → log) would stand for another word as
    // analysed: it is read from the text as written instead (`phrases`).
    const whole = (t: string) => /\p{Script=Han}/u.test(t) || !/[\s-]/.test(t.trim()) || memberOf(t).length > 1;
    const usable = group.filter(whole);
    const members = usable.map(memberOf).filter((m) => m.length > 0);
    const unique = dedupeMembers(members);
    if (unique.length)
      for (const t of group.filter((t) => !whole(t))) {
        const words = t
          .trim()
          .toLowerCase()
          .split(/[\s-]+/);
        const escaped = words.map((w) => escapeRegExp(w).replace(/'/g, "['’]"));
        const pattern = new RegExp(`(?<![\\p{L}\\p{N}_'’-])${escaped.join("[\\s-]+")}(?![\\p{L}\\p{N}_'’-])`, "gu");
        const members = dedupeMembers([...unique, memberOf(t)]);
        phrases.push({ pattern, text: words.join(" "), members, strong: unique.length });
      }
    for (const term of usable) {
      const m = memberOf(term);
      if (!m.length) continue;
      const key = /\p{Script=Han}/u.test(term) ? normalize(term) : m.join(" ");
      byKey.set(key, dedupeMembers([...(byKey.get(key) ?? []), ...unique]));
      if (/\p{Script=Han}/u.test(term)) hanTerms.add(key);
      else maxPhrase = Math.max(maxPhrase, m.length);
    }
  }
  const words = new Map<string, { text: string; spellings: string[]; members: Member[] }>();
  for (const group of groups) {
    if ((++done & STEP_GROUPS) === 0) yield;
    for (const term of group) {
      const m = memberOf(term);
      const key = m.join(" ");
      if (m.length !== 1 || !/^[a-z][a-z0-9-]*$/.test(key)) continue;
      const text = term.trim().toLowerCase();
      const known = words.get(key);
      if (known) {
        if (!known.spellings.includes(text)) known.spellings.push(text);
      } else words.set(key, { text, spellings: [text], members: byKey.get(key) ?? [] });
    }
  }
  return {
    lookup: (key) => byKey.get(key),
    words,
    hanTerms: [...hanTerms].sort((a, b) => b.length - a.length),
    maxPhrase,
    phrases: phrases.sort((a, b) => b.text.length - a.text.length),
  };
}

/** Groups compiled between two steps (a mask: every 16, 2–7 ms). */
const STEP_GROUPS = 15;

/** A Chinese term the segmenter keeps whole is one index term; otherwise all of its words. */
export function toMember(term: string, analyzer: Analyzer): Member {
  const terms = analyzer.phrase(term);
  const whole = normalize(term);
  if (/\p{Script=Han}/u.test(term) && terms.includes(whole)) return [whole];
  if (/\p{Script=Han}/u.test(term)) {
    // Sub-words emitted by search-mode segmentation (端口映射 → 端口, 映射, 端口映射) are redundant with the whole.
    return [...new Set(terms)];
  }
  return terms;
}

function dedupeMembers(members: Member[]): Member[] {
  const seen = new Set<string>();
  return members.filter((m) => {
    const k = m.join(" ");
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
