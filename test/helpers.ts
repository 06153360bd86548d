import { join } from "node:path";
import { loadFlagTable } from "../src/knowledge/flag-table.js";
import { getSearchLanguage } from "../src/search/knowledge-base.js";

export const ROOT = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
export const flags = loadFlagTable(
  join(ROOT, "knowledge/docker-flags.yml"),
  join(ROOT, "knowledge/docker-common-flags.yml"),
);
export const language = () => getSearchLanguage("jieba");
