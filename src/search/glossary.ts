import { type Analyzer, normalize } from "./analyzer.js";
import { innerWord } from "./inner-words.js";
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
   * Terms mixing Chinese and Latin letters (免sudo, ip 地址) are found the same way: a question's
   * Chinese runs are read apart from its Latin words, so neither alone would ever show the whole
   * term. Their own members come first (`literal`); a phrase of small words has none.
   */
  phrases: { pattern: RegExp; text: string; members: Member[]; strong: number; literal: number }[];
  /**
   * The glossary word a Chinese or mixed term (by its key, or a phrase's `text`) ends with, when
   * its group never says it (容器 in 进容器): another concept of the question, read as its own
   * group (inner-words.ts).
   */
  inner: Map<string, string>;
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
        phrases.push({ pattern, text: words.join(" "), members, strong: unique.length, literal: 0 });
      }
    // Tested once per term: this runs on the main thread at every reload.
    const mixed = new Set(usable.filter(isMixed));
    for (const t of mixed) {
      const text = normalize(t).trim().replace(/\s+/g, " ");
      const own = unique.filter((m) => m.every((w) => text.includes(w) || memberOf(t).includes(w)));
      const rest = unique.filter((m) => !own.includes(m));
      phrases.push({
        pattern: mixedPattern(text),
        text,
        members: [...own, ...rest],
        strong: unique.length,
        literal: own.length,
      });
    }
    for (const term of usable) {
      const m = memberOf(term);
      if (!m.length) continue;
      const key = /\p{Script=Han}/u.test(term) ? normalize(term) : m.join(" ");
      byKey.set(key, dedupeMembers([...(byKey.get(key) ?? []), ...unique]));
      // A mixed term is found as written (`phrases`), never inside a Chinese run.
      if (mixed.has(term)) continue;
      if (/\p{Script=Han}/u.test(term)) hanTerms.add(key);
      else maxPhrase = Math.max(maxPhrase, m.length);
    }
  }
  const lookup = (key: string) => byKey.get(key);
  const inner = new Map<string, string>();
  // The term's own words (进, 容器 where the segmenter splits it) say nothing of its group.
  const others = (members: Member[], term: string) => {
    const own = memberOf(term).join(" ");
    return members.filter((m) => m.join(" ") !== own);
  };
  for (const key of hanTerms) {
    const kept = innerWord(key, () => others(byKey.get(key)!, key), hanTerms, undefined, lookup);
    if (kept) inner.set(key, kept);
  }
  for (const p of phrases) {
    if (!p.literal) continue; // a phrase of small words keeps its words already (approximately)
    const latin = p.text
      .match(/[^\s\p{Script=Han}]+/gu)
      ?.flatMap((w) => analyzer.phrase(w))
      .at(-1);
    const kept = innerWord(p.text, () => others(p.members, p.text), hanTerms, latin, lookup);
    if (kept) inner.set(p.text, kept);
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
    lookup,
    inner,
    words,
    hanTerms: [...hanTerms].sort((a, b) => b.length - a.length),
    maxPhrase,
    phrases: phrases.sort((a, b) => b.text.length - a.text.length),
  };
}

/** Groups compiled between two steps (a mask: every 16, 2–7 ms). */
const STEP_GROUPS = 15;

/** A term with Chinese and Latin letters or digits (免sudo, ip 地址, ping不通). */
function isMixed(term: string): boolean {
  return /\p{Script=Han}/u.test(term) && /[\p{Script=Latin}\p{N}]/u.test(term);
}

/**
 * A mixed term as a question may write it: its Chinese and Latin parts with or without a space
 * between them (免sudo, 免 sudo), Latin words whole (ip地址 not in `zip地址`); the Chinese side
 * matches inside a run, as Chinese glossary terms do.
 */
function mixedPattern(text: string): RegExp {
  const parts = text.match(/\p{Script=Han}+|[^\s\p{Script=Han}-]+/gu) ?? [];
  const han = (p: string) => /\p{Script=Han}/u.test(p);
  let source = "";
  parts.forEach((p, i) => {
    if (i > 0) source += han(p) || han(parts[i - 1]!) ? "\\s*" : "[\\s-]+";
    source += escapeRegExp(p);
  });
  const latinEdge = "[\\p{Script=Latin}\\p{N}_]";
  const before = han(parts[0] ?? "") ? "" : `(?<!${latinEdge})`;
  const after = han(parts.at(-1) ?? "") ? "" : `(?!${latinEdge})`;
  return new RegExp(`${before}${source}${after}`, "gu");
}

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
