import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { applyDelta, computeDelta } from "../../src/search/index-delta.js";
import {
  buildKnowledgeBase,
  type KnowledgeBase,
  loadKnowledgeBase,
  saveSnapshot,
  writeSnapshot,
} from "../../src/search/knowledge-base.js";
import { createSlicer } from "../../src/search/time-slices.js";

/**
 * Issue 18: an index updated with only the changed files (index-delta.ts) is the index a full
 * build makes of the same notes: same sections in the same order, same term statistics, same
 * question vocabulary, same answers; and saved then loaded, still the same. Round 4: the update
 * is made in slices, the event loop let run between them, while the served index answers as
 * before until the swap.
 */

const root = mkdtempSync(join(tmpdir(), "incremental-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Words the analyzer treats differently: flags and their aliases, Chinese (jieba), stems, docker commands.
const WORDS = [
  "--restart",
  "-p",
  "--publish",
  "-e",
  "--network",
  "-it",
  "容器",
  "镜像",
  "自动重启",
  "端口映射",
  "数据卷",
  "restart",
  "policy",
  "volumes",
  "mounting",
  "network",
  "bridge",
  "docker run",
  "docker ps",
  "always",
  "memory",
  "写时复制",
  "Bridge Network（桥接网络）",
];
const HEADINGS = ["Restart policy", "端口映射", "Volumes", "网络", "Options", "总结", "docker run", "Examples"];

const word = fc.constantFrom(...WORDS);
const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(" "));
const section = fc.record({
  level: fc.integer({ min: 1, max: 3 }),
  heading: fc.constantFrom(...HEADINGS),
  prose: fc.array(sentence, { maxLength: 3 }),
  code: fc.option(fc.array(word, { minLength: 1, maxLength: 5 }), { nil: undefined }),
});
const note = fc
  .array(section, { minLength: 1, maxLength: 4 })
  .map(
    (sections) =>
      sections
        .map(
          (s) =>
            `${"#".repeat(s.level)} ${s.heading}\n\n${s.prose.join("\n\n")}` +
            (s.code ? `\n\n\`\`\`bash\ndocker run ${s.code.join(" ")}\n\`\`\`` : ""),
        )
        .join("\n\n") + "\n",
  );
const NAMES = ["a.md", "b.md", "sub/c.md", "sub/d.md", "e.md", "中文.md"];
const name = fc.constantFrom(...NAMES);
const edit = fc.oneof(
  fc.record({ kind: fc.constant("write" as const), file: name, text: note }),
  fc.record({ kind: fc.constant("remove" as const), file: name }),
);
const QUERIES = [
  "--restart",
  "怎么让容器自动重启",
  "端口映射",
  "docker run -it",
  "bridge network",
  "桥接网络",
  "mount volumes",
  "写时复制",
  "memory always",
  "-e",
];

let runs = 0;
function folder(files: Map<string, string>): string {
  const dir = join(root, `run-${runs++}`, "notes");
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of files) write(dir, file, text);
  return dir;
}
function write(dir: string, file: string, text: string) {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

/**
 * The files as hashed, without the size and time kept for the next start's check: a note is
 * vouched for by its time only once it has been left alone for 2 s (load-knowledge.ts), so a
 * build a moment later records times an earlier one could not (a slow machine failed the
 * comparison for that alone).
 */
function withoutStat(files: KnowledgeBase["manifest"]["files"]) {
  return files.map(({ stat: _stat, ...f }) => f);
}

/** The sections a question finds, in order, with their scores. */
async function answersOf(kb: KnowledgeBase) {
  const outcome = await kb.engine.search("docker run --restart 端口映射", { limit: 50 });
  return outcome.results.map((r) => [r.section.id, r.section.permalink, r.score]);
}

/** What a knowledge base is, as answers see it (not object identity: internal ids differ). */
async function describeKb(kb: KnowledgeBase) {
  const { index } = kb.engine;
  const stats = index.stats;
  const perSection = (field: (typeof stats.fields)[number]) =>
    Object.fromEntries(
      index.sections.map((s, internalId) => {
        const doc = field.doc(internalId)!;
        const terms = [...doc.terms()].sort();
        return [s.id, { length: doc.length, tf: Object.fromEntries(terms.map((t) => [t, doc.tf(t)])) }];
      }),
    );
  const terms = [...stats.terms()].sort();
  const answers: Record<string, unknown> = {};
  for (const q of QUERIES) {
    const outcome = await kb.engine.search(q, { limit: 50 });
    answers[q] = {
      matched: outcome.matched,
      confidence: outcome.confidence,
      // Sections of equal score in any order (a full build lists them by file order, an update by insertion).
      results: outcome.results
        .map((r) => ({ id: r.section.id, score: Number(r.score.toFixed(9)) }))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)),
      unknown: outcome.unknown,
    };
  }
  // How questions are read depends on the index's vocabulary (a snapshot's segmenter is made of it).
  const { analyzer } = kb.engine.language;
  const reading = [...QUERIES, ...WORDS, WORDS.join(""), HEADINGS.join("")].map((q) => analyzer.terms(q));
  return {
    reading,
    sections: index.sections,
    files: withoutStat(kb.manifest.files),
    counts: [kb.manifest.sectionCount, kb.manifest.exampleCount, stats.docsCount()],
    notesGlossary: kb.manifest.notesGlossary,
    terms,
    fields: stats.fields.map((f) => ({
      name: f.name,
      occurrences: Object.fromEntries(terms.flatMap((t) => (f.occurrences(t) > 0 ? [[t, f.occurrences(t)]] : []))),
      avgLength: Number(f.avgLength.toFixed(9)),
      sections: perSection(f),
    })),
    answers,
  };
}

