/**
 * When to say "nothing found": compares, by k-fold cross-validation inside the tune split (and the
 * dev set), the first round's threshold rule (thresholds re-chosen on each training fold by
 * scripts/tune-confidence.ts's criterion) with a logistic model over the best section's evidence.
 * Cost: an answerable question told "nothing" 1, a negative answered NEGATIVE_COST. Comparisons
 * are left out (each side is its own search). Never reads the test split.
 *
 *   npx tsx scripts/train-abstention.ts [--set natural --set dev] [--write]
 */
import { type ConfidenceThresholds, type Evidence, judge, THRESHOLDS } from "../src/search/confidence.js";
import { createSearchEngine, type SearchEngine } from "../src/search/search-engine.js";
import type { SetSpec } from "./eval/sets.js";
import { ABSTENTION_FEATURES, abstentionFeatures } from "./train/abstention.js";
import { FOLDS, loadTraining, relevantTo, searchText, type TrainCase } from "./train/data.js";
import { trainLogistic } from "./train/pairwise.js";

const args = process.argv.slice(2);
const values = (name: string) => args.flatMap((a, i) => (args[i - 1] === name ? [a] : []));
const sets = values("--set") as SetSpec["name"][];
const NEGATIVE_COST = 5;
const L2 = Number(values("--l2")[0] ?? 0.01);

interface Point {
  t: TrainCase;
  negative: boolean;
  right: boolean;
  e: Evidence | undefined;
}
const data = await loadTraining(sets.length ? sets : undefined);
const collectors = new Map<unknown, SearchEngine>();
/** An engine over the case's notes that computes every feature (the evidence reads some). */
const collector = (t: TrainCase): SearchEngine => {
  let e = collectors.get(t.kb);
  if (!e) {
    e = createSearchEngine(t.kb.engine.index, t.kb.engine.language, { allFeatures: true });
    collectors.set(t.kb, e);
  }
  return e;
};
const points: Point[] = [];
for (const t of data) {
  const text = searchText(t.c.q);
  if (!text) continue;
  const o = await collector(t).search(text);
  const best = o.ranked[0];
  points.push({ t, negative: !!t.c.none, right: !!best && relevantTo(t.c)(best.section.headingPath), e: o.evidence });
}

const grid = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 100) / 100);
const cost = (ps: Point[], answers: (p: Point) => boolean) => {
  let fn = 0;
  let fp = 0;
  for (const p of ps) {
    const a = answers(p);
    if (p.negative && a) fp++;
    if (!p.negative && !a) fn++;
  }
  return { fn, fp, cost: fn + NEGATIVE_COST * fp };
};
const middle = <T>(xs: T[]) => xs[Math.floor((xs.length - 1) / 2)]!;

/** The first round's rule, thresholds chosen on `train` by its criterion (least cost, fewest negatives, middle of ties). */
function chooseRule(train: Point[]): ConfidenceThresholds {
  let best = Infinity;
  let tied: ConfidenceThresholds[] = [];
  for (const answer of grid(0.45, 0.8, 0.05))
    for (const heading of grid(0, 0.5, 0.05))
      for (const prose of grid(0.5, 1.05, 0.05))
        for (const sentence of grid(0.3, 1.05, 0.05)) {
          if (prose < answer) continue;
          const t = { answer, sentence, heading, prose, high: 1 };
          const s = cost(train, (p) => judge(p.e, t) !== "none");
          const key = s.cost * 100 + s.fp;
          if (key < best) {
            best = key;
            tied = [];
          }
          if (key === best) tied.push(t);
        }
  let pool = tied;
  for (const k of ["answer", "sentence", "prose", "heading"] as const) {
    const m = middle([...new Set(pool.map((t) => t[k]))].sort((a, b) => a - b));
    pool = pool.filter((t) => t[k] === m);
  }
  return pool[0]!;
}

/** The logistic model and its threshold, chosen on `train` by the same cost. */
function chooseModel(train: Point[]): { w: number[]; b: number; threshold: number } {
  const rows = train.map((p) => ({
    x: abstentionFeatures(p.e),
    y: p.negative ? 0 : 1,
    weight: p.negative ? NEGATIVE_COST : 1,
  }));
  const { w, b } = trainLogistic(rows, ABSTENTION_FEATURES.length, { l2: L2, steps: 4000, rate: 1 });
  const prob = (p: Point) => 1 / (1 + Math.exp(-(b + abstentionFeatures(p.e).reduce((a, v, k) => a + v * w[k]!, 0))));
  let best = Infinity;
  let tied: number[] = [];
  for (const threshold of grid(0.05, 0.95, 0.01)) {
    const s = cost(train, (p) => prob(p) >= threshold);
    const key = s.cost * 100 + s.fp;
    if (key < best) {
      best = key;
      tied = [];
    }
    if (key === best) tied.push(threshold);
  }
  return { w, b, threshold: middle(tied) };
}

const results = { inUse: [] as boolean[], rule: [] as boolean[], model: [] as boolean[] };
const order: Point[] = [];
for (let f = 0; f < FOLDS; f++) {
  const train = points.filter((p) => p.t.fold !== f);
  const held = points.filter((p) => p.t.fold === f);
  const rule = chooseRule(train);
  const model = chooseModel(train);
  for (const p of held) {
    order.push(p);
    results.inUse.push(judge(p.e, THRESHOLDS) !== "none");
    results.rule.push(judge(p.e, rule) !== "none");
    const x = abstentionFeatures(p.e);
    results.model.push(
      1 / (1 + Math.exp(-(model.b + x.reduce((a, v, k) => a + v * model.w[k]!, 0)))) >= model.threshold,
    );
  }
}
for (const name of [...new Set(points.map((p) => p.t.set))]) {
  console.log(`${name}:`);
  for (const [k, answers] of Object.entries(results)) {
    const ps = order.map((p, i) => ({ p, a: answers[i]! })).filter((x) => x.p.t.set === name);
    const fn = ps.filter((x) => !x.p.negative && !x.a).length;
    const fp = ps.filter((x) => x.p.negative && x.a).length;
    const right = ps.filter((x) => !x.p.negative && x.a && x.p.right).length;
    const pos = ps.filter((x) => !x.p.negative).length;
    console.log(
      `  ${k.padEnd(6)} false nothing ${fn}/${pos}  negatives answered ${fp}/${ps.length - pos}  right@1 answered ${right}/${pos}  cost ${fn + NEGATIVE_COST * fp}`,
    );
  }
}
if (args.includes("--write")) {
  const m = chooseModel(points);
  console.log(
    JSON.stringify({
      features: ABSTENTION_FEATURES,
      weights: m.w.map((v) => Math.round(v * 1e4) / 1e4),
      bias: Math.round(m.b * 1e4) / 1e4,
      threshold: m.threshold,
    }),
  );
  console.log("rule on all:", JSON.stringify(chooseRule(points)));
}
