export interface SourceRef {
  file: string;
  line: number;
}

/**
 * The link to a section's source line, from a template such as
 * `https://github.com/org/notes/blob/main/{file}#L{line}` (`KNOWLEDGE_SOURCE_URL`). Each path
 * segment is percent-encoded: file names may be Chinese or hold spaces, `#` or `?` (`c#.md`),
 * which would otherwise end the path. Undefined without a template, or when the result is not an
 * http(s) URL (a chat client would not open it).
 */
export function sourceHref(template: string | undefined, source: SourceRef): string | undefined {
  if (!template) return undefined;
  const file = source.file.split("/").map(encodeURIComponent).join("/");
  const url = template.replace(/\{file\}/g, () => file).replace(/\{line\}/g, String(source.line));
  return /^https?:\/\//i.test(url) ? url : undefined;
}
