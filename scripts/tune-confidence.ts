/**
 * Chooses the confidence thresholds (src/search/confidence.ts) and the weight of unknown words
 * (src/search/rank.ts) on labelled questions, by a written criterion:
 *   1. the least cost, where an answerable question told "nothing" costs 1 and a negative (a
 *      question the notes don't answer) answered costs NEGATIVE_COST: a wrong answer given with
 *      the look of an answer costs a team's trust more than an honest "nothing";
 *   2. then the fewest negatives answered;
 *   3. among the settings still tied, the middle of each threshold's tied range (the widest
 *      margin to the nearest question on either side);
 *   then `high` is the coverage that best tells right answers from wrong ones: it maximises the
 *   balanced accuracy of "confident" as a prediction of "right at rank 1" (the mean of the share
 *   of right answers marked confident and the share of wrong answers marked closest match).
 * Comparisons are left out (each side is its own search). Prints the choice and how each setting
 * did; never prints a question (run it on the tune split only).
 *
 *   npx tsx scripts/tune-confidence.ts --cases eval/natural.jsonl --split tune --cases eval/dev.jsonl
 * (`--split` filters the files that have splits; the dev set has none and is taken whole).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCommand } from "../src/answer/parse-command.js";
import { type ConfidenceThresholds, type Evidence, evidence, judge, THRESHOLDS } from "../src/search/confidence.js";
import { buildKnowledgeBase } from "../src/search/knowledge-base.js";
import { APPROXIMATE_COVERAGE, createRanker, EVIDENCE_UNKNOWN_WEIGHT } from "../src/search/rank.js";
import { rankerWords } from "../src/search/search-engine.js";
import { createSentenceReader } from "../src/search/sentences.js";

interface Case {
  q: string;
  any?: string[];
  all?: string[];
  none?: boolean;
  split?: string;
}

const args = process.argv.slice(2);
const values = (name: string) => args.flatMap((a, i) => (args[i - 1] === name ? [a] : []));
const split = values("--split")[0];
const root = join(import.meta.dirname, "..");
const cases: Case[] = values("--cases").flatMap((f) =>
  readFileSync(f, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case)
    .filter((c) => !split || !c.split || c.split === split),
);

const kb = await buildKnowledgeBase({ knowledgeDir: join(root, "knowledge"), rootDir: root });
const { engine } = kb;
const norm = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

interface Point {
  negative: boolean;
  right: boolean;
  /** Evidence per unknown-word weight. */
  at: Map<number, Evidence>;
}
const UNKNOWN = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1];
const rankers = new Map(
  UNKNOWN.map((u) => [
    u,
    createRanker(engine.index.stats, engine.language.analyzer, {
      evidenceUnknownWeight: u,
      ...rankerWords(engine.language),
    }),
  ]),
);
const points: Point[] = [];
const sentencesOf = createSentenceReader(engine.language.analyzer);
for (const c of cases) {
  const command = parseCommand(c.q);
  if (command.name === "compare" || command.name === "invalid" || command.name === "help" || command.name === "topics")
    continue;
  const text = command.name === "search" ? command.query : command.topic;
  const outcome = await engine.search(text);
  const best = outcome.ranked[0];
  const wants = c.any ?? c.all ?? [];
  const right = !!best && wants.some((w) => best.section.headingPath.some((h) => norm(h).includes(norm(w))));
  const at = new Map<number, Evidence>();
  for (const [u, ranker] of rankers)
    at.set(
      u,
      best && outcome.plan.groups.length
        ? evidence(best, outcome.plan, outcome.plan.groups.map(ranker.evidenceWeight), sentencesOf(best.section))
        : { coverage: 0, heading: 0, sentence: 0, parts: 0 },
    );
  points.push({ negative: !!c.none, right, at });
}

const grid = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 100) / 100);
const score = (u: number, t: ConfidenceThresholds) => {
  let negAnswered = 0;
  let falseNothing = 0;
  for (const p of points) {
    const c = judge(p.at.get(u), t);
    if (p.negative && c !== "none") negAnswered++;
    if (!p.negative && c === "none") falseNothing++;
  }
  return { negAnswered, falseNothing };
};

