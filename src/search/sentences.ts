import type { Section } from "../knowledge/types.js";
import type { Analyzer } from "./analyzer.js";
import type { QueryPlan } from "./query-plan.js";
import { toDoc } from "./section-index.js";

/** The opening of a long section holds its point; reading further costs more than it tells. */
const SENTENCE_CHARS = 3000;
const CACHED = 2000;

/**
 * A section as sentences, each the set of its terms: its heading, the headings above it, each
 * sentence or line of its prose and example comments. Cached per section.
 */
export function createSentenceReader(analyzer: Analyzer): (section: Section) => Set<string>[] {
  const cache = new Map<string, Set<string>[]>();
  return (section) => {
    let sentences = cache.get(section.id);
    if (!sentences) {
      const doc = toDoc(section);
      const text = [section.title, ...section.headingPath.slice(0, -1), doc.body.slice(0, SENTENCE_CHARS)].join("\n");
      sentences = text
        .split(/[。！？；!?;\n]+|\.\s+/u)
        .map((s) => new Set(analyzer.terms(s)))
        .filter((s) => s.size > 0);
      if (cache.size >= CACHED) cache.delete(cache.keys().next().value!);
      cache.set(section.id, sentences);
    }
    return sentences;
  };
}

/**
 * The largest share of the question (by group weight) that one sentence of the section says:
 * a section that answers puts the question's words together ("允许外部访问容器内的服务" for
 * 容器里的服务外面访问不了); one that only mentions them scatters them over lines and lists.
 */
export function sentenceShare(plan: QueryPlan, weights: number[], sentences: Set<string>[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!total) return 0;
  let best = 0;
  for (const s of sentences) {
    let said = 0;
    plan.groups.forEach((g, i) => {
      // Only the exact ways of saying a flag or a command count (`cp` is not `docker cp`).
      if (g.members.slice(0, g.strong).some((m) => m.every((t) => s.has(t)))) said += weights[i]!;
    });
    best = Math.max(best, said / total);
  }
  return best;
}
