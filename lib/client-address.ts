import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Whether the hop at `address`, `index` hops from us (0: our socket's peer), is a proxy we trust. */
export type TrustProxy = (address: string, index: number) => boolean;

/**
 * TRUST_PROXY, read as Express reads `trust proxy` (with the proxy-addr library), except that `true`
 * means one hop: `false`; `true` or a number of hops (proxies in front of Gatewatch); or a list of
 * the proxies' addresses, CIDR ranges or `loopback`, `linklocal`, `uniquelocal`. Throws on a bad list.
 */
export function parseTrustProxy(value: string): TrustProxy | null {
  const setting = value.trim().toLowerCase();
  if (setting === '' || setting === 'false' || setting === '0') return null;
  if (setting === 'true') return (_address, index) => index < 1;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, index) => index < hops;
  }
  return proxyaddr.compile(setting.split(',').map((entry) => entry.trim()));
}

/**
 * The client's address: the socket's peer, or behind trusted proxies the nearest address in
 * X-Forwarded-For that no trusted proxy claims, counted from the right. The left-hand entries are
 * whatever the client sent, so they never decide (a guesser could otherwise pick any address).
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy | null): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!trust) return peer;
  return proxyaddr(req, trust) || peer;
}
