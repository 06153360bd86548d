/**
 * The path of a request target, or `undefined` when there is none worth routing. Never throws:
 * `new URL(req.url, base)` does for `//`, `//@`, `/\\x` and other targets a client may send
 * (`//x` is a scheme-relative URL with an empty or odd host), and a throw inside a request
 * handler ends the process. Routing compares this exact string: no decoding, no normalising
 * (`/..`, `//healthz` and `/%` match no route and get a 404).
 */
export function requestPath(target: string | undefined): string | undefined {
  if (!target) return undefined;
  // origin-form (RFC 9112 §3.2.1): everything up to the query.
  if (target.startsWith("/")) {
    const end = target.search(/[?#]/);
    return end === -1 ? target : target.slice(0, end);
  }
  // absolute-form, sent to proxies and accepted by servers: `GET http://host/healthz HTTP/1.1`.
  if (!/^https?:\/\//i.test(target) || !URL.canParse(target)) return undefined;
  return new URL(target).pathname;
}
