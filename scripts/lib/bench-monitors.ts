// `npm run bench`, section "Monitor checks": how many HTTP checks a minute the production server
// sustains against a local upstream, with the CPU and memory it uses for them, beside a bare undici
// request loop doing the same requests (the reference); and the public page's throughput while
// monitors run, beside the ceiling. The upstream and the reference each run in their own process, so
// only the server's own work is counted as ours.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../../lib/access/permissions.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { applyMigrations } from '../../lib/db/migrate.ts';
import { createMonitor } from '../../lib/monitors/manage-monitors.ts';
import { scalePageSpec } from '../../lib/seed/scale.ts';
import { replaceAllWithPage } from '../../lib/seed/write-page.ts';
import { createEmptyDatabaseUrl, dropDatabaseUrl } from '../../test/helpers/databases.ts';
import { record, startCeiling, wrk, type WrkResult } from './bench-http.ts';
import { freePort, startGatewatch, type GatewatchProcess } from './gatewatch-process.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * 2,000 monitors at the shortest interval (10 s). A monitor is due again one interval after it was
 * claimed, on the scheduler's 1 s tick, so each is checked every 10 to 11 s: about 11,000 checks a
 * minute offered, more than the goal of 10,000 so that falling short shows. On the 100-component page
 * that is 20 monitors a component (a check reads its component's monitors); 10,000 monitors at the
 * default 60 s would put 100 on each, or need 10,000 components.
 */
export const MONITORS = 2000;
export const INTERVAL_S = 10;
/** The public page is measured with this many of them running (the others paused). */
export const MONITORS_DURING_READS = 1000;
/** Checks a minute `count` monitors make: each every INTERVAL_S and half a tick on average. */
export const checksPerMinuteOf = (count: number) => Math.round((count * 60) / (INTERVAL_S + 0.5));
export const OFFERED_PER_MINUTE = checksPerMinuteOf(MONITORS);
/** Every monitor checked twice (its first check may change its component's status) before measuring. */
const WARM_UP_S = 2 * INTERVAL_S + 5;
export const WINDOW_S = 60;
const CLOCK_TICKS_PER_S = 100;

export interface Usage {
  checks: number;
  failed: number;
  seconds: number;
  cpuSeconds: number;
  residentMb: number;
}

export interface MonitorProviderResult {
  provider: string;
  load: Usage & { rebuilds: number };
  reads?: { ours: WrkResult; ceiling: WrkResult; checksPerMinute: number };
}

export interface MonitorBenchResult {
  reference: Usage | null;
  providers: MonitorProviderResult[];
}

/** Seconds of CPU the process has used so far (all its threads, user and system). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
}

function residentMbOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function forkReady(file: string, args: string[], execArgv: string[] = []): Promise<ChildProcess> {
  const child = fork(file, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${path.basename(file)} exited with ${code}`)));
  });
}

/** The service the monitors check: a bare Node server answering 200 "ok", in its own process. */
async function startUpstream(dir: string) {
  const file = path.join(dir, 'upstream-fixtures.json');
  fs.writeFileSync(file, JSON.stringify({ '/': { status: 200, headers: { 'content-type': 'text/plain' }, body: Buffer.from('ok').toString('base64') } }));
  const port = await freePort();
  const child = await forkReady(path.join(ROOT, 'scripts/lib/ceiling-server.ts'), [String(port), file], ['--import', 'tsx']);
  return { url: `http://127.0.0.1:${port}/`, stop: () => void child.kill('SIGTERM') };
}

/** The reference: the bare request loop at the offered rate for the window, in its own process. */
async function runReference(url: string): Promise<Usage> {
  const child = await forkReady(path.join(ROOT, 'scripts/lib/bench-check-loop.mjs'), [url, String(OFFERED_PER_MINUTE), String(WINDOW_S)]);
  try {
    const pid = child.pid!;
    const cpuBefore = cpuSeconds(pid);
    const started = performance.now();
    const done = new Promise<{ completed: number; failed: number }>((resolve) => child.once('message', (message) => resolve(message as { completed: number; failed: number })));
    child.send('start');
    const counts = await Promise.race([done, sleep((WINDOW_S + 30) * 1000).then(() => Promise.reject(new Error('the reference loop did not finish')))]);
    const seconds = (performance.now() - started) / 1000;
    return { checks: counts.completed, failed: counts.failed, seconds, cpuSeconds: cpuSeconds(pid) - cpuBefore, residentMb: residentMbOf(pid) };
  } finally {
    child.kill('SIGTERM');
  }
}

const rebuilds = async (server: GatewatchProcess) => ((await (await fetch(`${server.url}/readyz`)).json()) as { snapshot: { rebuilds: number } }).snapshot.rebuilds;

async function checksBetween(db: Db, from: Date, to: Date) {
  const [checks, failed] = await Promise.all([
    db.monitorCheck.count({ where: { at: { gte: from, lt: to } } }),
    db.monitorCheck.count({ where: { at: { gte: from, lt: to }, ok: false } }),
  ]);
  return { checks, failed };
}

/** The monitors on the 100-component page, spread over the components and over their interval. */
async function createMonitors(db: Db, upstreamUrl: string) {
  const components = await db.component.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const start = Date.now();
  for (let i = 0; i < MONITORS; i++) {
    // First due spread over one interval, as monitors added over time are, not all at once.
    const firstDue = new Date(start + Math.floor((i * INTERVAL_S * 1000) / MONITORS));
    await createMonitor(
      db,
      { kind: 'http', name: `Check ${i + 1}`, componentId: components[i % components.length].id, settings: { url: upstreamUrl }, intervalSeconds: INTERVAL_S, timeoutSeconds: 5 },
      SYSTEM_ACTOR,
      firstDue,
    );
  }
}

/** The server's process id, or why it is gone (with its warnings and errors). */
function pidOf(server: GatewatchProcess): number {
  const { exitCode, signalCode, pid } = server.child;
  if (exitCode !== null || signalCode !== null) throw new Error(`the server exited (${signalCode ?? exitCode}):\n${server.output().slice(-2000)}`);
  return pid!;
}

async function measureLoad(db: Db, server: GatewatchProcess): Promise<MonitorProviderResult['load']> {
  const pid = pidOf(server);
  const rebuildsBefore = await rebuilds(server);
  const cpuBefore = cpuSeconds(pid);
  const from = new Date();
  await sleep(WINDOW_S * 1000);
  const cpuAfter = cpuSeconds(pidOf(server));
  const to = new Date();
  const residentMb = residentMbOf(pid);
  const rebuildsAfter = await rebuilds(server);
  // Checks under way at the window's end are recorded within their timeout.
  await sleep(1000);
  return { ...(await checksBetween(db, from, to)), seconds: (to.getTime() - from.getTime()) / 1000, cpuSeconds: cpuAfter - cpuBefore, residentMb, rebuilds: rebuildsAfter - rebuildsBefore };
}

const median = <T>(values: T[], by: (value: T) => number) => [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)];

