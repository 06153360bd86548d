import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { bilingualPairs } from "../knowledge/bilingual-pairs.js";
import { hashKnowledge, type KnowledgeFile, loadKnowledge } from "../knowledge/load-knowledge.js";
import type { KnowledgeIssue } from "../knowledge/types.js";
import { type Analyzer, createAnalyzer, normalize } from "./analyzer.js";
import type { CompactIndex } from "./compact-index.js";
import { compileComplements } from "./complements.js";
import { compileGlossary, compileGlossarySteps, type Glossary } from "./glossary.js";
import {
  type LanguageData,
  languageHash,
  loadLanguageData,
  type ParsedLanguage,
  parsedLanguage,
} from "./language-data.js";
import { compileQuantities } from "./quantities.js";
import { compileScaffolding } from "./scaffolding.js";
import { createSearchEngine, type SearchEngine, type SearchLanguage } from "./search-engine.js";
import {
  buildSectionIndex,
  compactSectionIndex,
  compactSectionIndexInSlices,
  loadSectionIndex,
} from "./section-index.js";
import { type CjkSegmenterName, createVocabularySegmenter } from "./segment-cjk.js";
import { encodeSnapshot, encodeSnapshotInSlices, readBody, readHeader, SNAPSHOT_FORMAT } from "./snapshot-file.js";
import { createSlicer, nextTurn, runSteps, type Steps } from "./time-slices.js";

/**
 * Bumped whenever the snapshot format or the analysis changes, so old snapshots are rebuilt
 * (6: the sections' texts in pools; 5: the term index in typed arrays, no Orama; 4: sections keep
 * their markdown and permalink, for the web pages; 3: the compact MessagePack snapshot of
 * snapshot-file.ts; 2 and before: one JSON object).
 */
export const INDEX_FORMAT = SNAPSHOT_FORMAT;

export interface Manifest {
  format: number;
  toolVersion: string;
  segmenter: CjkSegmenterName;
  /** Hash of the glossary, stop words and flag tables the index was analysed with. */
  language: string;
  files: KnowledgeFile[];
  sectionCount: number;
  exampleCount: number;
  builtAt: string;
  /** Bilingual pairs the notes contain (`Bridge Network（桥接网络）`), as glossary groups: read at ingest, served from here. */
  notesGlossary: string[][];
}

export interface KnowledgeBase {
  engine: SearchEngine;
  manifest: Manifest;
  issues: KnowledgeIssue[];
  /** How it was obtained, and why when it was rebuilt. */
  origin: { from: "snapshot" | "build"; reason?: string };
  /** The snapshot file's bytes when the builder already encoded them (a worker did): saving them costs this thread nothing. */
  saved?: Uint8Array;
}

export interface KnowledgeBaseOptions {
  knowledgeDir: string;
  /** Follow links out of the notes folder (KNOWLEDGE_FOLLOW_OUTSIDE_LINKS); never into /proc, /sys, /dev. */
  followOutsideLinks?: boolean;
  /** Paths are shown relative to this (the project root). */
  rootDir?: string;
  segmenter?: CjkSegmenterName;
  toolVersion?: string;
}

