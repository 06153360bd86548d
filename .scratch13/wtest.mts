import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { slackSignature, slashCommand } from "/work/wt-13/test/e2e/fakes/slack-payloads.js";

const child = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    "bench/workers/slack.ts",
    "/tmp/m13/idx.json",
    "bench-signing-secret",
    "--store",
    "/tmp/m13/w.sqlite",
  ],
  { stdio: ["pipe", "pipe", "inherit"] },
);
const it = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
const next = async () => {
  for (;;) {
    const { value } = await it.next();
    if (String(value).startsWith("{")) return JSON.parse(String(value));
  }
};
const ready = await next();
const ts = Math.floor(Date.now() / 1000);
const requests = ["explain --restart", "explain -p"].map((t, i) => {
  const body = new URLSearchParams(slashCommand(t, ready.responseUrl, "U" + i)).toString();
  return {
    method: "POST" as const,
    path: "/slack/events",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": slackSignature("bench-signing-secret", ts, body),
    },
    body,
  };
});
const r = await autocannon({ url: `http://127.0.0.1:${ready.port}`, connections: 8, amount: 1000, requests });
console.log("sent", r.requests.total, "2xx", r["2xx"], "non2xx", r.non2xx);
await new Promise((res) => setTimeout(res, 2000));
child.stdin.write("rss\n");
console.log(await next());
child.kill();
