/** An address longer than this is no address: it is cut, so a forged header cannot grow the limiters' keys. */
const MAX_ADDRESS = 64;

/**
 * Who is asking, for the web pages' per-client limits (search, /admin sign-in). Without proxies
 * (`trustedProxies` 0) it is the socket's address: X-Forwarded-For is then whatever the client
 * wrote, and trusting it would let anyone pick a fresh budget per request. Behind N reverse
 * proxies (an ingress, nginx), every socket is a proxy's and everyone would share one budget; the
 * client is then the address the outermost trusted proxy saw: X-Forwarded-For read from the
 * right, N hops back from the socket (what Express calls `trust proxy` N). Entries a client wrote
 * itself sit further left and are never read.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustedProxies: number,
): string {
  const socket = (socketAddress ?? "unknown").slice(0, MAX_ADDRESS);
  if (trustedProxies <= 0 || !forwardedFor) return socket;
  const chain = [
    ...forwardedFor
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
    socket,
  ];
  // Fewer entries than proxies: a proxy in the chain added none; the leftmost is the nearest to a client.
  const at = Math.max(0, chain.length - 1 - trustedProxies);
  return chain[at]!.slice(0, MAX_ADDRESS);
}
