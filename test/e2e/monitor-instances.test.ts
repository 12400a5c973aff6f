// Three Gatewatch instances on one PostgreSQL database share the monitors' checks: each check runs
// once per interval across all of them, and when one instance is killed in the middle of its checks
// (SIGKILL: no clean-up, its claims left behind) the others go on within two intervals.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createApiKey } from '@/lib/api-keys/api-keys';
import { seedDemo } from '@/lib/seed/demo';
import { startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { json, send } from '../helpers/admin-api';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { startUpstream, type Upstream } from '../helpers/upstream';

const MONITORS = 20;
const INTERVAL_MS = 10_000;
/** Two checks of one monitor closer than this are two checks in one interval (a claim's probe may start late on a busy machine). */
const MIN_GAP_MS = 7_000;

/**
 * The process (of `pids`) holding the TCP connection from local port `clientPort` to `serverPort`,
 * read from /proc while it is open; none when its process has died since sending.
 */
function connectionOwner(clientPort: number, serverPort: number, pids: number[]): number | undefined {
  const hexPort = (port: number) => `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let inode: string | undefined;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // An earlier connection between the same ports may linger closed (TIME_WAIT), with no inode.
      if (fields[1]?.endsWith(hexPort(clientPort)) && fields[2]?.endsWith(hexPort(serverPort)) && fields[9] !== '0') inode = fields[9];
    }
  }
  if (!inode) return undefined;
  for (const pid of pids) {
    const fdDir = `/proc/${pid}/fd`;
    let fds: string[];
    try {
      fds = fs.readdirSync(fdDir);
    } catch {
      continue; // exited
    }
    for (const fd of fds) {
      try {
        if (fs.readlinkSync(path.join(fdDir, fd)) === `socket:[${inode}]`) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

interface Check {
  monitor: number;
  at: number;
  pid: number | undefined;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-monitor-instances-'));
let database: TestDatabase;
let instances: GatewatchProcess[] = [];
let upstream: Upstream;
let key: string;
let pageId: string;
const checks: Check[] = [];
/** Called with each check as the upstream receives it. */
let onCheck: (check: Check) => void = () => {};

beforeAll(async () => {
  database = await createTestDatabase('postgresql');
  const db = database.db;
  await seedDemo(db, { pageUrl: 'https://status.example.com' });
  pageId = (await db.page.findFirstOrThrow()).id;
  key = (await createApiKey(db, { name: 'monitors', scopes: ['admin'] }, SYSTEM_ACTOR)).key;
  instances = await Promise.all(
    [0, 1, 2].map((index) => {
      const own = fs.mkdtempSync(path.join(dir, `server-${index}-`));
      return startGatewatch({
        env: {
          DATABASE_URL: database.url,
          SNAPSHOT_PATH: path.join(own, 'snapshot.json'),
          AUTH_SECRET_PATH: path.join(own, 'auth-secret'),
          ADMIN_API_RATE_PER_MINUTE: '100000',
          DEMO_SEED: 'never',
        },
      });
    }),
  );
  const pids = instances.map((instance) => instance.child.pid!);
  upstream = await startUpstream({
    onRequest: (request) => {
      const match = /^\/m\/(\d+)$/.exec(request.url ?? '');
      if (!match) return;
      const check = { monitor: Number(match[1]), at: Date.now(), pid: connectionOwner(request.socket.remotePort!, upstream.port, pids) };
      checks.push(check);
      onCheck(check);
    },
  });
}, 180_000);

afterAll(async () => {
  await upstream?.stop();
  // The servers first: they hold connections to the database about to be dropped.
  await Promise.all(instances.map((instance) => instance.stop()));
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('monitors on three instances sharing one PostgreSQL database', () => {
  it('check each monitor once per interval across them all, and go on within two intervals when one is killed mid-check', async () => {
    const api = instances[0].url;
    const component = await send(api, 'POST', `/api/v1/pages/${pageId}/components`, { key, body: json({ component: { name: 'Monitored from three instances' } }) });
    expect(component.status).toBe(201);
    const componentId = (await component.json()).id;

    const createdAt: number[] = [];
    const ids: string[] = [];
    for (let index = 0; index < MONITORS; index++) {
      createdAt.push(Date.now());
      const response = await send(api, 'POST', `/api/v1/pages/${pageId}/monitors`, {
        key,
        body: json({ monitor: { name: `Service ${index}`, component_id: componentId, type: 'http', url: `${upstream.url}/m/${index}`, interval_seconds: INTERVAL_MS / 1000, timeout_seconds: 2 } }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      ids.push((await response.json()).id);
    }

    // Once the first checks are done, kill the instance that starts the next one, while that check
    // is in flight: it has claimed its batch and will never record it.
    const firstRoundOver = createdAt[MONITORS - 1] + INTERVAL_MS / 2;
    const killed = await new Promise<{ pid: number; at: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no check started in the second interval')), 2 * INTERVAL_MS);
      onCheck = (check) => {
        if (check.at < firstRoundOver || check.pid === undefined) return;
        onCheck = () => {};
        clearTimeout(timer);
        instances.find((instance) => instance.child.pid === check.pid)!.child.kill('SIGKILL');
        resolve({ pid: check.pid, at: Date.now() });
      };
    });
    const victim = instances.find((instance) => instance.child.pid === killed.pid)!;
    await new Promise((resolve) => (victim.child.exitCode !== null || victim.child.signalCode !== null ? resolve(null) : victim.child.once('exit', resolve)));

    // Two intervals after the kill, every monitor has been checked again by the others.
    await sleep(killed.at + 2 * INTERVAL_MS - Date.now());
    const end = Date.now();
    const seen = checks.filter((check) => check.at <= end);

    // The work was shared (a request whose sender's socket was already gone when looked up, as after
    // the kill or on a busy machine, counts for nobody here).
    const perInstance = instances.map((instance) => seen.filter((check) => check.pid === instance.child.pid).length);
    expect(perInstance.filter((count) => count > 0).length, `checks run by each instance: ${perInstance}`).toBeGreaterThanOrEqual(2);

    for (let index = 0; index < MONITORS; index++) {
      const times = seen.filter((check) => check.monitor === index).map((check) => check.at);
      const elapsed = end - createdAt[index];
      const intervals = Math.floor(elapsed / INTERVAL_MS);
      // Once at creation, then once per interval: never more, and at most one missed (a claim lost with the killed instance).
      expect(times.length, `checks of monitor ${index} in ${elapsed} ms: ${times.map((at) => at - createdAt[index])}`).toBeGreaterThanOrEqual(intervals);
      expect(times.length, `checks of monitor ${index} in ${elapsed} ms: ${times.map((at) => at - createdAt[index])}`).toBeLessThanOrEqual(intervals + 1);
      const gaps = times.slice(1).map((at, i) => at - times[i]);
      expect(Math.min(...gaps), `gaps between checks of monitor ${index}: ${gaps}`).toBeGreaterThanOrEqual(MIN_GAP_MS);
      expect(times.some((at) => at > killed.at), `monitor ${index} checked again after the kill`).toBe(true);
    }

    // The database holds the same story: the checks recorded, all passing, one interval apart, and
    // going on after the kill; none more than were made (the one the killed instance had in flight is lost).
    const rows = await database.db.monitorCheck.findMany({ where: { monitorId: { in: ids } }, orderBy: { at: 'asc' } });
    expect(rows.every((row) => row.ok && row.statusCode === 200)).toBe(true);
    for (let index = 0; index < MONITORS; index++) {
      const recorded = rows.filter((row) => row.monitorId === ids[index]).map((row) => row.at.getTime());
      // Every recorded check was requested before the rows were read.
      expect(recorded.length, `recorded checks of monitor ${index}`).toBeLessThanOrEqual(checks.filter((check) => check.monitor === index).length);
      expect(recorded.length, `recorded checks of monitor ${index}`).toBeGreaterThanOrEqual(Math.floor((end - createdAt[index]) / INTERVAL_MS) - 1);
      expect(recorded.some((at) => at > killed.at), `monitor ${index}: a check recorded after the kill`).toBe(true);
      const gaps = recorded.slice(1).map((at, i) => at - recorded[i]);
      expect(Math.min(...gaps), `gaps between recorded checks of monitor ${index}: ${gaps}`).toBeGreaterThanOrEqual(MIN_GAP_MS);
    }
  }, 90_000);
});
