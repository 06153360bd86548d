import type { FlagTable } from "../knowledge/flag-table.js";
import { type Analyzer, commandTerm, flagVariants, normalize } from "./analyzer.js";
import type { Complements } from "./complements.js";
import type { Glossary, Member } from "./glossary.js";
import type { Quantities } from "./quantities.js";
import type { Scaffolding } from "./scaffolding.js";
import type { TypoCorrector } from "./typos.js";

/** What reading a question needs. */
export interface PlanLanguage {
  analyzer: Analyzer;
  glossary: Glossary;
  flags: FlagTable;
  /** Removes the words that frame a question (how do I, 是什么意思); none when absent. */
  scaffolding?: Scaffolding;
  /** Reads the values a question gives (100 lines, 一百行) as no part of it; none when absent. */
  quantities?: Quantities;
  /** Reads 进去 after a verb (传进去) as its direction, not as entering; none when absent. */
  complements?: Complements;
}

/** What the index knows, for reading misspelt flags and words as the ones it holds. */
export interface PlanVocabulary {
  /** Sections holding a term (0: the notes never say it). */
  df(term: string): number;
  typos: TypoCorrector;
}

/**
 * One meaningful unit of a query (a flag, a word, a glossary phrase) with every way a section
 * may say it. A section covers the group when it contains all terms of any member.
 */
export interface TermGroup {
  /** What the user typed, for messages. */
  label: string;
  members: Member[];
  /**
   * Members before this index say it exactly; later ones only approximately (a flag's bare name
   * or its glossary words: `memory` for `--memory`), so they count for less where they match.
   */
  strong: number;
  /**
   * Members before this index are the asker's own words (the word as typed, its sub-words, a
   * flag and its aliases); those from here to `strong` are glossary expansions: exact, but a
   * section that says the asker's own word is the better evidence (the ranker's features tell them apart).
   */
  literal: number;
  /** The flags of a flag group (an exact flag match ranks higher than its bare name). */
  flags: string[];
  /** Read as another term than typed (a typo): what was typed (analysed) and what it was read as. */
  corrected?: { from: string; to: string };
  /**
   * Named as a term, not said in passing: a glossary concept, or a word written as an identifier
   * (`arm64`, `registry-mirrors`, `HEALTHCHECK`). If the notes
   * lack it, it is what the question is about (rank.ts weighs it in full).
   */
  term?: boolean;
}

export interface QueryPlan {
  groups: TermGroup[];
  /** Every term of every member, for candidate retrieval. */
  terms: string[];
}

