// What an operator sets on a monitor, validated in one place for the admin UI, the API and the
// database row (whose kind-specific part is stored as JSON and read back through these schemas).
import { z } from 'zod';
import { componentNameSchema, idSchema } from '../schemas/component.ts';

export const MONITOR_KINDS = ['http', 'tcp', 'heartbeat', 'alert'] as const;
export type MonitorKind = (typeof MONITOR_KINDS)[number];
export const INCIDENT_MODES = ['off', 'open', 'open_and_resolve'] as const;
export type IncidentMode = (typeof INCIDENT_MODES)[number];
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** Status codes as operators write them: "200-299", "200,204", "200-299, 301". */
export const expectedStatusSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^\d{3}(-\d{3})?(\s*,\s*\d{3}(-\d{3})?)*$/, 'must be status codes or ranges, like 200-299 or 200,301')
  .refine((text) => parseExpectedStatus(text).every(([low, high]) => low >= 100 && high <= 599 && low <= high), 'must name codes from 100 to 599, each range low to high');

export function parseExpectedStatus(text: string): [number, number][] {
  return text.split(',').map((part) => {
    const [low, high = low] = part.trim().split('-').map(Number);
    return [low, high];
  });
}

export const isExpectedStatus = (status: number, expected: string) => parseExpectedStatus(expected).some(([low, high]) => status >= low && status <= high);

/** Headers undici refuses or must manage itself: set by hand they would fail every check. */
const CLIENT_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'content-length', 'te', 'trailer', 'proxy-connection']);

/** $ then .name, ..name, [0], ['name'], [*] or .*: a path to look up, nothing to evaluate. */
const PLAIN_JSON_PATH = /^\$(?:\.{1,2}(?:[A-Za-z_$][\w$-]*|\*)|\[(?:\d+|\*|'[^']*')\])*$/;

// Names a header may have (RFC 9110 token); values without line breaks, so nothing is smuggled.
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, 'must be a header name, like X-Api-Key');
const headerValue = z.string().max(4000).regex(/^[^\r\n\0]*$/, 'must be one line');
const hostName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]_-]+$/, 'must be a host name or an IP address, like db.example.com or 10.0.0.5');

export const httpSettingsSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2000),
  method: z.enum(HTTP_METHODS).default('GET'),
  headers: z
    .record(headerName, headerValue)
    .refine((headers) => Object.keys(headers).length <= 30, 'may have at most 30 headers')
    .refine((headers) => !Object.keys(headers).some((name) => CLIENT_HEADERS.has(name.toLowerCase())), `must not set ${[...CLIENT_HEADERS].join(', ')}: the monitor's HTTP client sets those itself`)
    .refine((headers) => new Set(Object.keys(headers).map((name) => name.toLowerCase())).size === Object.keys(headers).length, 'must name each header once (names are not case-sensitive)')
    .default({}),
  body: z.string().max(64_000).nullish().transform((value) => value || null),
  expectedStatus: expectedStatusSchema.default('200-299'),
  /** Text the body must contain (or, with keywordAbsent, must not). */
  keyword: z.string().max(500).nullish().transform((value) => value || null),
  keywordAbsent: z.boolean().default(false),
  /** A JSONPath into a JSON body, like $.status, and the value it must have (as text). */
  jsonPath: z
    .string()
    .trim()
    .max(300)
    .regex(PLAIN_JSON_PATH, 'must be a plain JSONPath, like $.status or $.checks[0].state (filters and scripts are not run)')
    .nullish()
    .or(z.literal(''))
    .transform((value) => value || null),
  jsonValue: z.string().max(500).nullish().transform((value) => value ?? null),
  followRedirects: z.boolean().default(true),
  /** For services with a self-signed or internal certificate: connect anyway (expiry is still read). */
  ignoreTlsErrors: z.boolean().default(false),
  /** Answers slower than this (milliseconds) count as slow: the component shows degraded performance. */
  slowMs: z.int().min(1).max(600_000).nullish().transform((value) => value ?? null),
  /** Warn this many days before the TLS certificate expires. */
  certExpiryDays: z.int().min(1).max(365).nullish().transform((value) => value ?? null),
});
export type HttpSettings = z.output<typeof httpSettingsSchema>;

export const tcpSettingsSchema = z.object({
  host: hostName,
  port: z.int().min(1).max(65_535),
});
export type TcpSettings = z.output<typeof tcpSettingsSchema>;

export const heartbeatSettingsSchema = z.object({});

/** Prometheus's label names (Alertmanager and Grafana use the same). */
export const alertLabelNameSchema = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,99}$/, 'must be a label name, like service or alertname');

