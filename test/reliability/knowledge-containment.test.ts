import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerSections } from "../../src/answer/answer-sections.js";
import { createBot } from "../../src/answer/create-bot.js";
import { formatIssues, lintKnowledge } from "../../src/lint-knowledge.js";
import { loadIndex } from "../../src/runtime/load-index.js";
import { type KnowledgeRef, watchKnowledge } from "../../src/runtime/reload.js";
import { buildKnowledgeBase, writeSnapshot } from "../../src/search/knowledge-base.js";
import { VERSION } from "../../src/version.js";
import { captureLogger } from "../e2e/fakes/slack-bot.js";

/**
 * Issue 17, point 2: notes must not pull in files from outside KNOWLEDGE_DIR. A contributed
 * `environ.md → /proc/self/environ` answered `/docker search xoxb` with the bot's tokens, and a
 * folder link to `/usr/lib` indexed hundreds of files.
 */
const NOTE = "# Docker run\n\n## 自动重启\n\n`--restart` 让容器自动重启。\n";
const OUTSIDE = "# Outside\n\n## Zorblax\n\nzorblax is a word only the outside note has.\n";

/** A word of this process's own environment (as /proc/self/environ shows it): what a leak would answer with. */
function environWord(): string {
  const env = readFileSync("/proc/self/environ", "utf8");
  const word = env.match(/[A-Za-z]{8,}/g)?.find((w) => !/^(?:docker|restart)$/i.test(w));
  if (!word) throw new Error("no word in /proc/self/environ");
  return word;
}

describe("knowledge containment", () => {
  const root = mkdtempSync(join(tmpdir(), "notes-contain-"));
  const dir = join(root, "knowledge");
  const outside = join(root, "elsewhere");
  beforeAll(() => {
    mkdirSync(dir);
    mkdirSync(join(outside, "deep"), { recursive: true });
    writeFileSync(join(dir, "run.md"), NOTE);
    writeFileSync(join(outside, "deep", "outside.md"), OUTSIDE);
    writeFileSync(join(outside, "single.md"), OUTSIDE.replace("Zorblax", "Quuxly").replace("zorblax", "quuxly"));
    symlinkSync("/proc/self/environ", join(dir, "environ.md"));
    symlinkSync("/proc/self", join(dir, "self"));
    symlinkSync("/dev", join(dir, "devices"));
    symlinkSync(outside, join(dir, "linked-folder"));
    symlinkSync(join(outside, "single.md"), join(dir, "single.md"));
    // Links that stay inside are fine.
    mkdirSync(join(dir, "sub"));
    symlinkSync(join(dir, "run.md"), join(dir, "sub", "again.md"));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("does not index /proc/self/environ, /proc, /dev, or an outside folder or file; indexes links that stay inside", async () => {
    const kb = await buildKnowledgeBase({ knowledgeDir: dir, rootDir: root, segmenter: "intl" });
    expect(kb.manifest.files.map((f) => f.file)).toEqual(["knowledge/run.md", "knowledge/sub/again.md"]);
    const bot = createBot(() => kb.engine);
    for (const q of [`search ${environWord()}`, "search zorblax", "search quuxly", "search PATH"]) {
      const sections = answerSections(await bot.ask(q));
      expect(
        sections.map((s) => s.source.file),
        q,
      ).not.toContain("knowledge/environ.md");
      expect(JSON.stringify(sections), q).not.toMatch(/zorblax|quuxly/i);
      expect(
        sections.every((s) => s.source.file.startsWith("knowledge/")),
        q,
      ).toBe(true);
    }
    const refused = kb.issues.filter((i) => i.code === "refused-link");
    expect(refused.map((i) => i.file).sort()).toEqual([
      "knowledge/devices",
      "knowledge/environ.md",
      "knowledge/linked-folder",
      "knowledge/self",
      "knowledge/single.md",
    ]);
    expect(refused.every((i) => i.severity === "error")).toBe(true);
  });

  it("lint:knowledge names each link by its own path, with where it points, and fails", () => {
    const { issues } = lintKnowledge(dir, root);
    const text = formatIssues(issues);
    expect(text).toMatch(
      /^knowledge\/environ\.md:1: error refused-link: links to \/proc\/\d+\/environ: \/proc, \/sys and \/dev are never read/m,
    );
    expect(text).toContain(
      `knowledge/linked-folder:1: error refused-link: links to ${outside}, outside the notes folder`,
    );
    expect(text).toContain("KNOWLEDGE_FOLLOW_OUTSIDE_LINKS=true");
    expect(issues.some((i) => i.severity === "error")).toBe(true);
  });

  it("KNOWLEDGE_FOLLOW_OUTSIDE_LINKS opens the outside folder and file, never /proc or /dev", async () => {
    const kb = await buildKnowledgeBase({
      knowledgeDir: dir,
      rootDir: root,
      segmenter: "intl",
      followOutsideLinks: true,
    });
    expect(kb.manifest.files.map((f) => f.file)).toEqual([
      "knowledge/linked-folder/deep/outside.md",
      "knowledge/linked-folder/single.md",
      "knowledge/run.md",
      "knowledge/single.md",
      "knowledge/sub/again.md",
    ]);
    expect(
      kb.issues
        .filter((i) => i.code === "refused-link")
        .map((i) => i.file)
        .sort(),
    ).toEqual(["knowledge/devices", "knowledge/environ.md", "knowledge/self"]);
    const bot = createBot(() => kb.engine);
    expect((await bot.ask("search zorblax")).matched).toBe(true);
  });

  it("a start from a snapshot names the refused links in the log too", async () => {
    const indexFile = join(root, "index.json");
    const built = await buildKnowledgeBase({
      knowledgeDir: dir,
      rootDir: root,
      segmenter: "intl",
      toolVersion: VERSION,
    });
    writeSnapshot(built, indexFile);
    const { logger, lines } = captureLogger();
    const kb = await loadIndex({ knowledgeDir: dir, rootDir: root, segmenter: "intl", indexFile, logger });
    expect(kb.origin.from).toBe("snapshot");
    const named = lines.filter((l) => l.code === "refused-link" && l.level === 50).map((l) => l.file);
    expect(named).toContain("knowledge/environ.md");
    expect(named).toContain("knowledge/linked-folder");
  });

  it("a link added while the bot runs is refused at the reload, and the log names it", async () => {
    const fresh = join(root, "watched");
    mkdirSync(fresh);
    writeFileSync(join(fresh, "run.md"), NOTE);
    const ref: KnowledgeRef = {
      current: await buildKnowledgeBase({ knowledgeDir: fresh, rootDir: root, segmenter: "intl" }),
    };
    const log = captureLogger();
    const watcher = watchKnowledge({
      ref,
      logger: log.logger,
      knowledgeDir: fresh,
      rootDir: root,
      segmenter: "intl",
      build: buildKnowledgeBase,
    });
    symlinkSync("/proc/self/environ", join(fresh, "environ.md"));
    symlinkSync(outside, join(fresh, "more"));
    await watcher.reload();
    await watcher.stop();
    expect(ref.current.manifest.files.map((f) => f.file)).toEqual(["watched/run.md"]);
    const warned = log.lines.filter((l) => l.code === "refused-link").map((l) => l.file);
    expect(warned.sort()).toEqual(["watched/environ.md", "watched/more"]);
  });
});