const FLAG = /(?<![\p{L}\p{N}_-])--?[a-zA-Z][a-zA-Z0-9-]*/gu;
/** A word as the analyzer's tokenizer reads it. */
const WORD = /[\p{L}\p{N}_]+(?:['’][\p{L}]+)?/gu;
/** Chinese words this long are names of things (see TermGroup.term). */
const MIN_NAMED_HAN = 3;
const HAN = /\p{Script=Han}+/gu;
/** Marks where a phrase was taken out of a question's text. */
const BREAK = "\u0001";

export function planQuery(text: string, language: PlanLanguage, vocabulary?: PlanVocabulary): QueryPlan {
  const { analyzer, glossary, flags } = language;
  const groups: TermGroup[] = [];

  // 1. Flags, kept whole, with their aliases and the bare long name (`--restart` → `restart`, 重启).
  for (const m of text.normalize("NFKC").matchAll(FLAG)) {
    const typed = analyzer.phrase(m[0])[0];
    if (!typed) continue;
    // A flag neither the flag table nor any section knows is read as the closest one that is.
    const unknown = !flags.isKnown(typed) && !flagVariants(typed, flags).length && vocabulary?.df(typed) === 0;
    const fix = unknown ? vocabulary?.typos.flag(typed) : undefined;
    const flag = fix ?? typed;
    const variants = [flag, ...flagVariants(flag, flags)];
    const long = variants.find((v) => v.startsWith("--"));
    const members: Member[] = variants.map((v) => [v]);
    if (long) {
      const bare = analyzer.phrase(long.slice(2).replace(/-/g, " "));
      if (bare.length) {
        members.push(bare);
        members.push(...(glossary.lookup(bare.join(" ")) ?? []));
      }
    }
    groups.push({
      label: m[0],
      members: dedupe(members),
      strong: variants.length,
      literal: variants.length,
      flags: variants,
      ...(fix ? { corrected: { from: typed, to: fix } } : {}),
    });
  }
  // Flags out first (`-it` is no word), then the words that only frame the question.
  const withoutFlags = normalize(text.normalize("NFKC").replace(FLAG, " "));
  let rest = language.scaffolding ? language.scaffolding(withoutFlags) : withoutFlags;

  // 2. Glossary phrases whose meaning is in their small words (`no network`, `shut down`) and
  // terms mixing Chinese and Latin letters (免sudo), as written.
  for (const p of glossary.phrases) {
    if (rest.search(p.pattern) < 0) continue;
    // A mixed term is labelled as the asker spaced it (mac地址), a phrase of small words by its words.
    const label = p.literal ? rest.match(p.pattern)![0] : p.text;
    groups.push({ label, members: p.members, strong: p.strong, literal: p.literal, flags: [], term: true });
    groups.push(...innerGroup(glossary, p.text));
    // The words on either side were not next to each other (`host can't talk to each other by name`).
    rest = rest.replace(p.pattern, ` ${BREAK} `);
  }

  // 3. Chinese: glossary terms by longest substring match, then the segmenter's words for the rest.
  const hanFixes = new Map<string, string>();
  for (const m of rest.matchAll(HAN)) {
    let run = m[0];
    if (language.quantities) {
      // Before typos are read: 一百行 is no mistyped word. Whole glossary words (一次性) stay; their
      // places are looked up only when a quantity was found (most questions have none).
      const text = run;
      let whole: [number, number][] | undefined;
      const afterDigits = /\d\s*$/.test(rest.slice(0, m.index));
      run = language.quantities.strip(run, "\u3000", afterDigits, (from, to) =>
        (whole ??= glossary.hanTerms.flatMap((t) => spans(text, t))).some(([a, b]) => a < to && from < b),
      );
    }
    if (language.complements) {
      // 拷进去 is "copy in", not "copy" and "enter"; a complement inside a longer glossary term (钻进去) is the term's.
      const text = run;
      run = language.complements.strip(
        run,
        "\u3000",
        (w) => analyzer.isStopword(w),
        (from, to) =>
          glossary.hanTerms.some((t) => t.length > to - from && spans(text, t).some(([a, b]) => a <= from && to <= b)),
      );
    }
    if (vocabulary) {
      // One mistyped character in a word (端口影射): read the run with the word the notes know.
      const unknownAt = unknownCharacters(run, analyzer, glossary, vocabulary);
      const fixed = unknownAt.any ? vocabulary.typos.han(run, unknownAt.at) : { run, fixes: [] };
      for (const f of fixed.fixes) hanFixes.set(f.to, f.from);
      run = fixed.run;
    }
    for (const term of glossary.hanTerms) {
      if (term.length < 2 && run.length > 1) continue;
      let at = run.indexOf(term);
      while (at >= 0) {
        const members = literalFirst(glossary.lookup(term)!, term);
        groups.push({ ...members, label: term, flags: [], term: true });
        groups.push(...innerGroup(glossary, term));
        run = run.slice(0, at) + "\u3000" + run.slice(at + term.length);
        at = run.indexOf(term);
      }
    }
    for (const piece of run.split("\u3000")) {
      // Search-mode segmentation emits sub-words too (端口映射 → 端口, 映射, 端口映射): one group
      // per longest word, its sub-words together as a second way to say it.
      const tokens = analyzer.phrase(piece);
      for (const word of tokens) {
        if (tokens.some((t) => t !== word && t.length > word.length && t.includes(word))) continue;
        // A lone character the glossary doesn't know (用, 个) is grammar, not meaning.
        if ([...word].length === 1 && !glossary.lookup(word)) continue;
        const parts = tokens.filter((t) => t !== word && word.includes(t));
        const members: Member[] = [[word], ...(parts.length ? [parts] : []), ...(glossary.lookup(word) ?? [])];
        const unique = dedupe(members);
        groups.push({
          label: word,
          members: unique,
          strong: unique.length,
          literal: parts.length ? 2 : 1,
          flags: [],
          // A glossary word, or a word of three or more characters the notes lack (弱点扫描, 加速器):
          // a name for something, not a particle or a colloquial verb (吃满, 跑完).
          ...(glossary.lookup(word) || [...word].length >= MIN_NAMED_HAN ? { term: true } : {}),
        });
      }
    }
  }

  // 4. Other words: longest glossary phrase first (`working directory` → 工作目录), else the word itself.
  const identifiers = identifierTerms(text.normalize("NFKC").replace(FLAG, " "), analyzer);
  // Each analysed word with the word as typed (`imgae` stems to `imga`, far from `imag`; the typed
  // word is one swap from `image`).
  const typed: string[] = [];
  const raw: string[] = [];
  /** Which stretch of adjacent words each word is in: a glossary phrase is never read across a break. */
  const stretch: number[] = [];
  rest
    .replace(HAN, " ")
    .split(BREAK)
    .forEach((part, k) => {
      for (const m of part.matchAll(WORD))
        for (const t of analyzer.phrase(m[0])) {
          typed.push(t);
          raw.push(m[0].toLowerCase());
          stretch.push(k);
        }
    });
  const adjacent = (i: number, n: number) => stretch[i] === stretch[i + n - 1];
  const fixes = new Map<number, string>();
  const words = typed.map((w, i) => {
    // A word no section, glossary entry or flag says is read as the closest known one (`memmory`),
    // unless it is a word of the language: `existing` is meant, not a typo of `exits`.
    if (!vocabulary || vocabulary.df(w) > 0 || glossary.lookup(w) || vocabulary.typos.isWord(raw[i]!)) return w;
    const written = vocabulary.typos.word(raw[i]!);
    const fix = vocabulary.typos.word(w) ?? (written ? analyzer.phrase(written)[0] : undefined);
    if (fix && fix !== w) fixes.set(i, fix);
    return fix ?? w;
  });
  const correction = (from: number, n: number) => {
    for (let k = from; k < from + n; k++)
      if (fixes.has(k)) return { corrected: { from: typed[k]!, to: fixes.get(k)! } };
    return {};
  };
  // `docker ps` as the question typed it (adjacent words): the command, said exactly only by
  // sections that name it; its bare word (`ps`) says it approximately.
  const commands = new Set(analyzer.terms(rest.replace(HAN, " ")).filter((t) => t.startsWith(commandTerm(""))));
  for (let i = 0; i < words.length; ) {
    let taken = 0;
    const next = words[i + 1];
    if (
      words[i] === "docker" &&
      next &&
      adjacent(i, 2) &&
      commands.has(commandTerm(typed[i + 1]!)) &&
      !startsPhrase(glossary, words, i) &&
      !startsPhrase(glossary, words, i + 1)
    ) {
      const unique = dedupe([[commandTerm(next)], [next], ...(glossary.lookup(next) ?? [])]);
      groups.push({
        label: `docker ${next}`,
        members: unique,
        strong: 1,
        literal: 1,
        flags: [],
        term: true,
        ...correction(i, 2),
      });
      i += 2;
      continue;
    }
    for (let n = Math.min(glossary.maxPhrase, words.length - i); n >= 1 && !taken; n--) {
      if (!adjacent(i, n)) continue;
      const key = words.slice(i, i + n).join(" ");
      const members = glossary.lookup(key);
      if (members) {
        const unique = dedupe([[...words.slice(i, i + n)], ...members]);
        groups.push({
          label: key,
          members: unique,
          strong: unique.length,
          literal: 1,
          flags: [],
          term: true,
          ...correction(i, n),
        });
        taken = n;
      }
    }
    if (!taken) {
      groups.push({
        label: words[i]!,
        members: [[words[i]!]],
        strong: 1,
        literal: 1,
        flags: [],
        ...(identifiers.has(typed[i]!) ? { term: true } : {}),
        ...correction(i, 1),
      });
      taken = 1;
    }
    i += taken;
  }

  for (const g of groups)
    for (const [to, from] of hanFixes)
      if (!g.corrected && !g.flags.length && (to.includes(g.label) || g.label.includes(to))) g.corrected = { from, to };
  const merged = absorbed(mergeDuplicates(groups), vocabulary);
  return { groups: merged, terms: [...new Set(merged.flatMap((g) => g.members.flat()))] };
}

/** Where `term` occurs in `run`, as [from, to) spans. */
function spans(run: string, term: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = run.indexOf(term); at >= 0; at = run.indexOf(term, at + 1)) out.push([at, at + term.length]);
  return out;
}

/**
 * A word the notes lack that another group of the question says as part of a phrase (`mode` in
 * "background mode", where the background group holds `detached mode`): the asker wrote the
 * concept the glossary's way, and the word is no further topic the notes would have to cover.
 */
function absorbed(groups: TermGroup[], vocabulary: PlanVocabulary | undefined): TermGroup[] {
  if (!vocabulary) return groups;
  return groups.filter((g) => {
    const [only, ...more] = g.members;
    if (more.length || g.flags.length || only?.length !== 1 || vocabulary.df(only[0]!) > 0) return true;
    const word = only[0]!;
    return !groups.some((o) => o !== g && o.members.some((m) => m.length > 1 && m.includes(word)));
  });
}

/** The same concept typed twice (`container 容器`) counts once. */
function mergeDuplicates(groups: TermGroup[]): TermGroup[] {
  const out: TermGroup[] = [];
  for (const g of groups) {
    const key = g.members
      .map((m) => m.join(" "))
      .sort()
      .join("|");
    if (
      out.some(
        (o) =>
          o.members
            .map((m) => m.join(" "))
            .sort()
            .join("|") === key,
      )
    )
      continue;
    out.push(g);
  }
  return out;
}

/** The concept a matched term ends with that its own group never says (容器 in 进容器), as its own group. */
function innerGroup(glossary: Glossary, term: string): TermGroup[] {
  const word = glossary.inner.get(term);
  if (!word) return [];
  return [{ ...literalFirst(glossary.lookup(word)!, word), label: word, flags: [], term: true }];
}

/** A glossary group found in a Chinese run, the members the run itself writes first (`literal`). */
function literalFirst(members: Member[], text: string): { members: Member[]; strong: number; literal: number } {
  const own = members.filter((m) => m.every((t) => text.includes(t)));
  const others = members.filter((m) => !own.includes(m));
  return { members: [...own, ...others], strong: members.length, literal: Math.max(1, own.length) };
}

function dedupe(members: Member[]): Member[] {
  const seen = new Set<string>();
  return members.filter((m) => m.length && !seen.has(m.join(" ")) && seen.add(m.join(" ")));
}

/** Positions of a run's characters that belong to no word the notes or the glossary know. */
function unknownCharacters(
  run: string,
  analyzer: Analyzer,
  glossary: Glossary,
  vocabulary: PlanVocabulary,
): { any: boolean; at: (index: number) => boolean } {
  const unknown = new Set<number>();
  let at = 0;
  for (const word of analyzer.segmenter.segment(run)) {
    const n = [...word].length;
    const start = [...run].slice(at).join("").indexOf(word);
    if (start < 0) continue;
    const from = at + [...[...run].slice(at).join("").slice(0, start)].length;
    const known = vocabulary.df(word) > 0 || glossary.lookup(word) || analyzer.isStopword(word);
    if (!known) for (let k = 0; k < n; k++) if (!analyzer.isStopword([...word][k]!)) unknown.add(from + k);
    at = from + n;
  }
  return { any: unknown.size > 0, at: (i) => unknown.has(i) };
}

/**
 * Analysed words the question writes as identifiers rather than as words of a sentence: with
 * digits (`arm64`, `k8s`), joined by `-`, `.` or `_` (`registry-mirrors`), in capitals
 * (`HEALTHCHECK`) or camelCase. Plain numbers are values, not names.
 */
function identifierTerms(text: string, analyzer: Analyzer): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]|[A-Za-z]/g)) {
    const token = m[0];
    if (/^[\d._-]+$/.test(token)) continue;
    const named =
      (/\d/.test(token) && /[A-Za-z]/.test(token)) ||
      /[A-Za-z0-9][._-][A-Za-z0-9]/.test(token) ||
      /^[A-Z]{2,}s?$/.test(token) ||
      /[a-z][A-Z]/.test(token);
    if (named) for (const t of analyzer.phrase(token)) out.add(t);
  }
  return out;
}

/** Whether a glossary phrase of two or more words (`docker hub`) starts at `i`. */
function startsPhrase(glossary: Glossary, words: string[], i: number): boolean {
  for (let n = Math.min(glossary.maxPhrase, words.length - i); n >= 2; n--)
    if (glossary.lookup(words.slice(i, i + n).join(" "))) return true;
  return false;
}
