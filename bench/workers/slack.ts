/**
 * The running bot for the end-to-end and memory sections: the real Bolt app in HTTP mode over the
 * Docker notes (index loaded from the snapshot), Web API pointed at the loopback fake. Prints
 * `{"ready":…,"port":…}`; then each line on stdin ("rss") is answered with the memory after a full GC.
 *
 * `--store <file>|off` (the store comparison): every answer goes through the runtime's recording
 * (metrics and, with a file, the SQLite store) and the rate limiter is off, so every request is
 * answered and recorded rather than refused.
 *
 * `--database <postgres url>` (the replicas comparison, issue 16): the store is PostgreSQL;
 * `--limit shared|local` takes every command's token from the shared bucket (one atomic upsert) or
 * from this process, with a budget no request reaches, so every request is answered and pays for
 * the limiter; `--wait <ms>` is STORE_WRITE_WAIT_MS (0: replies do not wait for their row).
 */
import { createInterface } from "node:readline";
import { createRateLimiter } from "../../src/adapters/rate-limit.js";
import { createSharedRateLimiter } from "../../src/adapters/shared-rate-limit.js";
import { createSlackApp } from "../../src/adapters/slack/index.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { ConfigSchema } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { createMetrics } from "../../src/runtime/metrics.js";
import { awaitingStore, createRecording } from "../../src/runtime/recording.js";
import { takeToken } from "../../src/store/index.js";
import { startFakeSlackApi } from "../../test/e2e/fakes/slack-api.js";
import { ROOT } from "../corpus.js";
import { fullGc, mb } from "../stats.js";

const args = process.argv.slice(2);
const storeAt = args.indexOf("--store");
const store = storeAt >= 0 ? args.splice(storeAt, 2)[1] : undefined;
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const database = option("--database");
const limit = option("--limit") ?? "local";
const wait = option("--wait") ?? "0";
const [indexFile, secret = "bench-signing-secret"] = args;
const api = await startFakeSlackApi();
const storeSettings = database
  ? { DATABASE_URL: database, STORE_HASH_SECRET: "bench-hash-key-0123456789", STORE_WRITE_WAIT_MS: wait }
  : store === "off"
    ? { STORE: "off" }
    : { STORE_FILE: store, STORE_HASH_SECRET: "bench-hash-key-0123456789" };
const recording =
  store === undefined && database === undefined
    ? undefined
    : createRecording({
        config: ConfigSchema.parse(storeSettings),
        logger: silentLogger,
        metrics: createMetrics({ manifest: () => undefined, defaultMetrics: false }),
        sections: () => undefined,
        reload: async () => ({ result: "unchanged" }),
      });
recording?.start();
const loaded = await loadBot({
  rootDir: ROOT,
  ...(indexFile ? { indexFile } : {}),
  logger: silentLogger,
  ...(recording ? { onAnswer: (answer, info) => recording.onAnswer(answer, info) } : {}),
});
const bot = recording ? awaitingStore(loaded, recording) : loaded;
// A budget nobody reaches: every command is answered, and pays for taking its token.
const unlimited = { commands: 1e9, windowSeconds: 1, autocomplete: 1e9 };
const shared = recording?.store;
const rateLimiter =
  database && shared
    ? limit === "shared"
      ? createSharedRateLimiter({ ...unlimited, take: async (t) => takeToken(await shared.connection(), t) })
      : createRateLimiter(unlimited)
    : (false as const);
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
  ...(recording ? { rateLimiter, feedback: recording.feedback } : {}),
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
