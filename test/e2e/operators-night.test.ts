// The operator's night in Chromium, against the real server on both databases: resolve an incident
// (its components come back), correct its title, delete it, find a maintenance in the list and
// cancel it, and remove the demo content in one step (a subscriber following only a demo component
// is left following none).
import { afterAll, describe, expect, it } from 'vitest';
import type { Provider } from '@/lib/db/client';
import { createMigratedDatabaseUrl, dropDatabaseUrl, PROVIDERS } from '../helpers/databases';
import { logIn, useAdminServer } from '../helpers/admin-server';

for (const provider of PROVIDERS) describeNight(provider);

function describeNight(provider: Provider) {
  describe(`an operator's night on ${provider}`, () => {
    let databaseUrl: string | undefined;
    // Registered first, so it runs after the server has stopped.
    afterAll(async () => {
      if (databaseUrl && provider === 'postgresql') await dropDatabaseUrl(databaseUrl);
    });
    const fixture = useAdminServer(`night-${provider}`, async (): Promise<Record<string, string>> => {
      if (provider === 'sqlite') return {};
      databaseUrl = await createMigratedDatabaseUrl(provider);
      return { DATABASE_URL: databaseUrl };
    });
    const get = (path: string) => fetch(`${fixture.server.url}${path}`);
    const publicJson = async (path: string) => (await get(path)).json();
    const statusOf = async (name: string) =>
      ((await publicJson('/api/v2/components.json')).components as { name: string; status: string }[]).find((component) => component.name === name)?.status;

    it('resolves, corrects and deletes an incident, cancels a maintenance, and removes the demo', async () => {
      const page = await fixture.browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await logIn(page, fixture.server.url);

      // Resolve the demo's open incident: its components are preselected back to operational.
      await page.getByRole('link', { name: 'Elevated 502 Bad Gateway errors on the Public API' }).click();
      const incidentId = page.url().split('/').pop()!;
      expect(await statusOf('Public API')).toBe('partial_outage');
      const status = page.getByLabel('Status', { exact: true });
      expect(await status.inputValue()).toBe('identified');
      await status.selectOption('resolved');
      await expect.poll(() => page.getByLabel('Public API', { exact: true }).inputValue()).toBe('operational');
      await page.getByLabel('Message to visitors').fill('Error rates are back to normal.');
      await page.getByRole('button', { name: 'Post update' }).click();
      await expect.poll(() => page.locator('h2#timeline + ol > li').count()).toBe(4);
      await expect.poll(() => statusOf('Public API')).toBe('operational');
      expect(await statusOf('Webhooks')).toBe('operational');
      expect((await publicJson(`/badge/${encodeURIComponent('Public API')}.json`)).message).toBe('operational');
      expect(await (await get('/')).text()).toContain('All Systems Operational');

      // Correct its title: saved without a new update.
      const correct = page.locator('section[aria-labelledby="correct"]');
      await correct.getByLabel('Title').fill('502 errors on the Public API');
      await correct.getByLabel('Impact').selectOption('major');
      await correct.getByRole('button', { name: 'Save without posting an update' }).click();
      await expect.poll(() => correct.getByRole('status').count()).toBe(1);
      const incident = (await publicJson('/api/v2/incidents.json')).incidents.find((candidate: { id: string }) => candidate.id === incidentId);
      expect(incident).toMatchObject({ name: '502 errors on the Public API', impact: 'major' });
      expect(incident.incident_updates).toHaveLength(4);

      // Delete it: the box must be ticked first.
      const remove = page.locator('section[aria-labelledby="delete"]');
      await remove.getByRole('button', { name: 'Delete incident' }).click();
      expect(page.url()).toContain(`/admin/incidents/${incidentId}`);
      await remove.getByRole('checkbox').check();
      await remove.getByRole('button', { name: 'Delete incident' }).click();
      await page.waitForURL(/\/admin\/incidents\?deleted=1$/);
      expect(await page.getByRole('status').textContent()).toContain('Deleted.');
      expect((await get(`/incidents/${incidentId}`)).status).toBe(404);

      // Find the demo's maintenance in the list and cancel it.
      await page.getByLabel('Show').selectOption('maintenance');
      await page.getByLabel('Title contains').fill('database UPGRADE');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(/q=database/);
      expect(await page.getByText('1 match.').count()).toBe(1);
      await page.getByRole('link', { name: 'Database upgrade to a new major version' }).click();
      expect(await (await get('/maintenance.ics')).text()).toContain('Database upgrade to a new major version');
      const cancel = page.locator('section[aria-labelledby="cancel"]');
      await cancel.getByRole('button', { name: 'Cancel this maintenance' }).click();
      await expect.poll(() => page.locator('h1').locator('xpath=..').getByText('Cancelled').count()).toBeGreaterThan(0);
      await expect.poll(async () => (await (await get('/maintenance.ics')).text()).includes('Database upgrade to a new major version')).toBe(false);

      // A webhook following only a demo component: once the demo goes it follows none, never all of them.
      await page.goto(`${fixture.server.url}/admin/subscribers`);
      const add = page.getByRole('region', { name: 'Add a subscriber' });
      await add.getByLabel('Kind').selectOption({ label: 'Webhook' });
      await add.getByLabel('Endpoint URL').fill('https://hooks.example.com/demo-only');
      await add.getByLabel('Website', { exact: true }).check();
      await add.getByRole('button', { name: 'Add subscriber' }).click();
      await expect.poll(() => page.getByTestId('webhook-secret').count()).toBe(1);

      // The demo content goes in one step.
      await page.goto(`${fixture.server.url}/admin`);
      const demo = page.locator('section[aria-labelledby="demo-content"]');
      await demo.getByRole('checkbox').check();
      await demo.getByRole('button', { name: 'Remove demo content' }).click();
      await page.waitForURL(/\/admin\?demo=removed$/);
      expect(await page.getByRole('status').textContent()).toContain('The demo content is gone.');
      await expect.poll(async () => (await publicJson('/api/v2/summary.json')).components).toEqual([]);
      expect((await publicJson('/api/v2/incidents.json')).incidents).toEqual([]);
      await page.reload();
      expect(await page.locator('section[aria-labelledby="demo-content"]').count()).toBe(0);
      await page.goto(`${fixture.server.url}/admin/subscribers`);
      expect(await page.getByRole('listitem', { name: 'hooks.example.com/demo-only' }).textContent()).toContain('None left: the components chosen were deleted (page-wide incidents only)');
      expect(problems).toEqual([]);
    });
  });
}
