/**
 * Soak: 20,000 mixed commands through the real Slack HTTP receiver (signed requests) and the
 * real discord.js client on the fake gateway, over the real index. Fails on any error response,
 * RSS growth over 30 MB after warm-up, or handles (sockets, timers) left open after stop.
 *   npm run test:soak            (SOAK_COMMANDS=2000 for a quick run)
 */

import { createDiscordBot } from "../src/adapters/discord/index.js";
import { createRateLimiter } from "../src/adapters/rate-limit.js";
import { createSlackApp } from "../src/adapters/slack/index.js";
import { loadBot } from "../src/answer/load-bot.js";
import { silentLogger } from "../src/logger.js";
import { FakeDiscordGateway } from "../test/e2e/fakes/discord-gateway.js";
import { autocomplete, buttonClick, slashCommand as discordCommand } from "../test/e2e/fakes/discord-payloads.js";
import { FakeDiscordRest } from "../test/e2e/fakes/discord-rest.js";
import { startFakeSlackApi } from "../test/e2e/fakes/slack-api.js";
import { postSigned, slashCommand } from "../test/e2e/fakes/slack-payloads.js";

const TOTAL = Number(process.env.SOAK_COMMANDS ?? 20_000);
const CONCURRENCY = 8;
const MAX_RSS_GROWTH_MB = 30;
const SECRET = "soak-secret";
const QUERIES = [
  "explain --restart",
  "compare cmd entrypoint",
  "怎么让容器自动重启",
  "examples -p",
  "topics",
  "help",
  "search volume",
  "镜像和容器的区别",
  "explain --gpus",
  "",
  "<!channel> explain -v",
  "🐳",
  "x".repeat(600),
  "compare image vs container",
  "explain --network",
];

const results = { passed: 0, failed: 0 };
const failures: string[] = [];
function check(ok: boolean, what: string): void {
  if (ok) results.passed++;
  else {
    results.failed++;
    if (failures.length < 20) failures.push(what);
  }
}
const gc = (globalThis as { gc?: () => void }).gc;
const rssMb = (): number => {
  gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
};
const resources = (): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
};

async function main(): Promise<void> {
  const bot = await loadBot({ logger: silentLogger });
  await bot.ask("warm up");
  const baseline = resources();

  const api = await startFakeSlackApi();
  // Enough users that the default budget (10 / 30 s) is never hit by honest traffic.
  const rateLimiter = createRateLimiter();
  const slack = createSlackApp({
    bot,
    logger: silentLogger,
    botToken: "xoxb-soak",
    signingSecret: SECRET,
    port: 0,
    host: "127.0.0.1",
    apiUrl: api.apiUrl,
    retryConfig: { retries: 0 },
    botId: "BBOT",
    botUserId: "UBOT",
    rateLimiter,
  });
  await slack.start();
  const eventsUrl = `http://127.0.0.1:${slack.address()!.port}/slack/events`;

  const rest = new FakeDiscordRest();
  const gateway = new FakeDiscordGateway();
  const apiUrl = await rest.start();
  rest.gatewayUrl = await gateway.start();
  const discord = createDiscordBot({ bot, logger: silentLogger, token: "soak-token", apiUrl, rateLimiter });
  await discord.start();

  let n = 0;
  const slackOne = async (i: number): Promise<void> => {
    const text = QUERIES[i % QUERIES.length]!;
    const body = new URLSearchParams(slashCommand(text, api.responseUrl(`soak${i}`), `USOAK${i % 4000}`)).toString();
    try {
      const res = await postSigned(eventsUrl, body, { secret: SECRET });
      const json = (await res.json()) as { text?: string; blocks?: unknown[] };
      check(
        res.status === 200 && Array.isArray(json.blocks) && !/something went wrong|asking fast/.test(json.text ?? ""),
        `slack ${i} ${res.status} ${json.text?.slice(0, 80)}`,
      );
    } catch (err) {
      check(false, `slack ${i}: ${(err as Error).message}`);
    }
  };
  const discordOne = async (i: number): Promise<void> => {
    const kind = i % 10;
    const payload =
      kind === 0
        ? autocomplete("explain", "topic", "re")
        : kind === 1
          ? buttonClick("dn:next:0:texplain --restart")
          : discordCommand(
              i % 3 ? "explain" : "search",
              i % 3 ? { topic: "--restart" } : { query: QUERIES[i % QUERIES.length]!.slice(0, 200) || "help" },
            );
    // Many users, so the default per-user budget is never hit by this honest traffic.
    const member = payload.member as { user: { id: string } } | undefined;
    if (member)
      payload.member = { ...member, user: { ...member.user, id: String(710000000000000000n + BigInt(i % 4000)) } };
    try {
      gateway.dispatch("INTERACTION_CREATE", payload);
      const r = await rest.waitFor(
        (q) => q.path === `/interactions/${payload.id}/${payload.token}/callback`,
        0,
        10_000,
      );
      const data = (r.body as { data?: { content?: string } }).data;
      check(
        !/something went wrong|asking fast/i.test(data?.content ?? ""),
        `discord ${i}: ${data?.content?.slice(0, 80)}`,
      );
    } catch (err) {
      check(false, `discord ${i}: ${(err as Error).message}`);
    }
  };

  const warmup = Math.min(2000, Math.floor(TOTAL / 10));
  let rssAfterWarmup = 0;
  const started = performance.now();
  while (n < TOTAL) {
    const batch: Promise<void>[] = [];
    for (let k = 0; k < CONCURRENCY && n < TOTAL; k++, n++) batch.push(n % 2 === 0 ? slackOne(n) : discordOne(n));
    await Promise.all(batch);
    rest.requests.length = 0;
    api.calls.length = 0;
    if (n === warmup) rssAfterWarmup = rssMb();
    if (n % 2000 === 0)
      console.log(
        `${n}/${TOTAL} rss ${rssMb().toFixed(1)} MB, ${results.failed} failed, ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
  }
  const rssEnd = rssMb();
  const growth = rssEnd - rssAfterWarmup;
  console.log(
    `rss after warm-up ${rssAfterWarmup.toFixed(1)} MB, at end ${rssEnd.toFixed(1)} MB (growth ${growth.toFixed(1)} MB)`,
  );
  check(growth < MAX_RSS_GROWTH_MB, `RSS grew ${growth.toFixed(1)} MB after warm-up (limit ${MAX_RSS_GROWTH_MB})`);
  check(discord.connected && slack.connected, "both adapters still connected");

  await slack.stop();
  await discord.stop();
  await gateway.stop();
  await rest.stop();
  await api.close();
  await new Promise((r) => setTimeout(r, 500));
  const after = resources();
  const leaked = Object.entries(after)
    .filter(([k, v]) => v > (baseline[k] ?? 0))
    .map(([k, v]) => `${k} ${baseline[k] ?? 0}→${v}`);
  console.log(`handles: baseline ${JSON.stringify(baseline)}, after stop ${JSON.stringify(after)}`);
  check(leaked.length === 0, `handles left open after stop: ${leaked.join(", ")}`);

  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exitCode = results.failed ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  console.log(`${results.passed} passed, ${results.failed + 1} failed`);
  process.exitCode = 1;
});
