import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyDelta } from "../../src/search/index-delta.js";
import { buildKnowledgeBase, type KnowledgeBase } from "../../src/search/knowledge-base.js";
import { createUpdateWorker } from "../../src/search/update-worker.js";

/**
 * Issue 18: the reload's worker lives from one reload to the next, so the language it analyses
 * with (jieba's dictionary, the flag tables) is loaded once, not at every reload, until it has
 * been idle a while; a full build still runs in a worker of its own.
 */
describe("the long-lived reload worker", () => {
  const root = mkdtempSync(join(tmpdir(), "update-worker-"));
  const dir = join(root, "knowledge");
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const options = { knowledgeDir: dir, rootDir: root, segmenter: "intl" as const };
  const note = (i: number, extra = "") =>
    writeFileSync(join(dir, `n${i}.md`), `# Note ${i}\n\n## Restart\n\n\`--restart\` restarts ${i}.${extra}\n`);
  const apply = async (
    kb: KnowledgeBase,
    update: Awaited<ReturnType<ReturnType<typeof createUpdateWorker>["update"]>>,
  ) => {
    if (!("delta" in update)) throw new Error("expected a delta");
    const next = await applyDelta(kb, update.delta);
    if (typeof next === "string") throw new Error(next);
    return next;
  };

  it("answers reload after reload from one thread, and builds in full when most files changed", async () => {
    mkdirSync(dir);
    for (let i = 0; i < 4; i++) note(i);
    let kb = await buildKnowledgeBase(options);
    const worker = createUpdateWorker("intl");
    try {
      await worker.warm();
      note(1, " zebracorn");
      kb = await apply(kb, await worker.update(options, kb.manifest));
      expect((await kb.engine.search("zebracorn")).results[0]?.section.file).toBe("knowledge/n1.md");
      note(2, " quokkafish");
      kb = await apply(kb, await worker.update(options, kb.manifest));
      expect((await kb.engine.search("quokkafish")).results[0]?.section.file).toBe("knowledge/n2.md");
      expect(worker.starts).toBe(1);

      for (let i = 0; i < 4; i++) note(i, " wombatling");
      const full = await worker.update(options, kb.manifest);
      if (!("kb" in full)) throw new Error("expected a full build");
      expect(full.fullBecause).toBe("4 of 4 files changed");
      expect(worker.starts).toBe(1);
      kb = full.kb;

      // Ended (as the watcher's stop() does), it starts again when asked.
      await worker.close();
      note(3, " platypod");
      kb = await apply(kb, await worker.update(options, kb.manifest));
      expect((await kb.engine.search("platypod")).results[0]?.section.file).toBe("knowledge/n3.md");
      expect(worker.starts).toBe(2);
    } finally {
      await worker.close();
    }
  }, 60_000);

  it("ends once idle for idleMs (an idle bot carries no second heap), and starts again when asked", async () => {
    const worker = createUpdateWorker("intl", { idleMs: 200 });
    try {
      await worker.warm();
      await worker.warm();
      expect(worker.starts).toBe(1);
      await new Promise((r) => setTimeout(r, 600));
      await worker.warm();
      expect(worker.starts).toBe(2);
    } finally {
      await worker.close();
    }
  }, 60_000);
});
