// `npm run bench`: how fast the production server answers the hot public reads, next to a bare Node
// http server answering the same bytes from memory (the ceiling); how one large page scales; writes and
// admin reads (bench-writes.ts); monitor checks (bench-monitors.ts); notifications (bench-notifications.ts). Writes BENCHMARKS.md.
// Options: --no-build (reuse .next), --duration SECONDS (per run, default 8), --only notifications (that section alone, replaced in BENCHMARKS.md).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createDb, type Db } from '../lib/db/client.ts';
import { applyMigrations } from '../lib/db/migrate.ts';
import { buildSnapshot } from '../lib/status/build-snapshot.ts';
import { scalePageSpec } from '../lib/seed/scale.ts';
import { replaceAllWithPage } from '../lib/seed/write-page.ts';
import { createEmptyDatabaseUrl, dropDatabaseUrl } from '../test/helpers/databases.ts';
import { benchWritesAndAdminReads, residentMb, type ProviderResult } from './lib/bench-writes.ts';
import { freePort, startGatewatch, type GatewatchProcess } from './lib/gatewatch-process.ts';
import { CONNECTIONS, getRaw, record, requireWrk, startCeiling, wrk, type WrkResult } from './lib/bench-http.ts';
import { benchNotifications, EMAIL_SUBSCRIBERS, WEBHOOK_SUBSCRIBERS, type NotificationBenchResult } from './lib/bench-notifications.ts';
import { benchMonitorChecks, checksPerMinuteOf, INTERVAL_S, MONITORS, MONITORS_DURING_READS, OFFERED_PER_MINUTE, WINDOW_S, type MonitorBenchResult } from './lib/bench-monitors.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const DURATION_S = Number(args[args.indexOf('--duration') + 1]) || 8;
const ROUNDS = 3;
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 25;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;

async function benchHotReads(dir: string) {
  const gatewatch = await startGatewatch({
    env: { DATABASE_URL: `file:${path.join(dir, 'demo.db')}`, SNAPSHOT_PATH: path.join(dir, 'demo-snapshot.json') },
  });
  let ceiling: Awaited<ReturnType<typeof startCeiling>> | undefined;
  try {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleMb = residentMb(gatewatch);
    const summary = await (await fetch(`${gatewatch.url}/api/v2/summary.json`)).json();
    const targets = ['/', '/api/v2/summary.json', `/incidents/${summary.incidents[0].id}`, '/badge.svg', '/badge/public-api/uptime.svg?days=30'];
    const fixtures = Object.fromEntries(await Promise.all(targets.map(async (target) => [target, await record(gatewatch.url + target)] as const)));
    ceiling = await startCeiling(await freePort(), fixtures, dir);

    const rows = [];
    for (const target of targets) {
      // Warm both up first (JIT, first renders), unmeasured.
      wrk(gatewatch.url + target, 2);
      wrk(ceiling.url + target, 2);
      const runs: { gatewatch: WrkResult; ceiling: WrkResult }[] = [];
      // Alternate the two servers so a noisy neighbour hurts both alike.
      for (let round = 0; round < ROUNDS; round++) {
        runs.push({ gatewatch: wrk(gatewatch.url + target, DURATION_S), ceiling: wrk(ceiling.url + target, DURATION_S) });
      }
      const ours = { rps: median(runs.map((run) => run.gatewatch.requestsPerSecond)), p99: median(runs.map((run) => run.gatewatch.p99Ms)) };
      const top = { rps: median(runs.map((run) => run.ceiling.requestsPerSecond)), p99: median(runs.map((run) => run.ceiling.p99Ms)) };
      const errors = runs.reduce((sum, run) => sum + run.gatewatch.errors, 0);
      const row = { target, bytes: fixtures[target].body.length, encoding: fixtures[target].headers['content-encoding'] ?? 'identity', ours, top, ratio: ours.rps / top.rps, errors };
      console.log(`${target}: ${fmt(ours.rps)} req/s (p99 ${fmt(ours.p99, 2)} ms) vs ceiling ${fmt(top.rps)} req/s → ${fmt(row.ratio, 2)}`);
      rows.push(row);
    }
    return { rows, memory: { idleMb, afterMb: residentMb(gatewatch) } };
  } finally {
    ceiling?.stop();
    await gatewatch.stop();
  }
}

