import type { Section } from "../knowledge/types.js";
import type { SavedTermIndex } from "./term-index.js";

/**
 * A section index as plain data: the sections once, in the index's order (a document is the
 * position of its section), and the term index as its integers' bytes (term-index.ts). What
 * crosses from the build worker and what the snapshot file holds.
 */
export interface CompactIndex {
  /** In the order answers and the outline list them (file order, then heading order). */
  sections: StoredSection[];
  terms: SavedTermIndex;
}

/**
 * A section as stored: its markdown is `MARKDOWN_IS_TEXT` when it is its text, character for
 * character (a section without code blocks, tables or repaired flags: at docker-cli-docs ×50,
 * 46,000 of 75,000 sections, 33 MB of characters). Loaded, the section's markdown is then the
 * same string as its text: held, gunzipped and decoded once.
 */
export type StoredSection = Omit<Section, "markdown"> & { markdown?: string | typeof MARKDOWN_IS_TEXT };
export const MARKDOWN_IS_TEXT = 1;

export function storeSections(sections: readonly Section[]): StoredSection[] {
  return sections.map((s) =>
    s.markdown !== undefined && s.markdown === s.text ? { ...s, markdown: MARKDOWN_IS_TEXT } : s,
  );
}

/** The sections back, in place (`stored` is not used afterwards). */
export function restoreSections(stored: StoredSection[]): Section[] {
  for (const s of stored) if (s.markdown === MARKDOWN_IS_TEXT) s.markdown = s.text;
  return stored as Section[];
}