describe("incremental re-index", () => {
  it("gives the index a full rebuild gives, over random edits to a folder of notes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(name, note), { minLength: 1, maxLength: 4, selector: ([f]) => f }),
        fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        async (initial, rounds) => {
          const dir = folder(new Map(initial));
          const options = { knowledgeDir: dir, rootDir: dirname(dir) };
          // Updated as the bot does after a start from its snapshot: the served index reads questions
          // with the snapshot's vocabulary, not jieba, so the update must not analyse anything itself.
          const file = join(dirname(dir), "index.json");
          writeSnapshot(await buildKnowledgeBase(options), file);
          let kb = await loadKnowledgeBase({ ...options, indexFile: file });
          expect(kb.origin.from).toBe("snapshot");
          for (const round of rounds) {
            for (const e of round) {
              if (e.kind === "write") write(dir, e.file, e.text);
              else if (NAMES.includes(e.file)) rmSync(join(dir, e.file), { force: true });
            }
            // Every share of changed files: the property is about the update, not when it is chosen.
            const delta = computeDelta(options, kb.manifest, Number.POSITIVE_INFINITY);
            if (typeof delta === "string") throw new Error(delta);
            // Applied as the bot applies it, in slices (here one at every check): at every pause
            // the served index answers, and reads, as it did before, until the swap.
            const served = kb;
            const links = served.engine.index.sections.map((s) => s.permalink);
            const asked = await answersOf(served);
            let pauses = 0;
            const slicer = createSlicer(async () => {
              pauses++;
              expect(served.engine.index.sections.map((s) => s.permalink)).toEqual(links);
              expect(await answersOf(served)).toEqual(asked);
            }, 0);
            const updated = await applyDelta(kb, delta, slicer);
            if (typeof updated === "string") throw new Error(updated);
            expect(pauses).toBeGreaterThan(0);
            const full = await buildKnowledgeBase(options);
            expect(await describeKb(updated)).toEqual(await describeKb(full));
            expect(withoutStat(updated.manifest.files)).toEqual(withoutStat(full.manifest.files));
            kb = updated;
          }
          // The updated index saved (as the bot saves it after a reload, in slices) and loaded answers as the full build does.
          await saveSnapshot(kb, file);
          const loaded = await loadKnowledgeBase({ ...options, indexFile: file });
          expect(loaded.origin.from).toBe("snapshot");
          const full = await buildKnowledgeBase(options);
          writeSnapshot(full, file);
          const fullLoaded = await loadKnowledgeBase({ ...options, indexFile: file });
          expect(await describeKb(loaded)).toEqual(await describeKb(fullLoaded));
        },
      ),
      { numRuns: 30 },
    );
  }, 300_000);

  it("falls back to a full build when most files changed, or the index is of another format", async () => {
    const dir = folder(
      new Map([
        ["a.md", "# A\n\nrestart\n"],
        ["b.md", "# B\n\nnetwork\n"],
        ["c.md", "# C\n\n镜像\n"],
      ]),
    );
    const options = { knowledgeDir: dir, rootDir: dirname(dir) };
    const kb = await buildKnowledgeBase(options);
    write(dir, "a.md", "# A\n\nalways restart\n");
    expect(computeDelta(options, kb.manifest)).toMatchObject({ changed: ["a.md".replace(/^/, "notes/")] });
    write(dir, "b.md", "# B\n\nbridge network\n");
    unlinkSync(join(dir, "c.md"));
    expect(computeDelta(options, kb.manifest)).toBe("3 of 2 files changed");
    expect(computeDelta(options, { ...kb.manifest, format: 2 })).toBe("index format 2");
  });
});
