import { type Stats, statSync } from "node:fs";
import { stat } from "node:fs/promises";
import type { KnowledgeIssue } from "../knowledge/types.js";
import { type NoteListing, type WalkOptions, walkNotes, walkNotesAsync } from "../knowledge/walk-notes.js";
import type { Logger } from "../logger.js";
import { buildInWorker } from "../search/build-in-worker.js";
import { applyDelta, type IndexDelta, sectionsAfter } from "../search/index-delta.js";
import { type KnowledgeBase, type KnowledgeBaseOptions, saveSnapshot } from "../search/knowledge-base.js";
import { createUpdateWorker } from "../search/update-worker.js";

/** The index being served. The bot reads `ref.current.engine` once per question, so a swap is one assignment. */
export interface KnowledgeRef {
  current: KnowledgeBase;
}

export type ReloadOutcome =
  | {
      result: "swapped";
      sections: number;
      ms: number;
      /** `incremental`: only the changed files were parsed and their sections replaced (index-delta.ts). */
      how: "incremental" | "full";
    }
  | { result: "unchanged" }
  | { result: "kept"; reason: string; issues: KnowledgeIssue[] };

export interface WatchOptions extends KnowledgeBaseOptions {
  ref: KnowledgeRef;
  logger: Logger;
  /** Where to save the new snapshot after a swap (best effort), so the next start is quick. */
  indexFile?: string;
  /** How often the folder is looked at (default 2000 ms). A change is built once it held still for one interval. */
  intervalMs?: number;
  /**
   * Builds the new index in full. Default: a long-lived worker thread (the bot keeps answering
   * from the old index meanwhile) that parses only the changed files when few changed
   * (update-worker.ts, incremental re-indexing), else a build in full in a worker of its own
   * (`buildInWorker`). Tests inject failures here, or build in this thread; an injected build is
   * always a full one.
   */
  build?: (options: KnowledgeBaseOptions) => Promise<KnowledgeBase>;
  onReload?(outcome: ReloadOutcome): void;
}

export interface KnowledgeWatcher {
  start(): void;
  /** Stops looking; resolves after a build in progress has finished (it is not swapped in after stop). */
  stop(): Promise<void>;
  /** Rebuilds now (serialised with the timer's builds). */
  reload(options?: { onlyIfChanged?: boolean }): Promise<ReloadOutcome>;
  /**
   * Starts the reload worker and loads its language now (the timer does it when it first sees a
   * change, before the change has held still); resolves when it is ready.
   */
  warm(): Promise<void>;
}

/**
 * Polls file names, sizes, inodes and mtimes instead of fs.watch: recursive fs.watch works on
 * Linux with Node 20, but inotify events do not cross Docker Desktop bind mounts or network
 * folders. The walk and the stats are asynchronous, so a large tree never holds the event loop;
 * content hashes (in the manifest) then decide whether anything really changed.
 */