async function timeRebuilds(db: Db, now: Date) {
  const coldStart = performance.now();
  const snapshot = await buildSnapshot(db, now);
  const coldMs = performance.now() - coldStart;
  const warm = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await buildSnapshot(db, now);
    warm.push(performance.now() - start);
  }
  return { coldMs, warmMs: median(warm), snapshotBytes: Buffer.byteLength(JSON.stringify(snapshot)) };
}

async function benchScale(dir: string) {
  const now = new Date();
  const spec = scalePageSpec({ pageUrl: 'http://127.0.0.1:4102', now });
  const rebuilds: { provider: string; coldMs: number; warmMs: number; snapshotBytes: number }[] = [];
  const sqliteUrl = `file:${path.join(dir, 'scale.db')}`;
  for (const provider of ['sqlite', 'postgresql'] as const) {
    let url = sqliteUrl;
    if (provider === 'postgresql') {
      try {
        url = await createEmptyDatabaseUrl('postgresql');
      } catch (error) {
        console.warn(`PostgreSQL not reachable, scale rebuild measured on SQLite only: ${(error as Error).message}`);
        continue;
      }
    }
    const db = createDb(url);
    try {
      await applyMigrations(url);
      await replaceAllWithPage(db, spec);
      rebuilds.push({ provider, ...(await timeRebuilds(db, now)) });
    } finally {
      await db.$disconnect();
      if (provider === 'postgresql') await dropDatabaseUrl(url);
    }
  }

  // The front page of that large page, rendered by the production server.
  const server: GatewatchProcess = await startGatewatch({
    env: { DATABASE_URL: sqliteUrl, SNAPSHOT_PATH: path.join(dir, 'scale-snapshot.json'), DEMO_SEED: 'never' },
  });
  try {
    const sizeWith = async (encoding: string) => (await getRaw(`${server.url}/`, { 'accept-encoding': encoding })).body.length;
    const page = { raw: await sizeWith('identity'), gzip: await sizeWith('gzip'), br: await sizeWith('br') };
    const components = spec.groups.reduce((sum, group) => sum + group.components.length, 0);
    return { rebuilds, page, components, groups: spec.groups.length, incidents: spec.incidents.length };
  } finally {
    await server.stop();
  }
}

const MEMORY_GOALS_MB = { demo: 250, scale: 350 };
const GOAL_ADMIN_READ_MS = 25;
const GOAL_PATCH_MS = 50;
const GOAL_VISIBLE_MS = 300;

