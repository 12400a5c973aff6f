// Alerts from Prometheus Alertmanager and Grafana over HTTP, against the real server and a real
// database of one provider: alert monitors follow them through the status rule, incidents open, the
// same alert posted twice changes nothing, and bad posts store nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createApiKey } from '@/lib/api-keys/api-keys';
import type { Provider } from '@/lib/db/client';
import { snapshotRebuilds, waitOutRebuild } from '../helpers/rebuilds';
import { json, useAdminApiFixture, type AdminApiFixture } from '../helpers/admin-api';

type Labels = Record<string, string>;

/**
 * A notification as Alertmanager's webhook_config documentation gives it (payload version 4,
 * prometheus.io/docs/alerting/latest/configuration/#webhook_config), every field filled as
 * Alertmanager fills it.
 */
export function alertmanagerPayload(status: 'firing' | 'resolved', alerts: { labels: Labels; summary?: string; fingerprint?: string }[]) {
  const firing = status === 'firing';
  return {
    version: '4',
    groupKey: '{}/{service=~".+"}:{alertname="HighErrorRate"}',
    truncatedAlerts: 0,
    status,
    receiver: 'gatewatch',
    groupLabels: { alertname: 'HighErrorRate' },
    commonLabels: { alertname: 'HighErrorRate', severity: 'critical' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example.com:9093',
    alerts: alerts.map((alert) => ({
      status,
      labels: { alertname: 'HighErrorRate', severity: 'critical', ...alert.labels },
      annotations: { summary: alert.summary ?? 'More than 5% of requests fail with 502', runbook_url: 'https://runbooks.example.com/high-error-rate' },
      startsAt: '2026-11-30T06:40:00.123456789Z',
      endsAt: firing ? '0001-01-01T00:00:00Z' : '2026-11-30T06:50:00.987654321Z',
      generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=job%3Aerrors%3Arate5m+%3E+0.05&g0.tab=1',
      ...(alert.fingerprint !== undefined && { fingerprint: alert.fingerprint }),
    })),
  };
}

/**
 * A notification as the documentation of Grafana's webhook contact point gives it
 * (grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/),
 * with its two alerts; `status` applies to both, or to each alert as listed.
 */
export function grafanaPayload(statuses: ('firing' | 'resolved')[], team = 'blue') {
  const alerts = [
    { name: 'High memory usage', zone: 'us-1', fingerprint: 'c6eadffa33fcdf37', description: 'The system has high memory usage' },
    { name: 'High CPU usage', zone: 'eu-1', fingerprint: 'bc97ff14869b13e3', description: 'The system has high CPU usage' },
  ];
  const overall = statuses.includes('firing') ? 'firing' : 'resolved';
  return {
    receiver: 'My Super Webhook',
    status: overall,
    orgId: 1,
    alerts: alerts.map((alert, index) => ({
      status: statuses[index],
      labels: { alertname: alert.name, team, zone: alert.zone },
      annotations: { description: alert.description, runbook_url: 'https://myrunbook.com/runbook/1234', summary: `This alert was triggered for zone ${alert.zone}` },
      startsAt: '2021-10-12T09:51:03.157076+02:00',
      endsAt: statuses[index] === 'firing' ? '0001-01-01T00:00:00Z' : '2021-10-12T10:01:03.157076+02:00',
      generatorURL: 'https://play.grafana.org/alerting/1afz29v7z/edit',
      fingerprint: alert.fingerprint,
      silenceURL: 'https://play.grafana.org/alerting/silence/new?alertmanager=grafana&matchers=alertname%3DT2%2Cteam%3Dblue%2Czone%3Dus-1',
      dashboardURL: '',
      panelURL: '',
      values: { B: 44.23943737541908, C: 1 },
      valueString: "[ var='B' labels={} value=44.23943737541908 ], [ var='C' labels={} value=1 ]",
    })),
    groupLabels: {},
    commonLabels: { team },
    commonAnnotations: {},
    externalURL: 'https://play.grafana.org/',
    version: '1',
    groupKey: '{}:{}',
    truncatedAlerts: 0,
    title: `[${overall.toUpperCase()}:2]  (${team})`,
    state: overall === 'firing' ? 'alerting' : 'ok',
    message: `**${overall === 'firing' ? 'Firing' : 'Resolved'}**\n\nLabels:\n - alertname = High memory usage\n - team = ${team}\n`,
  };
}

export function describeAlertIntake(provider: Provider) {
  describe(`alert intake on ${provider}`, () => {
    const fixture = useAdminApiFixture(provider, 'alert-intake');
    const { call } = fixture;
    let keys: AdminApiFixture['keys'];
    let alertsKey: string;

    beforeAll(async () => {
      ({ keys } = fixture);
      alertsKey = (await createApiKey(fixture.database.db, { name: 'alertmanager', scopes: ['alerts'] }, SYSTEM_ACTOR)).key;
    });

    const db = () => fixture.database.db;
    async function newComponent(name: string): Promise<string> {
      const response = await call('POST', '/components', { key: keys.all, body: json({ component: { name } }) });
      expect(response.status).toBe(201);
      return (await response.json()).id;
    }
    async function alertMonitor(componentId: string, labels: Labels, extra: Record<string, unknown> = {}) {
      const response = await call('POST', '/monitors', { key: keys.all, body: json({ monitor: { name: 'Error rate', component_id: componentId, type: 'alert', labels, ...extra } }) });
      expect(response.status, await response.clone().text()).toBe(201);
      return (await response.json()) as Record<string, unknown> & { id: string };
    }
    const post = (source: 'alertmanager' | 'grafana', payload: unknown, key = alertsKey) => call('POST', `/alerts/${source}`, { key, body: json(payload) });
    async function posted(source: 'alertmanager' | 'grafana', payload: unknown) {
      const response = await post(source, payload);
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(200);
      return body;
    }
    const publicStatusBecomes = (componentId: string, status: string) =>
      expect
        .poll(async () => (await (await fixture.request('GET', '/api/v2/components.json')).json()).components.find((entry: { id: string }) => entry.id === componentId)?.status)
        .toBe(status);
    const checksOf = (monitorId: string) => db().monitorCheck.findMany({ where: { monitorId }, orderBy: { at: 'asc' } });

    it('adds an alert monitor with its labels; it is never probed and cannot be checked now', async () => {
      const componentId = await newComponent('Labelled');
      const created = await alertMonitor(componentId, { service: 'labelled' });
      expect(created).toMatchObject({ type: 'alert', labels: { service: 'labelled' }, failures_before_down: 1, successes_before_up: 1, incident_quiet_minutes: 0, next_check_at: null, state: 'unknown' });
      const now = await call('POST', `/monitors/${created.id}/check`, { key: keys.all });
      expect(now.status).toBe(422);
      expect((await now.json()).error.message).toMatch(/follows the alerts/);
      // The scheduler ticks every second: two ticks later still nothing ran.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(await checksOf(created.id)).toEqual([]);
      const refused = async (monitor: Record<string, unknown>, field: string, message: RegExp) => {
        const response = await call('POST', '/monitors', { key: keys.all, body: json({ monitor: { name: 'x', component_id: componentId, type: 'alert', ...monitor } }) });
        const body = await response.json();
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(body.error.details.map((detail: { path: string }) => detail.path)).toContain(field);
        expect(body.error.message).toMatch(message);
      };
      await refused({}, 'monitor.labels', /labels/i);
      await refused({ labels: {} }, 'monitor.labels', /at least one label/);
      await refused({ labels: { 'my-service': 'x' } }, 'monitor.labels.my-service', /label name/);
      await refused({ labels: { service: 'x' }, failures_before_down: 3 }, 'monitor.failures_before_down', /must be 1 for an alert monitor/);
    });

    it('Alertmanager: a firing alert sets the component down, the same post again changes nothing, resolved sets it back', async () => {
      const componentId = await newComponent('Checkout');
      const { id } = await alertMonitor(componentId, { service: 'checkout' });
      const firing = alertmanagerPayload('firing', [{ labels: { service: 'checkout', instance: 'web-1:9100' }, fingerprint: '5f2a0c9b1d3e4f60' }]);

      const first = await posted('alertmanager', firing);
      expect(first).toMatchObject({ received: 1, unmapped: [] });
      expect(first.monitors).toEqual([
        expect.objectContaining({ monitor_id: id, component_id: componentId, matched: 1, added: 1, resolved: 0, firing: 1, state: 'down', previous_state: 'unknown', component_status: { changed: true, status: 'major_outage' } }),
      ]);
      expect(first.monitors[0].check).toEqual({ ok: false, code: 'alert', label: 'Alert firing', detail: 'HighErrorRate: More than 5% of requests fail with 502' });
      await publicStatusBecomes(componentId, 'major_outage');
      const audit = await db().auditLog.findFirstOrThrow({ where: { targetId: componentId, action: 'component.update' }, orderBy: { at: 'desc' } });
      expect(audit).toMatchObject({ actorType: 'monitor', actorId: id, actorName: 'Monitor "Error rate"' });
      expect(audit.summary).toBe('Set "Checkout" from Operational to Major outage: an alert fires: HighErrorRate: More than 5% of requests fail with 502');

      // Alertmanager repeats a firing notification every repeat_interval: nothing happens again.
      await waitOutRebuild();
      const rebuilds = await snapshotRebuilds(fixture.server.url);
      const again = await posted('alertmanager', firing);
      expect(again.monitors).toEqual([expect.objectContaining({ monitor_id: id, matched: 1, added: 0, resolved: 0, firing: 1, check: null, state: null })]);
      await waitOutRebuild();
      expect(await snapshotRebuilds(fixture.server.url)).toBe(rebuilds);
      expect(await checksOf(id)).toHaveLength(1);

      const resolved = await posted('alertmanager', alertmanagerPayload('resolved', [{ labels: { service: 'checkout', instance: 'web-1:9100' }, fingerprint: '5f2a0c9b1d3e4f60' }]));
      expect(resolved.monitors[0]).toMatchObject({ resolved: 1, firing: 0, state: 'up', check: { ok: true, code: null, detail: 'all alerts resolved' }, component_status: { changed: true, status: 'operational' } });
      await publicStatusBecomes(componentId, 'operational');
      // A resolution repeated, or of an alert never held, changes nothing.
      expect((await posted('alertmanager', alertmanagerPayload('resolved', [{ labels: { service: 'checkout', instance: 'web-1:9100' }, fingerprint: '5f2a0c9b1d3e4f60' }]))).monitors[0]).toMatchObject({ resolved: 0, check: null });
      expect((await checksOf(id)).map((check) => check.code)).toEqual(['alert', null]);
    });

    it('matches alerts without a fingerprint by their labels', async () => {
      const componentId = await newComponent('Search');
      const { id } = await alertMonitor(componentId, { service: 'search' }, { down_status: 'partial_outage' });
      const alert = { labels: { service: 'search', instance: 'search-2' } };
      expect((await posted('alertmanager', alertmanagerPayload('firing', [alert]))).monitors[0]).toMatchObject({ added: 1, state: 'down' });
      await publicStatusBecomes(componentId, 'partial_outage');
      expect((await posted('alertmanager', alertmanagerPayload('firing', [alert]))).monitors[0]).toMatchObject({ added: 0, check: null });
      expect((await posted('alertmanager', alertmanagerPayload('resolved', [alert]))).monitors[0]).toMatchObject({ resolved: 1, state: 'up' });
      await publicStatusBecomes(componentId, 'operational');
      expect(await checksOf(id)).toHaveLength(2);
    });

    it('Grafana: two alerts on one component keep it down until both resolve, with an incident opened and resolved', async () => {
      const componentId = await newComponent('Memory and CPU');
      const { id } = await alertMonitor(componentId, { team: 'blue' }, { incident_mode: 'open_and_resolve' });
      const first = await posted('grafana', grafanaPayload(['firing', 'firing']));
      expect(first.monitors[0]).toMatchObject({ matched: 2, added: 2, firing: 2, state: 'down', incident: 'opened' });
      expect(first.monitors[0].check.detail).toBe('High memory usage: This alert was triggered for zone us-1 (and 1 more)');
      await publicStatusBecomes(componentId, 'major_outage');
      const incidents = () => db().incident.findMany({ where: { components: { some: { componentId } } }, include: { updates: { orderBy: { displayAt: 'asc' } } } });
      expect((await incidents()).map((incident) => [incident.name, incident.status])).toEqual([['Service unavailable', 'investigating']]);

      // One resolved, the other still firing: still down, nothing recorded.
      const half = await posted('grafana', grafanaPayload(['resolved', 'firing']));
      expect(half.monitors[0]).toMatchObject({ resolved: 1, firing: 1, check: null });
      await publicStatusBecomes(componentId, 'major_outage');
      const rows = await db().monitorAlert.findMany({ where: { monitorId: id } });
      expect(rows.map((row) => [row.fingerprint, row.summary])).toEqual([['bc97ff14869b13e3', 'High CPU usage: This alert was triggered for zone eu-1']]);

      const all = await posted('grafana', grafanaPayload(['resolved', 'resolved']));
      expect(all.monitors[0]).toMatchObject({ resolved: 1, firing: 0, state: 'up', incident: 'resolved' });
      await publicStatusBecomes(componentId, 'operational');
      expect((await incidents()).map((incident) => incident.status)).toEqual(['resolved']);
      expect((await checksOf(id)).map((check) => check.ok)).toEqual([false, true]);
    });

    it('opens no incident for a component in a deploy window, and leaves it under maintenance', async () => {
      const componentId = await newComponent('Deployed app');
      await alertMonitor(componentId, { service: 'deployed' }, { incident_mode: 'open_and_resolve' });
      const opened = await call('POST', '/deploys', { key: keys.all, body: json({ deploy: { name: 'Deploy v1.4', components: [componentId], minutes: 10 } }) });
      expect(opened.status).toBe(201);
      // The restart makes the app fail, and the alert fires.
      const fired = await posted('alertmanager', alertmanagerPayload('firing', [{ labels: { service: 'deployed' }, fingerprint: 'deploy0000000001' }]));
      expect(fired.monitors[0]).toMatchObject({ state: 'down', component_status: { changed: false } });
      expect(fired.monitors[0].incident ?? null).toBeNull();
      await publicStatusBecomes(componentId, 'under_maintenance');
      expect(await db().incident.count({ where: { kind: 'incident', components: { some: { componentId } } } })).toBe(0);
      const finished = await call('POST', '/deploys/finish', { key: keys.all, body: json({ deploy: { id: (await opened.json()).id } }) });
      expect(finished.status).toBe(200);
    });

    it('records one change when the same alert arrives twice at once', async () => {
      const componentId = await newComponent('Raced');
      const { id } = await alertMonitor(componentId, { service: 'raced' });
      const firing = alertmanagerPayload('firing', [{ labels: { service: 'raced' }, fingerprint: 'aaaabbbbccccdddd' }]);
      const answers = await Promise.all(Array.from({ length: 5 }, () => posted('alertmanager', firing)));
      expect(answers.filter((answer) => answer.monitors[0].check !== null)).toHaveLength(1);
      expect(await checksOf(id)).toHaveLength(1);
      await publicStatusBecomes(componentId, 'major_outage');
    });

    it('reports alerts no monitor matches, and changes nothing for them', async () => {
      const componentId = await newComponent('Mapped elsewhere');
      const { id } = await alertMonitor(componentId, { service: 'mapped', env: 'production' });
      const checks = await db().monitorCheck.count();
      // Carries only one of the two labels: not this monitor's.
      const answer = await posted('alertmanager', alertmanagerPayload('firing', [{ labels: { service: 'mapped' }, fingerprint: '0123456789abcdef' }, { labels: { service: 'unknown-service' } }]));
      expect(answer.monitors).toEqual([]);
      expect(answer.unmapped).toEqual([
        { fingerprint: '0123456789abcdef', status: 'firing', labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'mapped' } },
        { fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), status: 'firing', labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'unknown-service' } },
      ]);
      expect(await db().monitorCheck.count()).toBe(checks);
      expect(await db().monitorAlert.count({ where: { monitorId: id } })).toBe(0);
      await publicStatusBecomes(componentId, 'operational');
    });

    it('needs a key with the alerts scope', async () => {
      const payload = alertmanagerPayload('firing', [{ labels: { service: 'checkout' } }]);
      for (const key of [keys.read, keys.components, keys.incidents]) {
        const response = await post('alertmanager', payload, key);
        expect(response.status).toBe(403);
        expect((await response.json()).error.message).toBe('This API key lacks the "alerts" scope');
      }
      expect((await post('grafana', payload, '')).status).toBe(401);
      // The admin scope includes it.
      expect((await post('grafana', grafanaPayload(['resolved', 'resolved'], 'nobody'), keys.all)).status).toBe(200);
    });

    it('refuses bad payloads with a 400 naming the field, and stores nothing', async () => {
      const componentId = await newComponent('Validated alerts');
      const { id } = await alertMonitor(componentId, { service: 'validated' });
      const good = alertmanagerPayload('firing', [{ labels: { service: 'validated' } }]);
      const alert = good.alerts[0];
      const refused = async (payload: unknown, field: string, message: RegExp) => {
        const response = await post('alertmanager', payload);
        const body = await response.json();
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(body.error.code).toBe('validation_failed');
        expect(body.error.details.map((detail: { path: string }) => detail.path)).toContain(field);
        expect(body.error.message).toMatch(message);
      };
      await refused({ ...good, alerts: undefined }, 'alerts', /alerts/i);
      await refused({ ...good, alerts: [{ ...alert, status: 'pending' }] }, 'alerts.0.status', /firing|resolved/);
      await refused({ ...good, alerts: [{ ...alert, labels: 'service=validated' }] }, 'alerts.0.labels', /labels/i);
      await refused({ ...good, alerts: [{ ...alert, startsAt: 'yesterday' }] }, 'alerts.0.startsAt', /RFC 3339/);
      await refused({ ...good, alerts: [alert, { ...alert, annotations: { summary: 42 } }] }, 'alerts.1.annotations.summary', /string/i);
      await refused({ ...good, alerts: Array.from({ length: 1001 }, () => ({ status: 'firing', labels: { a: 'b' } })) }, 'alerts', /at most 1000 alerts/);
      const malformed = await call('POST', '/alerts/grafana', { key: alertsKey, body: '{"alerts": [' });
      expect(malformed.status).toBe(400);
      expect(await db().monitorAlert.count({ where: { monitorId: id } })).toBe(0);
      expect(await checksOf(id)).toEqual([]);
    });

    it('is in the OpenAPI document', async () => {
      const document = await (await fixture.request('GET', '/api/v1/openapi.json')).json();
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/pages/{page_id}/alerts/alertmanager', '/pages/{page_id}/alerts/grafana']));
      expect(document.paths['/pages/{page_id}/alerts/alertmanager'].post.description).toBe('Scope: `alerts` (or `admin`).');
    });
  });
}
