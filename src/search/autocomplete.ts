import type { Analyzer } from "./analyzer.js";
import type { SectionIndex } from "./section-index.js";

export interface Choice {
  name: string;
  value: string;
}

const MAX_CHOICES = 25;
const MAX_LEN = 100;
const FLAG = /(?<![\p{L}\p{N}_-])--?[a-zA-Z][a-zA-Z0-9-]*/gu;

/**
 * Ranked choices for a partly typed topic: the flags the notes explain and the section titles,
 * Chinese and English. Prefix matches rank first, then substring matches, then titles whose
 * words start with what was typed.
 */
export function createAutocomplete(index: SectionIndex, analyzer: Analyzer) {
  const flagCounts = new Map<string, number>();
  for (const s of index.sections) {
    for (const m of `${s.title}\n${s.text}`.matchAll(FLAG)) {
      const f = m[0].replace(/-+$/, "");
      if (f.length > 1) flagCounts.set(f, (flagCounts.get(f) ?? 0) + 1);
    }
  }
  const flags = [...flagCounts.entries()].sort((a, b) => b[1] - a[1]).map(([f]) => f);
  // Duplicate titles ("总结") are told apart by their parent, as in the breadcrumb.
  const titleCounts = new Map<string, number>();
  for (const s of index.sections) titleCounts.set(s.title, (titleCounts.get(s.title) ?? 0) + 1);
  const titles = index.sections.map((s) => {
    const parent = s.headingPath[s.headingPath.length - 2];
    const name = titleCounts.get(s.title)! > 1 && parent ? `${parent} › ${s.title}` : s.title;
    return { name, value: s.title, key: name.toLowerCase(), words: undefined as string[] | undefined };
  });
  // A title's terms are computed once, the first time a keystroke needs them, not on every keystroke.
  const wordsOf = (t: (typeof titles)[number]) => (t.words ??= analyzer.phrase(t.key));

  return (partial: string): { name: string; value: string }[] => {
    const q = partial.normalize("NFKC").trim().toLowerCase();
    const out: { name: string; value: string; rank: number }[] = [];
    const bare = q.replace(/^-+/, "");
    for (const f of flags) {
      const name = f.toLowerCase().replace(/^-+/, "");
      if (!q) out.push({ name: f, value: f, rank: 3 });
      else if (name.startsWith(bare) || f.toLowerCase().startsWith(q))
        out.push({ name: f, value: f, rank: name === bare ? 0 : 1 });
    }
    const qTerms = q ? analyzer.phrase(q) : [];
    for (const t of titles) {
      if (!q) {
        out.push({ name: t.name, value: t.value, rank: 4 });
        continue;
      }
      const at = t.key.indexOf(q.replace(/^-+/, ""));
      if (at >= 0) out.push({ name: t.name, value: t.value, rank: at === 0 ? 1.5 : 2 });
      else if (qTerms.length && qTerms.every((term) => wordsOf(t).some((w) => w.startsWith(term))))
        out.push({ name: t.name, value: t.value, rank: 2.5 });
    }
    const seen = new Set<string>();
    return out
      .sort((a, b) => a.rank - b.rank || a.name.length - b.name.length)
      .filter((c) => !seen.has(c.name) && seen.add(c.name))
      .slice(0, MAX_CHOICES)
      .map((c) => ({ name: clip(c.name), value: clip(c.value) }));
  };
}

function clip(s: string): string {
  return s.length <= MAX_LEN ? s : s.slice(0, MAX_LEN - 1) + "…";
}
