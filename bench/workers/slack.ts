/**
 * The running bot for the end-to-end and memory sections: the real Bolt app in HTTP mode over the
 * Docker notes (index loaded from the snapshot), Web API pointed at the loopback fake. Prints
 * `{"ready":…,"port":…}`; then each line on stdin ("rss") is answered with the memory after a full GC.
 *
 * `--store <file>|off` (the store comparison): every answer goes through the runtime's recording
 * (metrics and, with a file, the SQLite store) and the rate limiter is off, so every request is
 * answered and recorded rather than refused.
 */
import { createInterface } from "node:readline";
import { createSlackApp } from "../../src/adapters/slack/index.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { ConfigSchema } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { createMetrics } from "../../src/runtime/metrics.js";
import { createRecording } from "../../src/runtime/recording.js";
import { startFakeSlackApi } from "../../test/e2e/fakes/slack-api.js";
import { ROOT } from "../corpus.js";
import { fullGc, mb } from "../stats.js";

const args = process.argv.slice(2);
const storeAt = args.indexOf("--store");
const store = storeAt >= 0 ? args.splice(storeAt, 2)[1] : undefined;
const [indexFile, secret = "bench-signing-secret"] = args;
const api = await startFakeSlackApi();
const recording =
  store === undefined
    ? undefined
    : createRecording({
        config: ConfigSchema.parse(
          store === "off" ? { STORE: "off" } : { STORE_FILE: store, STORE_HASH_SECRET: "bench-hash-key-0123456789" },
        ),
        logger: silentLogger,
        metrics: createMetrics({ manifest: () => undefined, defaultMetrics: false }),
        sections: () => undefined,
        reload: async () => ({ result: "unchanged" }),
      });
recording?.start();
const bot = await loadBot({
  rootDir: ROOT,
  ...(indexFile ? { indexFile } : {}),
  logger: silentLogger,
  ...(recording ? { onAnswer: (answer, info) => recording.onAnswer(answer, info) } : {}),
});
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
  ...(recording ? { rateLimiter: false as const, feedback: recording.feedback } : {}),
});
await slack.start();
console.log(JSON.stringify({ ready: true, port: slack.address()!.port, responseUrl: api.responseUrl("bench") }));
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "cpu") {
    const c = process.cpuUsage();
    console.log(JSON.stringify({ cpuMs: (c.user + c.system) / 1000 }));
  }
  if (line.trim() === "rss") {
    fullGc();
    const m = process.memoryUsage();
    console.log(
      JSON.stringify({
        rssMB: mb(m.rss),
        heapMB: mb(m.heapUsed),
        externalMB: mb(m.external),
        ...(recording?.store ? { store: recording.store.stats } : {}),
      }),
    );
  }
}
await slack.stop();
await recording?.close();
await api.close();
