import type { Category, EvalCase, Lang, NaturalCase, Split } from "./cases.js";
import { questionKey } from "./cases.js";

/** The category a case is stratified by: its rarest kind first. */
const PRIORITY: Category[] = [
  "hard-negative",
  "negative",
  "compare",
  "typo",
  "keyword",
  "symptom",
  "example",
  "explain-flag",
  "mixed",
  "traditional",
  "colloquial",
];

export const stratum = (c: { lang: Lang; cats: Category[] }): string =>
  `${c.lang}|${PRIORITY.find((k) => c.cats.includes(k)) ?? "other"}`;

/** FNV-1a: a stable order that does not depend on where a line sits in the file. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Gives a split to every case that has none, deterministically: within each stratum (language ×
 * main category) cases are taken in hash order of their text and each goes to the split that has
 * fewer cases of that stratum so far (ties by hash parity). Cases that already have a split keep
 * it, so adding questions never moves one between tune and test; seed cases always go to tune.
 */
export function assignSplits(
  cases: (EvalCase & { lang: Lang; cats: Category[]; split?: Split | undefined })[],
): NaturalCase[] {
  const have = new Map<string, Record<Split, number>>();
  const count = (key: string) => {
    let n = have.get(key);
    if (!n) have.set(key, (n = { tune: 0, test: 0 }));
    return n;
  };
  const out = cases.map((c) => (c.cats.includes("seed") && !c.split ? { ...c, split: "tune" as const } : { ...c }));
  for (const c of out) if (c.split) count(stratum(c))[c.split]++;
  const todo = out
    .filter((c) => !c.split)
    .sort((a, b) => hash(questionKey(a.q)) - hash(questionKey(b.q)) || (a.q < b.q ? -1 : 1));
  for (const c of todo) {
    const n = count(stratum(c));
    const split: Split = n.tune === n.test ? (hash(c.q) % 2 ? "test" : "tune") : n.tune < n.test ? "tune" : "test";
    c.split = split;
    n[split]++;
  }
  return out as NaturalCase[];
}
