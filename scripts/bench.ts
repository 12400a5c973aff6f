// `npm run bench`: how fast the production server answers the hot public reads, next to a bare Node
// http server answering the same bytes from memory (the ceiling), and how one large page scales.
// Writes BENCHMARKS.md. Options: --no-build (reuse .next), --duration SECONDS (per run, default 8).
import { execFileSync, fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
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

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const DURATION_S = Number(args[args.indexOf('--duration') + 1]) || 8;
const CONNECTIONS = 50;
const ROUNDS = 3;
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 25;
// What browsers and CDNs send; both servers answer with the same compressed bytes.
const REQUEST_HEADERS = { 'accept-encoding': 'br, gzip' };

interface WrkResult {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

function requireWrk() {
  if (spawnSync('wrk', ['--version']).error) {
    console.error('npm run bench needs wrk (the HTTP load generator): apt-get install wrk');
    process.exit(1);
  }
}

const toMs = (value: string) => {
  const [, number, unit] = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim()) ?? [];
  if (!number) throw new Error(`cannot read wrk latency ${value}`);
  return Number(number) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[unit];
};

/** One wrk run: 1 thread (the server keeps the other core), 50 connections, keep-alive. */
function wrk(url: string, seconds = DURATION_S): WrkResult {
  const headerArgs = Object.entries(REQUEST_HEADERS).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const output = execFileSync('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', ...headerArgs, url], {
    encoding: 'utf8',
    timeout: (seconds + 30) * 1000,
  });
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p99 = /\s99%\s+(\S+)/.exec(output);
  if (!rps || !p99) throw new Error(`cannot read wrk output:\n${output}`);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  return { requestsPerSecond: Number(rps[1]), p99Ms: toMs(p99[1]), errors };
}

/** A GET with the bytes as they came over the wire (fetch would decompress them). */
function getRaw(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Gatewatch's answer, to be replayed by the ceiling server. */
async function record(url: string) {
  const response = await getRaw(url, REQUEST_HEADERS);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string' && !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)) headers[name] = value;
  }
  return { status: response.status, headers, body: response.body };
}

/** A bare http server in its own process, answering what Gatewatch answered. */
async function startCeiling(port: number, fixtures: Record<string, Awaited<ReturnType<typeof record>>>, dir: string) {
  const file = path.join(dir, 'ceiling-fixtures.json');
  const serialisable = Object.fromEntries(
    Object.entries(fixtures).map(([key, fixture]) => [key, { ...fixture, body: fixture.body.toString('base64') }]),
  );
  fs.writeFileSync(file, JSON.stringify(serialisable));
  const child = fork(path.join(ROOT, 'scripts/lib/ceiling-server.ts'), [String(port), file], { execArgv: ['--import', 'tsx'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`ceiling server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => void child.kill('SIGTERM') };
}

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
        runs.push({ gatewatch: wrk(gatewatch.url + target), ceiling: wrk(ceiling.url + target) });
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

function writeReport(hotReads: Awaited<ReturnType<typeof benchHotReads>>, scale: Awaited<ReturnType<typeof benchScale>>, writes: ProviderResult[]) {
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
  const hot = await benchHotReads(dir);
  const scale = await benchScale(dir);
  const writes = await benchWritesAndAdminReads(dir, new Date());
  writeReport(hot, scale, writes);
  console.log(fs.readFileSync(path.join(ROOT, 'BENCHMARKS.md'), 'utf8'));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