interface Logish {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

const languages = new Map<string, SearchLanguage>();

/**
 * The language notes are indexed with: the segmenter (jieba by default) taught the glossary's
 * words, the glossary, the flag table. Loaded once per process (the Chinese dictionary takes ~200 ms).
 */
export function getSearchLanguage(segmenter: CjkSegmenterName = "jieba"): SearchLanguage {
  let lang = languages.get(segmenter);
  if (!lang) {
    const data = loadLanguageData();
    const analyzer = createAnalyzer({
      flags: data.flags,
      stopwords: data.stopwords,
      segmenter,
      dictionary: data.glossary.flat(),
    });
    // Compiled at first use: indexing never reads the glossary, and compiling it segments its
    // Chinese terms, which would load jieba for notes that have no Chinese at all.
    let glossary: Glossary | undefined;
    lang = Object.defineProperty(languageWithout(data, analyzer), "glossary", {
      enumerable: true,
      get: () => (glossary ??= compileGlossary(data.glossary, analyzer)),
    }) as SearchLanguage;
    languages.set(segmenter, lang);
  }
  return lang;
}

/** The glossary (and the notes' own bilingual pairs) compiled with the analyzer that will read the questions. */
function* languageSteps(data: LanguageData, analyzer: Analyzer, notesGlossary: string[][]): Steps<SearchLanguage> {
  return {
    ...languageWithout(data, analyzer),
    glossary: yield* compileGlossarySteps([...data.glossary, ...notesGlossary], analyzer),
  };
}

/** Everything of a language but its glossary. */
function languageWithout(data: LanguageData, analyzer: Analyzer): Omit<SearchLanguage, "glossary"> {
  return {
    analyzer,
    flags: data.flags,
    scaffolding: compileScaffolding(data.scaffolding),
    quantities: compileQuantities(data.quantities),
    complements: compileComplements(data.complements),
    genericHeadings: data.genericHeadings,
    everyday: data.everyday,
    common: data.common,
  };
}

/**
 * The language questions are read with, for an index whose terms are `terms`. For an index built
 * with jieba, questions are segmented against the Chinese words the index holds (and the
 * glossary's, the notes' pairs, the stop words), whether the index was just built or loaded from
 * a snapshot: the same question then gets the same answer however the index was loaded, and a
 * bot that only answers never loads jieba (docs/SEGMENTATION.md). Other segmenters read
 * questions as they read notes.
 */
export function queryLanguage(
  terms: Iterable<string>,
  notesGlossary: string[][],
  segmenter: CjkSegmenterName = "jieba",
): SearchLanguage {
  return runSteps(queryLanguageSteps(terms, notesGlossary, segmenter));
}

/** `queryLanguage` a step at a time (an incremental reload runs it in slices: the glossary is compiled anew, 20–80 ms). */
export function* queryLanguageSteps(
  terms: Iterable<string>,
  notesGlossary: string[][],
  segmenter: CjkSegmenterName = "jieba",
): Steps<SearchLanguage> {
  const data = loadLanguageData();
  if (segmenter !== "jieba") {
    const { analyzer } = getSearchLanguage(segmenter);
    return yield* languageSteps(data, analyzer, notesGlossary);
  }
  // Stop words too: they must segment as the words they are (怎么, 把), not glue into unknown ones.
  const vocabulary = new Set<string>(
    [...data.glossary.flat(), ...notesGlossary.flat(), ...data.stopwords].map(normalize),
  );
  for (const term of terms) vocabulary.add(term);
  const standalone = [...data.glossary.flat(), ...notesGlossary.flat(), ...data.stopwords].map(normalize);
  const analyzer = createAnalyzer({
    flags: data.flags,
    stopwords: data.stopwords,
    segmenter: createVocabularySegmenter(vocabulary, standalone),
  });
  yield;
  return yield* languageSteps(data, analyzer, notesGlossary);
}

/** Parses every note and indexes it in memory. */
export async function buildKnowledgeBase(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
  const segmenter = options.segmenter ?? "jieba";
  const indexing = getSearchLanguage(segmenter);
  const knowledge = loadKnowledge(options.knowledgeDir, indexing.flags, options.rootDir, {
    followOutsideLinks: options.followOutsideLinks ?? false,
  });
  const index = buildSectionIndex(knowledge.sections, indexing.analyzer);
  const notesGlossary = bilingualPairs(index.sections);
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    toolVersion: options.toolVersion ?? "0",
    segmenter,
    language: languageHash(),
    files: knowledge.files,
    sectionCount: index.sections.length,
    exampleCount: index.sections.reduce((n, s) => n + s.examples.length, 0),
    builtAt: new Date().toISOString(),
    notesGlossary,
  };
  const language = queryLanguage(index.stats.terms(), notesGlossary, segmenter);
  return { engine: createSearchEngine(index, language), manifest, issues: knowledge.issues, origin: { from: "build" } };
}

/** The snapshot file's bytes (snapshot-file.ts): the manifest as a JSON line, then the compact index. */
export function snapshotBytes(manifest: Manifest, index: CompactIndex): Uint8Array {
  return encodeSnapshot(manifest, index, languageFor(manifest));
}

/** The language files as parsed, kept in the snapshot if they are the ones the index was analysed with. */
function languageFor(manifest: Manifest): ParsedLanguage | undefined {
  const parsed = parsedLanguage();
  return parsed?.hash === manifest.language ? parsed : undefined;
}

/** Writes the snapshot to `file` atomically: a reader never sees half a snapshot. */
export function writeSnapshot(kb: KnowledgeBase, file: string): number {
  const bytes = kb.saved ?? snapshotBytes(kb.manifest, compactSectionIndex(kb.engine.index));
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
  return bytes.byteLength;
}

/**
 * `writeSnapshot` for a running bot: the bytes the worker already made, or the index encoded a
 * slice at a time (an incremental reload), written without blocking (atomically, by rename).
 * Returns the bytes written.
 */
export async function saveSnapshot(kb: KnowledgeBase, file: string): Promise<number> {
  const pieces = kb.saved
    ? [kb.saved]
    : await encodeSnapshotInSlices(
        kb.manifest,
        await compactSectionIndexInSlices(kb.engine.index, createSlicer()),
        nextTurn,
        languageFor(kb.manifest),
      );
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, pieces);
  await rename(tmp, file);
  return pieces.reduce((n, p) => n + p.byteLength, 0);
}

/** Lets timers, I/O and other requests run before the next step (time-slices.ts). */
export { nextTurn };

