import { mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { CompactIndex } from "../../src/search/compact-index.js";
import { encodeSnapshot, encodeSnapshotInSlices, openSnapshot, readBody } from "../../src/search/snapshot-file.js";

/**
 * Issue 18: the snapshot is gzipped in batches (several gzip members) and read back part by part
 * from a stream, never whole; a snapshot of one member (written before) reads the same.
 */
describe("snapshot file", () => {
  const dir = mkdtempSync(join(tmpdir(), "snapshot-file-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // ~5 MB packed: several members of 1 MB, and parts that straddle the stream's chunks.
  const index = {
    sections: Array.from({ length: 2500 }, (_, i) => ({ id: `f.md#s${i}`, text: `${i} `.repeat(400) })),
    orama: { docs: Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [String(i), i])), language: "english" },
  } as unknown as CompactIndex;
  const manifest = { files: [{ file: "f.md", sha256: "x" }] };
  const read = async (bytes: Uint8Array) => {
    const file = join(dir, `s${Math.random()}.bin`);
    writeFileSync(file, bytes);
    const snapshot = openSnapshot<typeof manifest>(openSync(file, "r"));
    if (typeof snapshot === "string") throw new Error(snapshot);
    return { manifest: snapshot.header.manifest, index: await snapshot.readBody() };
  };
  const members = (bytes: Buffer) => {
    let n = 0;
    for (let at = bytes.indexOf(0x0a) + 1; at < bytes.length; n++) {
      // Each member's length: what gunzip reads of the rest before the next member's header.
      const rest = bytes.subarray(at);
      let len = rest.length;
      for (let k = 10; k < rest.length - 2; k++)
        if (rest[k] === 0x1f && rest[k + 1] === 0x8b && rest[k + 2] === 0x08) {
          try {
            gunzipSync(rest.subarray(0, k));
            len = k;
            break;
          } catch {
            /* not a member boundary */
          }
        }
      at += len;
    }
    return n;
  };

  it("writes several gzip members and streams them back to the same index", async () => {
    const bytes = encodeSnapshot(manifest, index);
    expect(members(bytes)).toBeGreaterThan(2);
    expect(await read(bytes)).toEqual({ manifest, index });
    expect(readBody(bytes, bytes.indexOf(0x0a) + 1)).toEqual(index);
    const sliced = await encodeSnapshotInSlices(manifest, index, () => Promise.resolve());
    expect(Buffer.compare(sliced, bytes)).toBe(0);
  });

  it("reads a snapshot of one gzip member, as written before", async () => {
    const bytes = encodeSnapshot(manifest, index);
    const at = bytes.indexOf(0x0a) + 1;
    const single = Buffer.concat([bytes.subarray(0, at), gzipSync(gunzipSync(bytes.subarray(at)))]);
    expect(members(single)).toBe(1);
    expect(await read(single)).toEqual({ manifest, index });
  });

  it("rejects a truncated or damaged body, and a file that is not a snapshot", async () => {
    const bytes = encodeSnapshot(manifest, index);
    await expect(read(bytes.subarray(0, bytes.length - 1000))).rejects.toThrow();
    const damaged = Buffer.from(bytes);
    damaged.fill(0x41, bytes.length - 3000, bytes.length - 2000);
    await expect(read(damaged)).rejects.toThrow();
    const file = join(dir, "not.json");
    writeFileSync(file, '{"hello": 1}\n');
    expect(openSnapshot(openSync(file, "r"))).toBe("snapshot has no manifest or index");
  });
});
