import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../../src/config.js";

const ROOT = join(import.meta.dirname, "..", "..");

interface Service {
  image?: string;
  deploy?: { replicas?: number };
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
}

/** docker-compose.replicas.yml and its nginx configuration agree with each other and with the bot's settings. */
describe("docker-compose.replicas.yml", () => {
  const compose = parse(readFileSync(join(ROOT, "docker-compose.replicas.yml"), "utf8")) as {
    services: Record<string, Service>;
  };
  const nginx = readFileSync(join(ROOT, "deploy", "nginx", "nginx.conf"), "utf8");

  it("runs PostgreSQL, three replicas and a load balancer", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["bot", "lb", "postgres"]);
    expect(compose.services.bot?.deploy?.replicas).toBe(3);
    expect(compose.services.lb?.volumes).toContain("./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro");
  });

  it("balances onto the ports the replicas listen on", () => {
    const env = compose.services.bot!.environment!;
    expect(nginx).toContain(`server bot:${env.HEALTH_PORT} resolve;`);
    expect(nginx).toContain(`server bot:${env.DISCORD_PORT} resolve;`);
    // Never a second attempt of a request already sent (a command answered twice).
    expect(nginx).not.toContain("non_idempotent");
  });

  it("gives the replicas settings the bot accepts", () => {
    const env = Object.fromEntries(
      Object.entries(compose.services.bot!.environment!).map(([k, v]) => [
        k,
        v.replace(/\$\{POSTGRES_PASSWORD:-([^}]*)\}/, "$1").replace(/\$\{STORE_HASH_SECRET:\?[^}]*\}/, "x".repeat(32)),
      ]),
    );
    const config = loadConfig({ ...env, DISCORD_TOKEN: "t.o.k" }, "/nonexistent/.env");
    expect(config.DATABASE_URL).toBe("postgres://bot:change-me@postgres:5432/notes");
    expect(config.DISCORD_SHARDS).toBe("none");
  });
});
