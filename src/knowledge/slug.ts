/** GitHub-style heading anchors, de-duplicated per file (`总结`, `总结-1`, …). */
export function createSlugger(): (title: string) => string {
  const seen = new Map<string, number>();
  return (title) => {
    const base =
      title
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
        .trim()
        .replace(/\s/g, "-") || "section";
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  };
}
