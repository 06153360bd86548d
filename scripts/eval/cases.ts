import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * One evaluation case, one JSON line. The relevance fields are those of `../shared/eval/score.mjs`
 * (`any`, `all` + `k`, `none`); `lang`, `cats` and `split` describe the question. The dev set
 * (heading-style, no split) has only the relevance fields.
 */
export const LANGS = ["zh-CN", "zh-TW", "en", "mixed"] as const;
export type Lang = (typeof LANGS)[number];

/** Categories of the natural sets; README.md in eval/ says what each one means. */
export const CATEGORIES = [
  "colloquial",
  "typo",
  "compare",
  "keyword",
  "traditional",
  "mixed",
  "symptom",
  "example",
  "explain-flag",
  "negative",
  "hard-negative",
  "seed",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SPLITS = ["tune", "test"] as const;
export type Split = (typeof SPLITS)[number];

const label = z.string().trim().min(1);
const caseSchema = z
  .object({
    q: z.string().trim().min(1),
    any: z.array(label).min(1).optional(),
    all: z.array(label).min(2).optional(),
    k: z.number().int().min(1).max(5).optional(),
    none: z.literal(true).optional(),
    lang: z.enum(LANGS).optional(),
    cats: z.array(z.enum(CATEGORIES)).min(1).optional(),
    split: z.enum(SPLITS).optional(),
    /** Expected strings that name a title repeated under several parents, every one of which answers. */
    repeatedOk: z.array(label).min(1).optional(),
  })
  .strict()
  .refine((c) => [c.any, c.all, c.none].filter((x) => x !== undefined).length === 1, {
    message: "exactly one of any, all, none",
  })
  .refine((c) => c.k === undefined || c.all !== undefined, { message: "k goes with all" })
  .refine((c) => (c.repeatedOk ?? []).every((w) => [...(c.any ?? []), ...(c.all ?? [])].includes(w)), {
    message: "repeatedOk lists only expected strings",
  });

export type EvalCase = z.infer<typeof caseSchema> & { line: number };

/** A labelled natural case: lang, cats and split are required. */
export type NaturalCase = EvalCase & { lang: Lang; cats: Category[]; split: Split };

export class EvalSetError extends Error {
  override name = "EvalSetError";
}

/** Parses a JSONL evaluation set; throws `file:line: reason` for the first bad line. */
export function parseCases(text: string, file: string): EvalCase[] {
  const out: EvalCase[] = [];
  text.split("\n").forEach((raw, i) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw new EvalSetError(`${file}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    const parsed = caseSchema.safeParse(json);
    if (!parsed.success) {
      const why = parsed.error.issues.map((x) => `${x.path.join(".") || "case"}: ${x.message}`).join("; ");
      throw new EvalSetError(`${file}:${i + 1}: ${why}`);
    }
    out.push({ ...parsed.data, line: i + 1 });
  });
  return out;
}

export function readCases(file: string): EvalCase[] {
  return parseCases(readFileSync(file, "utf8"), file);
}

/** The natural sets need lang, cats and split on every line. */
export function requireLabels(cases: EvalCase[], file: string): NaturalCase[] {
  for (const c of cases) {
    const missing = (["lang", "cats", "split"] as const).filter((f) => c[f] === undefined);
    if (missing.length) throw new EvalSetError(`${file}:${c.line}: missing ${missing.join(", ")}`);
    const negative = c.none === true;
    const saysNegative = c.cats!.includes("negative");
    if (negative !== saysNegative)
      throw new EvalSetError(`${file}:${c.line}: "none" and the "negative" category must go together`);
    if (c.cats!.includes("hard-negative") && !negative)
      throw new EvalSetError(`${file}:${c.line}: "hard-negative" needs "none": true`);
  }
  return cases as NaturalCase[];
}

/** The expected heading substrings of a case. */
export const expected = (c: EvalCase): string[] => c.any ?? c.all ?? [];

/** score.mjs's normalisation: NFKC, lower case, whitespace collapsed. */
export const norm = (s: string): string => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

/** A question's identity for duplicate detection: also ignores punctuation, emoji and spacing. */
export const questionKey = (q: string): string => norm(q).replace(/[\s\p{P}\p{S}]+/gu, "");

export function duplicates(cases: EvalCase[]): string[] {
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const c of cases) {
    const key = questionKey(c.q);
    const first = seen.get(key);
    if (first !== undefined) out.push(`line ${c.line} repeats line ${first}: ${c.q}`);
    else seen.set(key, c.line);
  }
  return out;
}