/** `/` under wrk with MONITORS_DURING_READS monitors running, beside the ceiling answering its bytes. */
async function measureReads(db: Db, server: GatewatchProcess, dir: string, seconds: number, rounds: number) {
  const keep = await db.monitor.findMany({ select: { id: true }, orderBy: { name: 'asc' }, skip: MONITORS_DURING_READS });
  await db.monitor.updateMany({ where: { id: { in: keep.map((monitor) => monitor.id) } }, data: { paused: true } });
  await sleep(INTERVAL_S * 1000);
  const fixtures = { '/': await record(`${server.url}/`) };
  const ceiling = await startCeiling(await freePort(), fixtures, dir);
  try {
    wrk(`${server.url}/`, 2);
    wrk(`${ceiling.url}/`, 2);
    const runs: { ours: WrkResult; ceiling: WrkResult }[] = [];
    const from = new Date();
    for (let round = 0; round < rounds; round++) runs.push({ ours: wrk(`${server.url}/`, seconds), ceiling: wrk(`${ceiling.url}/`, seconds) });
    const to = new Date();
    await sleep(1000);
    const { checks } = await checksBetween(db, from, to);
    return {
      ours: median(runs.map((run) => run.ours), (run) => run.requestsPerSecond),
      ceiling: median(runs.map((run) => run.ceiling), (run) => run.requestsPerSecond),
      checksPerMinute: (checks * 60_000) / (to.getTime() - from.getTime()),
    };
  } finally {
    ceiling.stop();
  }
}

