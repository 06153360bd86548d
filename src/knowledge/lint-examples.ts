import type { FlagTable } from "./flag-table.js";
import type { KnowledgeIssue, Section } from "./types.js";

/**
 * Flags in `docker run` example lines that the flag table does not know (a typo in the notes, or
 * a flag the table should list). Other commands' flags are not checked: their short forms differ.
 */
export function lintExampleFlags(sections: Section[], flags: FlagTable): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  for (const s of sections) {
    for (const ex of s.examples) {
      for (const line of ex.code.split("\n")) {
        const run = /\bdocker\s+(?:container\s+)?run\b(.*)$/.exec(line);
        if (!run) continue;
        for (const flag of optionsBeforeImage(run[1]!)) {
          if (!isKnownFlag(flag, flags)) {
            issues.push({
              severity: "warning",
              file: s.file,
              line: s.line,
              code: "unknown-flag",
              message: `example in "${s.title}" uses ${flag}, which docker-flags.yml does not list`,
            });
          }
        }
      }
    }
  }
  return issues;
}

/** Options of `docker run` stop at the image name: later dashes belong to the container's command. */
function optionsBeforeImage(args: string): string[] {
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.startsWith("-")) {
      // a flag's value (`--name web`) is skipped; the first other bare word is the image
      const prev = tokens[i - 1];
      if (prev && /^-/.test(prev) && !prev.includes("=") && takesValue(prev)) continue;
      break;
    }
    out.push(t.split("=")[0]!);
  }
  return out;
}

function takesValue(flag: string): boolean {
  // Boolean short flags (`-d`, `-it`, `--rm`) take no value; everything else here does.
  return !/^-[dit]+$|^--(rm|detach|interactive|tty|privileged|init|read-only|help|publish-all)$|^-P$/.test(flag);
}

function isKnownFlag(flag: string, flags: FlagTable): boolean {
  if (flags.isKnown(flag)) return true;
  // Combined short flags: `-it` = `-i -t`.
  return /^-[a-zA-Z]{2,}$/.test(flag) && [...flag.slice(1)].every((c) => flags.byShort.has("-" + c));
}
