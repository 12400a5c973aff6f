// Endpoints that strangers give (the public subscribe form) must be public internet addresses, so
// nobody can make Gatewatch post into the network it runs in: loopback, private ranges, link-local
// (cloud metadata at 169.254.169.254), CGNAT, unique-local IPv6, multicast and the rest. Checked twice:
// when subscribing (checkPublicEndpoint, with a sentence for the form), and on every connection
// (publicOnlyDispatcher), so a name that resolves elsewhere later (DNS rebinding) is refused too.
// SUBSCRIBER_PRIVATE_ENDPOINTS=allow turns both off (a test with local receivers, an intranet page).
// Operators' own subscribers (source 'admin') are never checked: they may post to internal services.
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector } from 'undici';
import { getEnv } from '../env.ts';
import { AppError } from '../errors.ts';

/** The code of the error a refused connection fails with. */
export const PRIVATE_ENDPOINT_REFUSED = 'GATEWATCH_PRIVATE_ENDPOINT';

/** Whether private addresses are allowed anyway (SUBSCRIBER_PRIVATE_ENDPOINTS=allow). */
export const privateEndpointsAllowed = () => getEnv().SUBSCRIBER_PRIVATE_ENDPOINTS === 'allow';

/** Whether this subscriber's endpoint must be public when sent to: it came from the public form, and private ones are not allowed. */
export const mustBePublic = (subscriber: { source: string }) => subscriber.source === 'page' && !privateEndpointsAllowed();

/** The IPv6 ranges that carry an IPv4 address in their last 32 bits, and reach it: that address decides. */
const CARRIES_IPV4 = new Set(['ipv4Mapped', 'rfc6145']);
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/**
 * Whether `address` (an IPv4 or IPv6 address, as DNS answers) is on the public internet: ipaddr.js's
 * "unicast" range, which leaves out every special-purpose one (private, loopback, link-local, CGNAT,
 * unique-local, multicast, unspecified, reserved, documentation). An IPv4 address inside IPv6 (mapped,
 * translated, or NAT64's 64:ff9b::/96, as an IPv6-only host's DNS64 answers) is judged as itself.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const ipv6 = parsed as ipaddr.IPv6;
  if (CARRIES_IPV4.has(ipv6.range()) || ipv6.match(NAT64_WELL_KNOWN)) {
    const [high, low] = ipv6.parts.slice(6);
    return isPublicAddress(new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]).toString());
  }
  return ipv6.range() === 'unicast';
}

/** An address as a person reads it: an IPv4-mapped one as IPv4 (the URL parser writes ::ffff:a00:1 for ::ffff:10.0.0.1). */
const shown = (address: string) => (ipaddr.isValid(address) ? ipaddr.process(address).toString() : address);

/** A URL's host as an address or a name: IPv6 without its brackets. */
const hostOf = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * For the public form: refuses (AppError invalid_field, on `endpoint`) a URL whose host is or resolves
 * to any address off the public internet, or does not resolve. Nothing is checked with
 * SUBSCRIBER_PRIVATE_ENDPOINTS=allow.
 */
export async function checkPublicEndpoint(url: string): Promise<void> {
  if (privateEndpointsAllowed()) return;
  const refuse = (sentence: string) => new AppError('invalid_field', sentence, [{ field: 'endpoint' }]);
  let host: string;
  try {
    host = hostOf(new URL(url).hostname);
  } catch {
    throw refuse('That endpoint is not a URL; give the full address, starting with https://.');
  }
  let addresses: string[];
  if (net.isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await dns.promises.lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw refuse(code === 'ENOTFOUND' ? `The endpoint’s host name, ${host}, does not exist; check the URL.` : `The endpoint’s host name, ${host}, could not be looked up just now; try again in a minute.`);
    }
  }
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused) {
    throw refuse(`The endpoint ${net.isIP(host) ? 'is' : 'resolves to'} ${shown(refused)}, which is not a public internet address: notifications from this page go only to addresses anyone can reach on the internet.`);
  }
}

function refusal(address: string): Error {
  return Object.assign(new Error(`refused: the endpoint resolves to a private address (${shown(address)})`), { code: PRIVATE_ENDPOINT_REFUSED });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup for net.connect, failing when any address the name resolves to is not public (all of them, as checkPublicEndpoint does). */
function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback) {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused) return callback(refusal(refused.address), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

/**
 * An undici dispatcher that connects only to public addresses: a host name is checked on every
 * lookup as the connection is made (so what the name resolved to when subscribing does not matter),
 * an address in the URL before connecting (net.connect looks nothing up for those).
 */
export function publicOnlyDispatcher(): Agent {
  // Not a processGlobal: an Agent belongs with the undici copy that made it, and only the custom
  // server's copy of lib/ sends notifications.
  publicOnlyAgent ??= makePublicOnlyAgent();
  return publicOnlyAgent;
}

let publicOnlyAgent: Agent | undefined;

function makePublicOnlyAgent(): Agent {
  const connect = buildConnector({ lookup: publicOnlyLookup as never });
  return new Agent({
    connect: (options, callback) => {
      const host = hostOf(options.hostname);
      if (net.isIP(host) && !isPublicAddress(host)) return callback(refusal(host), null);
      connect(options, callback);
    },
  });
}
