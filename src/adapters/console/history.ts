import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Lines as readline keeps them: newest first. A missing or unreadable file is an empty history. */
export function loadHistory(file: string | undefined, max: number): string[] {
  if (!file) return [];
  try {
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .slice(0, max);
  } catch {
    return [];
  }
}

/**
 * Saves readline's history (newest first, like Node's REPL history file). Returns false when the
 * folder is read-only (a container, a checkout owned by someone else): the caller stops trying.
 */
export function saveHistory(file: string, lines: readonly string[]): boolean {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, lines.join("\n") + "\n", { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}