export interface MonitorBenchOptions {
  /** wrk's seconds per run and runs per server, for `/`. */
  seconds: number;
  rounds: number;
  /** To measure a change to the checks alone: fewer databases, without the reference or `/`. */
  providers?: ('sqlite' | 'postgresql')[];
  reference?: boolean;
  reads?: boolean;
}

export async function benchMonitorChecks(dir: string, options: MonitorBenchOptions): Promise<MonitorBenchResult> {
  const upstream = await startUpstream(dir);
  try {
    if (options.reference !== false) console.log(`Monitor checks: the reference loop, ${OFFERED_PER_MINUTE} requests a minute for ${WINDOW_S} s…`);
    const reference = options.reference === false ? null : await runReference(upstream.url);
    if (reference) console.log(`reference: ${Math.round((reference.checks * 60) / reference.seconds)} requests/min, ${(reference.cpuSeconds / reference.seconds).toFixed(3)} of a core, ${Math.round(reference.residentMb)} MB`);
    const providers: MonitorProviderResult[] = [];
    for (const provider of options.providers ?? (['sqlite', 'postgresql'] as const)) {
      let url = `file:${path.join(dir, 'monitors.db')}`;
      if (provider === 'postgresql') {
        try {
          url = await createEmptyDatabaseUrl('postgresql');
        } catch (error) {
          console.warn(`PostgreSQL not reachable, monitor checks measured on SQLite only: ${(error as Error).message}`);
          continue;
        }
      }
      const db = createDb(url);
      let server: GatewatchProcess | undefined;
      try {
        await applyMigrations(url);
        await replaceAllWithPage(db, scalePageSpec({ pageUrl: 'http://127.0.0.1', now: new Date() }));
        await createMonitors(db, upstream.url);
        server = await startGatewatch({
          // Rebuilds on the timer are turned off: those counted are the ones writes asked for.
          env: { DATABASE_URL: url, SNAPSHOT_PATH: path.join(dir, `monitors-${provider}.json`), DEMO_SEED: 'never', SNAPSHOT_REFRESH_SECONDS: '3600', LOG_LEVEL: 'warn' },
          // Kept to tell why, should it exit.
          captureOutput: true,
        });
        console.log(`${provider}: ${MONITORS} monitors every ${INTERVAL_S} s; warming up ${WARM_UP_S} s, then measuring ${WINDOW_S} s…`);
        await sleep(WARM_UP_S * 1000);
        const load = await measureLoad(db, server);
        console.log(`${provider}: ${Math.round((load.checks * 60) / load.seconds)} checks/min, ${(load.cpuSeconds / load.seconds).toFixed(2)} of a core, ${load.rebuilds} rebuilds`);
        const reads = provider === 'sqlite' && options.reads !== false ? await measureReads(db, server, dir, options.seconds, options.rounds) : undefined;
        if (reads) console.log(`${provider}: / ${Math.round(reads.ours.requestsPerSecond)} req/s vs ceiling ${Math.round(reads.ceiling.requestsPerSecond)} with ${MONITORS_DURING_READS} monitors`);
        providers.push({ provider, load, reads });
      } finally {
        await server?.stop();
        await db.$disconnect();
        if (provider === 'postgresql') await dropDatabaseUrl(url);
      }
    }
    return { reference, providers };
  } finally {
    upstream.stop();
  }
}
