/**
 * Ingest as users run it (issue 18): docker-cli-docs copied N times into a temporary folder (real
 * files, each parsed), then `npm run ingest`'s own code path (`src/cli.ts ingest`) in a child
 * process under /usr/bin/time: wall time, MB/s of markdown, peak RSS, snapshot size. Then a fresh
 * process loads that snapshot (load time, idle RSS) and reloads after one file changed, watching
 * its event loop meanwhile (the longest stall).
 * The corpus is read from ../shared and copied to the OS temp folder, never into the repo.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { CLI_DOCS_DIR, ROOT } from "./corpus.js";
import { mb, round, runWorker } from "./stats.js";

export interface DiskIngestRow {
  times: number;
  files: number;
  notesMB: number;
  /** `src/cli.ts ingest` wall time, spawn to exit (tsx start-up included: what a user waits for). */
  wallS: number;
  mbPerS: number;
  peakRssMB: number;
  snapshotMB: number;
  /** A fresh process: snapshot read and served (ms), its RSS and heap after a GC. */
  loadMs: number;
  idleRssMB: number;
  heapMB: number;
  /**
   * The loaded index's array buffers (its term ids and postings in typed arrays, the snapshot's
   * text pools): index memory outside the JS heap, which `heapMB` does not count.
   */
  buffersMB: number;
  /** One file changed: the watcher's reload until the new text is answered (ms), and how it was done. */
  reloadMs: number;
  /** The same reload until it finished: the snapshot saved too (ms). */
  reloadSavedMs: number;
  /** The main thread's longest event-loop stall during that reload, the save included (ms). */
  reloadMaxStallMs: number;
  /** Of which the longest that began while the snapshot was saved, after the swap (ms). */
  reloadSaveMaxStallMs: number;
  /** The longest stall of an idle stretch as long as the reload, in the same process: the machine's noise (ms). */
  idleMaxStallMs: number;
  /** Starting the watcher's reload worker (tsx, the flag tables, jieba), before the edit (ms). */
  warmMs: number;
  reloadHow: string;
}

/** Builds `<dir>/copy-<i>/…` for i < times; returns the files' total bytes and count. */
export function copyCorpus(dir: string, times: number): { bytes: number; files: number } {
  for (let i = 0; i < times; i++) cpSync(CLI_DOCS_DIR, join(dir, `copy-${i}`), { recursive: true });
  let bytes = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".md")) {
        bytes += statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

/** Runs the CLI's ingest under /usr/bin/time; wall seconds and peak RSS (KB → MB). */
function timedIngest(knowledgeDir: string, indexFile: string): Promise<{ wallS: number; peakRssMB: number }> {
  return new Promise((resolve, reject) => {
    const time = existsSync("/usr/bin/time");
    const node = [process.execPath, "--import", "tsx", "src/cli.ts", "ingest"];
    const [cmd, ...args] = time ? ["/usr/bin/time", "-f", "TIME %e %M", ...node] : node;
    const started = performance.now();
    const child = spawn(cmd!, args, {
      cwd: ROOT,
      env: { ...process.env, KNOWLEDGE_DIR: knowledgeDir, INDEX_FILE: indexFile, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stdout.resume();
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const wall = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`ingest exited ${code}: ${err.slice(-2000)}`));
      const m = /TIME ([\d.]+) (\d+)/.exec(err);
      resolve({ wallS: round(m ? Number(m[1]) : wall, 2), peakRssMB: m ? round(Number(m[2]) / 1024, 0) : NaN });
    });
  });
}

export async function runDiskIngest(times: number, tmp: string): Promise<DiskIngestRow> {
  const dir = join(tmp, `notes-x${times}`);
  mkdirSync(dir, { recursive: true });
  try {
    const { bytes, files } = copyCorpus(dir, times);
    const indexFile = join(tmp, `index-x${times}.json`);
    const { wallS, peakRssMB } = await timedIngest(dir, indexFile);
    const snapshotBytes = statSync(indexFile).size;
    const load = (
      await runWorker<{
        loadMs: number;
        rssMB: number;
        heapMB: number;
        buffersMB: number;
        reloadMs: number;
        reloadSavedMs: number;
        reloadMaxStallMs: number;
        reloadSaveMaxStallMs: number;
        idleMaxStallMs: number;
        warmMs: number;
        how: string;
      }>("disk-reload", [dir, indexFile])
    ).result;
    rmSync(indexFile, { force: true });
    return {
      times,
      files,
      notesMB: mb(bytes),
      wallS,
      mbPerS: round(bytes / 1024 / 1024 / wallS, 2),
      peakRssMB,
      snapshotMB: mb(snapshotBytes),
      loadMs: load.loadMs,
      idleRssMB: load.rssMB,
      heapMB: load.heapMB,
      buffersMB: load.buffersMB,
      reloadMs: load.reloadMs,
      reloadSavedMs: load.reloadSavedMs,
      reloadMaxStallMs: load.reloadMaxStallMs,
      reloadSaveMaxStallMs: load.reloadSaveMaxStallMs,
      idleMaxStallMs: load.idleMaxStallMs,
      warmMs: load.warmMs,
      reloadHow: load.how,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
