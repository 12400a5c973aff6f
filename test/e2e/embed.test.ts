// Embedding in real Chromium: a host page on another origin shows the notice during an incident and
// nothing once it is resolved; badges and the framed view over HTTP from the production server.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createDb, type Db } from '@/lib/db/client';
import { postIncidentUpdate } from '@/lib/incidents/post-update';
import { startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { launchChromium } from '../helpers/browser';
import { migratedSqliteUrl } from '../helpers/databases';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-embed-'));
const databaseUrl = migratedSqliteUrl(path.join(dir, 'gatewatch.db'));
let server: GatewatchProcess;
let hostSite: http.Server;
let hostUrl: string;
let browser: Browser;
let db: Db;

beforeAll(async () => {
  server = await startGatewatch({
    env: { DATABASE_URL: databaseUrl, SNAPSHOT_PATH: path.join(dir, 'snapshot.json') },
  });
  db = createDb(databaseUrl);
  // Someone else's site: another origin, its own aggressive CSS that must not reach the notice.
  hostSite = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>Shop</title><style>* { color: magenta !important; font-size: 40px; } p { display: none; }</style></head>
      <body><h1>Welcome to the shop</h1><script src="${server.url}/embed.js" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => hostSite.listen(0, 'localhost', resolve));
  hostUrl = `http://localhost:${(hostSite.address() as AddressInfo).port}/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  hostSite?.close();
  await db?.$disconnect();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the embed script on another site', () => {
  it('shows a dismissible notice during the incident and nothing once it is resolved', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(hostUrl);
    const notice = page.locator('gatewatch-status section[role="status"]');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.locator('.name').textContent()).toBe('Elevated 502 Bad Gateway errors on the Public API');
    expect(await notice.locator('.kind').textContent()).toBe('Incident · Identified');
    const link = notice.getByRole('link', { name: 'View status' });
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${server.url}/incidents/[a-z0-9]{12}$`));
    // The host's CSS does not reach inside: its text is not magenta and its paragraphs are shown.
    expect(await notice.locator('.name').evaluate((element) => getComputedStyle(element).color)).not.toBe('rgb(255, 0, 255)');
    expect(await notice.locator('.name').isVisible()).toBe(true);
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/embed-notice.png' });

    // Dismissed, it stays away on the next page view.
    await notice.getByRole('button', { name: 'Dismiss status notice' }).click();
    expect(await page.locator('gatewatch-status').count()).toBe(0);
    await page.reload();
    await page.waitForTimeout(1500);
    expect(await page.locator('gatewatch-status').count()).toBe(0);

    // A new visitor sees it; after the incident is resolved, nobody does.
    const context = await browser.newContext();
    const visitor = await context.newPage();
    await visitor.goto(hostUrl);
    await visitor.locator('gatewatch-status section').waitFor({ timeout: 10_000 });
    const incident = await db.incident.findFirstOrThrow({ where: { status: 'identified' } });
    await postIncidentUpdate(db, incident.id, { status: 'resolved', body: 'Fixed.' }, SYSTEM_ACTOR);
    await expect
      .poll(async () => (await (await fetch(`${server.url}/api/v2/summary.json`)).json()).incidents.length, { timeout: 5_000 })
      .toBe(0);
    await visitor.reload();
    await visitor.waitForTimeout(1500);
    expect(await visitor.locator('gatewatch-status').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
    await page.close();
  }, 60_000);
});

describe('badges, feeds and the frame over HTTP', () => {
  it('serves badges from memory as SVG with ETags, 304s and cache headers', async () => {
    const first = await fetch(`${server.url}/badge/public-api.svg`, { headers: { 'accept-encoding': 'br' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(first.headers.get('cache-control')).toMatch(/max-age=60.*stale-if-error/);
    const etag = first.headers.get('etag')!;
    expect((await fetch(`${server.url}/badge/public-api.svg`, { headers: { 'if-none-match': etag, 'accept-encoding': 'br' } })).status).toBe(304);
    const unknown = await fetch(`${server.url}/badge/nope.svg`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('unknown');
    expect((await fetch(`${server.url}/badge.svg?style=nope`)).status).toBe(400);
  });

  it('lets any site frame /embed/frame, and no other page', async () => {
    const frame = await fetch(`${server.url}/embed/frame`);
    expect(frame.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(frame.headers.get('x-frame-options')).toBeNull();
    const front = await fetch(`${server.url}/`);
    expect(front.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(front.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    // Also what Next answers itself (here a client navigation's RSC request).
    const rsc = await fetch(`${server.url}/history`, { headers: { rsc: '1' } });
    expect(rsc.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('shows the snippets page with every badge loading', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/embed`);
    expect(await page.locator('h1').textContent()).toBe('Embed Gatewatch Demo status');
    const images = page.locator('main img');
    expect(await images.count()).toBeGreaterThan(10);
    await page.waitForLoadState('load');
    const broken = await images.evaluateAll((list) => list.filter((image) => !(image as HTMLImageElement).naturalWidth).length);
    expect(broken).toBe(0);
    expect(await page.locator('code', { hasText: '/embed.js" async></script>' }).count()).toBe(1);
    await page.close();
  });
});
