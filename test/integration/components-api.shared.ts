// Components and groups through the admin API over HTTP (create, edit, reorder, delete), through the
// real server against a real database of one provider, checked against what the public JSON then shows.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { editGroup } from '@/lib/components/manage-components';
import type { Provider } from '@/lib/db/client';
import { buildSnapshot } from '@/lib/status/build-snapshot';
import { addDays, dayKey } from '@/lib/time';
import { snapshotRebuilds, waitOutRebuild } from '../helpers/rebuilds';
import { json, useAdminApiFixture, type AdminApiFixture, type RequestOptions } from '../helpers/admin-api';

type Entry = { id: string; name: string; group: boolean; group_id: string | null; position: number; components?: string[] };

export function describeComponentsApi(provider: Provider) {
  describe(`components and groups API on ${provider}`, () => {
    const fixture = useAdminApiFixture(provider, 'components-api');
    const { call } = fixture;
    let database: AdminApiFixture['database'];
    let keys: AdminApiFixture['keys'];
    const idOf = async (name: string) => (await database.db.component.findFirstOrThrow({ where: { name } })).id;
    const groupIdOf = async (name: string) => (await database.db.componentGroup.findFirstOrThrow({ where: { name } })).id;

    beforeAll(() => {
      ({ database, keys } = fixture);
    });

    /** Each component and group as `id name group position`, from the public JSON or the database. */
    const placement = (entry: { id: string; name: string; group_id: string | null; position: number }) => `${entry.id} ${entry.name} ${entry.group_id} ${entry.position}`;
    const placementsInDatabase = async () => [
      ...(await database.db.component.findMany()).map((row) => placement({ ...row, group_id: row.groupId })),
      ...(await database.db.componentGroup.findMany()).map((row) => placement({ ...row, group_id: null })),
    ].sort();

    /**
     * What visitors' tools read: the server's public components.json, once its snapshot has caught up
     * with the database (the server rebuilds it just after each write, not before answering it).
     */
    async function publicComponents(): Promise<Entry[]> {
      const expected = await placementsInDatabase();
      let entries: Entry[] = [];
      await expect
        .poll(async () => {
          entries = (await (await fixture.request('GET', '/api/v2/components.json')).json()).components;
          return entries.map(placement).sort();
        }, { timeout: 10_000, interval: 50 })
        .toEqual(expected);
      return entries;
    }
    /** The top level in page order, groups with their members: ["Group: A, B", "C"]. */
    async function layout() {
      const entries = await publicComponents();
      const name = (id: string) => entries.find((entry) => entry.id === id)!.name;
      return entries.filter((entry) => !entry.group_id).map((entry) => (entry.group ? `${entry.name}: ${entry.components!.map(name).join(', ')}` : entry.name));
    }
    /** Every parent's children are numbered 0, 1, 2 … with no gaps or repeats. */
    async function expectCompactPositions() {
      const entries = await publicComponents();
      const parents = new Map<string, number[]>();
      for (const entry of entries) (parents.get(entry.group_id ?? 'top') ?? parents.set(entry.group_id ?? 'top', []).get(entry.group_id ?? 'top')!).push(entry.position);
      for (const [parent, positions] of parents) expect(positions, parent).toEqual(positions.map((_, index) => index));
    }
    const counts = async () => ({
      components: await database.db.component.count(),
      groups: await database.db.componentGroup.count(),
      changes: await database.db.componentStatusChange.count(),
      audit: await database.db.auditLog.count(),
    });

    it('answers 401 without a key and 403 without the scope, on every route', async () => {
      const componentId = await idOf('CDN');
      const groupId = await groupIdOf('Integrations');
      // Paths under the page; a rename needs `admin`, a status alone `components`.
      const table: (RequestOptions & { name: string; method: string; path: string; wrongKey: string })[] = [
        { name: 'GET components', method: 'GET', path: '/components', wrongKey: keys.incidents },
        { name: 'POST component', method: 'POST', path: '/components', body: json({ component: { name: 'x' } }), wrongKey: keys.components },
        { name: 'GET component', method: 'GET', path: `/components/${componentId}`, wrongKey: keys.incidents },
        { name: 'PATCH component (rename)', method: 'PATCH', path: `/components/${componentId}`, body: json({ component: { name: 'y' } }), wrongKey: keys.components },
        { name: 'PUT component (status)', method: 'PUT', path: `/components/${componentId}`, body: json({ component: { status: 'operational' } }), wrongKey: keys.incidents },
        { name: 'DELETE component', method: 'DELETE', path: `/components/${componentId}`, wrongKey: keys.components },
        { name: 'GET groups', method: 'GET', path: '/component-groups', wrongKey: keys.components },
        { name: 'POST group', method: 'POST', path: '/component-groups', body: json({ component_group: { name: 'x' } }), wrongKey: keys.components },
        { name: 'GET group', method: 'GET', path: `/component-groups/${groupId}`, wrongKey: keys.incidents },
        { name: 'PATCH group', method: 'PATCH', path: `/component-groups/${groupId}`, body: json({ component_group: { name: 'y' } }), wrongKey: keys.components },
        { name: 'DELETE group', method: 'DELETE', path: `/component-groups/${groupId}`, wrongKey: keys.read },
      ];
      const before = await counts();
      for (const route of table) {
        for (const key of [undefined, keys.revoked]) {
          const response = await call(route.method, route.path, { body: route.body, key });
          expect(response.status, `${route.name} with ${key ? 'a revoked key' : 'no key'}`).toBe(401);
          expect((await response.json()).error).toMatchObject({ code: 'unauthorized', message: expect.any(String), details: [] });
        }
        const forbidden = await call(route.method, route.path, { body: route.body, key: route.wrongKey });
        expect(forbidden.status, route.name).toBe(403);
        expect((await forbidden.json()).error.code).toBe('forbidden');
      }
      expect(await counts()).toEqual(before);
      expect(await database.db.component.findUniqueOrThrow({ where: { id: componentId } })).toMatchObject({ name: 'CDN' });
    });

    it('adds a component at the end, or where asked, and the public JSON shows it', async () => {
      const created = await call('POST', '/components', {
        key: keys.all,
        body: json({ component: { name: 'Status webhooks', description: 'Outgoing calls', status: 'degraded_performance', showcase: false, start_date: '2026-01-15' } }),
      });
      expect(created.status).toBe(201);
      const component = await created.json();
      expect(component).toMatchObject({ name: 'Status webhooks', description: 'Outgoing calls', status: 'degraded_performance', showcase: false, only_show_if_degraded: false, start_date: '2026-01-15', group_id: null, group: false, position: 4 });
      expect(await layout()).toEqual(['Website & API: Website, Public API, Dashboard', 'Infrastructure: Database, Object storage, CDN', 'Integrations: Webhooks, Email notifications', 'Authentication', 'Status webhooks']);
      // Its uptime history starts in the status it was created with.
      expect(await database.db.componentStatusChange.findMany({ where: { componentId: component.id }, select: { status: true } })).toEqual([{ status: 'degraded_performance' }]);

      const integrations = await groupIdOf('Integrations');
      const first = await call('POST', '/components', { key: keys.all, body: json({ component: { name: 'SMS', group_id: integrations, position: 0, only_show_if_degraded: true } }) });
      expect(first.status).toBe(201);
      expect(await first.json()).toMatchObject({ group_id: integrations, position: 0, only_show_if_degraded: true, status: 'operational' });
      expect((await layout())[2]).toBe('Integrations: SMS, Webhooks, Email notifications');
      await expectCompactPositions();
      const audit = await database.db.auditLog.findMany({ where: { action: 'component.create' }, orderBy: { at: 'asc' } });
      expect(audit.map((row) => [row.summary, row.actorName])).toEqual([
        ['Added component "Status webhooks"', 'API key "admin"'],
        ['Added component "SMS"', 'API key "admin"'],
      ]);
    });

    it('edits only what is sent: a status alone with the components scope, the rest with admin', async () => {
      const id = await idOf('Dashboard');
      const changesBefore = await database.db.componentStatusChange.count({ where: { componentId: id } });
      const status = await call('PATCH', `/components/${id}`, { key: keys.components, body: json({ component: { status: 'partial_outage' } }) });
      expect(status.status).toBe(200);
      expect(await status.json()).toMatchObject({ name: 'Dashboard', status: 'partial_outage' });
      expect(await database.db.componentStatusChange.count({ where: { componentId: id } })).toBe(changesBefore + 1);

      const infrastructure = await groupIdOf('Infrastructure');
      const edited = await call('PUT', `/components/${id}`, {
        key: keys.all,
        body: json({ component: { name: 'Customer dashboard', description: 'Sign-in and settings', group_id: infrastructure, position: 1, showcase: false } }),
      });
      expect(edited.status).toBe(200);
      expect(await edited.json()).toMatchObject({ name: 'Customer dashboard', description: 'Sign-in and settings', status: 'partial_outage', group_id: infrastructure, showcase: false });
      expect((await layout()).slice(0, 2)).toEqual(['Website & API: Website, Public API', 'Infrastructure: Database, Customer dashboard, Object storage, CDN']);
      await expectCompactPositions();
      const audit = await database.db.auditLog.findFirstOrThrow({ where: { targetId: id }, orderBy: { at: 'desc' } });
      expect(audit.summary).toBe('Edited component "Customer dashboard": name, description, group, uptime bar shown and position');

      // Back to the top level, first, as a form sends it: "" clears the group and the description.
      const form = new URLSearchParams({ 'component[group_id]': '', 'component[description]': '', 'component[position]': '0', 'component[showcase]': 'true' });
      const moved = await call('PATCH', `/components/${id}`, { key: keys.all, body: form.toString(), type: 'application/x-www-form-urlencoded' });
      expect(await moved.json()).toMatchObject({ group_id: null, description: null, position: 0, showcase: true });
      expect((await layout())[0]).toBe('Customer dashboard');
      await expectCompactPositions();
    });

    it('deletes a component: gone from the page, its history with it, past updates keep its name', async () => {
      const id = await idOf('Public API');
      const mentioned = await database.db.incidentUpdateComponent.count({ where: { componentId: id } });
      expect(mentioned).toBeGreaterThan(0);
      const response = await call('DELETE', `/components/${id}`, { key: keys.all });
      expect(response.status).toBe(204);
      expect((await publicComponents()).map((entry) => entry.name)).not.toContain('Public API');
      expect(await database.db.componentStatusChange.count({ where: { componentId: id } })).toBe(0);
      expect(await database.db.incidentUpdateComponent.count({ where: { componentId: id, name: 'Public API' } })).toBe(mentioned);
      await expectCompactPositions();
      expect((await call('DELETE', `/components/${id}`, { key: keys.all })).status).toBe(404);
      expect(await database.db.auditLog.count({ where: { action: 'component.delete', targetId: id } })).toBe(1);
    });

    it('manages groups: create with members, reorder, change membership, delete keeping the members', async () => {
      const [cdn, storage] = [await idOf('CDN'), await idOf('Object storage')];
      // Statuspage sends the description beside component_group.
      const created = await call('POST', '/component-groups', { key: keys.all, body: json({ component_group: { name: 'Delivery', components: [cdn, storage], position: 0 }, description: 'Getting bytes to you' }) });
      expect(created.status).toBe(201);
      const group = await created.json();
      expect(group).toMatchObject({ name: 'Delivery', description: 'Getting bytes to you', components: [cdn, storage], position: 0, page_id: fixture.pageId });
      expect((await layout()).slice(0, 3)).toEqual(['Delivery: CDN, Object storage', 'Customer dashboard', 'Website & API: Website']);
      expect((await layout())).toContain('Infrastructure: Database');
      await expectCompactPositions();

      const listed = await (await call('GET', '/component-groups', { key: keys.read })).json();
      expect(listed.map((entry: { name: string }) => entry.name)).toEqual(['Delivery', 'Website & API', 'Infrastructure', 'Integrations']);

      // A form body, as Statuspage's clients may send: the whole membership, in order.
      const form = new URLSearchParams([['component_group[components][]', storage], ['component_group[name]', 'Storage']]);
      const edited = await call('PATCH', `/component-groups/${group.id}`, { key: keys.all, body: form.toString(), type: 'application/x-www-form-urlencoded' });
      expect(edited.status).toBe(200);
      expect(await edited.json()).toMatchObject({ name: 'Storage', components: [storage] });
      expect((await layout()).at(-1)).toBe('CDN');
      await expectCompactPositions();

      const deleted = await call('DELETE', `/component-groups/${group.id}`, { key: keys.all });
      expect(deleted.status).toBe(204);
      expect((await layout()).slice(-2)).toEqual(['CDN', 'Object storage']);
      expect(await database.db.component.count({ where: { id: storage } })).toBe(1);
      await expectCompactPositions();
      const audit = await database.db.auditLog.findMany({ where: { targetId: group.id }, orderBy: { at: 'asc' } });
      expect(audit.map((row) => row.action)).toEqual(['component_group.create', 'component_group.update', 'component_group.delete']);
    });

    it('answers a group’s id among the components, as Statuspage lists groups there', async () => {
      const groupId = await groupIdOf('Infrastructure');
      const response = await call('GET', `/components/${groupId}`, { key: keys.read });
      expect(response.status).toBe(200);
      const listed = ((await (await call('GET', '/components', { key: keys.read })).json()) as { id: string }[]).find((entry) => entry.id === groupId);
      expect(await response.json()).toEqual(listed);
      expect(listed).toMatchObject({ group: true, name: 'Infrastructure' });
      expect((await call('GET', '/components/nothing-here', { key: keys.read })).status).toBe(404);
    });

    it('counts uptime from the start date’s midnight in the page’s time zone', async () => {
      await database.db.page.updateMany({ data: { timeZone: 'America/Los_Angeles' } });
      try {
        const id = await idOf('Webhooks');
        const day = addDays(dayKey(new Date(), 'America/Los_Angeles'), -10);
        const response = await call('PATCH', `/components/${id}`, { key: keys.all, body: json({ component: { start_date: day } }) });
        expect(await response.json()).toMatchObject({ start_date: day });
        const { days } = (await buildSnapshot(database.db)).components.find((component) => component.id === id)!.uptime;
        // The day before is not counted at all, the day itself wholly (the demo's history reaches back 90 days).
        expect(days.find((entry) => entry.date === addDays(day, -1))).toMatchObject({ uptime: null });
        expect(days.find((entry) => entry.date === day)).toMatchObject({ uptime: expect.any(Number) });
      } finally {
        await database.db.page.updateMany({ data: { timeZone: 'Etc/UTC' } });
      }
    });

    it('changes a group’s members by what was ticked and unticked, keeping one added meanwhile', async () => {
      const groupId = await groupIdOf('Integrations');
      const [email, authentication] = [await idOf('Email notifications'), await idOf('Authentication')];
      const members = async () => (await database.db.component.findMany({ where: { groupId }, orderBy: { position: 'asc' }, select: { id: true } })).map((member) => member.id);
      const shown = await members();
      expect(shown).toContain(email);
      // While the form shows those members, a script adds Authentication; the operator unticks Email notifications.
      await call('PATCH', `/components/${authentication}`, { key: keys.all, body: json({ component: { group_id: groupId } }) });
      await editGroup(database.db, groupId, { removeComponentIds: [email] }, SYSTEM_ACTOR);
      expect(await members()).toEqual([...shown.filter((id) => id !== email), authentication]);
      await editGroup(database.db, groupId, { addComponentIds: [email] }, SYSTEM_ACTOR);
      expect(await members()).toEqual([...shown.filter((id) => id !== email), authentication, email]);
      await expectCompactPositions();
    });

    it('numbers components added at the same moment without gaps or repeats', async () => {
      const created = await Promise.all(
        Array.from({ length: 8 }, (_, index) => call('POST', '/components', { key: keys.all, body: json({ component: { name: `Worker ${index}` } }) })),
      );
      expect(created.map((response) => response.status)).toEqual(Array(8).fill(201));
      await expectCompactPositions();
      await Promise.all(created.map(async (response) => call('DELETE', `/components/${(await response.json()).id}`, { key: keys.all })));
      await expectCompactPositions();
    });

    it('refuses bad input clearly and leaves the data as it was', async () => {
      const before = await counts();
      const id = await idOf('Website');
      const post = (body: unknown) => call('POST', '/components', { key: keys.all, body: json(body) });
      const patch = (body: unknown) => call('PATCH', `/components/${id}`, { key: keys.all, body: json(body) });
      const cases: [Promise<Response>, number, string, string?][] = [
        [post({ component: { name: '' } }), 400, 'validation_failed', 'component.name'],
        [post({ component: { description: 'no name' } }), 400, 'validation_failed', 'component.name'],
        [post({ component: { name: 'x', start_date: 'tomorrow' } }), 400, 'validation_failed', 'component.start_date'],
        [post({ component: { name: 'x', status: 'on_fire' } }), 400, 'validation_failed', 'component.status'],
        [post({ component: { name: 'x', position: -1 } }), 400, 'validation_failed', 'component.position'],
        [post({ component: { name: 'x', group_id: 'nosuchgroup' } }), 404, 'not_found'],
        [patch({ component: { name: 'y'.repeat(101) } }), 400, 'validation_failed', 'component.name'],
        [patch({ component: { group_id: 'nosuchgroup', name: 'Renamed' } }), 404, 'not_found'],
        [patch({ component: { showcase: 'maybe' } }), 400, 'validation_failed', 'component.showcase'],
        [call('PATCH', '/components/nosuchthing', { key: keys.all, body: json({ component: { name: 'z' } }) }), 404, 'not_found'],
        [call('POST', '/component-groups', { key: keys.all, body: json({ component_group: { name: 'G', components: [id, 'nosuchthing'] } }) }), 404, 'not_found'],
        [call('POST', '/component-groups', { key: keys.all, body: json({ component_group: { components: [id] } }) }), 400, 'validation_failed', 'component_group.name'],
        [call('PATCH', '/component-groups/nosuchgroup', { key: keys.all, body: json({ component_group: { name: 'G' } }) }), 404, 'not_found'],
        [call('DELETE', '/component-groups/nosuchgroup', { key: keys.all }), 404, 'not_found'],
      ];
      for (const [pending, status, code, path] of cases) {
        const response = await pending;
        const body = await response.json();
        expect([response.status, body.error.code], body.error.message).toEqual([status, code]);
        if (path) expect(body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
      }
      expect(await counts()).toEqual(before);
      expect(await database.db.component.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: 'Website' });
    });

    it('never 500s and never changes anything on failed random bodies (fast-check)', async () => {
      const id = await idOf('Website');
      const groupId = await groupIdOf('Website & API');
      const field = (names: string[]) => fc.dictionary(fc.constantFrom(...names), fc.oneof(fc.anything(), fc.constantFrom('', null, id, groupId, 'operational', '2026-02-30', 3, 'a\u0000b')));
      const componentBody = fc.record({ component: field(['name', 'description', 'status', 'group_id', 'showcase', 'only_show_if_degraded', 'start_date', 'position']) });
      const groupBody = fc.record({ component_group: field(['name', 'description', 'components', 'position']) });
      const routesFor = [
        (body: string) => call('POST', '/components', { key: keys.all, body }),
        (body: string) => call('PATCH', `/components/${id}`, { key: keys.all, body }),
        (body: string) => call('POST', '/component-groups', { key: keys.all, body }),
        (body: string) => call('PATCH', `/component-groups/${groupId}`, { key: keys.all, body }),
      ];
      let before = await counts();
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string(), fc.json(), componentBody, groupBody), fc.integer({ min: 0, max: 3 }), async (body, route) => {
          const response = await routesFor[route](typeof body === 'string' ? body : JSON.stringify(body));
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            expect((await response.json()).error.code).toEqual(expect.any(String));
            expect(await counts()).toEqual(before);
          } else before = await counts();
        }),
        { numRuns: 80 },
      );
      await expectCompactPositions();
    }, 90_000);

    it('rebuilds nothing for a write that changes nothing, and a burst of writes costs a few rebuilds and shows whole', async () => {
      const rebuilds = () => snapshotRebuilds(fixture.server.url);
      // Settled: no rebuild pending from the tests before.
      await expect.poll(async () => {
        const before = await rebuilds();
        await waitOutRebuild();
        return (await rebuilds()) - before;
      }).toBe(0);

      const component = await database.db.component.findFirstOrThrow({ orderBy: { name: 'asc' } });
      const before = { rebuilds: await rebuilds(), ...(await counts()) };
      const same = await call('PATCH', `/components/${component.id}`, { key: keys.all, body: json({ component: { status: component.status, name: component.name } }) });
      expect(same.status).toBe(200);
      expect(await same.json()).toMatchObject({ status: component.status, updated_at: component.updatedAt.toISOString() });
      await waitOutRebuild();
      expect({ rebuilds: await rebuilds(), ...(await counts()) }).toEqual(before);

      // 100 status changes at once, each component's last one a major outage.
      const components = await database.db.component.findMany({ select: { id: true, name: true } });
      const sequence = ['degraded_performance', 'partial_outage', 'operational', 'major_outage'];
      const perComponent = Math.ceil(100 / components.length);
      await Promise.all(
        components.map(async (target) => {
          for (let i = perComponent - 1; i >= 0; i--) {
            const response = await call('PATCH', `/components/${target.id}`, { key: keys.components, body: json({ component: { status: sequence[(sequence.length - 1 + i) % sequence.length] } }) });
            expect(response.status).toBe(200);
          }
        }),
      );
      const writes = perComponent * components.length;
      // Every public surface follows: the v2 JSON, the badges, the front page and the embedded view.
      await expect.poll(async () => {
        const shown = (await (await fixture.request('GET', '/api/v2/components.json')).json()).components as { group: boolean; status: string }[];
        return shown.filter((entry) => !entry.group).every((entry) => entry.status === 'major_outage');
      }).toBe(true);
      expect((await (await fixture.request('GET', '/api/v2/summary.json')).json()).status.indicator).toBe('critical');
      expect(await (await fixture.request('GET', '/badge.svg')).text()).toContain('major outage');
      for (const target of components) expect(await (await fixture.request('GET', `/badge/${target.id}.svg`)).text(), target.name).toContain('major outage');
      expect(await (await fixture.request('GET', '/')).text()).toContain('Major Service Outage');
      expect(await (await fixture.request('GET', '/embed/frame')).text()).toContain('Major Service Outage');
      const cost = (await rebuilds()) - before.rebuilds;
      // Far fewer than one each; how few depends on the pace of the writes (see npm run bench).
      expect(cost, `${cost} rebuilds for ${writes} writes`).toBeLessThan(writes / 2);
    });
  });
}
