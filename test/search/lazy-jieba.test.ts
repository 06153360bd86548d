import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildKnowledgeBase } from "../../src/search/knowledge-base.js";
import { jiebaLoaded } from "../../src/search/segment-cjk.js";

const dir = mkdtempSync(join(tmpdir(), "lazy-jieba-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("jieba is loaded at the first Chinese text, not before", () => {
  it("indexes and answers English notes without loading the Chinese dictionary", async () => {
    mkdirSync(join(dir, "notes"));
    writeFileSync(
      join(dir, "notes", "restart.md"),
      "# Restart policies\n\nUse --restart unless-stopped so the container comes back after a reboot.\n",
    );
    const kb = await buildKnowledgeBase({ knowledgeDir: join(dir, "notes"), rootDir: dir });
    const outcome = await kb.engine.search("restart policy after reboot");
    expect(outcome.results[0]?.section.title).toBe("Restart policies");
    expect(jiebaLoaded()).toBe(false);
  });

  it("loads it for notes in Chinese, whose words it segments", async () => {
    mkdirSync(join(dir, "zh"));
    writeFileSync(join(dir, "zh", "ports.md"), "# 端口映射\n\n用 -p 把容器的端口映射到主机。\n");
    const kb = await buildKnowledgeBase({ knowledgeDir: join(dir, "zh"), rootDir: dir });
    expect(jiebaLoaded()).toBe(true);
    expect((await kb.engine.search("容器端口映射")).results[0]?.section.title).toBe("端口映射");
  });
});