/** An alert monitor is fed by alerts (lib/monitors/alert-intake.ts): those carrying all these labels count. */
export const alertSettingsSchema = z.object({
  labels: z
    .record(alertLabelNameSchema, z.string().min(1, 'must not be empty').max(500))
    .refine((labels) => Object.keys(labels).length >= 1, 'must name at least one label an alert carries, like {"service": "checkout"}')
    .refine((labels) => Object.keys(labels).length <= 10, 'may have at most 10 labels'),
});
export type AlertSettings = z.output<typeof alertSettingsSchema>;

const common = {
  name: componentNameSchema,
  componentId: idSchema,
  /** How often it checks; for a heartbeat, how often the job calls. */
  intervalSeconds: z.int().min(10, 'must be at least 10 seconds').max(86_400, 'must be at most a day'),
  /** How long a check may take; for a heartbeat, how late a call may be. */
  timeoutSeconds: z.int().min(1).max(300),
  failuresBeforeDown: z.int().min(1).max(20),
  successesBeforeUp: z.int().min(1).max(20),
  /** What the component shows when the monitor says down. */
  downStatus: z.enum(['partial_outage', 'major_outage']),
  paused: z.boolean(),
  /** Incidents on its own: none, opened when down (the operator resolves), or opened and resolved. */
  incidentMode: z.enum(INCIDENT_MODES),
  /** The template an incident opens from; none picks the "502 Bad Gateway" one for a 502, else "Service unavailable". */
  incidentTemplateId: z.string().min(1).max(64).nullable(),
  /** How long checks must pass before the incident it opened is resolved. */
  incidentQuietMinutes: z.int().min(0).max(1440),
};

export const monitorSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('http'), settings: httpSettingsSchema, ...common }),
    z.object({ kind: z.literal('tcp'), settings: tcpSettingsSchema, ...common }),
    z.object({ kind: z.literal('heartbeat'), settings: heartbeatSettingsSchema, ...common }),
    z.object({ kind: z.literal('alert'), settings: alertSettingsSchema, ...common }),
  ])
  .superRefine((monitor, context) => {
    if (monitor.kind === 'alert') {
      // One check per change of the firing set: the alerting has decided already, so the rule must follow at once.
      const alerting = 'for an alert monitor: Alertmanager or Grafana decide when an alert fires and resolves';
      if (monitor.failuresBeforeDown !== 1) context.addIssue({ code: 'custom', path: ['failuresBeforeDown'], message: `must be 1 ${alerting}` });
      if (monitor.successesBeforeUp !== 1) context.addIssue({ code: 'custom', path: ['successesBeforeUp'], message: `must be 1 ${alerting}` });
      if (monitor.incidentQuietMinutes !== 0) context.addIssue({ code: 'custom', path: ['incidentQuietMinutes'], message: `must be 0 ${alerting}` });
    }
    if (monitor.kind !== 'heartbeat' && monitor.timeoutSeconds >= monitor.intervalSeconds) {
      context.addIssue({ code: 'custom', path: ['timeoutSeconds'], message: 'must be shorter than the interval' });
    }
    if (monitor.kind === 'http' && monitor.settings.jsonValue !== null && !monitor.settings.jsonPath) {
      context.addIssue({ code: 'custom', path: ['settings', 'jsonPath'], message: 'is required with a JSON value' });
    }
  });
export type MonitorInput = z.output<typeof monitorSchema>;
/** What a caller gives: the kind and settings, the rest defaults as below. */
export type MonitorCreateInput = Partial<Omit<MonitorInput, 'kind' | 'settings'>> & { kind: MonitorKind; settings: Record<string, unknown>; name: string; componentId: string };

/**
 * Defaults for what a new monitor leaves out: a heartbeat is down at its first missed call; an alert
 * monitor follows its alerts at once (its interval and timeout are unused: it is never probed).
 */
export function monitorDefaults(kind: MonitorKind) {
  const atOnce = kind === 'heartbeat' || kind === 'alert';
  return {
    intervalSeconds: 60,
    timeoutSeconds: kind === 'heartbeat' ? 60 : 10,
    failuresBeforeDown: atOnce ? 1 : 3,
    successesBeforeUp: atOnce ? 1 : 2,
    downStatus: 'major_outage' as const,
    paused: false,
    incidentMode: 'off' as const,
    incidentTemplateId: null,
    incidentQuietMinutes: kind === 'alert' ? 0 : 10,
  };
}

/** Shown for a header's value (they often hold tokens); sent back unchanged, it keeps the stored value. */
export const HIDDEN_VALUE = '(hidden)';

/** A URL as shown to those who may not change it: a password in it replaced by ***. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** A stored row's settings, read through the schema of its kind. */
export function settingsOf(row: { kind: string; settings: string }): HttpSettings | TcpSettings | AlertSettings | Record<string, never> {
  const raw = JSON.parse(row.settings) as unknown;
  if (row.kind === 'http') return httpSettingsSchema.parse(raw);
  if (row.kind === 'tcp') return tcpSettingsSchema.parse(raw);
  if (row.kind === 'alert') return alertSettingsSchema.parse(raw);
  return {};
}
