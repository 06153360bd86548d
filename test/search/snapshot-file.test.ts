import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { CompactIndex } from "../../src/search/compact-index.js";
import {
  encodeSnapshot,
  encodeSnapshotInSlices,
  readBody,
  readHeader,
  type SnapshotHeader,
} from "../../src/search/snapshot-file.js";
import { createTermIndexBuilder, loadTermIndex, saveTermIndex } from "../../src/search/term-index.js";

/**
 * Issue 18: the snapshot's body is gzipped in batches of parts, one gzip member each, listed in
 * the header, and read back a member at a time (never the whole gunzipped body); a snapshot of
 * one member with no list (written before) reads the same.
 */
describe("snapshot file", () => {
  // ~5 MB packed: several members of 1 MB; the term index's bytes in several chunks of 256 KB.
  const builder = createTermIndexBuilder();
  for (let i = 0; i < 2500; i++)
    builder.add([[`t${i % 7}`], [], Array.from({ length: 60 }, (_, j) => `w${(i * 31 + j) % 4000}`), []]);
  const index = {
    sections: Array.from({ length: 2500 }, (_, i) => ({ id: `f.md#s${i}`, text: `${i} `.repeat(400) })),
    terms: saveTermIndex(builder.finish()),
  } as unknown as CompactIndex;
  const manifest = { files: [{ file: "f.md", sha256: "x" }] };
  /** The same sections and the same term index (its bytes come back as Buffers, in the same chunks). */
  const expectSame = (back: CompactIndex, expected: CompactIndex) => {
    expect(back.sections).toEqual(expected.sections);
    expect(back.terms.docsCount).toBe(expected.terms.docsCount);
    for (const [name, f] of Object.entries(expected.terms.fields)) {
      const b = back.terms.fields[name as keyof typeof expected.terms.fields];
      expect(b.terms).toEqual(f.terms);
      for (const list of ["docStart", "docTerms"] as const) {
        expect(b[list].map((c) => c.length)).toEqual(f[list].map((c) => c.length));
        expect(Buffer.compare(Buffer.concat(b[list]), Buffer.concat(f[list]))).toBe(0);
      }
    }
    expect(() => loadTermIndex(back.terms)).not.toThrow();
  };
  const read = async (bytes: Buffer) => {
    const head = readHeader<typeof manifest>(bytes);
    if (typeof head === "string") throw new Error(head);
    return { header: head.header, index: await readBody(bytes, head.bodyAt, head.header.members) };
  };

  it("writes the body as gzip members listed in the header, and reads them back one by one", async () => {
    const bytes = encodeSnapshot(manifest, index);
    const { header, index: back } = await read(bytes);
    expect(header.manifest).toEqual(manifest);
    expect(header.members!.length).toBeGreaterThan(2);
    expect(index.terms.fields.body.docTerms.length).toBeGreaterThan(2);
    expectSame(back, index);
    // Each member is a whole gzip stream on its own.
    let at = bytes.indexOf(0x0a) + 1;
    for (const size of header.members!) expect(() => gunzipSync(bytes.subarray(at, (at += size)))).not.toThrow();
    const sliced = await encodeSnapshotInSlices(manifest, index, () => Promise.resolve());
    expect(Buffer.compare(Buffer.concat(sliced), bytes)).toBe(0);
  });

  it("reads a snapshot of one member and no list of members, as written before", async () => {
    const bytes = encodeSnapshot(manifest, index);
    const at = bytes.indexOf(0x0a) + 1;
    const { members: _, ...old } = JSON.parse(bytes.subarray(0, at).toString()) as SnapshotHeader<typeof manifest>;
    const single = Buffer.concat([Buffer.from(`${JSON.stringify(old)}\n`), gzipSync(gunzipSync(bytes.subarray(at)))]);
    const back = await read(single);
    expect(back.header.members).toBeUndefined();
    expectSame(back.index, index);
  });

  it("rejects a truncated body, members out of bounds and bytes after them", async () => {
    const bytes = encodeSnapshot(manifest, index);
    await expect(read(bytes.subarray(0, bytes.length - 1000))).rejects.toThrow("snapshot member out of bounds");
    await expect(read(Buffer.concat([bytes, Buffer.from("x")]))).rejects.toThrow(
      "snapshot has bytes after its last member",
    );
    const damaged = Buffer.from(bytes);
    damaged.fill(0x41, bytes.length - 3000, bytes.length - 2000);
    await expect(read(damaged)).rejects.toThrow();
  });

  it("gunzips every member at once and rejects at the first damaged one, the later ones' failures handled", async () => {
    const bytes = encodeSnapshot(manifest, index);
    const { header } = await read(bytes);
    // Members 1 and 3 damaged: decoding stops at 1; 3's failure (gunzipped meanwhile) must not go unhandled.
    const damaged = Buffer.from(bytes);
    let at = bytes.indexOf(0x0a) + 1;
    header.members!.forEach((size, i) => {
      if (i === 1 || i === 3) damaged.fill(0x41, at + 20, at + size - 20);
      at += size;
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      await expect(read(damaged)).rejects.toThrow();
      // A dropped body (the notes changed: the caller never awaits it) fails quietly too.
      const head = readHeader(damaged);
      if (typeof head === "string") throw new Error(head);
      void readBody(damaged, head.bodyAt, head.header.members).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
