import type { AnswerSection, SectionsAnswer } from "../../src/answer/types.js";
import type { SlackBlock } from "../../src/render/slack/index.js";

export function makeSection(over: Partial<AnswerSection> = {}): AnswerSection {
  return {
    id: "knowledge/docker-notes.md#7-自动重启",
    headingPath: ["Docker run", "docker run的配置命令", "7. 自动重启"],
    title: "7. 自动重启",
    summary:
      "- **`--restart`**: 设置容器的重启策略，例如 `always` 或 `unless-stopped`。\n\n见 [文档](https://docs.docker.com/engine/containers/start-containers-automatically/)",
    examples: [{ lang: "bash", code: "docker run --restart unless-stopped my_image" }],
    source: { file: "knowledge/docker-notes.md", line: 224 },
    score: 1,
    ...over,
  };
}

export function makeAnswer(over: Partial<SectionsAnswer> = {}): SectionsAnswer {
  const sections = over.sections ?? [
    makeSection(),
    makeSection({ id: "b", title: "Other", headingPath: ["Other"], score: 0.5 }),
  ];
  return {
    type: "sections",
    command: "explain",
    query: "explain --restart",
    matched: true,
    confidence: "high",
    sections,
    ...over,
  };
}

/** Every text string in the blocks (mrkdwn and plain_text), with where it sits. */
export function texts(blocks: SlackBlock[]): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  blocks.forEach((b, i) => {
    if (b.type === "header") out.push({ where: `${i}.header`, text: b.text.text });
    if (b.type === "section") {
      if (b.text) out.push({ where: `${i}.section`, text: b.text.text });
      b.fields?.forEach((f, j) => out.push({ where: `${i}.field${j}`, text: f.text }));
    }
    if (b.type === "context") b.elements.forEach((e, j) => out.push({ where: `${i}.context${j}`, text: e.text }));
    if (b.type === "actions") b.elements.forEach((e, j) => out.push({ where: `${i}.button${j}`, text: e.text.text }));
  });
  return out;
}

export function buttons(blocks: SlackBlock[]) {
  return blocks.flatMap((b) => (b.type === "actions" ? b.elements : []));
}

/**
 * Every `<` in Slack text starts markup; the only markup we allow is an http(s) link and,
 * when `allowMention` names a user, that user's mention.
 */
export function unexpectedMarkup(text: string, allowMention?: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/<[^>]*>?/g)) {
    const tag = m[0];
    if (/^<https?:\/\/[^|<>\s]+\|[^<>]*>$/.test(tag)) continue;
    if (allowMention && tag === `<@${allowMention}>`) continue;
    found.push(tag);
  }
  return found;
}
