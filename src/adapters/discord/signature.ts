import { createPublicKey, type KeyObject, verify } from "node:crypto";

/** Discord's application public key (64 hex chars) as a node:crypto Ed25519 key, via JWK. */
export function publicKeyFromHex(hex: string): KeyObject {
  const bytes = Buffer.from(hex.trim(), "hex");
  if (bytes.length !== 32) throw new Error("DISCORD_PUBLIC_KEY must be 64 hex characters (32 bytes)");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: bytes.toString("base64url") }, format: "jwk" });
}

/** Checks X-Signature-Ed25519 over timestamp + raw body; false for anything missing or malformed. */
export function verifyDiscordSignature(
  key: KeyObject,
  signatureHex: string | undefined,
  timestamp: string | undefined,
  rawBody: Buffer,
): boolean {
  if (!signatureHex || !timestamp || !/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  try {
    return verify(
      null,
      Buffer.concat([Buffer.from(timestamp, "utf8"), rawBody]),
      key,
      Buffer.from(signatureHex, "hex"),
    );
  } catch {
    return false;
  }
}

/** Replay guard: the signed timestamp (unix seconds) is at most `maxAgeSeconds` away from now. */
export function isFreshTimestamp(timestamp: string | undefined, nowMs = Date.now(), maxAgeSeconds = 300): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= maxAgeSeconds;
}