export function watchKnowledge(options: WatchOptions): KnowledgeWatcher {
  const { ref, logger } = options;
  const log = logger.child({ component: "reload" });
  const intervalMs = options.intervalMs ?? 2000;
  const walk: WalkOptions = { followOutsideLinks: options.followOutsideLinks ?? false };
  const look = () => signature(options.knowledgeDir, walk);
  // What the served index was built from: taken now, synchronously, once, so that an edit made
  // right after the build cannot become the baseline. Every later look is asynchronous.
  let builtSig = signatureSync(options.knowledgeDir, walk);
  let pendingSig: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let watching = false;
  let closed = false;
  let running: Promise<ReloadOutcome> = Promise.resolve({ result: "unchanged" });
  const updater = options.build
    ? undefined
    : createUpdateWorker(options.segmenter, { chinese: () => holdsChinese(ref.current) });

  const attempt = async (sig: string): Promise<ReloadOutcome> => {
    // Remember what was tried even when it fails: a broken file is not rebuilt every 2 s, only when it changes again.
    builtSig = sig;
    const started = performance.now();
    const buildOptions: KnowledgeBaseOptions = {
      knowledgeDir: options.knowledgeDir,
      followOutsideLinks: walk.followOutsideLinks ?? false,
      ...(options.rootDir !== undefined ? { rootDir: options.rootDir } : {}),
      ...(options.segmenter ? { segmenter: options.segmenter } : {}),
      ...(options.toolVersion !== undefined ? { toolVersion: options.toolVersion } : {}),
    };
    let next: KnowledgeBase | undefined;
    let delta: IndexDelta | undefined;
    try {
      if (options.build) next = await options.build(buildOptions);
      else {
        const update = await updater!.update(buildOptions, ref.current.manifest);
        if ("delta" in update) delta = update.delta;
        else {
          next = update.kb;
          if (update.fullBecause) log.debug({ reason: update.fullBecause }, "knowledge rebuilt in full");
        }
      }
    } catch (error) {
      log.error({ err: error }, "knowledge reload failed; still serving the previous index");
      return { result: "kept", reason: (error as Error).message, issues: [] };
    }
    if (closed) return { result: "unchanged" };
    // Links not followed are named on every rebuild that sees them, whatever else happens.
    const issues = next ? next.issues : delta!.issues;
    for (const i of issues.filter((i) => i.code === "refused-link"))
      log.warn({ file: i.file, line: i.line, code: i.code }, `${i.file}:${i.line}: ${i.message}`);
    const previous = ref.current;
    const changed = next ? changedFiles(previous, next) : new Set(delta!.changed);
    // Errors in files that did not change were already there when the current index was built: not a reason to refuse.
    const errors = issues.filter((i) => i.severity === "error" && i.code !== "refused-link" && changed.has(i.file));
    if (errors.length) {
      for (const i of errors)
        log.error({ file: i.file, line: i.line, code: i.code }, `${i.file}:${i.line}: ${i.message}`);
      log.error({ errors: errors.length }, "knowledge reload refused; still serving the previous index");
      return { result: "kept", reason: `${errors.length} error(s) in changed files`, issues: errors };
    }
    const sectionCount = next ? next.manifest.sectionCount : sectionsAfter(previous, delta!);
    if (sectionCount === 0 && previous.manifest.sectionCount > 0) {
      // An emptied folder is far more often a checkout or a mount in progress than a wish for a bot that knows nothing.
      log.warn(
        { knowledgeDir: options.knowledgeDir },
        "knowledge folder has no sections now; still serving the previous index",
      );
      return { result: "kept", reason: "no sections", issues: [] };
    }
    const files = next ? next.manifest.files : delta!.files;
    if (changed.size === 0 && files.length === previous.manifest.files.length) return { result: "unchanged" };
    const how = next ? "full" : "incremental";
    if (!next) next = await applyOrRebuild(previous, delta!, buildOptions);
    // Applying a delta lets the event loop run (index-delta.ts): the watcher may have been stopped meanwhile.
    if (closed) return { result: "unchanged" };
    ref.current = next;
    const ms = Math.round(performance.now() - started);
    log.info(
      { sections: next.manifest.sectionCount, changed: [...changed].slice(0, 20), ms, how },
      "knowledge reloaded",
    );
    for (const i of next.issues)
      log.debug({ file: i.file, line: i.line, code: i.code }, `${i.file}:${i.line}: ${i.message}`);
    if (options.indexFile) {
      try {
        // The worker serialised it already: written without blocking, then the text is let go.
        await saveSnapshot(next, options.indexFile);
      } catch (error) {
        log.debug(
          { err: error, indexFile: options.indexFile },
          "could not save the reloaded index; it stays in memory",
        );
      }
      delete next.saved;
    }
    return { result: "swapped", sections: next.manifest.sectionCount, ms, how };
  };

  /**
   * The delta applied to the served index; when it does not fit (a repeated section id), or
   * applying it failed half-way (the served index may be damaged), a full build in the worker.
   */
  const applyOrRebuild = async (
    previous: KnowledgeBase,
    delta: IndexDelta,
    buildOptions: KnowledgeBaseOptions,
  ): Promise<KnowledgeBase> => {
    try {
      const applied = await applyDelta(previous, delta);
      if (typeof applied !== "string") return applied;
      log.info({ reason: applied }, "incremental reload not possible; building in full");
    } catch (error) {
      log.error({ err: error }, "incremental reload failed; building in full");
    }
    return buildInWorker(buildOptions);
  };

  const run = (sig: string): Promise<ReloadOutcome> => {
    running = running
      .then(() => attempt(sig))
      .then((outcome) => {
        if (outcome.result !== "unchanged") options.onReload?.(outcome);
        return outcome;
      });
    return running;
  };

  const tick = async () => {
    const sig = await look();
    if (sig === builtSig) pendingSig = undefined;
    else if (sig !== pendingSig) {
      pendingSig = sig; // still changing (an editor, git checkout): look again next time
      // Meanwhile the reload worker loads its language, so the build finds it ready. In the
      // background: a failed start is retried, and reported, by the reload.
      updater?.warm().catch(() => undefined);
    } else {
      pendingSig = undefined;
      await run(sig);
    }
  };

  const schedule = () => {
    if (!watching || closed) return;
    timer = setTimeout(() => {
      tick()
        .catch((error: unknown) => log.error({ err: error }, "knowledge watch failed"))
        .finally(schedule);
    }, intervalMs);
    // The watcher alone never keeps the process alive.
    timer.unref();
  };

  return {
    start() {
      if (watching || closed) return;
      watching = true;
      log.info({ knowledgeDir: options.knowledgeDir, intervalMs }, "watching the knowledge folder");
      schedule();
    },
    async stop() {
      watching = false;
      closed = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
      await updater?.close();
    },
    async warm() {
      await updater?.warm();
    },
    /**
     * `onlyIfChanged` (the admin command): when the folder looks as it did at the last build,
     * answer "unchanged" at once instead of building in a worker to find out (seconds, past a
     * slash command's ack).
     */
    async reload(reloadOptions = {}) {
      const sig = await look();
      if (reloadOptions.onlyIfChanged) {
        await running.catch(() => undefined);
        if (sig === builtSig) return { result: "unchanged" };
      }
      return run(sig);
    },
  };
}

