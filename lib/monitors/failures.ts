// Why a check failed, as a closed set of codes, each with what it means in words an operator reads at
// 3 a.m. A check records its code; the admin and the API show the explanation beside it.

export const FAILURES = {
  dns: { label: 'Name not found', explanation: 'The host name did not resolve: the DNS record is missing, mistyped or its server did not answer.' },
  refused: { label: 'Connection refused', explanation: 'The host answered but nothing listens on that port: the service is stopped or on another port.' },
  connect_timeout: { label: 'Could not connect', explanation: 'No connection within the timeout: the host is down, unreachable, or a firewall drops the traffic.' },
  tls: { label: 'Certificate problem', explanation: 'The secure connection failed: the certificate is expired, not trusted, or made for another host name.' },
  closed: { label: 'Connection closed', explanation: 'The service closed the connection without answering: it crashed or was restarted mid-request.' },
  timeout: { label: 'No answer in time', explanation: 'Connected, but the whole answer did not come within the timeout: the service is overloaded or stuck.' },
  http_502: { label: '502 Bad Gateway', explanation: 'The gateway or proxy in front of the service got no valid answer from the service behind it: that service is down, crashing or restarting.' },
  http_503: { label: '503 Service Unavailable', explanation: 'The service says it cannot take requests now: overloaded, in maintenance, or with no healthy backend behind the proxy.' },
  http_504: { label: '504 Gateway Timeout', explanation: 'The gateway or proxy in front of the service waited too long for the service behind it: that service is overloaded or stuck.' },
  http_5xx: { label: 'Server error', explanation: 'The service answered with a server error (5xx): it failed while handling the request.' },
  unexpected_status: { label: 'Unexpected status', explanation: 'The service answered with a status code the monitor does not expect.' },
  assertion: { label: 'Wrong content', explanation: 'The service answered, but the body is not what the monitor expects (keyword or JSON value).' },
  slow: { label: 'Slow', explanation: 'The service answered correctly but slower than the monitor’s threshold.' },
  heartbeat_missed: { label: 'Heartbeat missed', explanation: 'The job that should call this monitor’s heartbeat URL did not call it in time: it failed, hangs, or no longer runs.' },
  alert: {
    label: 'Alert firing',
    explanation: 'Your alerting (Prometheus Alertmanager or Grafana) reports a firing alert for this component: a rule there found a problem. The component stays so until every such alert is resolved.',
  },
} as const satisfies Record<string, { label: string; explanation: string }>;

export type FailureCode = keyof typeof FAILURES;
export const FAILURE_CODES = Object.keys(FAILURES) as FailureCode[];

/** A stored code's label and explanation; null for none (a passing check). */
export const failureOf = (code: string | null) => (code && code in FAILURES ? FAILURES[code as FailureCode] : null);

/** The code for an HTTP status the monitor did not expect. */
export function httpFailureCode(status: number): FailureCode {
  if (status === 502) return 'http_502';
  if (status === 503) return 'http_503';
  if (status === 504) return 'http_504';
  if (status >= 500 && status <= 599) return 'http_5xx';
  return 'unexpected_status';
}

/**
 * The code for an error thrown while connecting or reading, from Node's and undici's error codes
 * (looked for on the error and its causes), with a few words on the particular case where it helps.
 */
export function networkFailure(error: unknown): { code: FailureCode; detail: string } {
  const codes: string[] = [];
  const messages: string[] = [];
  for (let cause = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; cause && depth < 5; cause = cause.cause as typeof cause, depth++) {
    if (typeof cause.code === 'string') codes.push(cause.code);
    if (typeof cause.name === 'string') codes.push(cause.name);
    if (typeof cause.message === 'string') messages.push(cause.message);
  }
  const has = (...wanted: string[]) => codes.some((code) => wanted.includes(code));
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA')) return { code: 'dns', detail: 'the name did not resolve' };
  if (has('ECONNREFUSED')) return { code: 'refused', detail: 'connection refused' };
  if (has('CERT_HAS_EXPIRED')) return { code: 'tls', detail: 'the certificate has expired' };
  if (has('CERT_NOT_YET_VALID')) return { code: 'tls', detail: 'the certificate is not valid yet' };
  if (has('ERR_TLS_CERT_ALTNAME_INVALID')) return { code: 'tls', detail: 'the certificate is for another host name' };
  if (has('DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE')) {
    return { code: 'tls', detail: 'the certificate is not trusted' };
  }
  if (codes.some((code) => code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))) return { code: 'tls', detail: 'the secure connection could not be made' };
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN')) return { code: 'connect_timeout', detail: 'no connection within the timeout' };
  if (has('TimeoutError', 'AbortError', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT')) return { code: 'timeout', detail: 'no complete answer within the timeout' };
  if (has('UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED')) return { code: 'closed', detail: 'the connection closed before an answer' };
  if (has('UND_ERR_REQ_CONTENT_LENGTH_MISMATCH', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'HPE_INVALID_CONSTANT', 'HPE_INVALID_STATUS', 'UND_ERR_INFO')) {
    return { code: 'closed', detail: 'the answer was cut off or is not HTTP' };
  }
  // Unknown: still a failure with a code; the first line of the error says the rest.
  return { code: 'closed', detail: (messages[0] ?? String(error)).split('\n')[0].slice(0, 200) };
}
