import { z } from 'zod';
import { parseTrustProxy } from './client-address.ts';

/** Every setting Gatewatch reads from the environment, checked once with clear messages. */
export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .default('file:./data/gatewatch.db')
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
      message: 'must be a SQLite file (file:./data/gatewatch.db) or a PostgreSQL URL (postgresql://user@host/db)',
    }),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** The public address of the page, used in shortlinks and feeds; defaults to the page's own setting. */
  PUBLIC_URL: z.url().optional(),
  /** Where the last good snapshot is kept, for serving while the database is down. */
  SNAPSHOT_PATH: z.string().default('./data/snapshot.json'),
  /** A folder the server keeps the proxy's error pages in, rewritten whenever the snapshot changes (a proxy on this machine). */
  ERROR_PAGES_DIR: z.string().min(1).optional(),
  /** Safety-net rebuild interval; writes rebuild at once. */
  SNAPSHOT_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** How long a subscriber's webhook endpoint has to answer (Statuspage gives 30 s); a send is retried after it and 15 s more. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(30),
  /** The mail server email notifications go through (smtp://user:pass@host:587, smtps://... for TLS from the start); without it email subscription is off. */
  SMTP_URL: z
    .string()
    .optional()
    .refine((url) => !url || /^smtps?:\/\/[^/]+/.test(url), { message: 'must be an SMTP URL: smtp://user:password@mail.example.com:587 or smtps://...:465' }),
  /** The sender of notification emails ("Example Status <status@example.com>"); defaults to status@ the page's host. */
  SMTP_FROM: z.string().optional(),
  /** `allow` lets the public subscribe form take webhook and chat URLs on private or loopback addresses (a test or an intranet page). */
  SUBSCRIBER_PRIVATE_ENDPOINTS: z.enum(['refuse', 'allow']).default('refuse'),
  /** `auto` seeds the demo page into an empty database at start-up; `never` leaves it empty. */
  DEMO_SEED: z.enum(['auto', 'never']).default('auto'),
  /** Signs operators' session cookies; generated into AUTH_SECRET_PATH when unset (set it when running several instances). */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_SECRET_PATH: z.string().default('./data/auth-secret'),
  /** For headless installs: the owner created at first start when there is no operator yet. */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  /** Behind reverse proxies (`true`: one; a number of hops; or their addresses): the client's address comes from X-Forwarded-For. */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, context) => {
      try {
        return parseTrustProxy(value);
      } catch {
        context.addIssue({ code: 'custom', message: 'must be false, true, a number of proxies, or their addresses (comma-separated IPs, CIDR ranges, loopback)' });
        return z.NEVER;
      }
    }),
  /** Admin API requests a minute per API key, in bursts of as many. */
  ADMIN_API_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /** Days raw monitor checks are kept (whole UTC days, and only once rolled up). */
  MONITOR_CHECK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  /** Days hourly monitor rollups are kept; daily ones are kept 400 days, or this long if longer. */
  MONITOR_ROLLUP_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(90),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  return (cached ??= parseEnv());
}
