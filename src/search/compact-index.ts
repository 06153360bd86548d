import type { RawData } from "@orama/orama";
import type { Section } from "../knowledge/types.js";
import type { SectionDoc } from "./section-index.js";

/**
 * A saved index without repeated text: Orama's saved data whose documents are reduced to the
 * position of their section in `sections`, and the sections once, in the index's order. Orama's
 * documents otherwise hold every field's text beside the section that already holds it (the
 * title, the prose, the code: the snapshot's text twice over). What crosses from the build
 * worker and what the snapshot file holds.
 */
export interface CompactIndex {
  /** In the order answers and the outline list them (file order, then heading order). */
  sections: Section[];
  /** Orama's `save()`, with `docs.docs[internalId]` the index of the document's section in `sections`. */
  orama: RawData;
}

/**
 * What Orama keeps of a document once it is indexed: the section (answers read it) and empty
 * fields. The fields' text is never read again (questions read the inverted index, candidates.ts;
 * a removal is told its terms, section-index.ts), and would double the index's heap.
 */
export type StoredDoc = SectionDoc;

export function storedDoc(section: Section): StoredDoc {
  return { id: section.id, title: "", path: "", body: "", code: "", section };
}

interface RawDocs {
  docs: Record<string, StoredDoc | number | undefined>;
  count: number;
}

/** `raw` (Orama's save of an index holding `sections`) in compact form; `raw` itself is not changed. */
export function compactRaw(raw: RawData, sections: readonly Section[]): CompactIndex {
  const position = new Map(sections.map((s, i) => [s.id, i]));
  const docs = (raw as unknown as { docs: RawDocs }).docs;
  const compactDocs: Record<string, number> = {};
  for (const [internalId, doc] of Object.entries(docs.docs)) {
    if (!doc || typeof doc === "number") continue;
    const at = position.get(doc.section.id);
    if (at === undefined) throw new Error(`section ${doc.section.id} is indexed but not listed`);
    compactDocs[internalId] = at;
  }
  return {
    sections: [...sections],
    orama: { ...raw, docs: { docs: compactDocs, count: docs.count } },
  };
}

/** The saved index Orama can load, its documents pointing at `compact.sections` (shared, not copied). */
export function expandRaw(compact: CompactIndex): RawData {
  const docs = (compact.orama as unknown as { docs?: RawDocs }).docs;
  if (!docs || typeof docs.docs !== "object" || !Array.isArray(compact.sections))
    throw new Error("snapshot has no documents or sections");
  const expanded: Record<string, StoredDoc> = {};
  for (const [internalId, at] of Object.entries(docs.docs)) {
    const section = typeof at === "number" ? compact.sections[at] : undefined;
    if (!section) throw new Error(`document ${internalId} points at no section`);
    expanded[internalId] = storedDoc(section);
  }
  return { ...compact.orama, docs: { docs: expanded, count: docs.count } };
}
