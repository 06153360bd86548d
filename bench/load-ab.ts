/**
 * The ×N snapshot load, A/B (issue 18): each version (a checkout's root and the snapshot its own
 * ingest wrote for the same notes folder) loaded in a fresh process, the versions alternated, so a
 * busy moment of the shared machine falls on both. Prints each run with the load average, then
 * the medians.
 *   npx tsx bench/load-ab.ts --notes <dir> --repeats 6 <rootA>=<indexA> <rootB>=<indexB> …
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { ROOT } from "./corpus.js";
import { median, round } from "./stats.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at < 0 ? fallback : args.splice(at, 2)[1]!;
};
const notes = option("--notes", "");
const repeats = Number(option("--repeats", "6"));
const versions = args.map((a) => {
  const [root, index] = a.split("=") as [string, string];
  return { root, index, runs: [] as { loadMs: number; cpuMs: number; rssMB: number }[] };
});
if (!notes || versions.length === 0) throw new Error("usage: --notes <dir> [--repeats n] <root>=<index> …");

for (let r = 0; r < repeats; r++) {
  // Alternate which version goes first too.
  const order = r % 2 ? [...versions].reverse() : versions;
  for (const v of order) {
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", join(ROOT, "bench", "workers", "load-snapshot.ts"), v.root, notes, v.index],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, LOG_LEVEL: "error" } },
    );
    const result = JSON.parse(out.trim().split("\n").at(-1)!) as { loadMs: number; cpuMs: number; rssMB: number };
    v.runs.push(result);
    console.log(
      `${v.root}\tload ${result.loadMs} ms\tCPU ${result.cpuMs} ms\tRSS ${result.rssMB} MB\tloadavg ${loadavg()[0]!.toFixed(2)}`,
    );
  }
}
for (const v of versions)
  console.log(
    `median ${v.root}: load ${round(median(v.runs.map((x) => x.loadMs)), 1)} ms (${v.runs
      .map((x) => x.loadMs)
      .join(
        ", ",
      )}), CPU ${median(v.runs.map((x) => x.cpuMs))} ms, RSS ${round(median(v.runs.map((x) => x.rssMB)), 1)} MB`,
  );
