/** Small statistics and process helpers shared by the benchmark sections. */
import { spawn } from "node:child_process";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

/** Nearest-rank quantile (q in 0..1) of an unsorted sample. */
export function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** Median of each field over repeated runs. */
export function medianOf<T extends Record<string, number>>(runs: T[]): T {
  const out: Record<string, number> = {};
  for (const k of Object.keys(runs[0] ?? {})) out[k] = median(runs.map((r) => r[k]!));
  return out as T;
}

export const round = (x: number, digits = 3): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);
export const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

let gcFn: (() => void) | undefined;
/** A full GC (exposes `gc` at run time, so no node flag is needed). */
export function fullGc(): void {
  if (!gcFn) {
    setFlagsFromString("--expose-gc");
    gcFn = runInNewContext("gc") as () => void;
  }
  gcFn();
  gcFn();
}

/** Times `fn` over every item, `repeats` times over the list; returns per-call milliseconds. */
export async function timeEach<T>(items: T[], repeats: number, fn: (item: T) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const item of items) {
      const t = performance.now();
      await fn(item);
      out.push(performance.now() - t);
    }
  }
  return out;
}

/**
 * p50/p99 per repeat, then the median of each over the repeats (a noisy repeat does not decide).
 * A repeat runs the list as often as it takes to have at least 1,000 samples, so a p99 is not a max.
 */
export async function latency<T>(
  items: T[],
  repeats: number,
  fn: (item: T) => unknown,
  warmup = 1,
): Promise<{ p50: number; p99: number }> {
  await timeEach(items, warmup, fn);
  const p50s: number[] = [];
  const p99s: number[] = [];
  const passes = Math.max(1, Math.ceil(1000 / items.length));
  for (let r = 0; r < repeats; r++) {
    const xs = await timeEach(items, passes, fn);
    p50s.push(quantile(xs, 0.5));
    p99s.push(quantile(xs, 0.99));
  }
  return { p50: round(median(p50s), 4), p99: round(median(p99s), 4) };
}

export interface WorkerResult<T> {
  result: T;
  /** Milliseconds from spawn to the first `{"ready":…}` line (start-up), if the worker printed one. */
  readyMs?: number;
}

/** Runs `node --import tsx bench/workers/<name>.ts args…` (or plain `node <name>.mjs`) and parses the last JSON line of its stdout. */
export function runWorker<T>(
  name: string,
  args: string[] = [],
  env: Record<string, string> = {},
  tsx = true,
): Promise<WorkerResult<T>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const entry = tsx ? ["--import", "tsx", `bench/workers/${name}.ts`] : [`bench/workers/${name}.mjs`];
    const child = spawn(process.execPath, [...entry, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let readyMs: number | undefined;
    child.stdout.on("data", (chunk: Buffer) => {
      if (readyMs === undefined && chunk.toString().includes('{"ready"')) readyMs = performance.now() - started;
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out
        .trim()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .at(-1);
      if (code !== 0 || !line) return reject(new Error(`worker ${name} exited ${code}: ${err.slice(-2000)}`));
      resolve({ result: JSON.parse(line) as T, ...(readyMs !== undefined ? { readyMs } : {}) });
    });
  });
}
