// Page settings in real Chromium: the owner renames the page, picks an accent colour (a too-light
// one first) and a time zone, and the public page follows; a viewer sees the settings read-only.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addOperator, logIn as logInAt, OWNER, useAdminServer } from '../helpers/admin-server';

const fixture = useAdminServer('settings');
beforeAll(() => {
  fs.mkdirSync('test-results', { recursive: true });
});

const publicText = async (path: string) => (await fetch(`${fixture.server.url}${path}`)).text();

const logIn = (page: Page, account: { email: string; password: string }) => logInAt(page, fixture.server.url, account);

describe('page settings', () => {
  it('lets the owner rename the page and pick a readable accent colour; the public page follows', async () => {
    const page = await fixture.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await logIn(page, OWNER);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(/\/admin\/settings$/);
    expect(await page.getByLabel('Page name').inputValue()).toBe('Gatewatch Demo');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Etc/UTC');

    // A yellow too light to read: refused with the reason, the rest of the form kept as typed.
    await page.getByLabel('Page name').fill('Acme Status');
    await page.getByLabel('Accent colour (optional)').fill('#fc0');
    expect(await page.locator('#accentColor-hint').textContent()).toMatch(/too light for links/);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('#accentColor-error').textContent()).toMatch(/too light to read as link colour .*at least 4\.5:1/);
    expect(await page.getByLabel('Page name').inputValue()).toBe('Acme Status');
    expect(await page.getByLabel('Accent colour (optional)').getAttribute('aria-invalid')).toBe('true');
    expect((await (await fetch(`${fixture.server.url}/api/v2/status.json`)).json()).page.name).toBe('Gatewatch Demo');

    // The suggested darker shade, a time zone, and saved from the keyboard.
    await page.getByRole('button', { name: /^Use #[0-9a-f]{6} instead$/ }).click();
    const accent = await page.getByLabel('Accent colour (optional)').inputValue();
    expect(accent).toMatch(/^#[0-9a-f]{6}$/);
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByLabel('Page name').press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved');
    expect(await page.getByLabel('Accent colour (optional)').inputValue()).toBe(accent);
    await page.screenshot({ path: 'test-results/admin-settings.png', fullPage: true });

    await expect.poll(() => publicText('/'), { timeout: 5_000 }).toContain('Acme Status');
    const summary = await (await fetch(`${fixture.server.url}/api/v2/summary.json`)).json();
    expect(summary.page).toMatchObject({ name: 'Acme Status', time_zone: 'Europe/Berlin' });
    const visitor = await fixture.browser.newPage();
    await visitor.goto(`${fixture.server.url}/`);
    expect(await visitor.title()).toBe('Acme Status Status');
    expect(await visitor.getByText('Times in Europe/Berlin').count()).toBe(1);
    // The accent colours the page's name and links, lightened in dark mode.
    const color = (selector: string) => visitor.locator(selector).first().evaluate((element) => getComputedStyle(element).color);
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16)).join(', ')})`;
    expect(await color('header a[href="/"]')).toBe(rgb(accent));
    await visitor.emulateMedia({ colorScheme: 'dark' });
    const dark = await color('header a[href="/"]');
    expect(dark).not.toBe(rgb(accent));
    await visitor.screenshot({ path: 'test-results/public-accent-dark.png' });
    await visitor.close();

    // On a phone, in dark mode.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await page.screenshot({ path: 'test-results/admin-settings-phone-dark.png', fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows a viewer the settings without a form', async () => {
    const owner = await fixture.browser.newPage();
    await logIn(owner, OWNER);
    await addOperator(owner, fixture.server.url, { name: 'Vic Viewer', email: 'vic@example.com', password: 'viewer password 1', role: 'viewer' });
    await owner.close();

    const context = await fixture.browser.newContext();
    const viewer = await context.newPage();
    await logIn(viewer, { email: 'vic@example.com', password: 'viewer password 1' });
    await viewer.goto(`${fixture.server.url}/admin/settings`);
    expect(await viewer.getByRole('region', { name: 'Page settings' }).getByText('Acme Status').count()).toBe(1);
    expect(await viewer.locator('main input, main select, main button').count()).toBe(0);
    expect(await viewer.getByText('Only owners and admins change the page settings.').count()).toBe(1);
    await context.close();
  }, 30_000);
});
