// Every answer of the production server carries X-Request-Id, whoever writes it (the fast path, a
// refusal in server.ts, a page Next renders, the admin API), and an unexpected error is logged under
// that id, which a 500 of the API gives back.
import { describe, expect, it } from 'vitest';
import { useDemoServer } from '../helpers/demo-server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const demo = useDemoServer('request-id');

/** The status and X-Request-Id of `method` `pathname`, the body read so the connection is free. */
async function idOf(pathname: string, init: RequestInit = {}): Promise<{ status: number; id: string | null; body: string }> {
  const response = await fetch(`${demo.server.url}${pathname}`, { redirect: 'manual', ...init });
  return { status: response.status, id: response.headers.get('x-request-id'), body: await response.text() };
}

const auth = () => ({ authorization: `Bearer ${demo.key}` });

describe('X-Request-Id', () => {
  it('is on every kind of answer, a new one each time', async () => {
    const answers = {
      'a public page from memory': await idOf('/'),
      'public JSON from memory': await idOf('/api/v2/summary.json'),
      'a 405 of the fast path': await idOf('/api/v2/summary.json', { method: 'POST' }),
      'a page Next renders': await idOf('/docs/api'),
      'the admin log-in, a redirect from Next': await idOf('/admin/login'),
      'an admin API success': await idOf('/api/v1/pages', { headers: auth() }),
      'an admin API refusal': await idOf('/api/v1/pages'),
      'an unknown admin API path': await idOf('/api/v1/nothing', { headers: auth() }),
      'a refusal in server.ts': await idOf('/admin/%00'),
      'a form refused before Next': await idOf('/admin/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([what, { status }]) => [what, status]))).toEqual({
      'a public page from memory': 200,
      'public JSON from memory': 200,
      'a 405 of the fast path': 405,
      'a page Next renders': 200,
      'the admin log-in, a redirect from Next': 307,
      'an admin API success': 200,
      'an admin API refusal': 401,
      'an unknown admin API path': 404,
      'a refusal in server.ts': 400,
      'a form refused before Next': 415,
    });
    for (const [what, { id }] of Object.entries(answers)) expect(id, what).toMatch(UUID);
    const ids = Object.values(answers).map(({ id }) => id);
    expect(new Set(ids).size).toBe(ids.length);
    // The same bytes from memory, a new id each time.
    const [first, second] = [await idOf('/'), await idOf('/')];
    expect(first.body).toBe(second.body);
    expect(first.id).not.toBe(second.id);
  });

  it('keeps a well-formed id a proxy in front sent, and replaces any other', async () => {
    for (const pathname of ['/', '/docs/api', '/api/v1/pages']) {
      expect((await idOf(pathname, { headers: { ...auth(), 'x-request-id': 'edge-7f3a.b_c' } })).id, pathname).toBe('edge-7f3a.b_c');
      for (const unsafe of ['a b', 'x'.repeat(65), 'id"<script>', '']) {
        expect((await idOf(pathname, { headers: { ...auth(), 'x-request-id': unsafe } })).id, `${pathname} ${unsafe}`).toMatch(UUID);
      }
    }
  });

  it('names an unexpected error in the log, in the API 500 and for a page Next could not render', async () => {
    // Tables gone from under the server: neither the admin API nor the log-in page can read them.
    await demo.db.$executeRawUnsafe('ALTER TABLE "User" RENAME TO "User_away"');
    await demo.db.$executeRawUnsafe('ALTER TABLE "Incident" RENAME TO "Incident_away"');
    try {
      const api = await fetch(`${demo.server.url}/api/v1/pages/${demo.pageId}/incidents`, { headers: { ...auth(), 'x-request-id': 'api-failure-1' } });
      expect(api.status).toBe(500);
      expect(api.headers.get('x-request-id')).toBe('api-failure-1');
      const { error } = await api.json();
      expect(error).toMatchObject({ code: 'internal_error', details: [{ request_id: 'api-failure-1' }] });
      expect(error.message).not.toMatch(/table|prisma|main\./i);
      const page = await idOf('/admin/login', { headers: { 'x-request-id': 'page-failure-1' } });
      expect([page.status, page.id]).toEqual([500, 'page-failure-1']);
    } finally {
      await demo.db.$executeRawUnsafe('ALTER TABLE "Incident_away" RENAME TO "Incident"');
      await demo.db.$executeRawUnsafe('ALTER TABLE "User_away" RENAME TO "User"');
    }
    const logged = demo.server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: string; message: string; requestId?: string; route?: string });
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', message: 'admin API: unexpected error', requestId: 'api-failure-1' }));
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', message: 'unexpected error in a page', requestId: 'page-failure-1', route: expect.stringContaining('login') }));
    // Back to normal once the tables are.
    expect((await idOf(`/api/v1/pages/${demo.pageId}/incidents`, { headers: auth() })).status).toBe(200);
  });
});
