import type { SetResult, SplitName, SplitResult } from "./evaluate.js";
import { LOAD_PATHS } from "./run.js";
import { describeMiss, type Metrics, SUGGESTED } from "./score.js";

export interface ReportOptions {
  /** Which splits to print (default both). */
  split: "tune" | "test" | "all";
  /** List misses and disagreements (never of the test split unless `showTest`). */
  verbose: boolean;
  /** Allow the test split's questions to be printed (misses, disagreements). */
  showTest: boolean;
}

const f3 = (x: number | null) => (x === null ? "  –  " : x.toFixed(3));
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const padL = (s: string | number, n: number) => String(s).padStart(n);

/** "nothing" = answerable cases answered matched:false; "neg. answered" = negatives answered (confidently). */
function cells(m: Metrics): string {
  const nothing = m.positives ? `${m.falseNothing}/${m.positives}` : "–";
  const neg = m.negatives
    ? `${m.negativesAnswered}/${m.negatives}${m.negativesConfident === null ? "" : ` (${m.negativesConfident})`}`
    : "–";
  return `${f3(m.r1)} ${f3(m.r3)} ${f3(m.mrr5)} ${padL(nothing, 7)} ${padL(neg, 10)}`;
}

const HEAD = `${"R@1".padEnd(5)} ${"R@3".padEnd(5)} ${"MRR@5"} ${padL("nothing", 7)} ${padL("neg.ans", 10)}`;

export const shows = (split: SplitName, o: ReportOptions) => split === "all" || o.split === "all" || o.split === split;
const mayList = (split: SplitName, o: ReportOptions) => split !== "test" || o.showTest;

function table(s: SplitResult): string[] {
  const [a, b] = LOAD_PATHS;
  const lines = [
    `    ${pad("group", 22)} ${padL("n", 4)} | ${pad(a, 36)} | ${b}`,
    `    ${pad("", 27)} | ${HEAD} | ${HEAD}`,
  ];
  const row = (name: string, ma: Metrics, mb: Metrics) =>
    lines.push(`    ${pad(name, 22)} ${padL(ma.cases, 4)} | ${cells(ma)} | ${cells(mb)}`);
  row("all", s.paths[a].all, s.paths[b].all);
  for (const [k, m] of Object.entries(s.paths[a].byCategory)) row(`cat ${k}`, m, s.paths[b].byCategory[k]!);
  for (const [k, m] of Object.entries(s.paths[a].byLang)) row(`lang ${k}`, m, s.paths[b].byLang[k]!);
  return lines;
}

export function formatText(results: SetResult[], o: ReportOptions): string {
  const out: string[] = [];
  out.push(
    'R@1/R@3/MRR@5 over answerable cases (score.mjs\'s rule); nothing = answerable cases answered "nothing found";',
    "neg.ans = negatives answered (of which confidently, when answers carry confidence). memory = index built at",
    "start; snapshot = index written by ingest, then loaded.",
  );
  for (const r of results) {
    out.push("", `== ${r.name}: ${r.file} on ${r.knowledgeDir}/`);
    if (r.skipped) {
      out.push(`   skipped: ${r.skipped}`);
      continue;
    }
    for (const w of r.warnings) out.push(`   warning: ${w}`);
    out.push(
      `   loaded: ${r.load.map((l) => `${l.path} ${(l.ms / 1000).toFixed(1)} s (${l.log.join("; ") || "no log"})`).join(" · ")}`,
    );
    for (const s of r.splits) {
      if (!shows(s.split, o)) continue;
      const m = s.paths.memory.all;
      out.push(
        "",
        `  -- ${r.name} · ${s.split}: ${s.cases} cases (${m.positives} answerable, ${m.negatives} negatives)`,
      );
      out.push(...table(s));
      if (m.falseNothing)
        out.push(
          `    of the ${m.falseNothing} answered "nothing found", ${m.nothingSuggested} show the right section among the first ${SUGGESTED} suggested headings (buttons)`,
        );
      const d = s.disagreements;
      out.push(
        `    load paths disagree on ${d.length} of ${s.cases}${d.length && !mayList(s.split, o) ? " (--show-test lists them)" : ""}`,
      );
      if (mayList(s.split, o)) for (const x of d) out.push(`      ${x.c.q}  ->  memory: ${x.a}  |  snapshot: ${x.b}`);
      if (o.verbose && mayList(s.split, o)) {
        // The second path's misses are listed only where they read differently from the first's.
        const first = new Set(s.paths[LOAD_PATHS[0]].outcomes.filter((x) => !x.ok).map(describeMiss));
        for (const path of LOAD_PATHS) {
          const misses = s.paths[path].outcomes.filter((x) => !x.ok).map(describeMiss);
          const shown = path === LOAD_PATHS[0] ? misses : misses.filter((m) => !first.has(m));
          out.push(
            `    misses (${path}): ${misses.length}${path === LOAD_PATHS[0] ? "" : `, ${shown.length} not shared`}`,
          );
          for (const m of shown) out.push(`      ${m}`);
        }
      }
    }
  }
  return out.join("\n");
}

/** The numbers only (no questions), for gates and dashboards. */
export function toJson(results: SetResult[]): unknown {
  return {
    sets: Object.fromEntries(
      results.map((r) => [
        r.name,
        r.skipped
          ? { skipped: r.skipped }
          : {
              file: r.file,
              load: r.load,
              splits: Object.fromEntries(
                r.splits.map((s) => [
                  s.split,
                  {
                    cases: s.cases,
                    disagreements: s.disagreements.length,
                    ...Object.fromEntries(
                      LOAD_PATHS.map((p) => [
                        p,
                        { all: s.paths[p].all, byCategory: s.paths[p].byCategory, byLang: s.paths[p].byLang },
                      ]),
                    ),
                  },
                ]),
              ),
            },
      ]),
    ),
  };
}
