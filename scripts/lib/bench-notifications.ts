// `npm run bench`, section "Notifications": posting an incident update with 10,000 email subscribers
// and 200 webhooks beside posting it with none, and the whole fan-out to a local SMTP server and local
// webhook receivers; beside a reference in the same run: nodemailer and undici sending the same
// number of messages straight from memory, with no database, no outbox and no worker.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { request } from 'undici';
import { createApiKey } from '../../lib/api-keys/api-keys.ts';
import { SYSTEM_ACTOR } from '../../lib/access/permissions.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { applyMigrations } from '../../lib/db/migrate.ts';
import { newId } from '../../lib/ids.ts';
import { newWebhookSecret } from '../../lib/notifications/webhook.ts';
import { seedDemo } from '../../lib/seed/demo.ts';
import { createEmptyDatabaseUrl, dropDatabaseUrl } from '../../test/helpers/databases.ts';
import { startGatewatch, type GatewatchProcess } from './gatewatch-process.ts';

export const EMAIL_SUBSCRIBERS = 10_000;
export const WEBHOOK_SUBSCRIBERS = 200;
/** Updates posted with nobody subscribed (the reference answer time), and with everyone (each fanned out before the next). */
const QUIET_UPDATES = 15;
const LOUD_UPDATES = 3;
/** A fan-out not finished by then is reported as such, not waited on. */
const FAN_OUT_LIMIT_MS = 180_000;
/** The reference sends with as many in flight as the delivery worker (MAX_IN_FLIGHT in lib/notifications/worker.ts). */
const REFERENCE_IN_FLIGHT = 200;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export interface NotificationProviderResult {
  provider: string;
  /** Answer times of posting an update, ms: median with nobody subscribed, with one, and with everyone. */
  quietMs: number;
  oneMs: number;
  loudMs: number;
  /** From each loud update's answer to its last delivery recorded delivered, ms (median), and the slowest. */
  fanOutMs: number | null;
  slowestFanOutMs: number | null;
  /** Messages the SMTP server and the receivers got in all (repeats included). */
  emails: number;
  webhooks: number;
}

export interface NotificationBenchResult {
  providers: NotificationProviderResult[];
  /** Sending the same 10,200 messages from memory: nodemailer's pool to the same kind of server, undici to the same receiver. */
  referenceMs: number;
}

