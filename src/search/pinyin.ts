import { createRequire } from "node:module";

/**
 * How a run of Chinese sounds: its syllables without tones (日志 → `ri zhi`), for reading IME
 * typos. Chinese is typed by sound, so a wrong character is almost always a homophone picked from
 * the IME's list (日制 for 日志, 映相档 for 映像档); comparing sounds finds the word meant where
 * comparing characters cannot. `pinyin-pro` (MIT, no dependencies, ~1 MB installed) reads words
 * with their context (重启 → `chong qi`). Measured (docs/SEGMENTATION.md): ~160 ms and ~35 MB of RSS
 * to load, ~30 µs a word, so it is loaded only the first time a question holds a Chinese word the
 * notes don't know: a question the notes' words already read never pays for it.
 */
interface PinyinPro {
  pinyin(text: string, options: { toneType: "none"; type: "array" }): string[];
}

const require = createRequire(import.meta.url);
let pinyinPro: PinyinPro | undefined;
/** pinyin-pro's CommonJS build: loaded once, synchronously (query planning is synchronous). */
const load = (): PinyinPro => (pinyinPro ??= require("pinyin-pro") as PinyinPro);

/** The toneless syllables of a Chinese run, space-separated (`ri zhi`). */
export function soundOf(han: string): string {
  return load().pinyin(han, { toneType: "none", type: "array" }).join(" ");
}
