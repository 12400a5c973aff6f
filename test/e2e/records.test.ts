// An owner keeps the page's record straight in real Chromium: arranges the components (adds, edits,
// reorders, groups, deletes them), backfills a past incident, corrects a posted update and makes an
// incident template of their own; the public page and JSON follow each step.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn as logInAt, setStatusOnDashboard, useAdminServer } from '../helpers/admin-server';

const fixture = useAdminServer('records');

/** The public components.json as "Group: A, B" / "C" lines, top level in page order. */
async function publicLayout() {
  const { components } = (await (await fetch(`${fixture.server.url}/api/v2/components.json`)).json()) as { components: { id: string; name: string; group: boolean; group_id: string | null; components?: string[] }[] };
  const name = (id: string) => components.find((entry) => entry.id === id)!.name;
  return components.filter((entry) => !entry.group_id).map((entry) => (entry.group ? `${entry.name}: ${entry.components!.map(name).join(', ')}` : entry.name));
}
const publicPage = async () => (await fetch(`${fixture.server.url}/`)).text();
const publicComponent = async (name: string) =>
  ((await (await fetch(`${fixture.server.url}/api/v2/components.json`)).json()) as { components: { name: string; status: string; description: string | null }[] }).components.find((entry) => entry.name === name)!;

const logIn = (page: Page) => logInAt(page, fixture.server.url);

