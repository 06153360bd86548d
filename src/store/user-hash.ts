import { createHmac, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/**
 * A user is stored as HMAC-SHA256(key, "<platform>:<user id>"), cut to 128 bits: the same person
 * gets the same hash (one vote per answer, delete one person's rows) but the id can't be read
 * back, nor found by hashing guessed ids without the key.
 */
export function hashUser(key: string, platform: string, userId: string): string {
  return createHmac("sha256", key).update(`${platform}:${userId}`).digest("hex").slice(0, 32);
}

/**
 * The configured key, else the one kept in `keyFile` (made on first use, readable by the bot
 * only). When the file can't be written the key lives in memory for this run: the store is then
 * most likely unwritable too, and nothing hashed with it is kept.
 */
export function resolveHashKey(
  configured: string | undefined,
  keyFile: string | undefined,
): { key: string; source: string } {
  if (configured) return { key: configured, source: "STORE_HASH_SECRET" };
  if (keyFile) {
    try {
      if (existsSync(keyFile)) {
        const key = readFileSync(keyFile, "utf8").trim();
        if (key.length >= 16) return { key, source: keyFile };
      }
      const key = randomBytes(32).toString("hex");
      writeFileSync(keyFile, `${key}\n`, { mode: 0o600, flag: "wx" });
      return { key, source: keyFile };
    } catch {
      // Read-only data folder, or another process made the file first: read it if it is there.
      const key = readQuietly(keyFile);
      if (key && key.length >= 16) return { key, source: keyFile };
    }
  }
  return { key: randomBytes(32).toString("hex"), source: "memory" };
}

function readQuietly(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
}
