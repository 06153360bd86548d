import { describe, expect, it } from "vitest";
import { renderAnswer } from "../../src/render/discord/index.js";
import { renderJson } from "../../src/render/json.js";
import { renderSlackAnswer } from "../../src/render/slack/index.js";
import { renderText } from "../../src/render/text.js";
import { buttons, makeAnswer, makeSection, texts } from "./slack-helpers.js";

/** A closest match: said plainly on every surface, with the next two sections offered. */
const closest = makeAnswer({
  confidence: "low",
  sections: [
    makeSection(),
    makeSection({ id: "b", title: "5. 后台运行容器", headingPath: ["Docker run", "5. 后台运行容器"] }),
    makeSection({ id: "c", title: "2. -t (TTY) 选项", headingPath: ["stdin", "2. -t (TTY) 选项"] }),
    makeSection({ id: "d", title: "Fourth", headingPath: ["Fourth"] }),
  ],
});

describe("a closest match", () => {
  it("says on Slack that it may not be what was asked, and offers the next two as buttons", () => {
    const m = renderSlackAnswer(closest);
    expect(texts(m.blocks)[0]!.text).toMatch(/closest match in the notes/);
    const offered = buttons(m.blocks).filter((b) => b.action_id.startsWith("docker_suggest_"));
    expect(offered.map((b) => b.text.text)).toEqual(["5. 后台运行容器", "2. -t (TTY) 选项"]);
    expect(offered.map((b) => JSON.parse(b.value!) as { q: string; p: number })).toEqual([
      { q: closest.query, p: 1 },
      { q: closest.query, p: 2 },
    ]);
    // a confident answer has neither
    const sure = renderSlackAnswer(makeAnswer());
    expect(texts(sure.blocks).some((t) => /closest match/.test(t.text))).toBe(false);
    expect(buttons(sure.blocks).some((b) => b.action_id.startsWith("docker_suggest_"))).toBe(false);
  });

  it("says so on Discord, with the next two as buttons", () => {
    const asked: string[] = [];
    const m = renderAnswer(closest, { ref: "r1" }, (text) => {
      asked.push(text);
      return `ref${asked.length}`;
    });
    expect(m.content).toMatch(/closest match in the notes/);
    expect(asked).toEqual(["explain 5. 后台运行容器", "explain 2. -t (TTY) 选项"]);
    expect(m.allowed_mentions).toEqual({ parse: [] });
  });

  it("says so on the console and in the JSON contract", () => {
    expect(renderText(closest)).toMatch(/closest match in the notes/);
    expect(JSON.parse(renderJson(closest))).toMatchObject({ matched: true, confidence: "low" });
  });

  it("shows how a typo was read", () => {
    const typo = makeAnswer({ corrections: [{ typed: "--netwrok", read: "--network" }] });
    expect(renderText(typo)).toContain("Did you mean `--network`?");
    expect(texts(renderSlackAnswer(typo).blocks)[0]!.text).toContain("--network");
  });
});
