import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { RawData } from "@orama/orama";
import { bilingualPairs } from "../knowledge/bilingual-pairs.js";
import { hashKnowledge, type KnowledgeFile, loadKnowledge } from "../knowledge/load-knowledge.js";
import type { KnowledgeIssue } from "../knowledge/types.js";
import { type Analyzer, createAnalyzer, normalize } from "./analyzer.js";
import { compileGlossary } from "./glossary.js";
import { snapshotTerms } from "./index-stats.js";
import { type LanguageData, languageHash, loadLanguageData } from "./language-data.js";
import { compileScaffolding } from "./scaffolding.js";
import { createSearchEngine, type SearchEngine, type SearchLanguage } from "./search-engine.js";
import { buildSectionIndex, loadSectionIndex, saveSectionIndex } from "./section-index.js";
import { type CjkSegmenterName, createVocabularySegmenter } from "./segment-cjk.js";

/** Bumped whenever the snapshot format or the analysis changes, so old snapshots are rebuilt. */
export const INDEX_FORMAT = 2;

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
}

export interface KnowledgeBaseOptions {
  knowledgeDir: string;
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
    lang = languageOf(
      data,
      createAnalyzer({ flags: data.flags, stopwords: data.stopwords, segmenter, dictionary: data.glossary.flat() }),
      [],
    );
    languages.set(segmenter, lang);
  }
  return lang;
}

/** The glossary (and the notes' own bilingual pairs) compiled with the analyzer that will read the questions. */
function languageOf(data: LanguageData, analyzer: Analyzer, notesGlossary: string[][]): SearchLanguage {
  return {
    analyzer,
    glossary: compileGlossary([...data.glossary, ...notesGlossary], analyzer),
    flags: data.flags,
    scaffolding: compileScaffolding(data.scaffolding),
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
  const data = loadLanguageData();
  if (segmenter !== "jieba") {
    const { analyzer } = getSearchLanguage(segmenter);
    return languageOf(data, analyzer, notesGlossary);
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
  return languageOf(data, analyzer, notesGlossary);
}

/** Parses every note and indexes it in memory. */
export async function buildKnowledgeBase(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
  const segmenter = options.segmenter ?? "jieba";
  const indexing = getSearchLanguage(segmenter);
  const knowledge = loadKnowledge(options.knowledgeDir, indexing.flags, options.rootDir);
  const index = await buildSectionIndex(knowledge.sections, indexing.analyzer);
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

/** Writes `{ manifest, orama }` to `file` atomically: a reader never sees half a snapshot. */
export function writeSnapshot(kb: KnowledgeBase, file: string): number {
  const json = JSON.stringify({ manifest: kb.manifest, orama: saveSectionIndex(kb.engine.index) });
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, json);
  renameSync(tmp, file);
  return json.length;
}

/**
 * Loads the snapshot when it matches the notes on disk (same files, same hashes, same format),
 * else rebuilds in memory and says why. Never throws for a bad snapshot.
 */
export async function loadKnowledgeBase(
  options: KnowledgeBaseOptions & { indexFile: string; logger?: Logish },
): Promise<KnowledgeBase> {
  const segmenter = options.segmenter ?? "jieba";
  const why = checkSnapshot(options, segmenter);
  if (typeof why !== "string") {
    try {
      const language = queryLanguage(snapshotTerms(why.orama), why.manifest.notesGlossary ?? [], segmenter);
      // A loaded index is never written to: the tokenizer Orama keeps for inserts is the question reader.
      const index = loadSectionIndex(why.orama, language.analyzer);
      options.logger?.info(
        { indexFile: options.indexFile, sections: index.sections.length },
        "index loaded from snapshot",
      );
      return {
        engine: createSearchEngine(index, language),
        manifest: why.manifest,
        issues: [],
        origin: { from: "snapshot" },
      };
    } catch (error) {
      return rebuild(options, `snapshot corrupt: ${(error as Error).message.slice(0, 200)}`);
    }
  }
  return rebuild(options, why);
}

async function rebuild(
  options: KnowledgeBaseOptions & { indexFile: string; logger?: Logish },
  reason: string,
): Promise<KnowledgeBase> {
  options.logger?.warn({ indexFile: options.indexFile, reason }, "rebuilding the index in memory");
  const kb = await buildKnowledgeBase(options);
  return { ...kb, origin: { from: "build", reason } };
}

function checkSnapshot(
  options: KnowledgeBaseOptions & { indexFile: string },
  segmenter: CjkSegmenterName,
): { manifest: Manifest; orama: RawData } | string {
  if (!existsSync(options.indexFile)) return "no snapshot yet";
  let parsed: { manifest?: Manifest; orama?: RawData };
  try {
    parsed = JSON.parse(readFileSync(options.indexFile, "utf8")) as typeof parsed;
  } catch (error) {
    return `snapshot unreadable: ${(error as Error).message.slice(0, 200)}`;
  }
  const m = parsed?.manifest;
  if (!m || !parsed.orama || typeof parsed.orama !== "object") return "snapshot has no manifest or index";
  if (m.format !== INDEX_FORMAT) return `snapshot format ${m.format}, expected ${INDEX_FORMAT}`;
  if (m.segmenter !== segmenter) return `snapshot built with segmenter ${m.segmenter}`;
  if (m.language !== languageHash()) return "glossary, stop words or flag tables changed since the snapshot";
  if (options.toolVersion && m.toolVersion !== options.toolVersion) return `snapshot built by version ${m.toolVersion}`;
  const now = hashKnowledge(options.knowledgeDir, options.rootDir ?? process.cwd());
  const key = (fs: KnowledgeFile[]) =>
    fs
      .map((f) => `${f.file}:${f.sha256}`)
      .sort()
      .join("\n");
  if (key(now) !== key(m.files ?? [])) return "knowledge files changed since the snapshot";
  return { manifest: m, orama: parsed.orama };
}
