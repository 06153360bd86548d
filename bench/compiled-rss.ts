/**
 * Section 5, as deployed: the compiled bot (`node dist/main.js`, what the container runs) with
 * Slack in HTTP mode against the loopback fake Web API, the Docker notes loaded from their
 * snapshot; idle RSS read from /proc once /readyz is 200 and a few commands were answered.
 */
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { startFakeSlackApi } from "../test/e2e/fakes/slack-api.js";
import { slackSignature, slashCommand } from "../test/e2e/fakes/slack-payloads.js";
import { ROOT } from "./corpus.js";
import { round } from "./stats.js";

const SECRET = "bench-signing-secret";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCompiledRss(
  indexFile: string,
  options: { store?: "on" | "off"; build?: boolean } = {},
): Promise<{ idleMB: number; afterCommandsMB: number; readyMs: number }> {
  if (options.build !== false) execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "ignore" });
  // The snapshot as `npm run ingest` writes it (same tool version in its manifest), so the bot
  // loads it instead of rebuilding.
  execFileSync(process.execPath, ["dist/cli.js", "ingest"], {
    cwd: ROOT,
    stdio: "ignore",
    env: { ...process.env, INDEX_FILE: indexFile },
  });
  const api = await startFakeSlackApi();
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "ignore"],
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: api.apiUrl,
      HEALTH_PORT: String(port),
      INDEX_FILE: indexFile,
      LOG_LEVEL: "warn",
      // The default is on (a SQLite file beside the index); the store comparison measures both.
      STORE: options.store ?? "on",
      STORE_FILE: "",
      DATABASE_URL: "",
    },
  });
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024;
  try {
    let readyMs = 0;
    for (let i = 0; i < 300 && !readyMs; i++) {
      await sleep(100);
      const r = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      if (r?.status === 200) readyMs = performance.now() - started;
    }
    if (!readyMs) throw new Error("the compiled bot never became ready");
    await sleep(2000);
    const idleMB = rss();
    for (const text of ["explain --restart", "怎么把主机端口映射到容器", "compare cmd entrypoint", "explain --gpus"]) {
      const ts = Math.floor(Date.now() / 1000);
      const body = new URLSearchParams(slashCommand(text, api.responseUrl("rss"))).toString();
      await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": String(ts),
          "x-slack-signature": slackSignature(SECRET, ts, body),
        },
      });
    }
    await sleep(1000);
    return { idleMB: round(idleMB, 1), afterCommandsMB: round(rss(), 1), readyMs: round(readyMs, 0) };
  } finally {
    child.kill("SIGTERM");
    await api.close();
  }
}
