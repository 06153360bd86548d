/**
 * `npm run catalogue:types`: writes src/render/i18n/message-keys.ts from locales/en.yml, so every
 * `t(locale, key, params)` is checked by the compiler (the key exists, the parameters are the
 * message's placeholders). `--check` only says whether the file is current (the catalogue test
 * runs the same comparison).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCatalogue } from "../src/render/i18n/catalogue.js";
import { placeholdersOf } from "../src/render/i18n/placeholders.js";

export const KEYS_FILE = join(fileURLToPath(new URL("..", import.meta.url)), "src/render/i18n/message-keys.ts");

export function messageKeysSource(): string {
  const en = readCatalogue("en");
  const lines = [
    "// Generated from locales/en.yml by `npm run catalogue:types`; do not edit by hand.",
    "",
    "/** Every message key of the catalogue, with the parameters its English text takes. */",
    "export interface MessageParams {",
  ];
  for (const key of Object.keys(en).sort()) {
    const params = [...placeholdersOf(en[key] ?? "").entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, kind]) => `${name}: ${kind === "number" ? "number" : "string | number"}`);
    lines.push(`  ${JSON.stringify(key)}: ${params.length ? `{ ${params.join("; ")} }` : "undefined"};`);
  }
  lines.push("}", "", "export type MessageKey = keyof MessageParams;", "");
  return lines.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const source = messageKeysSource();
  if (process.argv.includes("--check")) {
    const current = readFileSync(KEYS_FILE, "utf8");
    if (current !== source) {
      console.error("src/render/i18n/message-keys.ts is stale: run npm run catalogue:types");
      process.exitCode = 1;
    }
  } else {
    writeFileSync(KEYS_FILE, source);
    console.log(`wrote ${KEYS_FILE}`);
  }
}
