import type { Tokenizer } from "@orama/orama";
import type { Analyzer } from "./analyzer.js";

/**
 * Orama's tokenizer interface over our analyzer, for indexing: document terms are
 * de-duplicated, as Orama's own tokenizer does. Queries never go through Orama's `search`
 * (candidates.ts reads the index directly), so there is no query mode.
 */
export function createOramaTokenizer(analyzer: Analyzer): Tokenizer {
  return {
    language: "english",
    normalizationCache: new Map(),
    tokenize(raw: string): string[] {
      return [...new Set(analyzer.terms(raw))];
    },
  };
}
