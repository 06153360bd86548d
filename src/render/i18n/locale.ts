/**
 * The languages the bot speaks (`locales/<locale>.yml`). English is the source catalogue; Chinese
 * comes in two scripts because a Taiwan reader expects 程式/設定/映像檔, not 程序/设置/镜像.
 */
export const LOCALES = ["en", "zh-CN", "zh-TW"] as const;

export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * A platform's locale tag (Discord's `zh-CN`, `zh-TW`, `en-US`, `en-GB`; BCP 47 in general) →
 * one we speak; undefined for the others, so the caller can fall back on the question's script.
 */
export function supportedLocale(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  const t = tag.toLowerCase();
  if (t === "zh-tw" || t === "zh-hk" || t === "zh-mo" || t.startsWith("zh-hant")) return "zh-TW";
  if (t === "zh" || t.startsWith("zh-")) return "zh-CN";
  if (t === "en" || t.startsWith("en-")) return "en";
  return undefined;
}
