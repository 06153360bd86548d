import { describe, expect, it } from "vitest";
import { boundInput, checkCommand, commandText, MAX_RAW_LENGTH, parseCommand } from "../../src/answer/parse-command.js";
import { problemMessage } from "../../src/render/wording.js";

describe("the command grammar", () => {
  it.each([
    ["/docker explain --restart", { name: "explain", topic: "--restart" }],
    ["explain --restart", { name: "explain", topic: "--restart" }],
    ["/DOCKER  Explain   host network", { name: "explain", topic: "host network" }],
    ["/docker examples -p", { name: "examples", topic: "-p" }],
    ["/docker search limit cpu", { name: "search", query: "limit cpu" }],
    ["/docker topics", { name: "topics" }],
    ["/docker topics docker network", { name: "topics", heading: "docker network" }],
    ["/docker help", { name: "help" }],
    ["/docker 怎么让容器自动重启", { name: "search", query: "怎么让容器自动重启" }],
  ])("reads %s", (input, expected) => {
    expect(parseCommand(input)).toMatchObject(expected);
  });

  it.each([
    ["/docker compare cmd entrypoint", "cmd", "entrypoint"],
    ["/docker compare image vs container", "image", "container"],
    ["/docker compare docker container and virtual machine", "docker container", "virtual machine"],
    ["/docker cmd vs entrypoint", "cmd", "entrypoint"],
    ["/docker difference between image and container", "image", "container"],
    ["what's the diff between cmd and entrypoint", "cmd", "entrypoint"],
    ["/docker 镜像和容器的区别", "镜像", "容器"],
    ["/docker compare 镜像 与 容器", "镜像", "容器"],
    // phrased freely
    ["entrypoint 跟 cmd 差在哪", "entrypoint", "cmd"],
    ["cmd 和 entrypoint 有啥不同", "cmd", "entrypoint"],
    ["bridge 跟 host 网络哪个好", "bridge", "host 网络"],
    ["用 cmd 还是 entrypoint", "cmd", "entrypoint"],
    ["容器比虚拟机轻吗", "容器", "虚拟机"],
    ["映像檔和容器有什麼不同", "映像档", "容器"],
    ["image or container, what's the difference", "image", "container"],
    ["macvlan or ipvlan?", "macvlan", "ipvlan"],
    ["which is better, bridge or host", "bridge", "host"],
    ["should I use a VM instead of a container", "VM", "container"],
    ["when to use host networking instead of bridge", "host networking", "bridge"],
    ["how is an image different from a container", "image", "container"],
    ["are containers lighter than VMs", "containers", "VMs"],
    ["what is the difference between -p and -P", "-p", "-P"],
  ])("reads %s as a comparison", (input, a, b) => {
    expect(parseCommand(input)).toMatchObject({ name: "compare", a, b });
  });

  it.each([
    ["", /Ask me something/],
    ["/docker", /Ask me something/],
    ["/docker explain", /needs something to look up/],
    ["/docker compare cmd", /Compare needs two things/],
    ["x".repeat(501), /too long \(501 characters\)/],
    ["explain \u0007 --restart", /control characters/],
    ["?!?!", /I need a word or a flag/],
  ])("refuses %j with a clear message", (input, message) => {
    const c = parseCommand(input);
    expect(c.name).toBe("invalid");
    expect(c.name === "invalid" && problemMessage(c.problem)).toMatch(message);
  });

  it.each([
    "how do I stop or remove a container",
    "where do logs go or are they deleted",
    "can I use cmd or entrypoint to run a script",
    "镜像和容器是什么关系",
  ])("does not read %s as a comparison", (input) => {
    expect(parseCommand(input).name).toBe("search");
  });

  it("reads a comparison it cannot split as a search for a section about all of it", () => {
    expect(parseCommand("/docker compare docker container virtual machine")).toMatchObject({
      name: "search",
      query: "docker container virtual machine",
    });
  });

  it("ignores zero-width characters and keeps the text round-trippable", () => {
    const c = parseCommand("/docker explain --re\u200bstart");
    expect(c).toMatchObject({ name: "explain", topic: "--restart" });
    if (c.name !== "invalid")
      expect(parseCommand(commandText(c))).toMatchObject({ name: "explain", topic: "--restart" });
  });

  it("bounds raw text before anything else: a cut text is still refused, without a made-up length", () => {
    const huge = "x".repeat(3_500_000);
    const cut = boundInput(huge);
    expect(cut.length).toBe(MAX_RAW_LENGTH + 1);
    const c = parseCommand(cut);
    expect(c.name === "invalid" && problemMessage(c.problem)).toMatch(/too long \(over 2000 characters\)/);
    expect(boundInput("explain --restart")).toBe("explain --restart");
  });

  it("refuses an over-long command built from options (Discord) as it refuses the text", () => {
    const c = checkCommand({ name: "search", query: "q".repeat(600), text: `search ${"q".repeat(600)}` });
    expect(c.name === "invalid" && problemMessage(c.problem)).toMatch(/too long \(607 characters\)/);
    const ok = { name: "search" as const, query: "restart", text: "search restart" };
    expect(checkCommand(ok)).toBe(ok);
  });
});
