/** Sections 4 and 5: signed Slack slash commands with autocannon against the running bot, its RSS; Discord via the fake gateway. */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { slackSignature, slashCommand } from "../test/e2e/fakes/slack-payloads.js";
import { round } from "./stats.js";

const SECRET = "bench-signing-secret";
const COMMANDS = [
  "explain --restart",
  "怎么把主机端口映射到容器",
  "compare cmd entrypoint",
  "examples -p",
  "search list all running containers",
  "explain --gpus",
];

interface Server {
  child: ChildProcessWithoutNullStreams;
  next(): Promise<Record<string, unknown>>;
}

async function startSlackWorker(indexFile: string): Promise<Server & { port: number; responseUrl: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/workers/slack.ts", indexFile, SECRET], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: AsyncIterator<string, undefined> = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let err = "";
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  const next = async () => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error(`slack worker ended: ${err.slice(-1500)}`);
      if (String(value).startsWith("{")) return JSON.parse(String(value)) as Record<string, unknown>;
    }
  };
  const ready = await next();
  return { child, next, port: ready.port as number, responseUrl: ready.responseUrl as string };
}

export interface E2eResult {
  slack: {
    connections: number;
    seconds: number;
    requests: number;
    reqPerSec: number;
    p50: number;
    p99: number;
    errors: number;
    non2xx: number;
  };
  rss: { idleMB: number; heapMB: number; afterLoadMB: number };
}

export async function runSlack(indexFile: string, seconds: number): Promise<E2eResult> {
  const server = await startSlackWorker(indexFile);
  try {
    server.child.stdin.write("rss\n");
    const idle = await server.next();
    const timestamp = Math.floor(Date.now() / 1000);
    const requests = COMMANDS.map((text) => {
      const body = new URLSearchParams(slashCommand(text, server.responseUrl)).toString();
      return {
        method: "POST" as const,
        path: "/slack/events",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": slackSignature(SECRET, timestamp, body),
        },
        body,
      };
    });
    // Warm-up, then the measured run.
    await autocannon({ url: `http://127.0.0.1:${server.port}`, connections: 4, duration: 1, requests });
    const r = await autocannon({
      url: `http://127.0.0.1:${server.port}`,
      connections: 32,
      duration: seconds,
      requests,
    });
    server.child.stdin.write("rss\n");
    const after = await server.next();
    return {
      slack: {
        connections: 32,
        seconds,
        requests: r.requests.total,
        reqPerSec: round(r.requests.average, 1),
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
      },
      rss: { idleMB: idle.rssMB as number, heapMB: idle.heapMB as number, afterLoadMB: after.rssMB as number },
    };
  } finally {
    server.child.stdin.end();
    server.child.kill("SIGTERM");
  }
}
