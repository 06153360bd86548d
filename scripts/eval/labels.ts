import { type EvalCase, expected, norm } from "./cases.js";

/** What the label check needs of a section: its heading path (top first), as `loadKnowledge` gives it. */
export interface Heading {
  headingPath: string[];
}

/**
 * An expected string may match at most this many sections (itself and everything below it): a
 * chapter of the notes has up to 13 ("Docker 架构"); a wider string ("Docker run" with 46,
 * "Examples") would call unrelated sections right answers.
 */
export const MAX_SECTIONS_PER_LABEL = 15;

const stripNumber = (title: string) => norm(title).replace(/^\d+\.\s*/, "");

/** The sections an expected string makes relevant, by score.mjs's rule. */
export function sectionsMatching(label: string, headings: Heading[]): Heading[] {
  const w = norm(label);
  return headings.filter((h) => h.headingPath.some((t) => norm(t).includes(w)));
}

/**
 * Labelling bugs in a set: an expected string that matches no heading, one that matches too many
 * sections, or one that only names a title repeated under different parents ("总结", "例子：",
 * "Format the output (--format)"), which cannot say which of them is the answer, unless the case
 * lists it in `repeatedOk` (every one of them answers).
 */
export function labelProblems(cases: EvalCase[], headings: Heading[], file: string): string[] {
  const problems: string[] = [];
  const verdicts = new Map<string, string | undefined>();
  for (const c of cases) {
    for (const label of expected(c)) {
      if (!verdicts.has(label)) verdicts.set(label, judge(label, headings));
      const verdict = verdicts.get(label);
      if (verdict?.startsWith("only names") && c.repeatedOk?.includes(label)) continue;
      if (verdict) problems.push(`${file}:${c.line}: "${label}" ${verdict} (${c.q})`);
    }
  }
  return problems;
}

function judge(label: string, headings: Heading[]): string | undefined {
  const matched = sectionsMatching(label, headings);
  if (matched.length === 0) return "matches no heading";
  if (matched.length > MAX_SECTIONS_PER_LABEL)
    return `matches ${matched.length} sections (at most ${MAX_SECTIONS_PER_LABEL}): too broad`;
  const w = norm(label);
  const own = matched.filter((h) => norm(h.headingPath.at(-1) ?? "").includes(w));
  const titles = new Set(own.map((h) => stripNumber(h.headingPath.at(-1) ?? "")));
  if (own.length > 1 && titles.size === 1)
    return `only names the title "${[...titles][0]}", repeated under ${own.length} parents`;
  return undefined;
}
