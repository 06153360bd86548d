import { expect } from "vitest";
import type { AnswerSection, SectionsAnswer } from "../../src/answer/types.js";
import { type DiscordMessage, LIMITS } from "../../src/render/discord/index.js";
import { makeAnswer } from "./slack-helpers.js";

export function section(overrides: Partial<AnswerSection> = {}): AnswerSection {
  return {
    id: "knowledge/docker-notes.md#7-自动重启",
    headingPath: ["Docker run", "docker run的配置命令", "7. 自动重启"],
    title: "7. 自动重启",
    summary: "- **`--restart`**: 配置容器在特定情况下自动重启（如失败后）。",
    examples: [{ lang: "bash", code: "docker run --restart unless-stopped my_image" }],
    source: { file: "knowledge/docker-notes.md", line: 224 },
    score: 1,
    ...overrides,
  };
}

export function answer(overrides: Partial<SectionsAnswer> = {}): SectionsAnswer {
  return makeAnswer({ sections: [section()], ...overrides });
}

/** Lines that open or close a fence; an odd count means a fence was left open. */
export function fenceCount(text: string): number {
  return text.split("\n").filter((l) => /^ {0,3}(```|~~~)/.test(l)).length;
}

/** Every Discord limit, and no open fence in any description or field. */
export function expectWithinLimits(message: DiscordMessage): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  expect(message.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  let total = 0;
  for (const e of message.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    expect(fenceCount(e.description ?? "") % 2).toBe(0);
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect(f.value.length).toBeGreaterThan(0);
      expect(fenceCount(f.value) % 2).toBe(0);
      total += f.name.length + f.value.length;
    }
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedsTotal);
  expect(message.components.length).toBeLessThanOrEqual(LIMITS.rows);
  for (const row of message.components) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const b of row.components) {
      expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(b.label?.length ?? 0).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
  }
  const ids = message.components.flatMap((r) => r.components.map((b) => b.custom_id));
  expect(new Set(ids).size).toBe(ids.length);
}

/** ~20,000 characters of prose and code, like a long chapter of the notes. */
export function longSummary(): string {
  const parts: string[] = [];
  for (let i = 0; parts.join("\n\n").length < 20_000; i++) {
    parts.push(`第 ${i} 段：使用 \`docker run --restart unless-stopped\` 让容器在守护进程重启后自动启动。`.repeat(4));
    if (i % 5 === 0)
      parts.push(
        "```bash\n" +
          Array.from({ length: 12 }, (_, j) => `docker run -d --name app${i}-${j} nginx`).join("\n") +
          "\n```",
      );
  }
  return parts.join("\n\n");
}
