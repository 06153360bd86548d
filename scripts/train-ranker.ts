/**
 * Trains the ranking model (src/search/ranking-weights.ts) on the TUNE split of the natural sets
 * and the dev set, and estimates how it generalises by k-fold cross-validation inside that data:
 * each fold is answered by a model trained on the other folds, through the whole bot (grammar,
 * comparisons, abstention), and scored with the eval's rule. Never reads the test split.
 *
 *   npx tsx scripts/train-ranker.ts              # CV estimate next to the tune score of the weights in use
 *   npx tsx scripts/train-ranker.ts --write      # train on all the tune data and write the weights
 *   npx tsx scripts/train-ranker.ts --drop a,b   # CV with features held at 0 (what they buy)
 *   npx tsx scripts/train-ranker.ts --set natural --set dev   # only these sets (cli-docs needs ../shared)
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createBot } from "../src/answer/create-bot.js";
import { RANK_FEATURES, RANKING_WEIGHTS, type RankFeature } from "../src/search/ranking-model.js";
import { createSearchEngine, type SearchEngine } from "../src/search/search-engine.js";
import { view } from "./eval/run.js";
import { judge, type Metrics, metrics, type Outcome } from "./eval/score.js";
import type { SetSpec } from "./eval/sets.js";
import { FOLDS, loadTraining, relevantTo, searchText, type TrainCase } from "./train/data.js";
import { type RankQuery, trainListwise, trainPairwise } from "./train/pairwise.js";

const args = process.argv.slice(2);
const values = (name: string) => args.flatMap((a, i) => (args[i - 1] === name ? [a] : []));
const sets = values("--set") as SetSpec["name"][];
const dropped = new Set(values("--drop").flatMap((v) => v.split(",")));
for (const d of dropped) if (!RANK_FEATURES.includes(d as RankFeature)) throw new Error(`unknown feature ${d}`);
const L2 = Number(values("--l2")[0] ?? 0.001);
const STEPS = Number(values("--steps")[0] ?? 3000);
const RATE = Number(values("--rate")[0] ?? 2);
const LOSS = values("--loss")[0] ?? "listwise";
/** Start from the first round's hand score and pull towards it (L2 around it rather than around zero). */
const PRIOR = !args.includes("--no-prior");

type Weights = Record<RankFeature, number>;
const asWeights = (w: number[]): Weights =>
  Object.fromEntries(RANK_FEATURES.map((f, i) => [f, Math.round(w[i]! * 1e4) / 1e4])) as Weights;

const HAND: Weights = Object.fromEntries(RANK_FEATURES.map((f) => [f, 0])) as Weights;
HAND.base = 1;
HAND.proximity = 0.45;

const data = await loadTraining(sets.length ? sets : undefined);

const collectors = new Map<unknown, SearchEngine>();
/** An engine over the case's notes that computes every feature. */
const collector = (t: TrainCase): SearchEngine => {
  let e = collectors.get(t.kb);
  if (!e) {
    e = createSearchEngine(t.kb.engine.index, t.kb.engine.language, { allFeatures: true });
    collectors.set(t.kb, e);
  }
  return e;
};

/** Each searchable answerable case, as candidates' features and relevance (features do not depend on the weights). */
const queries = new Map<TrainCase, RankQuery>();
for (const t of data) {
  if (t.c.none) continue;
  const text = searchText(t.c.q);
  if (!text) continue;
  const outcome = await collector(t).search(text);
  const rel = relevantTo(t.c);
  queries.set(t, {
    x: outcome.ranked.map((r) => r.features),
    relevant: outcome.ranked.map((r) => rel(r.section.headingPath)),
  });
}

const train = (cases: TrainCase[]): Weights => {
  const qs = cases.flatMap((t) => (queries.has(t) ? [queries.get(t)!] : []));
  const frozen = new Set([...dropped].map((d) => RANK_FEATURES.indexOf(d as RankFeature)));
  const start = PRIOR ? RANK_FEATURES.map((f) => HAND[f]) : undefined;
  const o = { l2: L2, steps: STEPS, rate: RATE, frozen, ...(start ? { start } : {}) };
  return asWeights(
    LOSS === "pairwise" ? trainPairwise(qs, RANK_FEATURES.length, o) : trainListwise(qs, RANK_FEATURES.length, o),
  );
};

const engines = new Map<string, SearchEngine>();
const engineFor = (t: TrainCase, weights: Weights, key: string) => {
  const k = `${key}|${t.kb.manifest.files[0]?.file ?? ""}`;
  let e = engines.get(k);
  if (!e) {
    e = createSearchEngine(t.kb.engine.index, t.kb.engine.language, { weights });
    engines.set(k, e);
  }
  return e;
};
const answer = async (t: TrainCase, weights: Weights, key: string): Promise<Outcome> => {
  const engine = engineFor(t, weights, key);
  return judge(t.c, view(await createBot(() => engine).ask(t.c.q, { platform: "cli" })));
};

const inUse: Outcome[] = [];
const hand: Outcome[] = [];
const cv: Outcome[] = [];
for (let f = 0; f < FOLDS; f++) {
  const weights = train(data.filter((t) => t.fold !== f));
  for (const t of data.filter((x) => x.fold === f)) {
    cv.push(await answer(t, weights, `fold${f}`));
    inUse.push(await answer(t, RANKING_WEIGHTS, "inuse"));
    hand.push(await answer(t, HAND, "hand"));
  }
}

const line = (m: Metrics) =>
  `R@1 ${m.r1?.toFixed(3) ?? "–"}  R@3 ${m.r3?.toFixed(3) ?? "–"}  MRR ${m.mrr5?.toFixed(3) ?? "–"}  nothing ${m.falseNothing}/${m.positives}  neg.ans ${m.negativesAnswered}/${m.negatives}`;
const setOf = new Map(data.map((t) => [t.c, t.set]));
for (const name of [...new Set(data.map((t) => t.set))]) {
  const pick = (os: Outcome[]) => os.filter((o) => setOf.get(o.c) === name);
  console.log(`${name} (tune${name === "dev" ? ", whole set" : " split"}, ${pick(cv).length} cases)`);
  console.log(`  first round's hand score  ${line(metrics(pick(hand)))}`);
  console.log(`  weights in use (tune)     ${line(metrics(pick(inUse)))}`);
  console.log(`  ${FOLDS}-fold CV of training     ${line(metrics(pick(cv)))}`);
}
if (dropped.size) console.log(`dropped: ${[...dropped].join(", ")}`);

if (args.includes("--write")) {
  const weights = train(data);
  const file = join(import.meta.dirname, "..", "src", "search", "ranking-weights.ts");
  const body = RANK_FEATURES.map((f) => `    ${f}: ${weights[f]},`).join("\n");
  writeFileSync(
    file,
    `// Generated by scripts/train-ranker.ts: do not edit by hand (docs/SEGMENTATION.md).\n` +
      `// Trained on ${queries.size} questions of the tune split and the dev set (l2 ${L2}, ${STEPS} steps).\n` +
      `export const TRAINED = {\n  ranking: {\n${body}\n  },\n} as const;\n`,
  );
  console.log(`wrote ${file}`);
  console.log(weights);
}
if (args.includes("--stats")) {
  const qs = [...queries.values()];
  console.log(`queries ${qs.length}, with a relevant candidate ${qs.filter((q) => q.relevant.some(Boolean)).length}`);
  console.log(train(data));
}
