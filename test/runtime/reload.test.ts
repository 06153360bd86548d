import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerSections } from "../../src/answer/answer-sections.js";
import { createBot } from "../../src/answer/create-bot.js";
import { MAX_FILE_BYTES } from "../../src/knowledge/load-knowledge.js";
import {
  type KnowledgeRef,
  type KnowledgeWatcher,
  type ReloadOutcome,
  watchKnowledge,
} from "../../src/runtime/reload.js";
import { buildKnowledgeBase } from "../../src/search/knowledge-base.js";
import { captureLogger } from "../e2e/fakes/slack-bot.js";

const NOTE =
  "# Docker run\n\n## 自动重启\n\n`--restart` 让容器自动重启。\n\n```bash\ndocker run --restart unless-stopped nginx\n```\n";
const MORE =
  "\n## 健康检查\n\n`--health-cmd` 定期检查容器是否健康。\n\n```bash\ndocker run --health-cmd 'curl -f http://localhost' nginx\n```\n";

describe("knowledge reload", () => {
  const root = mkdtempSync(join(tmpdir(), "notes-reload-"));
  const dir = join(root, "knowledge");
  const log = captureLogger();
  const outcomes: ReloadOutcome[] = [];
  let ref: KnowledgeRef;
  let watcher: KnowledgeWatcher;
  const bot = createBot(() => ref.current.engine);
  const waitFor = async (n: number) => {
    const deadline = Date.now() + 15_000;
    while (outcomes.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(outcomes.length).toBeGreaterThanOrEqual(n);
    return outcomes[n - 1]!;
  };

  beforeAll(async () => {
    mkdirSync(dir);
    writeFileSync(join(dir, "run.md"), NOTE);
    ref = { current: await buildKnowledgeBase({ knowledgeDir: dir, rootDir: root }) };
    watcher = watchKnowledge({
      ref,
      logger: log.logger,
      knowledgeDir: dir,
      rootDir: root,
      intervalMs: 50,
      onReload: (o) => outcomes.push(o),
    });
    watcher.start();
  });

  afterAll(async () => {
    await watcher?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("a changed note is rebuilt in the background and swapped in", async () => {
    const before = await bot.ask("/docker explain --health-cmd");
    expect(answerSections(before).some((s) => s.title.includes("健康检查"))).toBe(false);
    writeFileSync(join(dir, "run.md"), NOTE + MORE);
    expect(await waitFor(1)).toMatchObject({ result: "swapped" });
    const after = await bot.ask("/docker explain --health-cmd");
    expect(after.matched).toBe(true);
    expect(answerSections(after)[0]?.title).toContain("健康检查");
    expect(log.lines.some((l) => l.msg === "knowledge reloaded")).toBe(true);
  });

  it("a new file that the build reports as an error keeps the previous index and logs file:line", async () => {
    const served = ref.current;
    writeFileSync(join(dir, "huge.md"), "# Huge\n" + "x".repeat(MAX_FILE_BYTES));
    const outcome = await waitFor(2);
    expect(outcome.result).toBe("kept");
    expect(ref.current).toBe(served);
    const line = log.lines.find((l) => typeof l.msg === "string" && l.msg.startsWith("knowledge/huge.md:1:"));
    expect(line).toMatchObject({ level: 50, file: "knowledge/huge.md", line: 1 });
    // Still answering from the previous index.
    expect(answerSections(await bot.ask("/docker explain --health-cmd"))[0]?.title).toContain("健康检查");
  });

  it("once the broken file is fixed, the next change goes through (old errors do not block it)", async () => {
    writeFileSync(join(dir, "huge.md"), "# Huge\n\n## 端口映射\n\n`-p 8080:80` 把主机端口映射到容器。\n");
    expect(await waitFor(3)).toMatchObject({ result: "swapped" });
    expect(answerSections(await bot.ask("/docker explain 端口映射"))[0]?.title).toContain("端口映射");
  });

  it("a build that throws keeps the previous index", async () => {
    const served = ref.current;
    const failing = watchKnowledge({
      ref,
      logger: log.logger,
      knowledgeDir: dir,
      rootDir: root,
      build: async () => {
        throw new Error("disk on fire");
      },
    });
    const outcome = await failing.reload();
    expect(outcome).toMatchObject({ result: "kept", reason: "disk on fire" });
    expect(ref.current).toBe(served);
    await failing.stop();
  });

  it("an unchanged folder is not swapped", async () => {
    const idle = watchKnowledge({ ref, logger: log.logger, knowledgeDir: dir, rootDir: root });
    const served = ref.current;
    expect(await idle.reload()).toEqual({ result: "unchanged" });
    expect(ref.current).toBe(served);
    await idle.stop();
  });
});
