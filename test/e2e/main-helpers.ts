import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { probe } from "./http-fuzz.js";

export const ROOT = join(import.meta.dirname, "..", "..");

/** Every variable that would start an adapter, blanked: a developer's own .env must not change what a test starts. */
export const NO_PLATFORMS: Record<string, string> = {
  SLACK_BOT_TOKEN: "",
  SLACK_APP_TOKEN: "",
  SLACK_SIGNING_SECRET: "",
  SLACK_API_URL: "",
  DISCORD_TOKEN: "",
  DISCORD_APPLICATION_ID: "",
  DISCORD_GUILD_ID: "",
  DISCORD_API_URL: "",
  DISCORD_PUBLIC_KEY: "",
  DISCORD_PORT: "",
  KNOWLEDGE_WATCH: "",
  KNOWLEDGE_SOURCE_URL: "",
};

/** A port nobody listens on right now (a child process cannot report back a port 0 it bound). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Child {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Exit code (or 128+signal) and how long after `since` it came. */
  exited: Promise<{ code: number; at: number }>;
}

/** `node --import tsx src/main.ts`: one process, so signals reach main itself. */
export function startMain(
  env: Record<string, string>,
  options: { command?: string[]; stdin?: "pipe" | "ignore" } = {},
): Child {
  const [cmd, ...args] = options.command ?? [process.execPath, "--import", "tsx", "src/main.ts"];
  const proc = spawn(cmd!, args, {
    cwd: ROOT,
    env: { ...process.env, ...NO_PLATFORMS, LOG_PRETTY: "false", LOG_LEVEL: "info", ...env },
    stdio: [options.stdin ?? "pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  proc.stdout?.on("data", (c: Buffer) => (out += c.toString("utf8")));
  proc.stderr?.on("data", (c: Buffer) => (err += c.toString("utf8")));
  const exited = new Promise<{ code: number; at: number }>((resolve) => {
    proc.on("exit", (code, signal) => resolve({ code: code ?? 128 + (signal === "SIGKILL" ? 9 : 15), at: Date.now() }));
  });
  return { proc, stdout: () => out, stderr: () => err, exited };
}

/** Polls until `check` resolves truthy (errors count as not yet). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ""}`,
  );
}

export function kill(child: Child | undefined): void {
  if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill("SIGKILL");
}

/** A running bot process shared by a describe block's tests. */
export interface RunningMain {
  /** The process (set once the block's beforeAll has run). */
  child: () => Child;
  /** Its own temporary folder (index, store), removed after the block. */
  tmp: string;
}

/**
 * One bot process (`src/main.ts`) for the enclosing describe block: started in beforeAll with the
 * settings `setup` returns (on 127.0.0.1, its index in a temporary folder of its own unless
 * given), ready once `/readyz` on `readyPort` answers 200; killed after the block and its folder
 * removed.
 */
export function useMain(
  name: string,
  setup: (tmp: string) => Promise<{ env: Record<string, string>; readyPort: number }>,
  readyMs = 60_000,
): RunningMain {
  const tmp = mkdtempSync(join(tmpdir(), `${name}-`));
  let child: Child | undefined;
  beforeAll(async () => {
    const { env, readyPort } = await setup(tmp);
    child = startMain({ HOST: "127.0.0.1", INDEX_FILE: join(tmp, "index.json"), ...env }, { stdin: "ignore" });
    await eventually(
      async () => (await probe("127.0.0.1", readyPort, "/readyz")) === 200,
      readyMs,
      `/readyz 200 on ${readyPort}`,
    );
  }, readyMs + 30_000);
  afterAll(() => {
    kill(child);
    rmSync(tmp, { recursive: true, force: true });
  });
  return {
    tmp,
    child: () => {
      if (!child) throw new Error("the bot process starts in beforeAll: use it inside a test");
      return child;
    },
  };
}