/**
 * A knowledge base from a saved index: the language for questions (a jieba-built index is read
 * with its own vocabulary, so the dictionary is never loaded), the term index, the engine.
 * With `pause`, the event loop runs between the steps (a reload must not stall the bot).
 */
export async function knowledgeBaseFromRaw(
  raw: CompactIndex,
  manifest: Manifest,
  issues: KnowledgeIssue[],
  origin: KnowledgeBase["origin"],
  pause?: () => Promise<void>,
): Promise<KnowledgeBase> {
  await pause?.();
  // Typed arrays copied, checked and their postings counted: one step, 0.17 s at 75,000 sections (load ~5).
  const index = loadSectionIndex(raw);
  await pause?.();
  const language = queryLanguage(index.stats.terms(), manifest.notesGlossary ?? [], manifest.segmenter);
  await pause?.();
  return { engine: createSearchEngine(index, language), manifest, issues, origin };
}

export interface LoadOptions extends KnowledgeBaseOptions {
  indexFile: string;
  logger?: Logish;
  /** How a stale or missing snapshot is rebuilt (default in this thread; the bot uses `buildInWorker`). */
  build?: (options: KnowledgeBaseOptions) => Promise<KnowledgeBase>;
}

/**
 * Loads the snapshot when it matches the notes on disk (same files, same hashes, same format),
 * else rebuilds in memory and says why. Never throws for a bad snapshot.
 */
export async function loadKnowledgeBase(options: LoadOptions): Promise<KnowledgeBase> {
  const segmenter = options.segmenter ?? "jieba";
  const why = await checkSnapshot(options, segmenter);
  if (typeof why !== "string") {
    try {
      // The snapshot holds no issues; links the check refused to follow are worth repeating at every start.
      const kb = await knowledgeBaseFromRaw(why.orama, why.manifest, why.refused, { from: "snapshot" });
      options.logger?.info(
        { indexFile: options.indexFile, sections: kb.engine.index.sections.length },
        "index loaded from snapshot",
      );
      return kb;
    } catch (error) {
      return rebuild(options, `snapshot corrupt: ${(error as Error).message.slice(0, 200)}`);
    }
  }
  return rebuild(options, why);
}

async function rebuild(options: LoadOptions, reason: string): Promise<KnowledgeBase> {
  options.logger?.warn({ indexFile: options.indexFile, reason }, "rebuilding the index in memory");
  const kb = await (options.build ?? buildKnowledgeBase)(options);
  return { ...kb, origin: { from: "build", reason } };
}

/**
 * The snapshot's index when the snapshot matches the notes, else why not. Its body is gunzipped on
 * the thread pool while this thread checks the notes and parses the language files it will need
 * next (issue 18: 0.35 s of gunzip off the load's path at ×50); dropped if the notes changed.
 */
async function checkSnapshot(
  options: KnowledgeBaseOptions & { indexFile: string },
  segmenter: CjkSegmenterName,
): Promise<{ manifest: Manifest; orama: CompactIndex; refused: KnowledgeIssue[] } | string> {
  if (!existsSync(options.indexFile)) return "no snapshot yet";
  let bytes: Buffer;
  try {
    bytes = readFileSync(options.indexFile);
  } catch (error) {
    return `snapshot unreadable: ${(error as Error).message.slice(0, 200)}`;
  }
  const head = readHeader<Manifest>(bytes);
  if (typeof head === "string") return head;
  const m = head.header.manifest;
  if (m.format !== INDEX_FORMAT) return `snapshot format ${m.format}, expected ${INDEX_FORMAT}`;
  if (m.segmenter !== segmenter) return `snapshot built with segmenter ${m.segmenter}`;
  if (m.language !== languageHash()) return "glossary, stop words or flag tables changed since the snapshot";
  if (options.toolVersion && m.toolVersion !== options.toolVersion) return `snapshot built by version ${m.toolVersion}`;
  const body = readBody(bytes, head.bodyAt, head.header.members);
  // If the notes changed, the body is never awaited: its failure then is no news.
  body.catch(() => {});
  const now = hashKnowledge(options.knowledgeDir, options.rootDir ?? process.cwd(), {
    followOutsideLinks: options.followOutsideLinks ?? false,
    known: m.files ?? [],
  });
  const key = (fs: KnowledgeFile[]) =>
    fs
      .map((f) => `${f.file}:${f.sha256}`)
      .sort()
      .join("\n");
  if (key(now.files) !== key(m.files ?? [])) return "knowledge files changed since the snapshot";
  // Read (and cached) now, while the body is still being gunzipped: queryLanguage reads it next. As
  // the snapshot parsed it when it is of the same files: no YAML to parse (0.3 s at first use).
  loadLanguageData(undefined, head.header.language);
  let orama: CompactIndex;
  try {
    orama = await body;
  } catch (error) {
    return `snapshot corrupt: ${(error as Error).message.slice(0, 200)}`;
  }
  return { manifest: m, orama, refused: now.issues };
}
