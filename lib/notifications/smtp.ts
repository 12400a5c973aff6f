// Email goes out through one mail server, SMTP_URL, over connections kept open between messages
// (nodemailer's pooled SMTP transport): one pool per process, made again when the URL changes.
// nodemailer is loaded with the first email, not with the server: most pages send none.
import type { Transporter } from 'nodemailer';
import { processGlobal } from '../process-global.ts';
import { NETWORK_ERROR_WORDS, type SendOutcome } from './post-json.ts';

export interface OutgoingEmail {
  /** SMTP_FROM as written, or a name and an address. */
  from: string | { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<id@host>`, the same on every attempt: a message sent twice (after a crash) is recognisably one. */
  messageId: string;
  /** The id of the thread it belongs to (one per incident): clients group its messages under it. */
  thread?: string;
  /** A subscriber's message: its one-click unsubscribe URL (RFC 8058) and the list it belongs to. */
  list?: { oneClickUnsubscribe: string; id: string; name: string };
}

const pool = processGlobal('smtp-pool', () => ({ url: null as string | null, transport: null as Promise<Transporter> | null }));

/** The process's pool for `url`; a pool for another URL is closed once its sends finish. */
function transportFor(url: string, timeoutMs: number): Promise<Transporter> {
  if (pool.url === url && pool.transport) return pool.transport;
  void pool.transport?.then((old) => old.close(), () => {});
  pool.url = url;
  pool.transport = import('nodemailer').then(({ createTransport }) =>
    createTransport({ url, pool: true, maxConnections: 5, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }),
  );
  return pool.transport;
}

/** Where SMTP_URL points, as an operator recognises it: `mail.example.com:587`. */
export function mailServerAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'smtps:' ? 465 : 587)}`;
}

/** Sends one email through `smtpUrl` and says, in an operator's words, whether the server took it. */
export async function sendEmail(smtpUrl: string, email: OutgoingEmail, timeoutMs: number): Promise<SendOutcome> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const transport = await transportFor(smtpUrl, timeoutMs);
    const sending = transport.sendMail({
      from: email.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
      ...(email.thread && { inReplyTo: email.thread, references: [email.thread] }),
      // RFC 8058: exactly one HTTPS URI, which a mail client POSTs to; the unsubscribe page is in the footer.
      ...(email.list && { list: { unsubscribe: email.list.oneClickUnsubscribe, id: { url: email.list.id, comment: email.list.name } } }),
      headers: {
        // RFC 3834: no vacation replies to a notification (and Exchange's own way of saying so).
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
        ...(email.list && { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
      },
    });
    // nodemailer's own timeouts are per step; this bounds the whole send, within the delivery's lease.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), timeoutMs);
    });
    const info = await Promise.race([sending, deadline]);
    return { ok: true, status: Number(/^\d{3}/.exec(info.response)?.[0] ?? 250), error: null };
  } catch (error) {
    const responseCode = (error as { responseCode?: number })?.responseCode;
    return { ok: false, status: responseCode ?? null, error: smtpErrorInWords(error, mailServerAddress(smtpUrl), email.to, timeoutMs) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A failed send in an operator's words: what the mail server said (a 4xx is temporary and retried;
 * a 5xx too, the quarantine deciding when to stop), or why it could not be reached.
 */
export function smtpErrorInWords(error: unknown, server: string, recipient: string, timeoutMs: number): string {
  const { code, responseCode, response, command, message = String(error) } = (error ?? {}) as { code?: string; responseCode?: number; response?: string; command?: string; message?: string };
  const said = (response ?? message).split('\n')[0].trim().slice(0, 200);
  if (responseCode) {
    if (code === 'EAUTH') return `the mail server at ${server} did not accept the user name and password in SMTP_URL: it said ${said}`;
    if (responseCode >= 500 && /^RCPT/i.test(command ?? '')) return `the mail server refused ${recipient}: it said ${said}`;
    if (responseCode >= 500) return `the mail server refused the message: it said ${said}`;
    return `the mail server said ${said}`;
  }
  if (code === 'ETIMEDOUT') return `no answer from the mail server at ${server} within ${Math.round(timeoutMs / 1000)} s`;
  // nodemailer keeps Node's own code only in the message ("connect ECONNREFUSED 127.0.0.1:25").
  const networkCode = /\b(E[A-Z_]{3,})\b/.exec(message)?.[1];
  if (networkCode && NETWORK_ERROR_WORDS[networkCode]) return `could not reach the mail server at ${server}: ${NETWORK_ERROR_WORDS[networkCode]}`;
  if (code === 'ETLS' || /\b(TLS|SSL|certificate)\b/i.test(message)) return `could not talk TLS with the mail server at ${server}: ${message.split('\n')[0].slice(0, 200)}`;
  return `could not send through the mail server at ${server}: ${message.split('\n')[0].slice(0, 200)}`;
}
