import type { Evidence } from "../../src/search/confidence.js";

/** The evidence features the abstention model reads (confidence.ts), each about 0..1. */
export const ABSTENTION_FEATURES = [
  "coverage",
  "heading",
  "sentence",
  "opening",
  "literal",
  "unknown",
  "oneWord",
  "margin",
  "headed",
] as const;

export function abstentionFeatures(e: Evidence | undefined): number[] {
  if (!e) return ABSTENTION_FEATURES.map(() => 0);
  return [
    e.coverage,
    e.heading,
    e.sentence,
    e.opening ?? 0,
    e.literal ?? 0,
    e.unknown ?? 0,
    e.parts <= 1 ? 1 : 0,
    Math.max(-1, Math.min(1, e.margin ?? 0)),
    Math.min(e.coverage, e.heading > 0 ? 1 : 0),
  ];
}
