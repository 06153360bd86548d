/**
 * The running bot for the end-to-end and memory sections: the real Bolt app in HTTP mode over the
 * Docker notes (index loaded from the snapshot), Web API pointed at the loopback fake. Prints
 * `{"ready":…,"port":…}`; then each line on stdin ("rss") is answered with the memory after a full GC.
 */
import { createInterface } from "node:readline";
import { createSlackApp } from "../../src/adapters/slack/index.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { silentLogger } from "../../src/logger.js";
import { startFakeSlackApi } from "../../test/e2e/fakes/slack-api.js";
import { ROOT } from "../corpus.js";
import { fullGc, mb } from "../stats.js";

const [indexFile, secret = "bench-signing-secret"] = process.argv.slice(2);
const api = await startFakeSlackApi();
const bot = await loadBot({ rootDir: ROOT, ...(indexFile ? { indexFile } : {}), logger: silentLogger });
const slack = createSlackApp({
  bot,
  logger: silentLogger,
  botToken: "xoxb-bench",
  signingSecret: secret,
  port: 0,
  host: "127.0.0.1",
  apiUrl: api.apiUrl,
  retryConfig: { retries: 0 },
  botId: "BBOT",
  botUserId: "UBOT",
});
await slack.start();
console.log(JSON.stringify({ ready: true, port: slack.address()!.port, responseUrl: api.responseUrl("bench") }));
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "rss") {
    fullGc();
    const m = process.memoryUsage();
    console.log(JSON.stringify({ rssMB: mb(m.rss), heapMB: mb(m.heapUsed), externalMB: mb(m.external) }));
  }
}
await slack.stop();
await api.close();
