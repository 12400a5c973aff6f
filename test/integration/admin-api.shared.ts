// The admin API over HTTP, through the real server (server.ts, as `npm start` runs it), against a
// real database of one provider.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '@/lib/api-keys/api-keys';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createMonitor } from '@/lib/monitors/manage-monitors';
import { runMaintenanceSchedule } from '@/lib/maintenance/maintenance';
import type { Provider } from '@/lib/db/client';
import type { GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { json, send, useAdminApiFixture, type AdminApiFixture } from '../helpers/admin-api';
import { startPlainNext, type PlainNext } from '../helpers/plain-next';

/** An operation of the admin API, named as the OpenAPI document names it, with a key that lacks its scope. */
interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string;
  body?: string;
  wrongKey: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export function describeAdminApi(provider: Provider) {
  describe(`admin API on ${provider}`, () => {
    const fixture = useAdminApiFixture(provider, 'admin-api');
    const { call } = fixture;
    let database: AdminApiFixture['database'];
    let pageId: string;
    let keys: AdminApiFixture['keys'];
    let apiWebsiteId: string;

    const counts = async () => ({
      incidents: await database.db.incident.count(),
      updates: await database.db.incidentUpdate.count(),
      changes: await database.db.componentStatusChange.count(),
      audit: await database.db.auditLog.count(),
    });

    beforeAll(async () => {
      ({ database, pageId, keys } = fixture);
      apiWebsiteId = (await database.db.component.findFirstOrThrow({ where: { name: 'Website' } })).id;
    });

    /** Every operation of the admin API (each route file, each method it answers). */
    const table = (): Operation[] => [
      { method: 'GET', route: '/pages', wrongKey: keys.incidents },
      { method: 'GET', route: '/pages/{page_id}', wrongKey: keys.components },
      { method: 'PATCH', route: '/pages/{page_id}', body: json({ page: { name: 'x' } }), wrongKey: keys.incidents },
      { method: 'GET', route: '/pages/{page_id}/incidents', wrongKey: keys.components },
      { method: 'POST', route: '/pages/{page_id}/incidents', body: json({ incident: { name: 'x' } }), wrongKey: keys.read },
      { method: 'GET', route: '/pages/{page_id}/incidents/unresolved', wrongKey: keys.incidents },
      { method: 'GET', route: '/pages/{page_id}/incidents/upcoming', wrongKey: keys.incidents },
      { method: 'GET', route: '/pages/{page_id}/incidents/active_maintenance', wrongKey: keys.components },
      { method: 'GET', route: '/pages/{page_id}/incidents/{incident_id}', wrongKey: keys.components },
      { method: 'PATCH', route: '/pages/{page_id}/incidents/{incident_id}', body: json({ incident: {} }), wrongKey: keys.components },
      { method: 'DELETE', route: '/pages/{page_id}/incidents/{incident_id}', wrongKey: keys.read },
      { method: 'PATCH', route: '/pages/{page_id}/incidents/{incident_id}/incident_updates/{update_id}', body: json({ incident_update: { body: 'z' } }), wrongKey: keys.components },
      { method: 'PUT', route: '/pages/{page_id}/incidents/{incident_id}/incident_updates/{update_id}', body: json({ incident_update: { body: 'z' } }), wrongKey: keys.read },
      { method: 'DELETE', route: '/pages/{page_id}/incidents/{incident_id}/incident_updates/{update_id}', wrongKey: keys.read },
      { method: 'GET', route: '/pages/{page_id}/components', wrongKey: keys.incidents },
      { method: 'POST', route: '/pages/{page_id}/components', body: json({ component: { name: 'x' } }), wrongKey: keys.components },
      { method: 'GET', route: '/pages/{page_id}/components/{component_id}', wrongKey: keys.incidents },
      { method: 'PATCH', route: '/pages/{page_id}/components/{component_id}', body: json({ component: { status: 'operational' } }), wrongKey: keys.incidents },
      { method: 'PUT', route: '/pages/{page_id}/components/{component_id}', body: json({ component: { status: 'operational' } }), wrongKey: keys.read },
      { method: 'DELETE', route: '/pages/{page_id}/components/{component_id}', wrongKey: keys.components },
      { method: 'GET', route: '/pages/{page_id}/component-groups', wrongKey: keys.components },
      { method: 'POST', route: '/pages/{page_id}/component-groups', body: json({ component_group: { name: 'x' } }), wrongKey: keys.components },
      { method: 'GET', route: '/pages/{page_id}/component-groups/{group_id}', wrongKey: keys.incidents },
      { method: 'PATCH', route: '/pages/{page_id}/component-groups/{group_id}', body: json({ component_group: { name: 'y' } }), wrongKey: keys.components },
      { method: 'PUT', route: '/pages/{page_id}/component-groups/{group_id}', body: json({ component_group: { name: 'y' } }), wrongKey: keys.read },
      { method: 'DELETE', route: '/pages/{page_id}/component-groups/{group_id}', wrongKey: keys.read },
      { method: 'GET', route: '/pages/{page_id}/monitors', wrongKey: keys.incidents },
      { method: 'POST', route: '/pages/{page_id}/monitors', body: json({ monitor: { name: 'x' } }), wrongKey: keys.components },
      { method: 'GET', route: '/pages/{page_id}/monitors/{monitor_id}', wrongKey: keys.incidents },
      { method: 'PATCH', route: '/pages/{page_id}/monitors/{monitor_id}', body: json({ monitor: { name: 'y' } }), wrongKey: keys.components },
      { method: 'DELETE', route: '/pages/{page_id}/monitors/{monitor_id}', wrongKey: keys.read },
      { method: 'POST', route: '/pages/{page_id}/monitors/{monitor_id}/check', wrongKey: keys.read },
      { method: 'GET', route: '/pages/{page_id}/monitors/{monitor_id}/checks', wrongKey: keys.components },
      { method: 'POST', route: '/pages/{page_id}/alerts/alertmanager', body: json({ alerts: [] }), wrongKey: keys.read },
      { method: 'POST', route: '/pages/{page_id}/alerts/grafana', body: json({ alerts: [] }), wrongKey: keys.components },
      // Subscribers' addresses are personal: even reading them needs the admin scope.
      { method: 'GET', route: '/pages/{page_id}/subscribers', wrongKey: keys.read },
      { method: 'POST', route: '/pages/{page_id}/subscribers', body: json({ subscriber: { endpoint: 'https://example.com/hook' } }), wrongKey: keys.incidents },
      { method: 'GET', route: '/pages/{page_id}/subscribers/count', wrongKey: keys.components },
      { method: 'GET', route: '/pages/{page_id}/subscribers/{subscriber_id}', wrongKey: keys.read },
      { method: 'DELETE', route: '/pages/{page_id}/subscribers/{subscriber_id}', wrongKey: keys.incidents },
      { method: 'POST', route: '/pages/{page_id}/subscribers/{subscriber_id}/resend_confirmation', wrongKey: keys.incidents },
      { method: 'GET', route: '/pages/{page_id}/deploys', wrongKey: keys.incidents },
      { method: 'POST', route: '/pages/{page_id}/deploys', body: json({ deploy: { name: 'x' } }), wrongKey: keys.components },
      { method: 'POST', route: '/pages/{page_id}/deploys/finish', wrongKey: keys.read },
    ];
    /** The URL of `route`: the demo page's id, `ids` for the other parameters (or "x": refused before they are looked up). */
    const urlOf = (route: string, ids: Record<string, string> = {}) =>
      `/api/v1${route.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'page_id' ? pageId : (ids[name] ?? 'x')))}`;

    it('answers 401 without a key, with an unknown key and with a revoked one; 403 without the scope', async () => {
      for (const operation of table()) {
        const name = `${operation.method} ${operation.route}`;
        const attempt = (key: string | undefined) => fixture.request(operation.method, urlOf(operation.route), { key, body: operation.body });
        for (const key of [undefined, 'gw_not-a-key', keys.revoked]) {
          const response = await attempt(key);
          expect(response.status, `${name} with ${key ?? 'no key'}`).toBe(401);
          expect((await response.json()).error).toMatchObject({ code: 'unauthorized', message: expect.any(String), details: [] });
        }
        const forbidden = await attempt(operation.wrongKey);
        expect(forbidden.status, name).toBe(403);
        expect((await forbidden.json()).error.code).toBe('forbidden');
      }
    });

    it('answers every GET with a read key: /pages lists the page', async () => {
      const incidentId = (await database.db.incident.findFirstOrThrow()).id;
      const groupId = (await database.db.componentGroup.findFirstOrThrow()).id;
      const monitorId = (await createMonitor(database.db, { name: 'Website port', componentId: apiWebsiteId, kind: 'tcp', settings: { host: '127.0.0.1', port: 1 }, intervalSeconds: 3600 }, SYSTEM_ACTOR)).id;
      const ids = { incident_id: incidentId, component_id: apiWebsiteId, group_id: groupId, monitor_id: monitorId };
      const withId = (id: string) => expect.objectContaining({ id });
      const expected: Record<string, unknown> = {
        '/pages': [withId(pageId)],
        '/pages/{page_id}': expect.objectContaining({ id: pageId, name: 'Gatewatch Demo' }),
        '/pages/{page_id}/incidents': expect.arrayContaining([withId(incidentId)]),
        '/pages/{page_id}/incidents/unresolved': expect.any(Array),
        '/pages/{page_id}/incidents/upcoming': expect.any(Array),
        '/pages/{page_id}/incidents/active_maintenance': expect.any(Array),
        '/pages/{page_id}/incidents/{incident_id}': withId(incidentId),
        '/pages/{page_id}/components': expect.arrayContaining([withId(apiWebsiteId), withId(groupId)]),
        '/pages/{page_id}/components/{component_id}': withId(apiWebsiteId),
        '/pages/{page_id}/component-groups': expect.arrayContaining([withId(groupId)]),
        '/pages/{page_id}/component-groups/{group_id}': withId(groupId),
        '/pages/{page_id}/monitors': expect.arrayContaining([withId(monitorId)]),
        '/pages/{page_id}/monitors/{monitor_id}': withId(monitorId),
        '/pages/{page_id}/monitors/{monitor_id}/checks': expect.any(Array),
        '/pages/{page_id}/deploys': [],
      };
      // Every GET a read key may make (subscribers need the admin scope: notifications.shared.ts reads them).
      const subscribers = (route: string) => route.startsWith('/pages/{page_id}/subscribers');
      const gets = table().filter((operation) => operation.method === 'GET' && !subscribers(operation.route));
      expect(gets.map((operation) => operation.route).sort()).toEqual(Object.keys(expected).sort());
      for (const { route } of gets) {
        const response = await fixture.request('GET', urlOf(route, ids), { key: keys.read });
        expect(response.status, route).toBe(200);
        expect(await response.json(), route).toEqual(expected[route]);
      }
    });

    it('serves the OpenAPI document without a key, listing exactly the operations tested here', async () => {
      const response = await fixture.request('GET', '/api/v1/openapi.json');
      expect(response.status).toBe(200);
      const document = await response.json();
      expect(document.openapi).toBe('3.1.0');
      const documented = Object.entries(document.paths as Record<string, object>).flatMap(([route, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`));
      expect(table().map((operation) => `${operation.method} ${operation.route}`).sort()).toEqual(documented.sort());
    });

    // Next's request.url under the custom server is not the Host the client sent.
    it('names the address the client used as the API’s server, when PUBLIC_URL is unset', async () => {
      const document = await (await fixture.request('GET', '/api/v1/openapi.json')).json();
      expect(document.servers).toEqual([{ url: `${fixture.server.url}/api/v1` }]);
    });

    it('answers any other method with 405, the JSON error and Allow', async () => {
      const methodsOf = new Map<string, string[]>();
      for (const { route, method } of table()) methodsOf.set(route, [...(methodsOf.get(route) ?? []), method]);
      for (const [route, methods] of methodsOf) {
        // HEAD comes with GET; OPTIONS answers everywhere.
        const allow = [...methods, 'OPTIONS', ...(methods.includes('GET') ? ['HEAD'] : [])].sort();
        for (const method of METHODS.filter((candidate) => !methods.includes(candidate))) {
          const response = await fixture.request(method, urlOf(route), { key: keys.all });
          expect(response.status, `${method} ${route}`).toBe(405);
          expect(response.headers.get('allow')?.split(', ').sort(), `${method} ${route}`).toEqual(allow);
          expect((await response.json()).error).toMatchObject({ code: 'method_not_allowed', message: expect.any(String), details: [] });
        }
      }
    });

    it('answers another method on /api/v1/openapi.json with 405, the JSON error and Allow', async () => {
      const response = await fixture.request('POST', '/api/v1/openapi.json');
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect((await response.json()).error.code).toBe('method_not_allowed');
    });

    it('answers an unknown path under /api/v1 with a JSON 404, whatever the method', async () => {
      for (const path of ['/api/v1/nope', `/api/v1/pages/${pageId}/nope/deeper`, `/api/v1/pages/${pageId}/incidents/x/nope`]) {
        for (const method of ['GET', 'POST']) {
          const response = await fixture.request(method, path, { key: keys.all, body: method === 'POST' ? json({}) : undefined });
          expect(response.status, `${method} ${path}`).toBe(404);
          expect(response.headers.get('content-type')).toMatch(/^application\/json/);
          expect((await response.json()).error).toMatchObject({ code: 'not_found', message: expect.any(String), details: [] });
        }
      }
    });

    it('accepts Statuspage’s OAuth header, and 404s another page', async () => {
      expect((await call('GET', '/components', { headers: { authorization: `OAuth ${keys.read}` } })).status).toBe(200);
      expect((await call('GET', '/components', { key: keys.read, pageId: 'otherpage' })).status).toBe(404);
    });

    it('opens an incident from a Statuspage body, posts updates to resolved, and audits each write', async () => {
      const created = await call('POST', '/incidents', {
        key: keys.incidents,
        body: json({ incident: { name: '502 Bad Gateway on the website', status: 'investigating', body: 'Looking into **502s**.', components: { [apiWebsiteId]: 'major_outage' }, deliver_notifications: false } }),
      });
      expect(created.status).toBe(201);
      const incident = await created.json();
      expect(incident).toMatchObject({ name: '502 Bad Gateway on the website', status: 'investigating', impact: 'critical', page_id: pageId });
      expect(incident.incident_updates[0]).toMatchObject({ status: 'investigating', body: 'Looking into **502s**.', deliver_notifications: false });
      expect(incident.components.map((component: { id: string; status: string }) => [component.id, component.status])).toEqual([[apiWebsiteId, 'major_outage']]);
      expect(created.headers.get('etag')).toBe('"1"');
      const withNull = await call('POST', '/incidents', { key: keys.all, body: json({ incident: { name: 'No start given', started_at: null } }) });
      expect(new Date((await withNull.json()).started_at).getFullYear()).toBeGreaterThan(2000);

      const listed = await (await call('GET', '/incidents/unresolved', { key: keys.read })).json();
      expect(listed.map((entry: { id: string }) => entry.id)).toContain(incident.id);

      const stale = await call('PATCH', `/incidents/${incident.id}`, {
        key: keys.incidents, headers: { 'if-match': '"7"' },
        body: json({ incident: { status: 'resolved' } }),
      });
      expect(stale.status).toBe(409);
      const resolved = await call('PATCH', `/incidents/${incident.id}`, {
        key: keys.incidents, headers: { 'if-match': '"1"' },
        body: json({ incident: { status: 'resolved', body: 'Fixed.', components: { [apiWebsiteId]: 'operational' } } }),
      });
      expect(resolved.status).toBe(200);
      expect(await resolved.json()).toMatchObject({ status: 'resolved', resolved_at: expect.any(String), incident_updates: [{ status: 'resolved', body: 'Fixed.' }, {}] });
      const invalid = await call('PATCH', `/incidents/${incident.id}`, { key: keys.incidents, body: json({ incident: { status: 'in_progress' } }) });
      expect(invalid.status).toBe(422);

      const audit = await database.db.auditLog.findMany({ where: { targetId: incident.id }, orderBy: { at: 'asc' } });
      expect(audit.map((row) => [row.action, row.actorType, row.actorName])).toEqual([
        ['incident.create', 'api_key', 'API key "incidents"'],
        ['incident.update', 'api_key', 'API key "incidents"'],
      ]);
    });

    it('schedules maintenance with status "scheduled", listed as upcoming', async () => {
      const scheduledFor = new Date(Date.now() + 86_400_000).toISOString();
      const scheduledUntil = new Date(Date.now() + 90_000_000).toISOString();
      const created = await call('POST', '/incidents', {
        key: keys.incidents,
        body: json({ incident: { name: 'Network work', status: 'scheduled', scheduled_for: scheduledFor, scheduled_until: scheduledUntil, component_ids: [apiWebsiteId], body: 'Planned.' } }),
      });
      expect(created.status).toBe(201);
      const maintenance = await created.json();
      expect(maintenance).toMatchObject({ status: 'scheduled', impact: 'maintenance', scheduled_for: scheduledFor, scheduled_until: scheduledUntil });
      const upcoming = await (await call('GET', '/incidents/upcoming', { key: keys.read })).json();
      expect(upcoming.map((entry: { id: string }) => entry.id)).toContain(maintenance.id);
      expect(await (await call('GET', '/incidents/active_maintenance', { key: keys.read })).json()).toEqual([]);
      const missing = await call('POST', '/incidents', { key: keys.incidents, body: json({ incident: { name: 'When?', status: 'scheduled' } }) });
      expect(missing.status).toBe(400);
      expect((await missing.json()).error.details.map((detail: { path: string }) => detail.path)).toEqual(['incident.scheduled_for', 'incident.scheduled_until']);
    });

    it('takes form-encoded bodies as Statuspage does', async () => {
      const form = new URLSearchParams({
        'incident[name]': 'Slow dashboard',
        'incident[impact_override]': 'minor',
        'incident[component_ids][]': apiWebsiteId,
        'incident[deliver_notifications]': 'false',
      });
      const created = await call('POST', '/incidents', { key: keys.all, body: form.toString(), type: 'application/x-www-form-urlencoded' });
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({ name: 'Slow dashboard', impact: 'minor', components: [{ id: apiWebsiteId }] });
    });

    it('changes a component’s status', async () => {
      const response = await call('PATCH', `/components/${apiWebsiteId}`, { key: keys.components, body: json({ component: { status: 'degraded_performance' } }) });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: apiWebsiteId, status: 'degraded_performance' });
      expect((await call('PATCH', '/components/nosuchthing', { key: keys.components, body: json({ component: { status: 'operational' } }) })).status).toBe(404);
    });

    it('edits and deletes a posted update, with If-Match on the incident’s version', async () => {
      const created = await (await call('POST', '/incidents', { key: keys.incidents, body: json({ incident: { name: 'Typos happen', body: 'Investigatign.' } }) })).json();
      await call('PATCH', `/incidents/${created.id}`, { key: keys.incidents, body: json({ incident: { status: 'identified', body: 'Found it.' } }) });
      const updateId = created.incident_updates[0].id;
      const updatePath = (id: string) => `/incidents/${created.id}/incident_updates/${id}`;
      const displayAt = new Date(Date.now() - 3_600_000).toISOString();
      const edit = (body: unknown, headers?: Record<string, string>) => call('PATCH', updatePath(updateId), { key: keys.incidents, headers, body: json(body) });

      expect((await edit({ incident_update: { body: 'x' } }, { 'if-match': '"1"' })).status).toBe(409);
      expect((await edit({ incident_update: { body: 'x' } }, { 'if-match': 'yesterday' })).status).toBe(400);
      const edited = await edit({ incident_update: { body: 'Investigating.', display_at: displayAt } }, { 'if-match': '"2"' });
      expect(edited.status).toBe(200);
      expect(await edited.json()).toMatchObject({ id: updateId, body: 'Investigating.', display_at: displayAt, status: 'investigating', incident_id: created.id });
      // `*` matches any version, as HTTP defines it.
      expect((await edit({ incident_update: { body: 'Investigating the errors.' } }, { 'if-match': '*' })).status).toBe(200);
      const incident = await (await call('GET', `/incidents/${created.id}`, { key: keys.read })).json();
      expect(incident).toMatchObject({ status: 'identified', incident_updates: [{ body: 'Found it.' }, { body: 'Investigating the errors.' }] });

      expect((await call('DELETE', updatePath(updateId), { key: keys.incidents })).status).toBe(204);
      const last = await call('DELETE', updatePath(incident.incident_updates[0].id), { key: keys.incidents });
      expect([last.status, (await last.json()).error.code]).toEqual([422, 'last_update']);
      expect((await call('PATCH', updatePath(updateId), { key: keys.incidents, body: json({ incident_update: { body: 'gone' } }) })).status).toBe(404);
      const audit = await database.db.auditLog.findMany({ where: { targetId: created.id }, orderBy: { at: 'asc' } });
      expect(audit.map((row) => row.action)).toEqual(['incident.create', 'incident.update', 'incident_update.update', 'incident_update.update', 'incident_update.delete']);
    });

    it('backfills a resolved past incident without touching today’s component status', async () => {
      const before = await database.db.component.findUniqueOrThrow({ where: { id: apiWebsiteId } });
      const startedAt = new Date(Date.now() - 5 * 86_400_000).toISOString();
      const resolvedAt = new Date(Date.now() - 5 * 86_400_000 + 7_200_000).toISOString();
      const response = await call('POST', '/incidents', {
        key: keys.incidents,
        body: json({ incident: { name: 'Website down for two hours', status: 'resolved', started_at: startedAt, resolved_at: resolvedAt, components: { [apiWebsiteId]: 'major_outage' }, body: 'A bad certificate.' } }),
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ status: 'resolved', impact: 'critical', started_at: startedAt, resolved_at: resolvedAt });
      expect((await database.db.component.findUniqueOrThrow({ where: { id: apiWebsiteId } })).status).toBe(before.status);
      const backwards = await call('POST', '/incidents', { key: keys.incidents, body: json({ incident: { name: 'x', status: 'resolved', started_at: resolvedAt, resolved_at: startedAt } }) });
      expect([backwards.status, (await backwards.json()).error.details[0].path]).toEqual([400, 'incident.resolved_at']);
      // An end with no start would make an incident that ends before it begins.
      const noStart = await call('POST', '/incidents', { key: keys.incidents, body: json({ incident: { name: 'x', status: 'resolved', resolved_at: startedAt } }) });
      expect([noStart.status, (await noStart.json()).error.details[0].path]).toEqual([400, 'incident.started_at']);
    });

    it('refuses bad input clearly and leaves the data as it was', async () => {
      const before = await counts();
      const post = (body: string, type?: string) => call('POST', '/incidents', { key: keys.incidents, body, type });
      const cases: [Promise<Response>, number, string][] = [
        [post('{"incident":'), 400, 'malformed_json'],
        [post(json({ incident: { name: 42 } })), 400, 'validation_failed'],
        [post(json({ incident: { name: 'x', status: 'exploded' } })), 400, 'validation_failed'],
        [post(json({ incident: { name: 'x', started_at: true } })), 400, 'validation_failed'],
        [post(json({ incident: { name: 'x', started_at: 'yesterday' } })), 400, 'validation_failed'],
        [post(json({ incident: { name: 'x', components: { nosuchcompon: 'major_outage' } } })), 404, 'not_found'],
        [post(json({ incident: { name: 'x', body: 'y'.repeat(70_000) } })), 413, 'payload_too_large'],
        [post('name=x', 'text/plain'), 415, 'unsupported_media_type'],
        [call('PATCH', '/incidents/nosuchincid', { key: keys.incidents, body: json({ incident: { status: 'resolved' } }) }), 404, 'not_found'],
      ];
      for (const [pending, status, code] of cases) {
        const response = await pending;
        const body = await response.json();
        expect([response.status, body.error.code], body.error.message).toEqual([status, code]);
        expect(body.error.message).not.toMatch(/at \w+ \(|node_modules/);
      }
      expect(await counts()).toEqual(before);
    });

    it('never 500s and never changes anything on random bodies (fast-check)', async () => {
      const incidentId = (await database.db.incident.findFirstOrThrow({ where: { status: 'identified' } })).id;
      const before = await counts();
      const anyBody = fc.oneof(
        fc.string(),
        fc.json(),
        fc.record({ incident: fc.dictionary(fc.constantFrom('name', 'status', 'body', 'components', 'component_ids', 'impact_override', 'started_at'), fc.anything()) }),
        fc.record({ incident: fc.record({ name: fc.constant(''), status: fc.string() }) }),
      );
      await fc.assert(
        fc.asyncProperty(anyBody, fc.constantFrom('POST', 'PATCH'), async (body, method) => {
          const text = typeof body === 'string' ? body : JSON.stringify(body);
          const response = method === 'POST'
            ? await call('POST', '/incidents', { key: keys.all, body: text })
            : await call('PATCH', `/incidents/${incidentId}`, { key: keys.all, headers: { 'if-match': '"999"' }, body: text });
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) expect((await response.json()).error.code).toEqual(expect.any(String));
          // A valid random body may create an incident; only failures must leave nothing behind.
          if (response.status >= 400) expect(await counts()).toEqual(before);
          else Object.assign(before, await counts());
        }),
        { numRuns: 60 },
      );
    }, 60_000);

    it('never 500s on random edits of a posted update, and a refused one changes nothing (fast-check)', async () => {
      const incident = await database.db.incident.findFirstOrThrow({ where: { status: 'identified' }, include: { updates: true } });
      const updateId = incident.updates[0].id;
      const row = () => database.db.incidentUpdate.findUniqueOrThrow({ where: { id: updateId } });
      let before = await row();
      const anyBody = fc.oneof(
        fc.string(),
        fc.json(),
        fc.record({ incident_update: fc.dictionary(fc.constantFrom('body', 'display_at'), fc.oneof(fc.anything(), fc.constantFrom('2026-11-01T10:00:00Z', '2999-01-01T00:00:00Z', 'a\u0000b', null))) }),
      );
      await fc.assert(
        fc.asyncProperty(anyBody, fc.constantFrom(undefined, '*', '"1"', 'nonsense'), async (body, ifMatch) => {
          const response = await call('PATCH', `/incidents/${incident.id}/incident_updates/${updateId}`, { key: keys.incidents, headers: ifMatch ? { 'if-match': ifMatch } : {}, body: typeof body === 'string' ? body : JSON.stringify(body) });
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) expect(await row()).toEqual(before);
          else before = await row();
        }),
        { numRuns: 60 },
      );
    }, 60_000);

    describe('when Next runs alone (next start, no server.ts)', () => {
      // The real server answers these paths from memory before Next sees them; their route
      // handlers only answer under plain Next, so that is where they are tested.
      let plain: PlainNext;
      beforeAll(async () => {
        plain = await startPlainNext(fixture.serverEnv());
      });
      afterAll(() => plain?.stop());
      // Uncompressed, as a client that asks for no encoding.
      const get = (path: string) => send(plain.url, 'GET', path, { headers: { 'accept-encoding': 'identity' } });

      it('serves the public JSON, badges and feeds through the Next route handlers too', async () => {
        const summary = await get('/api/v2/summary.json');
        expect(summary.status).toBe(200);
        expect(summary.headers.get('etag')).toMatch(/^"/);
        expect((await summary.json()).page.id).toBe(pageId);
        const missing = await get('/api/v2/nope.json');
        expect(missing.status).toBe(404);
        expect((await missing.json()).error.code).toBe('not_found');
        const badge = await get('/badge/website.svg');
        expect([badge.status, badge.headers.get('content-type')]).toEqual([200, 'image/svg+xml; charset=utf-8']);
        const feed = await get('/history.atom');
        expect(await feed.text()).toContain('<feed xml:lang="en" xmlns="http://www.w3.org/2005/Atom">');
      });

      it('sends a body a client asking for gzip can read (uncompressed: Next drops a handler’s Content-Encoding)', async () => {
        const summary = await send(plain.url, 'GET', '/api/v2/summary.json', { headers: { 'accept-encoding': 'gzip' } });
        expect(summary.headers.get('content-encoding')).toBeNull();
        expect((await summary.json()).page.id).toBe(pageId);
      });
    });

    // The server reads ADMIN_API_RATE_PER_MINUTE once at start, so this takes a second server on the
    // same database. The limiter keeps its counts in memory whatever the database, so SQLite alone
    // spares PostgreSQL's file that server's start.
    describe('deploy windows', () => {
      let deployKey: string;
      const deployCall = (method: string, path: string, body?: unknown) => call(method, path, { key: deployKey, body: body === undefined ? undefined : json(body) });
      const statusOf = async (name: string) => (await database.db.component.findFirstOrThrow({ where: { name } })).status;
      const errorPage = async () => (await fixture.request('GET', '/errors/502.html')).text();
      beforeAll(async () => {
        deployKey = (await createApiKey(database.db, { name: 'deploy pipeline', scopes: ['deploys'] }, SYSTEM_ACTOR)).key;
      });

      it('refuses bad input with the field named, changing nothing', async () => {
        const before = await counts();
        const refused = async (body: unknown, status: number, paths: string[], message: RegExp) => {
          const response = await deployCall('POST', '/deploys', body);
          const answer = await response.json();
          expect(response.status, JSON.stringify(answer)).toBe(status);
          expect(answer.error.details.map((detail: { path?: string }) => detail.path).filter(Boolean)).toEqual(paths);
          expect(answer.error.message).toMatch(message);
        };
        const websiteBefore = await statusOf('Website');
        await refused(undefined, 400, ['deploy'], /deploy is required/);
        await refused({ deploy: { name: ' ', components: [], minutes: 0 } }, 400, ['deploy.name', 'deploy.components', 'deploy.minutes'], /deploy\.name is required, like "Deploy v1\.4"/);
        await refused({ deploy: { name: 'Deploy v1.4', components: 'website', minutes: 'ten' } }, 400, ['deploy.minutes'], /whole number of minutes/);
        await refused({ deploy: { name: 'Deploy v1.4', components: 'website', minutes: 2000 } }, 400, ['deploy.minutes'], /at most 1440/);
        const unknown = await deployCall('POST', '/deploys', { deploy: { name: 'Deploy v1.4', components: ['website', 'billing'], minutes: 10 } });
        expect(unknown.status).toBe(400);
        expect((await unknown.json()).error.message).toBe('There is no component or group called "billing".');
        // The key opens deploys and nothing else.
        expect((await deployCall('POST', '/incidents', { incident: { name: 'x', body: 'x' } })).status).toBe(403);
        expect(await counts()).toEqual(before);
        expect(await statusOf('Website')).toBe(websiteBefore);
      });

      it('opens a window on components named as people name them, shows it everywhere, and finishes it', async () => {
        // Someone following the website in Slack, and a webhook: a quiet deploy tells people nothing.
        const websiteId = (await database.db.component.findFirstOrThrow({ where: { name: 'Website' } })).id;
        for (const subscriber of [{ endpoint: 'https://hooks.slack.com/services/T0/B0/deploys', mode: 'slack', component_ids: [websiteId] }, { endpoint: 'https://example.com/deploy-hook' }]) {
          expect((await call('POST', '/subscribers', { key: keys.all, body: json({ subscriber: { ...subscriber, skip_confirmation_notification: true } }) })).status).toBe(201);
        }
        const since = new Date();
        // The demo's website is degraded by an open incident: the deploy gives it back its status.
        const statusesBefore = [await statusOf('Website'), await statusOf('Public API')];
        const opened = await deployCall('POST', '/deploys', { deploy: { name: 'Deploy v1.4', components: 'website,Public API', minutes: 10 } });
        const deploy = await opened.json();
        expect(opened.status, JSON.stringify(deploy)).toBe(201);
        expect(deploy).toMatchObject({ name: 'Deploy v1.4', status: 'in_progress', impact: 'maintenance' });
        expect(new Date(deploy.scheduled_until).getTime() - new Date(deploy.scheduled_for).getTime()).toBe(10 * 60_000);
        expect(deploy.components.map((component: { name: string; status: string }) => [component.name, component.status]).sort()).toEqual([
          ['Public API', 'under_maintenance'],
          ['Website', 'under_maintenance'],
        ]);
        expect(deploy.incident_updates[0].body).toMatch(/^We are deploying a new version of Website and Public API; they may be briefly unavailable until about /);
        // Subscribers hear of a deploy only when asked.
        expect(deploy.incident_updates[0].deliver_notifications).toBe(false);
        expect((await (await call('GET', '/deploys', { key: keys.read })).json()).map((entry: { id: string }) => entry.id)).toEqual([deploy.id]);
        await expect.poll(errorPage).toContain('A deploy is in progress: Deploy v1.4.');
        const summary = async () => (await (await fixture.request('GET', '/api/v2/summary.json')).json()).scheduled_maintenances;
        expect((await summary()).find((entry: { id: string }) => entry.id === deploy.id)).toMatchObject({ status: 'in_progress' });

        // A second deploy on one of its components waits for it.
        const before = await counts();
        const clash = await deployCall('POST', '/deploys', { deploy: { name: 'Deploy v1.5', components: ['website'], minutes: 5 } });
        expect(clash.status).toBe(409);
        expect((await clash.json()).error.message).toMatch(/^The deploy "Deploy v1\.4" is still in progress on some of these components \(until .+\); finish it first\.$/);
        expect(await counts()).toEqual(before);

        // Finished with no body: the only one in progress.
        const finished = await deployCall('POST', '/deploys/finish');
        expect(finished.status).toBe(200);
        expect(await finished.json()).toMatchObject({ id: deploy.id, status: 'completed' });
        expect([await statusOf('Website'), await statusOf('Public API')]).toEqual(statusesBefore);
        await expect.poll(errorPage).not.toContain('A deploy is in progress');
        const again = await deployCall('POST', '/deploys/finish');
        expect(again.status).toBe(404);
        expect((await again.json()).error.message).toBe('No deploy is in progress (it may have ended on its own when its time ran out).');
        // Named, one already over is answered as it is.
        const named = await deployCall('POST', '/deploys/finish', { deploy: { id: deploy.id } });
        expect(named.status).toBe(200);
        expect((await named.json()).status).toBe('completed');
        expect((await deployCall('POST', '/deploys/finish', { deploy: { id: 'nosuchdeploy' } })).status).toBe(404);
        // Machines (webhooks) got the component changes; no update or change went to people.
        const told = await database.db.notification.findMany({ where: { createdAt: { gte: since } }, select: { kind: true } });
        // Two components went under maintenance and came back.
        expect(told.map((notification) => notification.kind)).toEqual(Array(4).fill('incident_component_update'));
      });

      it('asks which to finish when several are in progress', async () => {
        const start = async (name: string, component: string) => (await (await deployCall('POST', '/deploys', { deploy: { name, components: [component], minutes: 30 } })).json()).id as string;
        const first = await start('Deploy web', 'Website');
        const second = await start('Deploy API', 'Public API');
        const unclear = await deployCall('POST', '/deploys/finish', {});
        expect(unclear.status).toBe(422);
        const answer = (await unclear.json()).error;
        expect(answer.message).toMatch(/^2 deploys are in progress: "Deploy web" \(until .+\) and "Deploy API" \(until .+\)\. Say which to finish by its id \(the command line's `deploy list` shows them\)\.$/);
        expect(answer.details.map((detail: { id: string }) => detail.id).sort()).toEqual([first, second].sort());
        for (const id of [first, second]) expect((await deployCall('POST', '/deploys/finish', { deploy: { id } })).status).toBe(200);
        expect(await (await call('GET', '/deploys', { key: keys.read })).json()).toEqual([]);
      });

      it('ends on its own when its time runs out', async () => {
        const before = await statusOf('Website');
        const opened = await (await deployCall('POST', '/deploys', { deploy: { name: 'Deploy v2', components: ['website'], minutes: 1 } })).json();
        // The maintenance schedule, as the server's timer runs it, a minute later.
        expect(await runMaintenanceSchedule(database.db, new Date(Date.now() + 61_000))).toEqual([`${opened.id}:completed`]);
        expect(await statusOf('Website')).toBe(before);
        const finished = await deployCall('POST', '/deploys/finish', { deploy: { id: opened.id } });
        expect(finished.status).toBe(200);
        expect((await finished.json()).status).toBe('completed');
      });
    });

    if (provider === 'sqlite') describe('with a low rate limit', () => {
      const RATE = 30;
      let limitedServer: GatewatchProcess;
      beforeAll(async () => {
        limitedServer = await fixture.startServer({ ADMIN_API_RATE_PER_MINUTE: String(RATE) });
      });
      afterAll(() => limitedServer?.stop());

      it('limits each key’s rate, with Retry-After', async () => {
        const { key } = await createApiKey(database.db, { name: 'busy', scopes: ['read'] }, SYSTEM_ACTOR);
        // A cheap request (wrong page: 404 after the key and its rate are checked), until refused.
        const cheap = (with_: string) => send(limitedServer.url, 'GET', '/api/v1/pages/otherpage/incidents/unresolved', { key: with_ });
        let served = 0;
        let limited: Response | undefined;
        while (!limited && served < RATE * 3) {
          const response = await cheap(key);
          if (response.status === 429) limited = response;
          else served += 1;
        }
        // The whole burst is served first.
        expect(served).toBeGreaterThanOrEqual(RATE);
        expect(limited?.status).toBe(429);
        expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await limited!.json()).error.code).toBe('rate_limited');
        // Another key has its own allowance.
        expect((await cheap(keys.read)).status).toBe(404);
      });
    });
  });
}
