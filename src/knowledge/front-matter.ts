import { parse as parseYaml } from "yaml";

export interface FrontMatter {
  /** Parsed YAML mapping, or undefined when there is none or it is not a mapping. */
  data?: Record<string, unknown>;
  /** The source with the front matter replaced by blank lines, so line numbers stay true. */
  body: string;
  /** Why the front matter could not be read (bad YAML, not a mapping). */
  error?: string;
}

const OPEN = /^---[ \t]*\r?\n/;

/** Reads a leading `---` YAML block. The block is never indexed as text, whatever its content. */
export function splitFrontMatter(source: string): FrontMatter {
  if (!OPEN.test(source)) return { body: source };
  const lines = source.split("\n");
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)[ \t]*\r?$/.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  if (end < 0) return { body: source };
  const yaml = lines.slice(1, end).join("\n");
  const body = "\n".repeat(end + 1) + lines.slice(end + 1).join("\n");
  try {
    const data: unknown = parseYaml(yaml, { maxAliasCount: 10 });
    if (data === null || data === undefined) return { body };
    if (typeof data !== "object" || Array.isArray(data)) return { body, error: "front matter is not a YAML mapping" };
    return { data: data as Record<string, unknown>, body };
  } catch (error) {
    return { body, error: `front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}` };
  }
}
