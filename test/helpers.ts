import { join } from "node:path";
import { loadFlagTable } from "../src/knowledge/flag-table.js";
import { getSearchLanguage } from "../src/search/knowledge-base.js";

export const ROOT = join(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
export const flags = loadFlagTable(
  join(ROOT, "knowledge/docker-flags.yml"),
  join(ROOT, "knowledge/docker-common-flags.yml"),
);
export const language = () => getSearchLanguage("jieba");

/** Fails the test unless `answer` is of `type`, and narrows it (`answer.compare`-style reads). */
export function answerOf<A extends { type: string }, T extends A["type"]>(answer: A, type: T): Extract<A, { type: T }> {
  if (answer.type !== type) throw new Error(`expected a ${type} answer, got ${answer.type}: ${JSON.stringify(answer)}`);
  return answer as Extract<A, { type: T }>;
}
