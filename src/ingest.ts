import { resolve } from "node:path";
import { buildKnowledgeBase, writeSnapshot } from "./search/knowledge-base.js";
import type { CjkSegmenterName } from "./search/segment-cjk.js";
import { VERSION } from "./version.js";

export interface IngestOptions {
  knowledgeDir: string;
  followOutsideLinks?: boolean;
  indexFile: string;
  segmenter?: CjkSegmenterName;
  rootDir?: string;
}

export interface IngestReport {
  files: number;
  sections: number;
  examples: number;
  repairs: number;
  errors: number;
  bytes: number;
  ms: number;
  indexFile: string;
}

/** Parses the notes, builds the index and writes `data/index.json` (atomically). */
export async function ingest(options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const kb = await buildKnowledgeBase({
    knowledgeDir: options.knowledgeDir,
    followOutsideLinks: options.followOutsideLinks ?? false,
    rootDir: options.rootDir ?? process.cwd(),
    toolVersion: VERSION,
    ...(options.segmenter ? { segmenter: options.segmenter } : {}),
  });
  const bytes = writeSnapshot(kb, options.indexFile);
  return {
    files: kb.manifest.files.length,
    sections: kb.manifest.sectionCount,
    examples: kb.manifest.exampleCount,
    repairs: kb.issues.filter((i) => i.severity === "warning").length,
    errors: kb.issues.filter((i) => i.severity === "error").length,
    bytes,
    ms: performance.now() - started,
    indexFile: resolve(options.indexFile),
  };
}

export function describeIngest(r: IngestReport): string {
  return (
    `Indexed ${r.files} file${r.files === 1 ? "" : "s"}: ${r.sections} sections, ${r.examples} examples ` +
    `(${r.repairs} repairs, ${r.errors} errors; see npm run lint:knowledge) in ${Math.round(r.ms)} ms\n` +
    `Wrote ${r.indexFile} (${(r.bytes / 1024).toFixed(0)} KB)`
  );
}
