import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LANGUAGE_FILES, loadLanguageData, parsedLanguage } from "../../src/search/language-data.js";
import { ROOT } from "../helpers.js";

const dirs: string[] = [];
/** A data folder with the repository's language files and this glossary. */
function withGlossary(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "glossary-"));
  dirs.push(dir);
  for (const f of LANGUAGE_FILES) copyFileSync(join(ROOT, "knowledge", f), join(dir, f));
  writeFileSync(join(dir, "glossary.yml"), yaml);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the glossary file", () => {
  it("names the term YAML read as a number and says how to write it", () => {
    const d = withGlossary("- [restart, 重启]\n- [port, 端口, 3000]\n");
    expect(() => loadLanguageData(d)).toThrow('group 2 [port, 端口, 3000]: 3000 is not text; quote it ("3000")');
  });

  it("reads a quoted number as a term", () => {
    const d = withGlossary('- [port, 端口, "3000"]\n');
    expect(loadLanguageData(d).glossary).toEqual([["port", "端口", "3000"]]);
  });
});

/**
 * Issue 18, round 4: a snapshot keeps the language files as parsed; a start that loads it reads
 * those instead of parsing the YAML again, but only when they are of the very same files.
 */
describe("the language files as a snapshot keeps them", () => {
  it("are read instead of the files when their hash is the files', else the files are parsed", () => {
    const saved = parsedLanguage(withGlossary("- [restart, 重启]\n"))!;
    expect(saved.docs["glossary.yml"]).toEqual([["restart", "重启"]]);
    expect(Object.keys(saved.docs).sort()).toEqual([...LANGUAGE_FILES].sort());
    // Documents that say otherwise than the files show which were read.
    const other = { hash: saved.hash, docs: { ...saved.docs, "glossary.yml": [["saved", "存"]] } };
    expect(loadLanguageData(withGlossary("- [restart, 重启]\n"), other).glossary).toEqual([["saved", "存"]]);
    expect(loadLanguageData(withGlossary("- [port, 端口]\n"), other).glossary).toEqual([["port", "端口"]]);
  });

  it("are passed over when they do not read, and not kept when JSON would change them", () => {
    const saved = parsedLanguage(withGlossary("- [restart, 重启]\n"))!;
    const damaged = { hash: saved.hash, docs: { ...saved.docs, "glossary.yml": "not a list" } };
    expect(loadLanguageData(withGlossary("- [restart, 重启]\n"), damaged).glossary).toEqual([["restart", "重启"]]);
    const d = withGlossary("- [restart, 重启]\n");
    writeFileSync(join(d, "stopwords.yml"), "en: [the, .inf]\n");
    expect(loadLanguageData(d).stopwords.has("infinity")).toBe(true);
    expect(parsedLanguage(d)).toBeUndefined();
  });
});
