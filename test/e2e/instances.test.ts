// Two Gatewatch instances on one PostgreSQL database with one AUTH_SECRET, behind nginx alternating
// between them: a session made on one works on the other, a write through either shows on the other
// at once (NOTIFY), and timed work (the maintenance schedule) is done once, not once per instance.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { launchChromium } from '../helpers/browser';
import { logIn, OWNER, setStatusOnDashboard } from '../helpers/admin-server';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { PROXY_HEADERS, startNginx, type Nginx } from '../helpers/nginx';

const AUTH_SECRET = 'one secret shared by every instance of this test';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-instances-'));
let database: TestDatabase;
let instances: GatewatchProcess[] = [];
let nginx: Nginx;
let proxyUrl: string;
let browser: Browser;
let key: string;
let pageId: string;
let maintenanceId: string;

beforeAll(async () => {
  database = await createTestDatabase('postgresql');
  // The test's own lib calls (the owner's password hash) use the same database and secret.
  Object.assign(process.env, { DATABASE_URL: database.url, AUTH_SECRET });
  const { seedDemo } = await import('@/lib/seed/demo');
  const { createOwner } = await import('@/lib/auth/operators');
  const { createApiKey } = await import('@/lib/api-keys/api-keys');
  const { createMaintenance } = await import('@/lib/maintenance/maintenance');
  const { SYSTEM_ACTOR } = await import('@/lib/access/permissions');
  const db = database.db;
  await seedDemo(db, { pageUrl: 'https://status.example.com' });
  await createOwner(db, { name: 'Olive Owner', ...OWNER });
  key = (await createApiKey(db, { name: 'deploys', scopes: ['admin'] }, SYSTEM_ACTOR)).key;
  pageId = (await db.page.findFirstOrThrow()).id;
  // Due already: both instances find it when they start, at the same moment.
  const cdn = await db.component.findFirstOrThrow({ where: { name: 'CDN' } });
  maintenanceId = (
    await createMaintenance(db, { body: 'A message.', name: 'CDN cache upgrade', scheduledFor: new Date(Date.now() - 60_000), scheduledUntil: new Date(Date.now() + 3_600_000), componentIds: [cdn.id] }, SYSTEM_ACTOR)
  ).id;

  const [proxyPort, ...ports] = await Promise.all([freePort(), freePort(), freePort()]);
  proxyUrl = `http://127.0.0.1:${proxyPort}`;
  nginx = await startNginx(
    `upstream gatewatch { ${ports.map((port) => `server 127.0.0.1:${port};`).join(' ')} }
     server { listen 127.0.0.1:${proxyPort}; location / { proxy_pass http://gatewatch; ${PROXY_HEADERS} } }`,
    [proxyPort],
  );
  instances = await Promise.all(
    ports.map((port, index) =>
      startGatewatch({
        port,
        env: { DATABASE_URL: database.url, AUTH_SECRET, PUBLIC_URL: proxyUrl, TRUST_PROXY: 'true', DEMO_SEED: 'never', SNAPSHOT_PATH: path.join(dir, `snapshot-${index}.json`) },
      }),
    ),
  );
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(instances.map((instance) => instance.stop()));
  await nginx?.stop();
  await database?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const componentStatus = async (base: string, name: string) =>
  (await (await fetch(`${base}/api/v2/components.json`)).json()).components.find((component: { name: string }) => component.name === name).status;

async function setStatus(base: string, name: string, status: string) {
  const components = await (await fetch(`${base}/api/v1/pages/${pageId}/components`, { headers: { authorization: `Bearer ${key}` } })).json();
  const { id } = components.find((component: { name: string }) => component.name === name);
  const response = await fetch(`${base}/api/v1/pages/${pageId}/components/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ component: { status } }),
  });
  expect(response.status).toBe(200);
}

describe('two instances on one PostgreSQL database', () => {
  it('start a maintenance window that was due once, not once each', async () => {
    await expect.poll(async () => (await database.db.incident.findUniqueOrThrow({ where: { id: maintenanceId } })).status, { timeout: 10_000 }).toBe('in_progress');
    expect(await database.db.incidentUpdate.count({ where: { incidentId: maintenanceId, status: 'in_progress' } })).toBe(1);
    expect(await database.db.auditLog.count({ where: { targetId: maintenanceId, action: 'incident.update' } })).toBe(1);
    for (const instance of instances) await expect.poll(() => componentStatus(instance.url, 'CDN'), { timeout: 2_000 }).toBe('under_maintenance');
  });

  it('show a write made through either one on the other at once, not at the next timed rebuild', async () => {
    const [first, second] = instances;
    for (const [writer, reader, status] of [[first, second, 'partial_outage'], [second, first, 'degraded_performance']] as const) {
      await setStatus(writer.url, 'Website', status);
      // NOTIFY is immediate (seen: well under a second); without it the other would wait for its
      // 30-second safety-net rebuild. The deadline leaves room for a loaded machine.
      await expect.poll(() => componentStatus(reader.url, 'Website'), { timeout: 3_000, interval: 50 }).toBe(status);
    }
  });

  it('accept a session made on one instance on the other, and its forms', async () => {
    const [first, second] = instances;
    const page = await browser.newPage();
    await logIn(page, first.url);
    await page.goto(`${second.url}/admin`);
    expect(await page.getByText('Olive Owner · Owner').count()).toBe(1);
    await setStatusOnDashboard(page, 'Public API', 'major_outage');
    await expect.poll(() => componentStatus(first.url, 'Public API'), { timeout: 3_000, interval: 50 }).toBe('major_outage');
    await page.close();
  });

  it('work behind the proxy as one site, a request to each in turn', async () => {
    const page = await browser.newPage();
    await logIn(page, proxyUrl);
    for (let load = 0; load < 4; load++) {
      await page.goto(`${proxyUrl}/admin`);
      expect(await page.getByText('Olive Owner · Owner').count(), `load ${load}`).toBe(1);
    }
    // The Website is degraded since the test before.
    await setStatusOnDashboard(page, 'Website', 'major_outage');
    for (const instance of instances) await expect.poll(() => componentStatus(instance.url, 'Website'), { timeout: 3_000, interval: 50 }).toBe('major_outage');
    // A NUL in the audit filter (PostgreSQL refuses it in text) searches for the rest.
    const audit = await page.goto(`${proxyUrl}/admin/audit?actor=Ol%00ive`);
    expect(audit?.status()).toBe(200);
    expect(await page.getByRole('cell', { name: 'Olive Owner' }).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('take every update of several writers without If-Match, whichever instance they reach', async () => {
    const incidentId = (await database.db.incident.findFirstOrThrow({ where: { kind: 'incident', status: { not: 'resolved' } } })).id;
    const before = await database.db.incidentUpdate.count({ where: { incidentId } });
    const statuses = await Promise.all(
      Array.from({ length: 4 }, async (_, writer) => {
        const seen: number[] = [];
        for (let write = 0; write < 10; write++) {
          const response = await fetch(`${proxyUrl}/api/v1/pages/${pageId}/incidents/${incidentId}`, {
            method: 'PATCH',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ incident: { body: `writer ${writer}, note ${write}` } }),
          });
          seen.push(response.status);
        }
        return seen;
      }),
    );
    expect(statuses.flat()).toEqual(new Array(40).fill(200));
    expect(await database.db.incidentUpdate.count({ where: { incidentId } })).toBe(before + 40);
  }, 60_000);
});
