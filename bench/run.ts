/**
 * `npm run bench` (a few minutes) or `npm run bench -- --quick` (under a minute): quality and speed
 * against plain Orama and MiniSearch, scale on docker-cli-docs ×1/×10/×50, start-up, Slack and
 * Discord end to end, RSS of the running bot, event-loop stalls during a reload. Prints a table
 * and writes bench/results.json.
 * Every figure is a median over repeats; every comparison is a ratio from this same run.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { buildKnowledgeBase, writeSnapshot } from "../src/search/knowledge-base.js";
import { runCompiledRss } from "./compiled-rss.js";
import { CLI_DOCS_DIR, NOTES_DIR, ROOT } from "./corpus.js";
import { runSlack, runStoreComparison, runVariants } from "./e2e.js";
import { type DiskIngestRow, runDiskIngest } from "./ingest-disk.js";
import { runQuality } from "./quality.js";
import { median, medianOf, round, runWorker } from "./stats.js";

const quick = process.argv.includes("--quick");
/** `--store`: only issue 13's figures (Slack req/s with the store off and on, compiled idle RSS both ways). */
const storeOnly = process.argv.includes("--store");
/** `--replicas`: only issue 16's figures (what PostgreSQL, the shared rate limit and waiting for rows cost an answer). */
const replicasOnly = process.argv.includes("--replicas");
/** `--ingest`: only issue 18's on-disk ingest (`--times 1,10` to choose the copies; default ×1, ×10, ×50). */
const ingestOnly = process.argv.includes("--ingest");
const timesArg = process.argv.indexOf("--times");
const diskScales = timesArg > 0 ? process.argv[timesArg + 1]!.split(",").map(Number) : quick ? [1] : [1, 10, 50];
const plan = quick
  ? {
      qualityRepeats: 3,
      scales: [1],
      scaleRepeats: 1,
      x1Runs: 1,
      startRuns: 2,
      slackSeconds: 5,
      discordCount: 40,
      discordRepeats: 1,
      reloadRepeats: 1,
    }
  : {
      qualityRepeats: 5,
      scales: [1, 10, 50],
      scaleRepeats: 3,
      x1Runs: 3,
      startRuns: 5,
      slackSeconds: 20,
      discordCount: 200,
      discordRepeats: 3,
      reloadRepeats: 3,
    };
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const started = performance.now();
const tmp = mkdtempSync(join(tmpdir(), "bench-"));

type ScaleRow = Record<string, number> & { byKind?: unknown };
interface ReloadStall {
  noteBytes: number;
  worker: {
    maxStallMs: number;
    p99Ms: number;
    reloadMs: number;
    sections: number;
    idleMaxStallMs: number;
    runs: number[];
  };
  mainThread?: { maxStallMs: number; p99Ms: number; reloadMs: number };
  look: { files: number; syncMaxStallMs: number; asyncMaxStallMs: number; asyncMs: number };
}

