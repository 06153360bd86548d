import type { Section } from "../knowledge/types.js";
import type { SavedTermIndex } from "./term-index.js";

/**
 * A section index as plain data: the sections once, in the index's order (a document is the
 * position of its section), and the term index as its integers' bytes (term-index.ts). What
 * crosses from the build worker and what the snapshot file holds.
 */
export interface CompactIndex {
  /** In the order answers and the outline list them (file order, then heading order). */
  sections: Section[];
  terms: SavedTermIndex;
}
