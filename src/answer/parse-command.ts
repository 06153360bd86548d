import { COMMAND_PREFIX, findCommand } from "./commands.js";
import type { Command, CommandError, InputProblem } from "./types.js";

export const MAX_INPUT_LENGTH = 500;
/** Longer raw text is refused before it is cleaned (invisible marks and spaces can shrink it to the limit). */
export const MAX_RAW_LENGTH = MAX_INPUT_LENGTH * 4;

/**
 * What adapters do with any text from a platform, before they log it, clean it or parse it: text
 * over `MAX_RAW_LENGTH` is cut to one character more, which the grammar still refuses as too
 * long. A 3.5 MB slash command then costs what a 2 KB one does, everywhere after this point.
 */
export function boundInput(text: string): string {
  return text.length > MAX_RAW_LENGTH ? text.slice(0, MAX_RAW_LENGTH + 1) : text;
}

/** Controls other than tab/newline, and the invisible marks that make text look different from what it matches. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * One grammar for every platform: `[/docker] <command> <args>`; text with no known command is a
 * search, and `A vs B` / `A 和 B 的区别` / `difference between A and B` is a compare.
 */
export function parseCommand(input: string): Command | CommandError {
  const raw = String(input ?? "");
  // Text may arrive cut by `boundInput`: past MAX_RAW_LENGTH its length is only a lower bound.
  if (raw.length > MAX_RAW_LENGTH)
    return invalid(raw.slice(0, 80), { kind: "too-long", length: MAX_RAW_LENGTH, max: MAX_INPUT_LENGTH, over: true });
  if (CONTROL.test(raw)) return invalid(raw, { kind: "control-characters" });
  const text = raw.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
  if (text.length > MAX_INPUT_LENGTH)
    return invalid(text.slice(0, 80), { kind: "too-long", length: text.length, max: MAX_INPUT_LENGTH });
  const body = stripPrefix(text);
  if (!body) return invalid(text, { kind: "empty" });
  if (!/[\p{L}\p{N}]/u.test(body)) return invalid(text, { kind: "no-word" });

  const [first = "", ...restWords] = body.split(" ");
  const def = findCommand(first);
  const rest = restWords.join(" ").trim();
  if (!def) return compareIn(body, text) ?? { name: "search", query: body, text };

  switch (def.name) {
    case "help":
      return { name: "help", text };
    case "topics":
      return rest ? { name: "topics", heading: rest, text } : { name: "topics", text };
    case "compare": {
      if (!rest) return invalid(text, { kind: "compare-needs-two" });
      const pair = splitPair(rest);
      // Several words with no "vs" between them (`compare docker container virtual machine`):
      // where one side ends is a guess, so look for a section about all of them instead.
      if (!pair)
        return rest.split(" ").length > 2
          ? { name: "search", query: rest, text }
          : invalid(text, { kind: "compare-needs-two" });
      return { name: "compare", a: pair[0], b: pair[1], text };
    }
    case "explain":
    case "examples":
    case "search": {
      if (!rest)
        return invalid(text, { kind: "needs-argument", command: def.name, example: def.examples[0] ?? def.name });
      if (def.name === "search") return compareIn(rest, text) ?? { name: "search", query: rest, text };
      return { name: def.name, topic: rest, text };
    }
  }
}

/**
 * A command built by an adapter from structured options (Discord's subcommands) skips the text
 * grammar, not its length limit: refused here the same way before any search runs.
 */
export function checkCommand(c: Command): Command | CommandError {
  if (c.text.length <= MAX_INPUT_LENGTH) return c;
  const over = c.text.length > MAX_RAW_LENGTH;
  return invalid(c.text.slice(0, 80), {
    kind: "too-long",
    length: over ? MAX_RAW_LENGTH : c.text.length,
    max: MAX_INPUT_LENGTH,
    ...(over ? { over: true as const } : {}),
  });
}

export function isCommandError(c: Command | CommandError): c is CommandError {
  return c.name === "invalid";
}

/** The text of a command, as a user would type it after `/docker` (used to page and share answers). */
export function commandText(c: Command): string {
  switch (c.name) {
    case "explain":
    case "examples":
      return `${c.name} ${c.topic}`;
    case "compare":
      return `compare ${c.a} vs ${c.b}`;
    case "search":
      return `search ${c.query}`;
    case "topics":
      return c.heading ? `topics ${c.heading}` : "topics";
    case "help":
      return "help";
  }
}

function stripPrefix(text: string): string {
  return text.replace(new RegExp(`^/?${COMMAND_PREFIX}\\b\\s*`, "i"), "").trim();
}

/** `a vs b`, `a versus b`, `a and b`, `a 和 b`, `a b` (two words) → the two sides. */
function splitPair(rest: string): [string, string] | undefined {
  const cleaned = rest.replace(/(的)?(区别|差别|不同|对比|比较)(是什么)?[?？]?$/u, "").trim();
  for (const sep of [
    /\s+(?:vs\.?|versus|v\.s\.|and|or|to|with)\s+/i,
    /\s*(?:和|与|跟|对比|还是|vs)\s*/u,
    /\s*[,，、/|]\s*/u,
  ]) {
    const parts = cleaned
      .split(sep)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length === 2) return [parts[0]!, parts[1]!];
  }
  const words = cleaned.split(/\s+/).filter(Boolean);
  if (words.length === 2) return [words[0]!, words[1]!];
  return undefined;
}

/** Free text that asks for a comparison: `cmd vs entrypoint`, `镜像和容器的区别`, `difference between X and Y`. */
function compareIn(body: string, text: string): Command | undefined {
  const between = /^(?:what(?:'s| is) the )?differences? between (.+?) and (.+?)\??$/i.exec(body);
  if (between) return { name: "compare", a: between[1]!.trim(), b: between[2]!.trim(), text };
  const vs = /^(.+?)\s+(?:vs\.?|versus)\s+(.+?)\??$/i.exec(body);
  if (vs) return { name: "compare", a: vs[1]!.trim(), b: vs[2]!.trim(), text };
  const zh =
    /^(.+?)\s*(?:和|与|跟)\s*(.+?)\s*(?:的|之间的|有什么|有啥)?\s*(?:区别|差别|不同|对比)(?:是什么)?[?？]?$/u.exec(
      body,
    );
  if (zh) return { name: "compare", a: zh[1]!.trim(), b: zh[2]!.trim(), text };
  return undefined;
}

function invalid(text: string, problem: InputProblem): CommandError {
  return { name: "invalid", text, problem };
}
