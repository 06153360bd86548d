import { createRequire } from "node:module";

/**
 * Traditional → Simplified Chinese, for matching only (answers show the notes as written).
 * Questions typed in Traditional (怎麼把容器的埠對應到主機) and notes written in it meet the
 * Simplified index on the same terms. OpenCC's Taiwan-phrase chain is used (`twp` → `cn`): besides
 * characters it maps the regional vocabulary people type (記憶體 → 内存, 埠 → 端口, 網路 → 网络,
 * 設定 → 设置, 執行 → 运行), which character tables (chinese-conv, simplecc's t2s) leave alone.
 * Measured (docs/SEGMENTATION.md): ~12 µs a question, but ~12 MB of RSS for its tries, so the
 * converter is built only when a text holds a character that exists only in Traditional; a team
 * whose notes and questions are Simplified never pays for it.
 */
/** The part of opencc-js's Traditional → Simplified build this module uses. */
interface OpenCC {
  /** `to.cn[0]` is OpenCC's [TSPhrases, TSCharacters]: `"from to|from to…"` or pairs. */
  Locale: { to: Record<string, readonly (readonly (string | readonly (readonly [string, string])[])[])[]> };
  Converter(options: { from: string; to: string }): (text: string) => string;
}

const require = createRequire(import.meta.url);
let opencc: OpenCC | undefined;
/** opencc-js's CommonJS build: loaded once, synchronously (analysis is synchronous). */
const openCC = (): OpenCC => (opencc ??= require("opencc-js/t2cn") as OpenCC);

let traditionalOnly: RegExp | undefined;
let convert: ((text: string) => string) | undefined;

const HAN_RUN = /\p{Script=Han}+/gu;

/** Characters whose Simplified form differs (OpenCC's TSCharacters keys), as one character class. */
function traditionalCharacters(): RegExp {
  if (!traditionalOnly) {
    const [, characters] = openCC().Locale.to.cn![0]!;
    const chars = new Set<string>();
    const entries =
      typeof characters === "string" ? characters.split("|").map((e) => e.split(" ")) : (characters ?? []);
    for (const [from, to] of entries) if (from && [...from].length === 1 && from !== to) chars.add(from);
    traditionalOnly = new RegExp(`[${[...chars].join("")}]`, "u");
  }
  return traditionalOnly;
}

/** The text with every run of Traditional Chinese converted to Simplified; other text unchanged. */
export function toSimplified(text: string): string {
  if (!HAN_TEST.test(text) || !traditionalCharacters().test(text)) return text;
  const run = (convert ??= openCC().Converter({ from: "twp", to: "cn" }));
  return text.replace(HAN_RUN, (han) => run(han));
}
const HAN_TEST = /\p{Script=Han}/u;
