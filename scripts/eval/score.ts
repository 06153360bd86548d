import { type EvalCase, norm } from "./cases.js";

/** What scoring needs of an answer: the JSON contract's `matched`, result heading paths and `confidence`. */
export interface AnswerView {
  matched: boolean;
  headingPaths: string[][];
  confidence?: "high" | "low";
  /** A miss's closest headings (titles), best first: the buttons Slack and Discord show under "nothing found". */
  suggestions?: string[];
}

/** One case answered: rank 1-5 of the first relevant result, 0 for a miss; `ok` for negatives. */
export interface Outcome {
  c: EvalCase;
  answer: AnswerView;
  rank: number;
  ok: boolean;
}

const relevant = (path: string[], wants: string[]) => wants.some((w) => path.some((h) => norm(h).includes(norm(w))));

/**
 * score.mjs's rule, exactly: a negative passes when the bot says `matched: false` (or returns
 * nothing); `all` needs every string within the top `k` (default 4) for rank 1; `any` takes the
 * rank of the first relevant result in the top 5. A `matched: false` answer ranks nothing.
 */
export function judge(c: EvalCase, answer: AnswerView): Outcome {
  if (c.none) {
    const ok = !answer.matched || answer.headingPaths.length === 0;
    return { c, answer, rank: 0, ok };
  }
  let rank = 0;
  if (answer.matched && c.all) {
    const top = answer.headingPaths.slice(0, c.k ?? 4);
    rank = c.all.every((w) => top.some((p) => relevant(p, [w]))) ? 1 : 0;
  } else if (answer.matched && c.any) {
    rank = answer.headingPaths.slice(0, 5).findIndex((p) => relevant(p, c.any!)) + 1;
  }
  return { c, answer, rank, ok: rank === 1 };
}

export interface Metrics {
  cases: number;
  positives: number;
  /** Shares of answerable cases (0-1); null when there are none. */
  r1: number | null;
  r3: number | null;
  mrr5: number | null;
  /** Answerable cases answered `matched: false`. */
  falseNothing: number;
  /** Of those, the ones whose first SUGGESTED closest headings include a relevant one: a click away. */
  nothingSuggested: number;
  /** Answerable cases answered with `confidence: "low"` (a closest match), when answers carry it. */
  lowConfidence: number | null;
  negatives: number;
  /** Negatives the bot answered (`matched: true` with results). */
  negativesAnswered: number;
  /** Of those, how many with `confidence: "high"`; null when answers carry no confidence. */
  negativesConfident: number | null;
}

export function metrics(outcomes: Outcome[]): Metrics {
  const pos = outcomes.filter((o) => !o.c.none);
  const neg = outcomes.filter((o) => o.c.none);
  const hasConfidence = outcomes.some((o) => o.answer.confidence !== undefined);
  const share = (n: number) => (pos.length ? n / pos.length : null);
  const answered = neg.filter((o) => !o.ok);
  return {
    cases: outcomes.length,
    positives: pos.length,
    r1: share(pos.filter((o) => o.rank === 1).length),
    r3: share(pos.filter((o) => o.rank >= 1 && o.rank <= 3).length),
    mrr5: share(pos.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0)),
    falseNothing: pos.filter((o) => !o.answer.matched).length,
    nothingSuggested: pos.filter((o) => !o.answer.matched && suggestsRelevant(o)).length,
    lowConfidence: hasConfidence ? pos.filter((o) => o.answer.matched && o.answer.confidence === "low").length : null,
    negatives: neg.length,
    negativesAnswered: answered.length,
    negativesConfident: hasConfidence ? answered.filter((o) => o.answer.confidence !== "low").length : null,
  };
}

/** How many of a miss's suggestions count (the first buttons under "nothing found"). */
export const SUGGESTED = 3;

function suggestsRelevant(o: Outcome): boolean {
  const wants = o.c.any ?? o.c.all ?? [];
  return (o.answer.suggestions ?? []).slice(0, SUGGESTED).some((title) => relevant([title], wants));
}

/** Metrics for each value of `key` (a case can be in several groups, e.g. its categories). */
export function metricsBy(outcomes: Outcome[], key: (c: EvalCase) => string[]): Record<string, Metrics> {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) for (const g of key(o.c)) groups.set(g, [...(groups.get(g) ?? []), o]);
  return Object.fromEntries([...groups.keys()].sort().map((g) => [g, metrics(groups.get(g)!)]));
}

/** A miss in one line: what was wanted and the top three headings the bot gave. */
export function describeMiss(o: Outcome): string {
  const got = o.answer.headingPaths
    .slice(0, 3)
    .map((p) => p.at(-1))
    .join(" | ");
  const conf = o.answer.confidence ? ` [${o.answer.confidence}]` : "";
  if (o.c.none) return `answered (should find nothing)${conf}: ${o.c.q} -> ${got}`;
  const wanted = (o.c.any ?? o.c.all ?? []).join(" / ");
  const rank = o.answer.matched ? String(o.rank || "-") : "nothing";
  return `rank ${rank}${conf}: ${o.c.q} -> wanted ${wanted}; got ${got || "(nothing)"}`;
}
