// What a script or an attacker sends that no page of ours would, over HTTP against the production
// server: each gets a 4xx that says what is wrong, never a 500, and the log names what happened.
import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDemoServer } from '../helpers/demo-server';

const demo = useDemoServer('bad-requests');

const api = (pathname: string, init: RequestInit = {}) =>
  fetch(`${demo.server.url}/api/v1/pages/${demo.pageId}${pathname}`, { ...init, headers: { authorization: `Bearer ${demo.key}`, ...init.headers } });

describe('the admin API', () => {
  it('refuses bodies nested thousands deep with 400, as JSON and as a bracket form', async () => {
    const deepJson = `{"incident":${'['.repeat(4000)}${']'.repeat(4000)}}`;
    const deepForm = `incident${'[a]'.repeat(4000)}=x`;
    const before = await demo.db.incident.count();
    for (const [type, body] of [['application/json', deepJson], ['application/x-www-form-urlencoded', deepForm]]) {
      const response = await api('/incidents', { method: 'POST', headers: { 'content-type': type }, body });
      expect(response.status, type).toBe(400);
      expect((await response.json()).error.code).toBe('too_deep');
    }
    expect(await demo.db.incident.count()).toBe(before);
  });

  it('answers another method with a JSON 405 and Allow, and an unknown path with a JSON 404', async () => {
    const refused = await api('/incidents', { method: 'DELETE' });
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect((await refused.json()).error.code).toBe('method_not_allowed');
    const options = await api('/incidents', { method: 'OPTIONS' });
    expect([options.status, options.headers.get('allow')]).toEqual([204, 'GET, HEAD, POST, OPTIONS']);
    for (const path of ['/api/v1', '/api/v1/nothing/here']) {
      for (const method of ['GET', 'POST']) {
        const unknown = await fetch(`${demo.server.url}${path}`, { method });
        expect(unknown.status, `${method} ${path}`).toBe(404);
        expect((await unknown.json()).error.code).toBe('not_found');
      }
    }
  });

  it('logs a client that hangs up mid-body as that, not as the database being down', async () => {
    const url = new URL(demo.server.url);
    const socket = net.connect(Number(url.port), url.hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/v1/pages/${demo.pageId}/incidents HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${demo.key}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"incident":`,
    );
    // Time for the server to start reading the body; closing earlier would be logged the same way.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    socket.destroy();
    await expect.poll(() => demo.server.output(), { timeout: 15_000 }).toContain('the client closed the connection before sending the whole body');
    expect(demo.server.output()).not.toContain('database unavailable');
  });
});

describe('the admin forms (server actions)', () => {
  let actionId: string;
  beforeAll(async () => {
    const html = await (await fetch(`${demo.server.url}/admin/setup`)).text();
    actionId = /&quot;id&quot;:&quot;([0-9a-f]{10,})&quot;/.exec(html)![1];
  });

  const post = (headers: Record<string, string>, body: string) =>
    fetch(`${demo.server.url}/admin/setup`, { method: 'POST', headers: { 'next-action': actionId, ...headers }, body });
  const multipart = (fields: Record<string, string>) =>
    Object.entries(fields).map(([name, value]) => `--x\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') + '--x--\r\n';

  it('refuses a post from another site with 403, and no operator is made', async () => {
    const response = await post({ origin: 'https://evil.example', 'content-type': 'multipart/form-data; boundary=x' }, multipart({ '1_name': 'Mallory', '1_email': 'm@evil.example', '1_password': 'long enough password', '0': '[{},"$K1"]' }));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('sent from another site');
    expect(await demo.db.user.count()).toBe(0);
  });

  it('refuses a body that is not a form (415), one that is cut or garbled (400), and a form argument that is not one (404)', async () => {
    const origin = { origin: demo.server.url };
    expect((await post({ ...origin, 'content-type': 'application/xml' }, '<form/>')).status).toBe(415);
    expect((await post({ ...origin, 'content-type': 'text/plain;charset=UTF-8' }, '[{')).status).toBe(400);
    expect((await post({ ...origin, 'content-type': 'multipart/form-data; boundary=x' }, '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\nunfinished')).status).toBe(400);
    expect((await post({ ...origin, 'content-type': 'multipart/form-data; boundary=x' }, multipart({ '0': 'not JSON at all' }))).status).toBe(400);
    expect((await post({ ...origin, 'content-type': 'text/plain;charset=UTF-8' }, `${'['.repeat(100_000)}${']'.repeat(100_000)}`)).status).toBe(400);
    expect((await post({ ...origin, 'content-type': 'multipart/form-data; boundary=x' }, multipart({ '0': '[{},"not a form"]' }))).status).toBe(404);
    expect(await demo.db.user.count()).toBe(0);
    expect(demo.server.output()).not.toMatch(/"level":"error"/);
  });
});

describe('addresses', () => {
  it('refuse a NUL character in the path with 400 (PostgreSQL would refuse it as an id)', async () => {
    for (const pathname of ['/admin/incidents/a%00b', '/admin/components/x%00', '/docs/api%00']) {
      const response = await fetch(`${demo.server.url}${pathname}`);
      expect(response.status, pathname).toBe(400);
    }
  });
});

describe('the pages Next renders', () => {
  it('allow only their own scripts, marked with a fresh nonce (the admin and the API reference)', async () => {
    const nonces = new Set<string>();
    for (const pathname of ['/admin/setup', '/docs/api', '/admin/setup']) {
      const response = await fetch(`${demo.server.url}${pathname}`);
      const policy = response.headers.get('content-security-policy') ?? '';
      const nonce = /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(policy)?.[1];
      expect(nonce, `${pathname}: ${policy}`).toBeDefined();
      expect(policy).toContain("frame-ancestors 'self'");
      nonces.add(nonce!);
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script, pathname).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(3);
  });
});
