// An operator in real Chromium: sets up the owner on a fresh install, logs in, posts a 502
// incident from the template, resolves it, and the public page follows each step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { setStatusOnDashboard } from '../helpers/admin-server';
import { launchChromium } from '../helpers/browser';
import { migratedSqliteUrl } from '../helpers/databases';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-operator-'));
let server: GatewatchProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startGatewatch({
    env: { DATABASE_URL: migratedSqliteUrl(path.join(dir, 'gatewatch.db')), SNAPSHOT_PATH: path.join(dir, 'snapshot.json'), AUTH_SECRET_PATH: path.join(dir, 'auth-secret') },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const publicText = async (path: string) => (await fetch(`${server.url}${path}`)).text();

async function resolveDemoIncident(page: Page) {
  // The demo page opens with an incident of its own; close it so the new one is the only one.
  await page.goto(`${server.url}/admin`);
  await page.getByRole('link', { name: 'Elevated 502 Bad Gateway errors on the Public API' }).click();
  // The form starts at the current status: a note never moves the incident on by itself.
  const status = page.getByLabel('Status', { exact: true });
  expect(await status.inputValue()).toBe('identified');
  expect(await page.getByLabel('Public API', { exact: true }).inputValue()).toBe('keep');
  // Choosing resolved preselects the way back for its components (listed first).
  await status.selectOption('resolved');
  await expect.poll(() => page.getByLabel('Public API', { exact: true }).inputValue()).toBe('operational');
  expect(await page.getByLabel('Webhooks', { exact: true }).inputValue()).toBe('operational');
  // Without a message it is refused, naming the field; the focus and what was typed stay.
  await page.getByRole('button', { name: 'Post update' }).click();
  await expect.poll(() => page.locator('#body-error').textContent()).toMatch(/^The message is required/);
  await page.getByLabel('Message to visitors').fill('Error rates are back to normal.');
  await page.getByRole('button', { name: 'Post update' }).click();
  await expect.poll(() => page.locator('h2#timeline + ol > li').count()).toBe(4);
}

describe('an operator', () => {
  it('sets up the owner, logs in, posts a 502 incident from the template and resolves it', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(`${server.url}/admin`);
    await page.waitForURL(/\/admin\/setup$/);
    await page.getByLabel('Your name').fill('Ada Operator');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create the owner account' }).click();
    // The browser's own check stops a short password before it is sent.
    expect(await page.getByLabel('Password').evaluate((input) => (input as HTMLInputElement).validity.valid)).toBe(false);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create the owner account' }).click();
    await page.waitForURL(/\/admin$/);
    expect(await page.getByText('Ada Operator · Owner').count()).toBe(1);

    // Log out, then back in (a wrong password first).
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/admin\/login$/);
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('not my password');
    await page.getByRole('button', { name: 'Log in' }).click();
    expect(await page.locator('form [role="alert"]').textContent()).toBe('Wrong email or password.');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/admin$/);

    await resolveDemoIncident(page);
    await expect.poll(() => publicText('/'), { timeout: 5_000 }).not.toContain('Active incidents');

    // The 502 template, with the Website in a major outage.
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: '502 Bad Gateway' }).first().click();
    await page.waitForURL(/template=502-bad-gateway/);
    expect(await page.getByLabel('Message to visitors').inputValue()).toContain('Clear your browser cache, or try another browser or device');
    await page.getByLabel('Website', { exact: true }).selectOption('major_outage');
    await page.getByRole('button', { name: 'Publish incident' }).click();
    await page.waitForURL(/\/admin\/incidents\/[a-z0-9]{12}$/);
    const incidentPath = new URL(page.url()).pathname.replace('/admin', '');
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/admin-incident.png', fullPage: true });

    await expect.poll(() => publicText('/'), { timeout: 5_000 }).toContain('Some requests fail with &quot;502 Bad Gateway&quot;');
    const summary = await (await fetch(`${server.url}/api/v2/summary.json`)).json();
    expect(summary.incidents[0]).toMatchObject({ name: 'Some requests fail with "502 Bad Gateway"', impact: 'major', status: 'investigating' });
    expect(summary.components.find((component: { name: string }) => component.name === 'Website').status).toBe('major_outage');
    expect(await publicText(incidentPath)).toContain('try another browser or device');

    // Identified, then resolved with the Website operational again.
    await page.getByLabel('Status', { exact: true }).selectOption('identified');
    await page.getByLabel('Message to visitors').fill('A bad deploy of our gateway. We are rolling it back.');
    await page.getByRole('button', { name: 'Post update' }).click();
    await expect.poll(() => publicText(incidentPath), { timeout: 5_000 }).toContain('A bad deploy of our gateway.');
    await expect.poll(() => page.locator('h2#timeline + ol > li').count()).toBe(2);
    await page.getByLabel('Status', { exact: true }).selectOption('resolved');
    await page.getByLabel('Message to visitors').fill('The rollback is complete; everything works again.');
    await page.getByLabel('Website', { exact: true }).selectOption('operational');
    await page.getByRole('button', { name: 'Post update' }).click();
    await expect.poll(async () => (await (await fetch(`${server.url}/api/v2/summary.json`)).json()).incidents.length, { timeout: 5_000 }).toBe(0);
    const after = await (await fetch(`${server.url}/api/v2/summary.json`)).json();
    expect(after.status.indicator).toBe('none');
    expect(await publicText('/')).toContain('All Systems Operational');
    expect(await publicText(incidentPath)).toContain('The rollback is complete');

    // A component's status from the dashboard: pick it, Set.
    await page.goto(`${server.url}/admin`);
    const cdn = await setStatusOnDashboard(page, 'CDN', 'degraded_performance');
    await expect.poll(() => cdn.getByRole('status').textContent()).toBe('CDN is now shown as degraded performance.');
    await expect.poll(async () => (await (await fetch(`${server.url}/api/v2/components.json`)).json()).components.find((c: { name: string }) => c.name === 'CDN').status, { timeout: 5_000 }).toBe('degraded_performance');

    // Maintenance scheduled to have started a minute ago starts on its own (the server checks every 15 s).
    const wallClock = (ms: number) => new Date(ms).toISOString().slice(0, 16); // the demo page is in UTC
    await page.getByRole('link', { name: 'Schedule maintenance' }).click();
    await page.getByLabel('Title').fill('CDN cache upgrade');
    await page.getByLabel('Starts (Etc/UTC)').fill(wallClock(Date.now() - 60_000));
    await page.getByLabel('Ends (Etc/UTC)').fill(wallClock(Date.now() + 3_600_000));
    await page.getByLabel('Message to visitors').fill('Downloads may be slower for a few minutes.');
    await page.getByRole('checkbox', { name: 'CDN' }).check();
    await page.getByRole('button', { name: 'Schedule maintenance' }).click();
    await page.waitForURL(/\/admin\/incidents\/[a-z0-9]{12}$/);
    await expect
      .poll(async () => (await (await fetch(`${server.url}/api/v2/scheduled-maintenances/active.json`)).json()).scheduled_maintenances.map((m: { name: string }) => m.name), { timeout: 25_000, interval: 1000 })
      .toEqual(['CDN cache upgrade']);
    const components = (await (await fetch(`${server.url}/api/v2/components.json`)).json()).components;
    expect(components.find((component: { name: string }) => component.name === 'CDN').status).toBe('under_maintenance');

    // An API key from the admin UI works against the API once, and not after it is revoked.
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name').fill('deploy-bot');
    await page.getByRole('checkbox', { name: /^incidents/ }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-api-key').textContent())!;
    const pageId = (await (await fetch(`${server.url}/api/v2/status.json`)).json()).page.id;
    const open = () =>
      fetch(`${server.url}/api/v1/pages/${pageId}/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ incident: { name: 'Opened by a script' } }),
      });
    expect((await open()).status).toBe(201);
    await page.reload();
    await page.getByText('Revoke…').click();
    await page.getByRole('button', { name: 'Revoke deploy-bot now' }).click();
    await expect.poll(async () => (await open()).status, { timeout: 5_000 }).toBe(401);

    // The audit log tells who did what.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('What').selectOption('api_key');
    await page.getByRole('button', { name: 'Filter' }).click();
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows).toEqual([expect.stringContaining('Revoked API key "deploy-bot"'), expect.stringContaining('Created API key "deploy-bot"')]);
    expect(rows[0]).toContain('Ada Operator');

    // The owner adds a viewer, who can look but not change anything.
    await page.getByRole('link', { name: 'Operators' }).click();
    await page.getByLabel('Name').fill('Vic Viewer');
    await page.getByLabel('Email').fill('vic@example.com');
    await page.getByLabel('Initial password').fill('viewer password 1');
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Add operator' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Added Vic Viewer');
    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    await viewer.goto(`${server.url}/admin/login`);
    await viewer.getByLabel('Email').fill('vic@example.com');
    await viewer.getByLabel('Password').fill('viewer password 1');
    await viewer.getByRole('button', { name: 'Log in' }).click();
    await viewer.waitForURL(/\/admin$/);
    expect(await viewer.getByText('Vic Viewer · Viewer').count()).toBe(1);
    expect(await viewer.locator('form[aria-label^="Set the status of"]').count()).toBe(0);
    // Forms a viewer could not submit are not offered: a notice says why.
    expect(await viewer.getByRole('link', { name: 'New incident' }).count()).toBe(0);
    await viewer.goto(`${server.url}/admin/incidents/new`);
    expect(await viewer.getByRole('note').textContent()).toContain('Viewers cannot change anything');
    expect(await viewer.getByRole('button', { name: 'Publish incident' }).count()).toBe(0);

    // The owner disables the viewer: signed out at once, and told why at the next log-in.
    await page.goto(`${server.url}/admin/operators`);
    await page.getByRole('button', { name: 'Disable Vic Viewer' }).click();
    await expect.poll(() => page.getByRole('listitem', { name: 'Vic Viewer' }).getByRole('status').textContent()).toContain('Disabled Vic Viewer');
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/admin-operators.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: 'test-results/admin-operators-phone.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    await viewer.goto(`${server.url}/admin`);
    await viewer.waitForURL(/\/admin\/login$/);
    await viewer.getByLabel('Email').fill('vic@example.com');
    await viewer.getByLabel('Password').fill('viewer password 1');
    await viewer.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => viewer.locator('form [role="alert"]').textContent()).toBe('This account is disabled; ask an owner or admin.');
    await viewerContext.close();

    // Enabled again as an editor, then removed after confirming; the owner herself cannot be touched.
    await page.getByRole('button', { name: 'Enable Vic Viewer' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Disable Vic Viewer' }).count()).toBe(1);
    await page.getByLabel('Role of Vic Viewer').selectOption('editor');
    await page.getByRole('listitem', { name: 'Vic Viewer' }).getByRole('button', { name: 'Change role' }).click();
    await expect.poll(() => page.getByRole('listitem', { name: 'Vic Viewer' }).getByRole('status').textContent()).toContain('viewer → editor');
    expect(await page.getByRole('listitem', { name: 'Ada Operator' }).getByRole('button').count()).toBe(0);
    await page.getByRole('listitem', { name: 'Vic Viewer' }).getByText('Remove…').click();
    await page.getByRole('button', { name: 'Remove Vic Viewer now' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Removed Vic Viewer <vic@example.com>.');
    expect(await page.getByRole('listitem', { name: 'Vic Viewer' }).count()).toBe(0);

    // And changes her own password.
    await page.getByRole('link', { name: 'Ada Operator · Owner' }).click();
    await page.getByLabel('Current password').fill('correct horse battery staple');
    await page.getByLabel('New password').fill('a new battery staple');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Your password is changed');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('a new battery staple');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/admin$/);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('publishes the API reference and its OpenAPI document', async () => {
    const document = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/pages/{page_id}/incidents');
    const page = await browser.newPage();
    await page.goto(`${server.url}/docs/api`);
    expect(await page.locator('h1').textContent()).toBe('Gatewatch admin API');
    expect(await page.getByRole('region', { name: 'POST /pages/{page_id}/incidents' }).locator('td', { hasText: 'impact_override' }).count()).toBe(1);
    await page.close();
  });

  it('keeps the admin pages to operators', async () => {
    const response = await fetch(`${server.url}/admin`, { redirect: 'manual' });
    expect(response.status).toBeGreaterThanOrEqual(300);
    expect(response.status).toBeLessThan(400);
    expect(response.headers.get('location')).toMatch(/\/admin\/login$/);
  });
});
