import type { FlagInfo, FlagTable } from "../knowledge/flag-table.js";
import type { Section } from "../knowledge/types.js";
import type { Analyzer } from "./analyzer.js";
import { type Choice, createAutocomplete } from "./autocomplete.js";
import { createCandidateFinder } from "./candidates.js";
import type { Glossary } from "./glossary.js";
import { planQuery, type QueryPlan } from "./query-plan.js";
import { createRanker, type RankedSection } from "./rank.js";
import type { SectionIndex } from "./section-index.js";

export interface SearchOutcome {
  plan: QueryPlan;
  /** Best first; only sections that cover enough of the query. */
  results: RankedSection[];
  matched: boolean;
  /** Closest headings, for a miss. */
  suggestions: string[];
  /** Query words no section contains. */
  unknown: string[];
  /** Flags the notes don't cover but the flag table knows, with their meaning. */
  unknownFlags: FlagInfo[];
}

export interface SearchEngine {
  index: SectionIndex;
  search(query: string, options?: { limit?: number }): Promise<SearchOutcome>;
  autocomplete(partial: string): Promise<Choice[]>;
  /** Whether a section's own heading says every meaningful part of `query` (a direct answer, e.g. "CMD vs ENTRYPOINT" for `cmd entrypoint`). */
  headingCovers(section: Section, query: string): boolean;
  /** Sections directly below this one, in order. */
  children(section: Section): Section[];
}

/** A section must cover at least this share of the query's (IDF-weighted) meaning to count as an answer. */
export const MIN_COVERAGE = 0.5;
/** Orama is never asked for an unbounded list: re-ranking reads this many candidates at most. */
const CANDIDATES = 30;

export interface SearchLanguage {
  analyzer: Analyzer;
  glossary: Glossary;
  flags: FlagTable;
}

export function createSearchEngine(index: SectionIndex, language: SearchLanguage): SearchEngine {
  const { analyzer, glossary, flags } = language;
  const ranker = createRanker(index.db, () => index.sections.length, analyzer);
  const complete = createAutocomplete(index, analyzer);
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
  const planOf = (query: string): QueryPlan => {
    let p = plans.get(query);
    if (!p) {
      p = planQuery(query, analyzer, glossary, flags);
      if (plans.size >= 500) plans.delete(plans.keys().next().value!);
      plans.set(query, p);
    }
    return p;
  };
  const findCandidates = createCandidateFinder(index.db, () => index.sections.length);
  const docs = () =>
    (index.db.data as unknown as { docs: { docs: Record<number, { section: Section } | undefined> } }).docs.docs;
  const candidatesFor = async (groups: string[][]) => {
    if (!groups.length) return [];
    const store = docs();
    return findCandidates(groups, CANDIDATES).flatMap((c) => {
      const doc = store[c.internalId];
      return doc ? [{ internalId: c.internalId, score: c.score, section: doc.section }] : [];
    });
  };

  return {
    index,
    async search(query, options = {}) {
      const limit = options.limit ?? 5;
      const plan = planOf(query);
      const ranked = ranker.rank(plan, await candidatesFor(plan.groups.map((g) => g.members.flat())));
      const unknownGroups = plan.groups.filter((g) => ranker.unknown(g));
      const best = ranked[0];
      const matched = !!best && plan.groups.length > 0 && best.coverage >= MIN_COVERAGE;
      const results = matched
        ? ranked.filter((r) => r.looseCoverage >= Math.max(MIN_COVERAGE, best.coverage * 0.6)).slice(0, limit)
        : [];
      const suggestions = matched ? [] : suggest(ranked);
      const unknownFlags = unknownGroups.flatMap((g) =>
        g.flags
          .map((f) => flags.byLong.get(f) ?? flags.byShort.get(f))
          .filter((f): f is FlagInfo => !!f)
          .slice(0, 1),
      );
      return { plan, results, matched, suggestions, unknown: unknownGroups.map((g) => g.label), unknownFlags };
    },
    async autocomplete(partial) {
      return complete(partial);
    },
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
