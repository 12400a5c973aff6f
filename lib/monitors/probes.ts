// Running one check: an HTTP(S) request with undici, or a TCP connection. Each ends in a result with
// a failure code (failures.ts) or none, and its timings; nothing here touches the database.
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import { JSONPath } from 'jsonpath-plus';
import { Agent, buildConnector, interceptors, request, type Dispatcher } from 'undici';
import { httpFailureCode, networkFailure, type FailureCode } from './failures.ts';
import { isExpectedStatus, type HttpSettings, type TcpSettings } from './settings.ts';

export interface ProbeResult {
  ok: boolean;
  /** Why it failed, or `slow` for a correct answer slower than the threshold. */
  code: FailureCode | null;
  /** This check in a few words: "answered 200 in 31 ms", "answered 502 Bad Gateway". */
  detail: string;
  statusCode: number | null;
  durationMs: number;
  /** Name lookup, connection and TLS handshake. */
  connectMs: number | null;
  /** Until the status line and headers arrived. */
  firstByteMs: number | null;
  certExpiresAt: Date | null;
}

/** The fields of a result no request made (heartbeats, alerts), to spread into one. */
export const NO_PROBE = { code: null, statusCode: null, durationMs: 0, connectMs: null, firstByteMs: null, certExpiresAt: null } as const;

/** How much of a body an assertion reads; the rest is not downloaded. */
const BODY_LIMIT = 1024 * 1024;
const MAX_REDIRECTS = 5;
const USER_AGENT = 'Gatewatch-Monitor/1 (+https://github.com/gatewatch)';

const elapsed = (since: number) => Math.round(performance.now() - since);

/** One HTTP(S) check on a fresh connection (none is reused: a refused port or a bad certificate must show). */
export async function probeHttp(settings: HttpSettings, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  let connectMs: number | null = null;
  let certExpiresAt: Date | null = null;
  const connector = buildConnector({ timeout: timeoutMs, maxCachedSessions: 0, rejectUnauthorized: !settings.ignoreTlsErrors });
  const agent = new Agent({
    // Times the first connection and reads its certificate's expiry, for the expiry warning.
    connect(options, callback) {
      const connecting = performance.now();
      connector(options, (error, socket) => {
        if (!error && socket) {
          connectMs ??= elapsed(connecting);
          const validTo = (socket as TLSSocket).getPeerCertificate?.()?.valid_to;
          if (validTo && !certExpiresAt) certExpiresAt = new Date(validTo);
        }
        // undici's callback types pair an error with a null socket and the reverse.
        (callback as (error: Error | null, socket: unknown) => void)(error, socket);
      });
    },
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    pipelining: 0,
  });
  const dispatcher: Dispatcher = settings.followRedirects ? agent.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTS })) : agent;
  const result = (fields: Omit<ProbeResult, 'durationMs' | 'connectMs' | 'certExpiresAt'>): ProbeResult => ({ ...fields, durationMs: elapsed(started), connectMs, certExpiresAt });
  try {
    const response = await request(settings.url, {
      method: settings.method,
      headers: { 'user-agent': USER_AGENT, ...settings.headers },
      body: settings.body ?? undefined,
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const firstByteMs = elapsed(started);
    const status = response.statusCode;
    const needsBody = Boolean(settings.keyword !== null || settings.jsonPath);
    const body = needsBody ? await readLimited(response.body) : (await response.body.dump(), '');
    const answered = { statusCode: status, firstByteMs };
    if (!isExpectedStatus(status, settings.expectedStatus)) {
      const code = httpFailureCode(status);
      return result({ ok: false, code, detail: `answered ${status}, expected ${settings.expectedStatus}`, ...answered });
    }
    const assertion = checkAssertion(settings, body);
    if (assertion) return result({ ok: false, code: 'assertion', detail: assertion, ...answered });
    const durationMs = elapsed(started);
    const warning = certificateWarning(certExpiresAt, settings.certExpiryDays);
    if (settings.slowMs !== null && durationMs > settings.slowMs) {
      return result({ ok: true, code: 'slow', detail: `answered ${status} in ${durationMs} ms, slower than ${settings.slowMs} ms${warning}`, ...answered });
    }
    return result({ ok: true, code: null, detail: `answered ${status} in ${durationMs} ms${warning}`, ...answered });
  } catch (error) {
    const { code, detail } = networkFailure(error);
    return result({ ok: false, code, detail, statusCode: null, firstByteMs: null });
  } finally {
    void agent.destroy().catch(() => {});
  }
}

/** "; the certificate expires in 3 days" when it is within the warning, else "". */
function certificateWarning(expiresAt: Date | null, warnDays: number | null): string {
  if (!expiresAt || warnDays === null) return '';
  const left = expiresAt.getTime() - Date.now();
  const days = (ms: number) => Math.floor(ms / 86_400_000);
  const inDays = (count: number) => (count === 0 ? 'less than a day' : `${count} ${count === 1 ? 'day' : 'days'}`);
  if (left < 0) return `; the certificate expired ${inDays(days(-left))} ago`;
  return days(left) < warnDays ? `; the certificate expires in ${inDays(days(left))}` : '';
}

/** Up to BODY_LIMIT bytes of a body as text; the rest is dropped with the connection. */
async function readLimited(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= BODY_LIMIT) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8');
}

/** What is wrong with the body in words, or null when it passes the keyword and JSON checks. */
export function checkAssertion(settings: Pick<HttpSettings, 'keyword' | 'keywordAbsent' | 'jsonPath' | 'jsonValue'>, body: string): string | null {
  if (settings.keyword !== null) {
    const found = body.includes(settings.keyword);
    if (settings.keywordAbsent && found) return `the body contains "${settings.keyword}"`;
    if (!settings.keywordAbsent && !found) return `the body does not contain "${settings.keyword}"`;
  }
  if (settings.jsonPath) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return 'the body is not JSON';
    }
    // eval: false: a path is looked up, never run as code.
    const values = JSONPath({ path: settings.jsonPath, json: json as object, eval: false, wrap: true }) as unknown[];
    if (!values.length) return `${settings.jsonPath} is not in the body`;
    if (settings.jsonValue !== null) {
      const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
      if (!values.some((value) => text(value) === settings.jsonValue)) return `${settings.jsonPath} is ${text(values[0]).slice(0, 100)}, expected ${settings.jsonValue}`;
    }
  }
  return null;
}

/** One TCP check: does the port accept a connection within the timeout. */
export function probeTcp(settings: TcpSettings, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: settings.host, port: settings.port });
    let done = false;
    const finish = (fields: Pick<ProbeResult, 'ok' | 'code' | 'detail'>) => {
      if (done) return;
      done = true;
      socket.destroy();
      const durationMs = elapsed(started);
      resolve({ ...fields, statusCode: null, durationMs, connectMs: fields.ok ? durationMs : null, firstByteMs: null, certExpiresAt: null });
    };
    socket.setTimeout(timeoutMs, () => finish({ ok: false, code: 'connect_timeout', detail: 'no connection within the timeout' }));
    socket.once('connect', () => finish({ ok: true, code: null, detail: `port ${settings.port} open, connected in ${elapsed(started)} ms` }));
    socket.once('error', (error) => finish({ ok: false, ...networkFailure(error) }));
  });
}
