// One notification POST to a subscriber's endpoint (a webhook, a chat service's incoming webhook),
// and what came of it in words an operator reads. Redirects are not followed: a receiver that moved
// is told so in the delivery log, and a notification never goes to a host nobody subscribed.
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'undici';
import { getEnv } from '../env.ts';
import { PRIVATE_ENDPOINT_REFUSED, publicOnlyDispatcher } from './endpoint-guard.ts';

/** Receivers treat a 2xx within this as delivered (Statuspage's rule: 30 s); anything else is retried. WEBHOOK_TIMEOUT_SECONDS. */
export const webhookTimeoutMs = () => getEnv().WEBHOOK_TIMEOUT_SECONDS * 1000;
/** The most of an answer's body read before the connection is dropped: it is ignored anyway. */
const BODY_LIMIT = 4096;

export interface SendOutcome {
  ok: boolean;
  /** The answer's status, when one came. */
  status: number | null;
  /** Why it failed, in words an operator reads: "HTTP 500", "no answer within 30 s". */
  error: string | null;
}

export interface JsonPost {
  url: string;
  /** The JSON text sent, as is. */
  body: string;
  userAgent: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Connect only to public internet addresses, checked when connecting (see endpoint-guard.ts). */
  publicOnly?: boolean;
  /** Words for a status that is not a 2xx, where the receiver's service gives it a meaning (a rate limit); otherwise "HTTP 500". */
  explain?: (status: number, headers: IncomingHttpHeaders) => string | undefined;
}

/** POSTs `body` as JSON to `url` and says whether it was delivered: any 2xx within the timeout. */
export async function postJson(post: JsonPost): Promise<SendOutcome> {
  const timeoutMs = post.timeoutMs ?? webhookTimeoutMs();
  try {
    const response = await request(post.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': post.userAgent, ...post.headers },
      body: post.body,
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(post.publicOnly && { dispatcher: publicOnlyDispatcher() }),
    });
    await response.body.dump({ limit: BODY_LIMIT }).catch(() => {});
    const { statusCode: status, headers } = response;
    if (status >= 200 && status < 300) return { ok: true, status, error: null };
    return { ok: false, status, error: post.explain?.(status, headers) ?? statusInWords(status, headers) };
  } catch (error) {
    return { ok: false, status: null, error: networkError(error, timeoutMs) };
  }
}

function statusInWords(status: number, headers: IncomingHttpHeaders): string {
  const location = headers.location;
  if (status >= 300 && status < 400 && location) return `HTTP ${status}, redirecting to ${String(location).slice(0, 200)} (redirects are not followed: subscribe that address instead)`;
  return `HTTP ${status}`;
}

/** Node's network error codes, in words: webhooks, chat services and the mail server are reached alike. */
export const NETWORK_ERROR_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be looked up',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

function networkError(error: unknown, timeoutMs: number): string {
  const { name, code, message } = (error ?? {}) as { name?: string; code?: string; message?: string };
  if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const errorCode = cause?.code ?? code;
  // The guard's own sentence, with the address it refused.
  if (errorCode === PRIVATE_ENDPOINT_REFUSED) return (code === PRIVATE_ENDPOINT_REFUSED ? message : cause?.message) ?? 'refused: the endpoint resolves to a private address';
  if (errorCode === 'UND_ERR_SOCKET') return 'the connection closed before an answer';
  if (errorCode && NETWORK_ERROR_WORDS[errorCode]) return NETWORK_ERROR_WORDS[errorCode];
  if (errorCode?.startsWith('ERR_TLS') || errorCode?.includes('CERT')) return `TLS failed (${errorCode})`;
  return (cause?.message ?? message ?? String(error)).split('\n')[0].slice(0, 200);
}
