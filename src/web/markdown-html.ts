import type { Element, ElementContent, Root as HastRoot, Parents } from "hast";
import { defaultSchema, type Schema, sanitize } from "hast-util-sanitize";
import { toHtml } from "hast-util-to-html";
import type { Root as MdastRoot } from "mdast";
import { toHast } from "mdast-util-to-hast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

/** The words of the chrome this module adds around code blocks (from the message catalogue). */
export interface CodeLabels {
  copy: string;
  copied: string;
  copyFailed: string;
  /** "Language: {lang}", for screen readers. */
  language: (lang: string) => string;
}

/**
 * GitHub's schema (what hast-util-sanitize ships): no script, style, iframe, object, form or
 * event handler; `href` only http(s), mailto, xmpp, irc; `src` only http(s); ids and names
 * prefixed so a note cannot clobber the page's own. Raw HTML in notes never even reaches it:
 * mdast-util-to-hast drops `html` nodes unless told otherwise (and is not).
 */
const SCHEMA: Schema = { ...defaultSchema, clobberPrefix: "note-" };

/** GFM on top of CommonMark: the pages show tables, which the index's CommonMark parser keeps as text. */
const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * A note's markdown → HTML that is safe to put in a page: parsed (CommonMark + GFM), turned into
 * an HTML syntax tree without any raw HTML, sanitised, and only then given our own markup around
 * code blocks (the language and a copy button), which therefore never passes through untrusted
 * hands.
 */
export function markdownToHtml(markdown: string, labels: CodeLabels): string {
  // remark-gfm only adds syntax (parse-time extensions): no transform to run.
  const mdast: MdastRoot = parser.parse(markdown);
  const hast = toHast(mdast) as HastRoot;
  const clean = sanitize(hast, SCHEMA) as HastRoot;
  decorateCode(clean, labels);
  return toHtml(clean);
}

/** Every `<pre><code class="language-x">` becomes a figure: a caption with the language and a copy button, then the block. */
function decorateCode(tree: Parents, labels: CodeLabels): void {
  tree.children = tree.children.map((child) => {
    if (child.type !== "element") return child;
    if (child.tagName === "pre") return codeFigure(child, labels);
    // A wide table scrolls on its own (a phone): keyboard users reach it by Tab (axe's scrollable-region-focusable).
    if (child.tagName === "table") return element("div", { className: ["table-scroll"], tabIndex: 0 }, [child]);
    decorateCode(child, labels);
    return child;
  });
}

function codeFigure(pre: Element, labels: CodeLabels): Element {
  const code = pre.children.find((c): c is Element => c.type === "element" && c.tagName === "code");
  const classes = code?.properties.className;
  const lang =
    (Array.isArray(classes) ? classes : [])
      .map(String)
      .find((c) => c.startsWith("language-"))
      ?.slice("language-".length) ?? "text";
  return element("figure", { className: ["code"] }, [
    element("figcaption", {}, [
      element("span", { className: ["lang"], ariaLabel: labels.language(lang) }, [{ type: "text", value: lang }]),
      // Hidden until copy.js runs: without JavaScript there is nothing it could do.
      element(
        "button",
        {
          type: "button",
          className: ["copy"],
          hidden: true,
          dataCopied: labels.copied,
          dataFailed: labels.copyFailed,
        },
        [{ type: "text", value: labels.copy }],
      ),
    ]),
    { ...pre, properties: { ...pre.properties, tabIndex: 0 } },
  ]);
}

function element(tagName: string, properties: Element["properties"], children: ElementContent[]): Element {
  return { type: "element", tagName, properties, children };
}
