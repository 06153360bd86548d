import { commandTerm } from "./analyzer.js";
import type { QueryPlan } from "./query-plan.js";
import type { RankedSection } from "./rank.js";
import { RANK_FEATURES, type RankFeature } from "./ranking-model.js";
import { sentenceShare } from "./sentences.js";

/**
 * How sure the bot is that the best section answers the question: three honest outcomes instead
 * of one cliff.
 * - `high`: the section says (nearly) all the question means, where it states its topic or
 *   throughout its prose;
 * - `low`: the closest match: it covers the question's domain words but not all of it (shown with
 *   "may not be exactly what you asked" and the next sections to pick from);
 * - `none`: no section is about the question (what a question on another topic must get).
 */
export type Confidence = "high" | "low" | "none";

/**
 * The evidence a section gives for a question, as shares of the question's meaning (its groups,
 * IDF-weighted; a word no section holds weighs EVIDENCE_UNKNOWN_WEIGHT of the rarest):
 * - `coverage`: said anywhere in the section (a flag said only through a synonym counts 0.4);
 * - `heading`: said in its heading or the headings above it, where a section states its topic.
 *   A flag or a docker command said exactly counts here too, wherever it is: it is what a
 *   section explains.
 *   Mentions in passing (an `apt-get install` in an example, Kubernetes named in a list) are
 *   coverage without heading: a section about something else.
 */
export interface Evidence {
  coverage: number;
  heading: number;
  /** The largest share said in one sentence (heading, or a sentence of the prose). */
  sentence: number;
  /** How many parts the question has (a one-word question is only about a section that heads with it). */
  parts: number;
  /** Said in its heading or first sentence (the ranking feature `opening`). */
  opening?: number;
  /** Said in the asker's own words, not only through the glossary. */
  literal?: number;
  /** The share of the question no section of the notes says at all. */
  unknown?: number;
  /** How far the best section's score is ahead of the next one's. */
  margin?: number;
}

export interface ConfidenceThresholds {
  /** Below this coverage nothing is about the question. */
  answer: number;
  /** A section saying this share of the question in one sentence is about it. */
  sentence: number;
  /** A section whose headings say less than this share must cover at least `prose`… */
  heading: number;
  /** …of a question of several parts in its prose to answer. */
  prose: number;
  /** From this coverage (with the heading or prose condition met) the answer is confident. */
  high: number;
}

/**
 * Chosen on the tune split by scripts/tune-confidence.ts (with EVIDENCE_UNKNOWN_WEIGHT), criterion
 * in that order: the least cost, a negative answered costing 5 and an answerable question told
 * "nothing" 1; then the fewest negatives answered; then the widest margin to the nearest case on
 * either side. `high` then maximises answers that are right and confident plus answers that are
 * wrong and marked low. docs/SEGMENTATION.md has the numbers.
 */
export const THRESHOLDS: ConfidenceThresholds = { answer: 0.45, sentence: 0.6, heading: 0.05, prose: 0.7, high: 0.7 };

const HEADING_FIELDS = 0b0011; // title, path

export function evidence(
  best: RankedSection,
  plan: QueryPlan,
  weights: number[],
  sentences: Set<string>[],
  more: { unknown?: boolean[]; next?: RankedSection } = {},
): Evidence {
  let total = 0;
  let said = 0;
  let heading = 0;
  plan.groups.forEach((g, i) => {
    const w = weights[i] ?? 0;
    total += w;
    said += w * (best.groupSaid[i] ?? 0);
    // A flag or a `docker <command>` said exactly is what its section explains, wherever it is said.
    const named = (g.flags.length > 0 || g.members[0]?.[0]?.startsWith(commandTerm(""))) && best.groupSaid[i] === 1;
    if ((best.groupFields[i] ?? 0) & HEADING_FIELDS || named) heading += w;
  });
  const parts = plan.groups.length;
  const sentence = sentenceShare(plan, weights, sentences);
  if (!(total > 0)) return { coverage: 0, heading: 0, sentence: 0, parts };
  const unknown = weights.reduce((a, w, i) => a + (more.unknown?.[i] ? w : 0), 0) / total;
  const feature = (name: RankFeature) => best.features[RANK_FEATURES.indexOf(name)] ?? 0;
  return {
    coverage: said / total,
    heading: heading / total,
    sentence,
    parts,
    opening: feature("opening"),
    literal: feature("literal"),
    unknown,
    margin: best.score - (more.next?.score ?? 0),
  };
}

export function judge(e: Evidence | undefined, t: ConfidenceThresholds = THRESHOLDS): Confidence {
  if (!e || e.coverage < t.answer) return "none";
  // Prose alone answers only a question of several parts: one word in passing is no topic.
  const about = e.heading >= t.heading || e.sentence >= t.sentence || (e.coverage >= t.prose && e.parts > 1);
  if (!about) return "none";
  return e.coverage >= t.high ? "high" : "low";
}

/** Whether the section states the question in its headings (or is the flag's own): what one side of a comparison needs. */
export function headsWith(e: Evidence | undefined, t: ConfidenceThresholds = THRESHOLDS): boolean {
  return !!e && e.coverage >= t.answer && e.heading >= t.heading;
}
