/**
 * Disk ingest, second half (bench/ingest-disk.ts): loads the snapshot `npm run ingest` wrote, as
 * the bot does at start (time, then RSS and heap after a GC), then changes one file of the folder
 * and reloads through the watcher the bot runs (`watchKnowledge`, default build, its worker warmed
 * as at the bot's start), timing until the new text is answered (the new index served and
 * searched) and until the reload finished (the snapshot saved too). Prints one JSON line.
 *   node --import tsx bench/workers/disk-reload.ts <knowledgeDir> <indexFile>
 */
import { appendFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { silentLogger } from "../../src/logger.js";
import { type KnowledgeRef, watchKnowledge } from "../../src/runtime/reload.js";
import { loadKnowledgeBase } from "../../src/search/knowledge-base.js";
import { VERSION } from "../../src/version.js";
import { ROOT } from "../corpus.js";
import { fullGc, mb, round } from "../stats.js";

const [knowledgeDir, indexFile] = process.argv.slice(2) as [string, string];
const options = { knowledgeDir, indexFile, rootDir: ROOT, toolVersion: VERSION, segmenter: "jieba" as const };
const t = performance.now();
const kb = await loadKnowledgeBase(options);
const loadMs = performance.now() - t;
if (kb.origin.from !== "snapshot") throw new Error(`snapshot not used: ${kb.origin.reason}`);
fullGc();
const mem = process.memoryUsage();

// When the new index is served (a swap is one assignment): the reload then still saves the snapshot.
let served = kb;
let swappedAt = Number.NaN;
const ref: KnowledgeRef = {
  get current() {
    return served;
  },
  set current(next) {
    served = next;
    swappedAt = performance.now();
  },
};
const watcher = watchKnowledge({ ...options, ref, logger: silentLogger });
// As the bot does at start (watcher.start()): the reload worker loads its language before any edit.
const w = performance.now();
await watcher.warm();
const warmMs = performance.now() - w;
const first = (readdirSync(join(knowledgeDir, "copy-0"), { recursive: true }) as string[])
  .filter((f) => f.endsWith(".md"))
  .sort()[0]!;
// Letters only: the analyzer stems words and splits at digits.
const word = `zebracorn${[...Date.now().toString(36)].filter((c) => /[a-z]/.test(c)).join("")}`;
appendFileSync(join(knowledgeDir, "copy-0", first), `\n\n## Bench edit\n\nThe ${word} option.\n`);
const t2 = performance.now();
const outcome = await watcher.reload();
const savedMs = performance.now() - t2;
const t3 = performance.now();
const found = await ref.current.engine.search(word);
// Answered once the new index is served and searched; saving the snapshot comes after, off the answers' way.
const reloadMs = swappedAt - t2 + (performance.now() - t3);
await watcher.stop();
if (outcome.result !== "swapped" || !found.results.some((r) => r.section.text.includes(word)))
  throw new Error(`the edit is not answered after the reload: ${JSON.stringify(outcome)}`);
console.log(
  JSON.stringify({
    loadMs: round(loadMs, 1),
    rssMB: mb(mem.rss),
    heapMB: mb(mem.heapUsed),
    reloadMs: round(reloadMs, 1),
    reloadSavedMs: round(savedMs, 1),
    warmMs: round(warmMs, 1),
    how: "how" in outcome ? String(outcome.how) : "full rebuild",
  }),
);
