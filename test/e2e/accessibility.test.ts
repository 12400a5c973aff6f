// Accessibility in real Chromium against the production server, light and dark: axe-core finds
// nothing serious or critical on the public pages, the dashboard and the incident forms; the first
// Tab stop skips to the content; a form's outcome gets the focus; the dashboard and /embed fit a
// phone; each embed snippet has a Copy button that works under the page's own CSP.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, systemActor } from '@/lib/access/permissions';
import { setComponentStatus } from '@/lib/components/manage-components';
import { createDb, type Db } from '@/lib/db/client';
import { createIncident } from '@/lib/incidents/create-incident';
import { postIncidentUpdate } from '@/lib/incidents/post-update';
import type { ComponentStatus } from '@/lib/schemas/status';
import { logIn, useAdminServer } from '../helpers/admin-server';
import { seriousFindings } from '../helpers/axe';
import { migratedSqliteUrl } from '../helpers/databases';
import { createMonitor } from '@/lib/monitors/manage-monitors';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-a11y-'));
const databaseUrl = migratedSqliteUrl(path.join(dir, 'gatewatch.db'));
// Registered first, so it runs last: after the server has stopped.
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const fixture = useAdminServer('a11y', { DATABASE_URL: databaseUrl });
const SCHEMES = ['light', 'dark'] as const;
const PHONE = { width: 390, height: 844 };
let db: Db;

beforeAll(async () => {
  db = createDb(databaseUrl);
});

afterAll(async () => {
  await db?.$disconnect();
});

/** Sets a demo component's status, as a monitor or the API would. */
async function setStatus(name: string, status: ComponentStatus) {
  const component = await db.component.findFirstOrThrow({ where: { name } });
  await setComponentStatus(db, { componentId: component.id, status }, systemActor('Accessibility test'));
}

/** The page's overall status as the public page shows it, once the server has rebuilt it. */
async function waitForOverallStatus(page: Page, description: string) {
  const front = `${fixture.server.url}/`;
  await expect
    .poll(
      async () => {
        // The page may be cached for 10 s (max-age): going to it again would show the cached copy
        // until then, where a reload asks the server, as a visitor's reload does.
        if (page.url() === front) await page.reload();
        else await page.goto(front);
        return page.locator('#overall-status').textContent();
      },
      { timeout: 10_000 },
    )
    .toBe(description);
}

