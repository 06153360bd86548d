import type { Nodes } from "mdast";

/**
 * Plain text of a heading: emphasis, backticks and links reduced to their text, inline HTML
 * (`<a name="x"></a>`) dropped, whitespace collapsed.
 */
export function plainText(node: Nodes, fix: TextFix = {}): string {
  return collect(node, fix).replace(/\s+/g, " ").trim();
}

/** Optional rewrites of text and code-span values (flag repair in headings). */
export interface TextFix {
  text?: (value: string) => string;
  code?: (value: string) => string;
}

function collect(node: Nodes, fix: TextFix): string {
  switch (node.type) {
    case "text":
      return fix.text ? fix.text(node.value) : node.value;
    case "inlineCode":
      return fix.code ? fix.code(node.value) : node.value;
    case "html":
      return "";
    case "break":
      return " ";
    case "image":
      return node.alt ?? "";
    default:
      return "children" in node ? (node.children as Nodes[]).map((c) => collect(c, fix)).join("") : "";
  }
}
