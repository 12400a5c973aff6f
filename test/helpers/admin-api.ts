// A demo page on a real database of one provider, API keys of each scope, and a way to call the
// admin API's route handlers as Next calls them. Each provider's test file runs in its own process
// (the process's settings are read once), so DATABASE_URL is set here for the whole file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Provider } from '@/lib/db';
import { createTestDatabase, type TestDatabase } from './databases';

export type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  key?: string;
  params?: Record<string, string>;
  method?: string;
  body?: string;
  type?: string;
  headers?: Record<string, string>;
}

export interface AdminApiFixture {
  database: TestDatabase;
  pageId: string;
  keys: { all: string; incidents: string; read: string; components: string; revoked: string };
  call: (handler: unknown, options?: CallOptions) => Promise<Response>;
}

export const json = (value: unknown) => JSON.stringify(value);

/** Registers the set-up and clean-up; the returned object is filled in before the first test. */
export function useAdminApiFixture(provider: Provider, name: string): AdminApiFixture {
  const fixture = {} as AdminApiFixture;
  let snapshotFile: string;
  beforeAll(async () => {
    fixture.database = await createTestDatabase(provider);
    process.env.DATABASE_URL = fixture.database.url;
    process.env.ADMIN_API_RATE_PER_MINUTE = '1000';
    snapshotFile = path.join(os.tmpdir(), `gatewatch-${name}-${provider}-${Date.now()}-snapshot.json`);
    process.env.SNAPSHOT_PATH = snapshotFile;
    const { seedDemo } = await import('@/lib/seed/demo');
    const { createApiKey, revokeApiKey } = await import('@/lib/api-keys/api-keys');
    const { SYSTEM_ACTOR } = await import('@/lib/audit/audit-log');
    const db = fixture.database.db;
    await seedDemo(db, { pageUrl: 'https://status.example.com' });
    fixture.pageId = (await db.page.findFirstOrThrow()).id;
    const make = async (scopes: ('read' | 'incidents' | 'components' | 'admin')[]) => (await createApiKey(db, { name: scopes.join('+'), scopes }, SYSTEM_ACTOR)).key;
    const revoked = await createApiKey(db, { name: 'old', scopes: ['admin'] }, SYSTEM_ACTOR);
    await revokeApiKey(db, revoked.record.id, SYSTEM_ACTOR);
    fixture.keys = { all: await make(['admin']), incidents: await make(['incidents']), read: await make(['read']), components: await make(['components']), revoked: revoked.key };
  });
  afterAll(async () => {
    const { getDb } = await import('@/lib/db');
    await getDb().$disconnect();
    await fixture.database?.drop();
    if (snapshotFile) fs.rmSync(snapshotFile, { force: true });
  });
  fixture.call = (handler, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.body !== undefined) headers['content-type'] = options.type ?? 'application/json';
    const request = new Request('http://localhost/api/v1/x', { method: options.method ?? 'GET', headers, body: options.body });
    return (handler as Handler)(request, { params: Promise.resolve({ pageId: fixture.pageId, ...options.params }) });
  };
  return fixture;
}