/** A logged-in browser context in one colour scheme. */
async function adminContext(colorScheme: (typeof SCHEMES)[number], options: Parameters<typeof fixture.browser.newContext>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await fixture.browser.newContext({ colorScheme, ...options });
  const page = await context.newPage();
  await logIn(page, fixture.server.url);
  return { context, page };
}

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('accessibility', () => {
  it('axe-core finds nothing serious or critical on the public pages, the dashboard and the incident forms, light and dark', async () => {
    // Beside the demo's partial outage and degraded component, the other colours: a major outage
    // and a component under maintenance (the page as a whole is then in a major outage).
    await setStatus('Website', 'major_outage');
    await setStatus('CDN', 'under_maintenance');
    const incident = await db.incident.findFirstOrThrow({ where: { kind: 'incident', resolvedAt: null } });
    const maintenance = await db.incident.findFirstOrThrow({ where: { kind: 'maintenance' } });
    const website = await db.component.findFirstOrThrow({ where: { name: 'Website' } });
    // A port nobody listens on: its checks fail, so the monitor page shows failures and their words.
    const monitor = await createMonitor(db, { name: 'Website port', componentId: website.id, kind: 'tcp', settings: { host: '127.0.0.1', port: 1 }, intervalSeconds: 3600 }, SYSTEM_ACTOR);
    const findings: Record<string, string[]> = {};
    for (const scheme of SCHEMES) {
      const { context, page } = await adminContext(scheme);
      await waitForOverallStatus(page, 'Major Service Outage');
      const paths = [
        '/',
        '/history',
        `/incidents/${incident.id}`,
        `/incidents/${maintenance.id}`,
        '/embed',
        '/admin',
        '/admin/incidents/new',
        `/admin/incidents/${incident.id}`,
        '/admin/maintenance/new',
        '/admin/monitors',
        '/admin/monitors/new?kind=http',
        '/admin/monitors/new?kind=alert',
        `/admin/monitors/${monitor.id}`,
      ];
      for (const at of paths) {
        await page.goto(`${fixture.server.url}${at}`, { waitUntil: 'load' });
        const found = await seriousFindings(page);
        if (found.length) findings[`${scheme} ${at}`] = found;
      }
      // Every impact's and status's colours on the incident list of the history, and on the phone's narrower layout.
      await page.setViewportSize(PHONE);
      for (const at of ['/', '/admin', `/admin/monitors/${monitor.id}`]) {
        await page.goto(`${fixture.server.url}${at}`, { waitUntil: 'load' });
        const found = await seriousFindings(page);
        if (found.length) findings[`${scheme} ${at} on a phone`] = found;
      }
      await context.close();
    }
    expect(findings).toEqual({});
  }, 180_000);

  it('the status banner reads well in each overall status, light and dark', async () => {
    const incident = await db.incident.findFirstOrThrow({ where: { kind: 'incident', resolvedAt: null } });
    await postIncidentUpdate(db, incident.id, { status: 'resolved', body: 'Fixed.' }, SYSTEM_ACTOR);
    for (const component of await db.component.findMany()) {
      if (component.status !== 'operational') await setComponentStatus(db, { componentId: component.id, status: 'operational' }, systemActor('Accessibility test'));
    }
    const states: [ComponentStatus, string][] = [
      ['operational', 'All Systems Operational'],
      ['under_maintenance', 'Service Under Maintenance'],
      ['degraded_performance', 'Minor Service Outage'],
      ['partial_outage', 'Partial System Outage'],
      ['major_outage', 'Major Service Outage'],
    ];
    const contexts = await Promise.all(SCHEMES.map((colorScheme) => fixture.browser.newContext({ colorScheme })));
    const pages = await Promise.all(contexts.map((context) => context.newPage()));
    const findings: Record<string, string[]> = {};
    for (const [status, description] of states) {
      await setStatus('Website', status);
      for (const [index, page] of pages.entries()) {
        await waitForOverallStatus(page, description);
        const found = await seriousFindings(page, 'section[aria-labelledby="overall-status"]');
        if (found.length) findings[`${SCHEMES[index]}: ${description}`] = found;
      }
    }
    await Promise.all(contexts.map((context) => context.close()));
    expect(findings).toEqual({});
  }, 120_000);

  it('starts the admin and the public pages with a skip link to the content', async () => {
    const { context, page } = await adminContext('light');
    for (const at of ['/admin', '/admin/incidents/new', '/']) {
      await page.goto(`${fixture.server.url}${at}`);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const box = element.getBoundingClientRect();
        return { text: element.textContent, visible: box.width > 1 && box.height > 1 && box.top >= 0 };
      });
      expect(first, at).toEqual({ text: 'Skip to content', visible: true });
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.tagName), at).toBe('MAIN');
      // The next Tab stop is in the content, not in the header.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main'))), at).toBe(true);
    }
    await context.close();
  });

  it('brings the focus to what a submit did: the refusal, or the notice', async () => {
    const { context, page } = await adminContext('light');
    const focused = () => page.evaluate(() => ({ role: document.activeElement?.getAttribute('role'), text: document.activeElement?.textContent }));

    // Refused by the server: the end is before the start.
    await page.goto(`${fixture.server.url}/admin/maintenance/new`);
    await page.getByLabel('Title').fill('Backwards window');
    await page.getByLabel('Starts (Etc/UTC)').fill('2030-01-01T12:00');
    await page.getByLabel('Ends (Etc/UTC)').fill('2030-01-01T11:00');
    await page.getByLabel('Message to visitors').fill('Nothing.');
    await page.getByRole('button', { name: 'Schedule maintenance' }).press('Enter');
    await expect.poll(focused).toEqual({ role: 'alert', text: 'The end must be after the start.' });
    // The same refusal again is announced and focused again.
    await page.getByRole('button', { name: 'Schedule maintenance' }).press('Enter');
    await expect.poll(focused).toEqual({ role: 'alert', text: 'The end must be after the start.' });

    // A status set from the dashboard says so where the focus is.
    await page.goto(`${fixture.server.url}/admin`);
    const form = page.getByRole('form', { name: 'Set the status of Email notifications' });
    await form.getByLabel('New status of Email notifications').selectOption('degraded_performance');
    await form.getByRole('button', { name: 'Set the status of Email notifications' }).press('Enter');
    await expect.poll(focused).toEqual({ role: 'status', text: 'Email notifications is now shown as degraded performance.' });

    // A posted update draws its form afresh: the focus goes to the page's heading, not to nothing.
    const maintenance = await db.incident.findFirstOrThrow({ where: { kind: 'maintenance' } });
    await page.goto(`${fixture.server.url}/admin/incidents/${maintenance.id}`);
    const postUpdate = page.locator('section[aria-labelledby="post-update"]');
    await postUpdate.getByLabel('Message to visitors').fill('Still on for Tuesday.');
    await postUpdate.getByRole('button', { name: 'Post update' }).press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 3))).toBe('<h1');
    expect(await page.locator('main h1').textContent()).toBe(maintenance.name);
    await context.close();
  });

  it('fits the dashboard and /embed on a phone, without sideways scrolling', async () => {
    const { context, page } = await adminContext('light', { viewport: PHONE });
    await page.goto(`${fixture.server.url}/admin`);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    // The tester's phone showed 2,450 px of wrapped status buttons (rows of 170 px); now a component
    // is its name and status (two lines at most) and its status select under them.
    const rows = page.locator('section[aria-labelledby="components"] li');
    expect(await rows.count()).toBe(9);
    for (const height of await rows.evaluateAll((list) => list.map((row) => row.getBoundingClientRect().height))) expect(height).toBeLessThan(130);
    await page.goto(`${fixture.server.url}/embed`);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('copies each embed snippet with its own button, under the page’s CSP', async () => {
    const context = await fixture.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${fixture.server.url}/embed`);
    const snippets = page.locator('main figure');
    expect(await snippets.count()).toBeGreaterThan(3);
    expect(await page.getByRole('button', { name: /^Copy/ }).count()).toBe(await snippets.count());
    for (const index of [0, (await snippets.count()) - 1]) {
      const snippet = snippets.nth(index);
      await snippet.getByRole('button', { name: /^Copy/ }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(await snippet.locator('pre').textContent());
      await expect.poll(() => snippet.getByRole('status').textContent()).toBe('Copied');
    }
    expect(problems).toEqual([]);
    await context.close();

    // Without JavaScript there is no dead button; the snippets are still there to select.
    const plain = await fixture.browser.newContext({ javaScriptEnabled: false });
    const still = await plain.newPage();
    await still.goto(`${fixture.server.url}/embed`);
    expect(await still.getByRole('button', { name: /^Copy/ }).count()).toBe(0);
    expect(await still.locator('main pre code').count()).toBeGreaterThan(3);
    await plain.close();
  });

  it('keeps the compact status view current in place, without the reload that would move a reader', async () => {
    const context = await fixture.browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${fixture.server.url}/embed/frame`);
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    await page.evaluate(() => Object.assign(window, { loadedOnce: true }));
    expect(await page.getByText('Search is slow').count()).toBe(0);
    await createIncident(db, { name: 'Search is slow', status: 'investigating', impact: 'minor', body: 'Looking into it.' }, SYSTEM_ACTOR);
    await expect.poll(async () => (await fetch(`${fixture.server.url}/embed/frame`)).text(), { timeout: 10_000 }).toContain('Search is slow');
    // The page's own minute passes on the page's clock, not the test's.
    await page.clock.runFor(60_000);
    await expect.poll(() => page.getByRole('link', { name: 'Search is slow' }).count()).toBe(1);
    expect(await page.evaluate(() => 'loadedOnce' in window)).toBe(true);
    await context.close();
  });
});
