import type { Section } from "../knowledge/types.js";
import type { SavedTermIndex } from "./term-index.js";
import { runSteps, type Steps } from "./time-slices.js";

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
 * A section as stored, without text the sections repeat (at docker-cli-docs ×50, 43 M of their
 * 141 M characters): its markdown is `SAME` when it is its text, character for character (a section
 * without code blocks, tables or repaired flags: 46,000 of 75,000 sections); its file is `SAME`
 * when it is the previous section's; its parent is the parent's position. Loaded, those are the
 * same strings as the text, the previous file, the parent's id: held, gunzipped and decoded once.
 */
export type StoredSection = Omit<Section, "markdown" | "file" | "parentId"> & {
  markdown?: string | typeof SAME;
  file: string | typeof SAME;
  /** The parent's id, or its position in the list. */
  parentId?: string | number;
};
export const SAME = 1;

export function storeSections(sections: readonly Section[]): StoredSection[] {
  return runSteps(storeSectionsSteps(sections));
}

/** `storeSections` a step at a time (a running bot saving its snapshot after a reload: 75,000 sections are 0.2–0.4 s). */
export function* storeSectionsSteps(sections: readonly Section[]): Steps<StoredSection[]> {
  const position = new Map<string, number>();
  for (let i = 0; i < sections.length; i++) {
    const id = sections[i]!.id;
    if (!position.has(id)) position.set(id, i);
    if ((i & 1023) === 1023) yield;
  }
  const out: StoredSection[] = [];
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    const stored: StoredSection = { ...s };
    if (s.markdown !== undefined && s.markdown === s.text) stored.markdown = SAME;
    if (i > 0 && s.file === sections[i - 1]!.file) stored.file = SAME;
    const parent = s.parentId === undefined ? undefined : position.get(s.parentId);
    if (parent !== undefined) stored.parentId = parent;
    out.push(stored);
    if ((i & 511) === 511) yield;
  }
  return out;
}

/** The sections back, in place (`stored` is not used afterwards); throws on a reference to nothing. */
export function restoreSections(stored: StoredSection[]): Section[] {
  stored.forEach((s, i) => {
    if (s.markdown === SAME) s.markdown = s.text;
    if (s.file === SAME) {
      const previous = stored[i - 1]?.file;
      if (typeof previous !== "string") throw new Error(`section ${i} has no file`);
      s.file = previous;
    }
    if (typeof s.parentId === "number") {
      const parent = stored[s.parentId]?.id;
      if (typeof parent !== "string") throw new Error(`section ${i}'s parent is not listed`);
      s.parentId = parent;
    }
  });
  return stored as Section[];
}
