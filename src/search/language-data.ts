import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { loadFlagTable, type FlagTable } from "../knowledge/flag-table.js";

/** The bundled data files (glossary, flag tables, stop words) live in the project's `knowledge/`. */
export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "knowledge");

/** The files that shape analysis: a change to any of them makes old snapshots stale. */
export const LANGUAGE_FILES = ["glossary.yml", "stopwords.yml", "docker-flags.yml", "docker-common-flags.yml"];

/** One hash over the language files, recorded in the index manifest. */
export function languageHash(dir = DATA_DIR): string {
  const h = createHash("sha256");
  for (const f of LANGUAGE_FILES) {
    h.update(f + "\0");
    try {
      h.update(readFileSync(join(dir, f)));
    } catch {
      h.update("missing");
    }
  }
  return h.digest("hex");
}

export interface LanguageData {
  /** Synonym groups: every term of a group stands for the others (zh↔en, singular/plural, phrasing). */
  glossary: string[][];
  stopwords: Set<string>;
  flags: FlagTable;
}

export function loadLanguageData(dir = DATA_DIR): LanguageData {
  const glossary = parseYaml(readFileSync(join(dir, "glossary.yml"), "utf8")) as unknown;
  if (!Array.isArray(glossary) || !glossary.every((g) => Array.isArray(g) && g.every((t) => typeof t === "string"))) {
    throw new Error(`${join(dir, "glossary.yml")}: expected a YAML list of term lists, e.g. - [restart, 重启]`);
  }
  const stop = parseYaml(readFileSync(join(dir, "stopwords.yml"), "utf8")) as { en?: string[]; zh?: string[] };
  return {
    glossary: glossary as string[][],
    stopwords: new Set([...(stop.en ?? []), ...(stop.zh ?? [])].map((w) => String(w).toLowerCase())),
    flags: loadFlagTable(join(dir, "docker-flags.yml"), join(dir, "docker-common-flags.yml")),
  };
}
