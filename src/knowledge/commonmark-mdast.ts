import { type Node, Parser } from "commonmark";
import type { Nodes, PhrasingContent, Root, RootContent } from "mdast";

/**
 * commonmark.js (the spec authors' reference parser) read into the mdast shapes parse-file.ts
 * uses, positioned exactly as remark (micromark) positions them. It is about 20× faster than
 * micromark on the notes and makes a fraction of its garbage (docs/PERFORMANCE.md, issue 18).
 *
 * parse-file.ts reads of the tree: the top-level nodes' types and source offsets (their text
 * is sliced from the source), headings' inline content, code blocks anywhere (value, language,
 * line span), and a list's links (a table of contents). The two parsers implement the same
 * CommonMark spec, but report positions differently; the conversion reproduces remark's:
 * a block ends at the end of its last line (trailing blanks included), an indented code block
 * starts at its line's start. Where remark's positions follow rules that are not worth
 * reproducing, `undefined` is returned and the caller parses with remark: link reference
 * definitions (commonmark.js folds them away; remark keeps them as nodes), unclosed fenced
 * code (remark runs it to the end of the input), and the few shapes where remark leaves the
 * spec (`remarkDiffers`). test/knowledge/commonmark-mdast.test.ts checks
 * the sections against remark's over random documents and the corpora.
 */
export function parseCommonMark(source: string): Root | undefined {
  const parser = new Parser();
  const unclosed = watchFences(parser);
  const doc = parser.parse(source);
  if (unclosed() || Object.keys((parser as unknown as { refmap: object }).refmap).length || remarkDiffers(doc))
    return undefined;
  const lines = lineStarts(source);
  const at = (line: number, column: number) => lines[line - 1]! + column - 1;
  const lineEnd = (line: number) => (line < lines.length ? lines[line]! - 1 : source.length);
  const children: RootContent[] = [];
  for (let n = doc.firstChild; n; n = n.next) {
    const node = block(n, source, lines);
    const [[startLine, startColumn]] = n.sourcepos;
    let endLine = n.sourcepos[1][0];
    // remark: a block ends where its last line does; an indented code block starts at its line's
    // start and keeps the blank lines after it up to the last one indented as code.
    const indented = isIndentedCode(n);
    if (indented) endLine = lastIndentedBlank(source, lines, endLine);
    const start = indented ? lines[startLine - 1]! : at(startLine, startColumn);
    node.position = {
      start: { line: startLine, column: start - lines[startLine - 1]! + 1, offset: start },
      end: { line: endLine, column: lineEnd(endLine) - lines[endLine - 1]! + 1, offset: lineEnd(endLine) },
    };
    children.push(node as RootContent);
  }
  return { type: "root", children };
}

/**
 * Fenced code blocks that reached the end of their container without a closing fence: every
 * fenced block, minus those its closing fence ended (`continue` returns 2 then, blocks.js).
 */
function watchFences(parser: Parser): () => boolean {
  interface Fenced {
    _isFenced?: boolean;
  }
  type Blocks = Record<
    string,
    { continue: (p: unknown, c: Fenced) => number; finalize: (p: unknown, b: Fenced) => void }
  >;
  const own = parser as unknown as { blocks: Blocks };
  const code = own.blocks.code_block!;
  const open = new Set<Fenced>();
  own.blocks = {
    ...own.blocks,
    code_block: {
      ...code,
      continue: (p, c) => {
        const r = code.continue(p, c);
        if (r === 2 && c._isFenced) open.delete(c);
        return r;
      },
      finalize: (p, b) => {
        if (b._isFenced) open.add(b);
        code.finalize(p, b);
      },
    },
  };
  return () => open.size > 0;
}

/** The last of the whitespace-only lines right after `line` that is indented 4 columns or more, else `line`. */
function lastIndentedBlank(source: string, lines: number[], line: number): number {
  let last = line;
  for (let l = line + 1; l <= lines.length; l++) {
    const text = source.slice(lines[l - 1], l < lines.length ? lines[l]! - 1 : source.length);
    if (!/^[ \t]*$/.test(text)) break;
    let width = 0;
    for (const c of text) width = c === "\t" ? width + 4 - (width % 4) : width + 1;
    if (width >= 4) last = l;
  }
  return last;
}

/**
 * Where remark leaves the spec (found by test/knowledge/commonmark-mdast.test.ts): around an
 * empty list item or block quote (a lone `-` or `>` line), and an indented code block with
 * another block on the line right before or after it, or followed by an ordered list that does not
 * start at 1 (`    code`, a blank line, then `2) item` is a list to the spec, a paragraph to
 * remark; tab-indented code right after a quote is split in two).
 */
