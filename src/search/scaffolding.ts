import { escapeRegExp } from "./regexp.js";

/**
 * Question scaffolding: the words that frame a question without saying what it is about
 * (how do I / is there a way to / what does … mean; 怎么 / 能不能 / 是干什么的 / 是什么意思).
 * Removed from questions, never from notes, before a question is read, so that a section is
 * never asked to contain them. The phrases are data (`scaffolding:` in knowledge/stopwords.yml).
 */
export type Scaffolding = (normalizedText: string) => string;

export function compileScaffolding(phrases: string[]): Scaffolding {
  const latin: string[] = [];
  const han: string[] = [];
  for (const p of phrases.map((x) => x.normalize("NFKC").toLowerCase().trim()).filter(Boolean))
    (/\p{Script=Han}/u.test(p) ? han : latin).push(p);
  // Longest first, so `how do i` goes before `how`, 是什么意思 before 是什么.
  const byLength = (a: string, b: string) => b.length - a.length;
  const escape = (s: string) => escapeRegExp(s).replace(/\s+/g, "\\s+");
  const latinRe = latin.length
    ? new RegExp(`(?<![\\p{L}\\p{N}_'-])(?:${latin.sort(byLength).map(escape).join("|")})(?![\\p{L}\\p{N}_-])`, "gu")
    : undefined;
  const hanRe = han.length ? new RegExp(han.sort(byLength).map(escape).join("|"), "gu") : undefined;
  return (text) => {
    let out = text.replace(/[’‘]/g, "'");
    if (latinRe) out = out.replace(latinRe, " ");
    if (hanRe) out = out.replace(hanRe, " ");
    return out;
  };
}
