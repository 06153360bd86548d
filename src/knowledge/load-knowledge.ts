import { createHash } from "node:crypto";
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { FlagTable } from "./flag-table.js";
import { parseFile } from "./parse-file.js";
import type { KnowledgeIssue, Section } from "./types.js";

export interface KnowledgeFile {
  /** Path as shown to users (relative to the project root, `/` separators). */
  file: string;
  sha256: string;
}

export interface Knowledge {
  sections: Section[];
  files: KnowledgeFile[];
  issues: KnowledgeIssue[];
}

/**
 * Files above this size are skipped and reported: notes are never this large, and parsing is
 * synchronous (remark runs at roughly 0.3 MB/s on real notes, so 2 MB is a few seconds).
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Every `*.md` under `dir`, recursively, sorted so ids and order are stable. Dot-folders and
 * node_modules are skipped. Symbolic links are followed (notes linked in from elsewhere, mounted
 * config maps); a link to a folder already walked is not walked again, and a broken link named
 * `*.md` is listed so that reading it reports the file instead of dropping it silently.
 */
export function listMarkdownFiles(dir: string): string[] {
  const out: string[] = [];
  const walked = new Set<string>();
  const walk = (d: string) => {
    let entries;
    try {
      const real = realpathSync(d);
      if (walked.has(real)) return;
      walked.add(real);
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const p = join(d, e.name);
      const isMd = /\.md$/i.test(e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        if (isMd) out.push(p);
      } else if (e.isSymbolicLink()) {
        let target;
        try {
          target = statSync(p);
        } catch {
          if (isMd) out.push(p);
          continue;
        }
        if (target.isDirectory()) walk(p);
        else if (target.isFile() && isMd) out.push(p);
      }
    }
  };
  walk(dir);
  return out;
}

export function displayPath(path: string, rootDir: string): string {
  return relative(rootDir, path).split(sep).join("/");
}

/** Hashes every knowledge file (the manifest's staleness check) without parsing any. */
export function hashKnowledge(dir: string, rootDir: string): KnowledgeFile[] {
  return listMarkdownFiles(dir).map((p) => {
    let sha256 = "unreadable";
    try {
      sha256 = createHash("sha256").update(readFileSync(p)).digest("hex");
    } catch {
      /* reported when the file is parsed */
    }
    return { file: displayPath(p, rootDir), sha256 };
  });
}

/** Reads and parses every markdown file under `dir`. Never throws for a bad file: it is skipped and reported. */
export function loadKnowledge(dir: string, flags: FlagTable, rootDir = process.cwd()): Knowledge {
  const sections: Section[] = [];
  const files: KnowledgeFile[] = [];
  const issues: KnowledgeIssue[] = [];
  for (const path of listMarkdownFiles(dir)) {
    const file = displayPath(path, rootDir);
    let bytes: Buffer;
    try {
      if (statSync(path).size > MAX_FILE_BYTES) {
        issues.push({
          severity: "error",
          file,
          line: 1,
          code: "skipped-file",
          message: `larger than ${MAX_FILE_BYTES} bytes; skipped`,
        });
        files.push({ file, sha256: "skipped" });
        continue;
      }
      bytes = readFileSync(path);
    } catch (error) {
      issues.push({
        severity: "error",
        file,
        line: 1,
        code: "unreadable-file",
        message: `cannot read: ${(error as Error).message}`,
      });
      files.push({ file, sha256: "unreadable" });
      continue;
    }
    files.push({ file, sha256: createHash("sha256").update(bytes).digest("hex") });
    try {
      const parsed = parseFile(bytes.toString("utf8"), file, flags);
      sections.push(...parsed.sections);
      issues.push(...parsed.issues);
    } catch (error) {
      issues.push({
        severity: "error",
        file,
        line: 1,
        code: "skipped-file",
        message: `cannot parse: ${(error as Error).message}; skipped`,
      });
    }
  }
  return { sections, files, issues };
}