type Setting = { u: number; t: ConfidenceThresholds };
const NEGATIVE_COST = 5;
const front = new Map<number, number>();
let bestKey = [Infinity, Infinity];
let tied: Setting[] = [];
// Above APPROXIMATE_COVERAGE: a flag the notes only name by a synonym (`-a` → 附加) never answers alone.
for (const u of UNKNOWN)
  for (const answer of grid(APPROXIMATE_COVERAGE + 0.05, 0.8, 0.05))
    for (const heading of grid(0, 0.5, 0.05))
      for (const prose of grid(0.5, 1.05, 0.05))
        for (const sentence of grid(0.3, 1.05, 0.05)) {
          if (prose < answer) continue;
          const t = { answer, sentence, heading, prose, high: 1 };
          const s = score(u, t);
          const key = [s.falseNothing + NEGATIVE_COST * s.negAnswered, s.negAnswered];
          front.set(s.negAnswered, Math.min(front.get(s.negAnswered) ?? Infinity, s.falseNothing));
          if (key[0]! < bestKey[0]! || (key[0] === bestKey[0] && key[1]! < bestKey[1]!)) {
            bestKey = key;
            tied = [];
          }
          if (key[0] === bestKey[0] && key[1] === bestKey[1]) tied.push({ u, t });
        }

// 3. the middle of each tied range, one parameter at a time (each choice kept only if still tied).
const middle = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
let pool = tied;
for (const key of ["u", "answer", "sentence", "prose", "heading"] as const) {
  const get = (s: Setting) => (key === "u" ? s.u : s.t[key]);
  const m = middle([...new Set(pool.map(get))]);
  pool = pool.filter((s) => get(s) === m);
}
const chosen = pool[0]!;

// `high`: "confident" as a prediction of "right at rank 1", balanced over right and wrong answers.
let bestHigh = 1;
let bestBalance = -1;
let highStats = { right: 0, rightHigh: 0, wrong: 0, wrongLow: 0 };
for (const high of grid(chosen.t.answer, 1, 0.05)) {
  const st = { right: 0, rightHigh: 0, wrong: 0, wrongLow: 0 };
  for (const p of points) {
    const c = p.negative ? "none" : judge(p.at.get(chosen.u), { ...chosen.t, high });
    if (c === "none") continue;
    if (p.right) {
      st.right++;
      if (c === "high") st.rightHigh++;
    } else {
      st.wrong++;
      if (c === "low") st.wrongLow++;
    }
  }
  const balance = (st.right ? st.rightHigh / st.right : 1) / 2 + (st.wrong ? st.wrongLow / st.wrong : 1) / 2;
  if (balance > bestBalance) {
    bestBalance = balance;
    bestHigh = high;
    highStats = st;
  }
}
const result = { unknownWeight: chosen.u, ...chosen.t, high: bestHigh };
const positives = points.filter((p) => !p.negative).length;
console.log(
  `questions: ${points.length} (${positives} answerable, ${points.length - positives} negatives; comparisons left out)`,
);
const chosenScore = score(chosen.u, chosen.t);
console.log(
  `criterion: cost ${bestKey[0]} (negatives answered ${chosenScore.negAnswered} × ${NEGATIVE_COST}, false "nothing" ${chosenScore.falseNothing}/${positives}); ${tied.length} settings tied`,
);
console.log(
  `high: ${highStats.rightHigh}/${highStats.right} right answers confident, ${highStats.wrongLow}/${highStats.wrong} wrong ones marked closest match`,
);
console.log(
  "front (negatives answered → fewest false nothing):",
  [...front.entries()]
    .sort((a, b) => a[0] - b[0])
    .slice(0, 8)
    .map(([k, v]) => `${k}→${v}`)
    .join(" "),
);
console.log("chosen:", JSON.stringify(result));
console.log("in use:", JSON.stringify({ unknownWeight: EVIDENCE_UNKNOWN_WEIGHT, ...THRESHOLDS }));
const current = score(EVIDENCE_UNKNOWN_WEIGHT, THRESHOLDS);
console.log(
  `in use scores: negatives answered ${current.negAnswered}, false "nothing" ${current.falseNothing}/${positives}`,
);
