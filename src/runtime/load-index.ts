import { accessSync, constants, existsSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "../logger.js";
import { buildInWorker } from "../search/build-in-worker.js";
import {
  type KnowledgeBase,
  type KnowledgeBaseOptions,
  loadKnowledgeBase,
  saveSnapshot,
} from "../search/knowledge-base.js";
import type { CjkSegmenterName } from "../search/segment-cjk.js";
import { VERSION } from "../version.js";

export interface LoadIndexOptions {
  knowledgeDir: string;
  followOutsideLinks?: boolean;
  indexFile: string;
  rootDir: string;
  segmenter: CjkSegmenterName;
  logger: Logger;
  /** How a stale snapshot is rebuilt (default `buildInWorker`: /healthz keeps answering meanwhile). */
  build?: (options: KnowledgeBaseOptions) => Promise<KnowledgeBase>;
}

/**
 * The snapshot when it matches the notes; otherwise (a fresh clone, edited notes, a mounted
 * folder in a container) a build in memory, saved for next time when the folder is writable.
 */
export async function loadIndex(options: LoadIndexOptions): Promise<KnowledgeBase> {
  const { logger } = options;
  if (!existsSync(options.knowledgeDir)) {
    logger.warn(
      { knowledgeDir: options.knowledgeDir },
      "knowledge folder not found; the bot will know nothing (set KNOWLEDGE_DIR)",
    );
  }
  const started = performance.now();
  const kb = await loadKnowledgeBase({
    knowledgeDir: options.knowledgeDir,
    indexFile: options.indexFile,
    rootDir: options.rootDir,
    segmenter: options.segmenter,
    toolVersion: VERSION,
    followOutsideLinks: options.followOutsideLinks ?? false,
    build: options.build ?? buildInWorker,
    logger,
  });
  const ms = Math.round(performance.now() - started);
  if (kb.origin.from === "build") {
    const errors = kb.issues.filter((i) => i.severity === "error");
    for (const i of errors)
      logger.error({ file: i.file, line: i.line, code: i.code }, `${i.file}:${i.line}: ${i.message}`);
    const repairs = kb.issues.length - errors.length;
    logger.info(
      { sections: kb.manifest.sectionCount, examples: kb.manifest.exampleCount, repairs, errors: errors.length, ms },
      "index built",
    );
    if (writable(options.indexFile)) {
      try {
        await saveSnapshot(kb, options.indexFile);
        logger.info({ indexFile: options.indexFile }, "index saved; the next start loads it");
      } catch (error) {
        logger.warn(
          { indexFile: options.indexFile, err: error },
          "could not save the index; it is rebuilt at every start",
        );
      }
    } else {
      logger.warn(
        { indexFile: options.indexFile },
        "index folder is not writable; the index is rebuilt at every start",
      );
    }
    delete kb.saved;
  } else {
    // Links the snapshot check did not follow: named at every start, as a build would.
    for (const i of kb.issues)
      logger.error({ file: i.file, line: i.line, code: i.code }, `${i.file}:${i.line}: ${i.message}`);
    logger.info({ sections: kb.manifest.sectionCount, builtAt: kb.manifest.builtAt, ms }, "index ready");
  }
  return kb;
}

/** The file, or the nearest existing folder above it, accepts writes (mkdir -p would succeed). */
/** The save writes a temporary file beside the index and renames it: the folder must be writable. */
function writable(file: string): boolean {
  let p = dirname(file);
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) return false;
    p = up;
  }
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
