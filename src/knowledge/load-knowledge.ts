import { createHash } from "node:crypto";
import { constants, lstatSync, readFileSync, type Stats, statSync } from "node:fs";
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
  /**
   * Size and modification time (ms) when the file was hashed, kept only when it had not been
   * modified in the STABLE_MS before: a file whose size and time still match has the same hash,
   * and a snapshot's check need not read it again (at ×50, reading and hashing every note is
   * ~0.7 s of the load). A file modified within that window is always hashed again, as git does
   * with a "racy" file: on a file system with coarse times a later change could keep its time.
   */
  stat?: [size: number, mtimeMs: number];
}

/** How long a file must have been left alone before its size and time vouch for its hash. */
export const STABLE_MS = 2000;

function stableStat(stats: Stats, checkedAt: number): Pick<KnowledgeFile, "stat"> {
  return stats.mtimeMs < checkedAt - STABLE_MS ? { stat: [stats.size, stats.mtimeMs] } : {};
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
  options: WalkOptions & {
    /** The files as last hashed (a snapshot's manifest): one whose size and time match keeps its hash unread. */
    known?: readonly KnowledgeFile[];
  } = {},
): { files: KnowledgeFile[]; issues: KnowledgeIssue[] } {
  const checkedAt = Date.now();
  const known = new Map((options.known ?? []).map((f) => [f.file, f]));
  const listing = walkNotes(dir, options);
  const files = listing.files.map((f): KnowledgeFile => {
    const file = displayPath(f.path, rootDir);
    let sha256 = "unreadable";
    try {
      if (f.real) {
        // Taken before the read: a change after it gives a newer time than the one recorded.
        const stats = statSync(f.real);
        const before = known.get(file)?.stat;
        if (before && before[0] === stats.size && before[1] === stats.mtimeMs)
          return { file, sha256: known.get(file)!.sha256, stat: before };
        sha256 = createHash("sha256").update(readFileSync(f.real)).digest("hex");
        return { file, sha256, ...stableStat(stats, checkedAt) };
      }
    } catch {
      /* reported when the file is parsed */
    }
    return { file, sha256 };
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
  const checkedAt = Date.now();
  const listing = walkNotes(dir, options);
  const issues: KnowledgeIssue[] = listing.refused.map((r) => refusedIssue(r, rootDir));
  for (const note of listing.files) {
    const file = displayPath(note.path, rootDir);
    let bytes: Buffer;
    let stats: Stats;
    try {
      const path = readable(note);
      stats = lstatSync(path);
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
    files.push({ file, sha256, ...stableStat(stats, checkedAt) });
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
