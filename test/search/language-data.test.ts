import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LANGUAGE_FILES, loadLanguageData } from "../../src/search/language-data.js";
import { ROOT } from "../helpers.js";

let dir: string | undefined;
/** A data folder with the repository's language files and this glossary. */
function withGlossary(yaml: string): string {
  dir = mkdtempSync(join(tmpdir(), "glossary-"));
  for (const f of LANGUAGE_FILES) copyFileSync(join(ROOT, "knowledge", f), join(dir, f));
  writeFileSync(join(dir, "glossary.yml"), yaml);
  return dir;
}
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
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
