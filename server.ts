// Gatewatch's process: applies migrations, seeds the demo on an empty database, keeps the public
// snapshot current, answers hot public GETs from memory, and hands everything else to Next.js.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import next from 'next';
import { getDb } from './lib/db/client.ts';
import { applyMigrations } from './lib/db/migrate.ts';
import { CLIENT_IP_HEADER, ensureOwnerFromEnv } from './lib/auth/operators.ts';
import { clientAddress } from './lib/client-address.ts';
import { checkFormPost } from './lib/http/form-post.ts';
import { assignRequestId, setRequestIdHeader, withRequestId } from './lib/http/request-id.ts';
import { remindOfMaintenance, runMaintenanceSchedule } from './lib/maintenance/maintenance.ts';
import { EnvError, getEnv } from './lib/env.ts';
import { log } from './lib/log.ts';
import { PROJECT_ROOT } from './lib/project-root.ts';
import { onLocalChange } from './lib/db/writes.ts';
import { watchChanges } from './lib/read-path/watch-changes.ts';
import { createFastPath } from './lib/read-path/fast-path.ts';
import { getReadPath } from './lib/read-path/instance.ts';
import { keepErrorPageFilesCurrent } from './lib/error-pages/error-page-files.ts';
import { isDatabaseEmpty, seedDemo } from './lib/seed/demo.ts';
import { startMonitorScheduler } from './lib/monitors/scheduler.ts';
import { startMonitorMaintenanceJob } from './lib/monitors/maintenance-job.ts';
import { startDeliveryWorker } from './lib/notifications/worker.ts';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const dev = process.argv.includes('--dev');
const RENDER_HEADER = 'x-gatewatch-render';

async function main() {
  const env = getEnv();
  await prepareDatabase(env.DATABASE_URL, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`, env.DEMO_SEED);

  const readPath = getReadPath();
  await readPath.refresh();
  if (!readPath.peek() && readPath.loadFromDisk()) log('warn', 'database unreachable: serving the snapshot saved on disk');
  const refresh = () => void readPath.refresh();
  onLocalChange(refresh);
  watchChanges(env.DATABASE_URL, refresh);
  setInterval(refresh, env.SNAPSHOT_REFRESH_SECONDS * 1000).unref();
  if (env.ERROR_PAGES_DIR) keepErrorPageFilesCurrent(readPath, env.ERROR_PAGES_DIR);
  // Scheduled maintenance starts and completes on its own, and its subscribers are reminded an hour
  // before; checked every 15 seconds.
  const runSchedule = () =>
    Promise.all([runMaintenanceSchedule(getDb()), remindOfMaintenance(getDb())]).then(
      ([done, reminded]) => (done.length || reminded.length) && log('info', 'maintenance schedule', { done, reminded }),
      (error) => log('warn', 'maintenance schedule could not run', { error: String(error).split('\n')[0] }),
    );
  void runSchedule();
  setInterval(runSchedule, 15_000).unref();
  // Monitors' checks, claimed through the database so several instances share them.
  startMonitorScheduler(getDb());
  startMonitorMaintenanceJob(getDb(), { checkDays: env.MONITOR_CHECK_RETENTION_DAYS, rollupDays: env.MONITOR_ROLLUP_RETENTION_DAYS });
  // Notifications to subscribers, from the outbox; each delivery sent by one instance.
  startDeliveryWorker(getDb());

  const app = next({ dev, dir: PROJECT_ROOT, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();

  // Pages are rendered by Next.js once per snapshot version, through a loopback request that only
  // this process can make (the token is never sent to anyone else).
  const renderToken = randomBytes(24).toString('hex');
  const renderHtml = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${env.PORT}${path}`, {
      headers: { [RENDER_HEADER]: renderToken, 'accept-encoding': 'identity' },
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: Buffer.from(await response.arrayBuffer()),
    };
  };
  // The same hosts as next.config.js's serverActions.allowedOrigins.
  const formHosts = env.PUBLIC_URL ? [new URL(env.PUBLIC_URL).host] : [];
  const refuse = (req: http.IncomingMessage, res: http.ServerResponse, status: number, message: string) => {
    res.writeHead(status, withRequestId(req, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', connection: 'close' }));
    res.end(`${message}\n`);
  };
  const toNext = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // No address of ours holds a NUL character, and PostgreSQL would refuse it as an id.
    if (/%00/.test((req.url ?? '').split('?')[0])) return refuse(req, res, 400, 'This address is not valid.');
    setRequestIdHeader(req, res);
    req.headers[CLIENT_IP_HEADER] = clientAddress(req, env.TRUST_PROXY);
    // A POST to a page is an admin form; the API reads its own bodies.
    if (req.method !== 'POST' || req.url?.startsWith('/api/')) return void handle(req, res);
    void checkFormPost(req, formHosts).then((check) => (check.ok ? void handle(check.req, res) : refuse(req, res, check.status, check.message)));
  };
  const serve = createFastPath(readPath, renderHtml, toNext);

  const server = http.createServer((req, res) => {
    // First, so every answer carries it, whoever writes it: the fast path, a refusal here, or Next.
    assignRequestId(req);
    if (req.headers[RENDER_HEADER] === renderToken) toNext(req, res);
    else serve(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(env.PORT, env.HOST, () => {
    log('info', `Gatewatch is listening on http://localhost:${env.PORT}`, { dev, database: env.DATABASE_URL.split(':')[0] });
    // Ask for the front page now, so the first visitor gets it from memory.
    void fetch(`http://127.0.0.1:${env.PORT}/`).then((response) => response.arrayBuffer(), () => {});
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** Migrations and the demo seed; with the database down, start anyway and serve the saved snapshot. */
async function prepareDatabase(databaseUrl: string, pageUrl: string, demoSeed: 'auto' | 'never') {
  try {
    const applied = await applyMigrations(databaseUrl);
    if (applied.length) log('info', 'applied migrations', { migrations: applied });
    if (await ensureOwnerFromEnv(getDb(), getEnv())) log('info', 'created the owner from ADMIN_EMAIL');
    if (demoSeed === 'auto' && (await isDatabaseEmpty(getDb()))) {
      await seedDemo(getDb(), { pageUrl });
      log('info', 'seeded the demo page into the empty database (DEMO_SEED=never turns this off)');
    }
  } catch (error) {
    log('error', 'database not ready at start-up; serving the last saved snapshot until it is', {
      error: error instanceof Error ? error.message.split('\n')[0] : String(error),
    });
  }
}

main().catch((error) => {
  if (error instanceof EnvError) console.error(error.message);
  else log('error', 'Gatewatch failed to start', { error: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
