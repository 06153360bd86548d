import type { FlagInfo } from "../knowledge/flag-table.js";
import type { Section } from "../knowledge/types.js";
import { type Choice, createAutocomplete } from "./autocomplete.js";
import { createCandidateFinder } from "./candidates.js";
import { type Confidence, type Evidence, evidence, judge, THRESHOLDS } from "./confidence.js";
import { isEnglishWord } from "./english-words.js";
import { soundOf } from "./pinyin.js";
import { type PlanLanguage, type PlanVocabulary, planQuery, type QueryPlan, type TermGroup } from "./query-plan.js";
import { createRanker, type RankedSection, type RankerOptions } from "./rank.js";
import type { Scaffolding } from "./scaffolding.js";
import { createSectionContext, type SectionLookup } from "./section-context.js";
import type { SectionIndex } from "./section-index.js";
import { createTypoCorrector } from "./typos.js";

export interface SearchOutcome {
  plan: QueryPlan;
  /** How sure the best result is (confidence.ts); `matched` is `confidence !== "none"`. */
  confidence: Confidence;
  /** What decided it: the best section's share of the question said anywhere, and in its headings. */
  evidence?: Evidence;
  /** Best first; only sections that cover enough of the query. */
  results: RankedSection[];
  /** Every candidate, best first, whether or not it answers (the closest headings of a miss). */
  ranked: RankedSection[];
  matched: boolean;
  /** Closest headings, for a miss. */
  suggestions: string[];
  /** Query words no section contains. */
  unknown: string[];
  /** Flags the notes don't cover but the flag table knows, with their meaning. */
  unknownFlags: FlagInfo[];
  /** Flags and words read as others than typed (typos), for "did you mean `--network`?". */
  corrections: { typed: string; read: string }[];
}

export interface SearchEngine {
  index: SectionIndex;
  /** How questions are read (the analyzer, glossary, flags, scaffolding). */
  language: SearchLanguage;
  search(query: string, options?: { limit?: number }): Promise<SearchOutcome>;
  autocomplete(partial: string): Promise<Choice[]>;
  /** How a text is read: its meaningful parts, each with the ways a section may say it. */
  plan(query: string): QueryPlan;
  /** Whether a section's own heading says every meaningful part of `query` (a direct answer, e.g. "CMD vs ENTRYPOINT" for `cmd entrypoint`). */
  headingCovers(section: Section, query: string): boolean;
  /** Sections directly below this one, in order. */
  children(section: Section): Section[];
}

/** Orama is never asked for an unbounded list: re-ranking reads this many candidates at most. */
const CANDIDATES = 30;

export interface SearchLanguage extends PlanLanguage {
  scaffolding: Scaffolding;
  /** Headings that say nothing of their own (Options, 总结): they carry their parent's meaning. */
  genericHeadings?: readonly string[];
  /** The words people use most in speech (`go`, `right`, `still`): a question's one the glossary doesn't know weighs little. */
  everyday?: readonly string[];
  /** The basic vocabulary (`came`, `edit`): a question's word of it that the notes lack is the asker's wording, not a topic. */
  common?: readonly string[];
}

/** The language's everyday and common words as the analyzer reads them, for the ranker (rank.ts). */
export function rankerWords(language: SearchLanguage): Pick<RankerOptions, "everyday" | "common"> {
  const analysed = (words: readonly string[] = []) =>
    new Set(words.flatMap((w) => language.analyzer.phrase(w).slice(0, 1)));
  return { everyday: analysed(language.everyday), common: analysed(language.common) };
}

export interface SearchEngineOptions {
  /** Ranking weights other than the trained ones (for training and cross-validation). */
  weights?: RankerOptions["weights"];
  /** Compute every ranking feature (training), not only the weighted ones. */
  allFeatures?: boolean;
  /** The sections' lookup for ranking, made beforehand in slices by a reload (section-context.ts). */
  sectionLookup?: SectionLookup;
}

