import type { Tokenizer } from "@orama/orama";
import type { Analyzer } from "./analyzer.js";
import { FIELDS, type Field } from "./fields.js";

/** Orama's tokenizer with a door for terms analysed elsewhere (a build worker, the index itself). */
export interface IndexTokenizer extends Tokenizer {
  /** While set, a field's terms are these (FIELDS order) whatever the text: see section-index.ts `replaceSections`. */
  given: string[][] | undefined;
}

/**
 * Orama's tokenizer interface over our analyzer, for indexing: document terms are
 * de-duplicated, as Orama's own tokenizer does. Queries never go through Orama's `search`
 * (candidates.ts reads the index directly), so there is no query mode.
 */
export function createOramaTokenizer(analyzer: Analyzer): IndexTokenizer {
  const tokenizer: IndexTokenizer = {
    language: "english",
    normalizationCache: new Map(),
    given: undefined,
    tokenize(raw: string, _language?: string, prop?: string): string[] {
      if (tokenizer.given) {
        const terms = tokenizer.given[FIELDS.indexOf(prop as Field)];
        if (!terms) throw new Error(`no terms given for the field ${String(prop)}`);
        return terms;
      }
      return documentTerms(analyzer, raw);
    },
  };
  return tokenizer;
}

/** A field's terms as the index holds them: in reading order, each once. */
export function documentTerms(analyzer: Analyzer, text: string): string[] {
  return [...new Set(analyzer.terms(text))];
}
