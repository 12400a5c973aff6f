// The operator's record over HTTP, through the real server, on a real database of one provider:
// resolving brings components back, incidents and maintenance are deleted, edited, cancelled and
// moved, and every refusal is a sentence naming the field.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '@/lib/db/client';
import { json, useAdminApiFixture, type AdminApiFixture } from '../helpers/admin-api';

const HOUR = 3_600_000;

export function describeIncidentRecord(provider: Provider) {
  describe(`the incident record over the admin API on ${provider}`, () => {
    const fixture = useAdminApiFixture(provider, 'incident-record');
    const { call } = fixture;
    let keys: AdminApiFixture['keys'];
    let ids: Record<string, string>;

    beforeAll(async () => {
      keys = fixture.keys;
      const rows = await fixture.database.db.component.findMany({ select: { id: true, name: true } });
      ids = Object.fromEntries(rows.map((row) => [row.name, row.id]));
    });

    // The public surfaces follow a write within a second, not always before its answer: polled.
    const publicJson = async (path: string) => (await fixture.request('GET', path)).json();
    const componentStatus = async (name: string) =>
      ((await publicJson('/api/v2/components.json')).components as { id: string; status: string }[]).find((component) => component.id === ids[name])!.status;
    const open = async (incident: Record<string, unknown>) => {
      const response = await call('POST', '/incidents', { key: keys.incidents, body: json({ incident }) });
      expect(response.status, await response.clone().text()).toBe(201);
      return (await response.json()) as { id: string; incident_updates: { body: string; status: string }[] };
    };
    const patch = (id: string, incident: Record<string, unknown>, headers?: Record<string, string>) =>
      call('PATCH', `/incidents/${id}`, { key: keys.incidents, body: json({ incident }), headers });

    it('resolving brings the affected components back to operational, and the page, v2 JSON and badges say so', async () => {
      const incident = await open({ name: 'Checkout down', body: 'Checkout fails.', components: { [ids.Dashboard]: 'major_outage', [ids['Email notifications']]: 'partial_outage' } });
      await expect.poll(() => componentStatus('Dashboard')).toBe('major_outage');
      // A second open incident also holds Email notifications: resolving the first leaves it to that one.
      const other = await open({ name: 'Webhook backlog', body: 'Deliveries are late.', components: { [ids['Email notifications']]: 'partial_outage' } });

      const resolved = await patch(incident.id, { status: 'resolved' });
      expect(resolved.status).toBe(200);
      const body = await resolved.json();
      // A status alone gets the standard message for it: no empty update.
      expect(body.incident_updates[0]).toMatchObject({ status: 'resolved', body: 'This incident has been resolved.' });
      expect(body.incident_updates[0].affected_components).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: ids.Dashboard, old_status: 'major_outage', new_status: 'operational' })]),
      );
      await expect.poll(() => componentStatus('Dashboard')).toBe('operational');
      await expect.poll(() => componentStatus('Email notifications')).toBe('partial_outage');
      const badge = await (await fixture.request('GET', `/badge/${ids.Dashboard}.json`)).json();
      expect(badge.message).toBe('operational');

      // Naming a component with its status keeps it: the operator chose otherwise.
      await patch(other.id, { status: 'identified', body: 'Found it.', components: { [ids.Database]: 'degraded_performance' } });
      await patch(other.id, { status: 'resolved', body: 'Backlog cleared; the database stays slow for now.', components: { [ids.Database]: 'degraded_performance' } });
      await expect.poll(() => componentStatus('Email notifications')).toBe('operational');
      await expect.poll(() => componentStatus('Database')).toBe('degraded_performance');
      await fixture.request('PATCH', `/api/v1/pages/${fixture.pageId}/components/${ids.Database}`, { key: keys.components, body: json({ component: { status: 'operational' } }) });

      // The rollup: with the demo's own open incident resolved too, the page is all operational.
      for (const unresolved of (await publicJson('/api/v2/incidents/unresolved.json')).incidents as { id: string }[]) {
        expect((await patch(unresolved.id, { status: 'resolved', body: 'Fixed.' })).status).toBe(200);
      }
      await expect.poll(async () => (await publicJson('/api/v2/summary.json')).status.indicator).toBe('none');
      const summary = await publicJson('/api/v2/summary.json');
      expect(summary.status).toMatchObject({ indicator: 'none', description: 'All Systems Operational' });
      expect((summary.components as { status: string }[]).every((component) => component.status === 'operational')).toBe(true);
      const page = await (await fixture.request('GET', '/')).text();
      expect(page).toContain('All Systems Operational');
    });

    it('edits name and impact without posting an update; an empty update is a 422', async () => {
      const incident = await open({ name: 'Slow pages', body: 'Pages load slowly.', impact_override: 'minor' });
      const edited = await patch(incident.id, { name: 'Slow pages in Europe', impact_override: 'major' });
      expect(edited.status).toBe(200);
      const body = await edited.json();
      expect(body).toMatchObject({ name: 'Slow pages in Europe', impact: 'major', status: 'investigating' });
      expect(body.incident_updates).toHaveLength(1);
      const v2 = async () => (await publicJson('/api/v2/incidents.json')).incidents.find((candidate: { id: string }) => candidate.id === incident.id);
      await expect.poll(v2).toMatchObject({ name: 'Slow pages in Europe', impact: 'major' });

      for (const empty of [{}, { body: '  ' }, { components: { [ids.CDN]: 'degraded_performance' } }]) {
        const response = await patch(incident.id, empty);
        expect(response.status, JSON.stringify(empty)).toBe(422);
        expect((await response.json()).error.message).toMatch(/^(Nothing to change|An update needs a message)/);
      }
      const after = await (await call('GET', `/incidents/${incident.id}`, { key: keys.read })).json();
      expect(after.incident_updates).toHaveLength(1);
      await expect.poll(() => componentStatus('CDN')).toBe('operational');
    });

    it('refuses a stale write with a message saying what changed meanwhile, in words', async () => {
      const incident = await open({ name: 'Login errors', body: 'Some log-ins fail.' });
      const etag = (await call('GET', `/incidents/${incident.id}`, { key: keys.read })).headers.get('etag')!;
      await patch(incident.id, { status: 'identified', body: 'A bad deploy.' });
      const stale = await patch(incident.id, { body: 'Still looking.' }, { 'if-match': etag });
      expect(stale.status).toBe(409);
      const { message } = (await stale.json()).error;
      expect(message).toContain('Someone else changed "Login errors"');
      expect(message).toContain('Identified');
      expect(message).not.toContain(incident.id);
      expect(message).not.toMatch(/version/i);
    });

    it('names the field in every validation message', async () => {
      const response = await call('POST', '/incidents', { key: keys.incidents, body: json({ incident: { name: ' ', impact_override: 'huge' } }) });
      expect(response.status).toBe(400);
      const { error } = await response.json();
      expect(error.details).toEqual(
        expect.arrayContaining([
          { path: 'incident.name', message: 'incident.name is required.' },
          { path: 'incident.impact_override', message: expect.stringMatching(/^incident\.impact_override must be one of: none, minor, major, critical\.$/) },
        ]),
      );
      expect(error.message).not.toMatch(/Too small|expected string/);
    });

    it('deletes an incident: gone from every public surface, its outage out of the uptime bars, kept in the audit log', async () => {
      const uptime = async () => (await (await fixture.request('GET', `/badge/${ids['Object storage']}/uptime.json`)).json()).message as string;
      const before = await uptime();
      const startedAt = new Date(Date.now() - 3 * 24 * HOUR);
      const past = await open({
        name: 'Storage outage',
        status: 'resolved',
        body: 'Storage was down for six hours.',
        started_at: startedAt.toISOString(),
        resolved_at: new Date(startedAt.getTime() + 6 * HOUR).toISOString(),
        components: { [ids['Object storage']]: 'major_outage' },
      });
      await expect.poll(uptime).not.toBe(before);

      const deleted = await call('DELETE', `/incidents/${past.id}`, { key: keys.incidents });
      expect(deleted.status).toBe(200);
      expect(await deleted.json()).toMatchObject({ id: past.id, name: 'Storage outage' });
      expect((await call('GET', `/incidents/${past.id}`, { key: keys.read })).status).toBe(404);
      await expect.poll(uptime).toBe(before);
      expect(JSON.stringify(await publicJson('/api/v2/incidents.json'))).not.toContain(past.id);
      expect((await fixture.request('GET', `/incidents/${past.id}`)).status).toBe(404);
      expect(await (await fixture.request('GET', '/history.atom')).text()).not.toContain('Storage outage');
      const audit = await fixture.database.db.auditLog.findFirstOrThrow({ where: { action: 'incident.delete', targetId: past.id } });
      expect(audit.summary).toBe('Deleted the incident "Storage outage"');
      expect(JSON.parse(audit.details!)).toMatchObject({ name: 'Storage outage', updates: [expect.objectContaining({ body: 'Storage was down for six hours.' })] });

      // An open incident deleted: the component takes the status it had before.
      const open_ = await open({ name: 'Mistake', body: 'Posted by mistake.', components: { [ids.Authentication]: 'major_outage' } });
      await expect.poll(() => componentStatus('Authentication')).toBe('major_outage');
      expect((await call('DELETE', `/incidents/${open_.id}`, { key: keys.incidents })).status).toBe(200);
      await expect.poll(() => componentStatus('Authentication')).toBe('operational');
      expect((await call('DELETE', `/incidents/${open_.id}`, { key: keys.incidents })).status).toBe(404);
    });

    it('deleting one of two incidents that hold a component leaves it to the other', async () => {
      const first = await open({ name: 'Slow dashboard', body: 'Slow.', components: { [ids.Dashboard]: 'degraded_performance' } });
      // Already degraded: the second incident writes no history row of its own for it.
      const second = await open({ name: 'Slow dashboard, part two', body: 'Still slow.', components: { [ids.Dashboard]: 'degraded_performance' } });
      expect((await call('DELETE', `/incidents/${first.id}`, { key: keys.incidents })).status).toBe(200);
      await expect.poll(() => componentStatus('Dashboard')).toBe('degraded_performance');
      expect((await patch(second.id, { status: 'resolved', body: 'Fast again.' })).status).toBe(200);
      await expect.poll(() => componentStatus('Dashboard')).toBe('operational');
    });

    it('cancelling a window that never started leaves a component an operator put under maintenance by hand', async () => {
      const setCdn = (status: string) =>
        fixture.request('PATCH', `/api/v1/pages/${fixture.pageId}/components/${ids.CDN}`, { key: keys.components, body: json({ component: { status } }) });
      expect((await setCdn('under_maintenance')).status).toBe(200);
      const from = new Date(Date.now() + 48 * HOUR);
      const window = await open({ name: 'CDN swap', status: 'scheduled', body: 'Swapping.', scheduled_for: from.toISOString(), scheduled_until: new Date(from.getTime() + HOUR).toISOString(), component_ids: [ids.CDN] });
      expect((await patch(window.id, { status: 'cancelled', body: 'Not needed after all.' })).status).toBe(200);
      await expect.poll(() => componentStatus('CDN')).toBe('under_maintenance');
      expect((await setCdn('operational')).status).toBe(200);
    });

    it('moves a maintenance window, refuses one wholly in the past, and cancels one: it leaves the calendar', async () => {
      const from = new Date(Date.now() + 24 * HOUR);
      const window = { scheduled_for: from.toISOString(), scheduled_until: new Date(from.getTime() + 2 * HOUR).toISOString() };
      const maintenance = await open({ name: 'Search index rebuild', status: 'scheduled', body: 'Upgrading.', ...window, component_ids: [ids.Database] });

      const past = await call('POST', '/incidents', {
        key: keys.incidents,
        body: json({ incident: { name: 'Too late', status: 'scheduled', body: 'x', scheduled_for: new Date(Date.now() - 3 * HOUR).toISOString(), scheduled_until: new Date(Date.now() - HOUR).toISOString() } }),
      });
      expect(past.status).toBe(400);
      expect((await past.json()).error.message).toContain('must end in the future');

      const later = new Date(from.getTime() + 24 * HOUR);
      const moved = await patch(maintenance.id, { scheduled_for: later.toISOString(), scheduled_until: new Date(later.getTime() + HOUR).toISOString() });
      expect(moved.status).toBe(200);
      expect(await moved.json()).toMatchObject({ scheduled_for: later.toISOString(), incident_updates: [expect.anything()] });
      const intoThePast = await patch(maintenance.id, { scheduled_until: new Date(Date.now() - HOUR).toISOString() });
      expect(intoThePast.status).toBe(400);

      await expect.poll(async () => (await (await fixture.request('GET', '/maintenance.ics')).text()).includes('SUMMARY:Search index rebuild')).toBe(true);
      const cancelled = await patch(maintenance.id, { status: 'cancelled' });
      expect(cancelled.status).toBe(200);
      expect(await cancelled.json()).toMatchObject({ status: 'completed', incident_updates: [expect.objectContaining({ body: 'This scheduled maintenance has been cancelled.' }), expect.anything()] });
      await expect.poll(async () => (await (await fixture.request('GET', '/maintenance.ics')).text()).includes('Search index rebuild')).toBe(false);
      expect(JSON.stringify(await publicJson('/api/v2/scheduled-maintenances/upcoming.json'))).not.toContain(maintenance.id);
      const html = await (await fixture.request('GET', `/incidents/${maintenance.id}`)).text();
      expect(html).toContain('Cancelled');
      expect((await patch(maintenance.id, { status: 'cancelled' })).status).toBe(422);
    });
  });
}
