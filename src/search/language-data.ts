import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { LANGUAGE_PATHS } from "../config.js";
import { type FlagTable, flagTableOf } from "../knowledge/flag-table.js";
import type { ComplementWords } from "./complements.js";
import type { QuantityWords } from "./quantities.js";

/** The data files (glossary, flag tables, stop words), where src/config.ts says they are. */
export const DATA_DIR = LANGUAGE_PATHS.dir;
/** The image's copy of them (see `LANGUAGE_PATHS`). */
export const DEFAULTS_DIR = LANGUAGE_PATHS.fallbackDir;

/** The language file to read: the one in `dir` when present, else the image's copy. */
export function languageFile(name: string, dir = DATA_DIR): string {
  const own = join(dir, name);
  if (existsSync(own) || !existsSync(join(DEFAULTS_DIR, name))) return own;
  return join(DEFAULTS_DIR, name);
}

/** The files that shape analysis: a change to any of them makes old snapshots stale. */
export const LANGUAGE_FILES = [
  "glossary.yml",
  "stopwords.yml",
  "everyday-words.yml",
  "docker-flags.yml",
  "docker-common-flags.yml",
];

/** One hash over the language files, recorded in the index manifest. */
export function languageHash(dir = DATA_DIR): string {
  const h = createHash("sha256");
  for (const f of LANGUAGE_FILES) {
    h.update(f + "\0");
    try {
      h.update(readFileSync(languageFile(f, dir)));
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
  /** Phrases that frame a question (how do I, 是什么意思): removed from questions before they are read. */
  scaffolding: string[];
  /** Headings that say nothing of their own (Options, Description, 总结, 例子): they carry their parent's meaning. */
  genericHeadings: string[];
  /** The words people use most (everyday-words.yml, generated): in a question they weigh little unless the glossary knows them. */
  everyday: string[];
  /** The basic vocabulary (everyday-words.yml `common`): a question's word of it the notes lack is how people talk, not a topic. */
  common: string[];
  /** Numerals and measure words: the values a question gives (最近一百行), no part of what it asks. */
  quantities?: QuantityWords;
  /** Directional complements (传进去, 拷出来): after a verb, its direction, no verb of their own. */
  complements?: ComplementWords;
  flags: FlagTable;
}

/**
 * The language files as YAML parsed them (plain data, by file name; `null` for a missing optional
 * file), with the hash of the files they were parsed from. A snapshot keeps them (its header), so
 * a start that loads it parses no YAML: the `yaml` package takes 0.3 s on these 60 KB at first
 * use, a fifth of the ×50 load (issue 18, round 4).
 */
export interface ParsedLanguage {
  hash: string;
  docs: Record<string, unknown>;
}

const loaded = new Map<string, { hash: string; data: LanguageData; docs: Record<string, unknown> }>();

/**
 * The glossary, stop words and flag tables, parsed once per content: YAML parsing takes tens of
 * milliseconds, and a running bot needs them again at every reload (on the main thread). The
 * hash of the files decides whether the copy is still good. Callers must not modify the result.
 * With `saved` of the same hash (the same bytes: they parse the same), its documents are read
 * instead of the files.
 */
export function loadLanguageData(dir = DATA_DIR, saved?: ParsedLanguage): LanguageData {
  const hash = languageHash(dir);
  const cached = loaded.get(dir);
  if (cached?.hash === hash) return cached.data;
  const usable = saved?.hash === hash && typeof saved.docs === "object" && saved.docs !== null;
  let docs: Record<string, unknown> = usable ? { ...saved.docs } : {};
  let data: LanguageData;
  try {
    data = parseLanguageData(dir, docs);
  } catch (error) {
    // Saved documents that do not read (a damaged snapshot) must not be blamed on the files: read those.
    if (!usable) throw error;
    docs = {};
    data = parseLanguageData(dir, docs);
  }
  loaded.set(dir, { hash, data, docs });
  return data;
}

/**
 * The parsed files behind `loadLanguageData(dir)`, for a snapshot to keep; none when JSON (the
 * snapshot's header) would not give them back as they are (a YAML `.inf` or `.nan` turns null).
 */
export function parsedLanguage(dir = DATA_DIR): ParsedLanguage | undefined {
  loadLanguageData(dir);
  const { hash, docs } = loaded.get(dir)!;
  return isJsonSafe(docs) ? { hash, docs } : undefined;
}

function isJsonSafe(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonSafe);
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.values(value).every(isJsonSafe);
  return false;
}

/** Each file's YAML, from `docs` when there (recorded there when parsed here); `null` for a missing optional file. */
function parseLanguageData(dir: string, docs: Record<string, unknown>): LanguageData {
  const file = (name: string) => languageFile(name, dir);
  const doc = (name: string, optional = false): unknown => {
    if (!(name in docs))
      docs[name] = optional && !existsSync(file(name)) ? null : parseYaml(readFileSync(file(name), "utf8"));
    return docs[name];
  };
  const glossary = doc("glossary.yml");
  if (!Array.isArray(glossary) || !glossary.every((g) => Array.isArray(g))) {
    throw new Error(`${file("glossary.yml")}: expected a YAML list of term lists, e.g. - [restart, 重启]`);
  }
  // YAML reads `3000` or `true` as a number or a boolean: say which term, and how to write it.
  const groups = (glossary as unknown[][]).map((g, i) => {
    const bad = g.find((t) => typeof t !== "string");
    if (bad !== undefined) {
      const text = JSON.stringify(bad);
      throw new Error(
        `${file("glossary.yml")}: group ${i + 1} [${g.map((t) => (typeof t === "string" ? t : JSON.stringify(t))).join(", ")}]: ${text} is not text; quote it ("${text.replace(/^"|"$/g, "")}")`,
      );
    }
    return g as string[];
  });
  const stop = doc("stopwords.yml") as {
    en?: string[];
    zh?: string[];
    scaffolding?: { en?: string[]; zh?: string[] };
    generic_headings?: string[];
    quantities?: { numerals?: string; measures?: string[] };
    directional_complements?: { words?: string[]; infixes?: string[]; adverbs?: string[] };
  };
  // Optional: a data folder from before it existed reads as no everyday words.
  const words = doc("everyday-words.yml", true) as { en?: string[]; common?: string[] } | null;
  const everyday = words?.en ?? [];
  return {
    glossary: groups,
    everyday: everyday.map((w) => String(w).toLowerCase()),
    common: (words?.common ?? []).map((w) => String(w).toLowerCase()),
    stopwords: new Set([...(stop.en ?? []), ...(stop.zh ?? [])].map((w) => String(w).toLowerCase())),
    scaffolding: [...(stop.scaffolding?.en ?? []), ...(stop.scaffolding?.zh ?? [])].map(String),
    genericHeadings: (stop.generic_headings ?? []).map(String),
    ...(stop.quantities
      ? {
          quantities: {
            numerals: String(stop.quantities.numerals ?? ""),
            measures: (stop.quantities.measures ?? []).map(String),
          },
        }
      : {}),
    ...(stop.directional_complements
      ? {
          complements: {
            words: (stop.directional_complements.words ?? []).map(String),
            infixes: (stop.directional_complements.infixes ?? []).map(String),
            adverbs: (stop.directional_complements.adverbs ?? []).map(String),
          },
        }
      : {}),
    flags: flagTableOf(
      { file: file("docker-flags.yml"), data: doc("docker-flags.yml") },
      { file: file("docker-common-flags.yml"), data: doc("docker-common-flags.yml") },
    ),
  };
}
