import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { answerSections } from "../../src/answer/answer-sections.js";
import { createBot } from "../../src/answer/create-bot.js";
import {
  type KnowledgeRef,
  type KnowledgeWatcher,
  type ReloadOutcome,
  watchKnowledge,
} from "../../src/runtime/reload.js";
import { buildKnowledgeBase } from "../../src/search/knowledge-base.js";
import { captureLogger } from "../e2e/fakes/slack-bot.js";

/**
 * Notes that change under the bot while it rebuilds: a file deleted (or replaced by a folder)
 * after the change was detected and the file listed, but before it is read; a broken symlink.
 * The race is made deterministic by a hook on `readFileSync` (the loader's read), which does the
 * deletion for real just before the read.
 */
const hooks = vi.hoisted(() => ({ beforeRead: undefined as ((path: string) => void) | undefined }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const readFileSync = ((...args: Parameters<typeof fs.readFileSync>) => {
    hooks.beforeRead?.(String(args[0]));
    return fs.readFileSync(...args);
  }) as typeof fs.readFileSync;
  return { ...fs, readFileSync, default: { ...fs, readFileSync } };
});

const RUN =
  "# Docker run\n\n## 自动重启\n\n`--restart` 让容器自动重启。\n\n```bash\ndocker run --restart unless-stopped nginx\n```\n";
const RUN_V2 =
  RUN + "\n## 端口映射\n\n`-p 8080:80` 把主机端口映射到容器。\n\n```bash\ndocker run -p 8080:80 nginx\n```\n";
const HEALTH =
  "# Health\n\n## 健康检查\n\n`--health-cmd` 定期检查容器是否健康。\n\n```bash\ndocker run --health-cmd 'curl -f http://localhost' nginx\n```\n";
const VOLUME =
  "# Volumes\n\n## 数据卷\n\n`-v` 把主机目录挂载到容器。\n\n```bash\ndocker run -v /data:/data nginx\n```\n";

