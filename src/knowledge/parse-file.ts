import type { Code, Heading, Nodes, Root, RootContent } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { parseCommonMark } from "./commonmark-mdast.js";
import type { FlagTable } from "./flag-table.js";
import { splitFrontMatter } from "./front-matter.js";
import { dedent, guessLang } from "./guess-lang.js";
import { createOwnStrings } from "./own-strings.js";
import { clampNesting, neutraliseHeavyInline, parseInChunks } from "./parse-budget.js";
import { plainText } from "./plain-text.js";
import { repairFences } from "./repair-fences.js";
import { repairFlags, repairToken } from "./repair-flags.js";
import { skipTocBlocks } from "./skip-toc.js";
import { createSlugger } from "./slug.js";
import type { Example, KnowledgeIssue, Section } from "./types.js";

export interface ParsedFile {
  sections: Section[];
  issues: KnowledgeIssue[];
  /** Front matter `title`, when there is one. */
  title?: string;
}

/**
 * CommonMark only: GFM's extensions (tables, autolinks, strikethrough, footnotes) change no
 * heading, code block or section boundary — measured identical sections on the Docker notes and
 * all 197 docker-cli-docs files — and cost a third of the ingest time (docs/PERFORMANCE.md).
 * remark is the reference: files are read with commonmark.js (commonmark-mdast.ts, ~20× faster)
 * except where the two would differ.
 */
const processor = unified().use(remarkParse);

/** remark's tree of `source`: the reference the faster parser is held to (commonmark-mdast.ts). */
export function parseWithRemark(source: string): Root {
  return processor.parse(source);
}

/** commonmark.js's tree in remark's shapes and positions, or remark's own where they would differ. */
export function parseMarkdown(source: string): Root {
  return parseCommonMark(source) ?? processor.parse(source);
}

/** Markdown source → sections, one per heading, with repairs reported as issues. */
export function parseFile(
  source: string,
  file: string,
  flags: FlagTable,
  parse: (source: string) => Root = parseMarkdown,
): ParsedFile {
  const issues: KnowledgeIssue[] = [];
  const issue = (severity: KnowledgeIssue["severity"], code: KnowledgeIssue["code"], line: number, message: string) =>
    issues.push({ severity, file, line, code, message });

  // NUL bytes and lone surrogates are never meaningful in notes; they would only poison the index.
  const clean = source
    .replace(/^\uFEFF/, "")
    .replace(/\0/g, "")
    .replace(/\r\n?/g, "\n");
  const fm = splitFrontMatter(clean);
  if (fm.error) issue("warning", "bad-front-matter", 1, `${fm.error}; it was skipped`);
  const title = typeof fm.data?.title === "string" ? fm.data.title.trim() : undefined;
  const toc = skipTocBlocks(fm.body);
  const fences = repairFences(toc.source);
  for (const r of fences.repairs) {
    issue(
      "warning",
      "fence-repaired",
      r.line,
      `bare fence at lines ${r.line}-${r.closeLine} wraps a fenced block; unwrapped it`,
    );
  }
  // Hostile or huge input must not freeze the (synchronous) parser: see parse-budget.ts.
  const nesting = clampNesting(fences.source);
  if (nesting.lines.length) {
    issue(
      "warning",
      "markup-escaped",
      nesting.lines[0]!,
      `${nesting.lines.length} line(s) nested deeper than anyone reads (over 64 characters of indentation, > or list markers); the nesting was cut`,
    );
  }
  const heavy = neutraliseHeavyInline(nesting.text);
  for (const line of heavy.lines) {
    issue(
      "warning",
      "markup-escaped",
      line,
      "paragraph with thousands of unmatched * _ [ ] (too slow to parse); they are shown literally",
    );
  }
  const text = heavy.text;
  const tree = parseInChunks(text, parse);
  const slug = createSlugger();
  const sections: Section[] = [];
  const stack: Section[] = [];
  const rootTitle = title ?? fileTitle(file);

  let current: Section | undefined;
  let pending: RootContent[] = [];
  const flush = () => {
    const target = current ?? (pending.some(isContent) ? makeRoot() : undefined);
    if (target) fillSection(target, pending, text, flags, issue);
    pending = [];
  };
  const makeRoot = (): Section => {
    const s = slug(rootTitle);
    const root: Section = {
      id: `${file}#${s}`,
      file,
      line: 1,
      level: 0,
      slug: s,
      title: rootTitle,
      headingPath: [rootTitle],
      text: "",
      examples: [],
    };
    sections.push(root);
    return root;
  };

  for (const node of tree.children) {
    if (node.type !== "heading") {
      pending.push(node);
      continue;
    }
    flush();
    const section = headingSection(node, text, file, flags, slug, issue);
    while (stack.length && stack[stack.length - 1]!.level >= section.level) stack.pop();
    const parent = stack[stack.length - 1];
    // A front-matter title with no top-level heading of the same text roots the file's paths.
    const prefix = parent
      ? parent.headingPath
      : title && !(section.level === 1 && same(section.title, title))
        ? [title]
        : [];
    section.headingPath = [...prefix, section.title];
    if (parent) section.parentId = parent.id;
    sections.push(section);
    stack.push(section);
    current = section;
  }
  flush();
  for (const s of sections) {
    const hasChild = sections.some((c) => c.parentId === s.id);
    if (!s.text && !s.examples.length && !hasChild)
      issue("warning", "empty-section", s.line, `section "${s.title}" has no text and no examples`);
  }
  // The sections outlive the file's source: they must not keep it alive (own-strings.ts).
  const own = createOwnStrings();
  for (const s of sections) detach(s, own);
  return { sections, issues, ...(title ? { title } : {}) };
}