/** Files whose content differs between two indexes (added, changed, removed), by display path. */
function changedFiles(a: KnowledgeBase, b: KnowledgeBase): Set<string> {
  const before = new Map(a.manifest.files.map((f) => [f.file, f.sha256]));
  const after = new Map(b.manifest.files.map((f) => [f.file, f.sha256]));
  const out = new Set<string>();
  for (const [file, sha] of after) if (before.get(file) !== sha) out.add(file);
  for (const file of before.keys()) if (!after.has(file)) out.add(file);
  return out;
}

/**
 * Cheap fingerprint of the notes: names, sizes, inodes (editors save by rename), mtimes, and the
 * links not followed (a new one is reported by the rebuild it triggers). Asynchronous throughout.
 */
export async function signature(dir: string, options: WalkOptions = {}): Promise<string> {
  const listing = await walkNotesAsync(dir, options);
  // A few stats in flight at a time: 20,000 at once would come back in bursts that hold the loop.
  const stats: (Stats | undefined)[] = [];
  for (let i = 0; i < listing.files.length; i += STAT_BATCH) {
    const batch = listing.files.slice(i, i + STAT_BATCH);
    stats.push(...(await Promise.all(batch.map((f) => stat(f.real ?? f.path).catch(() => undefined)))));
  }
  return fingerprint(listing, stats);
}

const STAT_BATCH = 16;

/** The same fingerprint with blocking calls (the watcher's baseline). */
export function signatureSync(dir: string, options: WalkOptions = {}): string {
  const listing = walkNotes(dir, options);
  return fingerprint(
    listing,
    listing.files.map((f) => statSync(f.real ?? f.path, { throwIfNoEntry: false })),
  );
}

function fingerprint(listing: NoteListing, stats: (Stats | undefined)[]): string {
  const files = listing.files.map((f, i) => {
    const s = stats[i];
    return s ? `${f.path}\0${s.size}\0${s.ino}\0${s.mtimeMs}` : `${f.path}\0gone`;
  });
  return [...files, ...listing.refused.map((r) => `${r.path}\0→${r.target}`)].join("\n");
}

/**
 * Whether the served index holds a Chinese term: stops at the first one; an index without any is
 * read to its end, once per worker start (5,196 terms at docker-cli-docs ×50: under 1 ms).
 */
function holdsChinese(kb: KnowledgeBase | undefined): boolean {
  if (!kb) return true;
  for (const term of kb.engine.index.stats.terms()) if (/\p{Script=Han}/u.test(term)) return true;
  return false;
}