function writesSection(results: ProviderResult[], demoMemory: { idleMb: number; afterMb: number }) {
  const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
  const ratio = (ours: number, reference: number) => `${fmt(ours / reference, 1)}×`;
  return [
    '## Writes and admin reads at scale',
    '',
    'The same 100-component page, served by the production server (`npm start`) on each database. Admin API',
    'reads: the median of 60 requests one at a time with an `admin` key, beside bare Prisma reading the same',
    'rows on its own client in the same run (no HTTP, no key check, no JSON). A status change: `PATCH',
    '/components/{id}` one at a time (40, each left to settle), answered, then polled on',
    '`/api/v2/components.json` until it shows; beside bare Prisma writing the same rows (the component and its',
    `history row, in one transaction). Goals: reads under ${GOAL_ADMIN_READ_MS} ms, a PATCH answered under ${GOAL_PATCH_MS} ms and visible`,
    `under ${GOAL_VISIBLE_MS} ms.`,
    '',
    '| Database | Request | Gatewatch p50 | Bare Prisma p50 | Ratio | Goal met |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...results.flatMap((result) => [
      ...result.reads.map((read) => `| ${result.provider} | \`${read.endpoint}\` | ${fmt(read.oursMs, 1)} ms | ${fmt(read.referenceMs, 2)} ms | ${ratio(read.oursMs, read.referenceMs)} | ${yes(read.oursMs < GOAL_ADMIN_READ_MS)} |`),
      `| ${result.provider} | \`PATCH /components/{id}\` answered | ${fmt(result.patch.answeredMs, 1)} ms | ${fmt(result.patch.referenceMs, 2)} ms | ${ratio(result.patch.answeredMs, result.patch.referenceMs)} | ${yes(result.patch.answeredMs < GOAL_PATCH_MS)} |`,
      `| ${result.provider} | … visible on \`components.json\` | ${fmt(result.patch.visibleMs, 1)} ms${result.patch.unseen ? ` (${result.patch.unseen} never seen)` : ''} | | | ${yes(result.patch.visibleMs < GOAL_VISIBLE_MS && result.patch.unseen === 0)} |`,
    ]),
    '',
    'A burst: 100 status changes sent by 10 clients at once. Rebuilds are counted by `/readyz`; "right" is when',
    '`components.json` shows every change, measured from the last answer. Goal: right within a second, and far fewer',
    'rebuilds than writes.',
    '',
    '| Database | Writes | Sent in | Rebuilds | Right after the last answer | Goal met |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...results.map(
      ({ provider, burst }) =>
        `| ${provider} | ${burst.writes} | ${fmt(burst.seconds, 2)} s | ${burst.rebuilds} | ${burst.rightAfterMs === null ? 'not within 5 s' : `${fmt(burst.rightAfterMs)} ms`} | ${yes(burst.rightAfterMs !== null && burst.rightAfterMs < 1000 && burst.rebuilds < burst.writes / 4)} |`,
    ),
    '',
    'Resident memory of the server process (VmRSS): idle is 3 s after start; "after" is at the end of its runs above',
    `(the demo page: the hot reads; the 100-component page: this section). Goals: idle under ${MEMORY_GOALS_MB.demo} MB on the demo page and`,
    `${MEMORY_GOALS_MB.scale} MB on the large one.`,
    '',
    '| Page | Database | Idle | After the bench | Goal met (idle) |',
    '| --- | --- | ---: | ---: | --- |',
    `| demo | sqlite | ${fmt(demoMemory.idleMb)} MB | ${fmt(demoMemory.afterMb)} MB | ${yes(demoMemory.idleMb < MEMORY_GOALS_MB.demo)} |`,
    ...results.map(({ provider, memory }) => `| 100 components | ${provider} | ${fmt(memory.idleMb)} MB | ${fmt(memory.afterMb)} MB | ${yes(memory.idleMb < MEMORY_GOALS_MB.scale)} |`),
    '',
  ];
}

const GOAL_CHECKS_PER_MINUTE = 10_000;
const GOAL_CHECK_CORES = 0.5;