try {
  log(`${quick ? "quick" : "full"} run on ${cpus().length} cores, node ${process.version}`);
  if (replicasOnly) {
    await replicasBench();
    rmSync(tmp, { recursive: true, force: true });
    process.exit(0);
  }
  if (storeOnly) {
    await storeBench();
    rmSync(tmp, { recursive: true, force: true });
    process.exit(0);
  }
  if (ingestOnly) {
    const disk = await diskIngest();
    writeFileSync(
      join(ROOT, "bench", "results-ingest.json"),
      JSON.stringify({ when: new Date().toISOString(), node: process.version, cores: cpus().length, disk }, null, 2) +
        "\n",
    );
    process.stdout.write(diskTable(disk) + "\n");
    rmSync(tmp, { recursive: true, force: true });
    process.exit(0);
  }

  log("1/6 quality and speed vs baselines (Docker notes, dev set)");
  const quality = await runQuality(plan.qualityRepeats);

  log(`2/6 scale in memory: docker-cli-docs parsed once, replicated ×${plan.scales.join(", ×")}`);
  const notesMix = (await runWorker<ScaleRow>("scale", ["--notes", "--repeats", String(plan.scaleRepeats)])).result;
  const scale: ScaleRow[] = [];
  for (const times of plan.scales) {
    const runs = times === 1 ? plan.x1Runs : 1;
    const results: ScaleRow[] = [];
    for (let i = 0; i < runs; i++) {
      const { result } = await runWorker<ScaleRow>("scale", [
        "--times",
        String(times),
        "--repeats",
        String(plan.scaleRepeats),
      ]);
      results.push(result);
    }
    const { byKind, ...numbers } = results[0]!;
    scale.push({
      ...medianOf(results.map(({ byKind: _b, ...n }) => n as Record<string, number>)),
      ...(runs === 1 ? { byKind } : {}),
    } as ScaleRow);
    void numbers;
    log(`   ×${times}: ${JSON.stringify(scale.at(-1))}`);
  }

  log("3/6 start-up: spawn → index loaded from the snapshot");
  const startup: Record<string, { readyMs: number; loadMs: number; from: string }> = {};
  for (const [name, dir] of [
    ["Docker notes", NOTES_DIR],
    ["docker-cli-docs ×1", CLI_DOCS_DIR],
  ] as const) {
    const file = join(tmp, `${name.replace(/\W+/g, "-")}.json`);
    writeSnapshot(await buildKnowledgeBase({ knowledgeDir: dir, rootDir: ROOT }), file);
    const ready: number[] = [];
    const load: number[] = [];
    let from = "";
    for (let i = 0; i < plan.startRuns; i++) {
      const r = await runWorker<{ loadMs: number; from: string }>("ready", [dir, file]);
      ready.push(r.readyMs!);
      load.push(r.result.loadMs);
      from = r.result.from;
    }
    startup[name] = { readyMs: round(median(ready), 1), loadMs: round(median(load), 1), from };
  }

  log(`4/6 end to end: Slack HTTP (autocannon c=32, ${plan.slackSeconds} s), Discord gateway; 5/6 RSS`);
  const notesSnapshot = join(tmp, "Docker-notes.json");
  const e2e = await runSlack(notesSnapshot, plan.slackSeconds);
  const discord = (
    await runWorker<{ interactions: number; p50: number; p99: number }>("discord", [
      "--count",
      String(plan.discordCount),
      "--repeats",
      String(plan.discordRepeats),
    ])
  ).result;

  // What the tsx loader (a hooks thread with its own V8 heap) adds to a process's RSS: the bench runs
  // the bot from source; the container runs compiled JS with plain node.
  const plainRss = (await runWorker<{ rssMB: number }>("empty", [], {}, false)).result.rssMB;
  const tsxRss = (await runWorker<{ rssMB: number }>("empty")).result.rssMB;
  const loader = { plainNodeMB: plainRss, tsxMB: tsxRss, overheadMB: round(tsxRss - plainRss, 1) };
  log("5/6 RSS of the compiled bot (node dist/main.js, as in the container)");
  const compiled = await runCompiledRss(notesSnapshot);
  log("6/6 event-loop stalls while a 2 MB note is re-indexed (worker vs main thread), and the watcher's look");
  const reload = (await runWorker<ReloadStall>("reload-stall", ["--repeats", String(plan.reloadRepeats)])).result;
  const disk = await diskIngest();
  const notesRow = quality.rows[0]!;
  const x1 = scale.find((s) => s.times === 1);
  const x50 = scale.find((s) => s.times === 50);
  const targets = [
    {
      target: "search p99 (Docker notes, 1,000-query mix)",
      limit: "≤ 1 ms",
      value: notesMix.queryP99!,
      ok: notesMix.queryP99! <= 1,
    },
    {
      target: "answer p99 (Docker notes, dev set, bot.ask)",
      limit: "≤ 1 ms",
      value: notesRow.p99,
      ok: notesRow.p99 <= 1,
    },
    ...(x50
      ? [
          {
            target: "query p99 (docker-cli-docs ×50, 1,000-query mix)",
            limit: "≤ 20 ms",
            value: x50.queryP99!,
            ok: x50.queryP99! <= 20,
          },
        ]
      : []),
    ...(x1
      ? [
          {
            target: "in-memory index docker-cli-docs ×1 (one parse)",
            limit: "≤ 3000 ms",
            value: x1.ingestMs!,
            ok: x1.ingestMs! <= 3000,
          },
        ]
      : []),
    ...diskTargets(disk),
    {
      target: "snapshot load (Docker notes)",
      limit: "≤ 300 ms",
      value: startup["Docker notes"]!.loadMs,
      ok: startup["Docker notes"]!.loadMs <= 300,
    },
    { target: "Slack HTTP req/s at c=32", limit: "≥ 500", value: e2e.slack.reqPerSec, ok: e2e.slack.reqPerSec >= 500 },
    { target: "Slack HTTP p99 at c=32", limit: "≤ 50 ms", value: e2e.slack.p99, ok: e2e.slack.p99 <= 50 },
    {
      target: "idle RSS, Docker notes loaded (compiled bot, Slack HTTP)",
      limit: "≤ 150 MB",
      value: compiled.idleMB,
      ok: compiled.idleMB <= 150,
    },
    { target: "dev-set R@1 (this run)", limit: "≥ 0.90", value: notesRow.r1, ok: notesRow.r1 >= 0.9 },
    {
      target: "longest event-loop stall, 2 MB note re-indexed",
      limit: "≤ 100 ms",
      value: reload.worker.maxStallMs,
      ok: reload.worker.maxStallMs <= 100,
    },
  ];

  const results = {
    when: new Date().toISOString(),
    mode: quick ? "quick" : "full",
    node: process.version,
    cores: cpus().length,
    seconds: round((performance.now() - started) / 1000, 1),
    quality,
    notesMix,
    scale,
    startup,
    loader,
    slack: e2e.slack,
    discord,
    rss: e2e.rss,
    compiled,
    reload,
    disk,
    targets,
  };
  writeFileSync(join(ROOT, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
  process.stdout.write(renderTables(results) + "\n");
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/**
 * Issue 16: what a replica pays to share state. The same Slack HTTP bot with the SQLite store and
 * an in-process limiter (one replica today), with PostgreSQL and an in-process limiter, with the
 * shared limiter (one upsert per command), and with the shared limiter and replies that wait for
 * their row (STORE_WRITE_WAIT_MS=500, the default with DATABASE_URL). Needs PostgreSQL on
 * 127.0.0.1:5432 (BENCH_PG_URL), in a database of its own.
 */
async function replicasBench(): Promise<void> {
  const admin = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const { default: pg } = await import("pg");
  const name = `dnb_bench_${process.pid}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = url.toString();
  try {
    log("replicas: the shared rate limit's statement alone (2,000 takes, 20 users)");
    const takes = await measureTakes(database);
    const snapshot = join(tmp, "Docker-notes.json");
    writeSnapshot(await buildKnowledgeBase({ knowledgeDir: NOTES_DIR, rootDir: ROOT }), snapshot);
    const seconds = quick ? 4 : 6;
    const rounds = quick ? 2 : 3;
    log(`replicas: Slack HTTP c=32, 20 users, ${rounds} rounds × ${seconds} s per variant`);
    const variants = await runVariants(
      snapshot,
      [
        { name: "SQLite store, limit in process", args: ["--store", join(tmp, "bench-replicas.sqlite")] },
        { name: "PostgreSQL store, limit in process", args: ["--database", database, "--limit", "local"] },
        { name: "PostgreSQL, shared limit", args: ["--database", database, "--limit", "shared"] },
        {
          name: "PostgreSQL, shared limit, reply waits for its row",
          args: ["--database", database, "--limit", "shared", "--wait", "500"],
        },
      ],
      seconds,
      rounds,
    );
    const base = variants[0]!;
    const rows = variants.map((v) => [
      v.name,
      v.reqPerSec,
      v.p99,
      v.cpuUsPerAnswer,
      `${round(v.cpuUsPerAnswer - base.cpuUsPerAnswer, 0)} µs`,
      v.errors,
    ]);
    rows.unshift(
      ["one take, in process", "", "", takes.localUs, "", 0],
      [`one take, shared (sequential: ${takes.sequentialUs} µs wall)`, "", "", takes.sharedCpuUs, "", 0],
      [`2,000 takes at c=16 through the pool: ${takes.concurrentPerSec} takes/s`, "", "", "", "", 0],
    );
    const load = loadavg().map((l) => round(l, 1));
    const results = {
      when: new Date().toISOString(),
      node: process.version,
      cores: cpus().length,
      load,
      takes,
      variants,
    };
    writeFileSync(join(ROOT, "bench", "results-replicas.json"), JSON.stringify(results, null, 2) + "\n");
    process.stdout.write(
      table(["replicas bench", "req/s (median)", "p99 ms", "CPU µs per answer", "vs first", "errors"], rows) + "\n",
    );
  } finally {
    await run(`drop database if exists ${name} with (force)`);
  }
}

/** The upsert per command, without the rest of an answer: wall and CPU per take, in process and shared. */
async function measureTakes(
  database: string,
): Promise<{ localUs: number; sharedCpuUs: number; sequentialUs: number; concurrentPerSec: number }> {
  const { createStore, takeToken } = await import("../src/store/index.js");
  const { createRateLimiter } = await import("../src/adapters/rate-limit.js");
  const n = 2000;
  const local = createRateLimiter({ commands: 1e9, windowSeconds: 1 });
  let c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) local.take(`slack:U${i % 20}`);
  let c1 = process.cpuUsage(c0);
  const localUs = round((c1.user + c1.system) / n, 2);
  const store = createStore({ location: { postgres: database }, hashKey: "bench-hash-key-0123456789" });
  try {
    const db = await store.connection();
    const take = (i: number) =>
      takeToken(db, { key: `command|slack:U${i % 20}`, capacity: 1e9, ratePerMs: 1, now: Date.now() });
    for (let i = 0; i < 100; i++) await take(i);
    c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await take(i);
    const sequentialUs = round(((performance.now() - t0) * 1000) / n, 0);
    c1 = process.cpuUsage(c0);
    const sharedCpuUs = round((c1.user + c1.system) / n, 0);
    let next = 0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < n) await take(next++);
      }),
    );
    const concurrentPerSec = round(n / ((performance.now() - t1) / 1000), 0);
    return { localUs, sharedCpuUs, sequentialUs, concurrentPerSec };
  } finally {
    await store.close();
  }
}

/** Issue 13: the store must not cost answers their speed, nor the bot its memory. */
async function storeBench(): Promise<void> {
  const snapshot = join(tmp, "Docker-notes.json");
  writeSnapshot(await buildKnowledgeBase({ knowledgeDir: NOTES_DIR, rootDir: ROOT }), snapshot);
  const seconds = quick ? 4 : 6;
  const rounds = quick ? 2 : 5;
  log(`store: Slack HTTP c=32, ${rounds} rounds × ${seconds} s, store off and on alternated`);
  const cmp = await runStoreComparison(snapshot, join(tmp, "bench-store.sqlite"), seconds, rounds);
  log("store: compiled bot idle RSS, store off then on");
  const off = await runCompiledRss(snapshot, { store: "off" });
  const on = await runCompiledRss(snapshot, { store: "on", build: false });
  const rows = [
    ["Slack HTTP req/s, store off (median)", cmp.offReqPerSec, ""],
    ["Slack HTTP req/s, store on (SQLite)", cmp.onReqPerSec, `ratio ${cmp.ratio} (target ≥ 0.90)`],
    [
      "best round req/s off / on",
      `${cmp.best.offReqPerSec} / ${cmp.best.onReqPerSec}`,
      `ratio ${cmp.best.ratio} (the least disturbed rounds)`,
    ],
    ["best round CPU µs per answer off / on", `${cmp.best.offCpuUs} / ${cmp.best.onCpuUs}`, ""],
    ["Slack HTTP p99 ms off / on", `${cmp.offP99} / ${cmp.onP99}`, ""],
    [
      "bot CPU µs per answer off / on",
      `${cmp.offCpuUs} / ${cmp.onCpuUs}`,
      `ratio ${round(cmp.offCpuUs / Math.max(1, cmp.onCpuUs), 3)} (throughput the store leaves)`,
    ],
    [
      "answered / rows written / dropped (last on round)",
      `${cmp.answered} / ${cmp.written} / ${cmp.dropped}`,
      `errors ${cmp.errors}`,
    ],
    ["compiled bot idle RSS MB, store off", off.idleMB, `after 4 commands ${off.afterCommandsMB}`],
    ["compiled bot idle RSS MB, store on", on.idleMB, `after 4 commands ${on.afterCommandsMB} (target ≤ 150)`],
  ];
  const results = { when: new Date().toISOString(), node: process.version, cores: cpus().length, cmp, off, on };
  writeFileSync(join(ROOT, "bench", "results-store.json"), JSON.stringify(results, null, 2) + "\n");
  process.stdout.write(table(["store bench", "value", "note"], rows) + "\n");
}

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => "| " + r.map((c, i) => c.padEnd(widths[i]!)).join(" | ") + " |";
  return [
    line(cells[0]!),
    "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|",
    ...cells.slice(1).map(line),
  ].join("\n");
}

function renderTables(r: {
  quality: Awaited<ReturnType<typeof runQuality>>;
  scale: ScaleRow[];
  notesMix: ScaleRow;
  loader: { plainNodeMB: number; tsxMB: number; overheadMB: number };
  startup: Record<string, { readyMs: number; loadMs: number; from: string }>;
  slack: Awaited<ReturnType<typeof runSlack>>["slack"];
  discord: { interactions: number; p50: number; p99: number };
  rss: Awaited<ReturnType<typeof runSlack>>["rss"];
  compiled: Awaited<ReturnType<typeof runCompiledRss>>;
  reload: ReloadStall;
  disk: DiskIngestRow[];
  targets: { target: string; limit: string; value: number; ok: boolean }[];
  mode: string;
  seconds: number;
}): string {
  const q = r.quality;
  return [
    `## 1. Quality and speed vs baselines (Docker notes, ${"dev set"}; latency per query, ms)`,
    table(
      ["system", "R@1", "MRR@5", "abstain", "p50", "p99"],
      q.rows.map((x) => [x.system, x.r1, x.mrr5, x.abstain, x.p50, x.p99]),
    ),
    `ratios (this bot ÷ baseline): R@1 ×${q.ratios.r1VsOrama} vs Orama, ×${q.ratios.r1VsMiniSearch} vs MiniSearch; p99 ×${q.ratios.p99VsOrama} vs Orama, ×${q.ratios.p99VsMiniSearch} vs MiniSearch`,
    "",
    "## 2. Scale in memory: Docker notes, docker-cli-docs parsed once and replicated (1,000-query mix; ms, MB)",
    table(
      ["copies", "sections", "parse", "index", "ingest", "heap", "RSS", "snapshot", "load", "q p50", "q p99"],
      [r.notesMix, ...r.scale].map((s) => [
        s === r.notesMix ? "Docker notes" : `cli-docs ×${s.times}`,
        s.sections!,
        s.parseMs!,
        s.indexMs!,
        s.ingestMs!,
        s.heapMB!,
        s.rssMB!,
        s.snapshotMB!,
        s.loadMs!,
        s.queryP50!,
        s.queryP99!,
      ]),
    ),
    "",
    "## 3. Start-up: spawn → index loaded from the snapshot (ms)",
    table(
      ["notes", "spawn → ready", "snapshot load", "from"],
      Object.entries(r.startup).map(([k, v]) => [k, v.readyMs, v.loadMs, v.from]),
    ),
    "",
    "## 4. End to end",
    table(
      ["path", "load", "requests", "req/s", "p50 ms", "p99 ms", "errors"],
      [
        [
          "Slack HTTP (Bolt, signed /docker)",
          `c=${r.slack.connections}, ${r.slack.seconds} s`,
          r.slack.requests,
          r.slack.reqPerSec,
          r.slack.p50,
          r.slack.p99,
          r.slack.errors + r.slack.non2xx,
        ],
        [
          "Discord gateway (dispatch → callback)",
          `sequential, ${r.discord.interactions}`,
          r.discord.interactions,
          "-",
          r.discord.p50,
          r.discord.p99,
          0,
        ],
      ],
    ),
    "",
    "## 5. Running bot memory (Docker notes)",
    table(
      [
        "compiled bot (node dist/main.js, Slack HTTP): idle RSS MB",
        "RSS after 4 commands MB",
        "spawn → /readyz 200 ms",
      ],
      [[r.compiled.idleMB, r.compiled.afterCommandsMB, r.compiled.readyMs]],
    ),
    "",
    "The Slack worker of section 4 (from source under tsx, after GC):",
    table(
      [
        "idle RSS MB",
        "idle heap MB",
        "RSS after the Slack run MB",
        "tsx loader share MB",
        "idle RSS without tsx MB (est.)",
      ],
      [
        [
          r.rss.idleMB,
          r.rss.heapMB,
          r.rss.afterLoadMB,
          r.loader.overheadMB,
          round(r.rss.idleMB - r.loader.overheadMB, 1),
        ],
      ],
    ),
    "",
    `## 6. Event loop while a ${(r.reload.noteBytes / 1e6).toFixed(2)} MB note is re-indexed (monitorEventLoopDelay, ms)`,
    table(
      ["rebuild", "longest stall", "p99 delay", "reload ms"],
      [
        ["worker thread (the bot)", r.reload.worker.maxStallMs, r.reload.worker.p99Ms, r.reload.worker.reloadMs],
        ...(r.reload.mainThread
          ? [
              [
                "main thread (before issue 17)",
                r.reload.mainThread.maxStallMs,
                r.reload.mainThread.p99Ms,
                r.reload.mainThread.reloadMs,
              ],
            ]
          : []),
        ["idle, same length (machine noise)", r.reload.worker.idleMaxStallMs, "-", "-"],
      ],
    ),
    `watcher's look at ${r.reload.look.files} files: longest stall ${r.reload.look.syncMaxStallMs} ms blocking, ${r.reload.look.asyncMaxStallMs} ms asynchronous`,
    "",
    diskTable(r.disk),
    "",
    `## Targets (${r.mode} run, ${r.seconds} s)`,
    table(
      ["target", "limit", "measured", "met"],
      r.targets.map((t) => [t.target, t.limit, t.value, t.ok ? "yes" : "NO"]),
    ),
  ].join("\n");
}

/** Issue 18: `npm run ingest` on N real copies, then a fresh load and a reload after one changed file. */
async function diskIngest(): Promise<DiskIngestRow[]> {
  const rows: DiskIngestRow[] = [];
  for (const times of diskScales) {
    log(`ingest on disk: docker-cli-docs ×${times} (src/cli.ts ingest in a child process)`);
    rows.push(await runDiskIngest(times, tmp));
    log(`   ×${times}: ${JSON.stringify(rows.at(-1))}`);
  }
  return rows;
}

function diskTargets(rows: DiskIngestRow[]): { target: string; limit: string; value: number; ok: boolean }[] {
  const out: { target: string; limit: string; value: number; ok: boolean }[] = [];
  const x10 = rows.find((r) => r.times === 10);
  const x50 = rows.find((r) => r.times === 50);
  if (x10) {
    out.push({
      target: "npm run ingest, docker-cli-docs ×10 on disk (s)",
      limit: "≤ 6",
      value: x10.wallS,
      ok: x10.wallS <= 6,
    });
    out.push({
      target: "one changed file at ×10 answered (ms)",
      limit: "≤ 1000",
      value: x10.reloadMs,
      ok: x10.reloadMs <= 1000,
    });
  }
  for (const r of rows) {
    out.push({ target: `ingest MB/s ×${r.times}`, limit: "≥ 3", value: r.mbPerS, ok: r.mbPerS >= 3 });
    const ratio = Math.round((r.peakRssMB / r.heapMB) * 10) / 10;
    out.push({ target: `ingest peak RSS / loaded heap ×${r.times}`, limit: "≤ 2", value: ratio, ok: ratio <= 2 });
  }
  for (const r of rows.filter((x) => x.times >= 10))
    out.push({
      target: `longest event-loop stall, one file changed ×${r.times} (ms)`,
      limit: "≤ 100",
      value: r.reloadMaxStallMs,
      ok: r.reloadMaxStallMs <= 100,
    });
  if (x50) {
    out.push({ target: "snapshot load ×50 (ms)", limit: "≤ 1500", value: x50.loadMs, ok: x50.loadMs <= 1500 });
    out.push({ target: "idle RSS ×50 loaded (MB)", limit: "≤ 400", value: x50.idleRssMB, ok: x50.idleRssMB <= 400 });
  }
  return out;
}

function diskTable(rows: DiskIngestRow[]): string {
  return [
    "## 7. Ingest on disk: `npm run ingest` on N real copies of docker-cli-docs (child process)",
    table(
      [
        "copies",
        "files",
        "notes MB",
        "wall s",
        "MB/s",
        "peak RSS MB",
        "snapshot MB",
        "load ms",
        "idle RSS MB",
        "heap MB",
        "buffers MB",
        "1 file changed ms",
        "reload",
        "with save ms",
        "longest stall ms",
        "of which saving",
        "idle stall ms",
        "worker warm ms",
      ],
      rows.map((r) => [
        `×${r.times}`,
        r.files,
        r.notesMB,
        r.wallS,
        r.mbPerS,
        r.peakRssMB,
        r.snapshotMB,
        r.loadMs,
        r.idleRssMB,
        r.heapMB,
        r.buffersMB,
        r.reloadMs,
        r.reloadHow,
        r.reloadSavedMs,
        r.reloadMaxStallMs,
        r.reloadSaveMaxStallMs,
        r.idleMaxStallMs,
        r.warmMs,
      ]),
    ),
  ].join("\n");
}
