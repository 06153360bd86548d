import { IntlMessageFormat } from "intl-messageformat";

/** The parts of an ICU message's syntax tree we read (intl-messageformat's `getAst()`). */
interface Element {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}

// @formatjs/icu-messageformat-parser's TYPE enum: argument, number, date, time, select, plural, tag.
const ARGUMENT = 1;
const NUMBER = 2;
const SELECT = 5;
const PLURAL = 6;
const TAG = 8;

/**
 * The placeholders of one message and whether each must be a number (plural, number): what the
 * catalogue test compares across locales and what `npm run catalogue:types` types. Throws with
 * the parser's message on a syntax error.
 */
export function placeholdersOf(message: string, locale = "en"): Map<string, "number" | "text"> {
  const found = new Map<string, "number" | "text">();
  const walk = (elements: Element[]): void => {
    for (const e of elements) {
      if (typeof e.value === "string" && (e.type === ARGUMENT || e.type === SELECT))
        if (!found.has(e.value)) found.set(e.value, "text");
      if (typeof e.value === "string" && (e.type === NUMBER || e.type === PLURAL)) found.set(e.value, "number");
      for (const option of Object.values(e.options ?? {})) walk(option.value);
      if (e.type === TAG && e.children) walk(e.children);
    }
  };
  const ast: unknown = new IntlMessageFormat(message, locale).getAst();
  walk(ast as Element[]);
  return found;
}
