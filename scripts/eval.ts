/**
 * `npm run eval`: the natural set (eval/natural.jsonl), the dev set (eval/dev.jsonl) and, when
 * ../shared/corpora/docker-cli-docs exists, eval/cli-docs.jsonl, each answered in process through
 * both load paths (index built in memory; snapshot written then loaded). Labels are checked
 * against the notes' headings before anything is scored.
 *
 *   npm run eval                               both splits, aggregates (tune: disagreements listed)
 *   npm run eval -- --verbose --split tune     and the tune split's misses
 *   npm run eval -- --show-test                may print test questions (never tune on them)
 *   npm run eval -- --set natural --json       numbers only, as JSON
 */
import { EvalSetError } from "./eval/cases.js";
import { evaluate } from "./eval/evaluate.js";
import { formatText, type ReportOptions, toJson } from "./eval/report.js";
import type { SetSpec } from "./eval/sets.js";

const USAGE =
  "usage: npm run eval -- [--set natural|dev|cli-docs]... [--split tune|test|all] [--verbose] [--show-test] [--json]";

function parseArgs(argv: string[]): (ReportOptions & { json: boolean; sets?: SetSpec["name"][] }) | string {
  const o: ReportOptions & { json: boolean; sets?: SetSpec["name"][] } = {
    split: "all",
    verbose: false,
    showTest: false,
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--verbose" || a === "-v") o.verbose = true;
    else if (a === "--show-test") o.showTest = true;
    else if (a === "--json") o.json = true;
    else if (a === "--split" && ["tune", "test", "all"].includes(argv[i + 1] ?? ""))
      o.split = argv[++i] as ReportOptions["split"];
    else if (a === "--set" && ["natural", "dev", "cli-docs"].includes(argv[i + 1] ?? ""))
      o.sets = [...(o.sets ?? []), argv[++i] as SetSpec["name"]];
    else return `unknown or incomplete argument: ${a}\n${USAGE}`;
  }
  return o;
}

async function main(argv: string[]): Promise<number> {
  const o = parseArgs(argv);
  if (typeof o === "string") {
    process.stderr.write(o + "\n");
    return 2;
  }
  const results = await evaluate(o.sets);
  if (o.json) {
    process.stdout.write(JSON.stringify(toJson(results), null, 2) + "\n");
    return 0;
  }
  process.stdout.write(formatText(results, o) + "\n");
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${error instanceof EvalSetError ? "" : "eval failed: "}${message}\n`);
    process.exitCode = 1;
  },
);
