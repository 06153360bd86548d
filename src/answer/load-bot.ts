import { join } from "node:path";
import type { Logger } from "../logger.js";
import { loadKnowledgeBase } from "../search/knowledge-base.js";
import type { CjkSegmenterName } from "../search/segment-cjk.js";
import { VERSION } from "../version.js";
import type { Bot } from "./bot.js";
import { type BotHooks, createBot } from "./create-bot.js";

export interface LoadBotOptions extends BotHooks {
  /** Default `knowledge/`. */
  knowledgeDir?: string;
  /** Follow links out of the notes folder (KNOWLEDGE_FOLLOW_OUTSIDE_LINKS). */
  followOutsideLinks?: boolean;
  /** Default `data/index.json`; used when it matches the notes, else the index is built in memory. */
  indexFile?: string;
  rootDir?: string;
  segmenter?: CjkSegmenterName;
  logger?: Logger;
}

/** A ready bot over the notes: the quickest way to the core for the CLI, tests and scripts. */
export async function loadBot(options: LoadBotOptions = {}): Promise<Bot> {
  const rootDir = options.rootDir ?? process.cwd();
  const kb = await loadKnowledgeBase({
    knowledgeDir: options.knowledgeDir ?? join(rootDir, "knowledge"),
    indexFile: options.indexFile ?? join(rootDir, "data", "index.json"),
    rootDir,
    toolVersion: VERSION,
    followOutsideLinks: options.followOutsideLinks ?? false,
    ...(options.segmenter ? { segmenter: options.segmenter } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return createBot(() => kb.engine, options);
}
