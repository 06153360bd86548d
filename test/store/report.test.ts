import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { formatGapsSummary } from "../../src/render/gaps-summary.js";
import { buildReport, parseSince } from "../../src/store/report.js";
import { csvField } from "../../src/store/report-format.js";
import { createStore } from "../../src/store/store.js";
import { ROOT } from "../helpers.js";
import { SEED_UNTIL, seedStore } from "./seed.js";

const run = promisify(execFile);
const GOLDEN = join(ROOT, "test/store/golden");
const tmp = mkdtempSync(join(tmpdir(), "report-"));
const file = join(tmp, "store.sqlite");
const store = createStore({ location: { sqlite: file }, hashKey: "report-test-key-123456" });
await seedStore(store);
await store.close();
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `npm run report` as a user runs it, on the seeded store and the fixture notes. */
async function report(...args: string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", "src/cli.ts", "report", "--until", "2026-01-20", ...args],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        STORE_FILE: file,
        KNOWLEDGE_DIR: "test/fixtures/report-notes",
        INDEX_FILE: join(tmp, "index.json"),
        LOG_LEVEL: "error",
        DATABASE_URL: "",
        STORE: "on",
      },
    },
  );
  return stdout;
}

/** Compares with the golden file; UPDATE_GOLDEN=1 rewrites it (review the diff before committing). */
function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("npm run report on a seeded store (golden output)", () => {
  it("prints the terminal tables", async () => {
    golden("report-7d.txt", await report("--since", "7d"));
  });
  it("--json", async () => {
    golden("report-7d.json", await report("--since", "7d", "--json"));
  });
  it("--csv", async () => {
    golden("report-7d.csv", await report("--since", "7d", "--csv"));
  });
  it("--since 36h keeps only the last day and a half", async () => {
    const r = JSON.parse(await report("--since", "36h", "--json")) as { totals: { questions: number } };
    expect(r.totals.questions).toBe(4);
  });
});

describe("report pieces", () => {
  it("the chat summary names the gaps", async () => {
    const s = createStore({ location: { sqlite: file }, hashKey: "report-test-key-123456" });
    const r = await buildReport(await s.database(), { since: SEED_UNTIL - 7 * 86_400_000, until: SEED_UNTIL });
    await s.close();
    golden("summary-7d.md", formatGapsSummary(r) + "\n");
  });
  it("parses durations and refuses others", () => {
    expect(parseSince("7d")).toBe(7 * 86_400_000);
    expect(parseSince("24h")).toBe(86_400_000);
    expect(parseSince("2w")).toBe(14 * 86_400_000);
    expect(parseSince("3")).toBe(3 * 86_400_000);
    expect(() => parseSince("last week")).toThrow(/7d, 24h or 2w/);
  });
  it("quotes CSV fields that need it", () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvField("plain")).toBe("plain");
  });
});
