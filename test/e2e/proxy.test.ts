// Behind a reverse proxy that rewrites Host (nginx's proxy_pass without proxy_set_header Host), the
// admin forms still work when PUBLIC_URL names the address operators use.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { launchChromium } from '../helpers/browser';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatewatch-proxy-'));
let server: GatewatchProcess;
let proxy: http.Server;
let publicUrl: string;
let browser: Browser;

beforeAll(async () => {
  const proxyPort = await freePort();
  // "localhost" for visitors, "127.0.0.1" for Gatewatch: the Host differs, as behind such a proxy.
  publicUrl = `http://localhost:${proxyPort}`;
  server = await startGatewatch({
    env: {
      DATABASE_URL: `file:${path.join(dir, 'gatewatch.db')}`,
      SNAPSHOT_PATH: path.join(dir, 'snapshot.json'),
      AUTH_SECRET_PATH: path.join(dir, 'auth-secret'),
      ADMIN_EMAIL: 'owner@example.com',
      ADMIN_PASSWORD: 'correct horse battery staple',
      PUBLIC_URL: publicUrl,
    },
  });
  const upstream = new URL(server.url);
  proxy = http.createServer((request, response) => {
    const forwarded = http.request(
      { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.on('error', () => response.writeHead(502).end());
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));
  expect((proxy.address() as AddressInfo).port).toBe(proxyPort);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('behind a Host-rewriting proxy', () => {
  it('logs in and posts a component status through the admin forms', async () => {
    const page = await browser.newPage();
    await page.goto(`${publicUrl}/admin/login`);
    await page.getByLabel('Email').fill('owner@example.com');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${publicUrl}/admin`);
    await page.getByRole('form', { name: 'Set the status of CDN' }).getByRole('button', { name: 'Major outage' }).click();
    await expect.poll(async () => (await (await fetch(`${server.url}/api/v2/components.json`)).json()).components.find((entry: { name: string }) => entry.name === 'CDN').status).toBe('major_outage');
    await page.close();
  }, 60_000);
});
