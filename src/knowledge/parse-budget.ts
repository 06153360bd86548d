import type { Nodes, Root } from "mdast";

/**
 * Keeps markdown parsing near-linear on hostile or huge input. remark (micromark) is fine on
 * notes, but it is super-linear in two places: a long document as a whole (a few MB of notes
 * take minutes) and runs of unmatched emphasis or link delimiters inside one paragraph
 * (`*a*a*a…`, `**a_**a_…`: 40 KB took 16 s). Parsing is synchronous, so either would freeze
 * the bot. Large files are therefore parsed in chunks split at top-level ATX headings, and
 * paragraphs whose delimiters would blow the budget have them escaped (shown literally).
 */

/** Files up to this many characters are parsed in one piece, exactly as before. */
export const CHUNK_CHARS = 32 * 1024;
/** Sum over paragraphs of (delimiters)²: above this, the densest paragraphs are neutralised (~1 s of worst-case work). */
export const INLINE_BUDGET = 25_000_000;
/** A paragraph with fewer delimiters than this is never touched. */
const MIN_NEUTRALISE = 200;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const DELIMITERS = /[*_[\]()]/g;

interface Block {
  start: number;
  end: number;
  delimiters: number;
}

/** Paragraph-like runs of lines outside fenced code (blank lines and fences separate them). */
function proseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let fence: string | undefined;
  let start = -1;
  let delimiters = 0;
  const close = (end: number) => {
    if (start >= 0) blocks.push({ start, end, delimiters });
    start = -1;
    delimiters = 0;
  };
  lines.forEach((line, i) => {
    const f = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = undefined;
      return;
    }
    if (f) {
      close(i);
      fence = f;
      return;
    }
    if (line.trim() === "") return close(i);
    if (start < 0) start = i;
    delimiters += line.match(DELIMITERS)?.length ?? 0;
  });
  close(lines.length);
  return blocks;
}

/**
 * Escapes `*`, `_`, `[`, `]`, `(` and `)` in the densest paragraphs until the file's worst-case inline
 * cost is within budget. Never adds or removes lines, so line numbers stay true. Returns the
 * 1-based first line of every paragraph it changed.
 */
export function neutraliseHeavyInline(text: string): { text: string; lines: number[] } {
  const lines = text.split("\n");
  const blocks = proseBlocks(lines).filter((b) => b.delimiters >= MIN_NEUTRALISE);
  let cost = blocks.reduce((n, b) => n + b.delimiters * b.delimiters, 0);
  if (cost <= INLINE_BUDGET) return { text, lines: [] };
  const changed: number[] = [];
  for (const b of blocks.sort((x, y) => y.delimiters - x.delimiters)) {
    if (cost <= INLINE_BUDGET) break;
    for (let i = b.start; i < b.end; i++) lines[i] = lines[i]!.replace(/(?<!\\)([*_[\]()])/g, "\\$1");
    cost -= b.delimiters * b.delimiters;
    changed.push(b.start + 1);
  }
  return { text: lines.join("\n"), lines: changed.sort((a, b) => a - b) };
}

/** Container prefix of a line: indentation, `>` quote markers and list markers. */
const CONTAINERS = /^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])+/;
/** Deeper than this, nesting is an accident (or an attack): micromark's cost grows with depth per line, and its stack overflows near 10,000. */
export const MAX_PREFIX = 64;

/**
 * Cuts container prefixes (indentation, `>` and list markers) longer than MAX_PREFIX
 * characters outside fenced code. Lines are kept; returns the 1-based lines changed.
 */
export function clampNesting(text: string): { text: string; lines: number[] } {
  const lines = text.split("\n");
  const changed: number[] = [];
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const f = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = undefined;
      return;
    }
    const prefix = CONTAINERS.exec(line)?.[0] ?? "";
    if (prefix.length > MAX_PREFIX) {
      lines[i] = prefix.slice(0, MAX_PREFIX).replace(/[ \t]*$/, " ") + line.slice(prefix.length);
      changed.push(i + 1);
      return;
    }
    if (f && prefix.length === 0) fence = f;
  });
  return changed.length ? { text: lines.join("\n"), lines: changed } : { text, lines: [] };
}

/** Top-level ATX heading lines outside fenced code and HTML comments: where a document can be cut without changing its parse. */
function cutPoints(lines: string[]): number[] {
  const cuts: number[] = [];
  let fence: string | undefined;
  let comment = false;
  lines.forEach((line, i) => {
    if (comment) {
      if (line.includes("-->")) comment = false;
      return;
    }
    const f = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (f && f[0] === fence[0] && f.length >= fence.length && line.trim() === f) fence = undefined;
      return;
    }
    if (f) {
      fence = f;
      return;
    }
    if (/^ {0,3}<!--/.test(line) && !line.includes("-->", line.indexOf("<!--") + 4)) {
      comment = true;
      return;
    }
    if (ATX.test(line)) cuts.push(i);
  });
  return cuts;
}

/** Parses `text`, in chunks of about CHUNK_CHARS when it is longer, with positions as if parsed whole. */
export function parseInChunks(text: string, parse: (source: string) => Root): Root {
  if (text.length <= CHUNK_CHARS) return parse(text);
  const lines = text.split("\n");
  const starts: number[] = [0];
  let size = 0;
  let last = 0;
  for (const cut of cutPoints(lines)) {
    for (let i = last; i < cut; i++) size += lines[i]!.length + 1;
    last = cut;
    if (size >= CHUNK_CHARS && cut > starts[starts.length - 1]!) {
      starts.push(cut);
      size = 0;
    }
  }
  const root: Root = { type: "root", children: [] };
  let offset = 0;
  starts.forEach((start, k) => {
    const end = starts[k + 1] ?? lines.length;
    const chunk = lines.slice(start, end).join("\n") + (end < lines.length ? "\n" : "");
    const tree = parse(chunk);
    shift(tree, start, offset);
    root.children.push(...tree.children);
    offset += chunk.length;
  });
  root.position = {
    start: { line: 1, column: 1, offset: 0 },
    end: { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1, offset: text.length },
  };
  return root;
}

function shift(node: Nodes, lines: number, offset: number): void {
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.position) {
      for (const p of [n.position.start, n.position.end]) {
        p.line += lines;
        if (p.offset !== undefined) p.offset += offset;
      }
    }
    if ("children" in n) stack.push(...(n.children as Nodes[]));
  }
}