function remarkDiffers(doc: Node): boolean {
  const walker = doc.walker();
  for (let e = walker.next(); e; e = walker.next()) {
    const n = e.node;
    if (!e.entering) continue;
    if ((n.type === "item" || n.type === "block_quote") && !n.firstChild) return true;
    if (isIndentedCode(n)) {
      if (n.prev && n.prev.sourcepos[1][0] + 1 >= n.sourcepos[0][0]) return true;
      if (n.next && n.sourcepos[1][0] + 1 >= n.next.sourcepos[0][0]) return true;
      if (n.next?.type === "list" && n.next.listType === "ordered" && n.next.listStart !== 1) return true;
    }
  }
  return false;
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf("\n"); i >= 0; i = source.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function isIndentedCode(n: Node): boolean {
  return n.type === "code_block" && !(n as unknown as { _isFenced: boolean })._isFenced;
}

/** A block and what is below it; nested blocks carry the line span of their code (all parse-file.ts reads of them). */
function block(n: Node, source: string, lines: number[]): Nodes {
  const kids = () => {
    const out: Nodes[] = [];
    for (let c = n.firstChild; c; c = c.next) {
      const k = block(c, source, lines);
      if (k.type === "code") {
        // Only the line span and what precedes the block on its first line matter here (parse-file.ts
        // cuts nested code out of the prose, line breaks kept, then trims each line's end).
        const [[sl, sc], [el]] = c.sourcepos;
        const end = el < lines.length ? lines[el]! - 1 : source.length;
        let start = lines[sl - 1]! + sc - 1;
        if (isIndentedCode(c))
          for (let i = 0; i < 4 && start > lines[sl - 1]! && /[ \t]/.test(source[start - 1]!); i++) start--;
        k.position = {
          start: { line: sl, column: start - lines[sl - 1]! + 1, offset: start },
          end: { line: el, column: end - lines[el - 1]! + 1, offset: end },
        };
      }
      out.push(k);
    }
    return out;
  };
  switch (n.type) {
    case "heading":
      return { type: "heading", depth: n.level as 1, children: inline(n) };
    case "paragraph":
      return { type: "paragraph", children: inline(n) };
    case "code_block": {
      const literal = n.literal ?? "";
      const value = literal.endsWith("\n") ? literal.slice(0, -1) : literal;
      // remark: the info string's first word, escapes and references decoded (commonmark.js decodes the whole string first).
      const lang = (n.info ?? "").split(/[ \t]/)[0] ?? "";
      return { type: "code", lang: lang || null, value };
    }
    case "html_block":
      return { type: "html", value: n.literal ?? "" };
    case "thematic_break":
      return { type: "thematicBreak" };
    case "block_quote":
      return { type: "blockquote", children: kids() as never };
    case "list":
      return { type: "list", ordered: n.listType === "ordered", children: kids() as never };
    case "item":
      return { type: "listItem", children: kids() as never };
    default:
      throw new Error(`commonmark.js block ${n.type} has no mdast counterpart here`);
  }
}

/** Inline content as remark gives it: adjacent text (and soft line breaks) in one text node. */
function inline(n: Node): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const text = (value: string) => {
    const last = out[out.length - 1];
    if (last?.type === "text") last.value += value;
    else out.push({ type: "text", value });
  };
  for (let c = n.firstChild; c; c = c.next) {
    switch (c.type) {
      case "text":
        text(c.literal ?? "");
        break;
      case "softbreak":
        text("\n");
        break;
      case "linebreak":
        out.push({ type: "break" });
        break;
      case "code":
        out.push({ type: "inlineCode", value: c.literal ?? "" });
        break;
      case "html_inline":
        out.push({ type: "html", value: c.literal ?? "" });
        break;
      case "emph":
        out.push({ type: "emphasis", children: inline(c) });
        break;
      case "strong":
        out.push({ type: "strong", children: inline(c) });
        break;
      case "link":
        out.push({ type: "link", url: c.destination ?? "", children: inline(c) });
        break;
      case "image":
        out.push({ type: "image", url: c.destination ?? "", alt: altText(c) });
        break;
      default:
        throw new Error(`commonmark.js inline ${c.type} has no mdast counterpart here`);
    }
  }
  return out;
}

function altText(n: Node): string {
  let s = "";
  for (let c = n.firstChild; c; c = c.next) {
    if (c.type === "text" || c.type === "code") s += c.literal ?? "";
    else if (c.type === "softbreak") s += "\n";
    else s += altText(c);
  }
  return s;
}