describe('an owner arranging components', () => {
  it('adds, edits, reorders, groups and deletes components; the public page follows', async () => {
    // One context: a second tab shares the log-in.
    const context = await fixture.browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await logIn(page);
    await page.getByRole('link', { name: 'Components' }).click();
    await page.waitForURL(/\/admin\/components$/);

    // Add one to a group, with a description visitors see.
    const add = page.getByRole('region', { name: 'Add a component' });
    await add.getByLabel('Name').fill('Search');
    await add.getByLabel('Group').selectOption({ label: 'Website & API' });
    await add.getByLabel('Description').fill('Full-text search');
    await add.getByRole('button', { name: 'Add component' }).click();
    await expect.poll(() => add.getByRole('status').textContent()).toContain('Added "Search"');
    await expect.poll(publicLayout).toContain('Website & API: Website, Public API, Dashboard, Search');
    expect(await publicPage()).toContain('Full-text search');

    // Move it up one place, by keyboard.
    await page.getByRole('button', { name: 'Move Search up' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(publicLayout).toContain('Website & API: Website, Public API, Search, Dashboard');

    // Edit: rename it and show it only while it is not operational; visitors stop seeing it.
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByLabel('Name').fill('Site search');
    await page.getByLabel('Only show it while it is not operational').check();
    await page.getByRole('button', { name: 'Save component' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved "Site search"');
    await expect.poll(publicLayout).toContain('Website & API: Website, Public API, Site search, Dashboard');
    await expect.poll(publicPage).not.toContain('Site search');
    await page.getByLabel('Status').selectOption('major_outage');
    await page.getByRole('button', { name: 'Save component' }).click();
    await expect.poll(publicPage).toContain('Site search');

    // An outage declared on the dashboard while the edit form is open is not undone by saving it.
    await page.getByRole('link', { name: '← Components' }).click();
    await page.getByRole('link', { name: 'Database', exact: true }).click();
    const dashboard = await context.newPage();
    await dashboard.goto(`${fixture.server.url}/admin`);
    await setStatusOnDashboard(dashboard, 'Database', 'major_outage');
    await expect.poll(async () => (await publicComponent('Database')).status).toBe('major_outage');
    await dashboard.close();
    await page.getByLabel('Description').fill('Primary PostgreSQL cluster');
    await page.getByRole('button', { name: 'Save component' }).click();
    await expect.poll(async () => (await publicComponent('Database')).description).toBe('Primary PostgreSQL cluster');
    expect((await publicComponent('Database')).status).toBe('major_outage');


    await page.getByRole('link', { name: '← Components' }).click();
    const group = page.getByRole('region', { name: 'Add a group' });
    await group.getByLabel('Group name').fill('Edge');
    await group.getByRole('checkbox', { name: 'CDN' }).check();
    await group.getByRole('checkbox', { name: 'Authentication' }).check();
    await group.getByRole('button', { name: 'Add group' }).click();
    await expect.poll(() => group.getByRole('status').textContent()).toContain('Added the group "Edge"');
    expect((await publicLayout()).at(-1)).toBe('Edge: CDN, Authentication');
    expect(await publicLayout()).toContain('Infrastructure: Database, Object storage');

    // Deleting asks for the name: a wrong one deletes nothing.
    await page.getByRole('link', { name: 'Site search' }).click();
    await page.getByText('Delete this component…').click();
    await page.getByLabel('Type "Site search" to confirm').fill('Site');
    await page.getByRole('button', { name: 'Delete component' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Nothing was deleted');
    expect(await publicLayout()).toContain('Website & API: Website, Public API, Site search, Dashboard');
    await page.getByLabel('Type "Site search" to confirm').fill('Site search');
    await page.getByRole('button', { name: 'Delete component' }).click();
    await page.waitForURL(/\/admin\/components\?deleted=component$/);
    await expect.poll(publicLayout).toContain('Website & API: Website, Public API, Dashboard');

    // Deleting the group keeps its components, at the end of the top level.
    await page.getByRole('link', { name: 'Edge' }).click();
    await page.getByText('Delete this group…').click();
    await page.getByLabel('Type "Edge" to confirm').fill('Edge');
    await page.getByRole('button', { name: 'Delete group' }).click();
    await page.waitForURL(/\/admin\/components\?deleted=group$/);
    expect((await publicLayout()).slice(-2)).toEqual(['CDN', 'Authentication']);

    const audit = await page.goto(`${fixture.server.url}/admin/audit`);
    expect(audit?.status()).toBe(200);
    for (const summary of ['Added component "Search"', 'Moved component "Search" up', 'Added group "Edge"', 'Deleted component "Site search"', 'Deleted group "Edge"']) {
      await expect.poll(() => page.getByText(summary).count()).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('an owner correcting the record', () => {
  it('backfills a past incident into the uptime bars, then edits and deletes its updates', async () => {
    const page = await fixture.browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await logIn(page);
    await page.goto(`${fixture.server.url}/admin/incidents/new`);
    await page.getByRole('link', { name: 'Backfill a past incident' }).click();

    // Three days ago, 01:00–07:00 UTC (the demo page's zone): a quarter of that day down.
    const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Title').fill('Object storage outage overnight');
    await page.getByLabel('Impact').selectOption('major');
    // The end before the start: refused, with the field named.
    await page.getByLabel('Started (Etc/UTC)').fill(`${day}T07:00`);
    await page.getByLabel('Resolved (Etc/UTC)').fill(`${day}T01:00`);
    await page.getByLabel('Object storage', { exact: true }).selectOption('major_outage');
    await page.getByRole('button', { name: 'Add to the history' }).click();
    await expect.poll(() => page.locator('#resolvedAt-error').textContent()).toBe('The end must be after the start.');
    // What was entered is still there to fix.
    expect(await page.getByLabel('Object storage', { exact: true }).inputValue()).toBe('major_outage');
    expect(await page.getByLabel('Title').inputValue()).toBe('Object storage outage overnight');
    await page.getByLabel('Started (Etc/UTC)').fill(`${day}T01:00`);
    await page.getByLabel('Resolved (Etc/UTC)').fill(`${day}T07:00`);
    await page.getByLabel('What happened').fill('Uploads failed for **six hours**.');
    await page.getByRole('button', { name: 'Add to the history' }).click();
    await page.waitForURL((url) => /\/admin\/incidents\/\w+$/.test(url.pathname) && !url.pathname.endsWith('/backfill'));
    const incidentId = page.url().split('/').at(-1)!;

    const publicIncident = async () => (await (await fetch(`${fixture.server.url}/api/v2/incidents.json`)).json()).incidents.find((entry: { id: string }) => entry.id === incidentId);
    await expect.poll(publicIncident).toMatchObject({ components: [{ name: 'Object storage' }], status: 'resolved', started_at: `${day}T01:00:00.000Z`, resolved_at: `${day}T07:00:00.000Z` });
    const storage = (await (await fetch(`${fixture.server.url}/api/v2/components.json`)).json()).components.find((entry: { name: string }) => entry.name === 'Object storage');
    expect(storage.status).toBe('operational');
    // The public page's uptime bar for Object storage shows that day as a major outage.
    const front = await fixture.browser.newPage();
    await front.goto(`${fixture.server.url}/`);
    const outageDay = front.getByRole('list', { name: /^Object storage: uptime/ }).locator('li.c-mo', { hasText: 'Incident: Object storage outage overnight' });
    expect(await outageDay.textContent()).toMatch(/75(\.0+)?% uptime · Major outage/);
    await front.close();

    // Correct the update's wording and time: a second update is needed before one can be deleted.
    await page.getByText('Edit or delete').click();
    expect(await page.getByText('The only update cannot be deleted').count()).toBe(1);
    await page.getByLabel('Message', { exact: true }).fill('Uploads failed for six hours after a disk filled up.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved. Visitors see the corrected update.' }).count()).toBe(1);
    await expect.poll(async () => (await publicIncident()).incident_updates[0].body).toBe('Uploads failed for six hours after a disk filled up.');
    await page.getByLabel('Status', { exact: true }).selectOption('postmortem');
    await page.getByLabel('Message to visitors').fill('Postmortem: the disk alert was muted.');
    await page.getByRole('button', { name: 'Post update' }).click();
    await expect.poll(() => page.locator('h2#timeline + ol > li').count()).toBe(2);

    // Delete the postmortem again: the box must be ticked.
    const newest = page.locator('h2#timeline + ol > li').first();
    await newest.getByText('Edit or delete').click();
    await newest.getByLabel('Delete this update for good').check();
    await newest.getByRole('button', { name: 'Delete update' }).click();
    await expect.poll(() => page.locator('h2#timeline + ol > li').count()).toBe(1);
    const incidentPage = await (await fetch(`${fixture.server.url}/incidents/${incidentId}`)).text();
    expect(incidentPage).not.toContain('the disk alert was muted');
    expect(incidentPage).toContain('after a disk filled up');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('an owner with their own incident template', () => {
  it('copies the 502 template, adds their support address, and opens an incident from it', async () => {
    const page = await fixture.browser.newPage();
    await logIn(page);
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('listitem').filter({ hasText: '502 Bad Gateway' }).getByRole('link', { name: 'Copy to edit' }).click();
    const form = page.getByRole('region', { name: 'New template from "502 Bad Gateway"' });
    expect(await form.getByLabel('Template name').inputValue()).toBe('502 Bad Gateway (ours)');
    const body = form.getByLabel('Message to visitors');
    await body.fill(`${await body.inputValue()}\n\nWrite to help@acme.test if it lasts.`);
    await form.getByRole('button', { name: 'Add template' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Saved "502 Bad Gateway (ours)"');

    await page.goto(`${fixture.server.url}/admin/incidents/new`);
    await page.getByRole('navigation', { name: 'Templates' }).getByRole('link', { name: '502 Bad Gateway (ours)' }).click();
    expect(await page.getByLabel('Message to visitors').inputValue()).toContain('help@acme.test');
    expect(await page.getByLabel('Impact').inputValue()).toBe('major');
    await page.getByRole('button', { name: 'Publish incident' }).click();
    await page.waitForURL((url) => /\/admin\/incidents\/\w+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
    await expect.poll(async () => (await (await fetch(`${fixture.server.url}/api/v2/incidents/unresolved.json`)).json()).incidents.map((entry: { incident_updates: { body: string }[] }) => entry.incident_updates[0].body).join()).toContain('help@acme.test');
    await page.close();
  }, 60_000);
});

