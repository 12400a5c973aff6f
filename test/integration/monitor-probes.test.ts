// One check against real failures on this machine: a local service answering 502, 503 and 504,
// hanging, closing the connection, answering slowly or with the wrong body; a port nobody listens
// on; a TLS server with an expired self-signed certificate; a name that does not resolve; and
// Debian's nginx in front of a stopped service, so the 502 is nginx's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURES } from '@/lib/monitors/failures';
import { probeHttp, probeTcp } from '@/lib/monitors/probes';
import { httpSettingsSchema } from '@/lib/monitors/settings';
import { PROXY_HEADERS, startNginx, type Nginx } from '../helpers/nginx';
import { closedPort, selfSignedCertificate, startUpstream, type Upstream } from '../helpers/upstream';
import { freePort } from '@/scripts/lib/gatewatch-process';

const http = (settings: Record<string, unknown>) => httpSettingsSchema.parse(settings);
const DAY = 86_400_000;

describe('HTTP and TCP checks against real failures', () => {
  let upstream: Upstream;
  beforeAll(async () => {
    upstream = await startUpstream();
  });
  afterAll(() => upstream.stop());

  it('passes on an expected status and times the answer', async () => {
    upstream.set({ kind: 'status', status: 200, body: 'all good' });
    const result = await probeHttp(http({ url: upstream.url }), 2000);
    expect(result).toMatchObject({ ok: true, code: null, statusCode: 200 });
    expect(result.detail).toMatch(/^answered 200 in \d+ ms$/);
    expect(result.connectMs).toBeGreaterThanOrEqual(0);
    expect(result.firstByteMs).toBeGreaterThanOrEqual(result.connectMs!);
    expect(result.durationMs).toBeGreaterThanOrEqual(result.firstByteMs!);
  });

  it.each([
    [502, 'http_502'],
    [503, 'http_503'],
    [504, 'http_504'],
    [500, 'http_5xx'],
    [404, 'unexpected_status'],
  ])('names an answer %i as %s', async (status, code) => {
    upstream.set({ kind: 'status', status });
    const result = await probeHttp(http({ url: upstream.url }), 2000);
    expect(result).toMatchObject({ ok: false, code, statusCode: status });
    expect(result.detail).toBe(`answered ${status}, expected 200-299`);
  });

  it('explains a 502 in plain words', () => {
    expect(FAILURES.http_502.explanation).toMatch(/gateway .* no valid answer from the service behind it/);
  });

  it('accepts the codes and ranges the operator expects', async () => {
    upstream.set({ kind: 'status', status: 404 });
    expect((await probeHttp(http({ url: upstream.url, expectedStatus: '200-299, 404' }), 2000)).ok).toBe(true);
    upstream.set({ kind: 'status', status: 204 });
    expect((await probeHttp(http({ url: upstream.url, expectedStatus: '200,404' }), 2000)).code).toBe('unexpected_status');
  });

  it('times out on a service that takes the request and never answers', async () => {
    upstream.set({ kind: 'hang' });
    const result = await probeHttp(http({ url: upstream.url }), 500);
    expect(result).toMatchObject({ ok: false, code: 'timeout', statusCode: null });
    expect(result.durationMs).toBeGreaterThanOrEqual(450);
  });

  it('names a connection closed without an answer', async () => {
    upstream.set({ kind: 'close' });
    expect(await probeHttp(http({ url: upstream.url }), 2000)).toMatchObject({ ok: false, code: 'closed' });
  });

  it('says slow when a correct answer takes longer than the threshold', async () => {
    upstream.set({ kind: 'status', status: 200, delayMs: 150 });
    const result = await probeHttp(http({ url: upstream.url, slowMs: 50 }), 2000);
    expect(result).toMatchObject({ ok: true, code: 'slow' });
    expect(result.detail).toMatch(/slower than 50 ms/);
  });

  it('checks a keyword, its absence, and a JSON value', async () => {
    upstream.set({ kind: 'status', status: 200, body: JSON.stringify({ status: 'ok', checks: { db: 'up' } }), type: 'application/json' });
    expect((await probeHttp(http({ url: upstream.url, keyword: '"ok"' }), 2000)).ok).toBe(true);
    expect(await probeHttp(http({ url: upstream.url, keyword: 'maintenance' }), 2000)).toMatchObject({ ok: false, code: 'assertion', detail: 'the body does not contain "maintenance"' });
    expect(await probeHttp(http({ url: upstream.url, keyword: 'ok', keywordAbsent: true }), 2000)).toMatchObject({ ok: false, code: 'assertion' });
    expect((await probeHttp(http({ url: upstream.url, jsonPath: '$.checks.db', jsonValue: 'up' }), 2000)).ok).toBe(true);
    expect(await probeHttp(http({ url: upstream.url, jsonPath: '$.checks.db', jsonValue: 'down' }), 2000)).toMatchObject({ code: 'assertion', detail: '$.checks.db is up, expected down' });
    expect(await probeHttp(http({ url: upstream.url, jsonPath: '$.missing' }), 2000)).toMatchObject({ code: 'assertion', detail: '$.missing is not in the body' });
    upstream.set({ kind: 'status', status: 200, body: '<html>', type: 'text/html' });
    expect(await probeHttp(http({ url: upstream.url, jsonPath: '$.status', jsonValue: 'ok' }), 2000)).toMatchObject({ code: 'assertion', detail: 'the body is not JSON' });
  });

  it('follows redirects, or checks the redirect itself when told not to', async () => {
    const target = await startUpstream();
    try {
      upstream.set({ kind: 'status', status: 301, headers: { location: `${target.url}/healthy` } });
      target.set({ kind: 'status', status: 502 });
      expect((await probeHttp(http({ url: upstream.url }), 2000)).code).toBe('http_502');
      expect(target.requests).toContain('GET /healthy');
      expect(await probeHttp(http({ url: upstream.url, followRedirects: false }), 2000)).toMatchObject({ code: 'unexpected_status', statusCode: 301 });
      expect((await probeHttp(http({ url: upstream.url, followRedirects: false, expectedStatus: '301' }), 2000)).ok).toBe(true);
    } finally {
      await target.stop();
    }
  });

  it('sends the method, headers and body it is given', async () => {
    upstream.set({ kind: 'status', status: 200 });
    upstream.requests.length = 0;
    await probeHttp(http({ url: `${upstream.url}/ping?x=1`, method: 'POST', body: '{}', headers: { 'X-Token': 'secret' } }), 2000);
    expect(upstream.requests).toEqual(['POST /ping?x=1']);
  });

  it('says refused for a port nobody listens on, over HTTP and TCP', async () => {
    const port = await closedPort();
    expect(await probeHttp(http({ url: `http://127.0.0.1:${port}/` }), 2000)).toMatchObject({ ok: false, code: 'refused' });
    expect(await probeTcp({ host: '127.0.0.1', port }, 2000)).toMatchObject({ ok: false, code: 'refused' });
  });

  it('says a TCP port is open when it accepts a connection', async () => {
    const result = await probeTcp({ host: '127.0.0.1', port: upstream.port }, 2000);
    expect(result).toMatchObject({ ok: true, code: null });
    expect(result.detail).toMatch(new RegExp(`^port ${upstream.port} open`));
  });

  it('says dns for a name that does not resolve', async () => {
    expect(await probeHttp(http({ url: 'http://gatewatch-test.invalid/' }), 3000)).toMatchObject({ ok: false, code: 'dns' });
    expect(await probeTcp({ host: 'gatewatch-test.invalid', port: 80 }, 3000)).toMatchObject({ ok: false, code: 'dns' });
  });
});

