import type { Bot, Choice } from "../../../src/answer/bot.js";
import type { Answer, AnswerSection, Command } from "../../../src/answer/types.js";

const RESTART: AnswerSection = {
  id: "knowledge/docker-notes.md#7-自动重启",
  headingPath: ["Docker run", "docker run的配置命令", "7. 自动重启"],
  title: "7. 自动重启",
  summary: "- **`--restart`**: 配置容器在特定情况下自动重启（如失败后）。",
  examples: [{ lang: "bash", code: "docker run --restart unless-stopped my_image" }],
  source: { file: "knowledge/docker-notes.md", line: 224 },
  score: 1,
};

/**
 * A hand-made core for paths the real index can't drive on demand: slow answers (deferral) and
 * failures (the apology with an error id).
 */
export function fakeBot(options: { delayMs?: number; fail?: boolean } = {}): Bot & { asked: Array<string | Command> } {
  const asked: Array<string | Command> = [];
  return {
    asked,
    async ask(input: string | Command): Promise<Answer> {
      asked.push(input);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (options.fail) throw new Error("index exploded");
      const query = typeof input === "string" ? input : input.text;
      return { type: "sections", command: "explain", query, matched: true, confidence: "high", sections: [RESTART] };
    },
    async autocomplete(): Promise<Choice[]> {
      if (options.fail) throw new Error("index exploded");
      return [{ name: "--restart", value: "--restart" }];
    },
  };
}
