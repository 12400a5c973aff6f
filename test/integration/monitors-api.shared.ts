// Monitors through the admin API over HTTP, against the real server (whose scheduler runs the checks)
// and a real database of one provider, with a local service made to fail; checked against what the
// public JSON, the status history and the audit log then say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createApiKey } from '@/lib/api-keys/api-keys';
import type { Provider } from '@/lib/db/client';
import { saveTemplate } from '@/lib/incidents/templates';
import { snapshotRebuilds, waitOutRebuild } from '../helpers/rebuilds';
import { closedPort, startUpstream, type Upstream } from '../helpers/upstream';
import { startWebhookReceiver } from '../helpers/webhook-receiver';
import { json, useAdminApiFixture, type AdminApiFixture } from '../helpers/admin-api';

type MonitorJson = Record<string, unknown> & { id: string; state: string; last_check: Record<string, unknown> | null; heartbeat_url?: string };

export function describeMonitorsApi(provider: Provider) {
  describe(`monitors API on ${provider}`, () => {
    const fixture = useAdminApiFixture(provider, 'monitors-api');
    const { call } = fixture;
    let keys: AdminApiFixture['keys'];
    let upstream: Upstream;

    beforeAll(async () => {
      ({ keys } = fixture);
      upstream = await startUpstream();
    });
    afterAll(() => upstream?.stop());

    /** A new component of its own, so each test's statuses stand alone. */
    async function newComponent(name: string): Promise<string> {
      const response = await call('POST', '/components', { key: keys.all, body: json({ component: { name } }) });
      expect(response.status).toBe(201);
      return (await response.json()).id;
    }
    async function createMonitor(monitor: Record<string, unknown>): Promise<MonitorJson> {
      const response = await call('POST', '/monitors', { key: keys.all, body: json({ monitor }) });
      expect(response.status, await response.clone().text()).toBe(201);
      return response.json();
    }
    const checkNow = async (id: string) => {
      const response = await call('POST', `/monitors/${id}/check`, { key: keys.all });
      expect(response.status, await response.clone().text()).toBe(200);
      return response.json();
    };
    const setStatus = async (componentId: string, status: string) =>
      expect((await call('PATCH', `/components/${componentId}`, { key: keys.all, body: json({ component: { status } }) })).status).toBe(200);
    /** The component's status as visitors' tools read it, once the public JSON shows `status`. */
    const publicStatusBecomes = (componentId: string, status: string) =>
      expect
        .poll(async () => (await (await fixture.request('GET', '/api/v2/components.json')).json()).components.find((entry: { id: string }) => entry.id === componentId)?.status, { timeout: 10_000, interval: 50 })
        .toBe(status);
    const httpMonitor = (componentId: string, extra: Record<string, unknown> = {}) => ({ name: 'API health', component_id: componentId, type: 'http', url: `${upstream.url}/health`, ...extra });

    it('runs the first check at once, on its own, and shows it', async () => {
      upstream.set({ kind: 'status', status: 200, body: 'ok' });
      const componentId = await newComponent('Checked at once');
      const created = await createMonitor(httpMonitor(componentId, { expected_status: '200-299', headers: { Authorization: 'Bearer secret' } }));
      expect(created).toMatchObject({ type: 'http', url: `${upstream.url}/health`, method: 'GET', interval_seconds: 60, timeout_seconds: 10, failures_before_down: 3, successes_before_up: 2, down_status: 'major_outage', paused: false });
      // Header values often hold tokens: never shown back.
      expect(created.headers).toEqual({ Authorization: '(hidden)' });
      await expect.poll(async () => ((await (await call('GET', `/monitors/${created.id}`, { key: keys.read })).json()) as MonitorJson).state, { timeout: 10_000 }).toBe('up');
      const monitor: MonitorJson = await (await call('GET', `/monitors/${created.id}`, { key: keys.read })).json();
      expect(monitor.last_check).toMatchObject({ ok: true, code: null, status_code: 200 });
      expect(monitor.last_check!.detail).toMatch(/^answered 200 in \d+ ms$/);
      const list: MonitorJson[] = await (await call('GET', '/monitors', { key: keys.read })).json();
      expect(list.map((entry) => entry.id)).toContain(created.id);
    });

    it('sets the component down after three 502s, names the failure, and brings it back after two passes', async () => {
      const componentId = await newComponent('Behind the gateway');
      upstream.set({ kind: 'status', status: 200 });
      const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600 }));
      await expect.poll(async () => ((await (await call('GET', `/monitors/${id}`, { key: keys.read })).json()) as MonitorJson).state).toBe('up');

      upstream.set({ kind: 'status', status: 502 });
      const first = await checkNow(id);
      expect(first.check).toMatchObject({ ok: false, code: 'http_502', label: '502 Bad Gateway', status_code: 502 });
      expect(first.check.explanation).toMatch(/no valid answer from the service behind it/);
      // One failure is not an outage yet: the status stays, the monitor still agrees with it.
      expect(first.component_status).toEqual({ changed: false, status: 'operational' });
      expect((await checkNow(id)).state).toBe('up');
      const third = await checkNow(id);
      expect(third).toMatchObject({ state: 'down', previous_state: 'up', component_status: { changed: true, status: 'major_outage' } });
      await publicStatusBecomes(componentId, 'major_outage');

      const audit = await fixture.database.db.auditLog.findFirstOrThrow({ where: { targetId: componentId, action: 'component.update' }, orderBy: { at: 'desc' } });
      expect(audit).toMatchObject({ actorType: 'monitor', actorId: id, actorName: 'Monitor "API health"' });
      expect(audit.summary).toBe(`Set "Behind the gateway" from Operational to Major outage: 3 checks in a row failed, the last with 502 Bad Gateway (answered 502, expected 200-299)`);
      const history = await fixture.database.db.componentStatusChange.findMany({ where: { componentId }, orderBy: { at: 'asc' } });
      expect(history.map((row) => row.status)).toEqual(['operational', 'major_outage']);

      upstream.set({ kind: 'status', status: 200 });
      expect((await checkNow(id)).state).toBe('down');
      expect(await checkNow(id)).toMatchObject({ state: 'up', component_status: { changed: true, status: 'operational' } });
      await publicStatusBecomes(componentId, 'operational');
      const recovered = await fixture.database.db.auditLog.findFirstOrThrow({ where: { targetId: componentId, action: 'component.update' }, orderBy: { at: 'desc' } });
      expect(recovered.summary).toMatch(/^Set "Behind the gateway" from Major outage to Operational: checks pass again \(answered 200 in \d+ ms\)$/);

      const checks = await (await call('GET', `/monitors/${id}/checks?limit=3`, { key: keys.read })).json();
      expect(checks.map((check: { code: string | null }) => check.code)).toEqual([null, null, 'http_502']);
    });

    it('does not clear a status an operator set while the monitor was failing', async () => {
      const componentId = await newComponent('Chosen by hand');
      upstream.set({ kind: 'status', status: 503 });
      const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600, failures_before_down: 1, successes_before_up: 1, down_status: 'partial_outage' }));
      await publicStatusBecomes(componentId, 'partial_outage');
      await setStatus(componentId, 'major_outage');
      upstream.set({ kind: 'status', status: 200 });
      expect(await checkNow(id)).toMatchObject({ state: 'up', component_status: { changed: false, reason: 'chosen_by_a_person' } });
      await publicStatusBecomes(componentId, 'major_outage');
      // Once the operator sets it back, the monitor has it again.
      await setStatus(componentId, 'operational');
      expect(await checkNow(id)).toMatchObject({ component_status: { changed: false, status: 'operational' } });
      upstream.set({ kind: 'status', status: 504 });
      expect(await checkNow(id)).toMatchObject({ state: 'down', component_status: { changed: true, status: 'partial_outage' } });
    });

    it('keeps a status a person set even when it is the one the monitor had set', async () => {
      const componentId = await newComponent('Confirmed by hand');
      upstream.set({ kind: 'status', status: 502 });
      const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600, failures_before_down: 1, successes_before_up: 1 }));
      await publicStatusBecomes(componentId, 'major_outage');
      // The operator confirms the outage by hand: from now on it is their call.
      await setStatus(componentId, 'major_outage');
      upstream.set({ kind: 'status', status: 200 });
      expect(await checkNow(id)).toMatchObject({ state: 'up', component_status: { changed: false, reason: 'chosen_by_a_person' } });
    });

    it('starts afresh when moved to another component, and keeps header values sent back as shown', async () => {
      const first = await newComponent('Moved from');
      const second = await newComponent('Moved to');
      upstream.set({ kind: 'status', status: 502 });
      const { id } = await createMonitor(httpMonitor(first, { interval_seconds: 3600, failures_before_down: 1, headers: { Authorization: 'Bearer secret' } }));
      await publicStatusBecomes(first, 'major_outage');
      const moved = await call('PATCH', `/monitors/${id}`, { key: keys.all, body: json({ monitor: { component_id: second, headers: { Authorization: '(hidden)', 'X-Trace': 'on' } } }) });
      expect(await moved.json()).toMatchObject({ component_id: second, state: 'unknown', headers: { Authorization: '(hidden)', 'X-Trace': '(hidden)' } });
      const stored = JSON.parse((await fixture.database.db.monitor.findUniqueOrThrow({ where: { id } })).settings);
      expect(stored.headers).toEqual({ Authorization: 'Bearer secret', 'X-Trace': 'on' });
      // Its first verdict on the new component is new trouble: it says so.
      expect(await checkNow(id)).toMatchObject({ state: 'down', component_status: { changed: true, status: 'major_outage' } });
    });

    it('leaves a component under maintenance alone', async () => {
      const componentId = await newComponent('In maintenance');
      upstream.set({ kind: 'status', status: 200 });
      const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600, failures_before_down: 1 }));
      await setStatus(componentId, 'under_maintenance');
      upstream.set({ kind: 'status', status: 502 });
      expect(await checkNow(id)).toMatchObject({ state: 'down', component_status: { changed: false, reason: 'maintenance' } });
      await publicStatusBecomes(componentId, 'under_maintenance');
    });

    it('in a deploy window: no status change and no incident while the app fails; after it, the monitor has the component again', async () => {
      const componentId = await newComponent('Deployed app');
      upstream.set({ kind: 'status', status: 200 });
      const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600, failures_before_down: 1, successes_before_up: 1, incident_mode: 'open' }));
      await expect.poll(async () => ((await (await call('GET', `/monitors/${id}`, { key: keys.read })).json()) as MonitorJson).state).toBe('up');
      // The pipeline's key, as the README's GitHub Actions step uses it.
      const deployKey = (await createApiKey(fixture.database.db, { name: 'pipeline', scopes: ['deploys'] }, SYSTEM_ACTOR)).key;
      const opened = await call('POST', '/deploys', { key: deployKey, body: json({ deploy: { name: 'Deploy v1.4', components: [componentId], minutes: 10 } }) });
      expect(opened.status).toBe(201);
      upstream.set({ kind: 'status', status: 502 });
      const during = await checkNow(id);
      expect(during).toMatchObject({ state: 'down', component_status: { changed: false } });
      await publicStatusBecomes(componentId, 'under_maintenance');
      const incidents = () => fixture.database.db.incident.count({ where: { kind: 'incident', components: { some: { componentId } } } });
      expect(await incidents()).toBe(0);
      // The deploy is over and the app still fails: the component is the monitor's again, with its incident.
      expect((await call('POST', '/deploys/finish', { key: deployKey, body: json({ deploy: { id: (await opened.json()).id } }) })).status).toBe(200);
      await publicStatusBecomes(componentId, 'operational');
      expect((await checkNow(id)).component_status).toEqual({ changed: true, status: 'major_outage' });
      await publicStatusBecomes(componentId, 'major_outage');
      expect(await incidents()).toBe(1);
      upstream.set({ kind: 'status', status: 200 });
    });

    it('costs no snapshot rebuild for checks that change no status', async () => {
      const componentId = await newComponent('Quietly fine');
      upstream.set({ kind: 'status', status: 200 });
      const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600 }));
      await expect.poll(async () => ((await (await call('GET', `/monitors/${id}`, { key: keys.read })).json()) as MonitorJson).state).toBe('up');
      await waitOutRebuild();
      const before = await snapshotRebuilds(fixture.server.url);
      for (let check = 0; check < 3; check++) expect((await checkNow(id)).check.ok).toBe(true);
      await waitOutRebuild();
      expect(await snapshotRebuilds(fixture.server.url)).toBe(before);
    });

    it('checks a TCP port', async () => {
      const componentId = await newComponent('Database port');
      const port = await closedPort();
      const { id } = await createMonitor({ name: 'Postgres port', component_id: componentId, type: 'tcp', host: '127.0.0.1', port, interval_seconds: 3600 });
      expect((await checkNow(id)).check).toMatchObject({ ok: false, code: 'refused', label: 'Connection refused' });
      const edited = await call('PATCH', `/monitors/${id}`, { key: keys.all, body: json({ monitor: { port: upstream.port } }) });
      expect(await edited.json()).toMatchObject({ port: upstream.port, host: '127.0.0.1' });
      expect((await checkNow(id)).check).toMatchObject({ ok: true, code: null });
    });

    it('takes heartbeats, and sets the component down when they stop', async () => {
      const componentId = await newComponent('Nightly backup');
      const created = await createMonitor({ name: 'Backup job', component_id: componentId, type: 'heartbeat', interval_seconds: 10, timeout_seconds: 1 });
      expect(created.heartbeat_url).toMatch(/^https:\/\/status\.example\.com\/api\/heartbeat\/[A-Za-z0-9_-]{24}$/);
      // A key that may only read does not get the secret URL: whoever holds it can report a dead job as alive.
      expect((await (await call('GET', `/monitors/${created.id}`, { key: keys.read })).json()).heartbeat_url).toMatch(/^\(hidden/);
      const path = new URL(created.heartbeat_url!).pathname;
      const beat = await fixture.request('POST', path);
      expect(beat.status).toBe(200);
      expect(await beat.json()).toEqual({ ok: true, paused: false });
      expect((await fixture.request('GET', path)).status).toBe(200);
      expect(((await (await call('GET', `/monitors/${created.id}`, { key: keys.read })).json()) as MonitorJson).state).toBe('up');
      // Meanwhile a check hangs for 50 s: it holds its own slot, not the scheduler.
      const hanging = await startUpstream();
      hanging.set({ kind: 'hang' });
      const stuck = await createMonitor({ name: 'Hangs', component_id: await newComponent('Hanging service'), type: 'http', url: hanging.url, interval_seconds: 60, timeout_seconds: 50 });
      await expect.poll(() => hanging.requests.length).toBe(1);
      // No call for interval + grace (11 s): the scheduler records the miss; one miss is down.
      await expect
        .poll(async () => ((await (await call('GET', `/monitors/${created.id}`, { key: keys.read })).json()) as MonitorJson).last_check?.code, { timeout: 20_000, interval: 500 })
        .toBe('heartbeat_missed');
      await publicStatusBecomes(componentId, 'major_outage');
      expect((await fixture.request('GET', path)).status).toBe(200);
      await publicStatusBecomes(componentId, 'operational');
      expect((await call('DELETE', `/monitors/${stuck.id}`, { key: keys.all })).status).toBe(204);
      await hanging.stop();

      const unknown = await fixture.request('POST', '/api/heartbeat/not-a-real-token');
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error.code).toBe('not_found');
      const testing = await call('POST', `/monitors/${created.id}/check`, { key: keys.all });
      expect(testing.status).toBe(422);
      expect((await testing.json()).error.message).toMatch(/call that URL to test it/);
    });

    it('pauses: a paused heartbeat takes calls and records nothing', async () => {
      const componentId = await newComponent('Paused job');
      const created = await createMonitor({ name: 'Paused', component_id: componentId, type: 'heartbeat', interval_seconds: 60 });
      const paused = await call('PATCH', `/monitors/${created.id}`, { key: keys.all, body: json({ monitor: { paused: true } }) });
      expect(await paused.json()).toMatchObject({ paused: true, next_check_at: null });
      expect(await (await fixture.request('GET', new URL(created.heartbeat_url!).pathname)).json()).toEqual({ ok: true, paused: true });
      expect(await fixture.database.db.monitorCheck.count({ where: { monitorId: created.id } })).toBe(0);
      const audit = await fixture.database.db.auditLog.findFirstOrThrow({ where: { targetId: created.id }, orderBy: { at: 'desc' } });
      expect(audit.summary).toBe('Paused monitor "Paused"');
    });

    it('refuses bad input with a clear 4xx naming the field as sent, and stores nothing', async () => {
      const componentId = await newComponent('Validated');
      const count = () => fixture.database.db.monitor.count();
      const before = await count();
      const refused = async (monitor: Record<string, unknown>, status: number, field: string | null, message: RegExp) => {
        const response = await call('POST', '/monitors', { key: keys.all, body: json({ monitor }) });
        const body = await response.json();
        expect(response.status, JSON.stringify(body)).toBe(status);
        expect(body.error.message).toMatch(message);
        if (field) expect(body.error.details.map((detail: { path: string }) => detail.path)).toContain(field);
      };
      await refused(httpMonitor(componentId, { url: 'ftp://example.com' }), 400, 'monitor.url', /url must be an http:\/\/ or https:\/\/ URL/i);
      await refused(httpMonitor(componentId, { expected_status: '2xx' }), 400, 'monitor.expected_status', /must be status codes or ranges/);
      await refused(httpMonitor(componentId, { expected_status: '299-200' }), 400, 'monitor.expected_status', /range/);
      await refused(httpMonitor(componentId, { interval_seconds: 5 }), 400, 'monitor.interval_seconds', /at least 10 seconds/);
      await refused(httpMonitor(componentId, { interval_seconds: 10, timeout_seconds: 10 }), 400, 'monitor.timeout_seconds', /shorter than the interval/);
      await refused(httpMonitor(componentId, { headers: { 'Bad Header': 'x' } }), 400, null, /header name/);
      await refused(httpMonitor(componentId, { json_value: 'ok' }), 400, 'monitor.json_path', /required with a JSON value/);
      await refused(httpMonitor(componentId, { headers: { 'Transfer-Encoding': 'chunked' } }), 400, 'monitor.headers', /must not set connection, .*transfer-encoding/);
      await refused(httpMonitor(componentId, { headers: { 'X-Token': 'a', 'x-token': 'b' } }), 400, 'monitor.headers', /each header once/);
      await refused(httpMonitor(componentId, { json_path: '$.items[?(@.down)]' }), 400, 'monitor.json_path', /plain JSONPath/);
      await refused(httpMonitor(componentId, { frequency: 60 }), 400, null, /frequency/);
      await refused({ name: 'x', component_id: componentId, type: 'tcp', host: 'db.example.com' }, 400, 'monitor.port', /port/i);
      await refused({ name: 'x', component_id: componentId, type: 'smtp' }, 400, 'monitor.type', /must be one of/);
      await refused(httpMonitor('nosuchcomponent'), 422, null, /component it names does not exist/);
      expect(await count()).toBe(before);

      const forbidden = await call('POST', '/monitors', { key: keys.read, body: json({ monitor: httpMonitor(componentId) }) });
      expect(forbidden.status).toBe(403);
      const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600 }));
      const kind = await call('PATCH', `/monitors/${id}`, { key: keys.all, body: json({ monitor: { type: 'tcp' } }) });
      expect(kind.status).toBe(422);
      expect((await kind.json()).error.message).toMatch(/type cannot change/);
      expect((await call('PATCH', '/monitors/nosuchmonitor', { key: keys.all, body: json({ monitor: { name: 'x' } }) })).status).toBe(404);
      expect((await call('GET', `/monitors/${id}/checks?limit=0`, { key: keys.read })).status).toBe(400);
    });

    it('deletes a monitor with its checks; the status history it made stays', async () => {
      const componentId = await newComponent('Short-lived');
      upstream.set({ kind: 'status', status: 502 });
      const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600, failures_before_down: 1 }));
      await publicStatusBecomes(componentId, 'major_outage');
      expect((await call('DELETE', `/monitors/${id}`, { key: keys.all })).status).toBe(204);
      expect((await call('GET', `/monitors/${id}`, { key: keys.read })).status).toBe(404);
      expect(await fixture.database.db.monitorCheck.count({ where: { monitorId: id } })).toBe(0);
      expect(await fixture.database.db.componentStatusChange.count({ where: { componentId, status: 'major_outage' } })).toBe(1);
    });

    it('says on the page since when a status is unconfirmed, once checks stop arriving', async () => {
      const componentId = await newComponent('Silent checker');
      upstream.set({ kind: 'status', status: 200 });
      const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 600, timeout_seconds: 5 }));
      await expect.poll(async () => ((await (await call('GET', `/monitors/${id}`, { key: keys.read })).json()) as MonitorJson).state).toBe('up');
      // The checker went silent an hour ago (two intervals and a timeout make it overdue).
      const silentSince = new Date(Date.now() - 3600_000);
      await fixture.database.db.monitor.update({ where: { id }, data: { lastCheckAt: silentSince, stateSince: silentSince, createdAt: silentSince } });
      const rowOf = async () => {
        const html = await (await fixture.request('GET', '/')).text();
        return html.slice(html.indexOf('Silent checker'), html.indexOf('Silent checker') + 1500);
      };
      // Any visible write rebuilds the page (here the safety-net timer is off).
      await setStatus(await newComponent('Nudge'), 'operational');
      await expect.poll(rowOf).toMatch(/Unconfirmed since (<!-- -->)?[A-Z][a-z]{2} \d+, \d{4}, \d\d:\d\d UTC.*Last known: (<!-- -->)?Operational/s);
      // A check arriving again says so at once.
      await checkNow(id);
      await expect.poll(rowOf).not.toMatch(/Unconfirmed/);
      expect(await rowOf()).toMatch(/Operational/);
    });

    it('shows response times from its monitor on the page, where the operator turns them on', async () => {
      const componentId = await newComponent('Charted');
      upstream.set({ kind: 'status', status: 200 });
      const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600 }));
      const sectionOf = async () => {
        const html = await (await fixture.request('GET', '/')).text();
        const start = html.indexOf('<h3 class="font-medium">Charted</h3>');
        // Up to the next component's name (the uptime bar's cells are list items too).
        const next = html.indexOf('<h3', start + 10);
        return html.slice(start, next === -1 ? undefined : next);
      };
      await expect.poll(sectionOf).toMatch(/Charted/);
      expect(await sectionOf()).not.toMatch(/response times/);
      const turnedOn = await call('PATCH', `/components/${componentId}`, { key: keys.all, body: json({ component: { show_response_times: true } }) });
      expect(turnedOn.status).toBe(200);
      await expect.poll(sectionOf).toMatch(/No response times yet for last 24 hours/);
      // Rollups as the maintenance job writes them each minute: this hour and the one before.
      const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
      const rollup = (start: Date, period: string, p50Ms: number) => ({ monitorId: id, period, start, checks: 60, failures: 0, failuresByCode: '{}', p50Ms, p95Ms: p50Ms * 2, p99Ms: p50Ms * 3 });
      await fixture.database.db.monitorRollup.createMany({
        // And yesterday's day row (the day under way is shown from its hours).
        data: [rollup(new Date(hour.getTime() - 3_600_000), 'hour', 40), rollup(hour, 'hour', 60), rollup(new Date((Math.floor(Date.now() / 86_400_000) - 1) * 86_400_000), 'day', 50)],
      });
      await setStatus(await newComponent('Nudge the page'), 'operational');
      await expect.poll(sectionOf).toMatch(/aria-label="Last 24 hours: typically (40|60) ms; the slowest 5% up to 120 ms\."/);
      const section = await sectionOf();
      // Three ranges to choose with radio buttons: no script needed.
      expect(section.match(new RegExp(`type="radio" id="rt-${componentId}-(24h|7d|90d)"`, 'g'))).toHaveLength(3);
      expect(section).toMatch(/aria-label="Last 90 days: typically (50|60) ms; the slowest 5% up to 120 ms\."/);
    });

    describe('incidents on its own', () => {
      const incidentsOf = (componentId: string) =>
        fixture.database.db.incident.findMany({ where: { components: { some: { componentId } } }, include: { updates: { orderBy: { displayAt: 'asc' } } }, orderBy: { createdAt: 'asc' } });
      /** Runs checks until the monitor says `state`; answers the last check-now body. */
      async function checkUntil(id: string, state: string) {
        for (let attempt = 0; attempt < 5; attempt++) {
          const body = await checkNow(id);
          if (body.state === state) return body;
        }
        throw new Error(`monitor never said ${state}`);
      }

      it('opens one incident from the 502 template, resolves it, and reopens the same one when it fails again', async () => {
        const componentId = await newComponent('Auto incidents');
        upstream.set({ kind: 'status', status: 200 });
        const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600, failures_before_down: 2, successes_before_up: 1, incident_mode: 'open_and_resolve', incident_quiet_minutes: 0 }));
        // The scheduler's first check (at once) is recorded before the test's own: no check of two at a time.
        await expect.poll(async () => ((await (await call('GET', `/monitors/${id}`, { key: keys.read })).json()) as MonitorJson).state).toBe('up');
        upstream.set({ kind: 'status', status: 502 });
        expect((await checkUntil(id, 'down')).incident).toBe('opened');
        // Still down: nothing more.
        expect((await checkNow(id)).incident).toBeNull();
        let incidents = await incidentsOf(componentId);
        expect(incidents).toHaveLength(1);
        expect(incidents[0]).toMatchObject({ name: 'Some requests fail with "502 Bad Gateway"', status: 'investigating', impact: 'major' });
        expect(incidents[0].updates[0].body).toMatch(/\*\*502 Bad Gateway\*\*/);
        await expect
          .poll(async () => (await (await fixture.request('GET', '/api/v2/incidents/unresolved.json')).json()).incidents.map((incident: { id: string }) => incident.id))
          .toContain(incidents[0].id);
        const audit = await fixture.database.db.auditLog.findFirstOrThrow({ where: { targetId: incidents[0].id, action: 'incident.create' } });
        expect(audit).toMatchObject({ actorType: 'monitor', actorName: 'Monitor "API health"' });
        expect((await (await call('GET', `/monitors/${id}`, { key: keys.read })).json()).open_incident_id).toBe(incidents[0].id);

        upstream.set({ kind: 'status', status: 200 });
        expect(await checkNow(id)).toMatchObject({ state: 'up', incident: 'resolved' });
        incidents = await incidentsOf(componentId);
        expect(incidents.map((incident) => incident.status)).toEqual(['resolved']);
        expect(incidents[0].updates.at(-1)!.body).toBe('This incident has been resolved: our checks pass again.');
        await publicStatusBecomes(componentId, 'operational');

        upstream.set({ kind: 'status', status: 502 });
        expect((await checkUntil(id, 'down')).incident).toBe('reopened');
        incidents = await incidentsOf(componentId);
        expect(incidents.map((incident) => incident.status)).toEqual(['investigating']);
        expect(incidents[0].updates.at(-1)!.body).toBe('The problem is back: our checks fail again (502 Bad Gateway). We are investigating.');

        // Resolved by an operator while the outage goes on: someone decided; it stays resolved.
        const resolved = await call('PATCH', `/incidents/${incidents[0].id}`, { key: keys.all, body: json({ incident: { status: 'resolved', body: 'Known and accepted.' } }) });
        expect(resolved.status).toBe(200);
        expect((await checkNow(id)).incident).toBeNull();
        expect((await incidentsOf(componentId)).map((incident) => incident.status)).toEqual(['resolved']);
      });

      it('tells a channel that follows the component of the outage once, in the incident it opens; webhooks hear of the change too', async () => {
        const componentId = await newComponent('Told once');
        const receiver = await startWebhookReceiver();
        try {
          const subscribe = async (mode: string) => {
            const response = await call('POST', '/subscribers', { key: keys.all, body: json({ subscriber: { mode, endpoint: `${receiver.url}/${mode}`, component_ids: [componentId] } }) });
            expect(response.status, await response.clone().text()).toBe(201);
            return (await response.json()).id as string;
          };
          const channel = await subscribe('slack');
          const webhook = await subscribe('webhook');
          upstream.set({ kind: 'status', status: 200 });
          const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600, failures_before_down: 1, successes_before_up: 1, incident_mode: 'open' }));
          await expect.poll(async () => ((await (await call('GET', `/monitors/${id}`, { key: keys.read })).json()) as MonitorJson).state).toBe('up');
          upstream.set({ kind: 'status', status: 502 });
          expect((await checkUntil(id, 'down')).incident).toBe('opened');

          // The component's change goes out once settled, to the webhook; by then the channel's share of it is decided.
          const sentTo = (path: string) => receiver.received.filter((request) => request.path === path).map((request) => JSON.parse(request.body));
          await expect.poll(() => sentTo('/webhook').some((body) => body.component_update?.new_status === 'major_outage')).toBe(true);
          const kindsTo = async (subscriberId: string) =>
            (await fixture.database.db.delivery.findMany({ where: { subscriberId }, select: { notification: { select: { kind: true } } } })).map((delivery) => delivery.notification.kind).sort();
          expect(await kindsTo(channel)).toEqual(['incident_update']);
          expect(await kindsTo(webhook)).toEqual(['incident_component_update', 'incident_update']);
          await expect.poll(() => sentTo('/slack').length).toBe(1);
          expect(JSON.stringify(sentTo('/slack')[0])).toContain('502 Bad Gateway');
        } finally {
          await receiver.stop();
        }
      });

      it('while flapping, moves one incident between monitoring and investigating', async () => {
        const componentId = await newComponent('Flapping');
        upstream.set({ kind: 'status', status: 503 });
        const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600, failures_before_down: 1, successes_before_up: 1, incident_mode: 'open_and_resolve', incident_quiet_minutes: 10 }));
        await expect.poll(async () => (await incidentsOf(componentId)).length).toBe(1);
        for (let flap = 0; flap < 3; flap++) {
          upstream.set({ kind: 'status', status: 200 });
          expect(await checkNow(id)).toMatchObject({ state: 'up', incident: 'monitoring' });
          upstream.set({ kind: 'status', status: 503 });
          expect(await checkNow(id)).toMatchObject({ state: 'down', incident: 'investigating_again' });
        }
        const [incident] = await incidentsOf(componentId);
        expect(await incidentsOf(componentId)).toHaveLength(1);
        // "Service unavailable" for anything but a 502; opened, then three times monitoring and back.
        expect(incident.name).toBe('Service unavailable');
        expect(incident.updates.map((update) => update.status)).toEqual(['investigating', ...Array(3).fill(['monitoring', 'investigating']).flat()]);
      });

      it('leaves resolving to the operator when told to, and opens none beside an operator’s incident', async () => {
        const componentId = await newComponent('Operator resolves');
        upstream.set({ kind: 'status', status: 502 });
        const { id } = await createMonitor(httpMonitor(componentId, { interval_seconds: 3600, failures_before_down: 1, successes_before_up: 1, incident_mode: 'open' }));
        await expect.poll(async () => (await incidentsOf(componentId)).length).toBe(1);
        upstream.set({ kind: 'status', status: 200 });
        expect(await checkNow(id)).toMatchObject({ state: 'up', incident: null });
        expect((await incidentsOf(componentId)).map((incident) => incident.status)).toEqual(['investigating']);

        const other = await newComponent('Already reported');
        const opened = await call('POST', '/incidents', { key: keys.all, body: json({ incident: { name: 'We know', status: 'investigating', body: 'Looking into it.', component_ids: [other] } }) });
        expect(opened.status).toBe(201);
        upstream.set({ kind: 'status', status: 502 });
        const second = await createMonitor(httpMonitor(other, { interval_seconds: 3600, failures_before_down: 1, incident_mode: 'open' }));
        await expect.poll(async () => ((await (await call('GET', `/monitors/${second.id}`, { key: keys.read })).json()) as MonitorJson).state).toBe('down');
        expect((await incidentsOf(other)).map((incident) => incident.name)).toEqual(['We know']);
      });

      it("opens from the operator's own template, and refuses one that does not exist", async () => {
        const componentId = await newComponent('Own template');
        const template = await saveTemplate(fixture.database.db, undefined, { title: 'Checkout down', name: 'Checkout is failing', status: 'identified', impact: 'critical', body: 'Payments fail; we know why and are fixing it.' }, SYSTEM_ACTOR);
        const refused = await call('POST', '/monitors', { key: keys.all, body: json({ monitor: httpMonitor(componentId, { incident_mode: 'open', incident_template_id: 'nosuchtemplate' }) }) });
        expect(refused.status).toBe(422);
        expect((await refused.json()).error.message).toMatch(/incident template it names does not exist/);
        upstream.set({ kind: 'status', status: 500 });
        await createMonitor(httpMonitor(componentId, { interval_seconds: 3600, failures_before_down: 1, incident_mode: 'open', incident_template_id: template.id }));
        await expect.poll(async () => (await incidentsOf(componentId)).map((incident) => [incident.name, incident.status, incident.impact])).toEqual([['Checkout is failing', 'identified', 'critical']]);
      });
    });

    it('is in the OpenAPI document', async () => {
      const document = await (await fixture.request('GET', '/api/v1/openapi.json')).json();
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/pages/{page_id}/monitors', '/pages/{page_id}/monitors/{monitor_id}', '/pages/{page_id}/monitors/{monitor_id}/check', '/pages/{page_id}/monitors/{monitor_id}/checks']));
      expect(document.components.schemas.MonitorCheck.description).toMatch(/http_502/);
    });
  });
}
