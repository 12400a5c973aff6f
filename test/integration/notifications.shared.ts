// Notifications to webhook subscribers, end to end: subscribed through the admin API over HTTP, sent
// by the real server's delivery worker to real receivers that verify the Standard Webhooks signature;
// then the worker's rules (retries, leases, quarantine) on their own with an injected clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import type { Provider } from '@/lib/db/client';
import { setComponentStatus } from '@/lib/components/manage-components';
import { createIncident } from '@/lib/incidents/create-incident';
import { deleteIncident, editIncident } from '@/lib/incidents/manage-incident';
import { postIncidentUpdate } from '@/lib/incidents/post-update';
import { createMaintenance, remindOfMaintenance } from '@/lib/maintenance/maintenance';
import { NOTIFICATION_RETENTION_DAYS, pruneNotifications } from '@/lib/notifications/prune';
import { createSubscriber } from '@/lib/notifications/manage-subscribers';
import { claimDueDeliveries, fanOutAll, fanOutNotifications, leaseMs, QUARANTINE_AFTER_MS, recordDeliveryOutcome } from '@/lib/notifications/worker';
import { sendDelivery } from '@/lib/notifications/send';
import { json, useAdminApiFixture, type AdminApiFixture } from '../helpers/admin-api';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';
import { useWorkerFixture } from '../helpers/worker-fixture';

type Subscriber = { id: string; secret: string; endpoint: string; components: string[] | null };

