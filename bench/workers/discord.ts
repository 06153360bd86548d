/**
 * Discord end to end: the real discord.js client and the Docker notes against the loopback fake
 * gateway and REST API; times INTERACTION_CREATE dispatch → the interaction callback request.
 *   node --import tsx bench/workers/discord.ts --count 200 --repeats 3
 */
import { createDiscordBot } from "../../src/adapters/discord/index.js";
import { loadBot } from "../../src/answer/load-bot.js";
import { silentLogger } from "../../src/logger.js";
import { FakeDiscordGateway } from "../../test/e2e/fakes/discord-gateway.js";
import { slashCommand } from "../../test/e2e/fakes/discord-payloads.js";
import { FakeDiscordRest } from "../../test/e2e/fakes/discord-rest.js";
import { ROOT } from "../corpus.js";
import { median, quantile, round } from "../stats.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const count = arg("--count", 200);
const repeats = arg("--repeats", 3);
const topics = ["--restart", "-p", "volume", "镜像", "怎么让容器自动重启", "--network", "cmd entrypoint", "docker run"];

const rest = new FakeDiscordRest();
const gateway = new FakeDiscordGateway();
const apiUrl = await rest.start();
rest.gatewayUrl = await gateway.start();
const bot = await loadBot({ rootDir: ROOT, logger: silentLogger });
const discord = createDiscordBot({ bot, logger: silentLogger, token: "fake-token", apiUrl });
await discord.start();

const once = async (i: number): Promise<number> => {
  const payload = slashCommand("explain", { topic: topics[i % topics.length]! });
  const since = rest.requests.length;
  const t = performance.now();
  gateway.dispatch("INTERACTION_CREATE", payload);
  await rest.waitFor(
    (r) => r.method === "POST" && r.path === `/interactions/${payload.id}/${payload.token}/callback`,
    since,
  );
  return performance.now() - t;
};
for (let i = 0; i < 20; i++) await once(i);
const p50s: number[] = [];
const p99s: number[] = [];
for (let r = 0; r < repeats; r++) {
  const xs: number[] = [];
  for (let i = 0; i < count; i++) xs.push(await once(i));
  p50s.push(quantile(xs, 0.5));
  p99s.push(quantile(xs, 0.99));
  rest.requests.length = 0;
}
await discord.stop();
await gateway.stop();
await rest.stop();
console.log(JSON.stringify({ interactions: count, p50: round(median(p50s), 2), p99: round(median(p99s), 2) }));
process.exit(0);
