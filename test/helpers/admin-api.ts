// A demo page on a real database of one provider, API keys of each scope, and the real Gatewatch
// server (server.ts, as `npm start` runs it) on that database, called over HTTP. Calling the route
// handlers in-process hid bugs: Next decides what a handler receives (no params on a route without
// dynamic segments), and the custom server and Next's bundle each load their own copy of lib/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createApiKey, revokeApiKey } from '@/lib/api-keys/api-keys';
import { SYSTEM_ACTOR } from '@/lib/access/permissions';
import type { Provider } from '@/lib/db/client';
import type { ApiKeyScope } from '@/lib/schemas/api-key';
import { seedDemo } from '@/lib/seed/demo';
import { startGatewatch, type GatewatchProcess } from '@/scripts/lib/gatewatch-process';
import { createTestDatabase, type TestDatabase } from './databases';

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <key>`. */
  key?: string;
  body?: string;
  /** The body's content type; application/json when a body is sent. */
  type?: string;
  headers?: Record<string, string>;
}

export interface CallOptions extends RequestOptions {
  /** Another page's id in the path, instead of the demo page's. */
  pageId?: string;
}

export interface AdminApiFixture {
  database: TestDatabase;
  server: GatewatchProcess;
  pageId: string;
  keys: { all: string; incidents: string; read: string; components: string; revoked: string };
  /** `method` on /api/v1/pages/{page_id}`path`: `call('PATCH', `/incidents/${id}`, { key, body })`; '' is the page itself. */
  call(method: string, path: string, options?: CallOptions): Promise<Response>;
  /** `method` on any path of the server: `request('GET', '/api/v1/pages', { key })`. */
  request(method: string, path: string, options?: RequestOptions): Promise<Response>;
  /** The environment of another server on this database: its own snapshot and auth secret, a high rate limit. */
  serverEnv(): Record<string, string>;
  /** Another real server on this database, with `env` added (e.g. a low rate limit); the caller stops it. */
  startServer(env?: Record<string, string>): Promise<GatewatchProcess>;
}

export const json = (value: unknown) => JSON.stringify(value);

/**
 * Sends `method` to `baseUrl` + `path`. The body is read at once, so no response keeps a connection
 * busy when a test only looks at its status; the returned Response holds the same status, headers
 * and bytes.
 */
export async function send(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['content-type'] = options.type ?? 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.body, redirect: 'manual' });
  const body = await response.arrayBuffer();
  const noBody = [101, 204, 205, 304].includes(response.status);
  return new Response(noBody ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Registers the set-up and clean-up; the returned object is filled in before the first test. */
/** `env` is added to every server's environment (the fixture's own and those it starts). */
export function useAdminApiFixture(provider: Provider, name: string, env: Record<string, string> = {}): AdminApiFixture {
  const fixture = {} as AdminApiFixture;
  let dir: string | undefined;

  fixture.serverEnv = () => {
    // Each server keeps its own snapshot and auth secret, as separate instances would.
    const own = fs.mkdtempSync(path.join(dir!, 'server-'));
    return {
      DATABASE_URL: fixture.database.url,
      SNAPSHOT_PATH: path.join(own, 'snapshot.json'),
      AUTH_SECRET_PATH: path.join(own, 'auth-secret'),
      // The tests send hundreds of requests with each key; the rate-limit test starts its own server.
      ADMIN_API_RATE_PER_MINUTE: '100000',
      // The demo is seeded below, in this process, before the server starts.
      DEMO_SEED: 'never',
      // Writes must show through their own announcement, not the safety-net timer (and tests count rebuilds).
      SNAPSHOT_REFRESH_SECONDS: '3600',
      ...env,
    };
  };
  fixture.startServer = (env = {}) => startGatewatch({ env: { ...fixture.serverEnv(), ...env } });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `gatewatch-${name}-${provider}-`));
    fixture.database = await createTestDatabase(provider);
    const db = fixture.database.db;
    await seedDemo(db, { pageUrl: 'https://status.example.com' });
    fixture.pageId = (await db.page.findFirstOrThrow()).id;
    const make = async (scopes: ApiKeyScope[]) => (await createApiKey(db, { name: scopes.join('+'), scopes }, SYSTEM_ACTOR)).key;
    const revoked = await createApiKey(db, { name: 'old', scopes: ['admin'] }, SYSTEM_ACTOR);
    await revokeApiKey(db, revoked.record.id, SYSTEM_ACTOR);
    fixture.keys = { all: await make(['admin']), incidents: await make(['incidents']), read: await make(['read']), components: await make(['components']), revoked: revoked.key };
    fixture.server = await fixture.startServer();
  });
  afterAll(async () => {
    // The server first: it holds connections to the database about to be dropped.
    await fixture.server?.stop();
    await fixture.database?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  fixture.request = (method, path, options) => send(fixture.server.url, method, path, options);
  fixture.call = (method, path, { pageId = fixture.pageId, ...options } = {}) => fixture.request(method, `/api/v1/pages/${pageId}${path}`, options);
  return fixture;
}
