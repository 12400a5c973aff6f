// The production server keeps answering from its snapshot while the database is gone, also across
// a restart; and it follows writes made by another process (`npm run db:seed`).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { createEmptyDatabaseUrl, cutOffPostgresDatabase, dropDatabaseUrl, migratedSqliteUrl } from '../helpers/databases';
import { snapshotRebuilds, waitOutRebuild } from '../helpers/rebuilds';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-resilience-'));
const running: GatewatchProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

async function start(env: Record<string, string>) {
  const server = await startGatewatch({ env });
  running.push(server);
  return server;
}

afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
  for (const cleanup of cleanups.reverse()) await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const status = async (url: string) => (await fetch(url)).status;

// The three at once, each on its own servers and files: most of each is waiting on a server. Each
// test uses its own `expect`, so polls and failures are its own.
describe.concurrent('with PostgreSQL gone', () => {
  it('serves / and summary.json from the snapshot, before and after a restart, and says it is not ready', async ({ expect }) => {
    // Empty: the first start migrates it.
    const databaseUrl = await createEmptyDatabaseUrl('postgresql');
    cleanups.push(() => dropDatabaseUrl(databaseUrl));
    const env = { DATABASE_URL: databaseUrl, SNAPSHOT_PATH: path.join(dir, 'pg-snapshot.json'), SNAPSHOT_REFRESH_SECONDS: '1' };
    const first = await start(env);
    const summaryBefore = await (await fetch(`${first.url}/api/v2/summary.json`)).json();
    expect(summaryBefore.incidents[0].name).toBe('Elevated 502 Bad Gateway errors on the Public API');
    expect(await status(`${first.url}/readyz`)).toBe(200);

    const restore = await cutOffPostgresDatabase(databaseUrl);
    cleanups.push(restore);
    await expect.poll(() => status(`${first.url}/readyz`), { timeout: 15_000 }).toBe(503);
    expect(await status(`${first.url}/healthz`)).toBe(200);
    expect(await status(`${first.url}/`)).toBe(200);
    const summaryDown = await (await fetch(`${first.url}/api/v2/summary.json`)).json();
    expect(summaryDown.components).toEqual(summaryBefore.components);
    // Visitors are told the page may be behind, once the failed refresh has been noticed.
    await expect.poll(async () => (await fetch(`${first.url}/`)).text(), { timeout: 15_000 }).toContain('Live updates are paused');

    await first.stop();
    const second = await start(env);
    expect(await status(`${second.url}/readyz`)).toBe(503);
    const front = await fetch(`${second.url}/`);
    expect(front.status).toBe(200);
    expect(await front.text()).toContain('Elevated 502 Bad Gateway errors on the Public API');
    const summaryAfterRestart = await (await fetch(`${second.url}/api/v2/summary.json`)).json();
    expect(summaryAfterRestart.components).toEqual(summaryBefore.components);

    // Back up: ready again, and the notice goes away with the next refresh.
    await restore();
    await expect.poll(() => status(`${second.url}/readyz`), { timeout: 15_000 }).toBe(200);
    await expect.poll(async () => (await fetch(`${second.url}/`)).text(), { timeout: 15_000 }).not.toContain('Live updates are paused');
  }, 120_000);
});

describe.concurrent('with the database unreachable from the start and no snapshot saved', () => {
  it('answers every public path 503 with Retry-After, in the path’s own format', async ({ expect }) => {
    // Port 1: nothing listens there, so every connection is refused at once.
    const server = await start({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/gatewatch', SNAPSHOT_PATH: path.join(dir, 'never-saved.json') });
    const expected: [string, RegExp, RegExp][] = [
      ['/', /^text\/html/, /database is unreachable/],
      ['/api/v2/summary.json', /^application\/json/, /"code":"unavailable"/],
      ['/badge.svg', /^image\/svg\+xml/, /unavailable/],
      ['/badge/website.json', /^application\/json/, /"message":"unavailable"/],
      ['/history.atom', /^application\/xml/, /<error>/],
      ['/maintenance.ics', /^text\/plain/, /database is unreachable/],
      ['/embed.js', /^text\/javascript/, /^\/\* .* \*\/$/m],
    ];
    for (const [publicPath, type, body] of expected) {
      const response = await fetch(`${server.url}${publicPath}`);
      expect(response.status, publicPath).toBe(503);
      expect(response.headers.get('retry-after'), publicPath).toBe('5');
      expect(response.headers.get('cache-control'), publicPath).toBe('no-store');
      expect(response.headers.get('content-type'), publicPath).toMatch(type);
      expect(await response.text(), publicPath).toMatch(body);
    }
  }, 60_000);
});

describe.concurrent('a write from another process', () => {
  it('shows on a running server: `npm run db:seed -- --scale` replaces the demo', async ({ expect }) => {
    // No timed rebuild: what shows, shows because the write was seen.
    const env = { DATABASE_URL: migratedSqliteUrl(path.join(dir, 'seeded.db')), SNAPSHOT_PATH: path.join(dir, 'seeded-snapshot.json'), SNAPSHOT_REFRESH_SECONDS: '3600' };
    const server = await start(env);
    const before = await (await fetch(`${server.url}/api/v2/summary.json`)).json();
    expect(before.page.name).toBe('Gatewatch Demo');

    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--scale'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    await expect.poll(async () => (await (await fetch(`${server.url}/api/v2/summary.json`)).json()).page.name, { timeout: 5_000 }).toBe(
      'Gatewatch Scale Test',
    );
    const after = await (await fetch(`${server.url}/api/v2/summary.json`)).json();
    expect(after.components).toHaveLength(110); // 100 components and their 10 groups
    expect(await (await fetch(`${server.url}/`)).text()).toContain('Region 10');

    // A write visitors do not see (an API key made on the command line) rebuilds nothing here: the
    // server polls SQLite every 250 ms; a second and a half is time for several looks.
    await waitOutRebuild(1500);
    const settled = await snapshotRebuilds(server.url);
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/gatewatch.ts', 'api-key', 'create', '--name', 'deploys', '--scopes', 'read'], { cwd: ROOT, env: { ...process.env, ...env } });
    await waitOutRebuild(1500);
    expect(await snapshotRebuilds(server.url)).toBe(settled);
  }, 120_000);
});
