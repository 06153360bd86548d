/**
 * Only the start-up load of an existing snapshot (issue 18), nothing else: the code under test is
 * the checkout at <srcRoot> (this one, or another worktree holding the code to compare against),
 * so bench/load-ab.ts can alternate two versions in one run. Prints one JSON line: the load's
 * milliseconds and CPU milliseconds, then RSS and heap after a full GC.
 *   node --import tsx bench/workers/load-snapshot.ts <srcRoot> <knowledgeDir> <indexFile>
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { fullGc, mb, round } from "../stats.js";

const [srcRoot, knowledgeDir, indexFile] = process.argv.slice(2) as [string, string, string];
const from = (file: string) => pathToFileURL(join(srcRoot, "src", file)).href;
const { loadKnowledgeBase } = (await import(
  from("search/knowledge-base.ts")
)) as typeof import("../../src/search/knowledge-base.js");
const { VERSION } = (await import(from("version.ts"))) as typeof import("../../src/version.js");
const cpu = process.cpuUsage();
const t = performance.now();
const kb = await loadKnowledgeBase({
  knowledgeDir,
  indexFile,
  rootDir: srcRoot,
  toolVersion: VERSION,
  segmenter: "jieba",
});
const loadMs = performance.now() - t;
// This process's CPU time over the load, every thread (the thread pool's gunzip too): less noisy than wall time on a busy machine.
const used = process.cpuUsage(cpu);
if (kb.origin.from !== "snapshot") throw new Error(`snapshot not used: ${kb.origin.reason}`);
fullGc();
const mem = process.memoryUsage();
console.log(
  JSON.stringify({
    loadMs: round(loadMs, 1),
    cpuMs: round((used.user + used.system) / 1000, 0),
    rssMB: mb(mem.rss),
    heapMB: mb(mem.heapUsed),
  }),
);
