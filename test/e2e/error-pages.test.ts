// The error pages at the proxy, end to end: Gatewatch's command writes them to a folder; Debian's
// nginx, Caddy and HAProxy, configured with the snippets the admin gives, stand in front of an app
// that is stopped or answers 502 itself; a visitor's Chromium gets the error's status with
// Gatewatch's page, live from summary.json where it runs, and from disk with Gatewatch stopped. A
// deploy window opened and finished from the command line shows on the page and the error pages.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import { createApiKey } from '@/lib/api-keys/api-keys';
import { createDb, type Db } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { caddyConfig, haproxyConfig, nginxConfig } from '@/lib/error-pages/proxy-config';
import { seedDemo } from '@/lib/seed/demo';
import { freePort, startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { json, send } from '../helpers/admin-api';
import { logIn, OWNER } from '../helpers/admin-server';
import { seriousFindings } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { startNginx, type Nginx } from '../helpers/nginx';
import { startCaddy, startHaproxy, type ProxyProcess } from '../helpers/proxies';
import { startUpstream, type Upstream } from '../helpers/upstream';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** `npm run gatewatch -- args` on the test's database; resolves with its exit code and what it printed. */
function cli(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/gatewatch.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'silent' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

describe('error pages at the proxy', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-error-pages-'));
  const pages = path.join(dir, 'pages');
  /** Where the server itself keeps them (ERROR_PAGES_DIR). */
  const served = path.join(dir, 'served');
  const env = { DATABASE_URL: `file:${path.join(dir, 'gatewatch.db')}`, SNAPSHOT_PATH: path.join(dir, 'snapshot.json'), AUTH_SECRET_PATH: path.join(dir, 'auth-secret') };
  let db: Db;
  let gatewatch: GatewatchProcess;
  let key: string;
  let pageId: string;
  let failing: Upstream;
  let stoppedPort: number;
  let nginx: Nginx;
  let caddy: ProxyProcess;
  let haproxy: ProxyProcess;
  /** As an operator reloads HAProxy: it reads the errorfiles again. */
  let reloadHaproxy: () => Promise<void>;
  /** The sites each proxy serves: its app stopped, and its app answering 502 itself. */
  const sites: Record<'nginx' | 'caddy' | 'haproxy', { stopped: string; failing: string }> = {} as never;
  let browser: Browser;
  let watcher: ChildProcess | undefined;

  const api = (method: string, route: string, body?: unknown) => send(gatewatch.url, method, `/api/v1/pages/${pageId}${route}`, { key, body: body === undefined ? undefined : json(body) });
  const websiteId = async () => (await db.component.findFirstOrThrow({ where: { name: 'Website' } })).id;
  const file = (name: string, folder = pages) => (fs.existsSync(path.join(folder, name)) ? fs.readFileSync(path.join(folder, name), 'utf8') : '');

  beforeAll(async () => {
    // A quiet demo page: its components and nothing going on.
    await applyMigrations(env.DATABASE_URL);
    db = createDb(env.DATABASE_URL);
    const port = await freePort();
    await seedDemo(db, { pageUrl: `http://127.0.0.1:${port}` });
    await db.incident.deleteMany({});
    await db.component.updateMany({ data: { status: 'operational' } });
    pageId = (await db.page.findFirstOrThrow()).id;
    key = (await createApiKey(db, { name: 'test', scopes: ['admin'] }, SYSTEM_ACTOR)).key;
    gatewatch = await startGatewatch({ port, env: { ...env, DEMO_SEED: 'never', PUBLIC_URL: `http://127.0.0.1:${port}`, ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password, ERROR_PAGES_DIR: served } });

    // The files first: HAProxy reads its errorfiles when it starts.
    const written = await cli(['error-pages', '--out', pages, '--from', gatewatch.url], env).done;
    expect(written.code, written.stderr).toBe(0);

    failing = await startUpstream();
    failing.set({ kind: 'status', status: 502, body: 'the app says 502', type: 'text/plain' });
    stoppedPort = await freePort();
    const app = (upstream: number) => ({ dir: pages, upstream: `127.0.0.1:${upstream}`, statusUrl: gatewatch.url });

    const [n1, n2, c1, c2, h1, h2] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
    nginx = await startNginx(
      [[n1, stoppedPort], [n2, failing.port]].map(([listen, upstream]) => `server {\n  listen 127.0.0.1:${listen};\n${nginxConfig(app(upstream))}\n}`).join('\n'),
      [n1, n2],
    );
    caddy = await startCaddy([[c1, stoppedPort], [c2, failing.port]].map(([listen, upstream]) => `http://127.0.0.1:${listen} {\n${caddyConfig(app(upstream))}\n}`).join('\n'), [c1, c2]);
    // The admin's HAProxy snippet, in a whole haproxy.cfg: its errorfile lines in the defaults, its backend as given.
    const [errorfiles, backend] = haproxyConfig(app(failing.port)).split('\n\n');
    const haproxyCfg =
      `defaults\n    mode http\n    timeout connect 2s\n    timeout client 10s\n    timeout server 5s\n${errorfiles}\n` +
      `frontend stopped\n    bind 127.0.0.1:${h1}\n    default_backend stopped\nbackend stopped\n    server app1 127.0.0.1:${stoppedPort}\n` +
      `frontend failing\n    bind 127.0.0.1:${h2}\n    default_backend app\n${backend}\n`;
    reloadHaproxy = async () => {
      await haproxy?.stop();
      haproxy = await startHaproxy(haproxyCfg, [h1, h2]);
    };
    await reloadHaproxy();
    Object.assign(sites, {
      nginx: { stopped: `http://127.0.0.1:${n1}/checkout`, failing: `http://127.0.0.1:${n2}/checkout` },
      caddy: { stopped: `http://127.0.0.1:${c1}/checkout`, failing: `http://127.0.0.1:${c2}/checkout` },
      haproxy: { stopped: `http://127.0.0.1:${h1}/checkout`, failing: `http://127.0.0.1:${h2}/checkout` },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    watcher?.kill('SIGTERM');
    await browser?.close();
    await Promise.all([nginx?.stop(), caddy?.stop(), haproxy?.stop(), failing?.stop(), gatewatch?.stop()]);
    await db?.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The page a visitor gets at `url`: its status and what the status box says once it settles. */
  async function visit(context: BrowserContext, url: string) {
    const page = await context.newPage();
    const response = await page.goto(url);
    return { page, status: response!.status(), title: await page.title(), live: page.locator('#gw-live') };
  }

  it('writes the pages with a command: small enough for HAProxy, with nothing to fetch', async () => {
    expect(fs.readdirSync(pages).sort()).toEqual(['502.html', '502.http', '503.html', '503.http', '504.html', '504.http']);
    for (const code of [502, 503, 504]) {
      const raw = file(`${code}.http`);
      // HAProxy refuses an errorfile larger than its buffer (16 KB with the headers).
      expect(Buffer.byteLength(raw)).toBeLessThan(16_384);
      expect(raw.startsWith(`HTTP/1.1 ${code} `)).toBe(true);
      expect(raw.endsWith(file(`${code}.html`))).toBe(true);
      // No file, font or image from elsewhere: only links a visitor may follow.
      expect(file(`${code}.html`)).not.toMatch(/<(link|img)[^>]+(href|src)="(https?:)?\/\//);
      expect(file(`${code}.html`)).not.toMatch(/url\(|@import|<script[^>]+src=/);
    }
    expect(file('502.html')).toContain('The status page shows all systems operational.');
    // The server wrote the same pages into ERROR_PAGES_DIR.
    expect(fs.readdirSync(served).sort()).toEqual(fs.readdirSync(pages).sort());
    expect(file('503.http', served)).toBe(file('503.http'));
  });

  it('updates a page written earlier from the live summary when an incident opens', async () => {
    const opened = await api('POST', '/incidents', { incident: { name: 'Checkout errors', status: 'investigating', body: 'Orders fail with 502; we are on it.', components: { [await websiteId()]: 'major_outage' } } });
    expect(opened.status).toBe(201);
    // The server rewrites its folder as soon as the snapshot changes.
    await expect.poll(() => file('502.html', served)).toContain('The team knows about it: Checkout errors.');
    const context = await browser.newContext();
    const { page, status, live } = await visit(context, sites.nginx.stopped);
    expect(status).toBe(502);
    // The file still says all is well; the script reads summary.json from Gatewatch (another origin) and says what is going on.
    await expect.poll(() => live.textContent()).toContain('The team knows about it: Checkout errors.');
    expect(await live.textContent()).toContain('Investigating at');
    expect(await page.locator('#gw-as-of').textContent()).toMatch(/^Checked live at /);
    expect(await seriousFindings(page)).toEqual([]);
    await context.close();
    // Dark, on a phone: still nothing serious for axe.
    const dark = await browser.newContext({ colorScheme: 'dark', viewport: { width: 390, height: 844 } });
    const { page: phone } = await visit(dark, sites.haproxy.failing);
    expect(await seriousFindings(phone)).toEqual([]);
    await dark.close();
  });

  it('nginx, Caddy and HAProxy show the page with the incident, with the error status, for their own errors and the app’s', async () => {
    // The command keeps the files current.
    watcher = cli(['error-pages', '--out', pages, '--from', gatewatch.url, '--watch', '--interval', '1'], env).child;
    await expect.poll(() => file('502.html')).toContain('The team knows about it: Checkout errors.');
    await reloadHaproxy();
    // Without scripts: what the file itself says.
    const context = await browser.newContext({ javaScriptEnabled: false });
    for (const [proxy, { stopped, failing: app }] of Object.entries(sites)) {
      for (const [url, code] of [[stopped, proxy === 'haproxy' ? 503 : 502], [app, 502]] as const) {
        const { page, status, title, live } = await visit(context, url);
        expect(status, `${proxy} ${url}`).toBe(code);
        expect(title, proxy).toBe(`${code} ${code === 502 ? 'Bad Gateway' : 'Service Unavailable'} · Gatewatch Demo`);
        expect(await live.textContent(), proxy).toContain('The team knows about it: Checkout errors.');
        expect(await page.getByRole('link', { name: 'See the status page' }).getAttribute('href')).toBe(`${gatewatch.url}/`);
        await page.close();
      }
    }
    // The app was asked, and its own 502 body never reached the visitor.
    expect(failing.requests.length).toBeGreaterThan(0);
    await context.close();
  });

  it('opens and finishes a deploy window from the command line: the page and the error pages say so', async () => {
    const incidentsBefore = await db.incident.count();
    const bad = await cli(['deploy', 'start', '--components', 'website', '--minutes', 'ten', '--name', 'Deploy v1.4'], env).done;
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('--minutes must be a whole number of minutes.');
    const unknown = await cli(['deploy', 'start', '--components', 'website,billing', '--minutes', '10', '--name', 'Deploy v1.4'], env).done;
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe('There is no component or group called "billing".');
    expect(await db.incident.count()).toBe(incidentsBefore);

    const started = await cli(['deploy', 'start', '--components', 'website', '--minutes', '10', '--name', 'Deploy v1.4'], env).done;
    expect(started.code, started.stderr).toBe(0);
    const id = started.stdout.trim();
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).deploy).toBe(true);
    // The running server hears of the command's write.
    await expect.poll(async () => (await send(gatewatch.url, 'GET', '/')).text()).toContain('Deploy v1.4');
    await expect.poll(() => file('502.html')).toContain('A deploy is in progress: Deploy v1.4.');
    const context = await browser.newContext();
    const { status, live } = await visit(context, sites.caddy.stopped);
    expect(status).toBe(502);
    await expect.poll(() => live.textContent()).toContain('A deploy is in progress: Deploy v1.4. It should be over by');

    const finished = await cli(['deploy', 'finish', '--id', id], env).done;
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stderr.trim()).toBe('Finished the deploy "Deploy v1.4".');
    await expect.poll(() => file('502.html')).not.toContain('A deploy is in progress');
    expect((await db.component.findFirstOrThrow({ where: { name: 'Website' } })).status).toBe('major_outage');
    await context.close();
  });

  it('the admin shows the pages and gives each proxy its configuration, with the folder filled in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, gatewatch.url);
    await page.goto(`${gatewatch.url}/admin/error-pages`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Error pages');
    expect(await page.getByText('Right now they say:').textContent()).toContain('The team knows about it: Checkout errors.');
    const fillIn = async (dir: string, upstream: string) => {
      await page.getByLabel("Folder on the proxy's machine").fill(dir);
      await page.getByLabel('Your app, as the proxy reaches it').fill(upstream);
      await Promise.all([page.waitForURL(/dir=/), page.getByRole('button', { name: 'Fill in' }).click()]);
    };
    await fillIn('/srv/status pages', 'app:3000');
    expect(await page.locator('main [role="alert"]').textContent()).toMatch(/^The folder must be a full path/);
    await fillIn('/srv/status-pages', 'app:3000');
    const snippet = (proxy: string) => page.locator(`[data-proxy="${proxy}"]`).textContent();
    expect(await snippet('nginx')).toContain('alias /srv/status-pages/;');
    expect(await snippet('nginx')).toContain('proxy_pass http://app:3000;');
    expect(await snippet('caddy')).toContain('root * /srv/status-pages');
    expect(await snippet('haproxy')).toContain('errorfile 502 /srv/status-pages/502.http');
    expect(await snippet('traefik')).toContain(`url: "${gatewatch.url}"`);
    expect(await seriousFindings(page)).toEqual([]);
    await context.close();
  });

  it('still shows the pages from disk with Gatewatch itself stopped', async () => {
    watcher?.kill('SIGTERM');
    await gatewatch.stop();
    const context = await browser.newContext();
    for (const url of [sites.nginx.failing, sites.caddy.stopped, sites.haproxy.failing]) {
      const { page, status, live } = await visit(context, url);
      expect(status, url).toBe(502);
      expect(await live.textContent()).toContain('The team knows about it: Checkout errors.');
      // The live check fails quietly: the page keeps the time its copy was written.
      await page.waitForLoadState('networkidle');
      expect(await page.locator('#gw-as-of').textContent()).toMatch(/^As of /);
      await page.close();
    }
    await context.close();
  });
});
