/**
 * Start-up worker: loads the knowledge base from a snapshot, as the bot does at start, and prints
 * `{"ready": …}` the moment it can answer. The parent times spawn → that line.
 *   node --import tsx bench/workers/ready.ts <knowledgeDir> <indexFile>
 */
import { loadKnowledgeBase } from "../../src/search/knowledge-base.js";
import { ROOT } from "../corpus.js";

const [knowledgeDir, indexFile] = process.argv.slice(2);
const t = performance.now();
const kb = await loadKnowledgeBase({ knowledgeDir: knowledgeDir!, indexFile: indexFile!, rootDir: ROOT });
const loadMs = performance.now() - t;
await kb.engine.search("--restart");
console.log(
  JSON.stringify({
    ready: true,
    from: kb.origin.from,
    reason: kb.origin.reason ?? null,
    loadMs: Math.round(loadMs * 10) / 10,
    sinceProcessStartMs: Math.round(performance.now()),
  }),
);
