/**
 * Repairs code fences that a CommonMark parser would read wrongly, before parsing.
 *
 * The pattern (seen in Notion exports): a bare fence (no info string) wraps markdown that itself
 * holds an indented fenced block. CommonMark closes the outer fence at the inner block's closing
 * line, so the outer closing fence then opens a new block that swallows the following headings.
 * The wrapper is an export artefact around ordinary markdown, so the repair removes its two
 * lines (replaced by blank lines so that line numbers stay true) and keeps the inner block.
 */
export interface FenceRepair {
  /** 1-based line of the wrapper's opening fence. */
  line: number;
  /** 1-based line of the wrapper's closing fence. */
  closeLine: number;
}

interface Fence {
  indent: number;
  char: "`" | "~";
  length: number;
  info: string;
}

const FENCE = /^( *)(`{3,}|~{3,})(.*)$/;

function readFence(line: string): Fence | undefined {
  const m = FENCE.exec(line.replace(/\r$/, ""));
  if (!m) return undefined;
  const marks = m[2]!;
  const info = m[3]!.trim();
  // A backtick fence's info string may not contain backticks (CommonMark 4.5).
  if (marks[0] === "`" && info.includes("`")) return undefined;
  return { indent: m[1]!.length, char: marks[0] as "`" | "~", length: marks.length, info };
}

function closes(open: Fence, line: string): boolean {
  const f = readFence(line);
  return !!f && f.indent <= 3 && f.char === open.char && f.length >= open.length && f.info === "";
}

export function repairFences(source: string): { source: string; repairs: FenceRepair[] } {
  const lines = source.split("\n");
  const repairs: FenceRepair[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = readFence(lines[i]!);
    if (!open || open.indent > 3) {
      i++;
      continue;
    }
    // Where CommonMark closes this fence.
    let close = i + 1;
    while (close < lines.length && !closes(open, lines[close]!)) close++;
    if (open.info === "") {
      const wrapperClose = findWrapperClose(lines, i, close, open);
      if (wrapperClose !== undefined) {
        lines[i] = "";
        lines[wrapperClose] = "";
        repairs.push({ line: i + 1, closeLine: wrapperClose + 1 });
        i++; // re-scan the unwrapped content as ordinary markdown
        continue;
      }
    }
    i = close + 1;
  }
  return { source: lines.join("\n"), repairs };
}

/**
 * A bare fence is a wrapper when the line CommonMark closes it at was meant to close an inner
 * block opened with an info string (` ```bash `): the inner block is still open there. Its
 * intended close is the first bare fence at the wrapper's indentation or less once every inner
 * block has closed. A correctly longer outer fence (```` around ```) is never a wrapper.
 */
function findWrapperClose(
  lines: string[],
  openIndex: number,
  commonMarkClose: number,
  open: Fence,
): number | undefined {
  let inner = 0;
  for (let j = openIndex + 1; j < commonMarkClose; j++) {
    const f = readFence(lines[j]!);
    if (!f || f.char !== open.char) continue;
    if (f.info !== "") inner++;
    else if (inner > 0) inner--;
  }
  if (inner === 0 || commonMarkClose >= lines.length) return undefined;
  let depth = 0;
  for (let j = openIndex + 1; j < lines.length; j++) {
    const f = readFence(lines[j]!);
    if (!f || f.char !== open.char) continue;
    if (f.info !== "") depth++;
    else if (depth > 0) depth--;
    else if (f.indent <= open.indent + 3 && f.length >= open.length) return j;
  }
  return undefined;
}
