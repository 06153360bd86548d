import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../e2e/main-helpers.js";

/**
 * A PostgreSQL cluster of this test's own (initdb in a temporary folder, its own port and socket
 * folder), so a test can stop and start a server without touching the shared one on 5432.
 * Needs the server binaries (Debian's postgresql package) and, as root, a `postgres` user to
 * run them as. `available()` says why not when it can't.
 */
export class ThrowawayCluster {
  readonly dir = mkdtempSync(join(tmpdir(), "pgtmp-"));
  port = 0;
  private readonly bin = findBin();

  static unavailable(): string | undefined {
    if (!findBin()) return "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb)";
    if (process.getuid?.() === 0) {
      try {
        execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
      } catch {
        return "running as root without a postgres user to run initdb as";
      }
    }
    return undefined;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async init(): Promise<void> {
    this.port = await freePort();
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
      chownSync(this.dir, uid, gid);
    }
    this.run("initdb", ["-D", join(this.dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"]);
    await this.start();
  }

  async start(): Promise<void> {
    this.run("pg_ctl", [
      "-D",
      join(this.dir, "data"),
      "-l",
      join(this.dir, "log"),
      "-w",
      "-o",
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    ]);
  }

  /** `-m immediate`: the server goes away at once, as a crash or a killed container would. */
  async stop(): Promise<void> {
    this.run("pg_ctl", ["-D", join(this.dir, "data"), "-w", "-m", "immediate", "stop"]);
  }

  async destroy(): Promise<void> {
    try {
      if (existsSync(join(this.dir, "data", "postmaster.pid"))) await this.stop();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private run(tool: string, args: string[]): void {
    const path = join(this.bin!, tool);
    const [cmd, argv] = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", path, ...args]] : [path, args];
    execFileSync(cmd, argv, { stdio: "pipe", timeout: 60_000 });
  }
}

function findBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a))[0];
  return version ? join(root, version, "bin") : undefined;
}
