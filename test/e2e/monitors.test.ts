// An operator in real Chromium adds an HTTP monitor to a component of the demo page; the service
// behind it starts answering 502 and then recovers; the public page, the v2 JSON and the component's
// badge show the outage and then the recovery, with nobody touching the admin in between.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, useAdminServer } from '../helpers/admin-server';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '../helpers/databases';
import { seriousFindings } from '../helpers/axe';
import { startUpstream, type Upstream } from '../helpers/upstream';

const admin = useAdminServer('monitors');
let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream?.stop());

const publicJson = async (path: string) => (await fetch(`${admin.server.url}${path}`)).json();
const componentStatus = async (name: string) => (await publicJson('/api/v2/components.json')).components.find((component: { name: string }) => component.name === name)?.status;
const badgeText = async (id: string) => (await fetch(`${admin.server.url}/badge/${id}.svg`)).text();

describe('monitors in the admin', () => {
  it('an operator adds a monitor; a 502 shows on the page, the JSON and the badge, and so does the recovery', async () => {
    const page = await admin.browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await logIn(page, admin.server.url);

    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Monitors' }).click();
    await page.waitForURL(`${admin.server.url}/admin/monitors`);
    await page.getByRole('link', { name: /^HTTP\(S\)/ }).click();
    await page.waitForURL(/\/admin\/monitors\/new\?kind=http$/);

    // Refused without a URL: the field says why, what was typed stays.
    await page.getByLabel('Name', { exact: true }).fill('Website health');
    await page.getByLabel('Component', { exact: true }).selectOption({ label: 'Website & API › Website' });
    await page.getByRole('button', { name: 'Add monitor' }).click();
    await expect.poll(() => page.locator('#monitor-url-error').textContent()).toMatch(/^The URL must be an http/);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Website health');

    upstream.set({ kind: 'status', status: 200, body: 'ok' });
    await page.getByLabel('URL', { exact: true }).fill(`${upstream.url}/health`);
    await page.getByLabel('Check every (seconds)').fill('10');
    await page.getByLabel('Timeout (seconds)').fill('2');
    await page.getByLabel('Failures in a row before down').fill('1');
    await page.getByLabel('Successes in a row before up again').fill('1');
    await page.getByRole('button', { name: 'Add monitor' }).click();
    await page.waitForURL(/\/admin\/monitors\/[a-z0-9]+\?added=1$/);
    const url = new URL(page.url());
    const monitorId = url.pathname.split('/').pop()!;
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/Added\. Its first check runs now\./);

    // Check now: the result with its timings, in words.
    const checkNow = page.locator('form').filter({ has: page.getByRole('button', { name: 'Check now' }) });
    await checkNow.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(async () => (await checkNow.getByRole('status').textContent().catch(() => '')) ?? '').toMatch(/^Passed: answered 200 in \d+ ms Timings: connect \d+ ms, first byte \d+ ms, total \d+ ms\. The monitor says up\./);
    const websiteId = (await publicJson('/api/v2/components.json')).components.find((component: { name: string }) => component.name === 'Website').id;
    expect(await componentStatus('Website')).toBe('operational');

    // The service behind the gateway fails: at its next check (within 10 s) the page says so.
    upstream.set({ kind: 'status', status: 502, body: '<html>502 Bad Gateway</html>' });
    await expect.poll(() => componentStatus('Website'), { timeout: 40_000, interval: 500 }).toBe('major_outage');
    expect(await badgeText(websiteId)).toMatch(/major outage/i);
    const front = await (await fetch(`${admin.server.url}/`)).text();
    expect(front).toMatch(/Website<\/h[34]>.*?Major outage/s);

    await page.goto(`${admin.server.url}/admin/monitors/${monitorId}`);
    expect(await page.getByRole('heading', { name: 'Website health' }).isVisible()).toBe(true);
    const checks = page.getByRole('table');
    expect(await checks.getByText('502 Bad Gateway').first().isVisible()).toBe(true);
    expect(await checks.getByText(/gateway or proxy in front of the service got no valid answer/).first().isVisible()).toBe(true);
    const audit = await (await fetch(`${admin.server.url}/admin/audit`, { headers: { cookie: (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') } })).text();
    expect(audit).toMatch(/Monitor &quot;Website health&quot;|Monitor "Website health"/);

    // It recovers: one passing check brings the component back.
    upstream.set({ kind: 'status', status: 200, body: 'ok' });
    await expect.poll(() => componentStatus('Website'), { timeout: 30_000, interval: 500 }).toBe('operational');
    expect(await badgeText(websiteId)).toMatch(/operational/i);

    expect(await seriousFindings(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});

// Every monitor action of the admin, in Chromium, on each database: add (a TCP monitor), check now,
// edit, pause, resume and delete, each showing what it did.
describe.each(PROVIDERS)('monitor actions on %s', (provider) => {
  let database: TestDatabase | undefined;
  const fixture = useAdminServer(`monitor-actions-${provider}`, async (): Promise<Record<string, string>> => {
    if (provider === 'sqlite') return {};
    database = await createTestDatabase('postgresql');
    return { DATABASE_URL: database.url };
  });
  afterAll(() => database?.drop());

  it('adds, checks, edits, pauses, resumes and deletes a monitor', async () => {
    const page = await fixture.browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await logIn(page, fixture.server.url);
    await page.goto(`${fixture.server.url}/admin/monitors/new?kind=tcp`);
    await page.getByLabel('Name', { exact: true }).fill('Database port');
    await page.getByLabel('Host').fill('127.0.0.1');
    await page.getByLabel('Port').fill(String(upstream.port));
    await page.getByLabel('Check every (seconds)').fill('3600');
    await page.getByRole('button', { name: 'Add monitor' }).click();
    await page.waitForURL(/\/admin\/monitors\/[a-z0-9]+\?added=1$/);

    const formOf = (button: string) => page.locator('form').filter({ has: page.getByRole('button', { name: button }) });
    await formOf('Check now').getByRole('button', { name: 'Check now' }).click();
    await expect.poll(async () => (await formOf('Check now').getByRole('status').textContent().catch(() => '')) ?? '').toMatch(/^Passed: port \d+ open/);

    const settings = formOf('Save monitor');
    await settings.getByLabel('Name', { exact: true }).fill('Primary database port');
    await settings.getByRole('button', { name: 'Save monitor' }).click();
    await expect.poll(async () => (await settings.getByRole('status').textContent().catch(() => '')) ?? '').toBe('Saved "Primary database port".');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Primary database port');

    await formOf('Pause').getByRole('button', { name: 'Pause' }).click();
    await expect.poll(async () => (await formOf('Resume').getByRole('status').textContent().catch(() => '')) ?? '').toMatch(/^Paused "Primary database port"/);
    await formOf('Resume').getByRole('button', { name: 'Resume' }).click();
    await expect.poll(async () => (await formOf('Pause').getByRole('status').textContent().catch(() => '')) ?? '').toMatch(/^Resumed "Primary database port"/);

    const removal = formOf('Delete monitor');
    await removal.getByRole('button', { name: 'Delete monitor' }).click();
    await expect.poll(async () => (await removal.getByRole('alert').textContent().catch(() => '')) ?? '').toBe('Nothing was deleted: type "Primary database port" to confirm.');
    await removal.getByLabel(/^Type “Primary database port”/).fill('Primary database port');
    await removal.getByRole('button', { name: 'Delete monitor' }).click();
    await page.waitForURL(`${fixture.server.url}/admin/monitors?deleted=1`);
    expect(await page.getByText('The monitor was deleted; the status history it made stays.').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows the proxy’s error pages and what they say now, read from this database', async () => {
    const page = await fixture.browser.newPage();
    await logIn(page, fixture.server.url);
    await page.goto(`${fixture.server.url}/admin/error-pages`);
    // The demo page's open incident, as the pages say it.
    const now = 'The team knows about it: Elevated 502 Bad Gateway errors on the Public API.';
    expect(await page.getByText('Right now they say:').textContent()).toContain(now);
    expect(await page.locator('[data-proxy="nginx"]').textContent()).toContain('alias /var/lib/gatewatch/error-pages/;');
    const served = await fetch(`${fixture.server.url}/errors/503.html`);
    expect(served.status).toBe(200);
    // Shown at another site's address: nobody on the way keeps it.
    expect(served.headers.get('cache-control')).toBe('no-store');
    expect(await served.text()).toContain(now);
    await page.close();
  });
});
