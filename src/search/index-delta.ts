import { bilingualPairsInSlices } from "../knowledge/bilingual-pairs.js";
import { type KnowledgeFile, loadKnowledge } from "../knowledge/load-knowledge.js";
import { permalinksAfterChange } from "../knowledge/permalink.js";
import type { KnowledgeIssue, Section } from "../knowledge/types.js";
import {
  getSearchLanguage,
  INDEX_FORMAT,
  type KnowledgeBase,
  type KnowledgeBaseOptions,
  type Manifest,
  queryLanguageSteps,
} from "./knowledge-base.js";
import { languageHash } from "./language-data.js";
import { createSearchEngine } from "./search-engine.js";
import { sectionLookupSteps } from "./section-context.js";
import { type AnalysedSection, analyseSection, type DocSource, replaceSections } from "./section-index.js";
import { createSlicer, runStepsInSlices, type Slicer } from "./time-slices.js";

/**
 * Incremental re-indexing (issue 18): what changed in the notes since an index was built, parsed
 * and analysed (`computeDelta`, in the build worker: jieba and the parser stay off the thread
 * answering questions), then applied to the index being served (`applyDelta`, in time slices on
 * that thread: the term index made again from the integers it holds for the unchanged sections
 * and the changed ones' terms, the permalinks and bilingual pairs the change touched, then the
 * statistics and the question language over the new vocabulary).
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
  // Counted, not listed: at ×50 a list of 75,000 sections is made for nothing, on the thread answering questions.
  let count = delta.added.length;
  for (const s of kb.engine.index.sections) if (!changed.has(s.file)) count++;
  return count;
}

/**
 * The knowledge base with `delta` applied, made on the thread answering questions in slices of a
 * few milliseconds (issue 18, round 4: in one block it held the event loop 0.3–0.5 s at
 * docker-cli-docs ×10 and 1.2–1.8 s at ×50), while questions keep reading the served index: it
 * is not modified until the last, synchronous step, which sets the new permalinks of the
 * unchanged sections it shares with the new one (the caller swaps the result in right after:
 * the previous knowledge base must not be served after this). `slicer` decides when to let the
 * event loop run (time-slices.ts; tests pass one that yields at every check).
 * Returns why not, without touching the index, when the delta does not fit it (then build in full).
 */
export async function applyDelta(
  kb: KnowledgeBase,
  delta: IndexDelta,
  slicer: Slicer = createSlicer(),
): Promise<KnowledgeBase | string> {
  const changed = new Set(delta.changed);
  const old = kb.engine.index;
  // Each file's documents in their order: unchanged sections by their position in the served index.
  const byFile = new Map<string, DocSource[]>();
  const add = (file: string, source: DocSource) => {
    const list = byFile.get(file);
    if (list) list.push(source);
    else byFile.set(file, [source]);
  };
  const removed: Section[] = [];
  for (let i = 0; i < old.sections.length; i++) {
    if ((i & 1023) === 0) await slicer.maybe();
    const s = old.sections[i]!;
    if (changed.has(s.file)) removed.push(s);
    else add(s.file, i);
  }
  for (const a of delta.added) {
    if (!changed.has(a.section.file)) return `section ${a.section.id} is not of a changed file`;
    add(a.section.file, a);
  }
  const sources: DocSource[] = [];
  const sections: Section[] = [];
  const ids = new Set<string>();
  for (const f of delta.files) {
    for (const source of byFile.get(f.file) ?? []) {
      if ((sources.length & 1023) === 0) await slicer.maybe();
      const s = typeof source === "number" ? old.sections[source]! : source.section;
      // A full build tells repeated ids apart (`~2`), by their order over every file: rebuild.
      if (ids.has(s.id)) return `section id ${s.id} repeated`;
      ids.add(s.id);
      sources.push(source);
      sections.push(s);
    }
  }
  if (sections.length !== old.sections.length - removed.length + delta.added.length)
    return "sections of files no longer listed";
  // Permalinks depend on every file (a heading path shared with another file gets a hash): as a
  // full build sets them, only the heading paths the change touched worked out again.
  const fresh = new Set(delta.added.map((a) => a.section));
  const links = await permalinksAfterChange(sections, fresh, removed, slicer.maybe);
  for (const s of fresh) s.permalink = links.get(s)!;
  const index = await replaceSections(old, sources, sections, slicer);
  const notesGlossary = await bilingualPairsInSlices(sections, slicer.maybe);
  const manifest: Manifest = {
    ...kb.manifest,
    files: delta.files,
    sectionCount: sections.length,
    exampleCount: sections.reduce((n, s) => n + s.examples.length, 0),
    builtAt: new Date().toISOString(),
    notesGlossary,
  };
  await slicer.maybe();
  const language = await runStepsInSlices(
    queryLanguageSteps(index.stats.terms(), notesGlossary, manifest.segmenter),
    slicer,
  );
  await slicer.maybe();
  const issues = [
    ...kb.issues.filter((i) => i.code !== "refused-link" && !changed.has(i.file)),
    ...delta.issues.filter((i) => i.code === "refused-link" || changed.has(i.file)),
  ];
  // Made now, in slices, or the first question the new index answers would make it in one block.
  const sectionLookup = await runStepsInSlices(sectionLookupSteps(sections), slicer);
  const engine = createSearchEngine(index, language, { sectionLookup });
  // The swap's step: the unchanged sections the change gave another link (questions read the old ones until now).
  for (const [s, link] of links) s.permalink = link;
  return { engine, manifest, issues, origin: { from: "build" } };
}