function monitorsSection({ reference, providers }: MonitorBenchResult) {
  const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
  const perMinute = (usage: { checks: number; seconds: number }) => (usage.checks * 60) / usage.seconds;
  const cores = (usage: { cpuSeconds: number; seconds: number }) => usage.cpuSeconds / usage.seconds;
  const msPerCheck = (usage: { cpuSeconds: number; checks: number }) => (usage.cpuSeconds * 1000) / Math.max(1, usage.checks);
  const coresAtGoal = (usage: { cpuSeconds: number; checks: number }) => (msPerCheck(usage) * GOAL_CHECKS_PER_MINUTE) / 60_000;
  const reads = providers.filter((provider) => provider.reads);
  return [
    '## Monitor checks',
    '',
    `${fmt(MONITORS)} HTTP monitors every ${INTERVAL_S} s, made with \`createMonitor\` on the 100-component page (${fmt(MONITORS / 100)} a component, their`,
    'first checks spread over the interval). A monitor is due again one interval after it was claimed, on the scheduler\'s',
    `1 s tick, so each runs every ${INTERVAL_S} to ${INTERVAL_S + 1} s: about ${fmt(Math.round(OFFERED_PER_MINUTE / 100) * 100)} checks a minute offered, more than the goal so that`,
    'falling short shows. They check a bare Node server on loopback that answers 200 "ok" from its own process. The',
    `production server runs them (its scheduler and status rule, as in use) for ${WINDOW_S} s after every monitor was checked twice;`,
    'counted: the check rows recorded in the window, the',
    "server process's CPU time (user + system of all its threads, from `/proc`) and resident memory, and snapshot",
    'rebuilds from `/readyz` (the rebuild timer turned off, so those counted are the ones writes asked for: checks that',
    'change no status must ask for none). The reference, in the same run: a bare undici `request()` loop in its own',
    'process at that rate for as long, with a fresh `Agent` (a new connection) per request as the probe has, so',
    'the difference is the scheduling, the database and the rule. "At 10,000/min" is the CPU per check times 10,000',
    `a minute, as a share of one core. Goal: at least ${fmt(GOAL_CHECKS_PER_MINUTE)} checks a minute sustained, under ${GOAL_CHECK_CORES} of one core at`,
    '10,000 a minute, and no rebuilds.',
    '',
    '| Runs the checks | Checks/min | Failed | CPU, share of one core | CPU per check | At 10,000/min | Ratio to the reference | Resident memory | Rebuilds | Goal met |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...providers.map(({ provider, load }) => {
      const ratio = reference ? `${fmt(msPerCheck(load) / msPerCheck(reference), 1)}×` : '';
      const met = perMinute(load) >= GOAL_CHECKS_PER_MINUTE && coresAtGoal(load) < GOAL_CHECK_CORES && load.rebuilds === 0 && load.failed === 0;
      return `| Gatewatch, ${provider} | ${fmt(perMinute(load))} | ${load.failed} | ${fmt(cores(load), 2)} | ${fmt(msPerCheck(load), 2)} ms | ${fmt(coresAtGoal(load), 2)} | ${ratio} | ${fmt(load.residentMb)} MB | ${load.rebuilds} | ${yes(met)} |`;
    }),
    ...(reference ? [`| bare undici loop (reference) | ${fmt(perMinute(reference))} | ${reference.failed} | ${fmt(cores(reference), 2)} | ${fmt(msPerCheck(reference), 2)} ms | ${fmt(coresAtGoal(reference), 2)} | 1× | ${fmt(reference.residentMb)} MB | | |`] : []),
    '',
    `\`/\` of the 100-component page while ${fmt(MONITORS_DURING_READS)} of those monitors run (the others paused; about ${fmt(Math.round(checksPerMinuteOf(MONITORS_DURING_READS) / 100) * 100)} checks a minute`,
    `offered), against the ceiling server answering the same recorded bytes: wrk as above (${CONNECTIONS} connections, ${DURATION_S} s`,
    `per run, median of ${ROUNDS} alternating runs). Goal: at least ${GOAL_RATIO} of the ceiling.`,
    '',
    '| Database | Gatewatch req/s | p99 | Ceiling req/s | Ceiling p99 | Ratio | Checks/min meanwhile | Goal met |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...reads.map(({ provider, reads: row }) => {
      const ratio = row!.ours.requestsPerSecond / row!.ceiling.requestsPerSecond;
      return `| ${provider} | ${fmt(row!.ours.requestsPerSecond)} | ${fmt(row!.ours.p99Ms, 2)} ms | ${fmt(row!.ceiling.requestsPerSecond)} | ${fmt(row!.ceiling.p99Ms, 2)} ms | ${fmt(ratio, 2)} | ${fmt(row!.checksPerMinute)} | ${yes(ratio >= GOAL_RATIO && row!.ours.errors === 0)} |`;
    }),
    '',
  ];
}

