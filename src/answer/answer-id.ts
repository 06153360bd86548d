import { randomBytes } from "node:crypto";

/** 72 random bits as 12 URL-safe characters: short enough for a Discord custom id, never guessed. */
export function newAnswerId(): string {
  return randomBytes(9).toString("base64url");
}

export function isAnswerId(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{12}$/.test(value);
}
