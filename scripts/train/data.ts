import { parseCommand } from "../../src/answer/parse-command.js";
import { buildKnowledgeBase, type KnowledgeBase } from "../../src/search/knowledge-base.js";
import { type EvalCase, expected, norm } from "../eval/cases.js";
import { validateSet } from "../eval/evaluate.js";
import { available, ROOT, SETS, type SetSpec } from "../eval/sets.js";
import { stratum } from "../eval/split.js";

/**
 * The training data of the ranking and abstention models: the TUNE split of the natural sets
 * (the notes, and docker-cli-docs when present) and the dev set, never the test split. Each case
 * gets a fold for k-fold cross-validation, deterministically (stratified by language and main
 * category, in hash order of the question), so every run splits the same way.
 */
export interface TrainCase {
  set: SetSpec["name"];
  c: EvalCase;
  fold: number;
  kb: KnowledgeBase;
}

export const FOLDS = 5;

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Folds by stratum: within each, cases in hash order go round the folds. */
export function assignFolds<T extends { c: EvalCase }>(
  cases: T[],
  folds: number,
  key: (c: EvalCase) => string,
): (T & { fold: number })[] {
  const groups = new Map<string, T[]>();
  for (const x of cases) groups.set(key(x.c), [...(groups.get(key(x.c)) ?? []), x]);
  const out: (T & { fold: number })[] = [];
  let offset = 0;
  for (const k of [...groups.keys()].sort()) {
    const list = groups.get(k)!.sort((a, b) => hash(a.c.q) - hash(b.c.q));
    list.forEach((x, i) => out.push({ ...x, fold: (i + offset) % folds }));
    offset += list.length;
  }
  return out;
}

/** Loads every set's tune cases and builds each folder of notes once (in memory). */
export async function loadTraining(names: SetSpec["name"][] = ["natural", "dev", "cli-docs"]): Promise<TrainCase[]> {
  const kbs = new Map<string, KnowledgeBase>();
  const out: TrainCase[] = [];
  for (const spec of SETS.filter((s) => names.includes(s.name) && available(s))) {
    const cases = validateSet(spec).filter((c) => !c.split || c.split === "tune");
    let kb = kbs.get(spec.knowledgeDir);
    if (!kb) {
      kb = await buildKnowledgeBase({ knowledgeDir: spec.knowledgeDir, rootDir: ROOT });
      kbs.set(spec.knowledgeDir, kb);
    }
    const k = kb;
    const key = (c: EvalCase) =>
      c.lang && c.cats ? stratum({ lang: c.lang, cats: c.cats }) : c.none ? "negative" : "positive";
    out.push(
      ...assignFolds(
        cases.map((c) => ({ set: spec.name, c, kb: k })),
        FOLDS,
        key,
      ),
    );
  }
  return out;
}

/** The text the bot searches for a question, when it is a search (a comparison searches each side). */
export function searchText(q: string): string | undefined {
  const command = parseCommand(q);
  if (command.name === "search") return command.query;
  if (command.name === "explain" || command.name === "examples") return command.topic;
  return undefined;
}

export const relevantTo =
  (c: EvalCase) =>
  (path: string[]): boolean =>
    expected(c).some((w) => path.some((h) => norm(h).includes(norm(w))));