const GOAL_FAN_OUT_S = 60;
/** "As fast with everyone subscribed as with nobody": within this ratio, or 5 ms, of it (a shared machine's noise). */
const GOAL_ANSWER_RATIO = 1.5;

function notificationsSection({ providers, referenceMs }: NotificationBenchResult) {
  const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
  const seconds = (ms: number | null) => (ms === null ? `not within 180 s` : `${fmt(ms / 1000, 1)} s`);
  return [
    '## Notifications',
    '',
    `The demo page on the production server with a local SMTP server (smtp-server, counting what it accepts) and a local`,
    `webhook receiver (one HTTP server, a path per subscriber), both in the bench's process. An incident update is posted`,
    `with \`PATCH /incidents/{id}\` (status and message) fifteen times with nobody subscribed, fifteen with one webhook; once those are fanned out, ${fmt(EMAIL_SUBSCRIBERS)} confirmed email subscribers and`,
    `${WEBHOOK_SUBSCRIBERS} webhooks are added and it is posted three times, each once the last one's fan-out is over. The fan-out is`,
    'timed from the answer until every one of its deliveries is recorded delivered (read from the database every 200 ms).',
    "The update's write adds one row saying what happened whoever is subscribed; the delivery worker builds the body and fans it out.",
    `The reference, in the same run: nodemailer's pool (5 connections) and undici sending the same ${fmt(EMAIL_SUBSCRIBERS + WEBHOOK_SUBSCRIBERS)} messages from memory`,
    `with 200 at once, as many as the delivery worker: ${fmt(referenceMs / 1000, 1)} s. Goals: the update answered as fast with everyone`,
    `subscribed as with nobody (within ${GOAL_ANSWER_RATIO}× or 5 ms), and the whole fan-out within ${GOAL_FAN_OUT_S} s.`,
    '',
    '| Database | Answered, nobody subscribed | One subscriber | Everyone | Fan-out (median of 3) | Slowest | Ratio to the reference | Emails / webhooks received | Goal met |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...providers.map((row) => {
      const answerOk = row.loudMs <= Math.max(row.quietMs * GOAL_ANSWER_RATIO, row.quietMs + 5);
      const fanOutOk = row.slowestFanOutMs !== null && row.slowestFanOutMs < GOAL_FAN_OUT_S * 1000;
      const ratio = row.fanOutMs === null ? '' : `${fmt(row.fanOutMs / referenceMs, 1)}×`;
      return `| ${row.provider} | ${fmt(row.quietMs, 1)} ms | ${fmt(row.oneMs, 1)} ms | ${fmt(row.loudMs, 1)} ms | ${seconds(row.fanOutMs)} | ${seconds(row.slowestFanOutMs)} | ${ratio} | ${fmt(row.emails)} / ${fmt(row.webhooks)} | ${yes(answerOk && fanOutOk)} |`;
    }),
    '',
  ];
}

/** Puts `section` (starting with its "## " heading) in place of the section of the same heading in BENCHMARKS.md, or at its end. */
function replaceSection(section: string[]) {
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const start = lines.indexOf(section[0]);
  const end = start < 0 ? -1 : lines.findIndex((line, index) => index > start && line.startsWith('## '));
  if (start < 0) lines.push(...section);
  else lines.splice(start, (end < 0 ? lines.length : end) - start, ...section);
  fs.writeFileSync(file, lines.join('\n'));
}

