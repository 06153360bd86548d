import { createHash } from "node:crypto";
import { constants, lstatSync, readFileSync } from "node:fs";
import { relative, sep } from "node:path";
import type { FlagTable } from "./flag-table.js";
import { parseFile } from "./parse-file.js";
import { assignPermalinks } from "./permalink.js";
import type { KnowledgeIssue, Section } from "./types.js";
import { type NoteFile, type RefusedLink, type WalkOptions, walkNotes } from "./walk-notes.js";

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
 * synchronous (a file remark parses instead of commonmark.js, see commonmark-mdast.ts, is read at
 * roughly 0.3 MB/s, so 2 MB is a few seconds).
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Every `*.md` under `dir` that may be read (see `walkNotes`), as the paths they were found at. */
export function listMarkdownFiles(dir: string, options: WalkOptions = {}): string[] {
  return walkNotes(dir, options).files.map((f) => f.path);
}

export function displayPath(path: string, rootDir: string): string {
  return relative(rootDir, path).split(sep).join("/");
}

/**
 * Hashes every knowledge file (the manifest's staleness check) without parsing any, and reports
 * the links that were not followed.
 */
export function hashKnowledge(
  dir: string,
  rootDir: string,
  options: WalkOptions = {},
): { files: KnowledgeFile[]; issues: KnowledgeIssue[] } {
  const listing = walkNotes(dir, options);
  const files = listing.files.map((f) => {
    let sha256 = "unreadable";
    try {
      if (f.real) sha256 = createHash("sha256").update(readFileSync(f.real)).digest("hex");
    } catch {
      /* reported when the file is parsed */
    }
    return { file: displayPath(f.path, rootDir), sha256 };
  });
  return { files, issues: listing.refused.map((r) => refusedIssue(r, rootDir)) };
}

/** A link that was not followed, as `lint:knowledge` and the log show it: the link's own path first. */
export function refusedIssue(link: RefusedLink, rootDir: string): KnowledgeIssue {
  return {
    severity: "error",
    file: displayPath(link.path, rootDir),
    line: 1,
    code: "refused-link",
    message:
      link.reason === "system"
        ? `links to ${link.target}: /proc, /sys and /dev are never read; not indexed`
        : `links to ${link.target}, outside the notes folder; not indexed (set KNOWLEDGE_FOLLOW_OUTSIDE_LINKS=true to allow links out of it)`,
  };
}

/**
 * Reads and parses every markdown file under `dir`. Never throws for a bad file: it is skipped and
 * reported. Files are read at their resolved path, checked during the walk, so a link swapped
 * between the walk and the read still cannot lead out of the folder.
 */
export function loadKnowledge(
  dir: string,
  flags: FlagTable,
  rootDir = process.cwd(),
  options: WalkOptions & {
    /**
     * Files already indexed, by display path, with their hash (an incremental reload): a file
     * whose content still has that hash is listed with it but not parsed again.
     */
    indexed?: ReadonlyMap<string, string>;
  } = {},
): Knowledge {
  const sections: Section[] = [];
  const files: KnowledgeFile[] = [];
  const listing = walkNotes(dir, options);
  const issues: KnowledgeIssue[] = listing.refused.map((r) => refusedIssue(r, rootDir));
  for (const note of listing.files) {
    const file = displayPath(note.path, rootDir);
    let bytes: Buffer;
    try {
      const path = readable(note);
      const stats = lstatSync(path);
      // Checked again here (a link or a device may have replaced the file since the walk), and
      // the read below does not follow a link either.
      if (!stats.isFile()) throw new Error(`${path} is no longer a regular file`);
      if (stats.size > MAX_FILE_BYTES) {
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
      // Numeric flags are accepted by fs.open (the typings only list the string forms).
      bytes = readFileSync(path, { flag: NO_FOLLOW });
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
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    files.push({ file, sha256 });
    if (options.indexed?.get(file) === sha256) continue;
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
  assignPermalinks(sections);
  return { sections, files, issues };
}

const NO_FOLLOW = (constants.O_RDONLY | constants.O_NOFOLLOW) as unknown as string;

function readable(note: NoteFile): string {
  if (!note.real) throw new Error(note.error ?? "the link's target does not exist");
  return note.real;
}
