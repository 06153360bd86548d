/**
 * Scale worker: docker-cli-docs replicated `--times N` (distinct ids and files), indexed in this
 * fresh process so heap and RSS belong to this index alone. Prints one JSON line.
 *   node --import tsx bench/workers/scale.ts --times 10 --repeats 5
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  getSearchLanguage,
  type KnowledgeBase,
  queryLanguage,
  writeSnapshot,
} from "../../src/search/knowledge-base.js";
import { createSearchEngine } from "../../src/search/search-engine.js";
import { buildSectionIndex, loadSectionIndex } from "../../src/search/section-index.js";
import { readBody, readHeader } from "../../src/search/snapshot-file.js";
import { CLI_DOCS_DIR, loadSections, NOTES_DIR, queryMix, replicate } from "../corpus.js";
import { fullGc, latency, mb, median, round } from "../stats.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const times = arg("--times", 1);
const repeats = arg("--repeats", 3);
const loads = arg("--loads", 3);
/** `--notes`: the Docker notes instead of docker-cli-docs (the same query mix). */
const notes = process.argv.includes("--notes");

const t0 = performance.now();
const language = getSearchLanguage();
const languageMs = performance.now() - t0;
const t1 = performance.now();
const base = loadSections(notes ? NOTES_DIR : CLI_DOCS_DIR);
const parseMs = performance.now() - t1;
const sections = replicate(base, times);
const t2 = performance.now();
const index = buildSectionIndex(sections, language.analyzer);
const indexMs = performance.now() - t2;
let engine = createSearchEngine(index, queryLanguage(index.stats.terms(), []));
fullGc();
const mem = process.memoryUsage();

// Snapshot: the same file format as `npm run ingest` (manifest line + compact index).
const dir = mkdtempSync(join(tmpdir(), "bench-scale-"));
const file = join(dir, "index.json");
const kb = {
  engine,
  manifest: {
    format: 0,
    toolVersion: "bench",
    segmenter: "jieba",
    files: [],
    sectionCount: sections.length,
    exampleCount: 0,
    builtAt: "",
    notesGlossary: [],
  },
  issues: [],
  origin: { from: "build" },
} as unknown as KnowledgeBase;
const t3 = performance.now();
writeSnapshot(kb, file);
const saveMs = performance.now() - t3;
const snapshotBytes = statSync(file).size;
const loadTimes: number[] = [];
for (let i = 0; i < loads; i++) {
  const t = performance.now();
  const bytes = readFileSync(file);
  const head = readHeader(bytes);
  if (typeof head === "string") throw new Error(head);
  const compact = await readBody(bytes, head.bodyAt, head.header.members);
  // As the bot serves a snapshot: questions read against the index's own vocabulary.
  const loaded = loadSectionIndex(compact);
  engine = createSearchEngine(loaded, queryLanguage(loaded.stats.terms(), []));
  loadTimes.push(performance.now() - t);
}
rmSync(dir, { recursive: true, force: true });

// Queries against the loaded snapshot, as the running bot would serve them.
const mix = queryMix(1000);
const all = await latency(mix, repeats, (q) => engine.search(q.q));
const byKind: Record<string, { p50: number; p99: number }> = {};
for (const kind of [...new Set(mix.map((q) => q.kind))])
  byKind[kind] = await latency(
    mix.filter((q) => q.kind === kind),
    1,
    (q) => engine.search(q.q),
    0,
  );

console.log(
  JSON.stringify({
    corpus: notes ? "Docker notes" : "docker-cli-docs",
    times,
    sections: sections.length,
    languageMs: round(languageMs, 1),
    parseMs: round(parseMs, 1),
    indexMs: round(indexMs, 1),
    /** docker-cli-docs read and parsed once, then indexed N times over (copies share the parse). */
    ingestMs: round(parseMs + indexMs, 1),
    heapMB: mb(mem.heapUsed),
    rssMB: mb(mem.rss),
    snapshotMB: mb(snapshotBytes),
    saveMs: round(saveMs, 1),
    loadMs: round(median(loadTimes), 1),
    queryP50: all.p50,
    queryP99: all.p99,
    byKind,
  }),
);
