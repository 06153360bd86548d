import { escapeRegExp } from "./regexp.js";

/**
 * Quantities in a question (`last 100 lines`, 最近一百行, 重试 5 次): values the asker chose,
 * not what the question is about. The notes' examples use other values, and a number would match
 * numbered headings (`10. 只运行一次性命令`). The numerals and measure words are data
 * (`quantities:` in knowledge/stopwords.yml).
 */
export interface QuantityWords {
  /** Chinese numerals, one character each (一二三…百千万). */
  numerals: string;
  /** Measure words that follow a number (行, 次, 分钟). */
  measures: string[];
}

export interface Quantities {
  /**
   * A Chinese run without its quantities, each replaced by `gap`: numerals with a measure word
   * (一百行), two or more numerals together (三十), and a measure word right after a number
   * written in digits (`10 分钟`: `afterDigits`). A match `keep` holds (a word such as 一次性,
   * 一层一层 that means something whole) stays.
   */
  strip(run: string, gap: string, afterDigits: boolean, keep?: (from: number, to: number) => boolean): string;
}

const NONE: Quantities = { strip: (run) => run };

export function compileQuantities(words: QuantityWords | undefined): Quantities {
  if (!words) return NONE;
  const numerals = [...words.numerals].map(escapeRegExp).join("");
  const measures = [...words.measures]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|");
  const quantity = numerals ? new RegExp(`[${numerals}]+(?:${measures || "(?!)"})|[${numerals}]{2,}`, "gu") : undefined;
  const leading = measures ? new RegExp(`^(?:${measures})`, "u") : undefined;
  return {
    strip(run, gap, afterDigits, keep = () => false) {
      const cut = (m: string, at: number) => (keep(at, at + m.length) ? m : gap.repeat(m.length));
      let out = run;
      if (afterDigits && leading) out = out.replace(leading, cut);
      return quantity ? out.replace(quantity, cut) : out;
    },
  };
}
