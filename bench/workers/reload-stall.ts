/**
 * Event-loop stalls while the bot reloads its notes (issue 17): a 2 MB note is added to a watched
 * folder and the index rebuilt, once on the main thread (the old way, for comparison) and once in
 * a worker (what the bot does); `perf_hooks.monitorEventLoopDelay` records the longest stall of
 * each. Also the watcher's look at a large tree of notes: the blocking walk against the
 * asynchronous one.
 * The machine is shared: an idle stretch of the same length is measured too, as the noise floor.
 *   node --import tsx bench/workers/reload-stall.ts [--repeats N] [--skip-main-thread]
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { silentLogger } from "../../src/logger.js";
import { type KnowledgeRef, signature, signatureSync, watchKnowledge } from "../../src/runtime/reload.js";
import { buildInWorker } from "../../src/search/build-in-worker.js";
import { buildKnowledgeBase, type KnowledgeBaseOptions } from "../../src/search/knowledge-base.js";
import { NOTES_DIR } from "../corpus.js";

const skipMainThread = process.argv.includes("--skip-main-thread");
const repeatsAt = process.argv.indexOf("--repeats");
const repeats = repeatsAt > 0 ? Number(process.argv[repeatsAt + 1]) : 1;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const root = mkdtempSync(join(tmpdir(), "bench-reload-"));
const round = (n: number) => Math.round(n * 10) / 10;

/** A note of about 2 MB (under MAX_FILE_BYTES): the Docker notes repeated with distinct headings. */
function bigNote(): string {
  const base = readFileSync(join(NOTES_DIR, "docker-notes.md"), "utf8");
  let text = "";
  for (let i = 0; Buffer.byteLength(text) < 2_000_000 - Buffer.byteLength(base) - 1000; i++)
    text += base.replace(/^(#+ .*)$/gm, `$1 (${i})`) + "\n";
  return text;
}

/** Runs `work` while recording event-loop delay; the longest stall and the 99th percentile, in ms. */
async function stalls<T>(work: () => Promise<T>): Promise<{ maxMs: number; p99Ms: number; ms: number; value: T }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  // A steady stream of timers, as probes and acks would be, so a stall is seen when it happens.
  const tick = setInterval(() => undefined, 5);
  h.enable();
  // The histogram records a delay between two of its own ticks: let the first ones pass before working.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  // A stall at the very end is recorded by the next timer: let it fire before reading.
  await new Promise((resolve) => setTimeout(resolve, 50));
  h.disable();
  clearInterval(tick);
  return { maxMs: round(h.max / 1e6), p99Ms: round(h.percentile(99) / 1e6), ms: Math.round(ms), value };
}

async function reloadWith(name: string, build: (o: KnowledgeBaseOptions) => Promise<unknown>) {
  const dir = join(root, `${name}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  cpSync(join(NOTES_DIR, "docker-notes.md"), join(dir, "docker-notes.md"));
  const options = { knowledgeDir: dir, rootDir: root, segmenter: "jieba" as const };
  const ref: KnowledgeRef = { current: await buildKnowledgeBase(options) };
  const watcher = watchKnowledge({
    ...options,
    ref,
    logger: silentLogger,
    build: build as (o: KnowledgeBaseOptions) => Promise<KnowledgeRef["current"]>,
    indexFile: join(root, `${name}.json`),
  });
  writeFileSync(join(dir, "big.md"), bigNote());
  const r = await stalls(() => watcher.reload());
  await watcher.stop();
  if (r.value.result !== "swapped") throw new Error(`${name}: reload ${JSON.stringify(r.value)}`);
  return { maxStallMs: r.maxMs, p99Ms: r.p99Ms, reloadMs: r.ms, sections: r.value.sections };
}

try {
  const noteBytes = Buffer.byteLength(bigNote());
  const runs: Awaited<ReturnType<typeof reloadWith>>[] = [];
  const idle: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const run = await reloadWith("worker", buildInWorker);
    runs.push(run);
    // Nothing but timers for as long as the reload took: what the machine alone does to the loop.
    idle.push((await stalls(() => new Promise((resolve) => setTimeout(resolve, run.reloadMs)))).maxMs);
  }
  const worker = {
    maxStallMs: median(runs.map((r) => r.maxStallMs)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    reloadMs: median(runs.map((r) => r.reloadMs)),
    sections: runs[0]!.sections,
    idleMaxStallMs: median(idle),
    runs: runs.map((r) => r.maxStallMs),
  };
  const mainThread = skipMainThread ? undefined : await reloadWith("main-thread", buildKnowledgeBase);

  // The watcher's look at a large tree (a wiki, or a folder link into a big tree): 20,000 notes in 200 folders.
  const tree = join(root, "tree");
  for (let d = 0; d < 200; d++) {
    mkdirSync(join(tree, `section-${d}`, "deeper"), { recursive: true });
    for (let f = 0; f < 100; f++)
      writeFileSync(join(tree, `section-${d}`, f % 2 ? "deeper" : "", `note-${f}.md`), `# Note ${d}.${f}\n`);
  }
  const syncLook = await stalls(async () => signatureSync(tree));
  const asyncLook = await stalls(() => signature(tree));
  const files = syncLook.value.split("\n").length;
  console.log(
    JSON.stringify({
      noteBytes,
      worker,
      ...(mainThread ? { mainThread } : {}),
      look: { files, syncMaxStallMs: syncLook.maxMs, asyncMaxStallMs: asyncLook.maxMs, asyncMs: asyncLook.ms },
    }),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
