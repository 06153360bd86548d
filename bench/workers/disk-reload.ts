/**
 * Disk ingest, second half (bench/ingest-disk.ts): loads the snapshot `npm run ingest` wrote, as
 * the bot does at start (time, then RSS and heap after a GC), then changes one file of the folder
 * and reloads through the watcher the bot runs (`watchKnowledge`, default build, its worker warmed
 * as at the bot's start), timing until the new text is answered (the new index served and
 * searched) and until the reload finished (the snapshot saved too). Meanwhile the main thread's
 * event loop is watched (`monitorEventLoopDelay`, timers ticking every 5 ms as probes and acks
 * would): its longest stall until the swap, and while the snapshot is saved after it (issue 18,
 * round 4: answers must not wait for a reload). `--repeats N` edits and reloads N times (the
 * figures are each run's, in order). Prints one JSON line.
 *   node --import tsx bench/workers/disk-reload.ts <knowledgeDir> <indexFile> [--repeats N]
 */
import { appendFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { silentLogger } from "../../src/logger.js";
import { type KnowledgeRef, watchKnowledge } from "../../src/runtime/reload.js";
import { loadKnowledgeBase } from "../../src/search/knowledge-base.js";
import { VERSION } from "../../src/version.js";
import { ROOT } from "../corpus.js";
import { fullGc, mb, round } from "../stats.js";

const [knowledgeDir, indexFile] = process.argv.slice(2) as [string, string];
const repeatsAt = process.argv.indexOf("--repeats");
const repeats = repeatsAt > 0 ? Number(process.argv[repeatsAt + 1]) : 1;
const options = { knowledgeDir, indexFile, rootDir: ROOT, toolVersion: VERSION, segmenter: "jieba" as const };
const t = performance.now();
const kb = await loadKnowledgeBase(options);
const loadMs = performance.now() - t;
if (kb.origin.from !== "snapshot") throw new Error(`snapshot not used: ${kb.origin.reason}`);
fullGc();
const mem = process.memoryUsage();

/**
 * The event loop watched by a timer every 5 ms, as probes and acks would keep it busy: each gap
 * between two ticks beyond the interval is a stall, kept with when it began, so that a stall is
 * counted in the phase that caused it (the block that ends in the swap is the reload's, though its
 * tick fires after the swap). `monitorEventLoopDelay` over the same stretch gives the headline figure.
 */
function watchLoop() {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const gaps: { from: number; ms: number }[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > 10) gaps.push({ from: last, ms: now - last - 5 });
    last = now;
  }, 5);
  return {
    stop(): { maxMs: number; p99Ms: number; longest: (from: number, to: number) => number } {
      h.disable();
      clearInterval(timer);
      return {
        maxMs: round(h.max / 1e6, 1),
        p99Ms: round(h.percentile(99) / 1e6, 1),
        longest: (from, to) =>
          round(Math.max(0, ...gaps.filter((g) => g.from >= from && g.from < to).map((g) => g.ms)), 1),
      };
    },
  };
}

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
// A running bot has answered before: the first search's compilation is not the reload's stall.
for (const q of ["docker run --restart", "how do I publish a port", "容器"]) await kb.engine.search(q);
const first = (readdirSync(join(knowledgeDir, "copy-0"), { recursive: true }) as string[])
  .filter((f) => f.endsWith(".md"))
  .sort()[0]!;
const runs: {
  reloadMs: number;
  reloadSavedMs: number;
  maxStallMs: number;
  p99Ms: number;
  swapMaxStallMs: number;
  saveMaxStallMs: number;
  how: string;
}[] = [];
for (let r = 0; r < repeats; r++) {
  // The histogram records a delay between two of its own ticks: let the first ones pass first.
  const loop = watchLoop();
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Letters only: the analyzer stems words and splits at digits.
  const word = `zebracorn${[...`${Date.now().toString(36)}${r}`].map((c) => String.fromCharCode(97 + (c.charCodeAt(0) % 26))).join("")}`;
  appendFileSync(join(knowledgeDir, "copy-0", first), `\n\n## Bench edit\n\nThe ${word} option.\n`);
  const t2 = performance.now();
  const outcome = await watcher.reload();
  const savedMs = performance.now() - t2;
  const t3 = performance.now();
  const found = await ref.current.engine.search(word);
  // Answered once the new index is served and searched; saving the snapshot comes after, off the answers' way.
  const reloadMs = swappedAt - t2 + (performance.now() - t3);
  // A stall at the very end is recorded by the next timer: let it fire before reading.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const stalls = loop.stop();
  if (outcome.result !== "swapped" || !found.results.some((x) => x.section.text.includes(word)))
    throw new Error(`the edit is not answered after the reload: ${JSON.stringify(outcome)}`);
  runs.push({
    reloadMs: round(reloadMs, 1),
    reloadSavedMs: round(savedMs, 1),
    maxStallMs: stalls.maxMs,
    p99Ms: stalls.p99Ms,
    swapMaxStallMs: stalls.longest(t2, swappedAt),
    saveMaxStallMs: stalls.longest(swappedAt, Number.POSITIVE_INFINITY),
    how: "how" in outcome ? String(outcome.how) : "full rebuild",
  });
}
// The machine's own noise (two cores shared): the longest stall of an idle stretch as long as a reload.
const idle = watchLoop();
await new Promise((resolve) => setTimeout(resolve, runs[0]!.reloadSavedMs));
const idleMaxStallMs = idle.stop().maxMs;
await watcher.stop();
// What the bot holds once the reload is over and the worker gone (the old index collected).
fullGc();
const after = process.memoryUsage();
const firstRun = runs[0]!;
console.log(
  JSON.stringify({
    loadMs: round(loadMs, 1),
    rssMB: mb(mem.rss),
    heapMB: mb(mem.heapUsed),
    buffersMB: mb(mem.arrayBuffers),
    reloadMs: firstRun.reloadMs,
    reloadSavedMs: firstRun.reloadSavedMs,
    reloadMaxStallMs: firstRun.maxStallMs,
    reloadSwapMaxStallMs: firstRun.swapMaxStallMs,
    reloadSaveMaxStallMs: firstRun.saveMaxStallMs,
    idleMaxStallMs,
    rssAfterReloadMB: mb(after.rss),
    heapAfterReloadMB: mb(after.heapUsed),
    warmMs: round(warmMs, 1),
    how: firstRun.how,
    ...(repeats > 1 ? { runs } : {}),
  }),
);
