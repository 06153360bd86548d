import { TRAINED } from "./ranking-weights.js";

/**
 * The features a section is ranked by for a question, each a number about 0..1; the score is
 * their weighted sum, the weights learned by `scripts/train-ranker.ts` (ranking-weights.ts,
 * generated; docs/SEGMENTATION.md has how and what each bought under cross-validation).
 * Shares are of the question's meaning (its groups weighted by IDF).
 */
export const RANK_FEATURES = [
  /** The hand-made score of the first round: field-weighted coverage, BM25, exact flag, heading focus. */
  "base",
  /** Share said in the section's heading in the asker's own words (a generic heading: with its parent's). */
  "titleLiteral",
  /** …said there only through a glossary synonym. */
  "titleSynonym",
  /** …said in the headings above it (not its own). */
  "path",
  /** …said only in the headings of its subsections (a chapter about them). */
  "children",
  /** …said in its prose. */
  "body",
  /** …said only in its code. */
  "codeOnly",
  /** Said anywhere (a flag said only by a synonym counts 0.4). */
  "coverage",
  /** Said anywhere in the asker's own words. */
  "literal",
  /** Said in its heading or its first sentence: what the section explains. */
  "opening",
  /** The largest share said in one sentence (questions of two parts or more). */
  "sentence",
  /** The largest share said together in a short window, squared. */
  "proximity",
  /** BM25, as a share of the best candidate's. */
  "bm25",
  /** Share of the heading's words the question says (a focused heading). */
  "focus",
  /** A flag of the question said exactly. */
  "exactFlag",
  /** The heading is generic (Options, 总结). */
  "generic",
  /** Length of its prose (log). */
  "length",
  /** Depth in the outline. */
  "depth",
  /** Every part of the question is said somewhere in it. */
  "whole",
] as const;

export type RankFeature = (typeof RANK_FEATURES)[number];

export const RANKING_WEIGHTS: Readonly<Record<RankFeature, number>> = TRAINED.ranking;
