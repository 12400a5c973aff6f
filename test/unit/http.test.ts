import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { clientAddress, parseTrustProxy } from '@/lib/client-address';
import { RateLimiter } from '@/lib/http/rate-limit';
import { MAX_BODY_DEPTH, MAX_FORM_FIELDS, parseBracketForm, readRequestBody } from '@/lib/http/request-body';

describe('rate limiter', () => {
  it('lets a burst through, then refuses with the wait until the next token', () => {
    const limiter = new RateLimiter(60); // one a second
    const now = 1_000_000;
    for (let i = 0; i < 60; i++) expect(limiter.take('key', now).ok).toBe(true);
    expect(limiter.take('key', now)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('other', now).ok).toBe(true);
    expect(limiter.take('key', now + 1000).ok).toBe(true);
  });
});

describe('request bodies', () => {
  it('reads Statuspage form fields with brackets into objects and lists', () => {
    const form = new URLSearchParams('incident[name]=502s&incident[components][abc]=major_outage&incident[component_ids][]=a&incident[component_ids][]=b&x=1');
    expect(parseBracketForm(form)).toEqual({ incident: { name: '502s', components: { abc: 'major_outage' }, component_ids: ['a', 'b'] }, x: '1' });
  });

  it('refuses field names that could reach object prototypes', () => {
    expect(() => parseBracketForm(new URLSearchParams('incident[__proto__][x]=1'))).toThrow(/form field/);
    expect(({} as { x?: unknown }).x).toBeUndefined();
    for (const name of ['constructor[x]', 'incident[toString]', 'incident[prototype][x]']) {
      expect(() => parseBracketForm(`${name}=1`), name).toThrow(/form field/);
    }
  });

  it('reads a form as Rails does: the last of a repeated name, lists by index or of objects', () => {
    expect(parseBracketForm('x=1&x=2&list[1]=b&list[0]=a&rows[][name]=r')).toEqual({ x: '2', list: ['a', 'b'], rows: [{ name: 'r' }] });
  });

  it('refuses a form past its limits instead of cutting it short', () => {
    const fields = (count: number, name = (index: number) => `f${index}`) => Array.from({ length: count }, (_, index) => `${name(index)}=1`).join('&');
    expect(Object.keys(parseBracketForm(fields(MAX_FORM_FIELDS)))).toHaveLength(MAX_FORM_FIELDS);
    expect(() => parseBracketForm(fields(MAX_FORM_FIELDS + 1))).toThrow(expect.objectContaining({ status: 413, code: 'payload_too_large' }));
    expect(() => parseBracketForm(`list[${MAX_FORM_FIELDS + 1}]=x`)).toThrow(expect.objectContaining({ status: 413 }));
    expect(parseBracketForm(`a${'[a]'.repeat(MAX_BODY_DEPTH - 1)}=x`)).toBeTruthy();
    expect(() => parseBracketForm(`a${'[a]'.repeat(MAX_BODY_DEPTH)}=x`)).toThrow(expect.objectContaining({ status: 400, code: 'too_deep' }));
  });

  it('refuses bodies that are too large even without a Content-Length', async () => {
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const request = new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    await expect(readRequestBody(request)).rejects.toMatchObject({ status: 413 });
  });

  it('refuses a NUL character anywhere, in JSON or a form, but not the text \\u0000 typed out', async () => {
    const post = (body: string, type = 'application/json') => readRequestBody(new Request('http://x/', { method: 'POST', headers: { 'content-type': type }, body }));
    await expect(post(JSON.stringify({ component: { name: 'a\u0000b' } }))).rejects.toMatchObject({ status: 400, code: 'invalid_text' });
    await expect(post(JSON.stringify({ list: [{ ['k\u0000']: 1 }] }))).rejects.toMatchObject({ status: 400, code: 'invalid_text' });
    await expect(post('component[name]=a%00b', 'application/x-www-form-urlencoded')).rejects.toMatchObject({ status: 400, code: 'invalid_text' });
    expect(await post(JSON.stringify({ path: 'C:\\u0000' }))).toEqual({ path: 'C:\\u0000' });
  });
});


describe('the client address behind proxies', () => {
  const request = (peer: string, forwardedFor?: string) =>
    ({ socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

  it('is the peer unless a proxy is trusted', () => {
    expect(clientAddress(request('10.0.0.2', '198.51.100.7'), parseTrustProxy('false'))).toBe('10.0.0.2');
  });

  it('takes the entry the trusted proxy added, never the ones the client sent', () => {
    const oneHop = parseTrustProxy('true');
    // The client sent "198.51.100.7"; the proxy appended the address it saw, 203.0.113.5.
    expect(clientAddress(request('10.0.0.2', '198.51.100.7, 203.0.113.5'), oneHop)).toBe('203.0.113.5');
    expect(clientAddress(request('10.0.0.2'), oneHop)).toBe('10.0.0.2');
    // Two proxies: a CDN, then the load balancer.
    expect(clientAddress(request('10.0.0.2', '198.51.100.7, 203.0.113.5, 172.16.0.9'), parseTrustProxy('2'))).toBe('203.0.113.5');
    // Or by their addresses: the nearest address that is not one of them.
    const byAddress = parseTrustProxy('loopback, 10.0.0.0/8');
    expect(clientAddress(request('127.0.0.1', '198.51.100.7, 203.0.113.5, 10.1.2.3'), byAddress)).toBe('203.0.113.5');
    expect(clientAddress(request('192.0.2.1', '198.51.100.7'), byAddress)).toBe('192.0.2.1');
  });

  it('refuses a setting it cannot read', () => {
    expect(() => parseTrustProxy('not an address')).toThrow();
  });
});
