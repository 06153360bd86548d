import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { type EvalCase, EvalSetError, readCases, requireLabels } from "./cases.js";
import { countProblems } from "./counts.js";
import { labelProblems } from "./labels.js";
import { answerAll, disagreements, type LoadedBot, type LoadPath, loadBothWays } from "./run.js";
import { type Metrics, metrics, metricsBy, type Outcome } from "./score.js";
import { available, headingsOf, ROOT, SETS, type SetSpec } from "./sets.js";

export type SplitName = "tune" | "test" | "all";

export interface PathResult {
  outcomes: Outcome[];
  all: Metrics;
  byCategory: Record<string, Metrics>;
  byLang: Record<string, Metrics>;
}

export interface SplitResult {
  split: SplitName;
  cases: number;
  paths: Record<LoadPath, PathResult>;
  disagreements: ReturnType<typeof disagreements>;
}

export interface SetResult {
  name: SetSpec["name"];
  file: string;
  knowledgeDir: string;
  /** Why the set was not run (its notes are absent). */
  skipped?: string;
  load: { path: LoadPath; ms: number; log: string[] }[];
  splits: SplitResult[];
  /** Where the set falls short of its minimum sizes or of a usable split. */
  warnings: string[];
}

/** Parses a set and checks every expected string against the headings of its notes; throws on any problem. */
export function validateSet(spec: SetSpec): EvalCase[] {
  const shown = relative(ROOT, spec.file);
  const cases = readCases(spec.file);
  if (spec.labelled) requireLabels(cases, shown);
  const problems = labelProblems(cases, headingsOf(spec.knowledgeDir), shown);
  if (problems.length) throw new EvalSetError(`labelling problems in ${shown}:\n  ${problems.join("\n  ")}`);
  return cases;
}

function splitResult(split: SplitName, cases: EvalCase[], answered: Map<LoadPath, Outcome[]>): SplitResult {
  const keep = new Set(cases);
  const paths = {} as Record<LoadPath, PathResult>;
  for (const [path, all] of answered) {
    const outcomes = all.filter((o) => keep.has(o.c));
    paths[path] = {
      outcomes,
      all: metrics(outcomes),
      byCategory: metricsBy(outcomes, (c) => c.cats ?? []),
      byLang: metricsBy(outcomes, (c) => (c.lang ? [c.lang] : [])),
    };
  }
  return {
    split,
    cases: cases.length,
    paths,
    disagreements: disagreements(paths.memory.outcomes, paths.snapshot.outcomes),
  };
}

/**
 * Runs the named sets (all by default) in process, each through both load paths. Bots are loaded
 * once per folder of notes and shared by the sets asked against it. A set whose notes are absent
 * (docker-cli-docs on a clean clone) is reported as skipped. Tests can gate on the result.
 */
export async function evaluate(names?: SetSpec["name"][], sets: SetSpec[] = SETS): Promise<SetResult[]> {
  const tmp = mkdtempSync(join(tmpdir(), "eval-"));
  const bots = new Map<string, LoadedBot[]>();
  try {
    const results: SetResult[] = [];
    for (const spec of sets.filter((s) => !names || names.includes(s.name))) {
      const base = {
        name: spec.name,
        file: relative(ROOT, spec.file),
        knowledgeDir: relative(ROOT, spec.knowledgeDir),
      };
      if (!available(spec)) {
        results.push({ ...base, skipped: `${base.knowledgeDir} is absent`, load: [], splits: [], warnings: [] });
        continue;
      }
      const cases = validateSet(spec);
      let loaded = bots.get(spec.knowledgeDir);
      if (!loaded) {
        loaded = await loadBothWays(spec.knowledgeDir, ROOT, mkdtempSync(join(tmp, "kb-")));
        bots.set(spec.knowledgeDir, loaded);
      }
      const answered = new Map<LoadPath, Outcome[]>();
      for (const l of loaded) answered.set(l.path, await answerAll(l.bot, cases));
      const splits = spec.labelled
        ? (["tune", "test"] as const).map((s) =>
            splitResult(
              s,
              cases.filter((c) => c.split === s),
              answered,
            ),
          )
        : [splitResult("all", cases, answered)];
      const warnings =
        spec.labelled && spec.minimums ? countProblems(requireLabels(cases, base.file), spec.minimums) : [];
      results.push({ ...base, load: loaded.map(({ path, ms, log }) => ({ path, ms, log })), splits, warnings });
    }
    return results;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
