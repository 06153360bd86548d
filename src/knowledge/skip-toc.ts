/**
 * Blanks generated tables of contents (`<!-- TOC -->` … `<!-- TOC -->`, `<!-- toc -->` …
 * `<!-- tocstop -->`, `<!-- /TOC -->`): they link every heading, so indexing them would make
 * the TOC match every query. Lines become empty so line numbers stay true.
 */
const MARK = /^\s*<!--\s*(\/?toc(stop)?)\s*-->\s*$/i;

export function skipTocBlocks(source: string): { source: string; skipped: { line: number; endLine: number }[] } {
  const lines = source.split("\n");
  const skipped: { line: number; endLine: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!MARK.test(lines[i]!)) continue;
    let end = i + 1;
    while (end < lines.length && !MARK.test(lines[end]!)) end++;
    if (end >= lines.length) break; // an unpaired marker: leave the text alone
    for (let k = i; k <= end; k++) lines[k] = "";
    skipped.push({ line: i + 1, endLine: end + 1 });
    i = end;
  }
  return { source: lines.join("\n"), skipped };
}
