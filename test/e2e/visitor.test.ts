// A visitor in real Chromium against the production build served by the custom server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createComponent, setComponentStatus } from '@/lib/components/manage-components';
import { createDb } from '@/lib/db/client';
import { formatUptime } from '@/lib/status/uptime';
import { dayKey, formatShortDay, startOfDay } from '@/lib/time';
import { startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { launchChromium } from '../helpers/browser';
import { migratedSqliteUrl } from '../helpers/databases';

let server: GatewatchProcess;
let BASE: string;
let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-e2e-'));

beforeAll(async () => {
  server = await startGatewatch({
    env: { DATABASE_URL: migratedSqliteUrl(path.join(dir, 'gatewatch.db')), SNAPSHOT_PATH: path.join(dir, 'snapshot.json') },
  });
  BASE = server.url;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a visitor', () => {
  it('reads the status page, opens the active incident and the history', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    const response = await page.goto(`${BASE}/`);
    expect(response!.status()).toBe(200);
    expect(await page.title()).toBe('Gatewatch Demo Status');
    await expect.poll(() => page.locator('#overall-status').textContent()).toBe('Partial System Outage');
    const active = page.locator('section[aria-labelledby="active-incidents"]');
    expect(await active.locator('h3').first().textContent()).toBe('Elevated 502 Bad Gateway errors on the Public API');
    // Every showcased component has a 90-day bar with readable day details.
    expect(await page.locator('ol.ub').count()).toBe(9);
    expect(await page.locator('ol.ub .tip').first().textContent()).toMatch(/No data|uptime/);

    await active.getByRole('link', { name: 'Elevated 502 Bad Gateway errors on the Public API' }).click();
    await page.waitForURL(/\/incidents\/[a-z0-9]{12}$/);
    expect(await page.locator('h1').textContent()).toBe('Elevated 502 Bad Gateway errors on the Public API');
    const updates = page.locator('section[aria-labelledby="updates"] ol > li');
    expect(await updates.count()).toBe(3);
    expect(await updates.first().textContent()).toContain('Identified');
    const affected = (await page.locator('section[aria-labelledby="affected"] li').allTextContents()).sort();
    expect(affected).toEqual([expect.stringContaining('Public API'), expect.stringContaining('Webhooks')]);

    await page.getByRole('link', { name: '← Incident history' }).click();
    await page.waitForURL(/\/history$/);
    expect(await page.locator('h1').textContent()).toBe('Incident history');
    expect(await page.locator('main h2').count()).toBe(3);
    // Paginated back to the first incident, 84 days ago.
    for (let pages = 1; (await page.getByRole('link', { name: 'Older →' }).count()) > 0 && pages < 10; pages++) {
      await page.getByRole('link', { name: 'Older →' }).click();
      await page.waitForURL(new RegExp(`page=${pages + 1}$`));
    }
    expect(await page.locator('main').textContent()).toContain('Dashboard login failures');
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/history-oldest.png', fullPage: true });
    // No script errors and no Content-Security-Policy violations on the way.
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('gets the pages and the JSON from memory, with ETags and 304s', async () => {
    for (const url of ['/', '/api/v2/summary.json']) {
      const first = await fetch(`${BASE}${url}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toContain('s-maxage');
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"/);
      const again = await fetch(`${BASE}${url}`, { headers: { 'if-none-match': etag, 'accept-encoding': 'gzip' } });
      expect(again.status).toBe(304);
    }
    // Plain HTML: nothing on the public pages needs JavaScript, so none is sent.
    const front = await fetch(`${BASE}/`);
    expect(front.headers.get('content-security-policy')).toContain("script-src 'none'");
    const html = await front.text();
    expect(html).not.toContain('<script');
    expect(html).toMatch(/<link rel="stylesheet" href="\/_next\/static\/[^"]+\.css"/);
    const summary = await fetch(`${BASE}/api/v2/summary.json`);
    expect(summary.headers.get('access-control-allow-origin')).toBe('*');
    expect((await summary.json()).status.indicator).toBe('major');
    expect((await fetch(`${BASE}/api/v2/nope.json`)).status).toBe(404);
    expect((await fetch(`${BASE}/incidents/doesnotexist`)).status).toBe(404);
    expect((await fetch(`${BASE}/readyz`)).status).toBe(200);
  });
});

describe('a component added minutes ago', () => {
  it('shows its uptime over today so far and since when, on the page and in its badge', async () => {
    // Written by another process, as the command line would: the server hears of it and rebuilds.
    const db = createDb(`file:${path.join(dir, 'gatewatch.db')}`);
    const written = Date.now();
    const created = new Date(written - 160_000);
    try {
      const search = await createComponent(db, { name: 'Search' }, SYSTEM_ACTOR, created);
      // 28 seconds down, over a minute before now: whole in the server's minute-rounded count.
      await setComponentStatus(db, { componentId: search.id, status: 'major_outage' }, SYSTEM_ACTOR, new Date(written - 150_000));
      await setComponentStatus(db, { componentId: search.id, status: 'operational' }, SYSTEM_ACTOR, new Date(written - 122_000));
    } finally {
      await db.$disconnect();
    }
    const timeZone = (await (await fetch(`${BASE}/api/v2/summary.json`)).json()).page.time_zone;
    const firstDay = dayKey(created, timeZone);
    // Counted from the midnight of its first day (not from when it was added) to the server's minute.
    const figureAt = (time: number) => formatUptime(1 - 28_000 / (Math.floor(time / 60_000) * 60_000 - startOfDay(firstDay, timeZone).getTime()));

    const page = await browser.newPage();
    const bar = page.getByRole('list', { name: 'Search: uptime over the last 90 days' });
    await expect.poll(async () => (await page.goto(`${BASE}/`), bar.count()), { timeout: 10_000 }).toBe(1);
    const caption = (await bar.locator('xpath=following-sibling::p[1]/span[2]').textContent())!;
    const percent = (text: string) => Number(/^(\d+(?:\.\d+)?)%/.exec(text)?.[1]);
    // Built between the write and now: the figure lies between what those two minutes give.
    expect(percent(caption), caption).toBeGreaterThanOrEqual(percent(figureAt(written)));
    expect(percent(caption), caption).toBeLessThanOrEqual(percent(figureAt(Date.now())));
    expect(caption).toMatch(new RegExp(`^\\d+\\.\\d\\d% uptime since ${formatShortDay(firstDay)}$`));
    // Days before it was added are drawn as no data.
    expect(await bar.locator('li.c-nd').count()).toBeGreaterThan(0);
    await page.close();

    const badge = await (await fetch(`${BASE}/badge/search/uptime.json?days=30`)).json();
    expect(badge.label).toBe('uptime');
    expect(badge.message).toBe(caption.replace(' uptime', ''));
  }, 60_000);
});