function headingSection(
  node: Heading,
  text: string,
  file: string,
  flags: FlagTable,
  slug: (t: string) => string,
  issue: (s: KnowledgeIssue["severity"], c: KnowledgeIssue["code"], l: number, m: string) => void,
): Section {
  const line = node.position?.start.line ?? 1;
  const repairs: string[] = [];
  const note = (from: string, to: string) => {
    if (from !== to) repairs.push(`${from} → ${to}`);
    return to;
  };
  const title =
    plainText(node, {
      code: (v) => note(v, repairToken(v, flags, true)),
      text: (v) => note(v, repairFlags(v, flags).text),
    }) || "(untitled)";
  for (const r of repairs) issue("warning", "flag-repaired", line, `flag in heading read as ${r}`);
  const s = slug(plainText(node) || "section");
  return { id: `${file}#${s}`, file, line, level: node.depth, slug: s, title, headingPath: [], text: "", examples: [] };
}

function fillSection(
  section: Section,
  nodes: RootContent[],
  text: string,
  flags: FlagTable,
  issue: (s: KnowledgeIssue["severity"], c: KnowledgeIssue["code"], l: number, m: string) => void,
): void {
  const parts: string[] = [];
  const markdown: string[] = [];
  for (const node of nodes) {
    // Link definitions stay in the page's markdown (reference links need them); raw HTML never does.
    // Flags are repaired as in the text (`-restart` → `--restart`); a fence's own code is kept as the examples keep it.
    if (node.type !== "html" && !isTocList(node))
      markdown.push(node.type === "code" ? sliceOf(node, text) : repairFlags(sliceOf(node, text), flags).text);
    if (node.type === "html" || node.type === "definition" || isTocList(node)) continue;
    const codes = collectCode(node);
    for (const code of codes) {
      const example = toExample(code);
      if (example) section.examples.push(example);
    }
    if (node.type === "code") continue;
    const startLine = node.position?.start.line ?? section.line;
    let slice = sliceOf(node, text);
    const base = node.position?.start.offset ?? 0;
    // Cut nested code blocks out of the prose, keeping line breaks so repairs report true lines.
    for (const code of codes.slice().reverse()) {
      const s = (code.position?.start.offset ?? 0) - base;
      const e = (code.position?.end.offset ?? 0) - base;
      slice = slice.slice(0, s) + "\n".repeat(slice.slice(s, e).split("\n").length - 1) + slice.slice(e);
    }
    const repaired = repairFlags(slice, flags);
    for (const r of repaired.repairs) {
      const line = startLine + (slice.slice(0, r.offset).match(/\n/g)?.length ?? 0);
      issue("warning", "flag-repaired", line, `flag ${r.from} read as ${r.to}`);
    }
    parts.push(repaired.text);
  }
  section.text = tidy(parts.join("\n\n"));
  const whole = markdown.join("\n\n").trim();
  if (whole) section.markdown = whole;
}

function toExample(code: Code): Example | undefined {
  const body = dedent(code.value);
  if (!body.trim()) return undefined;
  const lang = (code.lang ?? "").toLowerCase().trim() || guessLang(body);
  return { lang, code: body };
}

function collectCode(node: Nodes): Code[] {
  if (node.type === "code") return [node];
  if (!("children" in node)) return [];
  return (node.children as Nodes[]).flatMap(collectCode);
}

/** A list whose every item is only an in-document link: a table of contents without markers. */
function isTocList(node: RootContent): boolean {
  if (node.type !== "list" || !node.children.length) return false;
  const onlyAnchors = (n: Nodes): boolean => {
    if (n.type === "link") return n.url.startsWith("#");
    if (n.type === "text") return !n.value.trim();
    if (n.type === "list" || n.type === "listItem" || n.type === "paragraph")
      return (n.children as Nodes[]).every(onlyAnchors);
    return false;
  };
  return node.children.every(onlyAnchors);
}

function isContent(node: RootContent): boolean {
  return node.type !== "html" && node.type !== "definition" && !isTocList(node) && !(node.type === "thematicBreak");
}

function sliceOf(node: Nodes, text: string): string {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? "" : text.slice(s, e);
}

/** Removes leading indentation left by the export (4-space indented prose is not code here) and extra blank lines. */
function tidy(markdown: string): string {
  return markdown
    .split("\n")
    .map(trimSpacesAtEnd)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** `line` without its trailing spaces and tabs. A loop: the regex `/[ \t]+$/` retries at every space of a long run (4 % of ingest). */
function trimSpacesAtEnd(line: string): string {
  let end = line.length;
  for (let c = line.charCodeAt(end - 1); c === 32 || c === 9; c = line.charCodeAt(end - 1)) end--;
  return end === line.length ? line : line.slice(0, end);
}

function fileTitle(file: string): string {
  return (file.split("/").pop() ?? file).replace(/\.md$/i, "").replace(/[_-]+/g, " ").trim() || file;
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Replaces a section's strings by copies of their own (own-strings.ts). */
function detach(s: Section, own: (text: string) => string): void {
  s.id = own(s.id);
  s.file = own(s.file);
  s.slug = own(s.slug);
  s.title = own(s.title);
  s.headingPath = s.headingPath.map(own);
  s.text = own(s.text);
  if (s.markdown !== undefined) s.markdown = own(s.markdown);
  if (s.parentId !== undefined) s.parentId = own(s.parentId);
  for (const e of s.examples) e.code = own(e.code);
}