/** A local SMTP server that counts what it accepts (parsing nothing: the bench measures the sender). */
async function startCountingSmtp() {
  let count = 0;
  const server = new SMTPServer({ disabledCommands: ['STARTTLS', 'AUTH'], logger: false, size: 1024 * 1024, onData: (stream, _session, done) => stream.on('data', () => {}).on('end', () => (count++, done())) });
  // A client dropping its connection when the bench stops is no failure of the bench.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, count: () => count, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Local webhook receivers: one server answering 204 on every subscriber's own path. */
async function startCountingReceiver() {
  let count = 0;
  const server = http.createServer((req, res) => req.on('data', () => {}).on('end', () => (count++, res.writeHead(204).end())));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => count, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function subscribeEveryone(db: Db, webhookBase: string) {
  const now = new Date();
  const row = (mode: string, index: number) => ({
    id: newId(),
    mode,
    email: mode === 'email' ? `reader${index}@example.com` : null,
    endpoint: mode === 'webhook' ? `${webhookBase}/hook/${index}` : null,
    secret: mode === 'webhook' ? newWebhookSecret() : null,
    confirmedAt: now,
    unsubscribeToken: newId() + newId(),
    createdAt: now,
  });
  const rows = [...Array.from({ length: EMAIL_SUBSCRIBERS }, (_, index) => row('email', index)), ...Array.from({ length: WEBHOOK_SUBSCRIBERS }, (_, index) => row('webhook', index))];
  for (let start = 0; start < rows.length; start += 500) await db.subscriber.createMany({ data: rows.slice(start, start + 500) });
}

/** Waits (bounded) until the worker has fanned out every notification written. */
async function waitUntilFannedOut(db: Db) {
  const deadline = Date.now() + 60_000;
  while ((await db.notification.count({ where: { fannedOutAt: null } })) > 0) {
    if (Date.now() > deadline) throw new Error('the delivery worker did not fan out the notifications posted within a minute');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function benchNotifications(dir: string): Promise<NotificationBenchResult> {
  const providers: NotificationProviderResult[] = [];
  for (const provider of ['sqlite', 'postgresql'] as const) {
    let url = `file:${path.join(dir, 'notifications.db')}`;
    if (provider === 'postgresql') {
      try {
        url = await createEmptyDatabaseUrl('postgresql');
      } catch (error) {
        console.warn(`PostgreSQL not reachable, notifications measured on SQLite only: ${(error as Error).message}`);
        continue;
      }
    }
    const db = createDb(url);
    const smtp = await startCountingSmtp();
    const receiver = await startCountingReceiver();
    let server: GatewatchProcess | undefined;
    try {
      await applyMigrations(url);
      await seedDemo(db, { pageUrl: 'http://127.0.0.1' });
      const { key } = await createApiKey(db, { name: 'bench', scopes: ['admin'] }, SYSTEM_ACTOR);
      server = await startGatewatch({ env: { DATABASE_URL: url, SNAPSHOT_PATH: path.join(dir, `notifications-${provider}.json`), DEMO_SEED: 'never', ADMIN_API_RATE_PER_MINUTE: '100000', SMTP_URL: smtp.url } });
      providers.push(await measure(provider, db, server, key, smtp, receiver));
      const last = providers.at(-1)!;
      console.log(`${provider}: update answered ${last.quietMs.toFixed(1)} ms with nobody, ${last.oneMs.toFixed(1)} ms with one, ${last.loudMs.toFixed(1)} ms with everyone; fan-out ${last.fanOutMs === null ? 'unfinished' : `${(last.fanOutMs / 1000).toFixed(1)} s`}`);
    } finally {
      await server?.stop();
      await smtp.stop();
      await receiver.stop();
      await db.$disconnect();
      if (provider === 'postgresql') await dropDatabaseUrl(url);
    }
  }
  return { providers, referenceMs: await referenceSend() };
}

async function measure(provider: string, db: Db, server: GatewatchProcess, key: string, smtp: { count(): number }, receiver: { url: string; count(): number }): Promise<NotificationProviderResult> {
  const page = (await db.page.findFirstOrThrow()).id;
  const api = async (method: string, pathname: string, body: unknown) => {
    const start = performance.now();
    const response = await fetch(`${server.url}/api/v1/pages/${page}${pathname}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${pathname} answered ${response.status}: ${await response.text()}`);
    return { ms: performance.now() - start, body: await response.json() };
  };
  const component = await db.component.findFirstOrThrow({ select: { id: true } });
  const { body: incident } = await api('POST', '/incidents', { incident: { name: 'Elevated 502s', status: 'investigating', body: 'Looking into it.', component_ids: [component.id] } });
  const postUpdate = (index: number) => api('PATCH', `/incidents/${incident.id}`, { incident: { status: index % 2 ? 'identified' : 'investigating', body: `Update ${index}: still on it.` } });

  const quiet: number[] = [];
  for (let index = 0; index < QUIET_UPDATES; index++) quiet.push((await postUpdate(index)).ms);
  // One subscriber: the outbox's fixed cost (a row saying what happened; the worker builds the body).
  await db.subscriber.create({ data: { id: newId(), mode: 'webhook', endpoint: `${receiver.url}/hook/one`, secret: newWebhookSecret(), confirmedAt: new Date(), unsubscribeToken: newId() + newId() } });
  const one: number[] = [];
  for (let index = 0; index < QUIET_UPDATES; index++) one.push((await postUpdate(QUIET_UPDATES + index)).ms);
  await db.subscriber.deleteMany();

  // What was posted so far is fanned out first (to nobody: it happened before they subscribed), so each loud update's fan-out is its own.
  await waitUntilFannedOut(db);
  await subscribeEveryone(db, receiver.url);
  const loud: number[] = [];
  const fanOuts: (number | null)[] = [];
  for (let index = 0; index < LOUD_UPDATES; index++) {
    const { ms } = await postUpdate(2 * QUIET_UPDATES + index);
    const answeredAt = Date.now();
    loud.push(ms);
    const notification = await db.notification.findFirstOrThrow({ where: { kind: 'incident_update' }, orderBy: { createdAt: 'desc' }, select: { id: true } });
    let done: number | null = null;
    while (Date.now() - answeredAt < FAN_OUT_LIMIT_MS) {
      const delivered = await db.delivery.count({ where: { notificationId: notification.id, status: 'delivered' } });
      if (delivered >= EMAIL_SUBSCRIBERS + WEBHOOK_SUBSCRIBERS) {
        done = Date.now() - answeredAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    fanOuts.push(done);
    if (done === null) break;
  }
  const finished = fanOuts.filter((value): value is number => value !== null);
  return {
    provider,
    quietMs: median(quiet),
    oneMs: median(one),
    loudMs: median(loud),
    fanOutMs: finished.length === fanOuts.length ? median(finished) : null,
    slowestFanOutMs: finished.length === fanOuts.length ? Math.max(...finished) : null,
    emails: smtp.count(),
    webhooks: receiver.count(),
  };
}

/** The same 10,000 emails and 200 webhook posts sent from memory with REFERENCE_IN_FLIGHT at once. */
async function referenceSend(): Promise<number> {
  const smtp = await startCountingSmtp();
  const receiver = await startCountingReceiver();
  const transport = nodemailer.createTransport({ url: smtp.url, pool: true, maxConnections: 5 } as never);
  const jobs: (() => Promise<unknown>)[] = [
    ...Array.from({ length: EMAIL_SUBSCRIBERS }, (_, index) => () => transport.sendMail({ from: 'status@example.com', to: `reader${index}@example.com`, subject: '[Demo] Investigating: Elevated 502s', text: 'Looking into it.', html: '<p>Looking into it.</p>' })),
    ...Array.from({ length: WEBHOOK_SUBSCRIBERS }, (_, index) => () => request(`${receiver.url}/hook/${index}`, { method: 'POST', body: '{"incident":{}}', headers: { 'content-type': 'application/json' } }).then((response) => response.body.dump())),
  ];
  const start = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: REFERENCE_IN_FLIGHT }, async () => {
    while (next < jobs.length) await jobs[next++]();
  }));
  const ms = performance.now() - start;
  transport.close();
  await smtp.stop();
  await receiver.stop();
  return ms;
}
