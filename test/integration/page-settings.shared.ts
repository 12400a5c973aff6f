// Page settings through the admin API over HTTP, through the real server against a real database of
// one provider; the public v2 JSON follows.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import type { Provider } from '@/lib/db/client';
import { updatePageSettings } from '@/lib/page/page-settings';
import { json, useAdminApiFixture, type AdminApiFixture } from '../helpers/admin-api';
import { createTestDatabase } from '../helpers/databases';
import { snapshotRebuilds, waitOutRebuild } from '../helpers/rebuilds';

export function describePageSettings(provider: Provider) {
  describe(`page settings on ${provider}`, () => {
    const fixture = useAdminApiFixture(provider, 'page-settings');
    let database: AdminApiFixture['database'];
    let pageId: string;
    let keys: { admin: string; read: string; incidents: string };

    // The page is the path /api/v1/pages/{page_id} itself: '' under the fixture's page.
    const { call } = fixture;
    const patch = (body: string, options: { key?: string; type?: string } = {}) => call('PATCH', '', { key: keys.admin, body, ...options });
    const state = async () => ({ page: await database.db.page.findFirstOrThrow(), audit: await database.db.auditLog.count() });
    /** The page in the server's public summary.json; the server rebuilds it just after each write. */
    const summaryPage = async () => (await (await fixture.request('GET', '/api/v2/summary.json')).json()).page;

    beforeAll(() => {
      ({ database, pageId } = fixture);
      keys = { admin: fixture.keys.all, read: fixture.keys.read, incidents: fixture.keys.incidents };
    });

    it('answers 401 without a key, 403 without the scope, 404 for another page', async () => {
      for (const [method, body] of [['GET', undefined], ['PATCH', json({ page: { name: 'x' } })]] as const) {
        const anonymous = await call(method, '', { body });
        expect(anonymous.status, method).toBe(401);
        expect((await anonymous.json()).error).toMatchObject({ code: 'unauthorized', message: expect.any(String), details: [] });
      }
      // Reading takes `read`; changing the page takes `admin`, which incident and component keys lack.
      expect((await call('GET', '', { key: keys.incidents })).status).toBe(403);
      for (const key of [keys.read, keys.incidents]) {
        const forbidden = await call('PATCH', '', { key, body: json({ page: { name: 'x' } }) });
        expect(forbidden.status).toBe(403);
        expect((await forbidden.json()).error.code).toBe('forbidden');
      }
      expect((await call('GET', '', { key: keys.read, pageId: 'otherpage' })).status).toBe(404);
      expect((await database.db.page.findFirstOrThrow()).name).toBe('Gatewatch Demo');
    });

    it('lists the one page at /pages, where Statuspage scripts look for its id', async () => {
      // No page in the path: Next passes this route no params at all.
      const list = async (key?: string) => {
        const response = await fixture.request('GET', '/api/v1/pages', { key });
        return [response.status, await response.json()];
      };
      expect((await list())[0]).toBe(401);
      expect((await list(keys.incidents))[0]).toBe(403);
      const [status, pages] = await list(keys.read);
      expect(status).toBe(200);
      expect(pages).toEqual([expect.objectContaining({ id: pageId, name: expect.any(String), time_zone: expect.any(String) })]);
    });

    it('reads the page in the Manage API shape', async () => {
      const response = await call('GET', '', { key: keys.read });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        id: pageId,
        name: 'Gatewatch Demo',
        url: 'https://status.example.com',
        time_zone: 'Etc/UTC',
        updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        support_url: 'mailto:support@example.com',
        logo_url: null,
        accent_color: null,
      });
    });

    it('refuses bad input with the error shape, naming the field, and changes nothing', async () => {
      const before = await state();
      const cases: [string, string, string][] = [
        [json({ page: { time_zone: 'Mars/Olympus_Mons' } }), 'validation_failed', 'page.time_zone'],
        // Quoted back in the message, this must still read as bad input, not as the database busy.
        [json({ page: { time_zone: 'database is locked' } }), 'validation_failed', 'page.time_zone'],
        [json({ page: { url: 'status.example.com' } }), 'validation_failed', 'page.url'],
        [json({ page: { support_url: 'javascript:alert(1)' } }), 'validation_failed', 'page.support_url'],
        [json({ page: { logo_url: 'http://cdn.example.com/logo.png' } }), 'validation_failed', 'page.logo_url'],
        [json({ page: { accent_color: '#ffee00' } }), 'validation_failed', 'page.accent_color'],
        [json({ page: { accent_color: 'blue' } }), 'validation_failed', 'page.accent_color'],
        [json({ page: { name: '   ' } }), 'validation_failed', 'page.name'],
        [json({ page: { name: 42 } }), 'validation_failed', 'page.name'],
        [json({ name: 'No wrapper' }), 'validation_failed', 'page'],
        // A valid name beside a bad time zone: all or nothing.
        [json({ page: { name: 'Half a change', time_zone: 'Nowhere/Land' } }), 'validation_failed', 'page.time_zone'],
        ['{"page":', 'malformed_json', ''],
      ];
      for (const [body, code, field] of cases) {
        const response = await patch(body);
        const { error } = await response.json();
        expect([response.status, error.code], `${body}: ${error.message}`).toEqual([400, code]);
        expect(error.details.map((detail: { path: string }) => detail.path)).toEqual(field ? [field] : []);
        expect(error.message).not.toMatch(/at \w+ \(|node_modules/);
      }
      const colour = await (await patch(json({ page: { accent_color: '#ffee00' } }))).json();
      expect(colour.error.details[0].message).toMatch(/too light .*contrast 1\.\d:1, at least 4\.5:1 needed.*such as #[0-9a-f]{6}/);
      expect(await state()).toEqual(before);
    });

    it('changes the page with one audit row, and the public JSON follows', async () => {
      const before = await state();
      expect(await summaryPage()).toMatchObject({ name: 'Gatewatch Demo', time_zone: 'Etc/UTC' });
      const response = await patch(
        json({ page: { name: '  Acme Status ', time_zone: 'europe/berlin', accent_color: '#14D', logo_url: 'https://cdn.example.com/acme.svg', support_url: '' } }),
      );
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({ id: pageId, name: 'Acme Status', url: 'https://status.example.com', time_zone: 'Europe/Berlin', support_url: null, logo_url: 'https://cdn.example.com/acme.svg', accent_color: '#1144dd' });
      expect(new Date(body.updated_at).getTime()).toBeGreaterThan(before.page.updatedAt.getTime());

      const after = await state();
      expect(after.page).toMatchObject({ name: 'Acme Status', timeZone: 'Europe/Berlin', accentColor: '#1144dd', supportUrl: null, url: 'https://status.example.com' });
      expect(after.audit).toBe(before.audit + 1);
      const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: 'page.update' } });
      expect(audit).toMatchObject({ actorType: 'api_key', actorName: 'API key "admin"', targetType: 'page', targetId: pageId });
      expect(audit.summary).toBe('Changed the page’s name, time zone, support link, logo and accent colour');
      expect(JSON.parse(audit.details!)).toEqual({
        name: { from: 'Gatewatch Demo', to: 'Acme Status' },
        timeZone: { from: 'Etc/UTC', to: 'Europe/Berlin' },
        supportUrl: { from: 'mailto:support@example.com', to: null },
        logoUrl: { from: null, to: 'https://cdn.example.com/acme.svg' },
        accentColor: { from: null, to: '#1144dd' },
      });

      await expect.poll(summaryPage).toMatchObject({ id: pageId, name: 'Acme Status', time_zone: 'Europe/Berlin' });

      // Sending what is already there changes nothing, records nothing and rebuilds nothing.
      const rebuilds = () => snapshotRebuilds(fixture.server.url);
      await waitOutRebuild(); // the edit above's rebuild, done
      const settled = await rebuilds();
      expect((await patch(json({ page: { name: 'Acme Status', time_zone: 'Europe/Berlin' } }))).status).toBe(200);
      await waitOutRebuild();
      expect(await database.db.auditLog.count()).toBe(after.audit);
      expect(await rebuilds()).toBe(settled);
    });

    it('takes a form-encoded body as Statuspage clients send it', async () => {
      const form = new URLSearchParams({ 'page[name]': 'Acme (form)', 'page[url]': 'https://status.acme.test/', 'page[accent_color]': '', 'page[time_zone]': 'America/New_York' });
      const response = await patch(form.toString(), { type: 'application/x-www-form-urlencoded' });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ name: 'Acme (form)', url: 'https://status.acme.test', accent_color: null, time_zone: 'America/New_York', logo_url: 'https://cdn.example.com/acme.svg' });
      const audit = await database.db.auditLog.findFirstOrThrow({ where: { action: 'page.update' }, orderBy: { at: 'desc' } });
      expect(audit.summary).toBe('Changed the page’s name, URL, time zone and accent colour');
      await expect.poll(summaryPage).toMatchObject({ name: 'Acme (form)', url: 'https://status.acme.test', time_zone: 'America/New_York' });
      const bad = await patch(new URLSearchParams({ 'page[time_zone]': 'Atlantis/Capital' }).toString(), { type: 'application/x-www-form-urlencoded' });
      expect(bad.status).toBe(400);
    });

    it('never 500s, and leaves the page as it was whenever it refuses a body (fast-check)', async () => {
      let before = await state();
      const field = fc.constantFrom('name', 'url', 'time_zone', 'support_url', 'logo_url', 'accent_color');
      const anyBody = fc.oneof(
        fc.string(),
        fc.json(),
        fc.record({ page: fc.dictionary(field, fc.anything()) }),
        fc.record({ page: fc.dictionary(field, fc.oneof(fc.string(), fc.constantFrom('#abc', '#fff', 'UTC', 'https://x.test', '/x.png', 'mailto:a@b.c', ''))) }),
      );
      await fc.assert(
        fc.asyncProperty(anyBody, async (body) => {
          const response = await patch(typeof body === 'string' ? body : json(body));
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            expect((await response.json()).error.code).toEqual(expect.any(String));
            expect(await state()).toEqual(before);
          } else {
            before = await state();
          }
        }),
        { numRuns: 60 },
      );
    }, 60_000);

    // Not over HTTP: every admin API route under /pages/{page_id} answers 404 until the page exists,
    // so this is lib's own behaviour, called directly on a database of its own.
    it('creates the page on a database that has none yet', async () => {
      const fresh = await createTestDatabase(provider);
      try {
        const page = await updatePageSettings(fresh.db, { name: 'First', url: 'https://first.example.com' }, SYSTEM_ACTOR);
        expect(page).toMatchObject({ id: 'gatewatch', name: 'First', url: 'https://first.example.com', timeZone: 'Etc/UTC' });
        expect(await fresh.db.auditLog.findFirstOrThrow()).toMatchObject({ action: 'page.update', summary: 'Changed the page’s name and URL' });
      } finally {
        await fresh.drop();
      }
    });
  });
}
