/**
 * The form questions are grouped by in the report: the same question typed with other case,
 * width (ＡＢＣ, full-width punctuation), spacing or punctuation is one row. Hyphens and
 * underscores stay (they belong to flags: `--restart`, `no_proxy`); a leading `/docker` goes.
 */
export function normalizeQuery(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/^\s*\/?docker\s+/, "")
    .replace(/[^\p{L}\p{N}\p{M}\s_-]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The language of a question when the platform gives no locale: Chinese when it has Han characters. */
export function guessLocale(text: string): string {
  return /\p{Script=Han}/u.test(text) ? "zh" : "en";
}
