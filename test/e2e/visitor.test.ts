// A visitor in real Chromium against the production build served by the custom server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { launchChromium } from '../helpers/browser';

let server: GatewatchProcess;
let BASE: string;
let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-e2e-'));

beforeAll(async () => {
  server = await startGatewatch({
    env: { DATABASE_URL: `file:${path.join(dir, 'gatewatch.db')}`, SNAPSHOT_PATH: path.join(dir, 'snapshot.json') },
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
