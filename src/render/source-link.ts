export interface SourceRef {
  file: string;
  line: number;
}

/**
 * Where answers link to, from the settings (`KNOWLEDGE_SOURCE_URL`, `KNOWLEDGE_DIR`). One value
 * handed to every renderer, so a new kind of link (a web page per section) is added here once.
 */
export interface SourceLinks {
  /**
   * `PUBLIC_URL`: where the bot's own web pages are reached (`https://notes.example.com`, or
   * with a path prefix behind a proxy). A section with a permalink links to `<publicUrl>/s/<permalink>`
   * first: the whole section, rendered, whether or not the notes live on a forge.
   */
  publicUrl?: string | undefined;
  /** e.g. `https://github.com/org/notes/blob/main/{file}#L{line}`. */
  template?: string | undefined;
  /**
   * The notes folder as it starts every `source.file` (`knowledge`): `{file}` is the path inside
   * it, because a notes repository's own layout has no `knowledge/` in front.
   */
  knowledgeDir?: string | undefined;
}

/** What a link is made for: a section or an outline entry. */
export interface Linkable {
  id?: string;
  source: SourceRef;
  /** The section's web page slug (`knowledge/permalink.ts`). */
  permalink?: string | undefined;
}

/**
 * Where a section links to, in this order: its web page (`PUBLIC_URL/s/<permalink>`) when
 * PUBLIC_URL is set, else its source line through `KNOWLEDGE_SOURCE_URL`, else undefined (the
 * renderers then show `file:line`). Undefined too when the result is not an http(s) URL: a chat
 * client would not open it. The path inside the notes folder is
 * percent-encoded segment by segment, parentheses and quotes included, so the same URL is safe
 * in a Discord `[label](url)`, a Slack `<url|label>` and an HTML attribute: file names may be
 * Chinese or hold spaces, `#`, `?` or `)`.
 */
export function sectionHref(links: SourceLinks | undefined, target: Linkable): string | undefined {
  const page = pageHref(links?.publicUrl, target.permalink);
  if (page) return page;
  const template = links?.template;
  if (!template) return undefined;
  const file = encodePath(pathInNotes(target.source.file, links.knowledgeDir));
  const url = template.replace(/\{file\}/g, () => file).replace(/\{line\}/g, String(target.source.line));
  return /^https?:\/\//i.test(url) ? url : undefined;
}

/** `<publicUrl>/s/<permalink>`, each segment percent-encoded; undefined unless both are there and the base is http(s). */
export function pageHref(publicUrl: string | undefined, permalink: string | undefined): string | undefined {
  if (!publicUrl || !permalink || !/^https?:\/\//i.test(publicUrl)) return undefined;
  return `${publicUrl.replace(/\/+$/, "")}/s/${encodePath(permalink)}`;
}

/** `knowledge/docker/run.md` → `docker/run.md` when the notes folder is `knowledge`. */
export function pathInNotes(file: string, knowledgeDir: string | undefined): string {
  const dir = (knowledgeDir ?? "")
    .replace(/\\/g, "/")
    .replace(/^\.\/+/, "")
    .replace(/\/+$/, "");
  if (!dir || dir === ".") return file;
  return file.startsWith(`${dir}/`) ? file.slice(dir.length + 1) : file;
}

function encodePath(path: string): string {
  return path
    .split("/")
    .map((segment) =>
      encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join("/");
}
