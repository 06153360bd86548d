import type { FlagTable } from "./flag-table.js";

export interface FlagRepair {
  /** 0-based offset into the text. */
  offset: number;
  from: string;
  to: string;
}

/**
 * Repairs docker flags mangled by a markdown export, in prose (never in code blocks):
 * `-restart` → `--restart` (a single dash before a known long name), and a code span holding only
 * a known short flag's letter (`` `e` ``, `` **`e`**: ``) → `-e`. Other text is left alone: a
 * bare `e` outside a code span is just a letter.
 */
export function repairFlags(text: string, table: FlagTable): { text: string; repairs: FlagRepair[] } {
  const repairs: FlagRepair[] = [];
  let out = "";
  let last = 0;
  // Either a code span `...` or a single-dash word at a word boundary.
  const pattern = /`([^`\n]+)`|(^|[\s(（"'“，,：:])-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?![\w-])/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    let replacement: string | undefined;
    let start = m.index;
    let original = m[0];
    if (m[1] !== undefined) {
      const inner = m[1].trim();
      const fixed = repairToken(inner, table, true);
      if (fixed !== inner) replacement = "`" + m[1].replace(inner, fixed) + "`";
    } else {
      const word = "-" + m[3]!;
      const fixed = repairToken(word, table, false);
      if (fixed !== word) {
        start = m.index + m[2]!.length;
        original = word;
        replacement = fixed;
      }
    }
    if (replacement === undefined) continue;
    out += text.slice(last, start) + replacement;
    last = start + original.length;
    repairs.push({ offset: start, from: original, to: replacement });
  }
  return { text: out + text.slice(last), repairs };
}

/** `-name` → `--name` when `--name` is known; in a code span, `e` → `-e` when `-e` is known. */
export function repairToken(token: string, table: FlagTable, inCodeSpan: boolean): string {
  // `-name value` inside a span: repair the flag, keep the rest.
  const m = /^(-{1,2})([a-z][a-z0-9-]*)(.*)$/s.exec(token);
  if (m) {
    if (m[1] === "-" && m[2]!.length > 1 && table.byLong.has("--" + m[2]) && !table.byShort.has("-" + m[2])) {
      return "--" + m[2] + m[3];
    }
    return token;
  }
  if (inCodeSpan && /^[a-zA-Z]$/.test(token) && table.byShort.has("-" + token)) return "-" + token;
  // `p 8080:8080`: the export dropped the dash of a short flag followed by its value.
  const withValue = /^([a-zA-Z]) (\S.*)$/s.exec(token);
  if (inCodeSpan && withValue && table.byShort.has("-" + withValue[1]) && /^[\w./:$"'-]/.test(withValue[2]!))
    return `-${withValue[1]} ${withValue[2]}`;
  return token;
}
