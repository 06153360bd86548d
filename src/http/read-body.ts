import type { IncomingMessage } from "node:http";

/** A request the server refuses with this status (413 too large, 400 malformed). */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request body, at most `maxBytes`. A declared Content-Length over the limit is refused
 * before a byte is read; a body that grows past it (chunked, or a lying length) stops being
 * buffered at the limit. Either way an `HttpError(413)` is thrown and the caller answers it.
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes)
    throw new HttpError(413, `body of ${declared} bytes is over the ${maxBytes}-byte limit`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, `body is over the ${maxBytes}-byte limit`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