describe('TLS', () => {
  let expired: Upstream;
  let soon: Upstream;
  beforeAll(async () => {
    const now = Date.now();
    expired = await startUpstream({ tls: await selfSignedCertificate(new Date(now - 60 * DAY), new Date(now - 2 * DAY)) });
    soon = await startUpstream({ tls: await selfSignedCertificate(new Date(now - DAY), new Date(now + 5.5 * DAY)) });
  });
  afterAll(async () => {
    await expired.stop();
    await soon.stop();
  });

  it('fails with tls on an expired self-signed certificate', async () => {
    const result = await probeHttp(http({ url: expired.url }), 3000);
    expect(result).toMatchObject({ ok: false, code: 'tls', statusCode: null });
    expect(result.detail).toMatch(/expired|not trusted/);
  });

  it('with TLS errors ignored, connects and warns of the expiry', async () => {
    const gone = await probeHttp(http({ url: expired.url, ignoreTlsErrors: true, certExpiryDays: 14 }), 3000);
    expect(gone).toMatchObject({ ok: true, code: null, statusCode: 200 });
    expect(gone.detail).toMatch(/the certificate expired 2 days ago$/);
    const near = await probeHttp(http({ url: soon.url, ignoreTlsErrors: true, certExpiryDays: 14 }), 3000);
    expect(near.detail).toMatch(/the certificate expires in 5 days$/);
    expect(Math.abs(near.certExpiresAt!.getTime() - (Date.now() + 5.5 * DAY))).toBeLessThan(DAY);
    expect((await probeHttp(http({ url: soon.url, ignoreTlsErrors: true, certExpiryDays: 3 }), 3000)).detail).not.toMatch(/certificate/);
  });
});

describe('behind a real nginx', () => {
  let nginx: Nginx;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    const stopped = await closedPort();
    nginx = await startNginx(`server { listen 127.0.0.1:${port}; location / { proxy_pass http://127.0.0.1:${stopped}; ${PROXY_HEADERS} } }`, [port]);
  });
  afterAll(() => nginx?.stop());

  it("names nginx's own 502 for a stopped service behind it", async () => {
    const result = await probeHttp(http({ url: `http://127.0.0.1:${port}/`, keyword: 'ok' }), 3000);
    expect(result).toMatchObject({ ok: false, code: 'http_502', statusCode: 502 });
  });
});
