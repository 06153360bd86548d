import type { Dirent, Stats } from "node:fs";
import { readdirSync, realpathSync, statSync } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { isSystemPath } from "./system-paths.js";

export interface WalkOptions {
  /**
   * Follow symbolic links whose target is outside the notes folder (`KNOWLEDGE_FOLLOW_OUTSIDE_LINKS`).
   * Off by default: a contributed link such as `environ.md → /proc/self/environ` or a folder link
   * to `/usr/lib` would otherwise put any file the process can read into the answers. Links
   * into /proc, /sys and /dev are refused even when this is on.
   */
  followOutsideLinks?: boolean;
}

/** A note to read: where it was found, and the resolved file to read (none for a broken link). */
export interface NoteFile {
  path: string;
  real?: string;
  /** Why a broken link cannot be read. */
  error?: string;
}

/** A link that was not followed, with where it points. */
export interface RefusedLink {
  path: string;
  target: string;
  reason: "outside" | "system";
}

export interface NoteListing {
  files: NoteFile[];
  refused: RefusedLink[];
}

/**
 * The file system calls the walk makes, as data: one walk, run by a synchronous driver (ingest,
 * lint, the snapshot check) or an asynchronous one (the watcher, which must not block the event
 * loop while it looks at a large tree every few seconds).
 */
type FsCall = { call: "realpath"; path: string } | { call: "readdir"; path: string } | { call: "stat"; path: string };
type Walk = Generator<FsCall, NoteListing, unknown>;

/**
 * Every `*.md` under `dir`, recursively, sorted so ids and order are stable. Dot-folders and
 * node_modules are skipped. Symbolic links are resolved and followed when their target is inside
 * `dir` (or anywhere but /proc, /sys and /dev with `followOutsideLinks`); a folder already walked
 * is not walked again; a broken link named `*.md` is listed with its error, so that it is
 * reported rather than dropped silently.
 */
function* walk(dir: string, options: WalkOptions): Walk {
  const files: NoteFile[] = [];
  const refused: RefusedLink[] = [];
  let root: string;
  try {
    root = (yield { call: "realpath", path: dir }) as string;
  } catch {
    return { files, refused };
  }
  if (isSystemPath(root)) return { files, refused };
  const inside = (real: string) => real === root || real.startsWith(root + sep);
  const walked = new Set<string>();

  function* folder(path: string, real: string): Generator<FsCall, void, unknown> {
    if (walked.has(real)) return;
    walked.add(real);
    let entries: Dirent[];
    try {
      entries = (yield { call: "readdir", path: real }) as Dirent[];
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const p = join(path, e.name);
      const isMd = /\.md$/i.test(e.name);
      if (e.isDirectory()) yield* folder(p, join(real, e.name));
      else if (e.isFile()) {
        if (isMd) files.push({ path: p, real: join(real, e.name) });
      } else if (e.isSymbolicLink()) {
        let target: string;
        try {
          target = (yield { call: "realpath", path: join(real, e.name) }) as string;
        } catch (error) {
          if (isMd)
            files.push({
              path: p,
              error: `${(error as Error).message.split(",")[0]}: the link's target does not exist`,
            });
          continue;
        }
        if (isSystemPath(target)) {
          refused.push({ path: p, target, reason: "system" });
          continue;
        }
        if (!inside(target) && !options.followOutsideLinks) {
          refused.push({ path: p, target, reason: "outside" });
          continue;
        }
        let s: Stats;
        try {
          s = (yield { call: "stat", path: target }) as Stats;
        } catch {
          continue;
        }
        if (s.isDirectory()) yield* folder(p, target);
        else if (s.isFile() && isMd) files.push({ path: p, real: target });
      }
    }
  }

  yield* folder(dir, root);
  return { files, refused };
}

/** Runs the walk with blocking calls. */
export function walkNotes(dir: string, options: WalkOptions = {}): NoteListing {
  const steps = walk(dir, options);
  let step = steps.next();
  while (!step.done) {
    let result: unknown;
    try {
      result = callSync(step.value);
    } catch (error) {
      step = steps.throw(error);
      continue;
    }
    step = steps.next(result);
  }
  return step.value;
}

/** Runs the walk with non-blocking calls: the event loop runs between every one. */
export async function walkNotesAsync(dir: string, options: WalkOptions = {}): Promise<NoteListing> {
  const steps = walk(dir, options);
  let step = steps.next();
  while (!step.done) {
    let result: unknown;
    try {
      result = await callAsync(step.value);
    } catch (error) {
      step = steps.throw(error);
      continue;
    }
    step = steps.next(result);
  }
  return step.value;
}

function callSync(c: FsCall): unknown {
  switch (c.call) {
    case "realpath":
      return realpathSync(c.path);
    case "readdir":
      return readdirSync(c.path, { withFileTypes: true });
    case "stat":
      return statSync(c.path);
  }
}

function callAsync(c: FsCall): Promise<unknown> {
  switch (c.call) {
    case "realpath":
      return realpath(c.path);
    case "readdir":
      return readdir(c.path, { withFileTypes: true });
    case "stat":
      return stat(c.path);
  }
}
