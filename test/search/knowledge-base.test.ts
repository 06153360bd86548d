import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildKnowledgeBase,
  INDEX_FORMAT,
  loadKnowledgeBase,
  type Manifest,
  writeSnapshot,
} from "../../src/search/knowledge-base.js";
import { loadLanguageData } from "../../src/search/language-data.js";
import { compactSectionIndex } from "../../src/search/section-index.js";
import type { SnapshotHeader } from "../../src/search/snapshot-file.js";
import { ROOT } from "../helpers.js";

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "kb-"));
  cpSync(join(ROOT, "test/fixtures/notes"), join(dir, "knowledge"), { recursive: true });
  return { dir, knowledgeDir: join(dir, "knowledge"), indexFile: join(dir, "data", "index.json") };
}

const logs = () => {
  const lines: string[] = [];
  return {
    lines,
    info: (o: object, m?: string) => lines.push(`${m} ${JSON.stringify(o)}`),
    warn: (o: object, m?: string) => lines.push(`${m} ${JSON.stringify(o)}`),
  };
};

describe("index snapshot", () => {
  it("writes a manifest with every file's hash, and loads it back when the notes match", async () => {
    const w = workspace();
    const built = await buildKnowledgeBase({ knowledgeDir: w.knowledgeDir, rootDir: w.dir, toolVersion: "1.0.0" });
    writeSnapshot(built, w.indexFile);
    // The manifest stays readable: the file's first line is JSON (`head -1 data/index.json`).
    const raw = JSON.parse(readFileSync(w.indexFile, "latin1").split("\n")[0]!) as { manifest: Manifest };
    expect(raw.manifest).toMatchObject({ toolVersion: "1.0.0", sectionCount: built.manifest.sectionCount });
    expect(raw.manifest.files.map((f: { file: string }) => f.file)).toEqual([
      "knowledge/front-matter.md",
      "knowledge/toc.md",
    ]);
    // The language files as parsed, of the files the index was analysed with (the next start parses no YAML).
    const bytes = readFileSync(w.indexFile);
    const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString("utf8")) as SnapshotHeader<Manifest>;
    expect(header.language?.hash).toBe(raw.manifest.language);
    expect(header.language?.docs["glossary.yml"]).toEqual(loadLanguageData().glossary);
    const loaded = await loadKnowledgeBase({
      knowledgeDir: w.knowledgeDir,
      rootDir: w.dir,
      toolVersion: "1.0.0",
      indexFile: w.indexFile,
    });
    expect(loaded.origin.from).toBe("snapshot");
    expect((await loaded.engine.search("bridge network")).results[0]?.section.title).toBe("Bridge");
  });

  it("answers Chinese questions from a loaded snapshot as the built index does, without jieba", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "kb-notes-")), "index.json");
    const built = await buildKnowledgeBase({ knowledgeDir: join(ROOT, "knowledge"), rootDir: ROOT });
    writeSnapshot(built, file);
    const loaded = await loadKnowledgeBase({ knowledgeDir: join(ROOT, "knowledge"), rootDir: ROOT, indexFile: file });
    expect(loaded.origin.from).toBe("snapshot");
    expect(loaded.engine.index.sections.length).toBe(built.engine.index.sections.length);
    for (const q of [
      "怎么把主机端口映射到容器",
      "如何在后台运行容器",
      "什么是写时复制",
      "镜像和容器是什么关系",
      "--restart",
      "limit cpu usage",
      // the way people ask: Traditional, colloquial, mixed, words jieba and the vocabulary split differently
      "怎麼把容器的埠對應到主機",
      "容器名字能自己定吗",
      "怎么给容器起个名字",
      "构建缓存什么时候会失效",
      "docker build 的时候怎么传 build arg",
      "what does -t do",
    ]) {
      const a = await built.engine.search(q);
      const b = await loaded.engine.search(q);
      expect(
        b.results.map((r) => r.section.id),
        q,
      ).toEqual(a.results.map((r) => r.section.id));
      expect(b.matched, q).toBe(a.matched);
    }
    // an unknown Chinese word still makes the bot abstain
    expect((await loaded.engine.search("如何配置反向代理负载均衡器")).matched).toBe(false);
  });

  it("trusts a note's unchanged size and time instead of reading it again, but only for a note left alone before it was hashed", async () => {
    const w = workspace();
    const hourAgo = new Date(Date.now() - 3_600_000);
    const notes = readdirSync(w.knowledgeDir).filter((f) => f.endsWith(".md"));
    for (const f of notes) utimesSync(join(w.knowledgeDir, f), hourAgo, hourAgo);
    writeFileSync(join(w.knowledgeDir, "fresh.md"), "# Fresh\n\nJust written.\n");
    const built = await loadKnowledgeBase({ ...w, rootDir: w.dir });
    const entry = (name: string) => built.manifest.files.find((f) => f.file.endsWith(name));
    expect(entry("toc.md")?.stat?.[1]).toBeCloseTo(hourAgo.getTime(), -1);
    // Written just now: a change within the same tick of a coarse clock could keep its time.
    expect(entry("fresh.md")?.stat).toBeUndefined();
    writeSnapshot(built, w.indexFile);

    // Same size, same time: served from the snapshot without reading the note (what a stat check trusts).
    const toc = join(w.knowledgeDir, "toc.md");
    const text = readFileSync(toc, "utf8");
    writeFileSync(
      toc,
      text.replace(/[a-z]/, (c) => (c === "x" ? "y" : "x")),
    );
    utimesSync(toc, hourAgo, hourAgo);
    expect((await loadKnowledgeBase({ ...w, rootDir: w.dir })).origin.from).toBe("snapshot");

    // Changed the ordinary way (a new time): read again, and rebuilt.
    appendFileSync(toc, "\n## Host\n\nShare the host's network stack.\n");
    const stale = await loadKnowledgeBase({ ...w, rootDir: w.dir });
    expect(stale.origin.reason).toBe("knowledge files changed since the snapshot");
    writeSnapshot(stale, w.indexFile);
    // The note written just now was hashed, not trusted: changed without a new time, it is still seen.
    const fresh = join(w.knowledgeDir, "fresh.md");
    const { mtime } = statSync(fresh);
    writeFileSync(fresh, "# Fresh\n\nJust writteN.\n");
    utimesSync(fresh, mtime, mtime);
    expect((await loadKnowledgeBase({ ...w, rootDir: w.dir })).origin.reason).toBe(
      "knowledge files changed since the snapshot",
    );
  });

  it("rebuilds when a note changed, the snapshot is missing, corrupt or truncated, and says why", async () => {
    const w = workspace();
    const log = logs();
    const missing = await loadKnowledgeBase({ ...w, rootDir: w.dir, logger: log });
    expect(missing.origin).toEqual({ from: "build", reason: "no snapshot yet" });
    writeSnapshot(missing, w.indexFile);

    appendFileSync(join(w.knowledgeDir, "toc.md"), "\n## Host\n\nShare the host's network stack.\n");
    const stale = await loadKnowledgeBase({ ...w, rootDir: w.dir, logger: log });
    expect(stale.origin.reason).toBe("knowledge files changed since the snapshot");
    expect((await stale.engine.search("host network stack")).results[0]?.section.title).toBe("Host");
    writeSnapshot(stale, w.indexFile);

    const full = readFileSync(w.indexFile);
    // Cut in the body's middle (the header, with the parsed language files, is most of a small snapshot).
    const bodyAt = full.indexOf(0x0a) + 1;
    writeFileSync(w.indexFile, full.subarray(0, bodyAt + Math.floor((full.length - bodyAt) / 2)));
    const truncated = await loadKnowledgeBase({ ...w, rootDir: w.dir, logger: log });
    expect(truncated.origin.reason).toMatch(/snapshot corrupt/);

    const header = full.subarray(0, full.indexOf(0x0a) + 1);
    writeFileSync(w.indexFile, Buffer.concat([header, Buffer.from("not gzip at all")]));
    const corrupt = await loadKnowledgeBase({ ...w, rootDir: w.dir, logger: log });
    expect(corrupt.origin.from).toBe("build");
    expect(corrupt.origin.reason).toMatch(/snapshot corrupt/);

    writeFileSync(w.indexFile, "{not json");
    const unreadable = await loadKnowledgeBase({ ...w, rootDir: w.dir, logger: log });
    expect(unreadable.origin.reason).toMatch(/snapshot unreadable/);
    expect(log.lines.filter((l) => l.startsWith("rebuilding"))).toHaveLength(5);
  });

  it("detects a snapshot of the previous format (one JSON object) and rebuilds it instead of misreading it", async () => {
    const w = workspace();
    const built = await buildKnowledgeBase({ knowledgeDir: w.knowledgeDir, rootDir: w.dir });
    // Format 2, as `npm run ingest` wrote it before: `{ manifest, orama }` with the whole index.
    const old = { manifest: { ...built.manifest, format: 2 }, orama: compactSectionIndex(built.engine.index) };
    mkdirSync(dirname(w.indexFile), { recursive: true });
    writeFileSync(w.indexFile, JSON.stringify(old));
    const log = logs();
    const rebuilt = await loadKnowledgeBase({ ...w, rootDir: w.dir, logger: log });
    expect(rebuilt.origin).toEqual({ from: "build", reason: `snapshot format 2 (JSON), expected ${INDEX_FORMAT}` });
    expect((await rebuilt.engine.search("bridge network")).results[0]?.section.title).toBe("Bridge");
    // Saved again in the current format, it is used from then on.
    writeSnapshot(rebuilt, w.indexFile);
    expect((await loadKnowledgeBase({ ...w, rootDir: w.dir })).origin.from).toBe("snapshot");
  });
  // 4: Orama's index in MessagePack; 5: the sections' texts inline, before they were pooled (round 4).
  it.each([4, 5])("detects a snapshot of format %i and rebuilds it instead of misreading it", async (format) => {
    const w = workspace();
    writeSnapshot(await buildKnowledgeBase({ knowledgeDir: w.knowledgeDir, rootDir: w.dir }), w.indexFile);
    const bytes = readFileSync(w.indexFile);
    const at = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, at).toString()) as { format: number; manifest: Manifest };
    const old = { ...header, format, manifest: { ...header.manifest, format } };
    writeFileSync(w.indexFile, Buffer.concat([Buffer.from(JSON.stringify(old)), bytes.subarray(at)]));
    const rebuilt = await loadKnowledgeBase({ ...w, rootDir: w.dir });
    expect(rebuilt.origin).toEqual({ from: "build", reason: `snapshot format ${format}, expected ${INDEX_FORMAT}` });
    expect((await rebuilt.engine.search("bridge network")).results[0]?.section.title).toBe("Bridge");
  });
});

describe("language hash", () => {
  it("changes when the glossary changes, so snapshots built with the old one are rebuilt", async () => {
    const { languageHash, DATA_DIR, LANGUAGE_FILES } = await import("../../src/search/language-data.js");
    const dir = mkdtempSync(join(tmpdir(), "lang-"));
    for (const f of LANGUAGE_FILES) cpSync(join(DATA_DIR, f), join(dir, f));
    const before = languageHash(dir);
    expect(before).toBe(languageHash(DATA_DIR));
    appendFileSync(join(dir, "glossary.yml"), "\n- [kubernetes, k8s, 容器编排平台]\n");
    expect(languageHash(dir)).not.toBe(before);
  });
});
