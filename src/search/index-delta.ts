import { bilingualPairs } from "../knowledge/bilingual-pairs.js";
import { type KnowledgeFile, loadKnowledge } from "../knowledge/load-knowledge.js";
import { assignPermalinks } from "../knowledge/permalink.js";
import type { KnowledgeIssue, Section } from "../knowledge/types.js";
import {
  getSearchLanguage,
  INDEX_FORMAT,
  type KnowledgeBase,
  type KnowledgeBaseOptions,
  type Manifest,
  queryLanguage,
} from "./knowledge-base.js";
import { languageHash } from "./language-data.js";
import { createSearchEngine } from "./search-engine.js";
import { type AnalysedSection, analyseSection, replaceSections } from "./section-index.js";

/**
 * Incremental re-indexing (issue 18): what changed in the notes since an index was built, parsed
 * and analysed (`computeDelta`, in the build worker: jieba and the parser stay off the thread
 * answering questions), then applied to the index being served (`applyDelta`, synchronous and
 * cheap: the term index made again from the integers it holds for the unchanged sections and the
 * changed ones' terms, then the statistics and the question language over the new vocabulary).
 * Same index as a full build over the same notes: the property test
 * test/search/incremental.test.ts holds it.
 */
export interface IndexDelta {
  /** Every file now, in the order a full build lists them, with its hash. */
  files: KnowledgeFile[];
  /** Files whose sections are replaced: changed, added, or gone (display paths). */
  changed: string[];
  /** The changed and added files' sections, in order, with their fields' terms. */
  added: AnalysedSection[];
  /** What parsing the changed files reported, and the links not followed. */
  issues: KnowledgeIssue[];
}

/**
 * When more than this share of the files changed (a checkout, a new folder of notes), a full
 * build is cheaper than removing and inserting most of the index.
 */
export const MAX_CHANGED_SHARE = 0.5;

/**
 * The notes' changes since `previous` was built, or why they call for a full build instead (an
 * index of another format, segmenter, language data or version; most files changed).
 */
export function computeDelta(
  options: KnowledgeBaseOptions,
  previous: Manifest,
  maxChangedShare = MAX_CHANGED_SHARE,
): IndexDelta | string {
  const segmenter = options.segmenter ?? "jieba";
  if (previous.format !== INDEX_FORMAT) return `index format ${previous.format}`;
  if (previous.segmenter !== segmenter) return `index built with segmenter ${previous.segmenter}`;
  if (previous.language !== languageHash()) return "glossary, stop words or flag tables changed";
  if (options.toolVersion && previous.toolVersion !== options.toolVersion)
    return `index built by version ${previous.toolVersion}`;
  const indexing = getSearchLanguage(segmenter);
  const before = new Map(previous.files.map((f) => [f.file, f.sha256]));
  const knowledge = loadKnowledge(options.knowledgeDir, indexing.flags, options.rootDir, {
    followOutsideLinks: options.followOutsideLinks ?? false,
    indexed: before,
  });
  const changed = new Set<string>();
  const after = new Set<string>();
  for (const f of knowledge.files) {
    after.add(f.file);
    if (before.get(f.file) !== f.sha256) changed.add(f.file);
  }
  for (const file of before.keys()) if (!after.has(file)) changed.add(file);
  if (changed.size > Math.max(1, maxChangedShare * Math.max(before.size, after.size)))
    return `${changed.size} of ${after.size} files changed`;
  return {
    files: knowledge.files,
    changed: [...changed],
    added: knowledge.sections.map((s) => analyseSection(s, indexing.analyzer)),
    issues: knowledge.issues.filter((i) => i.code === "refused-link" || changed.has(i.file)),
  };
}

/** Section count after `delta`, without applying it (the reload refuses to empty the index). */
export function sectionsAfter(kb: KnowledgeBase, delta: IndexDelta): number {
  const changed = new Set(delta.changed);
  return kb.engine.index.sections.filter((s) => !changed.has(s.file)).length + delta.added.length;
}

/**
 * The knowledge base with `delta` applied, made in one synchronous step, so no question sees half
 * of it. The previous index is left as it was, but the sections are shared (their permalinks are
 * set anew): the previous knowledge base must not be served after this.
 * Returns why not, without touching the index, when the delta does not fit it (then build in full).
 */
export function applyDelta(kb: KnowledgeBase, delta: IndexDelta): KnowledgeBase | string {
  const changed = new Set(delta.changed);
  const old = kb.engine.index;
  const byFile = new Map<string, Section[]>();
  const add = (s: Section) => {
    const list = byFile.get(s.file);
    if (list) list.push(s);
    else byFile.set(s.file, [s]);
  };
  const removed: string[] = [];
  for (const s of old.sections) {
    if (changed.has(s.file)) removed.push(s.id);
    else add(s);
  }
  for (const a of delta.added) {
    if (!changed.has(a.section.file)) return `section ${a.section.id} is not of a changed file`;
    add(a.section);
  }
  const sections = delta.files.flatMap((f) => byFile.get(f.file) ?? []);
  const ids = new Set<string>();
  for (const s of sections) {
    // A full build tells repeated ids apart (`~2`), by their order over every file: rebuild.
    if (ids.has(s.id)) return `section id ${s.id} repeated`;
    ids.add(s.id);
  }
  if (sections.length !== old.sections.length - removed.length + delta.added.length)
    return "sections of files no longer listed";
  // Permalinks depend on every file (a heading path shared with another file gets a hash): as a full build sets them.
  assignPermalinks(sections);
  const index = replaceSections(old, delta.added, sections);
  const notesGlossary = bilingualPairs(sections);
  const manifest: Manifest = {
    ...kb.manifest,
    files: delta.files,
    sectionCount: sections.length,
    exampleCount: sections.reduce((n, s) => n + s.examples.length, 0),
    builtAt: new Date().toISOString(),
    notesGlossary,
  };
  const language = queryLanguage(index.stats.terms(), notesGlossary, manifest.segmenter);
  const issues = [
    ...kb.issues.filter((i) => i.code !== "refused-link" && !changed.has(i.file)),
    ...delta.issues.filter((i) => i.code === "refused-link" || changed.has(i.file)),
  ];
  return { engine: createSearchEngine(index, language), manifest, issues, origin: { from: "build" } };
}
