import { toSimplified } from "../search/to-simplified.js";
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

/**
 * `/docker …` is the slash command; a bare `docker` starts the bot's grammar only before one of
 * its commands (`docker explain -p`). Otherwise it is part of the question: `docker ps 只列出名字`
 * asks about the `docker ps` command, not about `ps`.
 */
function stripPrefix(text: string): string {
  const slash = new RegExp(`^/${COMMAND_PREFIX}\\b\\s*`, "i");
  if (slash.test(text)) return text.replace(slash, "").trim();
  const bare = new RegExp(`^${COMMAND_PREFIX}\\s+(\\S+)`, "i").exec(text);
  if (bare && findCommand(bare[1]!)) return text.slice(COMMAND_PREFIX.length).trim();
  return text.trim();
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

/**
 * Free text that asks for a comparison, the ways people phrase one: `cmd vs entrypoint`,
 * `difference between X and Y`, `X or Y, which is better`, `should I use X instead of Y`,
 * `is X lighter than Y`, `镜像和容器的区别`, `entrypoint 跟 cmd 差在哪`, `bridge 还是 host 好`,
 * `容器比虚拟机轻吗`. Each side is cleaned of the words that frame the question (`when to use`).
 */
function compareIn(body: string, text: string): Command | undefined {
  // Traditional Chinese asks the same way (有什麼不同): read it as Simplified.
  const q = toSimplified(body)
    .replace(/[?？!！。.]+$/u, "")
    .trim();
  for (const pattern of COMPARISONS) {
    const m = pattern.exec(q);
    if (!m) continue;
    const a = side(m[1]!);
    const b = side(m[2]!);
    // `-p` and `-P` are two flags; `Image` and `image` one thing.
    const same = a && b && (a.startsWith("-") ? a === b : a.toLowerCase() === b.toLowerCase());
    if (a && b && !same) return { name: "compare", a, b, text };
  }
  return undefined;
}

/** A side of a comparison is a thing: at most this many words (longer means the pattern caught a sentence). */
const MAX_SIDE_WORDS = 4;
/** Chinese ways of asking how two things differ or which to pick, after `X 和/跟/与 Y`. */
const ZH_DIFF =
  "(?:的|之间的?)?\\s*(?:有(?:什么|啥|何|哪些)|有没有)?\\s*(?:区别|差别|差异|不同|不一样|分别|对比|比较|异同)|差在哪[里儿]?|差别在哪[里儿]?|区别在哪[里儿]?|哪个(?:更|比较|最)?\\p{Script=Han}{1,3}|选哪个|用哪个|一样吗|是一回事吗|一回事吗|是同一个东西吗|是不是一样的?|谁(?:更)?好";
const EN_SIDE = "([^,;]+?)";
const COMPARISONS: RegExp[] = [
  // difference between X and Y / the differences of X and Y
  /^(?:what(?:'s| is| are)? (?:the )?|whats the |the )?(?:differences?|diffs?) (?:between|of) (.+?) (?:and|&) (.+?)$/i,
  // X vs Y, X versus Y
  /^(.+?)\s+(?:vs\.?|versus|v\.s\.)\s+(.+?)$/i,
  // should I use X instead of Y / when to use X rather than Y / X over Y?
  new RegExp(
    `^(?:(?:when|why) (?:should i |would i |do i |to |would you )?|should i |do i |would you |is it better to |better to )?(?:use |choose |pick |go with |prefer )?${EN_SIDE} (?:instead of|rather than) (.+?)$`,
    "i",
  ),
  // is X the same as Y / X same thing as Y
  /^(?:is |are )?(.+?) (?:the )?same(?: thing)? as (.+?)$/i,
  // how is X different from Y / how does X differ from Y / X compared to Y
  /^(?:how (?:is|are|does|do) )?(.+?) (?:different from|differ from|compared? (?:to|with)|in comparison (?:to|with)) (.+?)$/i,
  // is X better/lighter/faster than Y, X more secure than Y
  new RegExp(`^(?:(?:is|are|does|do|will) )?${EN_SIDE} (?:\\w+er|more \\w+|less \\w+) than (.+?)$`, "i"),
  // X or Y[, which is better / what's the difference] / should I use X or Y / which is better X or Y:
  // only between things (short sides, no question word), never `how do I stop or remove a container`
  new RegExp(
    `^(?:(?:should|do|can|would) (?:i|we|you) (?:use |choose |pick )|which (?:one )?(?:is |should i use )?(?:better|to use|to pick|to choose)?[,:]? ?)?(?!(?:how|what|where|when|why|who|can|could|do|does|did|is|are|should|would|will)\\b)(\\S+(?: \\S+){0,2}) or (\\S+(?: \\S+){0,2}?)(?:\\s*[,;:]\\s*(?:which|what|whats|what's|how)\\b.*)?$`,
    "i",
  ),
  // 镜像和容器的区别 / entrypoint 跟 cmd 差在哪 / bridge 与 host 哪个好
  new RegExp(
    `^(.+?)\\s*(?:和|与|跟|同|或|或者|对比|vs)\\s*(.+?)\\s*(?:比起来|相比|相比之下|比较起来)?\\s*(?:${ZH_DIFF})(?:是什么|是啥|呢|吗)?$`,
    "u",
  ),
  // bridge 还是 host (好)? / 用 cmd 还是 entrypoint
  /^(?:用|选|该用|应该用)?\s*(.+?)\s*还是\s*(?:用|选)?\s*(.+?)\s*(?:好|更好|合适|比较好)?(?:呢|吗)?$/u,
  // 容器比虚拟机轻吗 / X 比 Y 好在哪
  /^(.+?)\s*比\s*(.+?)\s*(?:更)?(?:好|轻|快|慢|重|强|安全|省|小|大|高效)\S{0,4}$/u,
];

/** A side as a thing: leading framing (`use`, `the`, 用) and trailing particles removed. */
function side(raw: string): string | undefined {
  const s = raw
    .trim()
    .replace(/^(?:(?:to |i )?(?:use|using|choose|pick)\s+|the\s+|a\s+|an\s+)+/i, "")
    .replace(/^(?:用|选|使用)\s*/u, "")
    .replace(/\s*(?:的|呢|吗)$/u, "")
    .trim();
  if (!s || !/[\p{L}\p{N}]/u.test(s)) return undefined;
  if (s.split(/\s+/).length > MAX_SIDE_WORDS) return undefined;
  return s;
}

function invalid(text: string, problem: InputProblem): CommandError {
  return { name: "invalid", text, problem };
}
