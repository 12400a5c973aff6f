// The server killed (SIGKILL) in the middle of a fan-out to webhook subscribers, then started again on
// the same database: every notification still reaches every subscriber at least once, with the same
// webhook-id for a repeat, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '@/lib/db/client';
import type { GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { json, useAdminApiFixture } from '../helpers/admin-api';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

/** More subscribers than a server sends to at once (50), so some wait for a free slot. */
const RECEIVERS = 40;

// Both databases at once: most of each is waiting for leases to run out, each on its own server.
describe.concurrent.each(['sqlite', 'postgresql'] as Provider[])('a server killed mid fan-out, on %s', (provider) => {
  // A short answer time, so the sends in flight when the server dies are due again sooner (lease: 5 s + 15 s).
  const fixture = useAdminApiFixture(provider, 'notifications-crash', { WEBHOOK_TIMEOUT_SECONDS: '5' });
  let receiver: WebhookReceiver;
  let restarted: GatewatchProcess | undefined;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await restarted?.stop();
    await receiver?.stop();
  });

  // The test's own expect: a concurrent test's polls and failures are its own.
  it('delivers every notification at least once after a restart', async ({ expect }) => {
    const { call, keys } = fixture;
    const component = (await (await call('POST', '/components', { key: keys.all, body: json({ component: { name: 'Crashing' } }) })).json()).id;
    const secrets = new Map<string, string>();
    for (let index = 0; index < RECEIVERS; index++) {
      const response = await call('POST', '/subscribers', { key: keys.all, body: json({ subscriber: { endpoint: `${receiver.url}/r/${index}` } }) });
      expect(response.status).toBe(201);
      secrets.set(`/r/${index}`, (await response.json()).secret);
    }
    // Slow receivers: the server is killed with sends in flight and others not yet made.
    receiver.answer({ delayMs: 1500 });
    const created = await call('POST', '/incidents', { key: keys.all, body: json({ incident: { name: 'Crash in the middle', components: { [component]: 'major_outage' } } }) });
    expect(created.status).toBe(201);
    const incidentId = (await created.json()).id;
    await expect.poll(() => receiver.received.length, { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(10);
    fixture.server.child.kill('SIGKILL');
    await fixture.server.stop();
    const arrivedBefore = new Set(receiver.received.map((request) => request.headers['webhook-id'])).size;
    // Two notifications (the incident, the component's change) to each receiver.
    expect(arrivedBefore).toBeLessThan(2 * RECEIVERS);

    receiver.answer({ delayMs: 0 });
    restarted = await fixture.startServer();
    const distinctIds = (path: string) => new Set(receiver.verified(secrets.get(path)!, path).map(({ id }) => id));
    await expect
      .poll(() => [...secrets.keys()].filter((path) => distinctIds(path).size === 2).length, { timeout: 120_000, interval: 500 })
      .toBe(RECEIVERS);
    for (const path of secrets.keys()) {
      const bodies = receiver.verified(secrets.get(path)!, path).map(({ body }) => body);
      expect(bodies.some((body) => body.incident?.id === incidentId), path).toBe(true);
      expect(bodies.some((body) => body.component_update?.component_id === component), path).toBe(true);
    }
    // Those in flight when it died are sent again once their lease (20 s) ends, with the same webhook-id,
    // and only then marked delivered.
    const db = fixture.database.db;
    await expect.poll(() => db.delivery.count({ where: { status: { not: 'delivered' } } }), { timeout: 120_000, interval: 1000 }).toBe(0);
    expect(await db.delivery.count()).toBe(2 * RECEIVERS);
    const ids = receiver.received.map((request) => request.headers['webhook-id']);
    expect(ids.length).toBeGreaterThan(new Set(ids).size);
  }, 300_000);
});
