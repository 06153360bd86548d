import type { Tokenizer } from "@orama/orama";
import type { Analyzer } from "./analyzer.js";

/**
 * Queries reach Orama already analysed (glossary-expanded, stemmed), joined by this separator;
 * Orama tokenizes queries without a property name, so the tokenizer can tell them apart.
 */
export const QUERY_SEPARATOR = "\u001f";

/** Orama's tokenizer interface over our analyzer. Document terms are de-duplicated, as Orama's own tokenizer does. */
export function createOramaTokenizer(analyzer: Analyzer): Tokenizer {
  return {
    language: "english",
    normalizationCache: new Map(),
    tokenize(raw: string, _language?: string, prop?: string): string[] {
      if (prop === undefined) return raw.split(QUERY_SEPARATOR).filter(Boolean);
      return [...new Set(analyzer.terms(raw))];
    },
  } as Tokenizer;
}