export function describeNotifications(provider: Provider) {
  describe(`webhook notifications on ${provider}`, () => {
    const fixture = useAdminApiFixture(provider, 'notifications');
    const { call } = fixture;
    let keys: AdminApiFixture['keys'];
    let receiver: WebhookReceiver;

    beforeAll(async () => {
      ({ keys } = fixture);
      receiver = await startWebhookReceiver();
    });
    afterAll(() => receiver?.stop());

    async function newComponent(name: string): Promise<string> {
      const response = await call('POST', '/components', { key: keys.all, body: json({ component: { name } }) });
      expect(response.status).toBe(201);
      return (await response.json()).id;
    }
    async function subscribe(path: string, componentIds?: string[]): Promise<Subscriber> {
      const response = await call('POST', '/subscribers', { key: keys.all, body: json({ subscriber: { endpoint: `${receiver.url}${path}`, ...(componentIds && { component_ids: componentIds }) } }) });
      expect(response.status, await response.clone().text()).toBe(201);
      return response.json();
    }
    const unsubscribe = async (subscriber: Subscriber) => expect((await call('DELETE', `/subscribers/${subscriber.id}`, { key: keys.all })).status).toBe(200);
    /** What `subscriber` was sent, signatures verified with its secret. */
    const sentTo = (subscriber: Subscriber) => receiver.verified(subscriber.secret, new URL(subscriber.endpoint).pathname);
    const incidentBodies = (subscriber: Subscriber, incidentId: string) => sentTo(subscriber).filter(({ body }) => body.incident?.id === incidentId);
    const componentBodies = (subscriber: Subscriber, componentId: string) => sentTo(subscriber).filter(({ body }) => body.component_update?.component_id === componentId);
    /** Every notification written so far has been sent to `subscriber` (or failed): nothing more is coming. */
    const settled = (subscriber: Subscriber) =>
      expect
        .poll(async () => (await fixture.database.db.notification.count({ where: { fannedOutAt: null } })) + (await fixture.database.db.delivery.count({ where: { subscriberId: subscriber.id, status: 'pending' } })), { timeout: 15_000 })
        .toBe(0);

    it('sends an incident and its updates in Statuspage’s body, signed, to the subscribers of its components', async () => {
      const api = await newComponent('Notified API');
      const other = await newComponent('Elsewhere');
      const everything = await subscribe('/all');
      const ofApi = await subscribe('/api', [api]);
      const ofOther = await subscribe('/other', [other]);
      expect(everything).toMatchObject({ secret: expect.stringMatching(/^whsec_/), components: null, mode: 'webhook' });
      expect(ofApi.components).toEqual([api]);

      const created = await call('POST', '/incidents', { key: keys.all, body: json({ incident: { name: 'Slow API', status: 'investigating', body: 'Looking.', components: { [api]: 'partial_outage' } } }) });
      expect(created.status).toBe(201);
      const incident = await created.json();
      const patched = await call('PATCH', `/incidents/${incident.id}`, { key: keys.all, body: json({ incident: { status: 'monitoring', body: 'Fix deployed.' } }) });
      expect(patched.status).toBe(200);

      for (const subscriber of [everything, ofApi]) await expect.poll(() => incidentBodies(subscriber, incident.id).length).toBe(2);
      const [first, second] = incidentBodies(ofApi, incident.id).sort((a, b) => a.body.incident.incident_updates.length - b.body.incident.incident_updates.length);
      expect(Object.keys(second.body)).toEqual(['meta', 'page', 'incident']);
      expect(second.body.meta).toEqual({ unsubscribe: expect.stringMatching(/^https:\/\/status\.example\.com\/unsubscribe\/[\w-]{20,}$/), documentation: 'https://status.example.com/docs/api', generated_at: expect.any(String) });
      expect(second.body.page).toEqual({ id: fixture.pageId, status_indicator: 'major', status_description: 'Partial System Outage' });
      expect(second.body.incident).toMatchObject({ id: incident.id, name: 'Slow API', status: 'monitoring', impact: 'major', page_id: fixture.pageId, shortlink: `https://status.example.com/incidents/${incident.id}` });
      // Newest first, as the v2 JSON has them; the components as full objects.
      expect(second.body.incident.incident_updates.map((update: { status: string }) => update.status)).toEqual(['monitoring', 'investigating']);
      expect(second.body.incident.incident_updates[1]).toMatchObject({ body: 'Looking.', deliver_notifications: true, affected_components: [{ code: api, name: 'Notified API', old_status: 'operational', new_status: 'partial_outage' }] });
      expect(second.body.incident.components).toEqual([expect.objectContaining({ id: api, status: 'partial_outage' })]);
      expect(first.body.incident.status).toBe('investigating');
      // Each subscriber has its own unsubscribe link; the two notifications have their own ids.
      expect(incidentBodies(everything, incident.id)[0].body.meta.unsubscribe).not.toBe(first.body.meta.unsubscribe);
      expect(new Set([first.id, second.id]).size).toBe(2);
      // The component's change went to those following it too, and nothing to the other component's.
      await expect.poll(() => componentBodies(ofApi, api).length).toBe(1);
      await settled(ofOther);
      expect(sentTo(ofOther)).toEqual([]);
      const request = receiver.received.find((candidate) => candidate.headers['webhook-id'] === second.id)!;
      expect(request.headers).toMatchObject({ 'content-type': 'application/json', 'webhook-signature': expect.stringMatching(/^v1,/) });
      for (const subscriber of [everything, ofApi, ofOther]) await unsubscribe(subscriber);
    });

    it('tells the subscribers of a component of its status change, and no one else', async () => {
      const disk = await newComponent('Disk');
      const cpu = await newComponent('CPU');
      const ofDisk = await subscribe('/disk', [disk]);
      const ofCpu = await subscribe('/cpu', [cpu]);
      expect((await call('PATCH', `/components/${disk}`, { key: keys.components, body: json({ component: { status: 'degraded_performance' } }) })).status).toBe(200);
      await expect.poll(() => componentBodies(ofDisk, disk).length).toBe(1);
      const [{ body }] = componentBodies(ofDisk, disk);
      expect(Object.keys(body)).toEqual(['meta', 'page', 'component_update', 'component']);
      expect(body.component_update).toEqual({ id: expect.any(String), component_id: disk, component_type: 'Component', old_status: 'operational', new_status: 'degraded_performance', created_at: expect.any(String) });
      expect(body.component).toMatchObject({ id: disk, name: 'Disk', status: 'degraded_performance', page_id: fixture.pageId, group: false });
      expect(body.page.status_indicator).not.toBe('none');
      // The same status again changes nothing, and tells no one.
      expect((await call('PATCH', `/components/${disk}`, { key: keys.components, body: json({ component: { status: 'degraded_performance' } }) })).status).toBe(200);
      await settled(ofDisk);
      await settled(ofCpu);
      expect(componentBodies(ofDisk, disk)).toHaveLength(1);
      expect(sentTo(ofCpu)).toEqual([]);
      await unsubscribe(ofDisk);
      await unsubscribe(ofCpu);
    });

    it('sends nothing for an update posted with deliver_notifications false', async () => {
      const subscriber = await subscribe('/quiet');
      const incident = await (await call('POST', '/incidents', { key: keys.all, body: json({ incident: { name: 'Quiet one', deliver_notifications: false } }) })).json();
      const silent = await (await call('PATCH', `/incidents/${incident.id}`, { key: keys.all, body: json({ incident: { status: 'identified', body: 'Found it.', deliver_notifications: false } }) })).json();
      expect(silent.incident_updates[0].deliver_notifications).toBe(false);
      expect((await call('PATCH', `/incidents/${incident.id}`, { key: keys.all, body: json({ incident: { status: 'resolved', body: 'Fixed.' } }) })).status).toBe(200);
      await expect.poll(() => incidentBodies(subscriber, incident.id).length).toBe(1);
      await settled(subscriber);
      const bodies = incidentBodies(subscriber, incident.id);
      expect(bodies).toHaveLength(1);
      expect(bodies[0].body.incident.status).toBe('resolved');
      await unsubscribe(subscriber);
    });

    it('retries a receiver that fails, with the same webhook-id, until it answers 2xx', async () => {
      const component = await newComponent('Flaky receiver’s');
      const subscriber = await subscribe('/flaky', [component]);
      receiver.answer({ status: 500 });
      try {
        expect((await call('PATCH', `/components/${component}`, { key: keys.components, body: json({ component: { status: 'major_outage' } }) })).status).toBe(200);
        await expect.poll(() => componentBodies(subscriber, component).length).toBe(1);
        const delivery = await fixture.database.db.delivery.findFirstOrThrow({ where: { subscriberId: subscriber.id } });
        await expect.poll(async () => (await fixture.database.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).lastError).toBe('HTTP 500');
        receiver.answer({ status: 204 });
        // The first retry comes 10 s (± 20 %) later.
        await expect.poll(() => componentBodies(subscriber, component).length, { timeout: 25_000 }).toBe(2);
        const [failed, retried] = componentBodies(subscriber, component);
        expect(retried.id).toBe(failed.id);
        expect(retried.body).toEqual(failed.body);
        await expect.poll(async () => (await fixture.database.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe('delivered');
        expect(await fixture.database.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ attempts: 2, lastStatus: 204, lastError: null });
      } finally {
        receiver.answer({ status: 200 });
      }
      await unsubscribe(subscriber);
    }, 40_000);

    it('takes a deleted component out of subscribers’ lists: one left with none hears of page-wide incidents only, never of everything', async () => {
      const gone = await newComponent('Soon deleted');
      const kept = await newComponent('Kept on');
      const onlyGone = await subscribe('/only-gone', [gone]);
      const both = await subscribe('/gone-and-kept', [gone, kept]);
      const deleted = await call('DELETE', `/components/${gone}`, { key: keys.all });
      expect(deleted.status, await deleted.clone().text()).toBeLessThan(300);
      const componentsOf = async (subscriber: Subscriber) => (await (await call('GET', `/subscribers/${subscriber.id}`, { key: keys.all })).json()).components;
      expect(await componentsOf(onlyGone)).toEqual([]);
      expect(await componentsOf(both)).toEqual([kept]);
      // Their own page says so.
      const { unsubscribeToken } = await fixture.database.db.subscriber.findUniqueOrThrow({ where: { id: onlyGone.id } });
      const managePage = await (await fetch(`${fixture.server.url}/subscriptions/${unsubscribeToken}`)).text();
      expect(managePage).toContain('The components you chose have been removed from the page: you are told only of incidents about the whole page.');

      const post = async (incident: Record<string, unknown>) => (await (await call('POST', '/incidents', { key: keys.all, body: json({ incident: { status: 'investigating', body: 'Looking.', ...incident } }) })).json()).id as string;
      const aboutKept = await post({ name: 'Kept on is slow', component_ids: [kept] });
      const pageWide = await post({ name: 'Everything is slow' });
      await settled(onlyGone);
      await settled(both);
      expect(incidentBodies(onlyGone, aboutKept)).toHaveLength(0);
      expect(incidentBodies(both, aboutKept)).toHaveLength(1);
      expect(incidentBodies(onlyGone, pageWide)).toHaveLength(1);
      expect(incidentBodies(both, pageWide)).toHaveLength(1);
      await unsubscribe(onlyGone);
      await unsubscribe(both);
    });

    it('lists, counts, shows and removes subscribers; the secret is shown only once', async () => {
      const subscriber = await subscribe('/managed');
      const shown = await (await call('GET', `/subscribers/${subscriber.id}`, { key: keys.all })).json();
      expect(shown).toEqual({ ...subscriber, secret: undefined });
      expect(shown).not.toHaveProperty('secret');
      const listed = await (await call('GET', '/subscribers?type=webhook&limit=1000', { key: keys.all })).json();
      expect(listed).toContainEqual(shown);
      const counted = await (await call('GET', '/subscribers/count', { key: keys.all })).json();
      expect(counted).toEqual({ type: 'all', state: 'active', count: await fixture.database.db.subscriber.count() });
      expect((await call('GET', '/subscribers', { key: keys.read })).status).toBe(403);
      const removed = await call('DELETE', `/subscribers/${subscriber.id}`, { key: keys.all });
      expect(await removed.json()).toEqual(shown);
      expect((await call('GET', `/subscribers/${subscriber.id}`, { key: keys.all })).status).toBe(404);
      expect((await call('DELETE', `/subscribers/${subscriber.id}`, { key: keys.all })).status).toBe(404);
      const audit = await fixture.database.db.auditLog.findMany({ where: { targetId: subscriber.id }, orderBy: { at: 'asc' } });
      expect(audit.map((entry) => entry.action)).toEqual(['subscriber.create', 'subscriber.delete']);
      expect(JSON.stringify(audit)).not.toContain(subscriber.secret);
    });

    it('refuses bad input with a clear 4xx and stores nothing', async () => {
      const before = { subscribers: await fixture.database.db.subscriber.count(), audit: await fixture.database.db.auditLog.count() };
      const cases: [unknown, number, string][] = [
        [{ subscriber: { endpoint: 'ftp://example.com/hook' } }, 400, 'subscriber.endpoint'],
        [{ subscriber: { endpoint: 'javascript:alert(1)' } }, 400, 'subscriber.endpoint'],
        [{ subscriber: { endpoint: 'not a url' } }, 400, 'subscriber.endpoint'],
        [{ subscriber: { endpoint: `https://example.com/${'x'.repeat(2100)}` } }, 400, 'subscriber.endpoint'],
        [{ subscriber: {} }, 400, 'subscriber.endpoint'],
        [{ subscriber: { endpoint: 'https://example.com/h', email: 'a@example.com' } }, 400, 'subscriber'],
        [{ subscriber: { endpoint: 'https://example.com/h', component_ids: 'all' } }, 400, 'subscriber.component_ids'],
        [{ subscriber: { endpoint: 'https://example.com/h', mode: 'pager' } }, 400, 'subscriber.mode'],
        [{ subscriber: { endpoint: 'https://example.com/h', colour: 'red' } }, 400, 'subscriber'],
        [{ endpoint: 'https://example.com/h' }, 400, 'subscriber'],
        [{ subscriber: { email: 'a@example.com' } }, 422, 'mode'],
        [{ subscriber: { email: 'not an address' } }, 400, 'subscriber.email'],
        [{ subscriber: { email: 'a@example.com', mode: 'slack' } }, 422, 'endpoint'],
        [{ subscriber: { endpoint: 'https://example.com/h', component_ids: ['nosuchcomponent'] } }, 404, 'component'],
      ];
      for (const [body, status, field] of cases) {
        const response = await call('POST', '/subscribers', { key: keys.all, body: json(body) });
        expect(response.status, JSON.stringify(body)).toBe(status);
        const { error } = await response.json();
        expect(error.message.length, JSON.stringify(body)).toBeGreaterThan(10);
        expect(JSON.stringify(error.details), JSON.stringify(body)).toContain(field);
      }
      for (const [query, field] of [['?limit=0', 'limit'], ['?limit=x', 'limit'], ['?page=0', 'page'], ['?type=pager', 'type'], ['?state=gone', 'state']]) {
        const response = await call('GET', `/subscribers${query}`, { key: keys.all });
        expect(response.status, query).toBe(400);
        expect((await response.json()).error.details, query).toEqual([expect.objectContaining({ path: field })]);
      }
      expect((await call('GET', '/subscribers/count?state=gone', { key: keys.all })).status).toBe(400);
      expect((await call('POST', '/subscribers', { key: keys.all, body: '{"subscriber":', type: 'application/json' })).status).toBe(400);
      expect({ subscribers: await fixture.database.db.subscriber.count(), audit: await fixture.database.db.auditLog.count() }).toEqual(before);
    });
  });

  describe(`the delivery worker's rules on ${provider}, with an injected clock`, () => {
    const worker = useWorkerFixture(provider, 'Worker rules');
    const { t0, at } = worker;

    it('retries on a schedule, takes a crashed sender’s deliveries back after the lease, and quarantines an endpoint failing for 3 days', async () => {
      const { db, receiver, componentId } = worker;
      const subscriber = await createSubscriber(db, { mode: 'webhook', endpoint: `${receiver.url}/down` }, SYSTEM_ACTOR);
      await createIncident(db, { body: 'Looking.', name: 'Down for days', status: 'investigating', impact: 'major', componentIds: [componentId] }, SYSTEM_ACTOR);
      expect(await fanOutNotifications(db, t0)).toBe(1);
      expect(await fanOutNotifications(db, t0)).toBe(0);
      // A sender claims it and dies: no one else gets it until the lease runs out.
      const [lost] = await claimDueDeliveries(db, t0);
      expect(lost.subscriber.id).toBe(subscriber.id);
      expect(await claimDueDeliveries(db, at(leaseMs() - 1))).toEqual([]);
      let [delivery] = await claimDueDeliveries(db, at(leaseMs()));
      expect(delivery.id).toBe(lost.id);

      receiver.answer({ status: 500 });
      let now = at(leaseMs());
      const waits: number[] = [];
      for (let attempt = 1; attempt <= 7; attempt++) {
        await recordDeliveryOutcome(db, delivery, await sendDelivery(db, delivery), now, () => 0.5);
        const row = await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
        expect(row).toMatchObject({ status: 'pending', attempts: attempt, lastStatus: 500, lastError: 'HTTP 500' });
        waits.push(row.nextAttemptAt.getTime() - now.getTime());
        now = row.nextAttemptAt;
        [delivery] = await claimDueDeliveries(db, now);
      }
      expect(waits).toEqual([10_000, 30_000, 120_000, 600_000, 3600_000, 6 * 3600_000, 6 * 3600_000]);
      expect((await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).failingSince).toEqual(at(leaseMs()));
      expect((await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).quarantinedAt).toBeNull();

      // Three days on, still failing: quarantined, with the reason in words, and nothing more is sent.
      now = at(leaseMs() + QUARANTINE_AFTER_MS);
      [delivery] = await claimDueDeliveries(db, now);
      await recordDeliveryOutcome(db, delivery, await sendDelivery(db, delivery), now);
      const quarantined = await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } });
      expect(quarantined.quarantinedAt).toEqual(now);
      // The endpoint as shown in the admin, never whole (a chat webhook's path is its key).
      expect(quarantined.quarantineReason).toBe(`HTTP 500 from ${new URL(receiver.url).host}/down, failing since ${at(leaseMs()).toISOString()}`);
      expect(await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: 'failed' });
      await createIncident(db, { body: 'Looking.', name: 'After the quarantine', status: 'investigating', componentIds: [componentId] }, SYSTEM_ACTOR);
      await fanOutAll(db, now);
      expect(await db.delivery.count({ where: { subscriberId: subscriber.id } })).toBe(1);
      receiver.answer({ status: 200 });
    });

    it('clears a failing endpoint on a success, so failures days apart never quarantine it', async () => {
      const { db, receiver, componentId } = worker;
      const subscriber = await createSubscriber(db, { mode: 'webhook', endpoint: `${receiver.url}/sometimes` }, SYSTEM_ACTOR);
      const notify = async (now: Date) => {
        await createIncident(db, { body: 'Looking.', name: 'Blip', status: 'investigating', componentIds: [componentId] }, SYSTEM_ACTOR);
        await fanOutAll(db, now);
        return (await claimDueDeliveries(db, new Date(now.getTime() + 3600_000))).filter((claimed) => claimed.subscriber.id === subscriber.id);
      };
      receiver.answer({ status: 503 });
      const [first] = await notify(t0);
      await recordDeliveryOutcome(db, first, await sendDelivery(db, first), t0);
      expect((await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).failingSince).toEqual(t0);
      receiver.answer({ status: 200 });
      const [retry] = await claimDueDeliveries(db, at(3600_000 * 2));
      await recordDeliveryOutcome(db, retry, await sendDelivery(db, retry), at(3600_000 * 2));
      expect(await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).toMatchObject({ failingSince: null, quarantinedAt: null });
      expect(await db.delivery.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: 'delivered', attempts: 2 });
    });

    it('reminds people (not webhooks) an hour before an announced maintenance, once, and again after its start moves', async () => {
      const { db, receiver, componentId } = worker;
      await db.subscriber.updateMany({ data: { quarantinedAt: new Date() } });
      const chat = await createSubscriber(db, { mode: 'slack', endpoint: `${receiver.url}/slack` }, SYSTEM_ACTOR);
      const webhook = await createSubscriber(db, { mode: 'webhook', endpoint: `${receiver.url}/reminders` }, SYSTEM_ACTOR);
      const now = Date.now();
      const announced = await createMaintenance(db, { name: 'Database upgrade', body: 'Upgrading.', scheduledFor: new Date(now + 3 * 3600_000), scheduledUntil: new Date(now + 4 * 3600_000), componentIds: [componentId] }, SYSTEM_ACTOR);
      // Announced only 90 minutes ahead: that announcement is reminder enough.
      await createMaintenance(db, { name: 'Quick fix', body: 'Fixing.', scheduledFor: new Date(now + 90 * 60_000), scheduledUntil: new Date(now + 2 * 3600_000), componentIds: [componentId] }, SYSTEM_ACTOR);
      const reminders = () => db.notification.findMany({ where: { kind: 'maintenance_reminder' }, select: { id: true, payload: true } });

      expect(await remindOfMaintenance(db, new Date(now + 60 * 60_000))).toEqual([]);
      expect(await remindOfMaintenance(db, new Date(now + 2 * 3600_000 + 60_000))).toEqual([announced.id]);
      expect(await remindOfMaintenance(db, new Date(now + 2 * 3600_000 + 120_000))).toEqual([]);
      await fanOutAll(db, new Date(now + 2 * 3600_000 + 120_000));
      const [reminder] = await reminders();
      expect(JSON.parse(reminder.payload!).incident).toMatchObject({ id: announced.id, name: 'Database upgrade', status: 'scheduled' });
      expect(await db.delivery.findMany({ where: { notificationId: reminder.id }, select: { subscriberId: true } })).toEqual([{ subscriberId: chat.id }]);
      expect(await db.delivery.count({ where: { notificationId: reminder.id, subscriberId: webhook.id } })).toBe(0);

      // Moved a day later: reminded again before the new start.
      await editIncident(db, announced.id, { scheduledFor: new Date(now + 27 * 3600_000), scheduledUntil: new Date(now + 28 * 3600_000) }, SYSTEM_ACTOR);
      expect(await remindOfMaintenance(db, new Date(now + 26 * 3600_000 + 60_000))).toEqual([announced.id]);
      expect(await reminders()).toHaveLength(2);
    });

    it('tells people who chose a component of its change when the incident update that made it notifies nobody', async () => {
      const { db, componentId } = worker;
      const kinds = async (name: string) => {
        const rows = await db.notification.findMany({ where: { kind: { in: ['component_update', 'incident_component_update'] } }, orderBy: { createdAt: 'desc' }, take: 1, select: { kind: true } });
        return `${name}: ${rows[0]?.kind}`;
      };
      await createIncident(db, { body: 'Loud.', name: 'Announced', status: 'investigating', components: { [componentId]: 'partial_outage' }, componentIds: [componentId] }, SYSTEM_ACTOR);
      expect(await kinds('announced')).toBe('announced: incident_component_update');
      await createIncident(db, { body: 'Quiet.', name: 'Quiet', status: 'investigating', components: { [componentId]: 'major_outage' }, componentIds: [componentId], deliverNotifications: false }, SYSTEM_ACTOR);
      expect(await kinds('quiet')).toBe('quiet: component_update');
    });

    it('builds each body when it fans out, as of the update it announces, and tells nobody of an incident deleted before then', async () => {
      const { db, receiver, componentId } = worker;
      // What earlier tests left to tell goes to the subscribers there were.
      await fanOutAll(db, t0);
      await db.subscriber.updateMany({ data: { quarantinedAt: new Date() } });
      const subscriber = await createSubscriber(db, { mode: 'webhook', endpoint: `${receiver.url}/as-of` }, SYSTEM_ACTOR);
      const opened = await createIncident(db, { body: 'Looking.', name: 'Slow checkout', status: 'investigating', componentIds: [componentId] }, SYSTEM_ACTOR);
      await postIncidentUpdate(db, opened.id, { status: 'resolved', body: 'Fixed.' }, SYSTEM_ACTOR);
      // Written by the writes as what happened, not yet as bodies.
      expect(await db.notification.count({ where: { kind: 'incident_update', fannedOutAt: null, payload: null, event: { not: null } } })).toBe(2);
      await fanOutAll(db, t0);
      const sent = await db.notification.findMany({ where: { kind: 'incident_update', deliveries: { some: { subscriberId: subscriber.id } } }, select: { payload: true, componentIds: true } });
      const told = sent
        .map(({ payload }) => JSON.parse(payload!).incident)
        .map((incident) => ({ status: incident.status, updates: incident.incident_updates.map((update: { body: string }) => update.body), resolved: incident.resolved_at !== null }))
        .sort((a, b) => a.updates.length - b.updates.length);
      // The first update is told as it was posted, though the incident was resolved before the worker came round.
      expect(told).toEqual([
        { status: 'investigating', updates: ['Looking.'], resolved: false },
        { status: 'resolved', updates: ['Fixed.', 'Looking.'], resolved: true },
      ]);
      expect(sent.map(({ componentIds }) => JSON.parse(componentIds!))).toEqual([[componentId], [componentId]]);

      const deleted = await createIncident(db, { body: 'Oops.', name: 'Posted by mistake', status: 'investigating', componentIds: [componentId] }, SYSTEM_ACTOR);
      await deleteIncident(db, deleted.id, SYSTEM_ACTOR);
      expect(await fanOutAll(db, t0)).toBe(1);
      expect(await db.notification.count({ where: { kind: 'incident_update', fannedOutAt: null } })).toBe(0);
      expect(await db.delivery.count({ where: { subscriberId: subscriber.id, notification: { kind: 'incident_update' } } })).toBe(2);
    });

    it('tells a subscriber only what happened once they were subscribed, however late the fan-out runs', async () => {
      const { db, receiver, componentId } = worker;
      await fanOutAll(db, t0);
      await db.subscriber.updateMany({ data: { quarantinedAt: new Date() } });
      // A millisecond apart at least: the order of the writes is the order of their times.
      const tick = () => new Promise((resolve) => setTimeout(resolve, 2));
      const early = await createSubscriber(db, { mode: 'webhook', endpoint: `${receiver.url}/early` }, SYSTEM_ACTOR);
      await tick();
      const incident = await createIncident(db, { body: 'Looking.', name: 'Told from when', status: 'investigating', componentIds: [componentId] }, SYSTEM_ACTOR);
      await tick();
      const late = await createSubscriber(db, { mode: 'webhook', endpoint: `${receiver.url}/late` }, SYSTEM_ACTOR);
      await tick();
      await postIncidentUpdate(db, incident.id, { status: 'identified', body: 'Found it.' }, SYSTEM_ACTOR);
      // Both fanned out only now, after the late one subscribed.
      expect(await fanOutAll(db, t0)).toBe(2);
      const statusesTo = async (subscriberId: string) =>
        (await db.delivery.findMany({ where: { subscriberId }, select: { notification: { select: { payload: true } } } })).map((delivery) => JSON.parse(delivery.notification.payload!).incident.status).sort();
      expect(await statusesTo(early.id)).toEqual(['identified', 'investigating']);
      expect(await statusesTo(late.id)).toEqual(['identified']);
    });

    it('tells people of a component change once when an incident about it follows at once (as a monitor’s does), and webhooks of both', async () => {
      const { db, receiver, componentId } = worker;
      const later = () => ({ settledBefore: new Date(Date.now() + 60_000) });
      await setComponentStatus(db, { componentId, status: 'operational' }, SYSTEM_ACTOR);
      await fanOutAll(db, t0, later());
      await db.subscriber.updateMany({ data: { quarantinedAt: new Date() } });
      const chat = await createSubscriber(db, { mode: 'slack', endpoint: `${receiver.url}/settle-chat`, componentIds: [componentId] }, SYSTEM_ACTOR);
      const webhook = await createSubscriber(db, { mode: 'webhook', endpoint: `${receiver.url}/settle-hook` }, SYSTEM_ACTOR);
      const kindsTo = async (subscriberId: string) =>
        (await db.delivery.findMany({ where: { subscriberId }, select: { notification: { select: { kind: true } } } })).map((delivery) => delivery.notification.kind).sort();

      // As a monitor does: the component's change, then, in a write of its own, the incident it opens.
      await setComponentStatus(db, { componentId, status: 'major_outage' }, SYSTEM_ACTOR);
      expect(await fanOutAll(db, t0)).toBe(0);
      await createIncident(db, { body: 'Our checks fail.', name: 'Checks fail', status: 'investigating', componentIds: [componentId] }, SYSTEM_ACTOR);
      expect(await fanOutAll(db, t0)).toBe(1);
      expect(await fanOutAll(db, t0, later())).toBe(1);
      expect(await kindsTo(chat.id)).toEqual(['incident_update']);
      expect(await kindsTo(webhook.id)).toEqual(['incident_component_update', 'incident_update']);

      // A change no incident follows: those who chose the component hear of it.
      await setComponentStatus(db, { componentId, status: 'degraded_performance' }, SYSTEM_ACTOR);
      expect(await fanOutAll(db, t0, later())).toBe(1);
      expect(await kindsTo(chat.id)).toEqual(['component_update', 'incident_update']);
    });

    it('prunes notifications past the retention once all their deliveries are done, and addresses never confirmed', async () => {
      const { db, receiver } = worker;
      const old = new Date(Date.now() - (NOTIFICATION_RETENTION_DAYS + 1) * 24 * 3600_000);
      const subscriber = await createSubscriber(db, { mode: 'webhook', endpoint: `${receiver.url}/prune` }, SYSTEM_ACTOR);
      const notification = (id: string) => ({ id, kind: 'incident_update', payload: '{}', componentIds: '[]', createdAt: old, fannedOutAt: old });
      await db.notification.createMany({ data: [notification('prune-done'), notification('prune-pending')] });
      await db.delivery.createMany({
        data: [
          { id: 'prune-d1', notificationId: 'prune-done', subscriberId: subscriber.id, status: 'delivered', nextAttemptAt: old, createdAt: old },
          { id: 'prune-d2', notificationId: 'prune-pending', subscriberId: subscriber.id, status: 'pending', nextAttemptAt: old, createdAt: old },
        ],
      });
      const unconfirmed = (id: string, purgeAt: Date) => ({ id, mode: 'email', email: `${id}@example.com`, unsubscribeToken: `token-${id}`, purgeAt, createdAt: old });
      await db.subscriber.createMany({ data: [unconfirmed('expired', new Date(Date.now() - 1000)), unconfirmed('waiting', new Date(Date.now() + 3600_000))] });

      const pruned = await pruneNotifications(db, new Date());
      expect(pruned.subscribers).toBe(1);
      expect(await db.notification.findUnique({ where: { id: 'prune-done' } })).toBeNull();
      expect(await db.delivery.findUnique({ where: { id: 'prune-d1' } })).toBeNull();
      expect(await db.notification.findUnique({ where: { id: 'prune-pending' } })).not.toBeNull();
      expect((await db.subscriber.findMany({ where: { id: { in: ['expired', 'waiting'] } }, select: { id: true } })).map((row) => row.id)).toEqual(['waiting']);
    });

    if (provider === 'postgresql') it('gives each due delivery to one claimer among several at once', async () => {
      const { db, receiver, componentId } = worker;
      await db.subscriber.updateMany({ data: { quarantinedAt: new Date() } });
      for (let index = 0; index < 30; index++) await createSubscriber(db, { mode: 'webhook', endpoint: `${receiver.url}/many/${index}` }, SYSTEM_ACTOR);
      await createIncident(db, { body: 'Looking.', name: 'Many', status: 'investigating', componentIds: [componentId] }, SYSTEM_ACTOR);
      await Promise.all([fanOutAll(db, t0), fanOutAll(db, t0)]);
      const due = await db.delivery.count({ where: { status: 'pending', nextAttemptAt: { lte: at(10 * QUARANTINE_AFTER_MS) } } });
      expect(due).toBeGreaterThanOrEqual(30);
      const later = at(10 * QUARANTINE_AFTER_MS);
      const claims = await Promise.all([0, 1, 2, 3].map(() => claimDueDeliveries(db, later, 10)));
      const ids = claims.flat().map((claimed) => claimed.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThan(10);
    });
  });
}
