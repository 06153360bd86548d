import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { duplicates, readCases, requireLabels } from "../../scripts/eval/cases.js";
import { CLI_DOCS_MINIMUMS, countProblems, NOTES_MINIMUMS } from "../../scripts/eval/counts.js";
import { labelProblems } from "../../scripts/eval/labels.js";
import { loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { flags, ROOT } from "../helpers.js";

/**
 * The evaluation sets in eval/ are data the retrieval gate relies on: each line parses, every
 * expected string names the right section(s) of knowledge/docker-notes.md as the bot's own
 * ingestion parses them, and the sets keep the sizes and the split issue 11 asks for.
 * (cli-docs.jsonl's labels need the docker-cli-docs corpus, which lives outside the repository, so `npm run eval` checks them before scoring.)
 */
const file = (name: string) => join(ROOT, "eval", name);
const natural = () => requireLabels(readCases(file("natural.jsonl")), "eval/natural.jsonl");
const headings = () => loadKnowledge(join(ROOT, "knowledge"), flags, ROOT).sections;

describe("eval/natural.jsonl", () => {
  it("parses, with lang, cats and split on every line", () => {
    expect(natural().length).toBeGreaterThan(0);
  });

  it("names, in every expected string, sections of the notes precisely", () => {
    expect(labelProblems(natural(), headings(), "eval/natural.jsonl")).toEqual([]);
  });

  it("has no question twice", () => {
    expect(duplicates(natural())).toEqual([]);
  });

  it("has the sizes issue 11 asks for, and both splits have every category and language", () => {
    expect(countProblems(natural(), NOTES_MINIMUMS)).toEqual([]);
  });

  it("puts the 35 seed cases of natural-dev.jsonl in the tune split", () => {
    const seeds = natural().filter((c) => c.cats.includes("seed"));
    expect(seeds).toHaveLength(35);
    expect(seeds.filter((c) => c.split !== "tune")).toEqual([]);
  });
});

describe("eval/dev.jsonl", () => {
  it("parses and names sections of the notes", () => {
    const cases = readCases(file("dev.jsonl"));
    expect(cases).toHaveLength(35);
    expect(labelProblems(cases, headings(), "eval/dev.jsonl")).toEqual([]);
  });
});

describe("eval/cli-docs.jsonl", () => {
  it("parses, has no question twice and has the sizes and split asked for", () => {
    const cases = requireLabels(readCases(file("cli-docs.jsonl")), "eval/cli-docs.jsonl");
    expect(duplicates(cases)).toEqual([]);
    expect(countProblems(cases, CLI_DOCS_MINIMUMS)).toEqual([]);
    expect(cases.filter((c) => c.lang !== "en")).toEqual([]);
    expect(cases.filter((c) => !c.none).length).toBeGreaterThanOrEqual(60);
  });
});
