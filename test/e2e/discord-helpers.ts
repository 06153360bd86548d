import { type KeyObject, sign } from "node:crypto";
import { Writable } from "node:stream";
import { type Logger, pino } from "pino";

/** A logger whose JSON lines the test can read back (error ids, feedback). */
export function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString("utf8").split("\n"))
        if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

export interface CallbackBody {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: Array<{
      title?: string;
      url?: string;
      description?: string;
      fields?: Array<{ name: string; value: string; inline?: boolean }>;
      footer?: { text: string };
    }>;
    components?: Array<{
      type: number;
      components: Array<{ custom_id: string; label?: string; emoji?: { name: string }; disabled?: boolean }>;
    }>;
    allowed_mentions?: { parse: string[]; users?: string[]; replied_user?: boolean };
    choices?: Array<{ name: string; value: string }>;
  };
}

export function embedText(body: CallbackBody["data"]): string {
  return (body?.embeds ?? [])
    .map((e) =>
      [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].join("\n"),
    )
    .join("\n");
}

export function buttons(
  body: CallbackBody["data"],
): Array<{ custom_id: string; label?: string; emoji?: { name: string }; disabled?: boolean }> {
  return (body?.components ?? []).flatMap((r) => r.components);
}

/** POSTs an interaction to a Discord HTTP endpoint, signed as Discord signs it (Ed25519 over timestamp + body). */
export function postSignedInteraction(url: string, payload: unknown, privateKey: KeyObject): Promise<Response> {
  const raw = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + raw), privateKey).toString("hex");
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-signature-ed25519": signature,
      "x-signature-timestamp": timestamp,
    },
    body: raw,
  });
}
