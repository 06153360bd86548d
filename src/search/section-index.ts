import type { Section } from "../knowledge/types.js";
import type { Analyzer } from "./analyzer.js";
import { type CompactIndex, restoreSections, storeSections, storeSectionsSteps } from "./compact-index.js";
import { FIELDS } from "./fields.js";
import { type IndexStats, indexStats } from "./index-stats.js";
import { createTermIndexBuilder, loadTermIndex, saveTermIndex, type TermIndex } from "./term-index.js";
import { runStepsInSlices, type Slicer } from "./time-slices.js";

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
  /** In the order answers and the outline list them (file order, then heading order); a document is a position here. */
  sections: Section[];
  terms: TermIndex;
  /** Term statistics and postings (the only door into `terms`). */
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

export function buildSectionIndex(sections: Section[], analyzer: Analyzer): SectionIndex {
  const unique = dedupeIds(sections);
  const builder = createTermIndexBuilder();
  for (const s of unique) builder.add(analyseSection(s, analyzer).terms);
  return wrap(builder.finish(), unique);
}

/** The index as the snapshot and the build worker carry it: sections once, the terms as bytes. */
export function compactSectionIndex(index: SectionIndex): CompactIndex {
  return { sections: storeSections(index.sections), terms: saveTermIndex(index.terms) };
}

/** `compactSectionIndex` for a running bot (saving after a reload): the sections stored in slices. */
export async function compactSectionIndexInSlices(index: SectionIndex, slicer: Slicer): Promise<CompactIndex> {
  const sections = await runStepsInSlices(storeSectionsSteps(index.sections), slicer);
  await slicer.maybe();
  return { sections, terms: saveTermIndex(index.terms) };
}

/** The index of a compact one, whose sections it takes over (they are restored in place). */
export function loadSectionIndex(compact: CompactIndex): SectionIndex {
  if (!Array.isArray(compact.sections)) throw new Error("snapshot has no sections");
  const terms = loadTermIndex(compact.terms);
  if (terms.docsCount !== compact.sections.length)
    throw new Error(`snapshot indexes ${terms.docsCount} documents for ${compact.sections.length} sections`);
  return wrap(terms, restoreSections(compact.sections));
}

/** A section with its fields' terms as the indexing analyzer reads them (FIELDS order). */
export interface AnalysedSection {
  section: Section;
  terms: string[][];
}

/** A section's fields' terms: in reading order, each once (a field's length is its number of terms). */
export function analyseSection(section: Section, analyzer: Analyzer): AnalysedSection {
  const doc = toDoc(section);
  return { section, terms: FIELDS.map((f) => [...new Set(analyzer.terms(doc[f]))]) };
}

/**
 * Where a document of an incrementally re-indexed index comes from: a position in the index being
 * replaced (an unchanged section, its terms as that index holds them), or a section the reload
 * worker analysed (a changed file's).
 */
export type DocSource = number | AnalysedSection;

/**
 * Incremental re-indexing: the index over `sources`, in order: every unchanged section with the
 * terms `index` holds for it, every added one with the terms it comes with (a worker ran jieba on
 * them). Terms are never computed here, so an index loaded from a snapshot, whose analyzer only
 * reads questions, is updated exactly as a full build would index it. Indexed anew in one pass
 * over integers (no section analysed again, no term looked up twice): O(the whole index), 0.2–0.75 s
 * at docker-cli-docs ×50 (2.7 M term ids), so on the thread answering questions it runs in slices
 * (`slicer`, time-slices.ts: issue 18, round 4). `index` is left as it was (questions read it
 * until the swap).
 */
export async function replaceSections(
  index: SectionIndex,
  sources: readonly DocSource[],
  sections: Section[],
  slicer: Slicer,
): Promise<SectionIndex> {
  if (sources.length !== sections.length) throw new Error("one source per section expected");
  const builder = createTermIndexBuilder(index.terms);
  for (let i = 0; i < sources.length; i++) {
    if ((i & 255) === 0) await slicer.maybe();
    const source = sources[i]!;
    if (typeof source === "number") builder.addCopy(index.terms, source);
    else builder.add(source.terms);
  }
  return wrap(await builder.finishInSlices(slicer), sections);
}

function wrap(terms: TermIndex, sections: Section[]): SectionIndex {
  return { sections, terms, stats: indexStats(terms, sections) };
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