/** A folder of notes, its served index, a watcher on a fast timer, and what it reported. */
async function notes(files: Record<string, string>, walk: { followOutsideLinks?: boolean } = {}) {
  const root = mkdtempSync(join(tmpdir(), "notes-faults-"));
  const dir = join(root, "knowledge");
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const log = captureLogger();
  const outcomes: ReloadOutcome[] = [];
  const ref: KnowledgeRef = { current: await buildKnowledgeBase({ knowledgeDir: dir, rootDir: root, ...walk }) };
  const watcher: KnowledgeWatcher = watchKnowledge({
    ref,
    logger: log.logger,
    knowledgeDir: dir,
    rootDir: root,
    ...walk,
    // In this thread: the race above is staged by hooking this thread's readFileSync.
    build: buildKnowledgeBase,
    intervalMs: 40,
    onReload: (o) => outcomes.push(o),
  });
  const bot = createBot(() => ref.current.engine);
  const next = async (n: number): Promise<ReloadOutcome> => {
    const deadline = Date.now() + 15_000;
    while (outcomes.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(outcomes.length).toBeGreaterThanOrEqual(n);
    return outcomes[n - 1]!;
  };
  const titles = async (q: string): Promise<string[]> => answerSections(await bot.ask(q)).map((s) => s.title);
  const cleanup = async () => {
    hooks.beforeRead = undefined;
    await watcher.stop();
    rmSync(root, { recursive: true, force: true });
  };
  return { root, dir, log, outcomes, ref, watcher, next, titles, cleanup };
}

/** Runs `act` once, just before the loader reads the file whose path ends with `name`. */
function onceBeforeReading(name: string, act: (path: string) => void): { fired: () => boolean } {
  let fired = false;
  hooks.beforeRead = (path) => {
    if (fired || !path.endsWith(name)) return;
    fired = true;
    act(path);
  };
  return { fired: () => fired };
}

describe("knowledge: a file deleted during a rebuild", () => {
  let env: Awaited<ReturnType<typeof notes>>;
  beforeAll(async () => {
    env = await notes({ "run.md": RUN, "health.md": HEALTH });
    env.watcher.start();
  });
  afterAll(() => env.cleanup());

  it("keeps the previous index and names the file in the log, then rebuilds without it on the next look", async () => {
    const served = env.ref.current;
    expect(await env.titles("/docker explain --health-cmd")).toContain("健康检查");
    // An edit starts a rebuild; health.md disappears after it was listed, before it is read.
    const race = onceBeforeReading("health.md", (path) => unlinkSync(path));
    writeFileSync(join(env.dir, "run.md"), RUN_V2);

    const first = await env.next(1);
    expect(race.fired()).toBe(true);
    expect(first).toMatchObject({ result: "kept", issues: [{ file: "knowledge/health.md", code: "unreadable-file" }] });
    expect(env.ref.current).toBe(served);
    const named = env.log.lines.find((l) => l.file === "knowledge/health.md" && l.level === 50);
    expect(String(named?.msg)).toMatch(/^knowledge\/health\.md:1: cannot read: ENOENT/);
    expect(env.log.lines.some((l) => l.msg === "knowledge reload refused; still serving the previous index")).toBe(
      true,
    );
    // Still answering from what was served: the deleted note too, the edit not yet.
    expect(await env.titles("/docker explain --health-cmd")).toContain("健康检查");

    // The watcher sees the folder without the file and rebuilds by itself.
    const second = await env.next(2);
    expect(second).toMatchObject({ result: "swapped" });
    expect(env.ref.current.manifest.files.map((f) => f.file)).toEqual(["knowledge/run.md"]);
    const reloaded = env.log.lines.find((l) => l.msg === "knowledge reloaded");
    expect(reloaded?.changed).toEqual(expect.arrayContaining(["knowledge/health.md", "knowledge/run.md"]));
    expect(await env.titles("/docker explain -p")).toContain("端口映射");
    expect(await env.titles("/docker explain --health-cmd")).not.toContain("健康检查");
  });

  it("a note replaced by a folder mid-read (EISDIR) is handled the same way, and never throws", async () => {
    writeFileSync(join(env.dir, "volume.md"), VOLUME);
    expect(await env.next(3)).toMatchObject({ result: "swapped" });
    const served = env.ref.current;
    const race = onceBeforeReading("volume.md", (path) => {
      unlinkSync(path);
      mkdirSync(path);
    });
    writeFileSync(join(env.dir, "run.md"), RUN);
    const kept = await env.next(4);
    expect(race.fired()).toBe(true);
    expect(kept).toMatchObject({ result: "kept", issues: [{ file: "knowledge/volume.md", code: "unreadable-file" }] });
    expect(kept.result === "kept" && kept.issues[0]?.message).toMatch(/EISDIR/);
    expect(env.ref.current).toBe(served);
    // Next look: `volume.md/` is an (empty) folder now, not a note.
    expect(await env.next(5)).toMatchObject({ result: "swapped" });
    expect(env.ref.current.manifest.files.map((f) => f.file)).toEqual(["knowledge/run.md"]);
    expect(await env.titles("/docker explain -v")).not.toContain("数据卷");
  });
});

/**
 * These links lead out of the notes folder (to `root/`, beside it), which since issue 17 takes
 * KNOWLEDGE_FOLLOW_OUTSIDE_LINKS=true: the behaviour under test (one index entry per note, no
 * loop, broken links reported) is the same with it on. Without it, see "containment" below.
 */
describe("knowledge: symlinks", () => {
  let env: Awaited<ReturnType<typeof notes>>;
  beforeAll(async () => {
    env = await notes({ "run.md": RUN }, { followOutsideLinks: true });
    // A note linked in from outside the folder is a note.
    writeFileSync(join(env.root, "shared-health.md"), HEALTH);
    symlinkSync(join(env.root, "shared-health.md"), join(env.dir, "health.md"));
    // A link back to the folder itself must not loop.
    symlinkSync(env.dir, join(env.dir, "loop"));
    env.ref.current = await buildKnowledgeBase({ knowledgeDir: env.dir, rootDir: env.root, followOutsideLinks: true });
    env.watcher.start();
  });
  afterAll(() => env.cleanup());

  it("indexes a symlinked note once, and a link to a parent folder does not loop", async () => {
    expect(env.ref.current.manifest.files.map((f) => f.file)).toEqual(["knowledge/health.md", "knowledge/run.md"]);
    expect(await env.titles("/docker explain --health-cmd")).toContain("健康检查");
  });

  it("a broken symlink that appears keeps the previous index and is named in the log; fixing it goes through", async () => {
    const served = env.ref.current;
    symlinkSync(join(env.root, "missing.md"), join(env.dir, "broken.md"));
    const kept = await env.next(1);
    expect(kept).toMatchObject({ result: "kept", issues: [{ file: "knowledge/broken.md", code: "unreadable-file" }] });
    expect(env.ref.current).toBe(served);
    expect(
      env.log.lines.some(
        (l) => l.file === "knowledge/broken.md" && l.level === 50 && /cannot read: ENOENT/.test(String(l.msg)),
      ),
    ).toBe(true);
    expect(await env.titles("/docker explain --health-cmd")).toContain("健康检查");

    writeFileSync(join(env.root, "missing.md"), VOLUME);
    expect(await env.next(2)).toMatchObject({ result: "swapped" });
    expect(await env.titles("/docker explain -v")).toContain("数据卷");
  });
});
