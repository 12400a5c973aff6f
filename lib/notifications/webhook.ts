// One webhook POST, signed the Standard Webhooks way (webhook-id, webhook-timestamp,
// webhook-signature) with the standardwebhooks library. Redirects are not followed: a receiver that
// moved is told so in the delivery log, and a notification never goes to a host nobody subscribed.
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { request } from 'undici';
import { getEnv } from '../env.ts';

/** Receivers treat a 2xx within this as delivered (Statuspage's rule: 30 s); anything else is retried. WEBHOOK_TIMEOUT_SECONDS. */
export const webhookTimeoutMs = () => getEnv().WEBHOOK_TIMEOUT_SECONDS * 1000;
/** The most of an answer's body read before the connection is dropped: it is ignored anyway. */
const BODY_LIMIT = 4096;
const USER_AGENT = 'Gatewatch-Webhook/1';

/** A new signing secret in the Standard Webhooks format: whsec_ and 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export interface SendOutcome {
  ok: boolean;
  /** The answer's status, when one came. */
  status: number | null;
  /** Why it failed, in words an operator reads: "HTTP 500", "no answer within 30 s". */
  error: string | null;
}

/** POSTs `body` to `url` as delivery `id`, signed with `secret`, and says whether it was delivered. */
export async function sendWebhook(input: { url: string; secret: string; id: string; body: string; now?: Date; timeoutMs?: number }): Promise<SendOutcome> {
  const timestamp = input.now ?? new Date();
  const signature = new Webhook(input.secret).sign(input.id, timestamp, input.body);
  const timeoutMs = input.timeoutMs ?? webhookTimeoutMs();
  try {
    const response = await request(input.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'webhook-id': input.id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: input.body,
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    await response.body.dump({ limit: BODY_LIMIT }).catch(() => {});
    const { statusCode: status } = response;
    if (status >= 200 && status < 300) return { ok: true, status, error: null };
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) return { ok: false, status, error: `HTTP ${status}, redirecting to ${String(location).slice(0, 200)} (redirects are not followed: subscribe that address instead)` };
    return { ok: false, status, error: `HTTP ${status}` };
  } catch (error) {
    return { ok: false, status: null, error: networkError(error, timeoutMs) };
  }
}

/** Node's network error codes, in words: the webhook and the mail server are reached alike. */
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
  if (errorCode === 'UND_ERR_SOCKET') return 'the connection closed before an answer';
  if (errorCode && NETWORK_ERROR_WORDS[errorCode]) return NETWORK_ERROR_WORDS[errorCode];
  if (errorCode?.startsWith('ERR_TLS') || errorCode?.includes('CERT')) return `TLS failed (${errorCode})`;
  return (cause?.message ?? message ?? String(error)).split('\n')[0].slice(0, 200);
}
