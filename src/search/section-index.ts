import { type AnyOrama, create, insertMultiple, load, type RawData, save } from "@orama/orama";
import type { Section } from "../knowledge/types.js";
import type { Analyzer } from "./analyzer.js";
import { SCHEMA } from "./fields.js";
import { type IndexStats, indexStats, snapshotSections } from "./index-stats.js";
import { createOramaTokenizer } from "./orama-tokenizer.js";

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
  return create({ schema: SCHEMA, components: { tokenizer: createOramaTokenizer(analyzer) } }) as AnyOrama;
}

export async function buildSectionIndex(sections: Section[], analyzer: Analyzer): Promise<SectionIndex> {
  const db = emptyDb(analyzer);
  const unique = dedupeIds(sections);
  await insertMultiple(db, unique.map(toDoc) as never[], 1000);
  return wrap(db, unique);
}

export function saveSectionIndex(index: SectionIndex): RawData {
  return save(index.db);
}

export function loadSectionIndex(raw: RawData, analyzer: Analyzer): SectionIndex {
  const db = emptyDb(analyzer);
  load(db, raw);
  return wrap(db, snapshotSections(raw));
}

/**
 * `loadSectionIndex` with the event loop running between Orama's components (the inverted index,
 * the documents, the sort index), each tens of milliseconds for a large index. The same steps as
 * Orama's `load()` (methods/serialization.js), one `pause()` apart; the index is not used before
 * the promise resolves.
 */
export async function loadSectionIndexInSlices(
  raw: RawData,
  analyzer: Analyzer,
  pause: () => Promise<void>,
): Promise<SectionIndex> {
  const db = emptyDb(analyzer);
  db.internalDocumentIDStore.load(db, raw.internalDocumentIDStore);
  await pause();
  db.data.index = db.index.load(db.internalDocumentIDStore, raw.index);
  await pause();
  db.data.docs = db.documentsStore.load(db.internalDocumentIDStore, raw.docs);
  db.data.sorting = db.sorter.load(db.internalDocumentIDStore, raw.sorting);
  db.data.pinning = db.pinning.load(db.internalDocumentIDStore, raw.pinning);
  db.tokenizer.language = raw.language;
  await pause();
  return wrap(db, snapshotSections(raw));
}

function wrap(db: AnyOrama, sections: Section[]): SectionIndex {
  return { db, sections, byId: new Map(sections.map((s) => [s.id, s])), stats: indexStats(db, () => sections.length) };
}

/** Two headings with the same slug in one file get distinct ids already; files repeated under two names may not. */
function dedupeIds(sections: Section[]): Section[] {
  const seen = new Set<string>();
  return sections.map((s) => {
    let id = s.id;
    for (let n = 2; seen.has(id); n++) id = `${s.id}~${n}`;
    seen.add(id);
    return id === s.id ? s : { ...s, id };
  });
}
