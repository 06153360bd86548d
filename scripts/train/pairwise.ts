/**
 * A linear ranking model by pairwise logistic regression: for each question, every relevant
 * candidate should score above every other one; each question counts the same however many
 * pairs it has; an L2 penalty keeps weights small (few questions, correlated features). Plain
 * full-batch gradient descent from zero for a fixed number of steps: deterministic, no seed.
 */
export interface RankQuery {
  /** Candidates' feature vectors. */
  x: number[][];
  relevant: boolean[];
}

export interface PairwiseOptions {
  l2: number;
  steps: number;
  rate: number;
  /** Features held at 0 (for ablations). */
  frozen?: Set<number>;
  /** Starting weights, and what the L2 penalty pulls towards (default zero): a prior the data must outweigh. */
  start?: number[];
}

export function trainPairwise(queries: RankQuery[], dims: number, o: PairwiseOptions): number[] {
  const pairs: { d: number[]; weight: number }[] = [];
  let nQueries = 0;
  for (const q of queries) {
    const rel = q.x.filter((_, i) => q.relevant[i]);
    const irr = q.x.filter((_, i) => !q.relevant[i]);
    if (!rel.length || !irr.length) continue;
    const weight = 1 / (rel.length * irr.length);
    nQueries++;
    for (const r of rel) for (const n of irr) pairs.push({ d: r.map((v, k) => v - n[k]!), weight });
  }
  const w = o.start ? [...o.start] : new Array<number>(dims).fill(0);
  const grad = new Array<number>(dims).fill(0);
  for (let step = 0; step < o.steps; step++) {
    grad.fill(0);
    for (const { d, weight } of pairs) {
      let s = 0;
      for (let k = 0; k < dims; k++) s += w[k]! * d[k]!;
      // d/ds log(1 + e^-s) = -1 / (1 + e^s)
      const g = -weight / (1 + Math.exp(s)) / Math.max(1, nQueries);
      for (let k = 0; k < dims; k++) grad[k]! += g * d[k]!;
    }
    for (let k = 0; k < dims; k++) {
      if (o.frozen?.has(k)) {
        w[k] = 0;
        continue;
      }
      w[k]! -= o.rate * (grad[k]! + o.l2 * (w[k]! - (o.start?.[k] ?? 0)));
    }
  }
  return w;
}

/**
 * Logistic regression (L2, full-batch gradient descent from zero, fixed steps): the probability
 * that a question is answerable from its best section's evidence. Rows are weighted (`weight`),
 * so negatives can count for their cost.
 */
export function trainLogistic(
  rows: { x: number[]; y: number; weight: number }[],
  dims: number,
  o: { l2: number; steps: number; rate: number },
): { w: number[]; b: number } {
  const w = new Array<number>(dims).fill(0);
  let b = 0;
  const total = rows.reduce((a, r) => a + r.weight, 0) || 1;
  for (let step = 0; step < o.steps; step++) {
    const grad = new Array<number>(dims).fill(0);
    let gb = 0;
    for (const r of rows) {
      let s = b;
      for (let k = 0; k < dims; k++) s += w[k]! * r.x[k]!;
      const p = 1 / (1 + Math.exp(-s));
      const g = (r.weight * (p - r.y)) / total;
      for (let k = 0; k < dims; k++) grad[k]! += g * r.x[k]!;
      gb += g;
    }
    for (let k = 0; k < dims; k++) w[k]! -= o.rate * (grad[k]! + o.l2 * w[k]!);
    b -= o.rate * gb;
  }
  return { w, b };
}

/**
 * The same linear model by a listwise loss: for each question, minus the log of the softmax mass
 * of its relevant candidates (what puts a relevant section first, rather than every pair in order).
 */
export function trainListwise(
  queries: RankQuery[],
  dims: number,
  o: PairwiseOptions & { temperature?: number },
): number[] {
  const qs = queries.filter((q) => q.relevant.some(Boolean) && q.relevant.some((r) => !r));
  const w = o.start ? [...o.start] : new Array<number>(dims).fill(0);
  const grad = new Array<number>(dims).fill(0);
  const t = o.temperature ?? 1;
  for (let step = 0; step < o.steps; step++) {
    grad.fill(0);
    for (const q of qs) {
      const s = q.x.map((x) => x.reduce((a, v, k) => a + v * w[k]!, 0) / t);
      const max = Math.max(...s);
      const e = s.map((v) => Math.exp(v - max));
      const all = e.reduce((a, b) => a + b, 0);
      const rel = e.reduce((a, v, i) => a + (q.relevant[i] ? v : 0), 0);
      // d/dw [log all - log rel] = Σ p_all x - Σ p_rel x
      for (let i = 0; i < q.x.length; i++) {
        const g = (e[i]! / all - (q.relevant[i] ? e[i]! / rel : 0)) / t / qs.length;
        if (g === 0) continue;
        const x = q.x[i]!;
        for (let k = 0; k < dims; k++) grad[k]! += g * x[k]!;
      }
    }
    for (let k = 0; k < dims; k++) {
      if (o.frozen?.has(k)) {
        w[k] = 0;
        continue;
      }
      w[k]! -= o.rate * (grad[k]! + o.l2 * (w[k]! - (o.start?.[k] ?? 0)));
    }
  }
  return w;
}
