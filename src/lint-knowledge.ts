import { lintExampleFlags } from "./knowledge/lint-examples.js";
import { loadKnowledge } from "./knowledge/load-knowledge.js";
import type { KnowledgeIssue } from "./knowledge/types.js";
import type { WalkOptions } from "./knowledge/walk-notes.js";
import { loadLanguageData } from "./search/language-data.js";

/** Everything the ingester repaired or could not, with file:line; errors make the exit code non-zero. */
export function lintKnowledge(
  knowledgeDir: string,
  rootDir = process.cwd(),
  options: WalkOptions = {},
): { issues: KnowledgeIssue[]; sections: number; files: number } {
  const { flags } = loadLanguageData();
  const k = loadKnowledge(knowledgeDir, flags, rootDir, options);
  const issues = [...k.issues, ...lintExampleFlags(k.sections, flags)].sort((a, b) =>
    a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1,
  );
  return { issues, sections: k.sections.length, files: k.files.length };
}

export function formatIssues(issues: KnowledgeIssue[]): string {
  return issues.map((i) => `${i.file}:${i.line}: ${i.severity} ${i.code}: ${i.message}`).join("\n");
}
