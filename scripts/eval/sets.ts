import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadFlagTable } from "../../src/knowledge/flag-table.js";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { CLI_DOCS_MINIMUMS, type Minimums, NOTES_MINIMUMS } from "./counts.js";
import type { Heading } from "./labels.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const NOTES_DIR = join(ROOT, "knowledge");
/** The second knowledge base, read in place beside the repository (never copied in). */
export const CLI_DOCS_DIR = join(ROOT, "..", "shared", "corpora", "docker-cli-docs");

/** One evaluation set and the notes it is asked against. */
export interface SetSpec {
  name: "natural" | "dev" | "cli-docs";
  file: string;
  knowledgeDir: string;
  /** Natural sets carry lang, cats and split on every line; the dev set does not. */
  labelled: boolean;
  /** Sizes the set should have (warned about when short). */
  minimums?: Minimums;
}

export const SETS: SetSpec[] = [
  {
    name: "natural",
    file: join(ROOT, "eval", "natural.jsonl"),
    knowledgeDir: NOTES_DIR,
    labelled: true,
    minimums: NOTES_MINIMUMS,
  },
  { name: "dev", file: join(ROOT, "eval", "dev.jsonl"), knowledgeDir: NOTES_DIR, labelled: false },
  {
    name: "cli-docs",
    file: join(ROOT, "eval", "cli-docs.jsonl"),
    knowledgeDir: CLI_DOCS_DIR,
    labelled: true,
    minimums: CLI_DOCS_MINIMUMS,
  },
];

export const available = (spec: SetSpec): boolean => existsSync(spec.knowledgeDir);

/** Section headings as the bot's own ingestion parses them (flag repair included). */
export function headingsOf(knowledgeDir: string): Heading[] {
  const flags = loadFlagTable(
    join(ROOT, "knowledge", "docker-flags.yml"),
    join(ROOT, "knowledge", "docker-common-flags.yml"),
  );
  return loadKnowledge(knowledgeDir, flags, ROOT).sections;
}
