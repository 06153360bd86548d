/** A runnable code block from the notes. */
export interface Example {
  /** Language from the fence, or guessed from the content when the fence has none. */
  lang: string;
  code: string;
}

/** One heading of a markdown file, with everything up to the next heading of the same or higher level. */
export interface Section {
  /** Unique across the knowledge base: `${file}#${slug}`. */
  id: string;
  /** Path as shown to users, relative to the project root (e.g. `knowledge/docker-notes.md`). */
  file: string;
  /** 1-based line of the heading in the original file. */
  line: number;
  /** Heading depth 1-6; 0 for the front-matter title / file root. */
  level: number;
  /** GitHub-style anchor, de-duplicated within the file (`总结`, `总结-1`, ...). */
  slug: string;
  /** Plain heading text (no emphasis, backticks or inline HTML). */
  title: string;
  /** Plain text of every ancestor heading and this one, top first. */
  headingPath: string[];
  /** The section's own prose as markdown (flags repaired, code blocks removed). */
  text: string;
  /** The section's own code blocks, in order. */
  examples: Example[];
  /**
   * The section's own markdown as written (prose, code blocks, tables; no subsections), for the
   * web page that shows it whole. Untrusted: sanitised when rendered.
   */
  markdown?: string;
  /** Stable web link slug from the heading path (`knowledge/permalink.ts`), set once all files are read. */
  permalink?: string;
  /** `id` of the parent section, if any. */
  parentId?: string;
}

/** Something the ingester repaired or could not, reported by `npm run lint:knowledge`. */
export interface KnowledgeIssue {
  severity: "error" | "warning";
  file: string;
  line: number;
  code:
    | "fence-repaired"
    | "flag-repaired"
    | "empty-section"
    | "unknown-flag"
    | "unreadable-file"
    | "bad-front-matter"
    | "skipped-file"
    | "markup-escaped"
    | "refused-link";
  message: string;
}