function writeReport(hotReads: Awaited<ReturnType<typeof benchHotReads>>, scale: Awaited<ReturnType<typeof benchScale>>, writes: ProviderResult[], monitors: MonitorBenchResult, notifications: NotificationBenchResult) {
  const hot = hotReads.rows;
  const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const wrkVersion = spawnSync('wrk', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].trim();
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: Node ${process.version},`,
    `${os.cpus().length} × ${cpu}, ${wrkVersion}. Machines are shared and noisy: compare the ratios, not the bare numbers.`,
    '',
    '## Hot public reads',
    '',
    `Production build served by \`server.ts\` on the demo page (SQLite), against a bare Node \`http\` server answering`,
    `the same recorded bytes and headers from memory (the ceiling), both on loopback. wrk: 1 thread, ${CONNECTIONS}`,
    `connections, ${DURATION_S} s per run, \`Accept-Encoding: br, gzip\`; median of ${ROUNDS} alternating runs.`,
    `Goal: at least ${GOAL_RATIO} of the ceiling and p99 under ${GOAL_P99_MS} ms (for \`/\`, \`summary.json\` and the badges).`,
    '',
    '| Path | Body | Gatewatch req/s | p99 | Ceiling req/s | Ceiling p99 | Ratio | Goal met |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...hot.map(
      (row) =>
        `| \`${row.target.replace(/incidents\/[a-z0-9]{12}$/, 'incidents/[id]')}\` | ${kb(row.bytes)} ${row.encoding} | ${fmt(row.ours.rps)} | ${fmt(row.ours.p99, 2)} ms | ${fmt(row.top.rps)} | ${fmt(row.top.p99, 2)} ms | ${fmt(row.ratio, 2)} | ${yes(row.ratio >= GOAL_RATIO && row.ours.p99 < GOAL_P99_MS && row.errors === 0)} |`,
    ),
    '',
    '## Scale of one page',
    '',
    `${scale.components} components in ${scale.groups} groups, ${scale.incidents} incidents over 90 days (one open) and two`,
    'scheduled maintenances (`lib/seed/scale.ts`). Rebuild = `buildSnapshot` reading everything and computing the 90-day',
    'bars; "first" includes rendering every incident update\'s markdown, "again" is the median of 5 later rebuilds',
    '(markdown HTML cached), which is what a write costs. Goal: under 1 s.',
    '',
    '| Database | First rebuild | Rebuild again | Snapshot JSON | Goal met |',
    '| --- | ---: | ---: | ---: | --- |',
    ...scale.rebuilds.map(
      (row) => `| ${row.provider} | ${fmt(row.coldMs)} ms | ${fmt(row.warmMs)} ms | ${kb(row.snapshotBytes)} | ${yes(row.coldMs < 1000)} |`,
    ),
    '',
    '| `/` of that page | Size | Goal | Goal met |',
    '| --- | ---: | ---: | --- |',
    `| uncompressed | ${kb(scale.page.raw)} | 300 KB | ${yes(scale.page.raw < 300 * 1024)} |`,
    `| gzip | ${kb(scale.page.gzip)} | 50 KB | ${yes(scale.page.gzip < 50 * 1024)} |`,
    `| brotli | ${kb(scale.page.br)} | 50 KB | ${yes(scale.page.br < 50 * 1024)} |`,
    '',
    ...writesSection(writes, hotReads.memory),
    ...monitorsSection(monitors),
    ...notificationsSection(notifications),
  ];
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), lines.join('\n'));
}

requireWrk();
process.env.NEXT_TELEMETRY_DISABLED = '1';
if (!args.includes('--no-build')) {
  console.log('Building the production app…');
  execFileSync(process.execPath, [createRequire(import.meta.url).resolve('next/dist/bin/next'), 'build'], { cwd: ROOT, stdio: 'inherit' });
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-bench-'));
try {
  if (args.includes('--only') && args[args.indexOf('--only') + 1] === 'notifications') {
    replaceSection(notificationsSection(await benchNotifications(dir)));
  } else {
    const hot = await benchHotReads(dir);
    const scale = await benchScale(dir);
    const writes = await benchWritesAndAdminReads(dir, new Date());
    const monitors = await benchMonitorChecks(dir, { seconds: DURATION_S, rounds: ROUNDS });
    writeReport(hot, scale, writes, monitors, await benchNotifications(dir));
  }
  console.log(fs.readFileSync(path.join(ROOT, 'BENCHMARKS.md'), 'utf8'));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
