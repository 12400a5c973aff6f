// Behind a reverse proxy that rewrites Host (nginx's proxy_pass without proxy_set_header Host), the
// admin forms still work when PUBLIC_URL names the address operators use.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@/scripts/lib/gatewatch-process';
import { logIn, setStatusOnDashboard, useAdminServer } from '../helpers/admin-server';

let proxy: http.Server;
let proxyPort: number;
// "localhost" for visitors, "127.0.0.1" for Gatewatch: the Host differs, as behind such a proxy.
let publicUrl: string;
const fixture = useAdminServer('proxy', async () => {
  proxyPort = await freePort();
  publicUrl = `http://localhost:${proxyPort}`;
  return { PUBLIC_URL: publicUrl };
});

beforeAll(async () => {
  const upstream = new URL(fixture.server.url);
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
});

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
});

describe('behind a Host-rewriting proxy', () => {
  it('logs in and posts a component status through the admin forms', async () => {
    const page = await fixture.browser.newPage();
    await logIn(page, publicUrl);
    await setStatusOnDashboard(page, 'CDN', 'major_outage');
    await expect.poll(async () => (await (await fetch(`${fixture.server.url}/api/v2/components.json`)).json()).components.find((entry: { name: string }) => entry.name === 'CDN').status).toBe('major_outage');
    await page.close();
  }, 60_000);
});
