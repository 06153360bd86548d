import type { Section } from "../knowledge/types.js";
import type { Analyzer } from "./analyzer.js";
import { runSteps, type Steps } from "./time-slices.js";

/**
 * What a section means beyond its own words, for ranking: a heading such as "Options",
 * "Description", "总结" or "例子：" says nothing of its own (it repeats under many parents) and
 * carries its parent's meaning; a chapter is about what its subsections' headings say; a section
 * explains what its heading and first sentence say, and only mentions the rest.
 */
export interface SectionContext {
  /** Whether the heading is generic: it repeats under several parents, or is one of the generic words (data). */
  generic(section: Section): boolean;
  /**
   * The terms of the heading that says what the section is about: its own, plus, for a generic
   * heading, its nearest non-generic ancestor's ("docker logs › Description" is about docker logs).
   */
  headingTerms(section: Section): Set<string>;
  /** The terms of the headings directly below it (a chapter is about what its subsections say). */
  childTerms(section: Section): Set<string>;
  /** The terms of its heading (as `headingTerms`) and of the first sentence of its prose. */
  openingTerms(section: Section): Set<string>;
}

/** A heading title under this many different parents is generic whatever it says. */
const GENERIC_PARENTS = 3;
const CACHED = 5000;

/** A title as compared across sections: numbering and trailing punctuation dropped, lower case. */
export function titleKey(title: string): string {
  return title
    .normalize("NFKC")
    .replace(/^\s*(?:\d+[.)、]|[一二三四五六七八九十]+[、.])\s*/u, "")
    .replace(/[\s:：.。!！?？]+$/u, "")
    .trim()
    .toLowerCase();
}

/** Every section by id, the sections below each, the titles that repeat under several parents. */
export interface SectionLookup {
  byId: Map<string, Section>;
  children: Map<string, Section[]>;
  repeated: Set<string>;
}

/**
 * The lookup over `sections`, a step at a time: at docker-cli-docs ×50 it is 0.2–0.3 s (every
 * title normalised), which an incremental reload makes in slices before the swap (index-delta.ts)
 * rather than leave to the first question the new index answers.
 */
export function* sectionLookupSteps(sections: readonly Section[]): Steps<SectionLookup> {
  const byId = new Map<string, Section>();
  const children = new Map<string, Section[]>();
  const parents = new Map<string, Set<string>>();
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    byId.set(s.id, s);
    if (s.parentId) {
      const list = children.get(s.parentId);
      if (list) list.push(s);
      else children.set(s.parentId, [s]);
    }
    const key = titleKey(s.title);
    const set = parents.get(key) ?? new Set<string>();
    set.add(s.parentId ?? "");
    parents.set(key, set);
    if ((i & 511) === 511) yield;
  }
  const repeated = new Set([...parents].filter(([, p]) => p.size >= GENERIC_PARENTS).map(([k]) => k));
  return { byId, children, repeated };
}

/** `prepared`: the lookup over `sections`, made beforehand (else made at the first question that needs it). */
export function createSectionContext(
  sections: readonly Section[],
  analyzer: Analyzer,
  genericWords: readonly string[] = [],
  prepared?: SectionLookup,
): SectionContext {
  const words = new Set(genericWords.map(titleKey));
  let table = prepared;
  const lookup = () => (table ??= runSteps(sectionLookupSteps(sections)));
  const generic = (s: Section): boolean => {
    const key = titleKey(s.title);
    return !key || words.has(key) || lookup().repeated.has(key);
  };
  const cache = <T>() => {
    const map = new Map<string, T>();
    return (s: Section, make: () => T): T => {
      let v = map.get(s.id);
      if (v === undefined) {
        v = make();
        if (map.size >= CACHED) map.delete(map.keys().next().value!);
        map.set(s.id, v);
      }
      return v;
    };
  };
  const headings = cache<Set<string>>();
  const below = cache<Set<string>>();
  const openings = cache<Set<string>>();
  const headingTerms = (s: Section): Set<string> =>
    headings(s, () => {
      const terms = new Set(analyzer.terms(s.title));
      let at: Section | undefined = s;
      // Up to the first heading that says something of its own.
      for (let hops = 0; at && generic(at) && hops < 6; hops++) {
        at = at.parentId ? lookup().byId.get(at.parentId) : undefined;
        if (at) for (const t of analyzer.terms(at.title)) terms.add(t);
      }
      return terms;
    });
  return {
    generic,
    headingTerms,
    childTerms: (s) =>
      below(s, () => {
        const terms = new Set<string>();
        for (const c of lookup().children.get(s.id) ?? []) for (const t of analyzer.terms(c.title)) terms.add(t);
        return terms;
      }),
    openingTerms: (s) =>
      openings(s, () => {
        const terms = new Set(headingTerms(s));
        for (const t of analyzer.terms(firstSentence(s.text))) terms.add(t);
        return terms;
      }),
  };
}

/** The first sentence of prose (markdown tables, HTML comments and blank lines skipped). */
export function firstSentence(text: string): string {
  const prose = text
    .replace(/<!--[\s\S]*?-->/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("|") && !/^[-=*_]{3,}$/.test(l))
    .join("\n");
  const m = /^[\s\S]*?(?:[。！？!?]|\.(?=\s)|\n|$)/u.exec(prose);
  return (m?.[0] ?? "").slice(0, 300);
}
