import { type AnyOrama, create, insert, insertMultiple, load, type RawData, remove, save } from "@orama/orama";
import type { Section } from "../knowledge/types.js";
import type { Analyzer } from "./analyzer.js";
import { type CompactIndex, compactRaw, expandRaw, type StoredDoc, storedDoc } from "./compact-index.js";
import { FIELDS, SCHEMA } from "./fields.js";
import { type IndexStats, indexStats } from "./index-stats.js";
import { createOramaTokenizer, documentTerms, type IndexTokenizer } from "./orama-tokenizer.js";

export interface SectionDoc {
  id: string;
  title: string;
  path: string;
  body: string;
  code: string;
  /** The whole section, stored (not indexed) so a snapshot restores everything the answers need. */
  section: Section;
}

export interface SectionIndex {
  db: AnyOrama;
  sections: Section[];
  byId: Map<string, Section>;
  /** Term statistics and postings read from Orama's index (the only door into its internals). */
  stats: IndexStats;
}

export function toDoc(section: Section): SectionDoc {
  // Comment lines in examples (`# list all running containers`) are prose that explains, not code.
  const comments: string[] = [];
  const code: string[] = [];
  for (const e of section.examples) {
    for (const line of e.code.split("\n")) {
      const comment = /^\s*(?:#|\/\/|--\s)\s*(.*)$/.exec(line);
      if (comment && COMMENTED.has(e.lang)) comments.push(comment[1]!);
      else code.push(line);
    }
  }
  return {
    id: section.id,
    title: section.title,
    path: section.headingPath.slice(0, -1).join(" \n "),
    body: comments.length ? `${section.text}\n${comments.join("\n")}` : section.text,
    code: code.join("\n"),
    section,
  };
}

/** Languages whose `#`/`//` lines are comments (not `# heading` of markdown or C preprocessor lines). */
const COMMENTED = new Set([
  "bash",
  "sh",
  "shell",
  "console",
  "zsh",
  "dockerfile",
  "docker",
  "yaml",
  "yml",
  "text",
  "python",
  "js",
  "javascript",
  "ts",
  "typescript",
  "powershell",
  "sql",
  "toml",
  "ini",
  "conf",
]);

function emptyDb(analyzer: Analyzer): AnyOrama {
  // No sort indexes: answers are ranked by rank.ts, never sorted by a field, and Orama's sorter
  // would keep every field's text in order (a localeCompare sort of every title and body at
  // ingest, their order in every snapshot).
  return create({
    schema: SCHEMA,
    sort: { enabled: false },
    components: { tokenizer: createOramaTokenizer(analyzer) },
  }) as AnyOrama;
}

export async function buildSectionIndex(sections: Section[], analyzer: Analyzer): Promise<SectionIndex> {
  const db = emptyDb(analyzer);
  const unique = dedupeIds(sections);
  await insertMultiple(db, unique.map(toDoc) as never[], 1000);
  forgetText(db);
  return wrap(db, unique);
}

/** Once indexed, a document keeps only its section (compact-index.ts `StoredDoc`). */
function forgetText(db: AnyOrama): void {
  const docs = storedDocs(db);
  for (const key of Object.keys(docs)) {
    const doc = docs[key];
    if (doc) docs[key] = storedDoc(doc.section);
  }
}

function storedDocs(db: AnyOrama): Record<string, StoredDoc | undefined> {
  return db.data.docs.docs;
}

export function saveSectionIndex(index: SectionIndex): RawData {
  return save(index.db);
}

/** The index as the snapshot and the build worker carry it: sections once, no repeated text. */
export function compactSectionIndex(index: SectionIndex): CompactIndex {
  return compactRaw(save(index.db), index.sections);
}

export function loadSectionIndex(compact: CompactIndex, analyzer: Analyzer): SectionIndex {
  const db = emptyDb(analyzer);
  load(db, expandRaw(compact));
  return wrap(db, compact.sections);
}

/** A section with its fields' terms as the indexing analyzer reads them (FIELDS order). */
export interface AnalysedSection {
  section: Section;
  terms: string[][];
}

/** What `replaceSections` needs to index `section` without an analyzer: its fields' terms. */
export function analyseSection(section: Section, analyzer: Analyzer): AnalysedSection {
  const doc = toDoc(section);
  return { section, terms: FIELDS.map((f) => documentTerms(analyzer, doc[f])) };
}

/**
 * Incremental re-indexing, in place: removes the documents `removed` (ids) and inserts `added`,
 * then returns the index over `sections` (the full new list, in order) with fresh statistics.
 * Terms are never computed here: a removed document's are read back from Orama's own per-document
 * table (exactly the terms it was inserted with), an added one's come analysed (a worker ran
 * jieba on them). So an index loaded from a snapshot, whose analyzer only reads questions, is
 * updated exactly as a full build would have indexed it. Synchronous: no question sees half of it.
 */
export function replaceSections(
  index: SectionIndex,
  removed: readonly string[],
  added: readonly AnalysedSection[],
  sections: Section[],
): SectionIndex {
  const { db } = index;
  const tokenizer = db.tokenizer as IndexTokenizer;
  const store = db.internalDocumentIDStore as { idToInternalId: Map<string, number> };
  const frequencies = (db.data.index as unknown as { frequencies: Record<string, Record<number, object | undefined>> })
    .frequencies;
  try {
    for (const id of removed) {
      const internalId = store.idToInternalId.get(id);
      if (internalId === undefined) throw new Error(`section ${id} is not in the index`);
      tokenizer.given = FIELDS.map((f) => Object.keys(frequencies[f]?.[internalId] ?? {}));
      if (!remove(db, id)) throw new Error(`section ${id} could not be removed`);
    }
    for (const { section, terms } of added) {
      tokenizer.given = terms;
      const result = insert(db, toDoc(section) as never);
      if (result instanceof Promise) throw new Error("Orama inserted asynchronously; expected a synchronous insert");
    }
  } finally {
    tokenizer.given = undefined;
  }
  const docs = storedDocs(db);
  for (const { section } of added) {
    const internalId = store.idToInternalId.get(section.id)!;
    docs[internalId] = storedDoc(docs[internalId]!.section);
  }
  return wrap(db, sections);
}

/**
 * `loadSectionIndex` with the event loop running between Orama's components (the inverted index,
 * the documents, the sort index), each tens of milliseconds for a large index. The same steps as
 * Orama's `load()` (methods/serialization.js), one `pause()` apart; the index is not used before
 * the promise resolves.
 */
export async function loadSectionIndexInSlices(
  compact: CompactIndex,
  analyzer: Analyzer,
  pause: () => Promise<void>,
): Promise<SectionIndex> {
  const db = emptyDb(analyzer);
  const raw = expandRaw(compact);
  db.internalDocumentIDStore.load(db, raw.internalDocumentIDStore);
  await pause();
  db.data.index = db.index.load(db.internalDocumentIDStore, raw.index);
  await pause();
  db.data.docs = db.documentsStore.load(db.internalDocumentIDStore, raw.docs);
  db.data.sorting = db.sorter.load(db.internalDocumentIDStore, raw.sorting);
  db.data.pinning = db.pinning.load(db.internalDocumentIDStore, raw.pinning);
  db.tokenizer.language = raw.language;
  await pause();
  return wrap(db, compact.sections);
}

function wrap(db: AnyOrama, sections: Section[]): SectionIndex {
  return { db, sections, byId: new Map(sections.map((s) => [s.id, s])), stats: indexStats(db, () => sections.length) };
}

/** Two headings with the same slug in one file get distinct ids already; files repeated under two names may not. */
export function dedupeIds(sections: Section[]): Section[] {
  const seen = new Set<string>();
  return sections.map((s) => {
    let id = s.id;
    for (let n = 2; seen.has(id); n++) id = `${s.id}~${n}`;
    seen.add(id);
    return id === s.id ? s : { ...s, id };
  });
}
