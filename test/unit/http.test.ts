import { describe, expect, it } from 'vitest';
import { RateLimiter } from '@/lib/http/rate-limit';
import { parseBracketForm, readRequestBody } from '@/lib/http/request-body';

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