export function createSearchEngine(
  index: SectionIndex,
  language: SearchLanguage,
  options: SearchEngineOptions = {},
): SearchEngine {
  const { analyzer, flags } = language;
  const context = createSectionContext(index.sections, analyzer, language.genericHeadings, options.sectionLookup);
  const ranker = createRanker(index.stats, analyzer, {
    context,
    ...rankerWords(language),
    ...(options.weights ? { weights: options.weights } : {}),
  });
  // Built at the first keystroke, not with the engine: it reads every section's text for flags,
  // which a reload (index-delta.ts) would otherwise pay before the new index is served.
  let complete: ReturnType<typeof createAutocomplete> | undefined;
  let childMap: Map<string, Section[]> | undefined;
  const childrenOf = () => {
    if (!childMap) {
      childMap = new Map();
      for (const s of index.sections)
        if (s.parentId) childMap.set(s.parentId, [...(childMap.get(s.parentId) ?? []), s]);
    }
    return childMap;
  };

  // A compare plans the same sides again for every heading it checks: plan each text once.
  const plans = new Map<string, QueryPlan>();
  const vocabulary: PlanVocabulary = {
    df: index.stats.df,
    typos: createTypoCorrector(() => ({ terms: typoVocabulary(index, language) }), {
      sound: soundOf,
      isWord: isEnglishWord,
    }),
  };
  const planOf = (query: string): QueryPlan => {
    let p = plans.get(query);
    if (!p) {
      p = planQuery(query, language, vocabulary);
      if (plans.size >= 500) plans.delete(plans.keys().next().value!);
      plans.set(query, p);
    }
    return p;
  };
  const findCandidates = createCandidateFinder(index.stats);
  const candidatesFor = (groups: string[][]) => {
    if (!groups.length) return [];
    return findCandidates(groups, CANDIDATES).flatMap((c) => {
      const section = index.stats.section(c.internalId);
      return section ? [{ internalId: c.internalId, score: c.score, section }] : [];
    });
  };

  /** A correction as the user would write it: the word they typed, the word as the notes or glossary write it. */
  const spelled = (query: string, g: TermGroup): { typed: string; read: string } => {
    const { from, to } = g.corrected!;
    if (g.flags.length) return { typed: g.label, read: to };
    const typed = query.match(/[A-Za-z][A-Za-z0-9']*/g)?.find((w) => analyzer.phrase(w)[0] === from) ?? from;
    return { typed, read: language.glossary.words.get(to)?.text ?? writtenAs(to) ?? to };
  };
  /** A word of the notes whose analysed form is `term` (the first section holding it shows how it is written). */
  const writtenAs = (term: string): string | undefined => {
    for (const field of index.stats.fields)
      for (const id of index.stats.postings(field, term)) {
        const s = index.stats.section(id);
        const words = s ? `${s.title} ${s.text}`.match(/[A-Za-z][A-Za-z0-9-]*/g) : null;
        const word = words?.find((w) => analyzer.phrase(w)[0] === term);
        if (word) return word.toLowerCase();
      }
    return undefined;
  };

  return {
    index,
    language,
    async search(query, options = {}) {
      const limit = options.limit ?? 5;
      const plan = planOf(query);
      const ranked = ranker.rank(plan, candidatesFor(plan.groups.map((g) => g.members.flat())));
      const unknownGroups = plan.groups.filter((g) => ranker.unknown(g));
      const best = ranked[0];
      const found =
        best && plan.groups.length
          ? evidence(best, plan, plan.groups.map(ranker.evidenceWeight), ranker.sentencesOf(best.section), {
              unknown: plan.groups.map(ranker.unknown),
              ...(ranked[1] ? { next: ranked[1] } : {}),
            })
          : undefined;
      const confidence = judge(found);
      const matched = confidence !== "none";
      // The others listed: sections saying a good part of what the best one says.
      const results = matched
        ? ranked
            .filter((r, i) => i === 0 || r.looseCoverage >= Math.max(THRESHOLDS.answer, best!.coverage * 0.6))
            .slice(0, limit)
        : [];
      const suggestions = matched ? [] : suggest(ranked);
      const unknownFlags = unknownGroups.flatMap((g) =>
        g.flags
          .map((f) => flags.byLong.get(f) ?? flags.byShort.get(f))
          .filter((f): f is FlagInfo => !!f)
          .slice(0, 1),
      );
      const corrections = plan.groups.flatMap((g) => (g.corrected ? [spelled(query, g)] : []));
      return {
        plan,
        confidence,
        ...(found ? { evidence: found } : {}),
        results,
        ranked,
        matched,
        suggestions,
        unknown: unknownGroups.map((g) => g.label),
        unknownFlags,
        corrections,
      };
    },
    async autocomplete(partial) {
      complete ??= createAutocomplete(index, analyzer);
      return complete(partial);
    },
    plan: (query) => planOf(query),
    headingCovers(section, query) {
      const plan = planOf(query);
      if (!plan.groups.length) return false;
      const terms = new Set(analyzer.terms(section.title));
      return plan.groups.every((g) => g.members.some((m) => m.every((t) => terms.has(t))));
    },
    children(section) {
      return childrenOf().get(section.id) ?? [];
    },
  };
}

/**
 * Closest headings for a miss: the sections that matched part of the question, best first. Never
 * padded with the top of the outline: chapter titles ("Docker run") that share nothing with the
 * question read as a wrong answer, and `topics` lists them anyway.
 */
function suggest(ranked: RankedSection[]): string[] {
  const out = new Set<string>();
  for (const r of ranked) {
    if (out.size >= 5) break;
    if (r.coverage > 0) out.add(r.section.title);
  }
  return [...out];
}

/**
 * What a typo may have meant: the index's terms, the flag table's flags, and the glossary's
 * one-word terms whose concept the notes hold (`memory` when the notes say 内存).
 */
function* typoVocabulary(index: SectionIndex, language: SearchLanguage): Iterable<[string, number]> {
  const { stats } = index;
  for (const term of stats.terms()) yield [term, stats.df(term)];
  for (const f of language.flags.flags) yield [f.long, stats.df(f.long)];
  const groupDf = (members: string[][]) => Math.max(0, ...members.map((m) => Math.min(...m.map(stats.df))));
  for (const [word, { spellings, members }] of language.glossary.words) {
    const df = groupDf(members);
    if (df <= 0) continue;
    yield [word, df];
    // …and as written (`image`, `layered`), for a typo of the written word (`imgae`, `layred`).
    for (const text of spellings) if (text !== word && /^[a-z]+$/.test(text)) yield [text, df];
  }
  for (const term of language.glossary.hanTerms) {
    const df = groupDf(language.glossary.lookup(term) ?? []);
    if (df > 0) yield [term, df];
  }
}
